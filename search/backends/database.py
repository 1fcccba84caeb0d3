"""The database backend: PostgreSQL full text and trigrams, or plain SQLite.

On PostgreSQL each query term must match a word prefix of the entry
(``to_tsquery('simple', 'term:*')`` against the stored ``search_vector``,
see migration 0002) or, for terms of four letters or more, be close to a
word of the name (pg_trgm's word similarity), which gives typo tolerance.
Terms are normalized in Python exactly as at index time: only word
characters (letters, digits, underscore) reach the SQL, always as bound
parameters, so user input is never query syntax. A text search is one
statement for the page, the total and the unselected facets' counts, plus
one for the selected facets (whose counts ignore their own selection).

On SQLite (the embedded default) terms match word prefixes with LIKE, with
accents folded but without typo tolerance.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet

from ..documents import FACETS
from ..models import SearchEntry, SearchFacet
from ..normalize import stems
from ..query import SearchQuery

FUZZY_MIN_LENGTH = 4
# PostgreSQL's default random_page_cost (4) assumes spinning disks: with it the
# planner scans the whole entries table rather than follow a GIN bitmap, 3–4×
# slower for searches matching a few thousand entries. SEARCH_RANDOM_PAGE_COST
# (default 1.1, the usual value for SSDs and cached tables) applies to the
# search statements only; "" keeps the server's.
RANDOM_PAGE_COST = str(getattr(settings, "SEARCH_RANDOM_PAGE_COST", "1.1") or "")
FACET_VALUES = 50  # values counted per facet, the most frequent first
TOTAL = "*"  # a pseudo facet key on every match: without "=", it is no facet's
ENTRY = SearchEntry._meta.db_table
FACET = SearchFacet._meta.db_table
# Every column but the generated search_vector, which only the WHERE clause needs.
COLUMNS = ", ".join(f"e.{f.column}" for f in SearchEntry._meta.concrete_fields)

Results = tuple[list[tuple[SearchEntry, float]], int, dict[str, dict[str, int]]]


def tsquery(term: str) -> str:
    """`term:*`, or-ed with its stems: only word characters, never user syntax."""
    return " | ".join([f"{term}:*", *stems(term)])


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def search(query: SearchQuery) -> Results:
    """Entries of the requested page with their scores, the total, and facet counts."""
    if _is_postgres():
        return _search_postgres(query)
    return _search_simple(query)


# --------------------------------------------------------------------------
# PostgreSQL
# --------------------------------------------------------------------------


def _where(query: SearchQuery, skip: str | None = None) -> tuple[str, list]:
    """The condition on entries `e` for the text, kind, cross-sector and facet filters."""
    clauses, params = [], []
    if query.kind:
        clauses.append("e.kind = %s")
        params.append(query.kind)
    if query.cross_sector:
        clauses.append("e.cross_sector")
    # Short terms only match as word prefixes: one tsquery for all of them.
    exact = [f"({tsquery(term)})" for term in query.terms if len(term) < FUZZY_MIN_LENGTH]
    if exact:
        clauses.append("e.search_vector @@ to_tsquery('simple', %s)")
        params.append(" & ".join(exact))
    for term in query.terms:
        if len(term) >= FUZZY_MIN_LENGTH:
            clauses.append("(e.search_vector @@ to_tsquery('simple', %s) OR %s <%% e.name_terms)")
            params += [tsquery(term), term]
    for facet, values in query.filters.items():
        if facet != skip:
            # Any of the selected values of a facet (OR), every facet (AND).
            clauses.append("e.facet_keys && %s::text[]")
            params.append([f"{facet}={value}" for value in values])
    return " AND ".join(clauses) or "TRUE", params


def _score(terms: list[str]) -> tuple[str, list]:
    """Relevance: prefix and stem matches (names weigh more), an exact name word, closeness."""
    parts, params = [], []
    for term in terms:
        # ts_rank weighs name words (A) above other text (B); `term:A` is an
        # exact word of the name. Word similarity ranks typos by closeness: it
        # is costly, so only for terms long enough to be typos, and only where
        # the word itself did not match.
        closeness = "0"
        if len(term) >= FUZZY_MIN_LENGTH:
            closeness = "2 * word_similarity(%s, e.name_terms)"
        parts.append(
            "ts_rank(e.search_vector, to_tsquery('simple', %s))"
            f" + CASE WHEN e.search_vector @@ to_tsquery('simple', %s) THEN 2 ELSE {closeness} END"
        )
        params += [tsquery(term), f"{term}:A"]
        if len(term) >= FUZZY_MIN_LENGTH:
            params.append(term)
    return " + ".join(parts) or "0", params


def _search_postgres(query: SearchQuery) -> Results:
    with transaction.atomic():
        if RANDOM_PAGE_COST:
            with connection.cursor() as cursor:
                # Only for this transaction: see RANDOM_PAGE_COST.
                cursor.execute(
                    "SELECT set_config('random_page_cost', %s, true)", [RANDOM_PAGE_COST]
                )
        return _page_and_facets(query)


def _page_and_facets(query: SearchQuery) -> Results:
    where, where_params = _where(query)
    limit = [query.per_page, query.offset]
    # Facet key counts over the matches, when the page statement computed them.
    matched_keys: dict[str, int] | None = None
    if query.terms:
        score, score_params = _score(query.terms)
        order = "sort_name, id" if query.sort == "name" else "score DESC, sort_name, id"
        outer = "p." + order.replace(", ", ", p.")
        # The matches are found, scored and sorted once, as narrow rows; the
        # total and the facets of the unselected facets come from the same
        # rows; only the page's rows are read in full.
        sql = (
            "WITH m AS MATERIALIZED ("  # noqa: S608
            f"SELECT e.id, e.sort_name, e.facet_keys, {score} AS score "
            f"FROM {ENTRY} e WHERE {where}) "
            f"SELECT {COLUMNS}, p.score, (SELECT count(*) FROM m) AS total, "
            "(SELECT json_object_agg(k, n) FROM (SELECT k, count(*) AS n "
            "FROM m, unnest(m.facet_keys) k GROUP BY k) c) AS matched_keys FROM "
            f"(SELECT id, sort_name, score FROM m ORDER BY {order} LIMIT %s OFFSET %s) p "
            f"JOIN {ENTRY} e ON e.id = p.id ORDER BY {outer}"
        )
        page = list(SearchEntry.objects.raw(sql, [*score_params, *where_params, *limit]))
    else:
        # Without text the order is the name's: the index gives the page.
        sql = f"SELECT {COLUMNS}, 0.0 AS score FROM {ENTRY} e WHERE {where} "  # noqa: S608
        page = list(
            SearchEntry.objects.raw(
                sql + "ORDER BY e.sort_name, e.id LIMIT %s OFFSET %s", [*where_params, *limit]
            )
        )
    total: int | None = None
    if page and query.terms:
        total = page[0].total
        matched_keys = page[0].matched_keys or {}
    facets, counted = _facet_counts(query, matched_keys)
    total = counted if total is None else total
    if total is None:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {ENTRY} e WHERE {where}", where_params)  # noqa: S608
            total = cursor.fetchone()[0]
    return [(entry, float(entry.score or 0)) for entry in page], total, facets


def _facet_counts(
    query: SearchQuery, matched_keys: dict[str, int] | None = None
) -> tuple[dict[str, dict[str, int]], int | None]:
    """Every facet's counts, in at most one statement, and the total if it was counted.

    The unselected facets are counted over the matches (`matched_keys` when
    the page statement already did); each selected facet over the matches of
    every other filter, since its counts ignore its own selection.
    """
    scopes: list[tuple[str | None, list[str]]] = [
        (None, [f for f in FACETS if f not in query.filters])
    ]
    scopes += [(facet, [facet]) for facet in query.filters]
    counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    total: int | None = None

    def add(keys: Iterable[tuple[str, int]], facets: list[str]) -> None:
        for key, n in keys:
            if key is None:
                continue
            facet, _, value = key.partition("=")
            if facet in facets:
                counts[facet][value] = n

    selects, params, wanted = [], [], []
    for skip, facets in scopes:
        if not facets:
            continue
        if skip is None and matched_keys is not None:
            add(matched_keys.items(), facets)
            continue
        where, where_params = _where(query, skip=skip)
        if where == "TRUE":
            # The whole directory: the narrow facet table is the fastest to scan.
            selects.append(
                f"SELECT {len(wanted)}, f.facet || '=' || f.value, count(*) "  # noqa: S608
                f"FROM {FACET} f WHERE f.facet = ANY(%s) GROUP BY f.facet, f.value"
            )
            params.append(facets)
            wanted.append((facets, False))
        else:
            # The matches only: their own facet keys, no join. The pseudo key
            # TOTAL is added to every match, so the same pass counts them.
            selects.append(
                f"SELECT {len(wanted)}, k, count(*) FROM {ENTRY} e, "  # noqa: S608
                f"unnest(e.facet_keys || %s::text) k WHERE {where} GROUP BY k"
            )
            params += [TOTAL, *where_params]
            wanted.append((facets, skip is None))
    if selects:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), params)
            rows = cursor.fetchall()
        for n, (facets, counts_total) in enumerate(wanted):
            keys = [(key, count) for scope, key, count in rows if scope == n]
            add(keys, facets)
            if counts_total:
                total = dict(keys).get(TOTAL, 0)
    facet_counts = {
        facet: dict(sorted(values.items(), key=lambda vn: (-vn[1], vn[0]))[:FACET_VALUES])
        for facet, values in counts.items()
    }
    return facet_counts, total


# --------------------------------------------------------------------------
# SQLite (the embedded default): folded word prefixes, no typo tolerance
# --------------------------------------------------------------------------


def _with_text(entries: QuerySet, terms: list[str]) -> QuerySet:
    for term in terms:
        word = Q()
        for column in ("name_terms", "text_terms"):
            word |= Q(**{f"{column}__startswith": term}) | Q(**{f"{column}__contains": f" {term}"})
        for stem in stems(term):
            word |= Q(text_terms__contains=f" {stem} ") | Q(text_terms__startswith=f"{stem} ")
        entries = entries.filter(word)
    return entries


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
    return _with_text(entries, query.terms)


def _search_simple(query: SearchQuery) -> Results:
    matching = _filtered(query)
    page = list(matching.order_by("sort_name", "id")[query.offset : query.offset + query.per_page])
    facets: dict[str, dict[str, int]] = {}
    for facet in FACETS:
        counts = (
            SearchFacet.objects.filter(
                facet=facet, entry_id__in=_filtered(query, skip=facet).values("id")
            )
            .values("value")
            .annotate(n=Count("id"))
            .order_by("-n", "value")[:FACET_VALUES]
        )
        facets[facet] = {row["value"]: row["n"] for row in counts}
    return [(entry, 0.0) for entry in page], matching.count(), facets
