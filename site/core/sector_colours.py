"""One colour per sector, shared by the stylesheet and the generated demo images.

Each colour reaches WCAG AA (at least 4.5:1) as white text on it and as text
on the site's white and paper backgrounds, so a badge, a card's band and a
link in the sector's colour stay readable. site/static/css/site.css declares
the same values as `--sector-<slug>` (a test keeps the two in step). A sector
an editor adds later has no colour of its own and gets the neutral one.
"""

SECTOR_COLOURS: dict[str, str] = {
    "design": "#0a6b66",
    "fashion": "#ad1f5c",
    "music": "#5a3ea6",
    "film-audiovisual": "#1b5a9e",
    "theatre-dance": "#a8361a",
    "architecture": "#4f5f12",
    "higher-education": "#7f5300",
}
NEUTRAL = "#4a4a55"


def sector_colour(slug: str) -> str:
    """The sector's colour as #rrggbb, the neutral grey for a sector without one."""
    return SECTOR_COLOURS.get(slug, NEUTRAL)
