"""A streaming, bounded reader of CSV and XLSX files whose columns are found by name.

Apps import lists people typed in spreadsheets (contacts, registrations). The
reader gives them rows of typed cells under the columns they asked for, and
refuses, with a message that names the line, column or cell, anything it
cannot read faithfully. It never holds the whole sheet in memory and never
trusts what a file says about itself:

- **Limits are enforced while reading** (`Limits`): the file's size before
  anything else, the unpacked size of an XLSX's parts from its zip directory
  (a part that unpacks past it stops the read), the number of data rows and
  the column of every cell as they stream past. A sheet's declared dimensions
  are never read, so one cell at XFD1048576 costs one cell, not a grid.
- **CSV is read with a strict dialect**: a quote opened and never closed is
  reported with the line it opens on, instead of swallowing the rest of the
  file into one value.
- **Decoding is strict and whole-file**: UTF-8 (with or without a BOM), or,
  when no line is UTF-8, one legacy encoding (Windows-1252) for the whole
  file, named in `Table.encoding`. A file that mixes them is refused with the
  first line of each.
- **Columns are found by name** (`columns`: field → accepted names, compared
  through `fold`); cells of other columns are skipped unread, whatever their
  size. A field may be allowed several columns (`repeatable`); otherwise two
  columns for one field are an error.
- **Row problems are collected, not raised**: each `Row` carries every error
  found in it (a cell too long, a formula without a saved value, an error
  value), so a user fixes a file in one round. File-level problems raise
  `TabularError`.

Nothing here knows what a person is: the meaning of the columns belongs to the
caller (``crm_sync.spreadsheets`` for contacts).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from posixpath import join, normpath
from typing import IO, Any

from defusedxml.ElementTree import iterparse
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

MiB = 1024 * 1024


class TabularError(ValueError):
    """The file as a whole cannot be read faithfully; the message says what and where."""


@dataclass(frozen=True)
class Limits:
    """How much of a file is read before it is refused.

    Defaults come from settings (README, "Spreadsheets"): PASSERELLES_MAX_SPREADSHEET_BYTES,
    PASSERELLES_SPREADSHEET_MAX_UNPACKED_BYTES, PASSERELLES_SPREADSHEET_MAX_ROWS,
    PASSERELLES_SPREADSHEET_MAX_COLUMNS and PASSERELLES_SPREADSHEET_MAX_CELL_CHARS.
    """

    max_bytes: int = 20 * MiB
    max_unpacked_bytes: int = 100 * MiB
    max_rows: int = 200_000
    max_columns: int = 200
    max_cell_chars: int = 32_767  # Excel's own limit for one cell

    @classmethod
    def from_settings(cls) -> Limits:
        default = cls()
        return cls(
            max_bytes=getattr(settings, "PASSERELLES_MAX_SPREADSHEET_BYTES", default.max_bytes),
            max_unpacked_bytes=getattr(
                settings, "PASSERELLES_SPREADSHEET_MAX_UNPACKED_BYTES", default.max_unpacked_bytes
            ),
            max_rows=getattr(settings, "PASSERELLES_SPREADSHEET_MAX_ROWS", default.max_rows),
            max_columns=getattr(
                settings, "PASSERELLES_SPREADSHEET_MAX_COLUMNS", default.max_columns
            ),
            max_cell_chars=getattr(
                settings, "PASSERELLES_SPREADSHEET_MAX_CELL_CHARS", default.max_cell_chars
            ),
        )


class Kind:
    """What a cell holds, as the spreadsheet typed it."""

    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    BOOL = "bool"
    ERROR = "error"  # #REF!, #N/A… or a formula without a saved value


@dataclass(frozen=True)
class Cell:
    """One non-empty cell of a mapped column.

    `value` is a str (TEXT, ERROR), int or float (NUMBER), datetime/date/time
    (DATE) or bool (BOOL). `where` names it for a user: "C5" in an XLSX,
    "line 5, column 3" in a CSV. `number_format` is the XLSX cell's format code
    ("" in a CSV), so a caller can restore leading zeros a format displayed.
    """

    value: Any
    kind: str
    where: str | _CsvPlace  # str() of it names the cell
    number_format: str = ""
    formula: bool = False

    @property
    def text(self) -> str:
        """The value as text, stripped (numbers without a useless ".0")."""
        value = self.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()


@dataclass
class Row:
    """One data row: the cells of the mapped columns by field, and its errors."""

    line: int
    cells: dict[str, list[Cell]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def first(self, name: str) -> Cell | None:
        found = self.cells.get(name)
        return found[0] if found else None


@dataclass(frozen=True)
class Column:
    """A column of the file mapped to a field."""

    field: str
    index: int  # 1-based
    header: str

    @property
    def letter(self) -> str:
        return get_column_letter(self.index)


def simple_fold(text: str) -> str:
    """Case-folded text without accents (callers usually pass their project-wide fold)."""
    text = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


# --- opening --------------------------------------------------------------------------


def open_table(
    source: bytes | IO[bytes],
    filename: str,
    columns: Mapping[str, Iterable[str]],
    *,
    limits: Limits | None = None,
    repeatable: Iterable[str] = (),
    fold: Callable[[str], str] = simple_fold,
) -> Table:
    """Open a CSV (.csv, .txt) or XLSX file and map its header row to `columns`.

    `source` is the file's bytes or a seekable binary file. The header is the
    first row with any text. Raises TabularError when the file cannot be read,
    exceeds a limit before its header, or two columns claim a field not in
    `repeatable`. Iterate the returned table for its data rows (blank rows
    skipped); limits met while iterating raise TabularError then.
    """
    limits = limits or Limits.from_settings()
    stream = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    if size > limits.max_bytes:
        raise TabularError(
            _("The file is larger than %(size)s.") % {"size": filesizeformat(limits.max_bytes)}
        )
    name = filename.lower()
    if name.endswith(".xlsx"):
        reader: _Reader = _XlsxReader(stream, limits)
    elif name.endswith((".csv", ".txt")):
        reader = _CsvReader(stream, limits)
    else:
        raise TabularError(_("Only .csv and .xlsx files can be read."))
    return Table(reader, columns, limits, frozenset(repeatable), fold)


@dataclass
class _RawRow:
    """A row as a reader yields it: line and its non-empty cells by 1-based column."""

    line: int
    cells: dict[int, Cell]


class _Reader:
    encoding = ""

    def rows(self) -> Iterator[_RawRow]:  # pragma: no cover - interface
        raise NotImplementedError

    def close(self) -> None:
        pass


class Table:
    """An open file: its mapped `columns`, then its data rows when iterated."""

    def __init__(
        self,
        reader: _Reader,
        aliases: Mapping[str, Iterable[str]],
        limits: Limits,
        repeatable: frozenset[str],
        fold: Callable[[str], str],
    ) -> None:
        self._reader = reader
        self.limits = limits
        self._rows = reader.rows()
        self.columns: list[Column] = []
        self.ignored: list[str] = []  # headers of columns no field claims
        self.header_line = 0
        lookup = {
            _header_key(alias, fold): name
            for name, aliases_ in aliases.items()
            for alias in aliases_
        }
        try:
            header = next(self._rows)
        except StopIteration:
            self.close()
            raise TabularError(_("The file is empty.")) from None
        except TabularError:
            self.close()
            raise
        self.header_line = header.line
        claimed: dict[str, list[Column]] = {}
        for index, cell in sorted(header.cells.items()):
            name = lookup.get(_header_key(cell.text, fold))
            if name is None:
                if cell.text:
                    self.ignored.append(cell.text)
                continue
            column = Column(name, index, cell.text)
            claimed.setdefault(name, []).append(column)
            self.columns.append(column)
        for name, found in claimed.items():
            if len(found) > 1 and name not in repeatable:
                self.close()
                raise TabularError(
                    _(
                        "Line %(line)s: columns %(columns)s all hold the same thing; "
                        "keep one of them."
                    )
                    % {
                        "line": header.line,
                        "columns": ", ".join(f"{c.letter} (“{c.header}”)" for c in found),
                    }
                )
        self._by_index = {c.index: c for c in self.columns}

    @property
    def encoding(self) -> str:
        """The CSV's encoding as read ("utf-8" or "cp1252"), "" for XLSX."""
        return self._reader.encoding

    def fields(self) -> set[str]:
        return {c.field for c in self.columns}

    def __iter__(self) -> Iterator[Row]:
        count = 0
        for raw in self._rows:
            row = Row(raw.line)
            for index, cell in raw.cells.items():
                column = self._by_index.get(index)
                if column is None:
                    continue  # an ignored column: never checked, never kept
                if cell.kind == Kind.TEXT and len(cell.value) > self.limits.max_cell_chars:
                    row.errors.append(
                        _("%(where)s (%(column)s) is longer than %(max)s characters.")
                        % {
                            "where": cell.where,
                            "column": column.header,
                            "max": self.limits.max_cell_chars,
                        }
                    )
                    continue
                if cell.kind == Kind.ERROR:
                    row.errors.append(
                        _(
                            "%(where)s (%(column)s) holds an error or a formula without a "
                            "saved value (%(value)s); enter the value itself."
                        )
                        % {"where": cell.where, "column": column.header, "value": cell.value[:40]}
                    )
                    continue
                row.cells.setdefault(column.field, []).append(cell)
            if not row.cells and not row.errors:
                continue  # blank, or only ignored columns filled
            count += 1
            if count > self.limits.max_rows:
                self.close()
                raise TabularError(
                    _("Line %(line)s: the file has more than %(max)s rows.")
                    % {"line": raw.line, "max": self.limits.max_rows}
                )
            yield row
        self.close()

    def close(self) -> None:
        self._rows.close()  # the reader's generator lets go of the file first
        self._reader.close()

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _header_key(text: str, fold: Callable[[str], str]) -> str:
    """A header as compared with the accepted names: folded, `_` and `-` as spaces."""
    return " ".join(fold(str(text)).replace("_", " ").replace("-", " ").split())


