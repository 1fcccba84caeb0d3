"""Spreadsheet imports for agencies without API access: contacts from CSV and XLSX.

The file is read by `core.tabular` (streaming, bounded, strict about
encodings and quotes, columns found by name); this module gives the columns
their meaning as a contact and checks each cell's type:

- names and other texts must be text (a date or a yes/no cell is an error
  naming the cell, never a name);
- several email (or phone) columns are all kept: the first filled one is the
  primary email, the others secondary ones;
- a phone typed as a number lost its leading 0 in Excel: it is restored when
  the cell's format displayed it, or for an 8- or 9-digit Belgian number
  (with a warning naming the cell);
- a formula counts by its saved value; one without a saved value is an error.

The import runs in two passes over the file, so memory does not grow with it:
the first checks every row and collects every error of every row (with its
line); if any, nothing is imported. The second applies the contacts, a page
at a time in one transaction, through the same identity resolution as synced
records (``people.sources.apply_contacts``), as source records of the
agency's "import" channel.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.tabular import Cell, Kind, Limits, Row, Table, TabularError, open_table
from people.contact import Contact, InvalidContact
from people.labels import FIELD_LABELS as PERSON_FIELD_LABELS
from people.normalize import fold, normalize_email
from people.sources import PageResult, apply_contacts

PAGE = 500
# Row errors and warnings kept for the report; the rest are counted.
MAX_MESSAGES = 2_000

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
# Fields a file may give in several columns: all of them are kept.
REPEATABLE = frozenset({"email", "phone"})
# The person's own labels (people.labels), with the file's id, and the two
# columns whose header names differ from the person's field.
FIELD_LABELS = {
    "source_id": gettext_lazy("id"),
    **{
        field: label
        for field, label in PERSON_FIELD_LABELS.items()
        if field not in {"language", "contact_consent"}
    },
    "language": gettext_lazy("language"),
    "consent": gettext_lazy("consent"),
}
# Text fields where a number may be meant as text (an id, "1830" as a company).
NUMBER_AS_TEXT = frozenset({"source_id", "organisation"})

# The file as a whole cannot be read: nothing was imported.
SpreadsheetError = TabularError

Progress = Callable[[str, int, int], None]  # (stage "check"|"import", rows done, rows in all)


@dataclass
class ImportReport:
    """What an import did (or would do, in a dry run)."""

    rows: int = 0
    result: PageResult = field(default_factory=PageResult)
    row_errors: list[tuple[int, str]] = field(default_factory=list)  # (line, message)
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line, message)
    more_errors: int = 0  # past MAX_MESSAGES, counted only
    more_warnings: int = 0
    dry_run: bool = False
    encoding: str = ""

    @property
    def ok(self) -> bool:
        return not self.row_errors

    @property
    def error_count(self) -> int:
        return len(self.row_errors) + self.more_errors

    def as_dict(self) -> dict:
        """The report as JSON-ready data (for a background job)."""
        r = self.result
        return {
            "rows": self.rows,
            "dry_run": self.dry_run,
            "encoding": self.encoding,
            "counts": {
                "created": r.created,
                "updated": r.updated,
                "unchanged": r.unchanged,
                "suppressed": r.suppressed,
            },
            "row_errors": self.row_errors,
            "warnings": self.warnings,
            "more_errors": self.more_errors,
            "more_warnings": self.more_warnings,
        }


def open_contacts(source: bytes | IO[bytes], filename: str) -> Table:
    """The file opened with the contact columns; refused when it names none of the key ones."""
    table = open_table(
        source, filename, COLUMNS, limits=Limits.from_settings(), repeatable=REPEATABLE, fold=fold
    )
    if not {"email", "last_name", "first_name"} & table.fields():
        table.close()
        raise TabularError(
            _("Line %(line)s must name the columns; none of them is a name or an email column.")
            % {"line": table.header_line}
        )
    return table


@dataclass
class Preview:
    """The first rows as they will be read, and how the columns are understood."""

    columns: list[tuple[str, str, str]]  # (letter, header, what it is read as)
    ignored: list[str]  # headers of the columns that are not read
    encoding: str
    fields: list[str]  # labels of the fields read, in the file's order
    rows: list[tuple[int, list[str]]]  # (line, a text per field)


def preview(source: bytes | IO[bytes], filename: str, count: int = 10) -> Preview:
    """The column mapping and the first `count` rows (raises SpreadsheetError)."""
    with open_contacts(source, filename) as table:
        names = list(dict.fromkeys(c.field for c in table.columns))
        rows = []
        for row in table:
            texts = [" · ".join(_display(c) for c in row.cells.get(name, [])) for name in names]
            rows.append((row.line, texts))
            if len(rows) >= count:
                break
        return Preview(
            columns=[(c.letter, c.header, str(FIELD_LABELS[c.field])) for c in table.columns],
            ignored=table.ignored,
            encoding=table.encoding,
            fields=[str(FIELD_LABELS[name]) for name in names],
            rows=rows,
        )


def _display(cell: Cell) -> str:
    return cell.text if cell.kind != Kind.DATE else str(cell.value)


YES = {"yes", "y", "oui", "o", "ja", "j", "1", "true", "vrai", "waar", "x"}
NO = {"no", "n", "non", "nee", "0", "false", "faux", "onwaar"}


def _consent(cell: Cell | None, errors: list[str]) -> bool | None:
    """A consent cell: yes/oui/ja/1/x or a ticked box, no/non/nee/0, or empty for unknown."""
    if cell is None:
        return None
    if cell.kind == Kind.BOOL:
        return bool(cell.value)
    folded = " ".join(fold(cell.text).split())
    if folded in YES:
        return True
    if folded in NO:
        return False
    errors.append(
        _("%(cell)s: consent must be yes/oui/ja or no/non/nee, not “%(value)s”.")
        % {"cell": cell.where, "value": cell.text[:40]}
    )
    return None


def _text(name: str, cell: Cell | None, errors: list[str]) -> str:
    """A text field's value; a date, yes/no or (for names) a number is an error naming the cell."""
    if cell is None:
        return ""
    if cell.kind == Kind.TEXT or (cell.kind == Kind.NUMBER and name in NUMBER_AS_TEXT):
        return cell.text
    what = {
        Kind.DATE: _("a date"),
        Kind.BOOL: _("a yes/no value"),
        Kind.NUMBER: _("a number"),
    }.get(cell.kind, _("an error"))
    errors.append(
        _("%(cell)s holds %(what)s where a %(field)s is expected; type it as text.")
        % {"cell": cell.where, "what": what, "field": FIELD_LABELS[name]}
    )
    return ""


