"""Place and country names in every language staff type them in.

A trilingual directory gets "Luik", "Liège" and "Lüttich" for one city, and
"Belgique", "België" and "Belgium" for one country. Search indexes every name
of a person's city and country, so a query in any of the languages finds it.

- Belgian places: `data/belgian_places.csv`, every municipality, province and
  region whose name differs between French, Dutch, German and English (its
  header names its open-data source, Statbel's REFNIS list).
- Countries: the CLDR names shipped with Babel, in French, Dutch, English and
  German, and the ISO 3166 two-letter codes.
"""

import csv
import functools
import re
from pathlib import Path

from people.normalize import fold

from .normalize import text_terms

PLACES_FILE = Path(__file__).parent / "data" / "belgian_places.csv"
LANGUAGES = ("fr", "nl", "de", "en")
COUNTRY_LANGUAGES = ("fr", "nl", "en", "de")
_SEPARATORS = re.compile(r"[\W_]+")
_BRACKETS = re.compile(r"\(.*?\)")


def _key(name: str) -> str:
    return " ".join(_SEPARATORS.split(fold(name))).strip()


@functools.cache
def _places() -> dict[str, tuple[str, ...]]:
    """Folded name → every name of that place (municipalities win over provinces)."""
    rows: list[tuple[str, list[str]]] = []
    with PLACES_FILE.open(encoding="utf-8") as lines:
        reader = csv.DictReader(line for line in lines if not line.startswith("#"))
        for row in reader:
            names = [n.strip() for lang in LANGUAGES for n in row[lang].split("|") if n.strip()]
            rows.append((row["kind"], list(dict.fromkeys(names))))
    places: dict[str, tuple[str, ...]] = {}
    # Provinces and regions first, so a municipality of the same name overrides them
    # ("Namur", "Liège"); its names are the ones a city field means.
    for _kind, names in sorted(rows, key=lambda r: r[0] == "municipality"):
        for name in names:
            places[_key(name)] = tuple(names)
    return places


@functools.lru_cache(maxsize=4096)
def place_terms(city: str) -> tuple[str, ...]:
    """The terms of every name of a city (for the index; cached: cities repeat)."""
    return tuple(dict.fromkeys(t for name in place_names(city) for t in text_terms(name)))


@functools.lru_cache(maxsize=1024)
def country_terms(country: str) -> tuple[str, ...]:
    """The terms of every name of a country (for the index; cached)."""
    return tuple(dict.fromkeys(t for name in country_names(country) for t in text_terms(name)))


def place_names(city: str) -> list[str]:
    """Every name of the Belgian place `city` names (itself first); [city] when unknown."""
    city = (city or "").strip()
    if not city:
        return []
    names = _places().get(_key(city))
    if names is None:
        # "1000 Bruxelles", "Liège 4000", "B-4000 Liège", "Bruxelles (Laeken)": the place alone.
        words = _key(_BRACKETS.sub(" ", city)).split()
        names = _places().get(" ".join(w for w in words if len(w) > 1 and not w.isdigit()))
    if names is None:
        return [city]
    return list(dict.fromkeys([city, *names]))


@functools.cache
def _countries() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """(folded name or code → ISO code, ISO code → {language: name}) from Babel's CLDR data."""
    from babel import Locale

    names: dict[str, dict[str, str]] = {}
    for language in COUNTRY_LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if len(code) == 2 and code.isalpha() and code not in ("ZZ", "EU", "EZ", "UN", "QO"):
                names.setdefault(code, {})[language] = name
    lookup: dict[str, str] = {}
    for code, by_language in names.items():
        lookup[code.casefold()] = code
        for name in by_language.values():
            lookup.setdefault(_key(name), code)
    return lookup, names


def country_code(value: str) -> str:
    """The ISO 3166 code of a country named in fr, nl, en or de (or given as a code); '' if none."""
    return _countries()[0].get(_key(value or ""), "")


def country_names(value: str) -> list[str]:
    """Every name of the country `value` names (itself first); [value] when unknown."""
    value = (value or "").strip()
    if not value:
        return []
    code = country_code(value)
    if not code:
        return [value]
    return list(dict.fromkeys([value, *_countries()[1][code].values()]))


def country_label(code: str, language: str) -> str:
    """The name of an ISO country code in `language` (French when unknown); the code if none."""
    by_language = _countries()[1].get(code, {})
    return by_language.get(language) or by_language.get("fr") or code
