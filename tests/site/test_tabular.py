"""core.tabular: the streaming, bounded reader under CSV and XLSX files, hostile ones included."""

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from django.utils import translation

from core.tabular import Kind, Limits, TabularError, open_table


@pytest.fixture(autouse=True)
def english():
    """The messages asserted below, in English (the site's default language is French)."""
    with translation.override("en"):
        yield


COLUMNS = {
    "first_name": {"first name", "prénom", "voornaam"},
    "last_name": {"last name", "nom", "achternaam"},
    "email": {"email", "e-mail", "courriel"},
    "phone": {"phone", "téléphone"},
}


def read(data: bytes, name: str = "f.csv", **kwargs) -> list:
    with open_table(data, name, COLUMNS, **kwargs) as table:
        return [
            (row.line, {k: [c.value for c in v] for k, v in row.cells.items()}, row.errors)
            for row in table
        ]


def xlsx(rows: list[list], **cell_formats) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for ref, number_format in cell_formats.items():
        sheet[ref].number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_headers_are_found_by_name_in_any_language_and_other_columns_ignored():
    data = b"Voornaam;Notes;Achternaam\nAn;whatever;Peeters\n"
    with open_table(data, "f.csv", COLUMNS) as table:
        assert [(c.field, c.letter) for c in table.columns] == [
            ("first_name", "A"),
            ("last_name", "C"),
        ]
        assert table.ignored == ["Notes"]
        rows = list(table)
    assert rows[0].line == 2
    assert rows[0].first("last_name").value == "Peeters"
    assert "Notes" not in str(rows[0].cells)


def test_an_unterminated_quote_is_reported_with_the_line_it_opens_on():
    data = (
        b"first name,last name,email\n"
        b"Ann,Lee,ann@example.be\n"
        b"Bo,Dal,bo@example.be\n"
        b'"Broken,Quote,broken@example.be\n'
        b"Cy,Oh,cy@example.be\n"
        b"Di,Ma,di@example.be\n"
        b"Ed,No,ed@example.be\n"
    )
    with pytest.raises(TabularError, match="Line 4: a quote"):
        read(data)


def test_a_quote_closing_inside_a_later_row_names_both_lines():
    data = b'first name,last name\n"Broken,Quote\nAnn,"Lee"\n'
    with pytest.raises(TabularError, match="Lines 2 to 3"):
        read(data)


def test_a_quoted_value_over_several_lines_is_still_read():
    data = b'first name,last name,notes\nAnn,Lee,"line one\nline two"\nBo,Dal,x\n'
    assert [line for line, _, _ in read(data)] == [2, 4]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_utf8_with_or_without_bom(bom):
    rows = read(bom + "Prénom;Nom\nHélène;Crèvecoeur\n".encode())
    assert rows[0][1] == {"first_name": ["Hélène"], "last_name": ["Crèvecoeur"]}


def test_a_legacy_file_is_read_as_one_legacy_encoding_and_says_so():
    data = "Prénom;Nom\nHélène;Crèvecoeur\n".encode("cp1252")
    with open_table(data, "f.csv", COLUMNS) as table:
        assert table.encoding == "cp1252"
        assert next(iter(table)).first("last_name").value == "Crèvecoeur"


def test_a_file_mixing_utf8_and_a_legacy_byte_is_refused_naming_the_line():
    data = "Prénom;Nom\nHélène;Crèvecoeur\nAnn;Lee\n".encode() + "Zoë;Smet\n".encode("latin-1")
    with pytest.raises(TabularError, match="Line 4 is not UTF-8.*line 1"):
        read(data)


def test_a_long_cell_in_an_ignored_column_is_skipped_and_in_a_named_one_is_a_row_error():
    big = "x" * (1024 * 1024)
    data = f"first name,last name,notes\nAnn,Lee,{big}\n{big},Dal,\n".encode()
    rows = read(data)
    assert rows[0][1] == {"first_name": ["Ann"], "last_name": ["Lee"]}
    assert rows[0][2] == []
    assert rows[1][2] and "line 3, column A" in rows[1][2][0]


def test_two_columns_for_one_field_are_refused_unless_repeatable():
    data = b"email,first name,e-mail\na@example.be,Ann,b@example.be\n"
    with pytest.raises(TabularError, match="columns A .*email.*C .*e-mail"):
        read(data)
    assert read(data, repeatable={"email"})[0][1]["email"] == ["a@example.be", "b@example.be"]


def test_the_row_limit_stops_the_read_at_the_first_row_past_it():
    data = ("first name\n" + "Ann\n" * 20).encode()
    with pytest.raises(TabularError, match="Line 12: the file has more than 10 rows"):
        read(data, limits=Limits(max_rows=10))


