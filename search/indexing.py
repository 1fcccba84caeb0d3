"""Keeping the search entries (and the external engine) in step with the directory.

`refresh` prepares the documents of the given objects and upserts their
entries; objects that no longer qualify (deleted, merged, inactive) lose
their entry. When an external engine is configured the same documents are
sent to it; if it is down the entries stay marked `engine_pending`, entries
removed meanwhile are kept as `PendingDeletion` rows, and the next
`search_index update` (or the next change indexed) replays both, deletions
first. A save, a sync or an erasure never fails because of the engine.
"""

import contextlib
import ctypes
import gc
import json
import logging
import multiprocessing
import os
import signal
import traceback
from collections.abc import Iterable, Iterator
from datetime import timedelta

from django.db import connection, connections, transaction
from django.utils import timezone

from people.models import Person, Project

from . import engine
from .documents import documents_for
from .models import IndexState, PendingDeletion, SearchEntry, SearchFacet, SearchTerm
from .scoring import TYPO_FIELDS

logger = logging.getLogger(__name__)
BATCH = 500
STORED_FIELDS = [
    "title",
    "subtitle",
    "sort_name",
    "name_terms",
    "key_terms",
    "contact_terms",
    "text_terms",
    "keys",
    "quality",
    "fields",
    "facets",
    "cross_sector",
    "engine_pending",
    "updated_at",
]
SWEEP_KEY = "last_sweep"
# How far before its start an engine rebuild re-sends what changed (commits may lag).
REBUILD_MARGIN = timedelta(minutes=1)


def refresh(kind: str, ids: Iterable[int], known_terms: set | None = None) -> int:
    """Re-prepare these objects' entries (a batch at a time); return how many exist now.

    `known_terms` (a rebuild's): typo words already stored, not written again.
    A rebuild outside any transaction on PostgreSQL prepares the documents in
    child processes while this one stores them (see `_overlapped`); otherwise
    batches are prepared and stored in turn.
    """
    ids = list(dict.fromkeys(ids))
    batches = [ids[start : start + BATCH] for start in range(0, len(ids), BATCH)]
    with _fewer_collections(known_terms is not None):
        if known_terms is not None and len(batches) > 1 and _may_overlap():
            return _overlapped(kind, batches, known_terms)
        written = 0
        for batch in batches:
            documents = documents_for(kind, batch)
            written += _store(kind, batch, documents, known_terms)
            if known_terms is not None:
                gc.collect(1)
        return written


@contextlib.contextmanager
def _fewer_collections(rebuilding: bool) -> Iterator[None]:
    """During a rebuild, collect only the young generations (after each batch).

    Preparing documents allocates millions of small objects, which made the
    garbage collector walk the whole heap (the normalization caches included)
    again and again: a fifth of a rebuild's CPU. Documents hold no cycles;
    what a batch leaves behind is collected after it.
    """
    if not rebuilding or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _may_overlap() -> bool:
    """Preparing on other connections is safe only when nothing is left uncommitted on this
    one: a caller's open transaction (a test's, a sync's) would hide its rows from them."""
    return (
        connection.vendor == "postgresql"
        and not connection.in_atomic_block
        and PREPARE_PROCESSES > 0
        and "fork" in multiprocessing.get_all_start_methods()
    )


# Child processes preparing a rebuild's documents (`_overlapped`): with two, the work
# splits about evenly between them and this process (storing) on two cores.
PREPARE_PROCESSES = 2


def _overlapped(kind: str, batches: list[list[int]], known_terms: set) -> int:
    """Prepare the batches in child processes while this process stores them, in order.

    Preparing documents is Python's work (about two thirds of a rebuild's
    CPU) and a thread would hold the interpreter's lock with this one: forked
    children prepare every `PREPARE_PROCESSES`-th batch each, on their own
    database connections, and send the documents through a pipe, at most a
    batch or two ahead (memory stays bounded). Batches are stored here in
    order, one at a time, each in its own transaction, as before. A child
    dies with this process; if one fails, the rebuild stops with its error.
    """
    context = multiprocessing.get_context("fork")
    workers = min(PREPARE_PROCESSES, len(batches))
    children = []
    try:
        for index in range(workers):
            receiver, sender = context.Pipe(duplex=False)
            child = context.Process(
                target=_prepare_batches,
                args=(kind, batches[index::workers], sender, os.getpid()),
                name=f"search-prepare-{index}",
                daemon=True,
            )
            child.start()
            sender.close()  # ours: the pipe then reports a child's death as EOF
            children.append((child, receiver))
        written = 0
        for number, batch in enumerate(batches):
            child, receiver = children[number % workers]
            documents = _receive(child, receiver, batch)
            written += _store(kind, batch, documents, known_terms)
            gc.collect(1)
        for child, _receiver in children:
            child.join()
        return written
    finally:
        for child, receiver in children:
            receiver.close()
            if child.is_alive():
                child.terminate()
                child.join()


