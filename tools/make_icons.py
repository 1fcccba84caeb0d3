"""Draw the Passerelles mark and its icon set into site/static/.

The mark is a white arch — a footbridge, a *passerelle* — over a deck of the
seven sector colours, on ink. One geometry, written as SVG (the mark in the
header, the SVG favicon) and drawn with Pillow at the sizes browsers and
phones ask for (favicon.ico, apple-touch-icon, the web manifest's icons).
The outputs are committed; run this again only after changing the mark:
`.venv/bin/python tools/make_icons.py`.
"""

import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "site"))

from core.sector_colours import SECTOR_COLOURS  # noqa: E402

STATIC = ROOT / "site" / "static"
INK = "#1b1b1f"
# In a 64-unit square: the arch is the top half of an ellipse, the deck a bar of colours.
ARCH = (12, 18, 52, 70)  # ellipse box: centre (32, 44), radii 20 and 26
DECK_Y, DECK_H, DECK_X0, DECK_X1 = 42, 8, 8, 56
STROKE = 5


def mark_svg(rounded: bool = True) -> str:
    """The mark as SVG source."""
    colours = list(SECTOR_COLOURS.values())
    step = (DECK_X1 - DECK_X0) / len(colours)
    deck = "".join(
        f'<rect x="{DECK_X0 + i * step:.2f}" y="{DECK_Y}" width="{step + 0.05:.2f}" '
        f'height="{DECK_H}" fill="{colour}"/>'
        for i, colour in enumerate(colours)
    )
    radius = ' rx="14"' if rounded else ""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">'
        f'<rect width="64" height="64"{radius} fill="{INK}"/>'
        f'<path d="M12 {DECK_Y} A20 26 0 0 1 52 {DECK_Y}" fill="none" stroke="#fff" '
        f'stroke-width="{STROKE}" stroke-linecap="round"/>'
        f'<path d="M22 {DECK_Y} V29 M32 {DECK_Y} V26 M42 {DECK_Y} V29" stroke="#fff" '
        'stroke-width="2.5"/>'
        f"{deck}</svg>\n"
    )


def mark_png(size: int, rounded: bool = False, safe_zone: float = 1.0) -> Image.Image:
    """The mark drawn at `size` pixels; `safe_zone` < 1 shrinks it for maskable icons."""
    scale = 4  # draw large, then downsample: smooth edges without an SVG renderer
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    u = big / 64
    if rounded:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=14 * u, fill=INK)
    else:
        draw.rectangle((0, 0, big, big), fill=INK)
    offset = 32 * u * (1 - safe_zone)

    def p(x: float) -> float:
        return offset + x * u * safe_zone

    x0, y0, x1, y1 = ARCH
    draw.arc(
        (p(x0), p(y0), p(x1), p(y1)), 180, 360, fill="white", width=round(STROKE * u * safe_zone)
    )
    for x, top in ((22, 29), (32, 26), (42, 29)):
        draw.line((p(x), p(top), p(x), p(DECK_Y)), fill="white", width=round(2.5 * u * safe_zone))
    colours = list(SECTOR_COLOURS.values())
    step = (DECK_X1 - DECK_X0) / len(colours)
    for i, colour in enumerate(colours):
        left = DECK_X0 + i * step
        draw.rectangle((p(left), p(DECK_Y), p(left + step) + 1, p(DECK_Y + DECK_H)), fill=colour)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    (STATIC / "img").mkdir(parents=True, exist_ok=True)
    (STATIC / "img" / "mark.svg").write_text(mark_svg())
    (STATIC / "favicon.svg").write_text(mark_svg())
    mark_png(48, rounded=True).save(STATIC / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    mark_png(180).convert("RGB").save(STATIC / "apple-touch-icon.png", optimize=True)
    mark_png(192).convert("RGB").save(STATIC / "img" / "icon-192.png", optimize=True)
    mark_png(512).convert("RGB").save(STATIC / "img" / "icon-512.png", optimize=True)
    mark_png(512, safe_zone=0.8).convert("RGB").save(
        STATIC / "img" / "icon-maskable-512.png", optimize=True
    )


if __name__ == "__main__":
    main()
