"""The public site search: pages of the visitor's language, never anything else.

It searches live, public Wagtail pages of the active language only, through
Wagtail's search backend named by ``PUBLIC_SEARCH_BACKEND``: the database
(``core.search_backend``: accent-insensitive, the last word a prefix) unless
``ELASTICSEARCH_URL`` is set, then Elasticsearch, falling back to the
database when the cluster does not answer. The people directory is not a
page and is never in this index: nothing the staff search knows can be found
here.
"""

import logging
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Or, PlainText

from editions.models import EditionPage
from passerelles.sharing import description

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


@dataclass
class SearchHit:
    """One result: the page, what kind of page it is, its date and a snippet."""

    page: Page
    kind: str
    date: datetime | None
    is_event: bool
    summary: str


def clean_query(raw: str | None) -> str:
    """The query a visitor typed, bounded and without control characters."""
    text = (raw or "")[:MAX_QUERY_LENGTH]
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(text.split())


def _pages(locale: Locale):
    return Page.objects.live().public().filter(locale=locale, depth__gt=1)


def fold(text: str) -> str:
    """`text` without accents (théâtre → theatre), as the engine's index holds it."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _engine_search(backend, query: str, locale: Locale):
    """Search on Elasticsearch: whole words, accents folded; else titles starting with the words.

    Wagtail folds accents when it indexes but sends the query as typed
    (wagtail#13005), so the folded query is asked too. Wagtail's engine
    search matches whole words only; its autocomplete matches title
    prefixes, so it answers when the words typed are unfinished.
    """
    folded = fold(query)
    words = PlainText(query, operator="and")
    if folded != query:
        words = Or([words, PlainText(folded, operator="and")])
    results = backend.search(words, _pages(locale))
    if results.count():  # asks the engine now, so a failure is caught by the caller
        return results
    return backend.autocomplete(folded, _pages(locale))


def _search(query: str, locale: Locale):
    """Search results (lazy) on the configured backend, the database when it fails."""
    alias = getattr(settings, "PUBLIC_SEARCH_BACKEND", "default")
    if alias != "default":
        try:
            return _engine_search(get_search_backend(alias), query, locale)
        except Exception:
            logger.warning(
                "Site search: %s unavailable, searching the database", alias, exc_info=True
            )
    return get_search_backend("default").search(query, _pages(locale), operator="and")


def _hit(page: Page) -> SearchHit:
    kind = str(page.specific_class._meta.verbose_name) if page.specific_class else ""
    is_event = isinstance(page, EditionPage)
    date = page.start if is_event else (page.first_published_at or page.last_published_at)
    return SearchHit(page, kind[:1].upper() + kind[1:], date, is_event, description(page))


def search_pages(query: str, locale: Locale, number: int | str | None = 1) -> PaginatorPage | None:
    """One page of results for `query` in `locale`, or None for an empty query."""
    if not query:
        return None
    paginator = Paginator(_search(query, locale), RESULTS_PER_PAGE)
    result_page = paginator.get_page(number)
    # The backend returns base Page objects; fetch the specific pages (and
    # their fields for type and date) in one query per page type.
    ids = [p.pk for p in result_page.object_list]
    specific = {p.pk: p for p in Page.objects.filter(pk__in=ids).specific()}
    result_page.object_list = [_hit(specific[pk]) for pk in ids if pk in specific]
    return result_page


def search_view(request: HttpRequest) -> HttpResponse:
    """The search page: a form, and the results of ``?q=`` in the visitor's language."""
    query = clean_query(request.GET.get("q"))
    results = search_pages(query, Locale.get_active(), request.GET.get("page"))
    return render(
        request,
        "site_search/search_page.html",
        {
            "query": query,
            "results": results,
            "noindex": True,  # result pages are not content of their own
        },
    )
