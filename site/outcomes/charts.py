"""Server-side SVG charts of the impact view, readable without colour.

Small hand-written SVG (two charts do not justify a plotting library): every
value is written as a number next to or inside its mark, shades are greys
whose text switches to white on dark cells, and each chart carries a <title>
and a <desc> pointing to the table with the same figures.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

FONT = 'font-family="Helvetica, Arial, sans-serif"'


def _grey(share: float) -> tuple[str, str]:
    """Fill and text colour for a share of the maximum (0 = white, 1 = near black)."""
    level = round(255 - share * 200)
    fill = f"#{level:02x}{level:02x}{level:02x}"
    return fill, "#ffffff" if level < 120 else "#000000"


def _frame(chart_id: str, width: int, height: int, title: str, desc: str, body: list[str]):
    return mark_safe(  # noqa: S308 — every text below is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" {FONT} font-size="12">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>' + "".join(body) + "</svg>"
    )


def matrix_svg(
    chart_id: str, names: list[str], cells: list[list[int]], title: str, desc: str
) -> SafeString:
    """A sectors × sectors grid: each cell shaded by its count and labelled with it."""
    size, left, top = 44, 150, 120
    n = len(names)
    width, height = left + n * size + 10, top + n * size + 10
    peak = max((value for row in cells for value in row), default=0) or 1
    body = []
    for i, name in enumerate(names):
        y = top + i * size + size / 2 + 4
        body.append(f'<text x="{left - 6}" y="{y}" text-anchor="end">{escape(name)}</text>')
        x = left + i * size + size / 2
        body.append(
            f'<text x="{x}" y="{top - 6}" transform="rotate(-45 {x} {top - 6})">'
            f"{escape(name)}</text>"
        )
    for i in range(n):
        for j in range(n):
            value = cells[i][j]
            fill, ink = _grey(value / peak)
            x, y = left + j * size, top + i * size
            body.append(
                f'<rect x="{x}" y="{y}" width="{size}" height="{size}" fill="{fill}" '
                f'stroke="#555555" stroke-width="1"/>'
                f'<text x="{x + size / 2}" y="{y + size / 2 + 4}" text-anchor="middle" '
                f'fill="{ink}" font-weight="bold">{value}</text>'
            )
    return _frame(chart_id, width, height, title, desc, body)


def funnel_svg(chart_id: str, steps: list[dict], title: str, desc: str) -> SafeString:
    """Horizontal bars, one per rung, each labelled with its count and its share."""
    left, bar, gap, span = 170, 26, 10, 360
    width, height = left + span + 120, len(steps) * (bar + gap) + gap
    peak = max((step["reached"] for step in steps), default=0) or 1
    body = []
    for n, step in enumerate(steps):
        y = gap + n * (bar + gap)
        length = max(1, round(span * step["reached"] / peak)) if step["reached"] else 0
        fill, _ink = _grey(0.35 + 0.5 * (1 - n / max(1, len(steps) - 1)))
        share = step.get("share_of_previous")
        label = f"{step['reached']}" + (f" ({share} %)" if share is not None else "")
        body.append(
            f'<text x="{left - 8}" y="{y + bar / 2 + 4}" text-anchor="end">'
            f"{escape(step['label'])}</text>"
            f'<rect x="{left}" y="{y}" width="{length}" height="{bar}" fill="{fill}" '
            f'stroke="#000000" stroke-width="1"/>'
            f'<text x="{left + length + 6}" y="{y + bar / 2 + 4}">{escape(label)}</text>'
        )
    return _frame(chart_id, width, height, title, desc, body)
