"""The one query service in front of both backends.

Staff views, JSON endpoints and the `people_search` command all call
`search()`; the result has the same shape whichever backend answered. When
Elasticsearch is configured but unreachable, the database answers and the
result says so (`fallback`), so the page can tell the user plainly.

Hits are checked against the directory before they are shown: an entry or
a document whose person or project no longer exists (erased while the
engine was down, or before the indexing task ran) is never shown, and is
removed from the index on the way. Whether a person refused contact is read
there too, so the mark is never stale.
"""

import logging
from collections.abc import Callable

from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from people.models import Person, Project

from . import elastic, engine, indexing
from .backends import database
from .highlight import highlight
from .normalize import display_phone, email_terms, phone_terms, text_terms
from .places import country_label, place_names
from .query import MAX_DEPTH, FacetValue, Hit, SearchQuery, SearchResult

logger = logging.getLogger(__name__)
CONTACT_FIELDS = ("email", "phone")


def _run(database_call: Callable, engine_call: Callable) -> tuple[object, str, bool, str]:
    """(answer, backend, fallback, message): the engine's answer, or the database's when the
    engine is not configured, failed, or failed less than DOWN_FOR_SECONDS ago."""
    if not engine.is_configured():
        return database_call(), "database", False, ""
    if not engine.recently_down():
        try:
            return engine_call(engine.client(), engine.alias()), "elasticsearch", False, ""
        except Exception as error:
            logger.warning(
                "search engine unavailable, using the database: %s", type(error).__name__
            )
            engine.mark_down()
    message = _("The search engine is unavailable: these results come from the database.")
    return database_call(), "database", True, message


def _needs_relaxing(query: SearchQuery, total: int) -> bool:
    return not total and not query.relaxed and len(query.units) >= 2


def search(query: SearchQuery) -> SearchResult:
    """Run `query` on the configured backend (falling back to the database).

    When no entry matches every unit of the query, the relaxed pass answers:
    entries matching most units, those matching more first (`relaxed`).
    """
    if query.offset + query.per_page > MAX_DEPTH:
        return SearchResult(
            [],
            0,
            {},
            "none",
            message=_("Only the first %(max)s results can be paged through; refine the search.")
            % {"max": MAX_DEPTH},
        )
    answer, backend, fallback, message = _run(
        lambda: database.search(query), lambda client, alias: elastic.search(client, alias, query)
    )
    rows, total, counts = answer
    if _needs_relaxing(query, total):
        query.relaxed = True
        return search(query)
    rows, refused, dropped = _in_directory(rows)
    total = max(0, total - dropped)
    terms = _highlight_terms(query)
    contact = any(unit.contact for unit in query.units)
    hits = []
    for entry, score in rows:
        marks = {}
        for name, text in (entry.fields or {}).items():
            if name in CONTACT_FIELDS:
                marked = _contact_highlight(name, str(text or ""), query) if contact else None
            else:
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
                refused_contact=entry.object_id in refused if entry.kind == "person" else False,
            )
        )
    return SearchResult(
        hits=hits,
        total=total,
        facets=_facets(query, counts),
        backend=backend,
        fallback=fallback,
        message=message,
        relaxed=query.relaxed,
    )


def suggest(query: SearchQuery, limit: int = 8) -> list[dict]:
    """Up to `limit` entries whose names start with the words typed: names only, no facets,
    no total, no highlights (for suggestions as staff type)."""
    entries, _backend, _fallback, _message = _run(
        lambda: database.suggest(query, limit),
        lambda client, alias: elastic.suggest(client, alias, query, limit),
    )
    entries, _refused, _dropped = _in_directory([(e, 0.0) for e in entries])
    entries = [e for e, _score in entries]
    return [
        {
            "kind": e.kind,
            "title": e.title,
            "subtitle": e.subtitle,
            "url": _url(e.kind, e.object_id),
        }
        for e in entries
    ]