# --- CSV ------------------------------------------------------------------------------

# A well-formed UTF-8 sequence of two to four bytes (what Windows-1252 text
# almost never contains by accident).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
LEGACY_ENCODING = "cp1252"


class _CsvReader(_Reader):
    def __init__(self, stream: IO[bytes], limits: Limits) -> None:
        self.stream = stream
        self.limits = limits
        self.encoding, self.bom = self._detect()

    def _detect(self) -> tuple[str, bool]:
        """One encoding for the whole file, from a pass over its lines (bytes, bounded)."""
        bom = self.stream.read(3) == codecs.BOM_UTF8
        self.stream.seek(3 if bom else 0)
        first_utf8 = first_invalid = first_legacy_error = 0
        for line, raw in enumerate(self.stream, 1):
            if raw.isascii():
                continue
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                first_invalid = first_invalid or line
                try:
                    raw.decode(LEGACY_ENCODING)
                except UnicodeDecodeError:
                    first_legacy_error = first_legacy_error or line
            else:
                first_utf8 = first_utf8 or line
            if not first_invalid and _UTF8_SEQUENCE.search(raw):
                first_utf8 = first_utf8 or line
            if first_invalid and (first_utf8 or bom):
                break
        self.stream.seek(3 if bom else 0)
        if not first_invalid:
            return "utf-8", bom
        if first_utf8 or bom:
            raise TabularError(
                _(
                    "Line %(line)s is not UTF-8 while the rest of the file is (e.g. line "
                    "%(utf8)s): save the whole file again as UTF-8."
                )
                % {"line": first_invalid, "utf8": first_utf8 or 1}
            )
        if first_legacy_error:
            raise TabularError(
                _(
                    "Line %(line)s: the file's text encoding could not be recognised; "
                    "save it as UTF-8."
                )
                % {"line": first_legacy_error}
            )
        return LEGACY_ENCODING, False

    def rows(self) -> Iterator[_RawRow]:
        # utf-8-sig drops the BOM (after each seek to 0 as well).
        encoding = "utf-8-sig" if self.bom else self.encoding
        self.stream.seek(0)
        text = io.TextIOWrapper(self.stream, encoding=encoding, newline="")
        try:
            first = _first_text_line(text)
            text.seek(0)
            delimiter = max(";,\t", key=first.count) if first else ","
            # The field limit is process-wide: a value is bounded by the file's
            # size anyway, and one column's long cells may be ignored ones.
            if csv.field_size_limit() < self.limits.max_bytes:
                csv.field_size_limit(self.limits.max_bytes)
            reader = csv.reader(text, delimiter=delimiter, strict=True)
            while True:
                start = reader.line_num + 1
                try:
                    values = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    raise _csv_error(start, reader.line_num, error) from None
                cells = {}
                for index, value in enumerate(values, 1):
                    if not value.strip():
                        continue  # empty trailing columns (Excel pads rows) cost nothing
                    if index > self.limits.max_columns:
                        raise TabularError(
                            _(
                                "Line %(line)s has a value in column %(column)s; at most "
                                "%(max)s columns can be read."
                            )
                            % {"line": start, "column": index, "max": self.limits.max_columns}
                        )
                    cells[index] = Cell(value, Kind.TEXT, _CsvPlace(start, index))
                if cells:
                    yield _RawRow(start, cells)
        finally:
            text.detach()


