"""Reading a registration list (CSV or XLSX) as numbered rows, within fixed bounds.

The one function the rest of the app calls is `read_table`. It stands in for
``core.tabular`` (the project's bounded streaming reader, being written
alongside): once that lands, `read_table` becomes a thin call to it and
nothing else here changes.

Bounds, so a hostile or mistaken upload cannot exhaust memory: the file is
refused above ``PASSERELLES_MAX_SPREADSHEET_BYTES``, above `MAX_ROWS` rows,
`MAX_COLUMNS` columns or `MAX_CELL` characters in a cell; XLSX is read in
openpyxl's read-only (streaming) mode, first sheet only.
"""

import csv
import io
import zipfile
from collections.abc import Iterator

from django.conf import settings
from django.utils.translation import gettext as _

MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_CELL = 2_000


class TableError(ValueError):
    """The file as a whole cannot be read; the message says what and where."""


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # every byte is a Latin-1 character


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    text = _decode(data)
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(";,\t", key=first.count) if first else ","
    csv.field_size_limit(MAX_CELL * 4)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as error:
        raise TableError(
            _("The CSV file is malformed near line %(line)s: %(error)s")
            % {"line": reader.line_num + 1, "error": error}
        ) from error


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise TableError(_("The XLSX file could not be read.")) from error
    try:
        sheet = book.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), 1):
            if len(row) > MAX_COLUMNS:
                row = row[:MAX_COLUMNS] if not any(row[MAX_COLUMNS:]) else row
            yield number, ["" if value is None else str(value) for value in row]
    finally:
        book.close()


def read_table(data: bytes, filename: str) -> list[tuple[int, list[str]]]:
    """The non-blank rows of a CSV or XLSX file as (line number, cells), header first.

    Raises TableError naming the problem (and the line) when the file cannot
    be read or exceeds a bound; nothing has been changed at that point.
    """
    limit = settings.PASSERELLES_MAX_SPREADSHEET_BYTES
    if len(data) > limit:
        raise TableError(_("The file is larger than %(max)s bytes.") % {"max": limit})
    name = filename.lower()
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(data)
    elif name.endswith((".csv", ".txt")):
        rows = _csv_rows(data)
    else:
        raise TableError(_("Only .csv and .xlsx files can be read."))
    result: list[tuple[int, list[str]]] = []
    for line, row in rows:
        if not any(str(cell).strip() for cell in row):
            continue
        if len(row) > MAX_COLUMNS:
            raise TableError(
                _("Line %(line)s has more than %(max)s columns.")
                % {"line": line, "max": MAX_COLUMNS}
            )
        for cell in row:
            if len(cell) > MAX_CELL:
                raise TableError(
                    _("Line %(line)s has a cell longer than %(max)s characters.")
                    % {"line": line, "max": MAX_CELL}
                )
        result.append((line, row))
        if len(result) > MAX_ROWS + 1:
            raise TableError(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    if not result:
        raise TableError(_("The file is empty."))
    return result
