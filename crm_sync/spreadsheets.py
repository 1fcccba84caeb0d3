"""Spreadsheet imports for agencies without API access (CSV and XLSX).

Belgian spreadsheets come in every flavour: UTF-8 with or without a BOM,
Latin-1/Windows-1252 from older Excel, ``;`` as the delimiter, blank lines,
French, Dutch or English column names. All rows are checked first; if any
row is malformed nothing is imported and every error is reported with its
line number. Valid rows go through the same identity resolution as synced
records (``people.sources.apply_contacts``), as source records of the
agency's "import" channel.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export.formats.base_formats import XLSX

from people.contact import Contact, InvalidContact
from people.normalize import fold, normalize_email
from people.sources import PageResult, apply_contacts

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
PAGE = 500

# Accepted column names (accent- and case-insensitive) for each field.
COLUMNS = {
    "source_id": {"id", "source id", "source_id", "identifiant", "identifier", "code"},
    "first_name": {"first name", "first_name", "firstname", "prenom", "voornaam", "given name"},
    "last_name": {
        "last name",
        "last_name",
        "lastname",
        "nom",
        "nom de famille",
        "achternaam",
        "familienaam",
        "surname",
        "name",
    },
    "email": {"email", "e-mail", "mail", "courriel", "adresse email", "e-mailadres"},
    "phone": {"phone", "telephone", "tel", "telefoon", "gsm", "mobile", "gsm-nummer"},
    "organisation": {
        "organisation",
        "organization",
        "organisme",
        "organisatie",
        "company",
        "societe",
        "bedrijf",
        "structure",
    },
    "job_title": {"job title", "job_title", "fonction", "functie", "role", "titre"},
    "city": {"city", "ville", "stad", "gemeente", "localite", "commune"},
    "country": {"country", "pays", "land"},
    "language": {"language", "langue", "taal", "lang"},
    "consent": {"consent", "consentement", "toestemming", "contact ok", "opt in", "rgpd", "gdpr"},
}


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read; nothing was imported."""


@dataclass
class ImportReport:
    """What an import did (or would do, in a dry run)."""

    rows: int = 0
    result: PageResult = field(default_factory=PageResult)
    row_errors: list[tuple[int, str]] = field(default_factory=list)  # (line, message)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.row_errors


def _fold(text: str) -> str:
    """A header as compared with the known column names: folded, `_` and `-` as spaces."""
    return " ".join(fold(text).replace("_", " ").replace("-", " ").split())


_LOOKUP = {_fold(alias): name for name, aliases in COLUMNS.items() for alias in aliases}


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError(_("The file's text encoding could not be recognised."))


def _csv_rows(data: bytes) -> list[tuple[int, list[str]]]:
    text = _decode(data)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(";,\t", key=first_line.count) if first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise SpreadsheetError(
            _("The CSV file is malformed near line %(line)s: %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from error


def _xlsx_rows(data: bytes) -> list[tuple[int, list[str]]]:
    try:
        dataset = XLSX().create_dataset(data)
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise SpreadsheetError(_("The XLSX file could not be read.")) from error
    rows = [list(dataset.headers or [])] + [list(r) for r in dataset]
    return [(n, ["" if v is None else str(v) for v in row]) for n, row in enumerate(rows, 1)]


def read_rows(data: bytes, filename: str) -> list[tuple[int, dict[str, str]]]:
    """The data rows of a CSV or XLSX file as (line number, {field: value}), blank lines skipped."""
    if len(data) > MAX_BYTES:
        raise SpreadsheetError(_("The file is larger than 20 MB."))
    name = filename.lower()
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(data)
    elif name.endswith((".csv", ".txt")):
        rows = _csv_rows(data)
    else:
        raise SpreadsheetError(_("Only .csv and .xlsx files can be imported."))
    rows = [(n, r) for n, r in rows if any(str(cell).strip() for cell in r)]
    if not rows:
        raise SpreadsheetError(_("The file is empty."))
    header_line, header = rows[0]
    fields = [_LOOKUP.get(_fold(h)) for h in header]
    if not {"email", "last_name", "first_name"} & set(fields):
        raise SpreadsheetError(
            _("Line %(line)s must name the columns; none of them is a name or an email column.")
            % {"line": header_line}
        )
    if len(rows) - 1 > MAX_ROWS:
        raise SpreadsheetError(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    result = []
    for line, row in rows[1:]:
        values = {}
        for index, name in enumerate(fields):
            if name and index < len(row) and str(row[index]).strip():
                values[name] = str(row[index]).strip()
        result.append((line, values))
    return result


YES = {"yes", "y", "oui", "o", "ja", "j", "1", "true", "vrai", "waar", "x"}
NO = {"no", "n", "non", "nee", "0", "false", "faux", "onwaar"}


def _consent(value: str) -> bool | None:
    """A consent cell: yes/oui/ja/1/x, no/non/nee/0, or empty for unknown."""
    folded = _fold(value)
    if not folded:
        return None
    if folded in YES:
        return True
    if folded in NO:
        return False
    raise InvalidContact(
        _("Consent must be yes/oui/ja or no/non/nee, not “%(value)s”.") % {"value": value[:40]}
    )


def _contact(values: dict[str, str], now) -> Contact:
    source_id = values.get("source_id") or ""
    if not source_id:
        # A stable key so importing the same file again updates, not duplicates.
        email = normalize_email(values.get("email", ""))
        name = _fold(f"{values.get('first_name', '')} {values.get('last_name', '')}")
        source_id = (
            f"email:{email}" if email else f"name:{name}|{_fold(values.get('organisation', ''))}"
        )
    return Contact(
        source_id=source_id,
        modified_at=now,
        first_name=values.get("first_name", ""),
        last_name=values.get("last_name", ""),
        emails=[values["email"]] if values.get("email") else [],
        phones=[values["phone"]] if values.get("phone") else [],
        organisation=values.get("organisation", ""),
        job_title=values.get("job_title", ""),
        city=values.get("city", ""),
        country=values.get("country", ""),
        language=values.get("language", ""),
        consent=_consent(values.get("consent", "")),
    )


def import_spreadsheet(
    agency: str, data: bytes, filename: str, *, dry_run: bool = False
) -> ImportReport:
    """Check every row, then import all of them or none.

    Raises SpreadsheetError when the file itself cannot be read. Row errors
    (with line numbers) are returned in the report, and then nothing changes.
    """
    rows = read_rows(data, filename)
    now = timezone.now()
    report = ImportReport(rows=len(rows), dry_run=dry_run)
    contacts = []
    seen: dict[str, int] = {}
    for line, values in rows:
        try:
            contact = _contact(values, now)
            contact.cleaned()
        except InvalidContact as error:
            report.row_errors.append((line, str(error)))
            continue
        if values.get("email") and not normalize_email(values["email"]):
            report.row_errors.append(
                (line, _("Invalid email address: %(value)s") % {"value": values["email"][:80]})
            )
            continue
        if contact.source_id in seen:
            report.row_errors.append(
                (line, _("Same person as line %(line)s.") % {"line": seen[contact.source_id]})
            )
            continue
        seen[contact.source_id] = line
        contacts.append(contact)
    if report.row_errors:
        return report
    with transaction.atomic():
        for start in range(0, len(contacts), PAGE):
            report.result.add(
                apply_contacts(agency, "import", contacts[start : start + PAGE], dry_run=dry_run)
            )
        if dry_run:
            transaction.set_rollback(True)
    return report