class _CsvPlace:
    """ "line 5, column C", translated only when a message shows it (most cells are fine)."""

    __slots__ = ("line", "column")

    def __init__(self, line: int, column: int) -> None:
        self.line, self.column = line, column

    def __str__(self) -> str:
        return _("line %(line)s, column %(column)s") % {
            "line": self.line,
            "column": get_column_letter(self.column),
        }

    __repr__ = __str__


def _first_text_line(text: io.TextIOWrapper) -> str:
    for line in text:
        if line.strip():
            return line
    return ""


def _unterminated(line: int) -> TabularError:
    return TabularError(
        _(
            'Line %(line)s: a quote (") opens a value that is never closed, so the lines '
            "after it would be read as one value; close or remove the quote."
        )
        % {"line": line}
    )


def _csv_error(start: int, end: int, error: csv.Error) -> TabularError:
    message = str(error)
    if "unexpected end of data" in message or "EOF" in message:
        return _unterminated(start)
    if end > start:
        return TabularError(
            _(
                'Lines %(start)s to %(end)s: a quote (") opened on line %(start)s closes '
                "in the middle of a value on line %(end)s; check the quotes of line %(start)s."
            )
            % {"start": start, "end": end}
        )
    return TabularError(
        _(
            'Line %(line)s: a quote (") is misplaced: a quoted value must be followed by '
            "the delimiter."
        )
        % {"line": start}
    )


