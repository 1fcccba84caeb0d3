"""A table plan as a printable PDF (one block per table) and as CSV for a spreadsheet.

Cells a spreadsheet would run as a formula are neutralised as in the
directory's exports. Neither file names anything beyond what the room needs:
name, organisation, sector.
"""

import csv
import io

from django.utils.translation import gettext as _

from people.export import escape_formula

from .badges import FAMILY, _pdf, _rgb
from .sectors import colour, sector_names
from .tables import PlanResult


def plan_csv(result: PlanResult) -> bytes:
    """UTF-8 CSV with a BOM (Excel opens it right), one row per seated person."""
    names = sector_names()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Table"), _("Explanation"), _("Name"), _("Organisation"), _("Sector")])
    for table in result.rows():
        for person in table["people"]:
            writer.writerow(
                [
                    escape_formula(value)
                    for value in (
                        table["number"],
                        table["line"],
                        person.name,
                        person.organisation,
                        names.get(person.sector, "") if person.sector else "",
                    )
                ]
            )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def plan_pdf(result: PlanResult, title: str) -> bytes:
    """A4, one block per table: its number, its explanation, then its people."""
    names = sector_names()
    pdf = _pdf(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_margins(15, 15, 15)
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 15)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    summary = result.summary()
    pdf.set_font(FAMILY, "", 9)
    pdf.multi_cell(
        0,
        5,
        _("%(people)s people at %(tables)s tables of %(size)s.")
        % {"people": summary["people"], "tables": summary["tables"], "size": summary["size"]},
        new_x="LMARGIN",
        new_y="NEXT",
    )
    for table in result.rows():
        if pdf.get_y() > 297 - 15 - 8 * (len(table["people"]) + 2) * 0.6:
            pdf.add_page()
        pdf.ln(3)
        pdf.set_font(FAMILY, "B", 11)
        pdf.cell(0, 6, _("Table %(n)s") % {"n": table["number"]}, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, "", 8)
        pdf.cell(0, 5, table["line"], new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, "", 9)
        for person in table["people"]:
            sector = names.get(person.sector, "") if person.sector else ""
            pdf.set_fill_color(*_rgb(colour(person.sector)))
            pdf.rect(pdf.get_x(), pdf.get_y() + 1, 3, 3, style="F")
            pdf.set_x(pdf.l_margin + 5)
            pdf.cell(
                0,
                5,
                " — ".join(part for part in (person.name, person.organisation, sector) if part),
                new_x="LMARGIN",
                new_y="NEXT",
            )
    return bytes(pdf.output())
