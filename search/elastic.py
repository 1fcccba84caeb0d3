"""The Elasticsearch backend, written with the DSL that ships in the client.

Terms are normalized in Python (see `normalize`) and indexed with the
``whitespace`` analyzer, so this backend sees exactly the same terms as the
database backend and works the same on Elasticsearch 8/9 and on
OpenSearch-compatible engines, without depending on analysis features
(elision, language stemmers) that some engines do not implement.

Scores follow `search.scoring`'s table: per unit of the query, a `dis_max`
of `constant_score` clauses, one per cell of the table (the best match
counts), summed over the units, plus the exact-key and person bonuses; ties
are ordered by `quality`, then name. Typos are the engine's fuzzy query with
the table's edit rule. Facet filters go to ``post_filter`` and each facet's
aggregation applies every filter but its own, so counts ignore their own
selection.

Every function takes the client and the alias: this module is the engine's
side only, and never calls back into indexing (see `indexing` and `engine`).
"""

from datetime import UTC, datetime

from elasticsearch import helpers
from elasticsearch.dsl import A, Q, Search

from .documents import FACETS
from .models import SearchEntry
from .normalize import Unit, stems
from .query import SearchQuery
from .scoring import (
    EXACT,
    EXACT_KEY,
    KINDS,
    MAX_EXPANSIONS,
    PERSON,
    PREFIX,
    PREFIX_LENGTH,
    RELAXED_UNIT,
    STEM,
    TYPO1,
    branches,
    max_edits,
)

MAPPING = {
    "properties": {
        "uid": {"type": "keyword"},
        "kind": {"type": "keyword"},
        "object_id": {"type": "long"},
        "title": {"type": "keyword", "index": False},
        "subtitle": {"type": "keyword", "index": False},
        "sort_name": {"type": "keyword"},
        "name_terms": {"type": "text", "analyzer": "whitespace"},
        "key_terms": {"type": "text", "analyzer": "whitespace"},
        "contact_terms": {"type": "text", "analyzer": "whitespace"},
        "text_terms": {"type": "text", "analyzer": "whitespace"},
        "keys": {"type": "keyword"},
        "quality": {"type": "float"},
        "cross_sector": {"type": "boolean"},
        "facets": {"properties": {name: {"type": "keyword"} for name in FACETS}},
        "fields": {"type": "object", "enabled": False},
    }
}


def _uid(kind: str, object_id: int) -> str:
    return f"{kind}-{object_id}"


def _source(entry: SearchEntry) -> dict:
    return {
        "uid": _uid(entry.kind, entry.object_id),
        "kind": entry.kind,
        "object_id": entry.object_id,
        "title": entry.title,
        "subtitle": entry.subtitle,
        "sort_name": entry.sort_name,
        "name_terms": entry.name_terms,
        "key_terms": entry.key_terms,
        "contact_terms": entry.contact_terms,
        "text_terms": entry.text_terms,
        "keys": [key for key in entry.keys.split("|") if key],
        "quality": entry.quality,
        "cross_sector": entry.cross_sector,
        "facets": entry.facets,
        "fields": entry.fields,
    }


def _create_index(client, name: str) -> None:
    client.indices.create(
        index=name, settings={"number_of_shards": 1, "number_of_replicas": 0}, mappings=MAPPING
    )


def ensure_alias(client, alias: str) -> str:
    """The alias, created with a first index when missing."""
    if not client.indices.exists_alias(name=alias):
        name = f"{alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
        _create_index(client, name)
        client.indices.put_alias(index=name, name=alias)
    return alias


def bulk_index(client, alias: str, entries: list[SearchEntry]) -> None:
    """Index entries through the alias; raises when the engine cannot take them."""
    ensure_alias(client, alias)
    actions = (
        {"_index": alias, "_id": _uid(e.kind, e.object_id), "_source": _source(e)} for e in entries
    )
    helpers.bulk(client, actions, chunk_size=500, refresh="wait_for")