# --- XLSX -----------------------------------------------------------------------------

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"^([A-Z]{1,3})([0-9]+)$")
_DATE_BUILTIN = {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47}


class _XlsxReader(_Reader):
    """The first worksheet of an XLSX, parsed as a stream of XML events."""

    def __init__(self, stream: IO[bytes], limits: Limits) -> None:
        self.limits = limits
        try:
            self.zip = zipfile.ZipFile(stream)
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise _unreadable() from error
        # The zip directory declares each part's unpacked size, and zipfile
        # never unpacks past it: the sum bounds what reading can cost.
        if sum(info.file_size for info in infos) > limits.max_unpacked_bytes:
            raise TabularError(
                _("The XLSX file unpacks to more than %(size)s; it cannot be read.")
                % {"size": filesizeformat(limits.max_unpacked_bytes)}
            )
        try:
            self.sheet_path = self._first_sheet()
            self.date1904, self.formats = self._workbook_settings()
            self.shared = _SharedStrings.read(self.zip, limits)
        except TabularError:
            raise
        except Exception as error:  # a broken part: any parse or lookup error
            raise _unreadable() from error

    def close(self) -> None:
        self.zip.close()

    def _parse(self, path: str) -> Iterator[tuple[str, Any]]:
        with self.zip.open(path) as part:
            yield from _xml_events(part)

    def _first_sheet(self) -> str:
        rid = None
        for event, element in self._parse("xl/workbook.xml"):
            if event == "start" and element.tag == _NS + "sheet":
                rid = element.get(_REL_NS + "id")
                break
        target = None
        for event, element in self._parse("xl/_rels/workbook.xml.rels"):
            tag = element.tag
            if event == "end" and tag == _PKG_REL_NS + "Relationship" and element.get("Id") == rid:
                target = element.get("Target")
                break
        if not target:
            raise TabularError(_("The XLSX file has no worksheet."))
        path = target.lstrip("/") if target.startswith("/") else normpath(join("xl", target))
        if path not in self.zip.namelist():
            raise TabularError(_("The XLSX file has no worksheet."))
        return path

    def _workbook_settings(self) -> tuple[bool, list[str]]:
        """Whether dates count from 1904, and each cell style's number format code."""
        date1904 = False
        for event, element in self._parse("xl/workbook.xml"):
            if event == "end" and element.tag == _NS + "workbookPr":
                date1904 = element.get("date1904") in ("1", "true")
                break
        formats: list[str] = []
        if "xl/styles.xml" not in self.zip.namelist():
            return date1904, formats
        custom: dict[int, str] = {}
        in_xfs = False
        for event, element in self._parse("xl/styles.xml"):
            tag = element.tag
            if event == "end" and tag == _NS + "numFmt":
                custom[int(element.get("numFmtId", "0"))] = element.get("formatCode", "")
            elif tag == _NS + "cellXfs":
                in_xfs = event == "start"
            elif event == "end" and in_xfs and tag == _NS + "xf":
                number = int(element.get("numFmtId", "0"))
                formats.append(custom.get(number) or BUILTIN_FORMATS.get(number, "General"))
                if len(formats) > MAX_STYLES:
                    raise TabularError(_("The XLSX file is too complex to be read."))
        return date1904, formats

    def _is_date(self, style: int) -> bool:
        if style >= len(self.formats):
            return False
        code = self.formats[style]
        return is_date_format(code)

    def rows(self) -> Iterator[_RawRow]:
        try:
            yield from self._rows()
        except TabularError:
            raise
        except Exception as error:
            raise _unreadable() from error

    def _rows(self) -> Iterator[_RawRow]:
        max_columns = self.limits.max_columns
        epoch = CALENDAR_MAC_1904 if self.date1904 else CALENDAR_WINDOWS_1900
        row_number = 0
        cells: dict[int, Cell] = {}
        column = 0
        for event, element in self._parse(self.sheet_path):
            tag = element.tag
            if event == "start":
                if tag == _NS + "row":
                    number = element.get("r")
                    row_number = int(number) if number else row_number + 1
                    cells, column = {}, 0
                elif tag == _NS + "c":
                    reference = element.get("r")
                    if reference:
                        match = _CELL_REF.match(reference)
                        if not match:
                            raise _unreadable()
                        column = column_index_from_string(match.group(1))
                    else:
                        column += 1
                    if column > max_columns:
                        where = reference or f"{get_column_letter(column)}{row_number}"
                        raise TabularError(
                            _(
                                "Cell %(cell)s is beyond column %(last)s, the last one that can "
                                "be read; delete the columns after it."
                            )
                            % {"cell": where, "last": get_column_letter(max_columns)}
                        )
                continue
            if tag == _NS + "c":
                cell = self._cell(element, f"{get_column_letter(column)}{row_number}", epoch)
                if cell is not None:
                    cells[column] = cell
                element.clear()
            elif tag == _NS + "row":
                if cells:
                    yield _RawRow(row_number, cells)
            elif tag == _NS + "sheetData":
                return  # what follows the cells (merges, filters…) is not read

    def _cell(self, element: Any, where: str, epoch: dt.datetime) -> Cell | None:
        kind = element.get("t", "n")
        style = int(element.get("s", "0") or 0)
        number_format = self.formats[style] if style < len(self.formats) else ""
        formula = element.find(_NS + "f") is not None
        value_element = element.find(_NS + "v")
        raw = value_element.text if value_element is not None else None
        if kind == "inlineStr":
            holder = element.find(_NS + "is")
            text = _rich_text(holder) if holder is not None else ""
            return Cell(text, Kind.TEXT, where, number_format, formula) if text.strip() else None
        if raw is None or raw == "":
            if formula:
                return Cell("=…", Kind.ERROR, where, number_format, formula)
            return None
        if kind == "s":
            text = self.shared[int(raw)]
            return Cell(text, Kind.TEXT, where, number_format, formula) if text.strip() else None
        if kind == "str":
            return Cell(raw, Kind.TEXT, where, number_format, formula) if raw.strip() else None
        if kind == "b":
            return Cell(raw.strip() in ("1", "true"), Kind.BOOL, where, number_format, formula)
        if kind == "e":
            return Cell(raw, Kind.ERROR, where, number_format, formula)
        if kind == "d":
            return Cell(raw, Kind.DATE, where, number_format, formula)
        number: int | float = float(raw)
        if number.is_integer() and "." not in raw and "E" not in raw.upper():
            number = int(raw)
        if self._is_date(style):
            try:
                return Cell(from_excel(number, epoch), Kind.DATE, where, number_format, formula)
            except (OverflowError, ValueError):
                return Cell(raw, Kind.ERROR, where, number_format, formula)
        return Cell(number, Kind.NUMBER, where, number_format, formula)


