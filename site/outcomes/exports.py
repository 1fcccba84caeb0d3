"""The impact report as an XLSX workbook (tablib) and a one-page PDF (fpdf2).

Both are made from `impact.build_report`'s data, so they say exactly what the
admin view says. Text a spreadsheet would run as a formula is neutralised as in
the directory's exports.
"""

import io

import tablib
from django.utils.translation import gettext as _
from fpdf import FPDF

from people.export import escape_formula

from . import charts

# Characters the PDF's built-in fonts lack (they cover Latin-1), mapped to close ones.
PDF_REPLACEMENTS = str.maketrans(
    {"—": "-", "–": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "…": "...", "\u202f": " "}
)


def _sheet(title: str, headers: list[str], rows: list[list]) -> tablib.Dataset:
    data = tablib.Dataset(headers=headers, title=title[:31])
    for row in rows:
        data.append([escape_formula(value) for value in row])
    return data


def _labels() -> dict[str, str]:
    return {
        "edition": _("Edition"),
        "date": _("Date"),
        "attendees": _("Attendees"),
        "first_timers": _("First-timers"),
        "returning": _("Returning"),
        "encounters": _("Encounters"),
        "projects": _("Projects started"),
        "sector": _("Sector"),
        "agency": _("Agency"),
        "stage": _("Step"),
        "reached": _("Reached"),
        "share": _("Share of the previous step (%)"),
        "median": _("Median days from the previous step"),
        "kind": _("Kind of outcome"),
    }


def report_xlsx(report: dict) -> bytes:
    """The report as a workbook: one sheet per table of the impact view."""
    label = _labels()
    names = [s["name"] for s in report["sectors"]]
    book = tablib.Databook()
    book.add_sheet(
        _sheet(
            _("Editions"),
            [label[k] for k in ("edition", "date", "attendees", "first_timers", "returning")]
            + [label["encounters"], label["projects"]],
            [
                [
                    e["title"],
                    e["date"],
                    e["attendees"],
                    e["first_timers"],
                    e["returning"],
                    e["encounters"],
                    e["projects_started"],
                ]
                for e in report["editions"]
            ],
        )
    )
    attendance = report["attendance"]
    book.add_sheet(
        _sheet(
            _("Attendance by sector"),
            [label["sector"], _("Attendances")],
            [
                [row["name"] or _("No sector"), row["attendances"]]
                for row in attendance["by_sector"]
            ],
        )
    )
    book.add_sheet(
        _sheet(
            _("Attendance by agency"),
            [label["agency"], _("Attendances")],
            [
                [row["agency"] or _("Unknown"), row["attendances"]]
                for row in attendance["by_agency"]
            ],
        )
    )
    for key, title in (
        ("encounters", _("Encounters by sector pair")),
        ("projects", _("Projects by sector pair")),
    ):
        book.add_sheet(
            _sheet(
                title,
                [""] + names,
                [[names[i]] + row for i, row in enumerate(report["matrix"][key])],
            )
        )
    book.add_sheet(
        _sheet(
            _("Ladder"),
            [label["stage"], label["reached"], label["share"], label["median"]],
            [
                [s["label"], s["reached"], s["share_of_previous"], s["median_days_from_previous"]]
                for s in report["funnel"]
            ],
        )
    )
    book.add_sheet(
        _sheet(
            _("Kinds of outcome"),
            [label["kind"], label["encounters"]],
            [[k["label"], k["encounters"]] for k in report["kinds"]],
        )
    )
    return book.export("xlsx")


class _OnePage(FPDF):
    def text(self, value) -> str:  # noqa: A003 — our helper, not FPDF.text
        return str(value).translate(PDF_REPLACEMENTS).encode("latin-1", "replace").decode("latin-1")


def report_pdf(report: dict, heading: str, scope: str) -> bytes:
    """The report on one A4 page for the annual report: key figures, matrix, funnel, kinds."""
    pdf = _OnePage(orientation="portrait", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(12, 12, 12)
    pdf.add_page()
    pdf.set_title(pdf.text(heading))
    pdf.set_font("helvetica", "B", 15)
    pdf.cell(0, 8, pdf.text(heading), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 9)
    pdf.cell(0, 5, pdf.text(scope), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)

    attendance = report["attendance"]
    started = next(s for s in report["funnel"] if s["stage"] == "project_started")["reached"]
    figures = [
        (_("Editions"), len(report["editions"])),
        (_("Attendances"), attendance["attendances"]),
        (_("First-timers"), attendance["first_timers"]),
        (_("Returning"), attendance["returning"]),
        (_("Encounters"), report["encounters"]),
        (_("Projects started"), started),
    ]
    pdf.set_font("helvetica", "B", 9)
    width = (pdf.w - 24) / len(figures)
    for name, _value in figures:
        pdf.cell(width, 5, pdf.text(name), border="LTR", align="C")
    pdf.ln()
    pdf.set_font("helvetica", "B", 13)
    for _name, value in figures:
        pdf.cell(width, 8, pdf.text(value), border="LBR", align="C")
    pdf.ln(10)

    names = [s["name"] for s in report["sectors"]]
    pdf.set_font("helvetica", "B", 10)
    pdf.cell(0, 6, pdf.text(_("Encounters by sector pair")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 7)
    with pdf.table(
        col_widths=(34,) + (20,) * len(names),
        text_align=("LEFT",) + ("RIGHT",) * len(names),
        line_height=4.2,
        first_row_as_headings=True,
    ) as table:
        table.row([""] + [pdf.text(n) for n in names])
        for i, row in enumerate(report["matrix"]["encounters"]):
            table.row([pdf.text(names[i])] + [str(v) for v in row])
    pdf.ln(3)

    pdf.set_font("helvetica", "B", 10)
    pdf.cell(0, 6, pdf.text(_("The ladder")), new_x="LMARGIN", new_y="NEXT")
    svg = charts.funnel_svg(
        "funnel", report["funnel"], _("The ladder"), _("How many encounters reached each step.")
    )
    pdf.image(io.BytesIO(pdf.text(svg).encode()), w=120)
    pdf.set_font("helvetica", "", 7)
    label = _labels()
    with pdf.table(
        col_widths=(50, 20, 30, 40),
        text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT"),
        line_height=4.2,
        width=140,
        align="LEFT",
    ) as table:
        table.row([pdf.text(label[k]) for k in ("stage", "reached", "share", "median")])
        for step in report["funnel"]:
            table.row(
                [
                    pdf.text(step["label"]),
                    str(step["reached"]),
                    "" if step["share_of_previous"] is None else str(step["share_of_previous"]),
                    ""
                    if step["median_days_from_previous"] is None
                    else f"{step['median_days_from_previous']:g}",
                ]
            )
    pdf.ln(3)
    pdf.set_font("helvetica", "B", 10)
    pdf.cell(0, 6, pdf.text(_("Kinds of outcome")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 8)
    kinds = ", ".join(
        f"{k['label']}: {k['encounters']}" for k in report["kinds"] if k["encounters"]
    )
    pdf.multi_cell(0, 4.5, pdf.text(kinds or "-"))
    return bytes(pdf.output())