class PrepareError(RuntimeError):
    """A child process preparing a rebuild's documents failed."""


def _receive(child: multiprocessing.process.BaseProcess, receiver, batch: list[int]) -> list[dict]:
    """The documents of `batch` from the child preparing it, or its failure as an error."""
    try:
        message, payload = receiver.recv()
    except EOFError:
        child.join()
        raise PrepareError(
            f"search rebuild: the process preparing documents ({child.name}) exited "
            f"with code {child.exitcode} before sending the batch starting at id {batch[0]}"
        ) from None
    if message == "error":
        raise PrepareError(
            f"search rebuild: preparing documents failed in {child.name}:\n{payload}"
        )
    return payload


def _prepare_batches(kind: str, batches: list[list[int]], sender, parent: int) -> None:
    """A child's work: the documents of each batch, sent in order through `sender`."""
    _die_with(parent)
    _drop_inherited_connections()
    try:
        for batch in batches:
            sender.send(("documents", documents_for(kind, batch)))
            gc.collect(1)
    except BaseException:
        sender.send(("error", traceback.format_exc()))
    finally:
        sender.close()
        connection.close()  # its own, opened by the first query


def _die_with(parent: int) -> None:
    """Have the kernel end this child when its parent dies (Linux), so that an
    interrupted rebuild leaves no process behind."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # elsewhere: the parent terminates it when it stops (`_overlapped`)
    if os.getppid() != parent:
        os._exit(1)  # the parent died before the line above


# The parent's connection objects, inherited by a child: kept referenced, never closed
# or finalized, since closing them would end the parent's session on the shared socket.
_INHERITED: list = []


def _drop_inherited_connections() -> None:
    """Forget the parent's database connections in a forked child (it opens its own)."""
    for alias in connections:
        wrapper = connections[alias]
        if wrapper.connection is not None:
            _INHERITED.append(wrapper.connection)
            wrapper.connection = None


def _terms(documents: list[dict]) -> set[tuple[str, str]]:
    """The (field, word) pairs of the fields typos are looked for in."""
    return {
        (field, term[:100])
        for doc in documents
        for field in TYPO_FIELDS
        for term in doc[f"{field}_terms"]
        if not term.isdigit()
    }


def _store_terms(terms: set[tuple[str, str]]) -> None:
    if not terms:
        return
    if connection.vendor != "postgresql":
        SearchTerm.objects.bulk_create(
            [
                SearchTerm(field=field, term=term, initial=term[0], length=len(term))
                for field, term in sorted(terms)
            ],
            batch_size=2000,
            ignore_conflicts=True,
        )
        return
    table = SearchTerm._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE search_term_load ON COMMIT DROP AS SELECT field, term, initial, "  # noqa: S608
            f"length FROM {table} WITH NO DATA"
        )
        with cursor.cursor.copy("COPY search_term_load FROM STDIN") as copy:
            for field, term in sorted(terms):
                copy.write_row([field, term, term[0], len(term)])
        cursor.execute(
            f"INSERT INTO {table} (field, term, initial, length) "  # noqa: S608
            "SELECT * FROM search_term_load ON CONFLICT DO NOTHING"
        )
        cursor.execute("DROP TABLE search_term_load")


def _entry_row(kind: str, doc: dict) -> dict:
    return {
        "kind": kind,
        "object_id": doc["object_id"],
        "title": doc["title"][:300],
        "subtitle": doc["subtitle"][:500],
        "sort_name": doc["sort_name"][:300],
        "name_terms": " ".join(doc["name_terms"]),
        "key_terms": " ".join(doc["key_terms"]),
        "contact_terms": " ".join(doc["contact_terms"]),
        "text_terms": " ".join(doc["text_terms"]),
        "keys": "|".join(doc["keys"]),
        "quality": doc["quality"],
        "fields": doc["fields"],
        "facets": doc["facets"],
        "cross_sector": doc["cross_sector"],
    }


