"""The right of access and portability: everything held on a person, found by any email."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone, translation

from people import audit
from people.contact import Contact
from people.erasure import erase_person
from people.merging import merge_people
from people.models import Attendance, AuditEvent, Person, Project
from people.sources import apply_contacts

pytestmark = pytest.mark.django_db


@pytest.fixture
def lieve(locales, admin_user):
    """Known to two agencies, one old email only in a source record, merged with a duplicate,
    at an edition, in a project, viewed by staff."""
    from editions.models import EditionPage

    apply_contacts(
        "wbmusiques",
        "crm",
        [
            Contact(
                "m-1",
                timezone.now(),
                "Lieve",
                "De Smet",
                ["lieve@example.org", "l.desmet@old.example"],
                city="Gent",
                language="nl",
                consent=False,
            )
        ],
    )
    apply_contacts(
        "wbimages",
        "crm",
        [Contact("i-9", timezone.now(), "Lieve", "De Smet", ["lieve@studio.example"])],
    )
    first = Person.objects.get(emails__email="lieve@example.org")
    second = Person.objects.get(emails__email="lieve@studio.example")
    merge_people(first, second, admin_user)
    edition = EditionPage.objects.get(locale=locales["fr"], slug="printemps-2025")
    Attendance.objects.create(person=first, edition=edition, role="speaker")
    Project.objects.create(title="Kompas").participants.add(first)
    audit.record(admin_user, audit.Action.VIEW, people=[first])
    return first


def run(*args) -> str:
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("people_subject_access", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_any_email_the_person_has_finds_everything_held(lieve):
    for email in ("LIEVE@example.org", "l.desmet@old.example", "lieve@studio.example"):
        out, _ = run(email)
        doc = json.loads(out)
        assert [h["person"]["id"] for h in doc["people"]] == [lieve.pk], email
    human = doc["people"][0]
    assert human["person"]["contact_consent"] is False
    assert human["person"]["provenance"]["city"]["agency"] == "wbmusiques"
    assert {(r["agency"], r["source_id"]) for r in human["source_records"]} == {
        ("wbmusiques", "m-1"),
        ("wbimages", "i-9"),
    }
    assert all(r["modified_at_source"] and r["first_seen_at"] for r in human["source_records"])
    assert len(human["merged_people"]) == 1
    assert human["merges"][0]["merged_by"] == "admin"
    assert human["duplicate_decisions"][0]["status"] == "merged"
    assert human["attendance"][0]["role"] == "speaker"
    assert human["projects"][0]["title"] == "Kompas"
    actions = [entry["action"] for entry in human["log"]]
    assert "people.view" in actions and "people.merge" in actions


def test_the_readable_document_is_in_the_requesters_language(lieve, tmp_path):
    output = tmp_path / "access.html"
    _, err = run("lieve@example.org", "--format", "html", "--output", str(output))
    html = output.read_text()
    assert '<html lang="nl">' in html  # her own language
    assert "Gent" in html and "wbimages" in html
    assert "Uw persoonsgegevens" in html
    # Her attendance reads in Dutch too, not as the stored codes.
    with translation.override("nl"):
        speaker = str(Attendance.Role.SPEAKER.label)
    assert speaker in html and "— speaker" not in html
    run("lieve@example.org", "--format", "html", "--language", "en", "--output", str(output))
    assert "Your personal data" in output.read_text()


def test_nobody_matching_is_said_clearly(db):
    out, err = run("nobody@example.org")
    assert json.loads(out)["people"] == []
    assert "Nobody in the directory has the email nobody@example.org" in err


def test_an_erased_person_is_reported_as_erased_with_nothing_held(lieve):
    erase_person(lieve)
    out, err = run("lieve@studio.example", "--format", "html", "--language", "en")
    assert "Nobody in the directory" in err and "erased on request" in err
    assert "was erased on request" in out and "De Smet" not in out


def test_a_malformed_email_is_bad_usage(db):
    with pytest.raises(CommandError) as error:
        run("not an email")
    assert error.value.returncode == 2


def test_the_export_is_recorded_and_in_the_next_export(lieve):
    run("lieve@example.org")
    out, _ = run("lieve@example.org")
    log = json.loads(out)["people"][0]["log"]
    assert [e["action"] for e in log].count("people.subject_access") == 1  # the previous one
    assert AuditEvent.objects.filter(action="subject_access").count() == 2


def test_the_person_page_offers_the_download_to_the_data_protection_group(client, lieve):
    from django.contrib.auth.models import Group, User

    officer = User.objects.create_user("dpo", password="x")
    officer.groups.add(Group.objects.get(name="Data protection"))
    client.force_login(officer)
    page = client.get(reverse("people:inspect", args=[lieve.pk])).content.decode()
    url = reverse("people:subject_access", args=[lieve.pk])
    assert url in page
    response = client.get(url, {"format": "html", "language": "fr"})
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Vos données personnelles" in response.content.decode()
    found = client.get(reverse("people_subject_access"), {"email": "l.desmet@old.example"})
    assert reverse("people:inspect", args=[lieve.pk]) in found.content.decode()
    assert AuditEvent.objects.filter(action="subject_access", username="dpo").exists()


def test_what_other_apps_hold_is_included(lieve, locales, tmp_path):
    from editions.models import EditionPage
    from outcomes.ladder import create_encounter

    apply_contacts(
        "wbimages", "crm", [Contact("o-1", timezone.now(), "Omar", "Other", ["omar@example.org"])]
    )
    edition = EditionPage.objects.get(locale=locales["fr"], slug="printemps-2025")
    create_encounter(
        [lieve, Person.objects.get(email="omar@example.org")],
        edition=edition,
        notes="Texte pour un podcast.",
    )
    out, _ = run("lieve@example.org")
    encounters = json.loads(out)["people"][0]["other"]["encounters"]["items"]
    assert [(e["edition"], e["notes"]) for e in encounters] == [
        (edition.title, "Texte pour un podcast.")
    ]
    output = tmp_path / "access.html"
    run("lieve@example.org", "--format", "html", "--language", "en", "--output", str(output))
    html = output.read_text()
    assert "<h2>Encounters</h2>" in html and "Texte pour un podcast." in html
