"""The database backend: PostgreSQL full text, or plain SQLite.

On PostgreSQL searches scan the narrow table ``people_search_scan`` (migration
0006: one row per entry with only what every match is read for — kind,
filters, quality, sort name, exact keys, name terms, the vector and the facets
as integer ids); the wide entries are read for the page's rows only. Every
unit of the query (see `normalize.parse_query`) becomes a `tsquery` against
the field-weighted ``vector`` (name A, organisation/city/country B,
email/phone C, other text D): its
words as whole words and prefixes in every field, its stems in other text,
and the close words of a typo (found in `SearchTerm`, see `_expansions`) in
names and organisation/city/country. An entry must match every unit (or, in
the relaxed pass, most of them). Its score is the scoring table's
(`search.scoring`), computed as one CASE per unit over `tsquery` constants.
Matches are found through ``tags`` (migration 0007: the vector's words
tagged with their field, ``a:word``), whose index answers without re-reading
rows; a query with one real word (and particles) takes its page from its best
tiers of equal score (`_tiered_page`) and scores nothing else.

Terms are normalized in Python exactly as at index time: only word
characters reach the SQL, inside constants the server parses once, never as
user syntax. A text search is one statement for the page, the total and the
unselected facets' counts, plus one for the selected facets (whose counts
ignore their own selection); read by tiers, a few small statements for the
page and one for the total and every facet.

On SQLite (the embedded default) units match word prefixes with LIKE, with
accents folded but without typo tolerance or ranking.
"""

import contextlib
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet

from ..documents import FACETS
from ..models import SearchEntry, SearchFacet, SearchTerm
from ..normalize import Unit, stems
from ..query import SearchQuery
from ..scoring import (
    EXACT,
    EXACT_KEY,
    KINDS,
    MAX_EXPANSIONS,
    PARTICLE,
    PERSON,
    PREFIX,
    PREFIX_LENGTH,
    RELAXED_UNIT,
    STEM,
    TYPO1,
    TYPO2,
    TYPO_FIELDS,
    branches,
    max_edits,
    osa_distance,
)

# PostgreSQL's default random_page_cost (4) assumes spinning disks: with it the
# planner scans the whole entries table rather than follow a GIN bitmap, 3–4×
# slower for searches matching a few thousand entries. SEARCH_RANDOM_PAGE_COST
# (default 1.1, the usual value for SSDs and cached tables) applies to the
# search statements only; "" keeps the server's.
RANDOM_PAGE_COST = str(getattr(settings, "SEARCH_RANDOM_PAGE_COST", "1.1") or "")
WORK_MEM = "32MB"
FACET_VALUES = 50  # values counted per facet, the most frequent first
TOTAL = 0  # a pseudo facet id on every match: ids start at 1, so it is no facet's
ENTRY = SearchEntry._meta.db_table
FACET = SearchFacet._meta.db_table
SCAN = "people_search_scan"  # the narrow rows searches scan (migration 0006)
KEYS = "people_search_facetkey"  # facet=value → the integer id in SCAN.facets
TERM = SearchTerm._meta.db_table
WEIGHTS = {"name": "A", "key": "B", "contact": "C", "text": "D"}
# The names alone, as indexed for suggestions (migration 0006).
NAMES = "to_tsvector('simple'::regconfig, s.name_terms)"
# The entry's columns, read for the rows shown only.
COLUMNS = ", ".join(f"e.{f.column}" for f in SearchEntry._meta.concrete_fields)

Results = tuple[list[tuple[SearchEntry, float]], int, dict[str, dict[str, int]]]
Expansions = dict[tuple[str, str, str], list[str]]  # (word, field, typo1|typo2) → words


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def search(query: SearchQuery) -> Results:
    """Entries of the requested page with their scores, the total, and facet counts."""
    if _is_postgres():
        with _search_transaction():
            return _page_and_facets(query)
    return _search_simple(query)