def bulk_delete(client, alias: str, kind: str, ids: list[int]) -> None:
    ensure_alias(client, alias)
    helpers.bulk(
        client,
        ({"_op_type": "delete", "_index": alias, "_id": _uid(kind, i)} for i in ids),
        raise_on_error=False,
        refresh="wait_for",
    )


def rebuild_index(client, alias: str) -> dict:
    """Fill a new versioned index from the entries, then swap the alias atomically.

    Searches keep answering from the old index until the swap. Returns the new
    index, the documents written, the replaced indexes and the (kind, id) of
    every entry written (`indexing.rebuild_engine_index` catches up on what
    changed meanwhile).
    """
    name = f"{alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
    _create_index(client, name)
    entries = SearchEntry.objects.order_by("pk").iterator(chunk_size=2000)
    written: set[tuple[str, int]] = set()

    def actions():
        for e in entries:
            written.add((e.kind, e.object_id))
            yield {"_index": name, "_id": _uid(e.kind, e.object_id), "_source": _source(e)}

    count = 0
    for ok, _item in helpers.streaming_bulk(client, actions(), chunk_size=1000):
        count += ok
    client.indices.refresh(index=name)
    old = []
    if client.indices.exists_alias(name=alias):
        old = list(client.indices.get_alias(name=alias).keys())
    alias_actions = [{"remove": {"index": index, "alias": alias}} for index in old]
    alias_actions.append({"add": {"index": name, "alias": alias}})
    client.indices.update_aliases(actions=alias_actions)
    for index in old:
        client.indices.delete(index=index, ignore_unavailable=True)
    return {"index": name, "documents": count, "replaced": old, "written": written}


def engine_status(client, alias: str) -> dict:
    """The alias's index and its document count (or the error when unreachable)."""
    try:
        if not client.indices.exists_alias(name=alias):
            return {"alias": alias, "index": None, "documents": 0}
        index = next(iter(client.indices.get_alias(name=alias)))
        return {"alias": alias, "index": index, "documents": client.count(index=alias)["count"]}
    except Exception as error:
        return {"alias": alias, "error": type(error).__name__}


FIELDS = {
    "name": "name_terms",
    "key": "key_terms",
    "contact": "contact_terms",
    "text": "text_terms",
}
# Autocomplete: names only, as whole words or prefixes.
SUGGEST = {"fields": ("name",), "hows": (EXACT, PREFIX)}


def _any(queries: list):
    if not queries:
        return None
    return queries[0] if len(queries) == 1 else Q("bool", should=queries, minimum_should_match=1)


def _cell(unit: Unit, field: str, how: str):
    """The query of one cell of the scoring table for one unit (None when it cannot match)."""
    name = FIELDS[field]
    terms = list(unit.words) + (list(unit.contact) if field == "contact" else [])
    if how == EXACT:
        return Q("terms", **{name: terms}) if terms else None
    if how == PREFIX:
        return _any([Q("prefix", **{name: term}) for term in terms])
    if how == STEM:
        found = [s for word in unit.words for s in stems(word)]
        return Q("terms", **{name: found}) if found else None
    edits = 1 if how == TYPO1 else 2
    return _any(
        [
            Q(
                "fuzzy",
                **{
                    name: {
                        "value": word,
                        "fuzziness": edits,
                        "prefix_length": PREFIX_LENGTH,
                        "max_expansions": MAX_EXPANSIONS,
                        "transpositions": True,
                    }
                },
            )
            for word in unit.words
            if max_edits(word) >= edits
        ]
    )


def _unit_query(unit: Unit, offset: int, only: dict | None = None):
    """The best cell of the table that matches, as the unit's score."""
    clauses = []
    for kind in KINDS:
        for points, field, how in branches(kind, offset, unit.particle):
            if only is not None and (field not in only["fields"] or how not in only["hows"]):
                continue
            if field != "name" and kind != KINDS[0]:
                continue  # rows shared by both kinds: once
            query = _cell(unit, field, how)
            if query is None:
                continue
            if field == "name":  # a person's name and a project's title score differently
                query = Q("bool", filter=[Q("term", kind=kind), query])
            clauses.append(Q("constant_score", filter=query, boost=points))
    return Q("dis_max", queries=clauses, tie_breaker=0)