def test_the_column_limit_and_the_size_limit():
    with pytest.raises(TabularError, match="column 4"):
        read(b"first name,a,b,c\nAnn,,,x\n", limits=Limits(max_columns=3))
    assert read(b"first name,a,b,c,,,,\nAnn,,,,,,,\n", limits=Limits(max_columns=4))
    with pytest.raises(TabularError, match="larger than"):
        read(b"first name\n" + b"a\n" * 100, limits=Limits(max_bytes=50))


def test_xlsx_cells_keep_their_types_and_errors_are_named_by_cell():
    data = xlsx(
        [
            ["first name", "last name", "phone", "email"],
            ["Ann", dt.datetime(2024, 5, 1), 470112233, True],
            ["Bo", "Dal", "=1+1", "#N/A"],
        ],
        C2="0000000000",
    )
    with open_table(data, "f.xlsx", COLUMNS) as table:
        rows = list(table)
    first = rows[0]
    assert first.first("last_name").kind == Kind.DATE and first.first("last_name").where == "B2"
    assert first.first("phone").kind == Kind.NUMBER
    assert first.first("phone").number_format == "0000000000"
    assert first.first("email").kind == Kind.BOOL
    # openpyxl writes formulas without a saved value: an error naming the cell.
    assert rows[1].errors and "C3" in rows[1].errors[0]


def test_xlsx_formula_with_a_saved_value_reads_the_value():
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>first name</t></is></c></row>'
        '<row r="2"><c r="A2" t="str"><f>UPPER("ann")</f><v>ANN</v></c></row>'
        "</sheetData></worksheet>"
    )
    assert read(handmade_xlsx(sheet), "f.xlsx")[0][1] == {"first_name": ["ANN"]}


def test_a_broken_xlsx_is_refused():
    with pytest.raises(TabularError, match="could not be read"):
        read(b"PK\x03\x04garbage", "f.xlsx")
    with pytest.raises(TabularError, match="Only .csv and .xlsx"):
        read(b"x", "f.ods")


WORKBOOK = (
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def handmade_xlsx(sheet: str | bytes, shared_strings: str = "") -> bytes:
    """A minimal XLSX around a worksheet's XML (what a hostile file is made of)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared_strings:
            archive.writestr("xl/sharedStrings.xml", shared_strings)
    return buffer.getvalue()


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def test_shared_strings_as_excel_writes_them_rich_text_included():
    strings = (
        f'<sst xmlns="{MAIN}"><si><t>Prénom</t></si><si><t>E-mail</t></si>'
        "<si><r><t>Hé</t></r><r><rPr><b/></rPr><t>lène</t></r><rPh><t>x</t></rPh></si>"
        "<si><t>h@example.be</t></si></sst>"
    )
    sheet = (
        f'<worksheet xmlns="{MAIN}"><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>'
        "</sheetData></worksheet>"
    )
    rows = read(handmade_xlsx(sheet, strings), "f.xlsx")
    assert rows == [(2, {"first_name": ["Hélène"], "email": ["h@example.be"]}, [])]


def test_a_row_packed_with_empty_elements_is_refused_not_held():
    sheet = (
        f'<worksheet xmlns="{MAIN}"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>first name</t></is></c></row>'
        '<row r="2">' + "<x/>" * 150_000 + "</row></sheetData></worksheet>"
    )
    with pytest.raises(TabularError, match="too complex"):
        read(handmade_xlsx(sheet), "f.xlsx")


def one_cell_sheet(reference: str) -> str:
    return (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:{reference}"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>first name</t></is></c></row>'
        f'<row r="{reference.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}">'
        f'<c r="{reference}" t="inlineStr"><is><t>x</t></is></c></row>'
        "</sheetData></worksheet>"
    )


def test_a_cell_past_the_last_column_is_refused_whatever_the_declared_dimension():
    data = handmade_xlsx(one_cell_sheet("XFD1048576"))
    assert len(data) < 5000
    with pytest.raises(TabularError, match="Cell XFD1048576 is beyond column"):
        read(data, "f.xlsx")


def test_a_far_away_cell_within_the_limits_costs_one_row():
    data = handmade_xlsx(one_cell_sheet("CV100000"))
    assert read(data, "f.xlsx") == []  # CV is no named column: nothing to import


def test_an_xlsx_that_unpacks_past_the_limit_is_refused():
    sheet = one_cell_sheet("A2").replace("<sheetData>", "<sheetData>" + " " * 200_000)
    with pytest.raises(TabularError, match="unpacks to more than"):
        read(handmade_xlsx(sheet), "f.xlsx", limits=Limits(max_unpacked_bytes=100_000))