# Elements an XML part may keep open at once: everything under one row, one
# shared string or one style. A row of 200 rich-text cells is far below it;
# millions of empty elements packed in a small zip are not.
MAX_OPEN_ELEMENTS = 100_000
# Distinct texts of a workbook (Excel's own limit on styles is 64,000).
MAX_SHARED_STRINGS = 4_000_000
MAX_STYLES = 65_536


def _xml_events(part: IO[bytes], drop_depth: int = 3) -> Iterator[tuple[str, Any]]:
    """The start and end events of an XML part, holding a bounded number of elements.

    Each element at most `drop_depth` deep (the root is 1: a worksheet's rows
    are 3 deep, a workbook's shared strings 2) is dropped from the tree once
    the caller has seen its end; more than MAX_OPEN_ELEMENTS elements kept at
    once are refused. DTDs (and so entity expansion) are refused by defusedxml.
    """
    stack: list[Any] = []
    started = 0
    for event, element in iterparse(part, events=("start", "end"), forbid_dtd=True):
        if event == "start":
            stack.append(element)
            started += 1
            if started > MAX_OPEN_ELEMENTS:
                raise TabularError(_("The XLSX file is too complex to be read."))
            yield event, element
            continue
        yield event, element
        depth = len(stack)
        stack.pop()
        if 1 < depth <= drop_depth:
            stack[-1].remove(element)
            started = len(stack)


