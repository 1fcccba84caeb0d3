"""Name badges as a PDF (fpdf2): A4 sheets of badge inserts, or one badge per page.

Each badge shows the person's name, their organisation, and their sector as a
band of colour *and* its name (so it reads without colour, and people see at
a glance who comes from another world), with the marks of Passerelles and of
the edition's agencies (their logos, or their short names when a logo is
missing or the row would not fit). The typeface is the public site's,
Figtree (SIL Open Font License), embedded from ``evening/fonts`` as TrueType
made from the same Fontsource release the site serves (its latin and
latin-ext subsets merged with fontTools); a character Figtree lacks (Greek,
Cyrillic…) falls back to DejaVu Sans, embedded too. So the file prints the
same everywhere.

Sheets follow the common 90 × 55 mm badge insert: 2 columns × 5 rows on A4,
centred (15 mm side margins, 11 mm top and bottom), with light cut lines.
"""

import io
import logging
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from fpdf import FPDF

from editions.models import EditionPage
from people.models import Attendance

from .registrants import Registrant
from .sectors import colour, ink, sector_names

# fpdf2 subsets the embedded font with fontTools, which logs every glyph at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)
logger = logging.getLogger("evening.badges")

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "Figtree"
FALLBACK = "DejaVu"
BADGE_W, BADGE_H = 90.0, 55.0
COLUMNS, ROWS = 2, 5
A4_W, A4_H = 210.0, 297.0
MARGIN_X = (A4_W - COLUMNS * BADGE_W) / 2
MARGIN_Y = (A4_H - ROWS * BADGE_H) / 2
PAD = 5.0
BAND = 11.0


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _pdf(**kwargs) -> FPDF:
    pdf = FPDF(unit="mm", **kwargs)
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    pdf.add_font(FAMILY, "", str(FONTS / "Figtree-Regular.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "Figtree-Bold.ttf"))
    pdf.add_font(FALLBACK, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FALLBACK, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_fallback_fonts([FALLBACK])
    pdf.set_creator("Passerelles")
    return pdf


def _fit(pdf: FPDF, text: str, style: str, largest: float, smallest: float, width: float) -> float:
    """The largest font size (points) at which `text` fits `width` on one line."""
    size = largest
    while size > smallest:
        pdf.set_font(FAMILY, style, size)
        if pdf.get_string_width(text) <= width:
            return size
        size -= 0.5
    pdf.set_font(FAMILY, style, smallest)
    return smallest


@dataclass
class Mark:
    """An agency's mark on a badge: its logo (PNG bytes) or, without one, its short name."""

    name: str
    logo: bytes | None = None
    ratio: float = 1.0  # width / height of the logo


def agency_marks(edition: EditionPage) -> list[Mark]:
    """The marks of the edition's host and participating agencies, host first."""
    agencies = []
    if edition.host_agency_id:
        agencies.append(edition.host_agency)
    agencies += [
        a
        for a in edition.participating_agencies.select_related("logo").order_by("title")
        if a.pk != edition.host_agency_id
    ]
    return [_mark(agency) for agency in agencies]


def _mark(agency) -> Mark:
    name = agency.short_name or agency.title
    logo = agency.logo
    if logo is None:
        return Mark(name)
    try:
        if logo.is_svg():
            # Drawn as vector paths by the PDF library: sharp at any size.
            with logo.file.open("rb") as handle:
                return Mark(name, handle.read(), logo.width / max(logo.height, 1))
        # A small PNG rendition: the badge prints it about 4 mm high.
        rendition = logo.get_rendition("height-80|format-png")
        with rendition.file.open("rb") as handle:
            data = handle.read()
        return Mark(name, data, rendition.width / max(rendition.height, 1))
    except Exception:  # noqa: BLE001 - a missing or unreadable file prints the name instead
        logger.warning("logo of %s unreadable; its name is printed instead", name, exc_info=True)
        return Mark(name)


ROLE_LABELS = {
    Attendance.Role.SPEAKER: Attendance.Role.SPEAKER.label,
    Attendance.Role.HOST: Attendance.Role.HOST.label,
    Attendance.Role.STAFF: Attendance.Role.STAFF.label,
}


def _badge(
    pdf: FPDF, x: float, y: float, person: Registrant, sectors: dict, marks: list[Mark]
) -> None:
    width = BADGE_W - 2 * PAD
    # Cut line.
    pdf.set_draw_color(190, 190, 190)
    pdf.set_line_width(0.1)
    pdf.rect(x, y, BADGE_W, BADGE_H)
    # Sector band: colour and word.
    pdf.set_fill_color(*_rgb(colour(person.sector)))
    pdf.rect(x, y, BADGE_W, BAND, style="F")
    pdf.set_text_color(*_rgb(ink(person.sector)))
    word = sectors.get(person.sector, "") if person.sector else _("No sector")
    role = str(ROLE_LABELS.get(person.role, ""))
    pdf.set_font(FAMILY, "", 8)  # the role's size, to measure the room it takes
    room = width - (pdf.get_string_width(role) + 4 if role else 0)
    _fit(pdf, word, "B", 11, 6, room)
    pdf.set_xy(x + PAD, y)
    pdf.cell(width, BAND, word, align="L")
    if role:
        pdf.set_font(FAMILY, "", 8)
        pdf.set_xy(x + PAD, y)
        pdf.cell(width, BAND, role, align="R")
    # Name (one line, or two at the smallest size) and organisation.
    pdf.set_text_color(0, 0, 0)
    name = person.name or "—"
    size = _fit(pdf, name, "B", 20, 12, width)
    pdf.set_xy(x + PAD, y + BAND + 5)
    if pdf.get_string_width(name) <= width:
        pdf.cell(width, size * 0.45, name, align="L")
        below = y + BAND + 5 + size * 0.45 + 3
    else:
        pdf.multi_cell(
            width,
            size * 0.42,
            name,
            align="L",
            max_line_height=size * 0.42,
            new_x="LEFT",
            new_y="NEXT",
        )
        below = pdf.get_y() + 2
    if person.organisation:
        org_size = _fit(pdf, person.organisation, "", 11, 7, width)
        pdf.set_xy(x + PAD, below)
        pdf.cell(width, org_size * 0.42, person.organisation, align="L")
    # Marks: Passerelles and the agencies.
    pdf.set_text_color(60, 60, 60)
    pdf.set_font(FAMILY, "B", 7)
    brand = "Passerelles"
    brand_w = pdf.get_string_width(brand) + 3
    pdf.set_xy(x + PAD, y + BADGE_H - 8)
    pdf.cell(brand_w, 5, brand, align="L")
    _marks(pdf, x + PAD + brand_w, y + BADGE_H - 8, width - brand_w, marks)


def _marks(pdf: FPDF, x: float, y: float, room: float, marks: list[Mark]) -> None:
    """The agencies' logos right-aligned in `room` (mm): one row 4 mm high, else two rows
    3.5 mm high, else (or when a logo is missing) their short names."""
    gap = 1.5
    if marks and all(m.logo for m in marks):
        half = (len(marks) + 1) // 2
        for rows, height in (([marks], 4.0), ([marks[:half], marks[half:]], 3.5)):
            widths = [sum(height * m.ratio for m in row) + gap * (len(row) - 1) for row in rows]
            if max(widths) > room:
                continue
            top = y + 4.5 - len(rows) * (height + 0.5)
            for row, needed in zip(rows, widths, strict=True):
                left = x + room - needed
                for mark in row:
                    pdf.image(io.BytesIO(mark.logo), x=left, y=top, h=height, alt_text=mark.name)
                    left += height * mark.ratio + gap
                top += height + 0.5
            return
    text = " · ".join(m.name for m in marks)
    if text:
        _fit(pdf, text, "", 6.5, 4, room)
        pdf.set_xy(x, y)
        pdf.cell(room, 5, text, align="R")


def badges_pdf(edition: EditionPage, people: list[Registrant], *, single: bool = False) -> bytes:
    """The badges of `people`: A4 sheets, or one 90 × 55 mm page each with `single`."""
    sectors = sector_names()
    marks = agency_marks(edition)
    pdf = _pdf(format=(BADGE_W, BADGE_H)) if single else _pdf(format="A4")
    pdf.set_title(_("Badges — %(edition)s") % {"edition": edition.title})
    per_page = 1 if single else COLUMNS * ROWS
    for index, person in enumerate(people):
        slot = index % per_page
        if slot == 0:
            pdf.add_page()
        if single:
            x = y = 0.0
        else:
            x = MARGIN_X + (slot % COLUMNS) * BADGE_W
            y = MARGIN_Y + (slot // COLUMNS) * BADGE_H
        _badge(pdf, x, y, person, sectors, marks)
    if not people:
        pdf.add_page()
        pdf.set_font(FAMILY, "", 12)
        pdf.set_xy(MARGIN_X, MARGIN_Y)
        pdf.cell(0, 10, _("Nobody is registered for this edition yet."))
    return bytes(pdf.output())
