"""Reading a registration list (CSV or XLSX): its columns found by name, within fixed bounds.

The one function the rest of the app calls is `read_mapped`: given the
accepted names of each field, in order of preference, it returns the header's
mapping and each data row's values by field. It uses ``core.tabular`` (the
project's bounded streaming reader) when the project has it, and otherwise
the small bounded reader below (`read_table`), which stands in for it.

Bounds, so a hostile or mistaken upload cannot exhaust memory: the file is
refused above ``PASSERELLES_MAX_SPREADSHEET_BYTES``, above `MAX_ROWS` rows,
`MAX_COLUMNS` columns or `MAX_CELL` characters in a cell; XLSX is read in
openpyxl's read-only (streaming) mode, first sheet only.
"""

import csv
import io
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

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


@dataclass
class MappedRow:
    """One data row: its line, its values by field (stripped text), and its problems."""

    line: int
    values: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


@dataclass
class MappedTable:
    """A file read against the accepted column names."""

    header_line: int
    columns: dict[str, str]  # field -> the header it was read from (the preferred one)
    ignored: list[str]  # headers no field claims
    rows: list[MappedRow]


def read_mapped(
    data: bytes,
    filename: str,
    columns: Mapping[str, Sequence[str]],
    key: Callable[[str], str],
) -> MappedTable:
    """Read a CSV or XLSX file whose header names its columns.

    `columns` gives each field's accepted names, most preferred first;
    `key` folds a header for comparison. When several columns name one field
    (pretix's buyer "Email" and "Attendee email"), the most preferred column
    is read and the others are ignored, even in rows where it is empty: a
    buyer's email must never become an attendee's identity. Raises
    TableError when the file cannot be read or exceeds a bound.
    """
    try:
        from core import tabular
    except ImportError:  # the project's reader has not landed: the stand-in below
        tabular = None
    if tabular is not None:
        return _read_with_tabular(tabular, data, filename, columns, key)
    rows = read_table(data, filename)
    header_line, header = rows[0]
    lookup = {
        key(alias): (name, rank)
        for name, aliases in columns.items()
        for rank, alias in enumerate(aliases)
    }
    claimed: dict[str, list[tuple[int, int]]] = {}
    ignored = []
    for index, title in enumerate(header):
        found = lookup.get(key(str(title)))
        if found is None:
            if str(title).strip():
                ignored.append(str(title).strip())
            continue
        claimed.setdefault(found[0], []).append((found[1], index))
    for options in claimed.values():
        options.sort()
    mapped = []
    for line, cells in rows[1:]:
        row = MappedRow(line)
        for name, options in claimed.items():
            index = options[0][1]
            value = str(cells[index]).strip() if index < len(cells) else ""
            if value:
                row.values[name] = value
        mapped.append(row)
    for options in claimed.values():
        ignored.extend(str(header[index]).strip() for _rank, index in options[1:])
    return MappedTable(
        header_line=header_line,
        columns={name: str(header[options[0][1]]).strip() for name, options in claimed.items()},
        ignored=ignored,
        rows=mapped,
    )


def _read_with_tabular(tabular, data, filename, columns, key) -> MappedTable:
    """`read_mapped` on ``core.tabular``: one field per accepted name, ranked here."""
    separator = "\x1f"
    aliases = {
        f"{name}{separator}{rank}": [alias]
        for name, names in columns.items()
        for rank, alias in enumerate(names)
    }
    try:
        with tabular.open_table(data, filename, aliases, fold=key) as table:
            ranked: dict[str, list[tuple[int, str, str]]] = {}
            for column in table.columns:
                name, rank = column.field.split(separator)
                ranked.setdefault(name, []).append((int(rank), column.field, column.header))
            for options in ranked.values():
                options.sort()
            mapped = []
            for raw in table:
                row = MappedRow(raw.line, errors=list(raw.errors))
                for name, options in ranked.items():
                    cell = raw.first(options[0][1])
                    if cell is not None and cell.text:
                        row.values[name] = cell.text
                mapped.append(row)
            ignored = list(table.ignored)
            for options in ranked.values():
                ignored.extend(header for _rank, _field, header in options[1:])
            return MappedTable(
                header_line=table.header_line,
                columns={name: options[0][2] for name, options in ranked.items()},
                ignored=ignored,
                rows=mapped,
            )
    except tabular.TabularError as error:
        raise TableError(str(error)) from error