def _bonuses(query: SearchQuery) -> list:
    bonuses = [Q("constant_score", filter=Q("term", kind="person"), boost=PERSON)]
    if query.parsed.keys:
        bonuses.append(
            Q("constant_score", filter=Q("terms", keys=list(query.parsed.keys)), boost=EXACT_KEY)
        )
    return bonuses


def _text_query(query: SearchQuery, only: dict | None = None):
    units = [u for u in query.units if only is None or u.words]
    if not units:
        return Q("match_all")
    offset = RELAXED_UNIT if query.relaxed else 0
    clauses = [_unit_query(unit, offset, only) for unit in units]
    if query.relaxed and only is None:
        matched = Q("bool", should=clauses, minimum_should_match=query.min_units)
        return Q("bool", must=[matched], should=_bonuses(query))
    return Q("bool", must=clauses, should=_bonuses(query))


def _facet_filter(query: SearchQuery, skip: str | None = None):
    filters = [
        Q("terms", **{f"facets.{name}": values})
        for name, values in query.filters.items()
        if name != skip
    ]
    return Q("bool", filter=filters) if filters else Q("match_all")


def _base(client, alias: str, query: SearchQuery, only: dict | None = None):
    base_filters = []
    if query.kind:
        base_filters.append(Q("term", kind=query.kind))
    if query.cross_sector:
        base_filters.append(Q("term", cross_sector=True))
    s = Search(using=client, index=alias).query(
        Q("bool", must=[_text_query(query, only)], filter=base_filters)
    )
    if query.sort == "name" or not query.units:
        return s.sort("sort_name", "uid")
    return s.sort({"_score": {"order": "desc"}}, {"quality": {"order": "desc"}}, "sort_name", "uid")


def _entry(source: dict) -> SearchEntry:
    return SearchEntry(
        kind=source["kind"],
        object_id=source["object_id"],
        title=source.get("title", ""),
        subtitle=source.get("subtitle", ""),
        fields=source.get("fields", {}),
    )


def search(client, alias: str, query: SearchQuery):
    """Entries (built from the documents) with scores, the total, and facet counts."""
    s = _base(client, alias, query)
    if query.filters:
        s = s.post_filter(_facet_filter(query))
    for facet in FACETS:
        s.aggs.bucket(facet, A("filter", filter=_facet_filter(query, skip=facet))).bucket(
            "values", A("terms", field=f"facets.{facet}", size=50)
        )
    s = s.extra(track_total_hits=True)[query.offset : query.offset + query.per_page]
    response = s.execute()
    rows = [(_entry(hit.to_dict()), float(hit.meta.score or 0)) for hit in response.hits]
    total = (
        response.hits.total.value if hasattr(response.hits.total, "value") else response.hits.total
    )
    counts = {
        facet: {b.key: b.doc_count for b in getattr(response.aggregations, facet).values.buckets}
        for facet in FACETS
    }
    return rows, int(total), counts


def ids(client, alias: str, query: SearchQuery, limit: int) -> list[int]:
    """The ids of the first `limit` matches, in result order (no facets, no documents)."""
    s = _base(client, alias, query)
    if query.filters:
        s = s.post_filter(_facet_filter(query))
    s = s.source(["object_id"]).extra(track_total_hits=False)[:limit]
    return [hit.object_id for hit in s.execute().hits]


def suggest(client, alias: str, query: SearchQuery, limit: int) -> list[SearchEntry]:
    """Entries whose names start with every word typed: names only, no aggregations."""
    if not any(u.words for u in query.units):
        return []
    s = _base(client, alias, query, only=SUGGEST)
    s = s.source(["kind", "object_id", "title", "subtitle"]).extra(track_total_hits=False)
    return [_entry(hit.to_dict()) for hit in s[:limit].execute().hits]
