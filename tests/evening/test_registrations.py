"""Registration lists in: columns by header in three languages, the sync's identity rules,
all rows or none, the same form for the command and the admin."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import Workbook

from evening.registrations import import_registrations
from people.models import Attendance, Person, PersonEmail, PossibleDuplicate, SourceRecord
from people.normalize import normalize_name

pytestmark = pytest.mark.django_db

PRETIX = (
    "Order code,Order date,Status,Email,Attendee name: Given name,Attendee name: Family name,"
    "Attendee email,Company\n"
    "ABC12,2027-03-01,paid,buyer@evening.example,Lieve,Peeters,lieve@evening.example,Atelier L\n"
    "ABC13,2027-03-01,canceled,buyer@evening.example,Marc,Dubois,marc@evening.example,Studio M\n"
)
GOOGLE_FR = (
    "Horodateur;Adresse e-mail;Prénom;Nom;Organisation;Secteur\n"
    "01/03/2027;sofie@evening.example;Sofie;Janssens;Kunsthuis;Musique\n"
)
EVENTBRITE = (
    "Order #,First Name,Last Name,Email,Attendee Status,Company\n"
    "1,Ana,Lopez,ana@evening.example,Attending,Lopez Design\n"
    "2,Ben,Ward,ben@evening.example,Waitlist,\n"
)


def test_pretix_export_registers_people_by_the_attendee_email(edition):
    report = import_registrations(edition, PRETIX.encode(), "orders.csv")
    assert report.ok, report.row_errors
    assert report.columns["email"] == "Attendee email"  # not the buyer's
    lieve = Person.objects.get(emails__email="lieve@evening.example")
    assert lieve.organisation.name == "Atelier L"
    statuses = dict(
        Attendance.objects.filter(edition=edition).values_list("person__first_name", "status")
    )
    assert statuses == {"Lieve": "registered", "Marc": "cancelled"}
    record = SourceRecord.objects.get(person=lieve)
    assert record.channel == "registration"


def test_french_google_forms_export_with_semicolons_and_a_sector(edition, sectors):
    report = import_registrations(edition, GOOGLE_FR.encode("cp1252"), "reponses.csv")
    assert report.ok
    sofie = Person.objects.get(emails__email="sofie@evening.example")
    assert list(sofie.sectors.values_list("slug", flat=True)) == ["music"]
    assert "Horodateur" in report.ignored


def test_eventbrite_waitlist_and_xlsx(edition):
    book = Workbook()
    sheet = book.active
    for line in EVENTBRITE.splitlines():
        sheet.append(line.split(","))
    data = io.BytesIO()
    book.save(data)
    report = import_registrations(edition, data.getvalue(), "attendees.xlsx")
    assert report.ok
    assert report.statuses == {"registered": 1, "waiting_list": 1}
    assert (
        Attendance.objects.get(person__first_name="Ben", edition=edition).status == "waiting_list"
    )


def test_known_email_is_the_same_person_and_a_same_name_is_a_possible_duplicate(edition):
    known = Person.objects.create(first_name="Lieve", last_name="Peeters", email="x@y.example")
    PersonEmail.objects.create(person=known, email="lieve@evening.example")
    other = Person.objects.create(
        first_name="Marc",
        last_name="Dubois",
        normalized_name=normalize_name("Marc Dubois"),
        phone="3222222222",
    )
    csv = (
        "Email,First name,Last name,Phone\n"
        "LIEVE@evening.example,Lieve,Peeters,\n"
        "marc2@evening.example,Marc,Dubois,02 222 22 22\n"
    )
    preview = import_registrations(edition, csv.encode(), "r.csv", dry_run=True)
    assert [row.resolution for row in preview.preview] == ["known", "duplicate"]
    assert not Attendance.objects.filter(edition=edition).exists()  # a dry run changes nothing

    import_registrations(edition, csv.encode(), "r.csv")
    assert Attendance.objects.filter(edition=edition, person=known).exists()
    marc = Person.objects.get(emails__email="marc2@evening.example")
    assert marc != other
    assert PossibleDuplicate.objects.filter(
        first_id=min(marc.pk, other.pk), second_id=max(marc.pk, other.pk)
    ).exists()


def test_one_wrong_row_imports_nothing_and_names_its_line(edition):
    csv = (
        "Email,First name,Last name,Status\n"
        "ok@evening.example,Ok,Person,registered\n"
        "\n"
        "not-an-email,Bad,Email,registered\n"
        "fine@evening.example,Fine,Person,maybe\n"
    )
    report = import_registrations(edition, csv.encode(), "r.csv")
    assert [line for line, _message in report.row_errors] == [4, 5]
    assert "not-an-email" in report.row_errors[0][1]
    assert "maybe" in report.row_errors[1][1]
    assert not Person.objects.filter(emails__email="ok@evening.example").exists()


def test_reimport_never_undoes_a_check_in(edition):
    import_registrations(edition, PRETIX.encode(), "orders.csv")
    Attendance.objects.filter(person__first_name="Lieve").update(status="attended")
    import_registrations(edition, PRETIX.encode(), "orders.csv")
    assert Attendance.objects.get(person__first_name="Lieve", edition=edition).status == "attended"
    assert Person.objects.filter(first_name="Lieve").count() == 1


def test_command_json_and_bad_usage(edition, tmp_path, capsys):
    path = tmp_path / "orders.csv"
    path.write_text(PRETIX)
    call_command("edition_registrations", edition.slug, str(path), "--dry-run", "--json")
    document = json.loads(capsys.readouterr().out)
    assert document["dry_run"] is True and document["people"]["new"] == 2
    with pytest.raises(CommandError) as error:
        call_command("edition_registrations", "no-such-edition", str(path))
    assert error.value.returncode == 2 and "EDITION" in str(error.value)
    bad = tmp_path / "bad.csv"
    bad.write_text("Email,First name\nnope,X\n")
    with pytest.raises(CommandError) as error:
        call_command("edition_registrations", edition.slug, str(bad))
    assert error.value.returncode == 1


def test_hostile_files_are_refused_with_a_reason(edition, settings):
    from evening.reading import TableError

    with pytest.raises(TableError, match="XLSX"):
        import_registrations(edition, b"PK\x03\x04garbage", "r.xlsx")
    with translation.override("en"), pytest.raises(TableError, match="name or an email"):
        import_registrations(edition, b"foo,bar\n1,2\n", "r.csv")
    settings.PASSERELLES_MAX_SPREADSHEET_BYTES = 10
    with pytest.raises(TableError):
        import_registrations(edition, PRETIX.encode(), "r.csv")


def test_the_demo_registers_people_for_the_next_edition_once(edition):
    from passerelles.demo.evening import load_demo_evening

    assert load_demo_evening() == 140
    statuses = set(Attendance.objects.filter(edition=edition).values_list("status", flat=True))
    assert statuses == {"registered", "waiting_list", "cancelled"}
    assert Attendance.objects.filter(edition=edition, role="staff").count() == 6
    assert load_demo_evening() == 0


def test_a_buyers_email_never_becomes_an_attendees_identity(edition):
    csv = (
        "Order code,Email,Attendee name: Given name,Attendee name: Family name,Attendee email\n"
        "X1,buyer@evening.example,Ana,Guest,\n"
    )
    report = import_registrations(edition, csv.encode(), "orders.csv")
    assert report.ok and "Email" in report.ignored
    ana = Attendance.objects.get(edition=edition).person
    assert ana.first_name == "Ana"
    assert not PersonEmail.objects.filter(email="buyer@evening.example").exists()


def test_the_admin_screen_previews_then_imports_with_the_same_form(staff_client, edition):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client = staff_client("view_person", "add_person")
    url = reverse("evening_import")
    assert client.get(url, {"edition": edition.slug}).status_code == 200

    def send(content: str, dry_run: bool):
        data = {"edition": edition.slug, "file": SimpleUploadedFile("r.csv", content.encode())}
        if dry_run:
            data["dry_run"] = "on"
        return client.post(url, data).content.decode()

    page = send(PRETIX, dry_run=True)
    assert "Lieve" in page and "Attendee email" in page
    assert not Attendance.objects.filter(edition=edition).exists()
    send(PRETIX, dry_run=False)
    assert Attendance.objects.filter(edition=edition).count() == 2
    page = send("Email,First name\nnope,X\n", dry_run=False)
    assert "nope" in page and "Ligne 2" in page  # the admin speaks French here
    refused = client.post(url, {"edition": "nope", "file": SimpleUploadedFile("r.csv", b"x")})
    assert "Aucune édition" in refused.content.decode()
