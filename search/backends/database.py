"""The database backend: PostgreSQL full text and trigrams, or plain SQLite.

On PostgreSQL each query term must match a word prefix of the entry
(``to_tsquery('simple', 'term:*')`` on the normalized terms) or, for terms of
four letters or more, be close to a word of the name (pg_trgm's word
similarity), which gives typo tolerance. Terms are normalized in Python
exactly as at index time, and only ``[a-z0-9_]`` reaches the SQL as bound
parameters, so user input is never query syntax.

On SQLite (the embedded default) terms match word prefixes with LIKE, with
accents folded but without typo tolerance.
"""

from django.db import connection
from django.db.models import Count, F, FloatField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

from ..documents import FACETS
from ..models import SearchEntry, SearchFacet
from ..normalize import stems
from ..query import SearchQuery

FUZZY_MIN_LENGTH = 4
# Unqualified columns: Django aliases the table when this query is a subquery.
VECTOR = "to_tsvector('simple', name_terms || ' ' || text_terms)"


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def tsquery(term: str) -> str:
    """`term:*`, or-ed with its stems: only [a-z0-9_] characters, never user syntax."""
    return " | ".join([f"{term}:*", *stems(term)])


def _with_text(entries: QuerySet, terms: list[str]) -> QuerySet:
    if not terms:
        return entries.annotate(score=Value(0.0, output_field=FloatField()))
    score_sql, score_params = [], []
    for n, term in enumerate(terms):
        if _is_postgres():
            condition = f"({VECTOR} @@ to_tsquery('simple', %s))"
            params: list = [tsquery(term)]
            if len(term) >= FUZZY_MIN_LENGTH:
                condition = f"({condition} OR %s <%% name_terms)"
                params.append(term)
            # Only normalized [a-z0-9_] terms, always as bound parameters.
            matched = RawSQL(condition, params)  # noqa: S611
            entries = entries.annotate(**{f"m{n}": matched}).filter(**{f"m{n}": True})
            score_sql.append(
                f"ts_rank({VECTOR}, to_tsquery('simple', %s)) "
                f"+ 2 * word_similarity(%s, name_terms) "
                f"+ (CASE WHEN (' ' || name_terms || ' ') LIKE %s THEN 2 ELSE 0 END)"
            )
            score_params += [tsquery(term), term, f"% {term} %"]
        else:
            word = Q()
            for column in ("name_terms", "text_terms"):
                word |= Q(**{f"{column}__startswith": term}) | Q(
                    **{f"{column}__contains": f" {term}"}
                )
            for stem in stems(term):
                word |= Q(text_terms__contains=f" {stem} ") | Q(text_terms__startswith=f"{stem} ")
            entries = entries.filter(word)
    if score_sql:
        return entries.annotate(
            score=RawSQL(" + ".join(score_sql), score_params, output_field=FloatField())  # noqa: S611
        )
    return entries.annotate(score=Value(0.0, output_field=FloatField()))


def _filtered(query: SearchQuery, skip: str | None = None) -> QuerySet:
    entries = SearchEntry.objects.all()
    if query.kind:
        entries = entries.filter(kind=query.kind)
    if query.cross_sector:
        entries = entries.filter(cross_sector=True)
    for facet, values in query.filters.items():
        if facet == skip:
            continue
        entries = entries.filter(
            id__in=SearchFacet.objects.filter(facet=facet, value__in=values).values("entry_id")
        )
    return entries


def search(
    query: SearchQuery,
) -> tuple[list[tuple[SearchEntry, float]], int, dict[str, dict[str, int]]]:
    """Entries of the requested page with their scores, the total, and facet counts."""
    terms = query.terms
    matching = _with_text(_filtered(query), terms)
    if query.sort == "name" or not terms:
        ordered = matching.order_by("sort_name", "id")
    else:
        ordered = matching.order_by(F("score").desc(), "sort_name", "id")
    total = matching.count()
    page = list(ordered[query.offset : query.offset + query.per_page])
    facets: dict[str, dict[str, int]] = {}
    for facet in FACETS:
        # Each facet's counts ignore its own selection (multi-select).
        scope = (
            _with_text(_filtered(query, skip=facet), terms)
            if terms
            else _filtered(query, skip=facet)
        )
        counts = (
            SearchFacet.objects.filter(facet=facet, entry_id__in=scope.values("id"))
            .values("value")
            .annotate(n=Count("id"))
            .order_by("-n", "value")[:50]
        )
        facets[facet] = {row["value"]: row["n"] for row in counts}
    return [(entry, float(entry.score or 0)) for entry in page], total, facets