@transaction.atomic
def _store(kind: str, ids: list[int], documents: list[dict], known_terms: set | None = None) -> int:
    present = {d["object_id"] for d in documents}
    gone = [i for i in ids if i not in present]
    if gone:
        forget(kind, gone)
    if present and engine.is_configured():
        # Indexed again (a person reactivated): an older deletion must not remove it.
        PendingDeletion.objects.filter(kind=kind, object_id__in=present).delete()
    # In a fixed order, so two concurrent refreshes lock rows alike.
    rows = [_entry_row(kind, doc) for doc in sorted(documents, key=lambda d: d["object_id"])]
    store = _store_postgres if connection.vendor == "postgresql" else _store_orm
    changed = store(rows, engine.is_configured())
    terms = _terms(documents)
    if known_terms is not None:
        terms -= known_terms
        known_terms |= terms
    _store_terms(terms)
    if engine.is_configured() and changed:
        transaction.on_commit(lambda: push_pending(changed))
    return len(rows)


def _store_orm(rows: list[dict], pending: bool) -> list[int]:
    """Upsert the entries and their facet rows with the ORM (SQLite); their ids."""
    now = timezone.now()
    entries = [SearchEntry(**row, engine_pending=pending, updated_at=now) for row in rows]
    # One INSERT … ON CONFLICT DO UPDATE, which also sets pk.
    SearchEntry.objects.bulk_create(
        entries,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=STORED_FIELDS,
    )
    SearchFacet.objects.filter(entry_id__in=[e.pk for e in entries]).delete()
    SearchFacet.objects.bulk_create(
        [
            SearchFacet(entry=entry, facet=facet, value=str(value)[:100])
            for entry in entries
            for facet, values in entry.facets.items()
            for value in values
        ],
        batch_size=2000,
    )
    return [e.pk for e in entries]


# The stored columns an upsert compares and writes (updated_at and engine_pending follow).
CONTENT = [name for name in STORED_FIELDS if name not in ("engine_pending", "updated_at")]


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


# The narrow rows searches scan (migration 0006), computed from the entries `e` just written.
SCAN, KEYS = "people_search_scan", "people_search_facetkey"
SCAN_COLUMNS = ["kind", "cross_sector", "quality", "sort_name", "keys", "name_terms"]
SCAN_VECTOR = (
    "setweight(to_tsvector('simple', e.name_terms), 'A') || "
    "setweight(to_tsvector('simple', e.key_terms), 'B') || "
    "setweight(to_tsvector('simple', e.contact_terms), 'C') || "
    "setweight(to_tsvector('simple', e.text_terms), 'D')"
)


