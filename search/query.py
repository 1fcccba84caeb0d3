"""The query and result shapes shared by every backend."""

import functools
from dataclasses import dataclass, field

from people.normalize import clean_text

from .documents import FACETS
from .normalize import ParsedQuery, parse_query

SORTS = ("relevance", "name")
KINDS = ("person", "project")
MAX_PER_PAGE = 100
MAX_DEPTH = 10_000  # results reachable by paging, on every backend


@dataclass
class SearchQuery:
    """What a user asked: free text, filters (multi-select per facet), sort, page."""

    text: str = ""
    kind: str = ""  # "", "person" or "project"
    filters: dict[str, list[str]] = field(default_factory=dict)
    cross_sector: bool = False
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    # Set by the service when no entry matches every unit: most units must match.
    relaxed: bool = False

    def __post_init__(self) -> None:
        self.kind = self.kind if self.kind in KINDS else ""
        self.sort = self.sort if self.sort in SORTS else "relevance"
        filters = {}
        for name, values in (self.filters or {}).items():
            if name not in FACETS:
                continue
            # Facet values are slugs and codes: control characters (a NUL
            # from a URL) can only be noise, and the database refuses NUL.
            cleaned = [clean_text(v, 100) for v in values or []]
            cleaned = list(dict.fromkeys(v for v in cleaned if v))[:50]
            if cleaned:
                filters[name] = cleaned
        self.filters = filters
        self.per_page = max(1, min(int(self.per_page or 20), MAX_PER_PAGE))
        self.page = max(1, int(self.page or 1))

    @functools.cached_property
    def parsed(self) -> ParsedQuery:
        return parse_query(self.text)

    @property
    def terms(self) -> list[str]:
        """Every word and contact term of the query (for highlights)."""
        return self.parsed.terms

    @property
    def units(self):
        return self.parsed.units

    @property
    def min_units(self) -> int:
        """How many units an entry must match: all, or in the relaxed pass at least half."""
        units = len(self.units)
        return max(1, -(-units // 2)) if self.relaxed else units

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass
class Hit:
    kind: str
    object_id: int
    title: str
    subtitle: str
    score: float
    highlights: dict[str, str] = field(default_factory=dict)
    url: str = ""
    # A person who refused to be contacted (read from the directory, not the index).
    refused_contact: bool = False


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResult:
    """The same shape whichever backend answered."""

    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetValue]]
    backend: str
    fallback: bool = False  # True when the database answered because the engine is down
    message: str = ""
    relaxed: bool = False  # no entry matched every word: these match most of them

    def as_dict(self) -> dict:
        return {
            "backend": self.backend,
            "fallback": self.fallback,
            "total": self.total,
            "message": self.message,
            "relaxed": self.relaxed,
            "hits": [h.__dict__ for h in self.hits],
            "facets": {name: [v.__dict__ for v in values] for name, values in self.facets.items()},
        }
