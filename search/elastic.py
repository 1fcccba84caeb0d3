"""The Elasticsearch backend, written with the DSL that ships in the client.

Terms are normalized in Python (see `normalize`) and indexed with the
``whitespace`` analyzer, so this backend sees exactly the same terms as the
database backend and works the same on Elasticsearch 8/9 and on
OpenSearch-compatible engines, without depending on analysis features
(elision, language stemmers) that some engines do not implement.

Per query term: an exact name term scores highest, then a name prefix, then
a fuzzy name match (one or two edits, first letter fixed), then other text.
Every term must match. Facet filters go to ``post_filter`` and each facet's
aggregation applies every filter but its own, so counts ignore their own
selection.
"""

from datetime import UTC, datetime, timedelta

from django.utils import timezone
from elasticsearch import helpers
from elasticsearch.dsl import A, Q, Search

from . import engine
from .documents import FACETS
from .indexing import push_pending
from .models import SearchEntry
from .normalize import stems
from .query import SearchQuery

# How far before its start a rebuild re-sends what changed (commits may lag).
REBUILD_MARGIN = timedelta(minutes=1)

MAPPING = {
    "properties": {
        "uid": {"type": "keyword"},
        "kind": {"type": "keyword"},
        "object_id": {"type": "long"},
        "title": {"type": "keyword", "index": False},
        "subtitle": {"type": "keyword", "index": False},
        "sort_name": {"type": "keyword"},
        "name_terms": {"type": "text", "analyzer": "whitespace"},
        "text_terms": {"type": "text", "analyzer": "whitespace"},
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
        "text_terms": entry.text_terms,
        "cross_sector": entry.cross_sector,
        "facets": entry.facets,
        "fields": entry.fields,
    }


def _create_index(client, name: str) -> None:
    client.indices.create(
        index=name, settings={"number_of_shards": 1, "number_of_replicas": 0}, mappings=MAPPING
    )


def ensure_alias(client) -> str:
    """The alias, created with a first index when missing."""
    alias = engine.alias()
    if not client.indices.exists_alias(name=alias):
        name = f"{alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
        _create_index(client, name)
        client.indices.put_alias(index=name, name=alias)
    return alias


def bulk_index(client, entries: list[SearchEntry]) -> None:
    """Index entries through the alias; raises when the engine cannot take them."""
    alias = ensure_alias(client)
    actions = (
        {"_index": alias, "_id": _uid(e.kind, e.object_id), "_source": _source(e)} for e in entries
    )
    helpers.bulk(client, actions, chunk_size=500, refresh="wait_for")


def bulk_delete(client, kind: str, ids: list[int]) -> None:
    alias = ensure_alias(client)
    helpers.bulk(
        client,
        ({"_op_type": "delete", "_index": alias, "_id": _uid(kind, i)} for i in ids),
        raise_on_error=False,
        refresh="wait_for",
    )


def rebuild_index(client) -> dict:
    """Fill a new versioned index from the entries, then swap the alias atomically.

    Searches keep answering from the old index until the swap. Whatever
    changed while the new index was filled went to the old index, which the
    swap drops: those entries are sent again, and entries deleted meanwhile
    are deleted from the new index.
    """
    # Entries stored just before the start may commit after it was read.
    started = timezone.now() - REBUILD_MARGIN
    alias = engine.alias()
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
    gone = written - set(SearchEntry.objects.values_list("kind", "object_id"))
    for kind in {kind for kind, _id in gone}:
        engine.delete_quietly(kind, [i for k, i in gone if k == kind])
    SearchEntry.objects.filter(engine_pending=True, updated_at__lt=started).update(
        engine_pending=False
    )
    SearchEntry.objects.filter(updated_at__gte=started).update(engine_pending=True)
    push_pending()
    return {"index": name, "documents": count, "replaced": old}


def engine_status(client) -> dict:
    """The alias's index and its document count (or the error when unreachable)."""
    alias = engine.alias()
    try:
        if not client.indices.exists_alias(name=alias):
            return {"alias": alias, "index": None, "documents": 0}
        index = next(iter(client.indices.get_alias(name=alias)))
        return {"alias": alias, "index": index, "documents": client.count(index=alias)["count"]}
    except Exception as error:
        return {"alias": alias, "error": type(error).__name__}


def _text_query(terms: list[str]):
    clauses = []
    for term in terms:
        should = [
            Q("term", name_terms={"value": term, "boost": 6}),
            Q("prefix", name_terms={"value": term, "boost": 3}),
            Q("term", text_terms={"value": term, "boost": 2}),
            Q("prefix", text_terms={"value": term, "boost": 1}),
        ]
        should += [Q("term", text_terms={"value": stem, "boost": 1}) for stem in stems(term)]
        if len(term) >= 4:
            should.append(
                Q(
                    "fuzzy",
                    name_terms={
                        "value": term,
                        "fuzziness": "AUTO",
                        "prefix_length": 1,
                        "boost": 1.5,
                    },
                )
            )
        clauses.append(Q("bool", should=should, minimum_should_match=1))
    return Q("bool", must=clauses) if clauses else Q("match_all")


def _facet_filter(query: SearchQuery, skip: str | None = None):
    filters = [
        Q("terms", **{f"facets.{name}": values})
        for name, values in query.filters.items()
        if name != skip
    ]
    return Q("bool", filter=filters) if filters else Q("match_all")


def search(client, query: SearchQuery):
    """Entries (built from the documents) with scores, the total, and facet counts."""
    base_filters = []
    if query.kind:
        base_filters.append(Q("term", kind=query.kind))
    if query.cross_sector:
        base_filters.append(Q("term", cross_sector=True))
    terms = query.terms
    s = Search(using=client, index=engine.alias()).query(
        Q("bool", must=[_text_query(terms)], filter=base_filters)
    )
    if query.filters:
        s = s.post_filter(_facet_filter(query))
    for facet in FACETS:
        s.aggs.bucket(facet, A("filter", filter=_facet_filter(query, skip=facet))).bucket(
            "values", A("terms", field=f"facets.{facet}", size=50)
        )
    if query.sort == "name" or not terms:
        s = s.sort("sort_name", "uid")
    else:
        s = s.sort({"_score": {"order": "desc"}}, "sort_name", "uid")
    s = s.extra(track_total_hits=True)[query.offset : query.offset + query.per_page]
    response = s.execute()
    rows = []
    for hit in response.hits:
        source = hit.to_dict()
        entry = SearchEntry(
            kind=source["kind"],
            object_id=source["object_id"],
            title=source["title"],
            subtitle=source.get("subtitle", ""),
            fields=source.get("fields", {}),
        )
        rows.append((entry, float(hit.meta.score or 0)))
    total = (
        response.hits.total.value if hasattr(response.hits.total, "value") else response.hits.total
    )
    counts = {
        facet: {b.key: b.doc_count for b in getattr(response.aggregations, facet).values.buckets}
        for facet in FACETS
    }
    return rows, int(total), counts