def _store_postgres(rows: list[dict], pending: bool) -> list[int]:
    """Upsert the entries on PostgreSQL, writing only those whose content changed.

    The rows are copied into a temporary table (COPY: no per-value adaptation
    in Python), then one INSERT … ON CONFLICT DO UPDATE … WHERE content differs
    writes what changed: a rebuild that changes nothing rewrites no row and
    no index entry. The narrow scan rows of the changed entries (their vector
    and facet ids) are computed by PostgreSQL in the same statement; their
    facet rows are replaced. Returns the ids of the entries written.
    """
    if not rows:
        return []
    columns = ["kind", "object_id", *CONTENT]
    entry, facet = SearchEntry._meta.db_table, SearchFacet._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE search_load ON COMMIT DROP AS SELECT {', '.join(columns)} "  # noqa: S608
            f"FROM {entry} WITH NO DATA"
        )
        with cursor.cursor.copy(f"COPY search_load ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                row = {**row, "fields": _json(row["fields"]), "facets": _json(row["facets"])}
                copy.write_row([row[c] for c in columns])
        # New facet values get their id first (a few per batch at most).
        cursor.execute(
            f"INSERT INTO {KEYS} (key) SELECT DISTINCT k FROM search_load e, "  # noqa: S608
            "unnest(people_search_facet_keys(e.facets)) k ORDER BY k ON CONFLICT DO NOTHING"
        )
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in CONTENT)
        differs = " OR ".join(f"{entry}.{c} IS DISTINCT FROM EXCLUDED.{c}" for c in CONTENT)
        scan_updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in [*SCAN_COLUMNS, "vector", "facets"])
        cursor.execute(
            f"WITH e AS (INSERT INTO {entry} ({', '.join(columns)}, engine_pending, updated_at) "  # noqa: S608
            f"SELECT {', '.join(columns)}, %s, now() FROM search_load ORDER BY kind, object_id "
            f"ON CONFLICT (kind, object_id) DO UPDATE SET {updates}, "
            "engine_pending = EXCLUDED.engine_pending, updated_at = EXCLUDED.updated_at "
            f"WHERE {differs} RETURNING *), "
            f"s AS (INSERT INTO {SCAN} (id, {', '.join(SCAN_COLUMNS)}, vector, facets) "
            f"SELECT e.id, {', '.join('e.' + c for c in SCAN_COLUMNS)}, {SCAN_VECTOR}, "
            # The keys are computed once per entry and joined: written as
            # `k.key = ANY(people_search_facet_keys(e.facets))`, a sequential scan
            # of the (small) key table called the function once per key and entry
            # (500 × 43 calls a batch, 0.7 s): a rebuild from empty of 119,052
            # entries took 133 s instead of 46 s (docs/benchmarks.md).
            "ARRAY(SELECT DISTINCT k.id FROM unnest(people_search_facet_keys(e.facets)) u(key) "
            f"JOIN {KEYS} k ON k.key = u.key ORDER BY k.id) "
            f"FROM e ORDER BY e.id ON CONFLICT (id) DO UPDATE SET {scan_updates}) "
            "SELECT id, facets FROM e",
            [pending],
        )
        written = cursor.fetchall()
        cursor.execute("DROP TABLE search_load")
        if not written:
            return []
        # The facet rows count the whole directory's facets (a narrow table, the
        # quickest to count when nothing narrows the search).
        ids = [pk for pk, _facets in written]
        cursor.execute(f"DELETE FROM {facet} WHERE entry_id = ANY(%s)", [ids])  # noqa: S608
        with cursor.cursor.copy(f"COPY {facet} (entry_id, facet, value) FROM STDIN") as copy:
            for pk, facets in written:
                facets = json.loads(facets) if isinstance(facets, str) else facets
                for name, values in facets.items():
                    for value in values:
                        copy.write_row([pk, name, str(value)[:100]])
    return ids


@transaction.atomic
def forget(kind: str, ids: list[int]) -> None:
    """Remove these objects' entries now, and their engine documents after the commit.

    The engine's part is recorded first (`PendingDeletion`), in the same
    transaction as the removal: if the engine is down, or the process dies
    before the commit's callback, `push_pending` deletes them later.
    """
    ids = sorted({int(i) for i in ids})
    if not ids:
        return
    SearchEntry.objects.filter(kind=kind, object_id__in=ids).delete()
    if not engine.is_configured():
        return
    PendingDeletion.objects.bulk_create(
        [PendingDeletion(kind=kind, object_id=i) for i in ids], ignore_conflicts=True
    )
    # Never hold the transaction open while waiting on the engine.
    transaction.on_commit(push_deletions)


def push_deletions() -> int:
    """Delete from the engine the documents still pending deletion; how many went.

    Stops at the first failure (the engine is down): the rows stay for the next try.
    """
    if not engine.is_configured():
        return 0
    deleted = 0
    while True:
        batch = list(
            PendingDeletion.objects.order_by("pk").values_list("pk", "kind", "object_id")[:BATCH]
        )
        if not batch:
            return deleted
        for kind in {kind for _pk, kind, _id in batch}:
            ids = [object_id for _pk, k, object_id in batch if k == kind]
            if not engine.delete_documents(kind, ids):
                logger.warning(
                    "search engine unavailable; %s deletions stay pending",
                    PendingDeletion.objects.count(),
                )
                return deleted
            deleted += len(ids)
        PendingDeletion.objects.filter(pk__in=[pk for pk, _k, _i in batch]).delete()


