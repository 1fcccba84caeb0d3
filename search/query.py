"""The query and result shapes shared by every backend."""

from dataclasses import dataclass, field

from people.normalize import clean_text

from .documents import FACETS
from .normalize import query_terms

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

    @property
    def terms(self) -> list[str]:
        return query_terms(self.text)

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

    def as_dict(self) -> dict:
        return {
            "backend": self.backend,
            "fallback": self.fallback,
            "total": self.total,
            "message": self.message,
            "hits": [h.__dict__ for h in self.hits],
            "facets": {name: [v.__dict__ for v in values] for name, values in self.facets.items()},
        }