def ids(query: SearchQuery, limit: int = MAX_DEPTH) -> list[int]:
    """The object ids of the first `limit` results, in order, as the results page has them
    (relaxed pass included): no facets, no highlights, one request (for exports)."""
    found, _backend, _fallback, _message = _run(
        lambda: database.ids(query, limit),
        lambda client, alias: elastic.ids(client, alias, query, limit),
    )
    if not found and _needs_relaxing(query, 0):
        query.relaxed = True
        return ids(query, limit)
    return found


def _in_directory(rows: list) -> tuple[list, set[int], int]:
    """(rows whose person or project still exists, ids of people who refused contact,
    how many rows were dropped).

    One query per kind. Dropped rows are stale entries or engine documents
    (an erasure while the engine was down, an indexing task not run yet):
    they are removed from the index (the engine's part kept pending while it
    is down, see `indexing.forget`).
    """
    wanted: dict[str, set[int]] = {"person": set(), "project": set()}
    for entry, _score in rows:
        wanted.setdefault(entry.kind, set()).add(entry.object_id)
    consent: dict[int, bool | None] = {}
    projects: set[int] = set()
    if wanted["person"]:
        consent = dict(
            Person.objects.filter(
                pk__in=wanted["person"], is_active=True, merged_into__isnull=True
            ).values_list("pk", "contact_consent")
        )
    if wanted["project"]:
        projects = set(
            Project.objects.filter(pk__in=wanted["project"]).values_list("pk", flat=True)
        )
    existing = {"person": set(consent), "project": projects}
    kept = [(e, s) for e, s in rows if e.object_id in existing.get(e.kind, set())]
    for kind, ids in wanted.items():
        stale = ids - existing.get(kind, set())
        if stale:
            logger.info("search: %s stale %s entries dropped from the results", len(stale), kind)
            indexing.forget(kind, list(stale))
    refused = {pk for pk, agreed in consent.items() if agreed is False}
    return kept, refused, len(rows) - len(kept)


def _highlight_terms(query: SearchQuery) -> list[str]:
    """The query's words, and every name of a place a word names ("luik" marks "Liège")."""
    terms = [t for unit in query.units for t in unit.words]
    for unit in query.units:
        if unit.words:
            names = place_names(unit.word)
            if len(names) > 1:
                terms += [t for name in names[1:] for t in text_terms(name)]
    return list(dict.fromkeys(terms))


def _contact_highlight(name: str, text: str, query: SearchQuery):
    """The email addresses or the phone number the query names, in <mark>."""
    wanted = {t for unit in query.units for t in unit.contact}
    if name == "phone":
        if not wanted & set(phone_terms(text)):
            return None
        return mark_safe(f"<mark>{escape(display_phone(text))}</mark>")  # noqa: S308 (escaped)
    parts, found = [], False
    for email in (e.strip() for e in text.split(",") if e.strip()):
        if wanted & set(email_terms(email)[0]):
            parts.append(f"<mark>{escape(email)}</mark>")
            found = True
        else:
            parts.append(escape(email))
    return mark_safe(", ".join(parts)) if found else None  # noqa: S308 (escaped above)


def _url(kind: str, object_id: int) -> str:
    try:
        if kind == "person":
            return reverse("people_person", args=[object_id])
        return reverse("people_projects:edit", args=[object_id])
    except NoReverseMatch:
        return ""


def _facets(query: SearchQuery, counts: dict[str, dict[str, int]]) -> dict[str, list[FacetValue]]:
    from django.utils.translation import get_language

    labels = facet_labels()
    language = (get_language() or "fr")[:2]

    def label(name: str, value: str) -> str:
        if name == "country":  # ISO codes (see documents), named in the active language
            return country_label(value, language) if len(value) == 2 else value
        return str(labels.get(name, {}).get(value, value))

    facets = {}
    for name, values in counts.items():
        selected = set(query.filters.get(name, []))
        items = [
            FacetValue(value, label(name, value), count, value in selected)
            for value, count in values.items()
        ]
        # A selected value stays visible even when its count dropped to zero.
        for value in selected - set(values):
            items.append(FacetValue(value, label(name, value), 0, True))
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