def push_pending(entry_ids: list[int] | None = None) -> int:
    """Replay pending deletions, then send pending entries to the external engine; both
    stay pending while it is down. Returns the entries sent."""
    if not engine.is_configured():
        return 0
    push_deletions()
    sent = 0
    while True:
        pending = SearchEntry.objects.filter(engine_pending=True)
        if entry_ids is not None:
            pending = pending.filter(pk__in=entry_ids)
        batch = list(pending.order_by("pk")[:BATCH])
        if not batch:
            break
        if not engine.index_entries(batch):
            logger.warning("search engine unavailable; %s entries stay pending", pending.count())
            break
        SearchEntry.objects.filter(pk__in=[e.pk for e in batch]).update(engine_pending=False)
        sent += len(batch)
    return sent


def sweep() -> dict[str, int]:
    """Refresh everything changed since the last sweep (bulk updates, missed signals)."""
    state, _ = IndexState.objects.get_or_create(key=SWEEP_KEY)
    since = state.value.get("at")
    started = timezone.now()
    counts = {}
    for kind, model in (("person", Person), ("project", Project)):
        changed = model.objects.all()
        if since:
            changed = changed.filter(updated_at__gte=since)
        counts[kind] = refresh(kind, changed.values_list("id", flat=True))
    # Entries of objects that disappeared without a signal.
    for kind, model in (("person", Person), ("project", Project)):
        orphans = SearchEntry.objects.filter(kind=kind).exclude(
            object_id__in=model.objects.values("id")
        )
        ids = list(orphans.values_list("object_id", flat=True))
        if ids:
            forget(kind, ids)
    counts["pushed"] = push_pending()
    state.value = {"at": started.isoformat()}
    state.save()
    return counts


def rebuild_entries() -> dict[str, int]:
    """Re-prepare every entry from scratch (and the typo words: only those in use stay)."""
    counts = {}
    known: set[tuple[str, str]] = set()
    for kind, model in (("person", Person), ("project", Project)):
        ids = list(model.objects.order_by("id").values_list("id", flat=True))
        # Compared in Python: an IN list of every id would be one huge statement.
        present = set(ids)
        stored = SearchEntry.objects.filter(kind=kind).values_list("pk", "object_id")
        gone = [pk for pk, object_id in stored if object_id not in present]
        for start in range(0, len(gone), 10_000):
            SearchEntry.objects.filter(pk__in=gone[start : start + 10_000]).delete()
        counts[kind] = refresh(kind, ids, known)
    stale = [
        pk
        for pk, field, term in SearchTerm.objects.values_list("pk", "field", "term").iterator()
        if (field, term) not in known
    ]
    for start in range(0, len(stale), 10_000):
        SearchTerm.objects.filter(pk__in=stale[start : start + 10_000]).delete()
    IndexState.objects.update_or_create(
        key=SWEEP_KEY, defaults={"value": {"at": timezone.now().isoformat()}}
    )
    analyze_entries()
    return counts


def analyze_entries() -> None:
    """Refresh PostgreSQL's statistics of the rewritten tables, and merge the GIN indexes'
    pending entries.

    Without the statistics, searches right after a rebuild were planned on
    stale ones until autovacuum came by, and some ran 8× slower. A GIN index
    first appends what is written to a pending list, which every search then
    reads in full until (auto)vacuum merges it (a manual ANALYZE does not):
    after a rebuild suggestions took 30–60 ms instead of a few.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        tables = [model._meta.db_table for model in (SearchEntry, SearchFacet, SearchTerm)]
        cursor.execute(f"ANALYZE {', '.join([*tables, SCAN])}")
        cursor.execute(
            "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
            "WHERE i.indrelid = %s::regclass AND a.amname = 'gin'",
            [SCAN],
        )


def rebuild_engine_index() -> dict:
    """Fill a new versioned engine index from the entries, swap the alias, then catch up.

    Searches keep answering from the old index until the swap. Whatever
    changed while the new index was filled went to the old index, which the
    swap drops: those entries are sent again, and entries deleted meanwhile
    are deleted from the new index.
    """
    # Entries stored just before the start may commit after it was read.
    started = timezone.now() - REBUILD_MARGIN
    report = engine.rebuild_index()
    gone = report.pop("written") - set(SearchEntry.objects.values_list("kind", "object_id"))
    for kind in {kind for kind, _id in gone}:
        forget(kind, [i for k, i in gone if k == kind])
    SearchEntry.objects.filter(engine_pending=True, updated_at__lt=started).update(
        engine_pending=False
    )
    SearchEntry.objects.filter(updated_at__gte=started).update(engine_pending=True)
    push_pending()
    return report