def _phone(cell: Cell, errors: list[str], warnings: list[str]) -> str:
    """A phone number; one typed as a number gets back the leading 0 Excel dropped."""
    if cell.kind == Kind.TEXT:
        return cell.text
    if cell.kind != Kind.NUMBER or not float(cell.value).is_integer():
        _text("phone", cell, errors)
        return ""
    digits = str(int(cell.value))
    shown = cell.number_format
    if shown and set(shown) == {"0"} and len(shown) > len(digits):
        return digits.zfill(len(shown))  # the format displayed the zeros
    if len(digits) in (8, 9):  # a Belgian number without its trunk 0
        warnings.append(
            _(
                "%(cell)s: the phone was typed as a number, so its leading 0 was lost; read "
                "as %(phone)s. Format phone columns as text."
            )
            % {"cell": cell.where, "phone": "0" + digits}
        )
        return "0" + digits
    return digits


def _contact(row: Row, now) -> tuple[Contact | None, list[str], list[str]]:
    """The row's contact, with every error and warning about its cells."""
    errors: list[str] = []
    warnings: list[str] = []
    texts = {
        name: _text(name, row.first(name), errors)
        for name in (
            "source_id",
            "first_name",
            "last_name",
            "organisation",
            "job_title",
            "city",
            "country",
            "language",
        )
    }
    emails = []
    for cell in row.cells.get("email", []):
        value = _text("email", cell, errors)
        if value and not normalize_email(value):
            errors.append(
                _("%(cell)s: invalid email address: %(value)s")
                % {"cell": cell.where, "value": value[:80]}
            )
        elif value:
            emails.append(value)
    phones = [p for cell in row.cells.get("phone", []) if (p := _phone(cell, errors, warnings))]
    consent = _consent(row.first("consent"), errors)
    source_id = texts.pop("source_id")
    if not source_id:
        # A stable key so importing the same file again updates, not duplicates.
        email = normalize_email(emails[0]) if emails else ""
        name = fold(f"{texts['first_name']} {texts['last_name']}")
        source_id = f"email:{email}" if email else f"name:{name}|{fold(texts['organisation'])}"
    contact = Contact(
        source_id=source_id,
        modified_at=now,
        emails=emails,
        phones=phones,
        consent=consent,
        **texts,
    )
    if not errors and not row.errors:
        try:
            _data, cleaning = contact.cleaned()
            warnings.extend(cleaning)
        except InvalidContact as error:
            errors.append(str(error))
    return (None if errors else contact), errors, warnings