def ids(query: SearchQuery, limit: int) -> list[int]:
    """The ids of the first `limit` matches, in result order: no facets, no page, no highlights
    (for exports)."""
    if not _is_postgres():
        matching = _filtered(query).order_by("sort_name", "id")
        return list(matching.values_list("object_id", flat=True)[:limit])
    with _search_transaction():
        where, where_params = _where(query, facet_ids=_facet_ids(query))
        score, score_params = _score(query, _expansions(query.units))
        order = (
            "sort_name, id" if query.sort == "name" else "score DESC, quality DESC, sort_name, id"
        )
        outer = "p." + order.replace(", ", ", p.")
        sql = (
            f"SELECT e.object_id FROM (SELECT s.id, s.sort_name, s.quality, {score} AS score "  # noqa: S608
            f"FROM {SCAN} s WHERE {where} ORDER BY {order} LIMIT %s) p "
            f"JOIN {ENTRY} e ON e.id = p.id ORDER BY {outer}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*score_params, *where_params, limit])
            return [row[0] for row in cursor.fetchall()]


def suggest(query: SearchQuery, limit: int) -> list[SearchEntry]:
    """Entries whose names (a person's names, a project's title) start with every word typed:
    no typos, no facets, no total."""
    units = [u for u in query.units if u.words]
    if not units:
        return []
    if not _is_postgres():
        entries = SearchEntry.objects.all()
        if query.kind:
            entries = entries.filter(kind=query.kind)
        for unit in units:
            entries = entries.filter(_prefix_q(unit.words, ("name_terms",)))
        return list(entries.order_by("sort_name", "id")[:limit])
    # The names-only index (migration 0006): no weights, so no re-check of whole vectors.
    match = f"{NAMES} @@ %s::tsquery"
    match_params = [" & ".join(f"({_tsquery(unit.words, prefix=True)})" for unit in units)]
    parts, score_params, exact_tests = [], [], []
    for unit in units:
        person, project = (_name_points(kind, unit.particle) for kind in KINDS)
        # A whole word of the names, tested on their text (cheaper than a vector per row).
        exact = " OR ".join(["position(%s in ' ' || s.name_terms || ' ') > 0"] * len(unit.words))
        parts.append(
            f"CASE WHEN {exact} THEN "
            f"CASE WHEN s.kind = 'person' THEN {person[EXACT]} ELSE {project[EXACT]} END "
            f"ELSE CASE WHEN s.kind = 'person' THEN {person[PREFIX]} ELSE {project[PREFIX]} END END"
        )
        words = [f" {word} " for word in unit.words]
        score_params += words
        exact_tests.append((unit, f"({exact})", words))
    keys, key_params = _keys_bonus(query)
    score = " + ".join([*parts, keys, f"CASE WHEN s.kind = 'person' THEN {PERSON} ELSE 0 END"])
    kinds = [query.kind] if query.kind else list(KINDS)
    # Particles score alike whether whole or not (see scoring): only other words make tiers.
    tiered = [t for t in exact_tests if not t[0].particle]
    if len(tiered) > 1 or (tiered and len(units) > 1):
        # A real word with another: their matches are few (and a particle's prefix, "d",
        # is costly to look up in every tier); score them all (each kind has its own
        # names index).
        candidates = " UNION ALL ".join(
            [f"(SELECT s.id FROM {SCAN} s WHERE {match} AND s.kind = %s)"] * len(kinds)  # noqa: S608
        )
        candidate_params = [p for kind in kinds for p in (*match_params, kind)]
    else:
        candidates, candidate_params = _suggestion_tiers(
            match, match_params, kinds, tiered[0] if tiered else None, query, limit
        )
    # The best `limit` are chosen on the narrow rows; only theirs are read in full.
    sql = (
        f"WITH c AS MATERIALIZED ({candidates}), "  # noqa: S608
        f"m AS MATERIALIZED (SELECT s.id, s.quality, s.sort_name, {score} AS score "
        f"FROM {SCAN} s WHERE s.id IN (SELECT id FROM c) "
        "ORDER BY score DESC, s.quality DESC, s.sort_name, s.id LIMIT %s) "
        f"SELECT {COLUMNS}, m.score FROM m JOIN {ENTRY} e ON e.id = m.id "
        "ORDER BY m.score DESC, m.quality DESC, m.sort_name, m.id"
    )
    with _search_transaction():
        return list(
            SearchEntry.objects.raw(sql, [*candidate_params, *score_params, *key_params, limit])
        )


WALK = 300  # rows of a kind walked in (quality, name) order for a suggestion tier


def _suggestion_tiers(
    match: str,
    match_params: list,
    kinds: list[str],
    word: tuple[Unit, str, list[str]] | None,
    query: SearchQuery,
    limit: int,
) -> tuple[str, list]:
    """The candidates of a suggestion with at most one word that is not a particle.

    Its matches fall into a few tiers of equal score (see scoring): each kind,
    whether the word is a whole word of the names or only begins one, and
    whether the whole name or key was typed. Within a tier the order is
    quality, then name: the tier's first `limit` rows in that order hold every
    row of it that can make the top `limit`, so the suggestions are the same
    as when every match is scored. A common prefix ("ma" matches a tenth of
    the directory) finds them among the first `WALK` rows of the kind in that
    order (an index); a rarer tier, which did not fill there, is read through
    the names index of its kind (only then).
    """
    keys = list(query.parsed.keys)
    selects, params = [], []
    key_test = "position(%s in '|' || s.keys || '|') > 0"
    no_key = ""
    if keys:
        # The exact-key bonus: rare, found through the keys index.
        selects.append(
            f"(SELECT s.id FROM {SCAN} s WHERE {match} AND s.kind = ANY(%s) "  # noqa: S608
            "AND string_to_array(s.keys, '|') && %s::text[])"
        )
        params += [*match_params, kinds, keys]
        no_key = " AND NOT (" + " OR ".join([key_test] * len(keys)) + ")"
    no_key_params = [f"|{key}|" for key in keys]
    ways = [("", [])]
    if word is not None:
        unit, exact, exact_params = word
        whole = f"{NAMES} @@ %s::tsquery"  # the index finds whole words quickly
        ways = [
            (f" AND {whole} AND {exact}", [_tsquery(unit.words), *exact_params]),
            # A whole word of the text is one of the vector: testing the text suffices
            # (computing the vector of every candidate would not be cheap).
            (f" AND NOT {exact}", exact_params),
        ]
    # What a walked row must contain for `match` to hold, tested first: cheap on the
    # text, where computing the names' vector of each of `WALK` rows is not.
    begins = " AND ".join(
        "(" + " OR ".join(["(' ' || s.name_terms) LIKE %s"] * len(unit.words)) + ")"
        for unit in query.units
        if unit.words
    )
    begins_params = [f"% {w}%" for unit in query.units for w in unit.words]
    for n, kind in enumerate(kinds):
        for m, (way, way_params) in enumerate(ways):
            tier = f"{match}{no_key}{way}"
            tier_params = [*match_params, *no_key_params, *way_params]
            walked = f"w{n}{m}"
            # `quality + 0`: the fallback reads the tier's matches through the names
            # index, never the whole kind in order.
            selects.append(
                f"(WITH {walked} AS MATERIALIZED (SELECT s.id FROM (SELECT * FROM {SCAN} "  # noqa: S608
                f"WHERE kind = %s ORDER BY quality DESC, sort_name, id LIMIT {WALK}) s "
                f"WHERE {begins} AND {tier} ORDER BY s.quality DESC, s.sort_name, s.id LIMIT %s) "
                f"SELECT id FROM {walked} UNION ALL (SELECT s.id FROM {SCAN} s "
                f"WHERE s.kind = %s AND {tier} AND (SELECT count(*) FROM {walked}) < %s "
                "ORDER BY s.quality + 0 DESC, s.sort_name, s.id LIMIT %s))"
            )
            params += [kind, *begins_params, *tier_params, limit]
            params += [kind, *tier_params, limit, limit]
    return " UNION ALL ".join(selects), params


def _name_points(kind: str, particle: bool) -> dict[str, int]:
    """The name row of the scoring table for an entry of `kind` (autocomplete's only row)."""
    return {how: points for points, field, how in branches(kind, 0, particle) if field == "name"}


@contextlib.contextmanager
def _search_transaction() -> Iterator[None]:
    """A transaction whose planner settings apply to the search statements only."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Only for this transaction: see RANDOM_PAGE_COST; and room for the
            # matches of a broad word (the scored rows, their facet keys) in
            # memory rather than in a temporary file (the server default is 4 MB).
            settings = {"work_mem": WORK_MEM}
            if RANDOM_PAGE_COST:
                settings["random_page_cost"] = RANDOM_PAGE_COST
            cursor.execute(
                "SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(settings)),
                [value for item in settings.items() for value in item],
            )
        yield


# --------------------------------------------------------------------------
# PostgreSQL
# --------------------------------------------------------------------------


def _tsquery(terms: Iterable[str], weights: str = "", prefix: bool = False) -> str:
    """`'a':*AB | 'b':*AB`: a tsquery constant of normalized terms (word characters only)."""
    mark = ":" + ("*" if prefix else "") + weights if (prefix or weights) else ""
    return " | ".join(f"'{term}'{mark}" for term in dict.fromkeys(terms))


def _expansions(units: Iterable[Unit]) -> Expansions:
    """The close words of each typed word, per field and number of typos, as the engine's
    fuzzy query finds them: same first letter, at most `max_edits` edits (a swap of
    neighbours is one), the `MAX_EXPANSIONS` closest."""
    wanted = [
        (word, field)
        for unit in units
        for word in unit.words
        if max_edits(word)
        for field in TYPO_FIELDS
    ]
    wanted = list(dict.fromkeys(wanted))
    if not wanted:
        return {}
    selects, params = [], []
    for n, (word, field) in enumerate(wanted):
        edits = max_edits(word)
        # Levenshtein counts a swap as two edits: 2 × edits keeps every candidate,
        # the exact count is made below.
        selects.append(
            f"SELECT {n}, t.term FROM {TERM} t WHERE t.field = %s AND t.initial = %s "  # noqa: S608
            "AND t.length BETWEEN %s AND %s AND t.term <> %s "
            "AND levenshtein_less_equal(t.term, %s, %s) <= %s"
        )
        params += [
            field,
            word[:PREFIX_LENGTH],
            len(word) - edits,
            len(word) + edits,
            word,
            word,
            2 * edits,
            2 * edits,
        ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        rows = cursor.fetchall()
    found: dict[int, list[tuple[int, str]]] = {}
    for n, term in rows:
        word = wanted[n][0]
        if term[:PREFIX_LENGTH] != word[:PREFIX_LENGTH]:
            continue
        distance = osa_distance(word, term, max_edits(word))
        if distance <= max_edits(word):
            found.setdefault(n, []).append((distance, term))
    expansions: Expansions = {}
    for n, close in found.items():
        word, field = wanted[n]
        close.sort()
        expansions[(word, field, TYPO1)] = [t for d, t in close if d <= 1][:MAX_EXPANSIONS]
        expansions[(word, field, TYPO2)] = [t for d, t in close if d <= 2][:MAX_EXPANSIONS]
    return expansions


def _cell_terms(unit: Unit, field: str, how: str, expansions: Expansions) -> list[str]:
    """The terms one cell of the scoring table looks for in `field` (prefixes for PREFIX)."""
    if how in (EXACT, PREFIX):
        return list(unit.words) + (list(unit.contact) if field == "contact" else [])
    if how == STEM:
        return [s for word in unit.words for s in stems(word)]
    return [t for word in unit.words for t in expansions.get((word, field, how), [])]


def _branch_query(unit: Unit, field: str, how: str, expansions: Expansions) -> str:
    """The tsquery of one cell of the scoring table for one unit ('' when it cannot match)."""
    terms = _cell_terms(unit, field, how, expansions)
    return _tsquery(terms, WEIGHTS[field], prefix=how == PREFIX)


def _tag_query(unit: Unit, field: str, how: str, expansions: Expansions) -> str:
    """The same cell as `_branch_query`, on the field-tagged words (`s.tags`, migration 0007):
    `'a:word'` holds exactly when `'word':A` does, and the tags' index answers it exactly."""
    terms = _cell_terms(unit, field, how, expansions)
    tag = WEIGHTS[field].lower()
    return _tsquery([f"{tag}:{term}" for term in terms], prefix=how == PREFIX)


def _unit_match(unit: Unit, expansions: Expansions) -> str:
    """The tsquery on `s.tags` an entry matches when the unit matches it in any way (any
    cell of the scoring table): its words beginning a word of any field, its contact terms
    one of the contact field, its stems in the text, its close words in names and keys.

    On the field-tagged words no weight is tested, so the index's answer needs no
    re-check of the rows (on the weighted vector, stems and typos needed one).
    """
    parts = [_tag_query(unit, field, PREFIX, expansions) for field in WEIGHTS]
    parts.append(_tag_query(unit, "text", STEM, expansions))
    for field in TYPO_FIELDS:
        for how in (TYPO1, TYPO2):
            parts.append(_tag_query(unit, field, how, expansions))
    return " | ".join(p for p in parts if p)


def _unit_score(unit: Unit, expansions: Expansions, offset: int) -> tuple[str, list]:
    """One CASE per kind: the points of the first (best) cell of the table that matches."""
    by_kind, params = [], []
    for kind in KINDS:
        whens = []
        for points, field, how in branches(kind, offset, unit.particle):
            tsquery = _branch_query(unit, field, how, expansions)
            if tsquery:
                whens.append(f"WHEN s.vector @@ %s::tsquery THEN {points}")
                params.append(tsquery)
        by_kind.append(f"CASE {' '.join(whens)} ELSE 0 END" if whens else "0")
    return f"CASE WHEN s.kind = 'person' THEN {by_kind[0]} ELSE {by_kind[1]} END", params


def _keys_bonus(query: SearchQuery) -> tuple[str, list]:
    keys = list(query.parsed.keys)
    if not keys:
        return "0", []
    tests = " OR ".join(["position(%s in '|' || s.keys || '|') > 0"] * len(keys))
    return f"CASE WHEN {tests} THEN {EXACT_KEY} ELSE 0 END", [f"|{key}|" for key in keys]


def _score(query: SearchQuery, expansions: Expansions) -> tuple[str, list]:
    """The scoring table as SQL: the units' points, the exact-key and person bonuses."""
    offset = RELAXED_UNIT if query.relaxed else 0
    parts, params = [], []
    for unit in query.units:
        sql, unit_params = _unit_score(unit, expansions, offset)
        parts.append(sql)
        params += unit_params
    keys, key_params = _keys_bonus(query)
    parts += [keys, f"CASE WHEN s.kind = 'person' THEN {PERSON} ELSE 0 END"]
    return " + ".join(parts), params + key_params


def _facet_ids(query: SearchQuery) -> dict[str, list[int]]:
    """The integer ids of the selected facet values (a value never indexed has none)."""
    wanted = [f"{facet}={value}" for facet, values in query.filters.items() for value in values]
    if not wanted:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, id FROM {KEYS} WHERE key = ANY(%s)", [wanted])  # noqa: S608
        found = dict(cursor.fetchall())
    return {
        facet: [found[f"{facet}={value}"] for value in values if f"{facet}={value}" in found]
        for facet, values in query.filters.items()
    }


def _where(
    query: SearchQuery,
    skip: str | None = None,
    expansions: Expansions | None = None,
    facet_ids: dict[str, list[int]] | None = None,
    units: tuple[Unit, ...] | None = None,
) -> tuple[str, list]:
    """The condition on scan rows `s` for the text, kind, cross-sector and facet filters.

    `units`: only these units' matches (default: the query's).
    """
    clauses, params = [], []
    if query.kind:
        clauses.append("s.kind = %s")
        params.append(query.kind)
    if query.cross_sector:
        clauses.append("s.cross_sector")
    units = query.units if units is None else units
    if units:
        if expansions is None:
            expansions = _expansions(units)
        matches = [f"({_unit_match(unit, expansions)})" for unit in units]
        if query.min_units >= len(matches):
            clauses.append("s.tags @@ %s::tsquery")
            params.append(" & ".join(matches))
        else:
            # Any unit narrows the candidates (the GIN index); then enough of them must match.
            clauses.append("s.tags @@ %s::tsquery")
            params.append(" | ".join(matches))
            counted = " + ".join(["(s.tags @@ %s::tsquery)::int"] * len(matches))
            clauses.append(f"({counted}) >= %s")
            params += [*matches, query.min_units]
    if facet_ids is None:
        facet_ids = _facet_ids(query)
    for facet in query.filters:
        if facet != skip:
            # Any of the selected values of a facet (OR), every facet (AND); a value
            # never indexed matches nothing.
            clauses.append("s.facets && %s::integer[]")
            params.append(facet_ids.get(facet, []))
    return " AND ".join(clauses) or "TRUE", params


def _page_and_facets(query: SearchQuery) -> Results:
    expansions = _expansions(query.units) if query.units else {}
    facet_ids = _facet_ids(query)
    where, where_params = _where(query, expansions=expansions, facet_ids=facet_ids)
    limit = [query.per_page, query.offset]
    # Facet key counts over the matches, when the page statement computed them.
    matched_keys: dict[str, int] | None = None
    tiered = _tiered_page(query, expansions, facet_ids) if query.units else None
    if tiered is not None:
        # The page came from the best tiers: the total and every facet are counted
        # below over the matches, without scoring them.
        page = tiered
    elif query.units:
        score, score_params = _score(query, expansions)
        order = (
            "sort_name, id" if query.sort == "name" else "score DESC, quality DESC, sort_name, id"
        )
        outer = "p." + order.replace(", ", ", p.")
        # The matches are found, scored and sorted once, on the narrow rows; the
        # total and the facets of the unselected facets come from the same
        # rows; only the page's entries are read.
        sql = (
            "WITH m AS MATERIALIZED ("  # noqa: S608
            f"SELECT s.id, s.sort_name, s.quality, s.facets, {score} AS score "
            f"FROM {SCAN} s WHERE {where}) "
            f"SELECT {COLUMNS}, p.score, (SELECT count(*) FROM m) AS total, "
            # unnest() in the select list (a ProjectSet), not as a lateral function
            # scan per match: measured faster for the 100,000 facet ids of a broad word.
            "(SELECT json_object_agg(k.key, c.n) FROM (SELECT f, count(*) AS n "
            f"FROM (SELECT unnest(m.facets) AS f FROM m) u GROUP BY f) c "
            f"JOIN {KEYS} k ON k.id = c.f) "
            "AS matched_keys FROM "
            f"(SELECT id, sort_name, quality, score FROM m ORDER BY {order} "
            "LIMIT %s OFFSET %s) p "
            f"JOIN {ENTRY} e ON e.id = p.id ORDER BY {outer}"
        )
        page = list(SearchEntry.objects.raw(sql, [*score_params, *where_params, *limit]))
    else:
        # Without text the order is the name's: the index gives the page.
        sql = (
            f"SELECT {COLUMNS}, 0.0 AS score FROM {SCAN} s "  # noqa: S608
            f"JOIN {ENTRY} e ON e.id = s.id WHERE {where} "
        )
        page = list(
            SearchEntry.objects.raw(
                sql + "ORDER BY s.sort_name, s.id LIMIT %s OFFSET %s", [*where_params, *limit]
            )
        )
    total: int | None = None
    if page and query.units and tiered is None:
        total = page[0].total
        matched_keys = page[0].matched_keys or {}
    facets, counted = _facet_counts(query, matched_keys, expansions, facet_ids)
    total = counted if total is None else total
    if total is None:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {SCAN} s WHERE {where}", where_params)  # noqa: S608
            total = cursor.fetchone()[0]
    return [(entry, float(entry.score or 0)) for entry in page], total, facets


TIER_DEPTH = 100  # deeper pages (offset + size) score every match


def _tiers(query: SearchQuery, expansions: Expansions) -> list[tuple[int, str, str, str]] | None:
    """The tiers of equal score of a query with at most one unit that is not a particle,
    the best first: (score, kind, tsquery on `s.tags` of the tier's cells, of the better
    cells); None for any other query (two real words match few entries: scored all).

    A particle scores `PARTICLE` wherever it matches (see scoring), so every
    match's score is that of the one real unit's best cell for its kind, plus
    constants; the exact-key bonus is read apart (`_tiered_page`).
    """
    real = [unit for unit in query.units if not unit.particle]
    if len(real) > 1:
        return None
    constant = PARTICLE * sum(unit.particle for unit in query.units)
    tiers = []
    for kind in [query.kind] if query.kind else KINDS:
        bonus = constant + (PERSON if kind == "person" else 0)
        if not real:
            tiers.append((bonus, kind, "", ""))
            continue
        cells: dict[int, list[str]] = {}
        for points, field, how in branches(kind, 0, False):
            tsquery = _tag_query(real[0], field, how, expansions)
            if tsquery:
                cells.setdefault(points, []).append(tsquery)
        better: list[str] = []
        for points, queries in cells.items():  # best first (branches' order)
            tiers.append((points + bonus, kind, " | ".join(queries), " | ".join(better)))
            better += queries
    return sorted(tiers, key=lambda tier: -tier[0])


def _tiered_page(
    query: SearchQuery, expansions: Expansions, facet_ids: dict[str, list[int]]
) -> list[SearchEntry] | None:
    """The page of a query with at most one real word, read from its best tiers first.

    A broad word ("architecte", "van": a fifth of the directory) made every
    match scored to show twenty. Within a tier of equal score (`_tiers`) the
    order is quality, then name, so a tier's first `n` rows in that order (n =
    offset + page size) hold every row of it that can be on the page: they are
    read tier by tier, the best first, until `n` rows of a better score than
    the next tier's are held. A tier is one exact lookup of the field-tagged
    words (or, when dense, a few rows of the (kind, quality, name) index); the
    entries with the exact-key bonus (few) are read first and scored in full.
    The page, its scores and its order are those of scoring every match (see
    tests/search/test_relevance.py). None when the query has no tiers.
    """
    if query.sort != "relevance" or query.relaxed:
        return None
    wanted = query.offset + query.per_page
    if wanted > TIER_DEPTH:
        return None
    tiers = _tiers(query, expansions)
    if tiers is None:
        return None
    where, where_params = _where(query, expansions=expansions, facet_ids=facet_ids)
    # A tier's cells imply the real unit's match: only the particles' are tested with them.
    particles = tuple(unit for unit in query.units if unit.particle)
    tier_where, tier_where_params = _where(
        query, expansions=expansions, facet_ids=facet_ids, units=particles
    )
    rows: list[tuple[float, float, str, int]] = []  # (score, quality, sort name, id)
    keys = list(query.parsed.keys)
    no_key, no_key_params = "", []
    with connection.cursor() as cursor:
        if keys:
            score, score_params = _score(query, expansions)
            cursor.execute(
                f"SELECT {score} AS score, s.quality, s.sort_name, s.id FROM {SCAN} s "  # noqa: S608
                f"WHERE {where} AND string_to_array(s.keys, '|') && %s::text[] "
                "ORDER BY score DESC, s.quality DESC, s.sort_name, s.id LIMIT %s",
                [*score_params, *where_params, keys, wanted],
            )
            rows += cursor.fetchall()
            no_key, no_key_params = " AND NOT string_to_array(s.keys, '|') && %s::text[]", [keys]
        n = 0
        while n < len(tiers):
            score = tiers[n][0]
            if sum(1 for row in rows if row[0] > score) >= wanted:
                break
            group = [tier for tier in tiers[n:] if tier[0] == score]
            n += len(group)
            selects, params = [], []
            for m, (_same, kind, cells, better) in enumerate(group):
                tests, test_params = [], []
                if cells:
                    tests.append("s.tags @@ %s::tsquery")
                    test_params.append(cells)
                if better:
                    tests.append("NOT s.tags @@ %s::tsquery")
                    test_params.append(better)
                tier = " AND ".join([tier_where, *tests]) + no_key
                tier_params = [*tier_where_params, *test_params, *no_key_params]
                # A dense tier fills among the kind's first `WALK` rows in (quality,
                # name) order (an index); only a rarer one is read in full, through
                # the tags' index (`quality + 0`: never by walking the whole kind,
                # which the planner cannot tell from a rare word's estimate).
                walked = f"t{m}"
                selects.append(
                    f"(WITH {walked} AS MATERIALIZED (SELECT s.quality, s.sort_name, s.id "  # noqa: S608
                    f"FROM (SELECT * FROM {SCAN} WHERE kind = %s "
                    f"ORDER BY quality DESC, sort_name, id LIMIT {WALK}) s WHERE {tier} "
                    "ORDER BY s.quality DESC, s.sort_name, s.id LIMIT %s) "
                    f"SELECT %s::float, * FROM {walked} "
                    f"WHERE (SELECT count(*) FROM {walked}) >= %s "
                    f"UNION ALL (SELECT %s::float, s.quality, s.sort_name, s.id FROM {SCAN} s "
                    f"WHERE s.kind = %s AND {tier} AND (SELECT count(*) FROM {walked}) < %s "
                    "ORDER BY s.quality + 0 DESC, s.sort_name, s.id LIMIT %s))"
                )
                params += [kind, *tier_params, wanted, score, wanted]
                params += [score, kind, *tier_params, wanted, wanted]
            cursor.execute(" UNION ALL ".join(selects), params)
            rows += cursor.fetchall()
        rows.sort(key=lambda row: (-row[0], -row[1], row[2], row[3]))
        shown = rows[query.offset : wanted]
        if not shown:
            return []
    entries = SearchEntry.objects.raw(
        f"SELECT {COLUMNS} FROM {ENTRY} e WHERE e.id = ANY(%s)",  # noqa: S608
        [[row[3] for row in shown]],
    )
    by_id = {entry.id: entry for entry in entries}
    page = []
    for score, _quality, _name, pk in shown:
        entry = by_id[pk]
        entry.score = score
        page.append(entry)
    return page


def _facet_counts(
    query: SearchQuery,
    matched_keys: dict[str, int] | None = None,
    expansions: Expansions | None = None,
    facet_ids: dict[str, list[int]] | None = None,
) -> tuple[dict[str, dict[str, int]], int | None]:
    """Every facet's counts, in at most one statement, and the total if it was counted.

    The unselected facets are counted over the matches (`matched_keys` when
    the page statement already did); each selected facet over the matches of
    every other filter, since its counts ignore its own selection. Counts are
    of the scan rows' integer facet ids, named at the end (a few dozen rows).
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
        where, where_params = _where(query, skip=skip, expansions=expansions, facet_ids=facet_ids)
        if where == "TRUE":
            # The whole directory: the facet table is the quickest to count.
            selects.append(
                f"SELECT {len(wanted)}, f.facet || '=' || f.value, count(*) "  # noqa: S608
                f"FROM {FACET} f WHERE f.facet = ANY(%s) GROUP BY f.facet, f.value"
            )
            params.append(facets)
            wanted.append((facets, False))
            continue
        # The matches' own facet ids, on the narrow rows. The pseudo id TOTAL
        # is added to every match, so the same pass counts them.
        selects.append(
            f"SELECT {len(wanted)}, k.key, c.n FROM (SELECT f, count(*) AS n "  # noqa: S608
            f"FROM (SELECT unnest(s.facets || %s::integer) AS f FROM {SCAN} s WHERE {where}) u "
            "GROUP BY f) c "
            f"LEFT JOIN {KEYS} k ON k.id = c.f"
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
                total = dict(keys).get(None, 0)
    facet_counts = {
        facet: dict(sorted(values.items(), key=lambda vn: (-vn[1], vn[0]))[:FACET_VALUES])
        for facet, values in counts.items()
    }
    return facet_counts, total


# --------------------------------------------------------------------------
# SQLite (the embedded default): folded word prefixes, no typo tolerance
# --------------------------------------------------------------------------

TEXT_COLUMNS = ("name_terms", "key_terms", "contact_terms", "text_terms")


def _prefix_q(terms: Iterable[str], columns: Iterable[str]) -> Q:
    word = Q()
    for term in terms:
        for column in columns:
            word |= Q(**{f"{column}__startswith": term}) | Q(**{f"{column}__contains": f" {term}"})
    return word


def _with_text(entries: QuerySet, query: SearchQuery) -> QuerySet:
    units = list(query.units)
    matches = []
    for unit in units:
        word = _prefix_q(unit.words, TEXT_COLUMNS) | _prefix_q(unit.contact, ("contact_terms",))
        for stem in (s for w in unit.words for s in stems(w)):
            word |= Q(text_terms__contains=f" {stem} ") | Q(text_terms__startswith=f"{stem} ")
        matches.append(word)
    if not matches:
        return entries
    if query.min_units >= len(matches):
        for match in matches:
            entries = entries.filter(match)
        return entries
    # The relaxed pass: enough units, counted in Python over the candidates.
    candidates = entries.filter(_any(matches)).values_list("id", flat=True)
    enough = [
        pk
        for pk in candidates
        if sum(entries.filter(pk=pk).filter(m).exists() for m in matches) >= query.min_units
    ]
    return entries.filter(pk__in=enough)


def _any(matches: list[Q]) -> Q:
    combined = Q()
    for match in matches:
        combined |= match
    return combined


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
    return _with_text(entries, query)


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
