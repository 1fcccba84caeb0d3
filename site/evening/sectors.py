"""Each sector's colour at the door, on badges and in table plans, always with its name.

Colour is never the only signal (WCAG 1.4.1): every place that shows a
sector's colour also prints its name. The palette is Okabe and Ito's, which
stays distinguishable with the common colour-vision deficiencies; text on it
uses `ink`, chosen for contrast.
"""

from django.conf import settings
from django.utils import translation

from core.models import Sector

# slug -> background colour (hex). Unknown or missing sectors are grey.
COLOURS = {
    "design": "#E69F00",
    "fashion": "#CC79A7",
    "music": "#56B4E9",
    "film-audiovisual": "#D55E00",
    "theatre-dance": "#009E73",
    "architecture": "#F0E442",
    "higher-education": "#0072B2",
}
NONE = "#BBBBBB"
# Background colours dark enough to need white text (contrast ≥ 4.5:1 either way,
# checked by tests/evening/test_badges.py).
_DARK = {"#0072B2"}


def colour(slug: str | None) -> str:
    """The sector's colour, grey when the person has no sector."""
    return COLOURS.get(slug or "", NONE)


def ink(slug: str | None) -> str:
    """Black or white, whichever reads on the sector's colour."""
    return "#FFFFFF" if colour(slug) in _DARK else "#000000"


def sector_names(language: str | None = None) -> dict[str, str]:
    """slug -> the sector's name in `language` (the active one by default), French as fallback."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    names: dict[str, str] = {}
    rows = Sector.objects.filter(
        locale__language_code__in={language, settings.LANGUAGE_CODE}
    ).values_list("slug", "name", "locale__language_code")
    for slug, name, code in rows:
        if code == language or slug not in names:
            names[slug] = name
    return names