def _contacts(
    source: bytes | IO[bytes], filename: str, now, report: ImportReport
) -> Iterator[tuple[int, Contact | None, list[str], list[str]]]:
    with open_contacts(source, filename) as table:
        report.encoding = table.encoding
        for row in table:
            contact, errors, warnings = _contact(row, now)
            yield row.line, contact, row.errors + errors, warnings


def _note(kept: list, line: int, messages: list[str]) -> int:
    """Keep up to MAX_MESSAGES (line, message) pairs; return how many did not fit."""
    room = max(0, MAX_MESSAGES - len(kept))
    kept.extend((line, m) for m in messages[:room])
    return max(0, len(messages) - room)


def check_spreadsheet(
    source: IO[bytes],
    filename: str,
    now,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Read and check every row (the first pass); the database is not touched.

    Raises SpreadsheetError when the file itself cannot be read. The report
    holds every row error (and warning) with its line; memory holds only the
    rows' keys, to find a person given twice.
    """
    report = ImportReport(dry_run=dry_run)
    seen: dict[str, int] = {}
    for line, contact, errors, warnings in _contacts(source, filename, now, report):
        report.rows += 1
        if contact is not None and contact.source_id in seen:
            errors = [
                *errors,
                _("Same person as line %(line)s.") % {"line": seen[contact.source_id]},
            ]
        elif contact is not None:
            seen[contact.source_id] = line
        report.more_errors += _note(report.row_errors, line, errors)
        report.more_warnings += _note(report.warnings, line, warnings)
        if progress and report.rows % PAGE == 0:
            progress("check", report.rows, 0)
    return report


def import_spreadsheet(
    agency: str,
    source: bytes | IO[bytes],
    filename: str,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Check every row, then import all of them or none.

    `source` is the file's bytes or a seekable binary file. Raises
    SpreadsheetError when the file itself cannot be read; row errors (with
    line numbers) are returned in the report, and then nothing changes.
    """
    if isinstance(source, bytes | bytearray):
        source = io.BytesIO(source)
    now = timezone.now()
    report = check_spreadsheet(source, filename, now, dry_run=dry_run, progress=progress)
    if not report.ok:
        return report
    if progress:  # every row checked; the import starts
        progress("import", 0, report.rows)
    with transaction.atomic():
        page: list[Contact] = []
        done = 0
        for _line, contact, _errors, _warnings in _contacts(source, filename, now, report):
            if contact is None:  # the same bytes read twice: cannot happen
                raise TabularError(_("The file changed while it was read."))
            page.append(contact)
            if len(page) >= PAGE:
                report.result.add(apply_contacts(agency, "import", page, dry_run=dry_run))
                done += len(page)
                page = []
                if progress:
                    progress("import", done, report.rows)
        if page:
            report.result.add(apply_contacts(agency, "import", page, dry_run=dry_run))
            done += len(page)
        if progress:
            progress("import", done, report.rows)
        if dry_run:
            transaction.set_rollback(True)
    return report
