"""The one query service in front of both backends.

Staff views, JSON endpoints and the `people_search` command all call
`search()`; the result has the same shape whichever backend answered. When
Elasticsearch is configured but unreachable, the database answers and the
result says so (`fallback`), so the page can tell the user plainly.
"""

import logging

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from . import engine
from .backends import database
from .highlight import highlight
from .query import MAX_DEPTH, FacetValue, Hit, SearchQuery, SearchResult

logger = logging.getLogger(__name__)


def search(query: SearchQuery) -> SearchResult:
    """Run `query` on the configured backend (falling back to the database)."""
    message = ""
    if query.offset + query.per_page > MAX_DEPTH:
        return SearchResult(
            [],
            0,
            {},
            "none",
            message=_("Only the first %(max)s results can be paged through; refine the search.")
            % {"max": MAX_DEPTH},
        )
    backend, fallback = "database", False
    rows = None
    if engine.is_configured():
        from .elastic import search as engine_search

        if not engine.recently_down():
            try:
                rows, total, counts = engine_search(engine.client(), query)
                backend = "elasticsearch"
            except Exception as error:
                logger.warning(
                    "search engine unavailable, using the database: %s", type(error).__name__
                )
                engine.mark_down()
        if rows is None:
            fallback = True
            message = _("The search engine is unavailable: these results come from the database.")
    if rows is None:
        rows, total, counts = database.search(query)
    terms = query.terms
    hits = []
    for entry, score in rows:
        marks = {}
        for name, text in (entry.fields or {}).items():
            marked = highlight(str(text or ""), terms)
            if marked:
                marks[name] = marked
        hits.append(
            Hit(
                kind=entry.kind,
                object_id=entry.object_id,
                title=entry.title,
                subtitle=entry.subtitle,
                score=round(score, 4),
                highlights=marks,
                url=_url(entry.kind, entry.object_id),
            )
        )
    return SearchResult(
        hits=hits,
        total=total,
        facets=_facets(query, counts),
        backend=backend,
        fallback=fallback,
        message=message,
    )


def _url(kind: str, object_id: int) -> str:
    try:
        if kind == "person":
            return reverse("people_person", args=[object_id])
        return reverse("people_projects:edit", args=[object_id])
    except NoReverseMatch:
        return ""


def _facets(query: SearchQuery, counts: dict[str, dict[str, int]]) -> dict[str, list[FacetValue]]:
    labels = facet_labels()
    facets = {}
    for name, values in counts.items():
        selected = set(query.filters.get(name, []))
        items = [
            FacetValue(value, str(labels.get(name, {}).get(value, value)), count, value in selected)
            for value, count in values.items()
        ]
        # A selected value stays visible even when its count dropped to zero.
        for value in selected - set(values):
            items.append(FacetValue(value, str(labels.get(name, {}).get(value, value)), 0, True))
        facets[name] = items
    return facets


def facet_labels() -> dict[str, dict[str, str]]:
    """Readable labels of facet values in the active language (cached for a minute)."""
    from django.core.cache import cache
    from django.utils.translation import get_language

    key = f"people-search-labels-{get_language()}"
    labels = cache.get(key)
    if labels is None:
        labels = _facet_labels()
        cache.set(key, labels, 60)
    return labels


def _facet_labels() -> dict[str, dict[str, str]]:
    from django.conf import settings
    from wagtail.models import Locale

    from agencies.models import AgencyPage
    from core.models import Sector
    from editions.models import EditionPage
    from stories.models import CollaborationKind, CollaborationStage

    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        locale = None
    sectors = {
        s.slug: s.name for s in Sector.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    }
    if locale is not None:
        sectors.update({s.slug: s.name for s in Sector.objects.filter(locale=locale)})
    editions = {}
    source = {
        str(e.translation_key): e.slug
        for e in EditionPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    }
    for edition in EditionPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE):
        editions[edition.slug] = edition.title
    if locale is not None:
        for edition in EditionPage.objects.filter(locale=locale):
            slug = source.get(str(edition.translation_key))
            if slug:
                editions[slug] = edition.title
    return {
        "sector": sectors,
        "agency": dict(
            AgencyPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).values_list(
                "slug", "title"
            )
        ),
        "edition": editions,
        "consent": {
            "yes": _("Agreed to be contacted"),
            "no": _("Did not agree to be contacted"),
            "unknown": _("Consent unknown"),
        },
        "kind": {k: str(v) for k, v in CollaborationKind.choices},
        "stage": {k: str(v) for k, v in CollaborationStage.choices},
    }