def _rich_text(element: Any) -> str:
    """The text of a shared or inline string: its runs' `t`, phonetic guides left out."""
    parts = []
    for child in element.iter():
        if child.tag == _NS + "t":
            parts.append(child.text or "")
        elif child.tag == _NS + "rPh":
            child.clear()
    return "".join(parts)


def _unreadable() -> TabularError:
    return TabularError(_("The XLSX file could not be read."))


class _SharedStrings:
    """The workbook's shared strings, stored compactly: one text and an offset per string.

    A hostile part may hold millions of tiny strings; as Python objects they
    would cost ~60 bytes each, here 8 bytes plus their text (and at most
    MAX_SHARED_STRINGS of them).
    """

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.offsets = array("Q", [0])
        self._pending: list[str] = []
        self._length = 0
        self._text: str | None = None

    @classmethod
    def read(cls, archive: zipfile.ZipFile, limits: Limits) -> _SharedStrings:
        strings = cls()
        if "xl/sharedStrings.xml" not in archive.namelist():
            return strings
        with archive.open("xl/sharedStrings.xml") as part:
            for event, element in _xml_events(part, drop_depth=2):
                if event == "end" and element.tag == _NS + "si":
                    # Keep no more of a string than a cell may hold (and one
                    # character to tell it was longer).
                    strings.append(_rich_text(element)[: limits.max_cell_chars + 1])
                    if len(strings.offsets) > MAX_SHARED_STRINGS:
                        raise TabularError(_("The XLSX file is too complex to be read."))
        strings.flush()
        return strings

    def append(self, text: str) -> None:
        self._pending.append(text)
        self._length += len(text)
        self.offsets.append(self._length)
        if len(self._pending) >= 4096:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            self.chunks.append("".join(self._pending))
            self._pending = []
        self._text = None

    def __getitem__(self, index: int) -> str:
        if index < 0 or index + 1 >= len(self.offsets):
            raise TabularError(_("The XLSX file could not be read."))
        if self._text is None:
            self._text = "".join(self.chunks)
            self.chunks = [self._text]
        return self._text[self.offsets[index] : self.offsets[index + 1]]
