"""Spreadsheet import (crm_import) and directory export (people_export)."""

import csv
import io
import json

import openpyxl
import pytest
from django.core.management import call_command

from crm_sync.spreadsheets import SpreadsheetError, import_spreadsheet
from people.export import export_people
from people.models import Person, SourceRecord

pytestmark = pytest.mark.django_db

BELGIAN_CSV = (
    "Prénom;Nom;E-mail;Organisation;Fonction;Ville\r\n"
    "Hélène;Lefèvre;helene@atelier.example;Atelier Nord;Scénographe;Liège\r\n"
    "\r\n"
    "Jan;Van den Bossche;jan@vdb.example;Studio VDB;Architect;Gent\r\n"
)


def run_import(tmp_path, content: bytes, name: str, *args) -> tuple[int, str, str]:
    path = tmp_path / name
    path.write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("crm_import", "wbdm", str(path), *args, stdout=out, stderr=err)
        status = 0
    except SystemExit as exit:
        status = exit.code
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("encoding", "bom"), [("utf-8", False), ("utf-8", True), ("cp1252", False)]
)
def test_belgian_excel_csv_is_imported_whatever_its_encoding(tmp_path, encoding, bom):
    data = BELGIAN_CSV.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    status, out, err = run_import(tmp_path, data, "contacts.csv")
    assert status == 0, err
    assert "2 new" in out
    helene = Person.objects.get(email="helene@atelier.example")
    assert (helene.first_name, helene.last_name, helene.city) == ("Hélène", "Lefèvre", "Liège")
    assert helene.provenance["email"]["agency"] == "wbdm"
    assert SourceRecord.objects.filter(channel="import").count() == 2


def test_importing_the_same_file_twice_updates_instead_of_duplicating(tmp_path):
    run_import(tmp_path, BELGIAN_CSV.encode(), "contacts.csv")
    status, out, _ = run_import(tmp_path, BELGIAN_CSV.encode(), "contacts.csv")
    assert status == 0
    assert "0 new" in out
    assert Person.objects.count() == 2


def test_xlsx_is_imported(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["first name", "last name", "email", "phone"])
    sheet.append(["Marie", "Dubois", "marie@example.org", "0470 11 22 33"])
    buffer = io.BytesIO()
    book.save(buffer)
    status, out, err = run_import(tmp_path, buffer.getvalue(), "contacts.xlsx")
    assert status == 0, err
    assert Person.objects.get(email="marie@example.org").phone == "32470112233"


def test_imported_rows_resolve_to_people_known_from_a_crm(tmp_path):
    from django.utils import timezone

    from people.contact import Contact
    from people.sources import apply_contacts

    apply_contacts(
        "wbmusiques",
        "crm",
        [Contact("9", timezone.now(), "Hélène", "Lefèvre", ["HELENE@atelier.example"])],
    )
    run_import(tmp_path, BELGIAN_CSV.encode(), "contacts.csv")
    helene = Person.objects.get(email="helene@atelier.example")
    assert set(helene.source_records.values_list("agency", flat=True)) == {"wbmusiques", "wbdm"}


def test_a_malformed_row_is_reported_with_its_line_and_nothing_is_imported(tmp_path):
    content = BELGIAN_CSV + ";;not-an-email;;;\r\n;;;Orphan Org;;\r\n"
    status, out, err = run_import(tmp_path, content.encode(), "contacts.csv")
    assert status == 1
    assert "line 5" in err and "line 6" in err
    assert "nothing was imported" in err
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"", "empty.csv"),
        (b"\x00\x01garbage", "contacts.xlsx"),
        (b"a,b,c\n1,2,3\n", "contacts.csv"),  # no name or email column
        (b"whatever", "contacts.pdf"),
    ],
)
def test_an_invalid_file_is_refused_and_changes_nothing(tmp_path, content, name):
    status, _, err = run_import(tmp_path, content, name)
    assert status == 1
    assert "Nothing was imported" in err
    assert not SourceRecord.objects.exists()


def test_dry_run_counts_and_changes_nothing(tmp_path):
    status, out, _ = run_import(tmp_path, BELGIAN_CSV.encode(), "contacts.csv", "--dry-run")
    assert status == 0
    assert "would import 2" in out
    assert not Person.objects.exists()


def test_import_function_refuses_unknown_formats():
    with pytest.raises(SpreadsheetError):
        import_spreadsheet("wbdm", b"x", "contacts.ods")


def test_export_escapes_formula_cells_in_csv_and_xlsx(tmp_path):
    from django.utils import timezone

    from people.contact import Contact
    from people.sources import apply_contacts

    apply_contacts(
        "wbdm",
        "import",
        [
            Contact(
                "1",
                timezone.now(),
                '=HYPERLINK("http://evil")',
                "Lambert",
                ["a@example.org"],
                job_title="@SUM(1+1)",
                city="-2+3",
                phones=["+32 470 00 00 00"],
            ),
        ],
    )
    data = export_people(Person.objects.all(), "csv")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert rows[0]["first_name"].startswith("'=")
    assert rows[0]["job_title"] == "'@SUM(1+1)"
    assert rows[0]["city"] == "'-2+3"
    assert rows[0]["agencies"] == "wbdm"

    output = tmp_path / "people.xlsx"
    call_command("people_export", "--format", "xlsx", "--output", str(output))
    sheet = openpyxl.load_workbook(output).active
    values = [cell.value for cell in sheet[2]]
    assert all(not str(v).startswith(("=", "@", "+", "-")) for v in values if v is not None)

    out = io.StringIO()
    call_command("people_export", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())[0]["job_title"] == "@SUM(1+1)"


def test_consent_column_is_read_and_indexed_as_a_facet(tmp_path):
    from search.indexing import rebuild_entries
    from search.query import SearchQuery
    from search.service import search

    content = (
        "Prénom;Nom;E-mail;Consentement\n"
        "Anne;Sel;anne@example.org;oui\n"
        "Bo;Dal;bo@example.org;nee\n"
        "Cé;Lo;ce@example.org;\n"
    )
    status, _, err = run_import(tmp_path, content.encode(), "c.csv")
    assert status == 0, err
    consent = dict(Person.objects.values_list("email", "contact_consent"))
    assert consent == {"anne@example.org": True, "bo@example.org": False, "ce@example.org": None}
    rebuild_entries()
    result = search(SearchQuery(kind="person", filters={"consent": ["yes"]}))
    assert [h.title for h in result.hits] == ["Anne Sel"]
    counts = {f.value: f.count for f in result.facets["consent"]}
    assert counts == {"yes": 1, "no": 1, "unknown": 1}


def test_an_unreadable_consent_value_is_a_row_error(tmp_path):
    content = "Prénom;Nom;E-mail;Consent\nAnne;Sel;anne@example.org;maybe\n"
    status, _, err = run_import(tmp_path, content.encode(), "c.csv")
    assert status == 1 and "line 2" in err
    assert not Person.objects.exists()
