"""Spreadsheet import (crm_import) and directory export (people_export)."""

import csv
import io
import json
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import translation

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
        with translation.override("en"):  # the messages asserted below
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


# --- issue 9: hostile and awkward spreadsheets ----------------------------------------


def xlsx_bytes(rows: list[list], formats: dict[str, str] | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for ref, number_format in (formats or {}).items():
        sheet[ref].number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_sheet(sheet_xml: str) -> bytes:
    """An XLSX made by openpyxl with its worksheet's XML replaced (as Excel would save it)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["x"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode()
            archive.writestr(info.filename, data)
    return buffer.getvalue()


def test_an_unterminated_quote_refuses_the_file_naming_its_line(tmp_path):
    content = (
        "first name,last name,email\n"
        "Ann,Lee,ann@example.be\n"
        "Bo,Dal,bo@example.be\n"
        '"Broken,Quote,broken@example.be\n'
        "Cy,Oh,cy@example.be\n"
        "Di,Ma,di@example.be\n"
        "Ed,No,ed@example.be\n"
    )
    status, out, err = run_import(tmp_path, content.encode(), "c.csv")
    assert status == 1
    assert "Line 4" in err and "quote" in err and "Nothing was imported" in err
    assert not Person.objects.exists()


def test_a_stray_latin1_byte_in_a_utf8_file_is_refused_naming_its_line(tmp_path):
    content = "Prénom;Nom;E-mail\nHélène;Crèvecoeur;h@example.be\n".encode() + (
        "Zoë;Smet;z@example.be\n".encode("latin-1")
    )
    status, out, err = run_import(tmp_path, content, "c.csv")
    assert status == 1
    assert "Line 3 is not UTF-8" in err
    assert not Person.objects.exists()


def test_a_legacy_file_is_read_whole_as_windows_1252_and_says_so(tmp_path):
    status, out, err = run_import(tmp_path, BELGIAN_CSV.encode("cp1252"), "c.csv")
    assert status == 0, err
    assert "Windows-1252" in out
    assert Person.objects.get(email="helene@atelier.example").first_name == "Hélène"


def test_a_megabyte_cell_in_an_ignored_column_does_not_refuse_the_file(tmp_path):
    notes = "x" * (1024 * 1024)
    content = f"Prénom;Nom;E-mail;Notes\nAnne;Sel;anne@example.org;{notes}\n"
    status, out, err = run_import(tmp_path, content.encode(), "c.csv")
    assert status == 0, err[:300]
    assert Person.objects.filter(email="anne@example.org").exists()


def test_two_email_columns_are_both_kept(tmp_path):
    content = "Prénom;Nom;E-mail;Courriel\nAnne;Sel;anne@work.example;anne@home.example\n"
    status, out, err = run_import(tmp_path, content.encode(), "c.csv")
    assert status == 0, err
    anne = Person.objects.get()
    assert anne.email == "anne@work.example"
    assert set(anne.emails.values_list("email", flat=True)) == {
        "anne@work.example",
        "anne@home.example",
    }


def test_every_error_of_a_row_is_reported_at_once(tmp_path):
    content = "Prénom;Nom;E-mail;Consent\nAnne;Sel;not-an-email;maybe\n"
    status, _, err = run_import(tmp_path, content.encode(), "c.csv")
    assert status == 1
    assert "line 2: line 2, column C: invalid email" in err
    assert "line 2: line 2, column D: consent" in err


def test_formula_cells_import_their_saved_value_or_are_refused_naming_the_cell(tmp_path):
    # openpyxl saves formulas without a value (as some exporters do).
    data = xlsx_bytes([["first name", "last name", "email"], ["Ann", '=UPPER("lee")', "a@x.be"]])
    status, _, err = run_import(tmp_path, data, "c.xlsx")
    assert status == 1 and "B2" in err and "formula" in err
    assert not Person.objects.exists()
    # A formula Excel saved with its value imports the value.
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>first name</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>email</t></is></c></row>'
        '<row r="2"><c r="A2" t="str"><f>PROPER("ann")</f><v>Ann</v></c>'
        '<c r="B2" t="inlineStr"><is><t>ann@example.be</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    status, _, err = run_import(tmp_path, with_sheet(sheet), "c.xlsx")
    assert status == 0, err
    assert Person.objects.get().first_name == "Ann"


def test_date_and_boolean_cells_are_not_taken_as_names(tmp_path):
    import datetime as dt

    data = xlsx_bytes(
        [
            ["first name", "last name", "email"],
            [dt.datetime(2024, 3, 1), True, "a@example.be"],
        ]
    )
    status, _, err = run_import(tmp_path, data, "c.xlsx")
    assert status == 1
    assert "A2 holds a date where a first name is expected" in err
    assert "B2 holds a yes/no value where a last name is expected" in err
    assert not Person.objects.exists()


def test_a_numeric_phone_keeps_its_leading_zero(tmp_path):
    data = xlsx_bytes(
        [
            ["first name", "email", "phone"],
            ["Ann", "ann@example.be", 470112233],
            ["Bo", "bo@example.be", 22345678],
        ],
        formats={"C3": "000000000"},
    )
    status, _, err = run_import(tmp_path, data, "c.xlsx")
    assert status == 0, err
    assert "C2: the phone was typed as a number" in err
    assert Person.objects.get(email="ann@example.be").phone == "32470112233"
    assert Person.objects.get(email="bo@example.be").phone == "3222345678"


# Each hostile file is imported by `manage.py crm_import` in a process whose
# address space is capped: reading must stay bounded (refuse or read), never
# expand the sheet. The command itself (Django, Wagtail) fits in 256 MB; the
# old reader needed 20 GB for the first file and ran out of this cap on the
# 250,000 rows (measured: MemoryError).
MEMORY_LIMIT = 320 * 1024 * 1024


def _limited(path, *args) -> subprocess.CompletedProcess[str]:
    from django.db import connection

    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    if db.get("PASSWORD"):
        url = url.replace("@", f":{db['PASSWORD']}@", 1)

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    env = dict(os.environ, DJANGO_SETTINGS_MODULE="passerelles.settings.test", DATABASE_URL=url)
    manage = str(Path(__file__).resolve().parents[2] / "manage.py")
    return subprocess.run(
        [sys.executable, manage, "crm_import", "wbdm", str(path), *args],
        preexec_fn=cap,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def _far_cell_xlsx(tmp_path, reference: str):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["first name", "email"])
    sheet.append(["Ann", "ann@example.be"])
    sheet[reference] = "x"  # the sheet's declared dimension now reaches this cell
    path = tmp_path / "far.xlsx"
    book.save(path)
    return path


@pytest.mark.django_db(transaction=True)
def test_one_cell_at_xfd1048576_is_refused_within_bounded_memory(tmp_path):
    path = _far_cell_xlsx(tmp_path, "XFD1048576")
    assert path.stat().st_size < 6000
    result = _limited(path, "--dry-run")
    assert result.returncode == 1, result.stderr[-2000:]
    assert "XFD1048576" in result.stderr  # named in the message (in the default language)
    assert "Nothing was imported" in result.stderr


@pytest.mark.django_db(transaction=True)
def test_one_cell_at_cv100000_is_read_within_bounded_memory(tmp_path):
    result = _limited(_far_cell_xlsx(tmp_path, "CV100000"), "--dry-run")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "would import 1 row(s)" in result.stdout


@pytest.mark.django_db(transaction=True)
def test_250000_rows_in_a_megabyte_are_refused_at_the_row_limit_within_bounded_memory(tmp_path):
    path = tmp_path / "many.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["first name"])
    for number in range(250_000):
        sheet.append([f"P{number}"])
    book.save(path)
    assert path.stat().st_size < 2 * 1024 * 1024
    result = _limited(path, "--dry-run")
    assert result.returncode == 1, result.stderr[-2000:]
    assert "200002" in result.stderr and "200000" in result.stderr  # the line and the limit


def test_crm_import_prints_its_progress_on_stderr(tmp_path):
    rows = "".join(f"P{n};Q{n};p{n}@example.org\n" for n in range(1200))
    status, out, err = run_import(tmp_path, ("Prénom;Nom;E-mail\n" + rows).encode(), "c.csv")
    assert status == 0, err
    assert "c.csv: 1000 rows checked" in err
    assert "c.csv: 1200/1200 rows imported" in err
    assert "1200 new" in out
