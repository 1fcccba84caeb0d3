"""The sync engine: one connection, one run, page by page.

Guarantees (each pinned by tests):

- each page and its checkpoint commit in one transaction, so a run killed
  at any point resumes from its last checkpoint;
- incremental runs read by (modification time, id) from the saved cursor
  minus a lookback window, and the cursor never moves past the run's start;
- a full run reads everything and then tombstones what the source no longer
  has (deleted, or archived), and recomputes every person it read; asked for
  after an interrupted incremental run, it takes that run over;
- a call that resumes an interrupted run then reads on to now (`caught_up`);
- a dry run is the real run in a transaction rolled back: the same counts;
- anything unexpected (an answer of the wrong shape) fails the run with a
  message saying what and after which page;
- one run per connection at a time: on PostgreSQL an advisory lock held by
  the run's database session tells a live run from a killed one at once;
  elsewhere a heartbeat older than STALE_AFTER marks the run dead.
"""

import datetime as dt
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass

from django.db import DatabaseError, transaction
from django.db import connection as db_connection
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from people.sources import PageResult, apply_contacts, tombstone_unconfirmed
from people.statistics import analyze_new_tables

from .connectors import get_connector
from .connectors.base import EPOCH, CursorExpired, QuotaReached, Window
from .http import SourceError
from .models import CURSOR_VERSION, Connection, RecordError, RecordWarning, SyncRun
from .writeback import write_back

logger = logging.getLogger(__name__)

LOOKBACK = dt.timedelta(minutes=15)
# A run whose heartbeat is older than this is considered dead (killed).
STALE_AFTER = dt.timedelta(minutes=10)
MAX_STORED_ERRORS = 1000
# First key of the PostgreSQL advisory lock of a run (the second is the
# connection's id): "PSYN", so it cannot collide with other applications' locks.
LOCK_NAMESPACE = 0x5053594E
# How long ending a stuck holder's session may wait for it to go.
TERMINATE_WAIT_MS = 5000


class AlreadyRunning(Exception):
    """Another run holds this connection."""


class MissingSecret(Exception):
    """The environment variable named by the connection is not set."""


@dataclass
class Progress:
    """What a progress bar needs after each page."""

    connection: Connection
    run: SyncRun
    page_records: int


def read_secret(connection: Connection) -> str:
    """The connection's secret, from the environment variable it names (never from the database).

    The name is checked again here (crm_sync.credentials): a row saved before
    the rule, or behind the form's back, never makes the sync read and send a
    setting of the server or another agency's credential.
    """
    from django.core.exceptions import ValidationError

    from .credentials import check_secret_env

    try:
        check_secret_env(connection.secret_env, connection.agency)
    except ValidationError as error:
        raise MissingSecret(
            _(
                "The secret of %(agency)s was not read: %(reason)s Fix the connection "
                "(crm_connect or People → CRM connections)."
            )
            % {"agency": connection.agency, "reason": " ".join(error.messages)}
        ) from None
    value = os.environ.get(connection.secret_env, "")
    if not value:
        raise MissingSecret(
            _("The environment variable %(name)s (secret of %(agency)s) is not set.")
            % {"name": connection.secret_env, "agency": connection.agency}
        )
    return value


def _lock_session(connection: Connection) -> bool | None:
    """On PostgreSQL, take the connection's advisory lock for our database session.

    True: taken, so whichever run the table says holds the connection is dead
    (PostgreSQL releases a session's locks when its process dies, SIGKILL
    included); False: a live process holds it. None on other databases, where
    only the heartbeat tells.
    """
    if db_connection.vendor != "postgresql":
        return None
    with db_connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_NAMESPACE, connection.pk])
        return bool(cursor.fetchone()[0])


def _unlock_session(connection: Connection) -> None:
    try:
        with db_connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_NAMESPACE, connection.pk])
    except DatabaseError:
        # The session is gone, and its lock with it; don't hide the run's own error.
        logger.warning("could not release the sync lock of %s", connection.agency)


def _end_stuck_holder(connection: Connection) -> bool:
    """End the database session that holds the lock while the run shows no life.

    A session can outlive its process (a host that lost power keeps its
    session open until TCP keepalive notices, hours later), and a run can
    hang. Once the run's heartbeat is older than STALE_AFTER, the holder is
    treated as dead, as the heartbeat rule always did: its session is ended,
    so its lock is released and anything it still tries fails.
    """
    connection.refresh_from_db(fields=["locked_by_run", "heartbeat_at"])
    # A run that has its lock but has not marked the connection yet is alive:
    # only a run marked with a heartbeat that stopped is ended.
    if connection.locked_by_run_id is None or _heartbeat_fresh(connection):
        return False
    with db_connection.cursor() as cursor:
        # The timeout makes it wait until the session has gone, its lock with it.
        cursor.execute(
            "SELECT pg_terminate_backend(pid, %s) FROM pg_locks WHERE locktype = 'advisory' "
            "AND classid = %s AND objid = %s AND objsubid = 2 AND granted",
            [TERMINATE_WAIT_MS, LOCK_NAMESPACE, connection.pk],
        )
        ended = any(row[0] for row in cursor.fetchall())
    if ended:
        logger.warning(
            "ended the database session of a sync of %s that showed no life for %s",
            connection.agency,
            STALE_AFTER,
        )
    return ended


def _heartbeat_fresh(connection: Connection) -> bool:
    """Has the run holding `connection` saved a page within STALE_AFTER?"""
    return bool(connection.heartbeat_at and connection.heartbeat_at >= timezone.now() - STALE_AFTER)


def _acquire(connection: Connection, run: SyncRun, holder_dead: bool = False) -> bool:
    now = timezone.now()
    connections = Connection.objects.filter(pk=connection.pk)
    if not holder_dead:
        # _heartbeat_fresh's rule, in the UPDATE so that taking it is atomic.
        connections = connections.filter(
            Q(locked_by_run__isnull=True) | Q(heartbeat_at__lt=now - STALE_AFTER)
        )
    return bool(connections.update(locked_by_run=run, heartbeat_at=now))


def _release(connection: Connection, run: SyncRun) -> None:
    Connection.objects.filter(pk=connection.pk, locked_by_run=run).update(
        locked_by_run=None, heartbeat_at=None
    )


def _interrupted_run(connection: Connection, holder_dead: bool = False) -> SyncRun | None:
    """The last run if it died mid-way (still 'running', but dead or with a stale heartbeat)."""
    last = connection.runs.filter(dry_run=False).order_by("-started_at").first()
    if last is None or last.status not in (SyncRun.Status.RUNNING, SyncRun.Status.INTERRUPTED):
        return None
    if last.status == SyncRun.Status.RUNNING and not holder_dead:
        connection.refresh_from_db(fields=["locked_by_run", "heartbeat_at"])
        if connection.locked_by_run_id == last.id and _heartbeat_fresh(connection):
            return None
    return last


def sync_connection(
    connection: Connection,
    *,
    full: bool = False,
    dry_run: bool = False,
    on_page: Callable[[Progress], None] | None = None,
    connector=None,
) -> SyncRun:
    """Run one sync of `connection` and return its run (status succeeded or failed).

    A dry run is the real run inside a transaction that is rolled back: its
    counts are exactly those the real run would give on the same state
    (deletions included), and it writes nothing at all (not even the run),
    nor anything to the CRM. Raises AlreadyRunning when another live run
    holds the connection.

    When the run resumes an interrupted one, it reads what that run had left
    (up to the moment it started), and then one more run reads from the
    cursor to now, in the same call: its run is `run.caught_up` (None
    otherwise). A call that succeeds has read the source up to its own start.
    """
    if dry_run:
        cursor = connection.cursor
        with transaction.atomic():
            run = _sync_to_now(
                connection, full=full, dry_run=True, on_page=on_page, connector=connector
            )
            transaction.set_rollback(True)
        connection.cursor = cursor  # the rolled-back cursor, in memory too
        return run
    session = _lock_session(connection)
    if session is False and _end_stuck_holder(connection):
        session = _lock_session(connection)
    if session is False:
        raise AlreadyRunning(_already_running(connection))
    try:
        return _sync_to_now(
            connection,
            full=full,
            dry_run=False,
            on_page=on_page,
            connector=connector,
            holder_dead=bool(session),
        )
    finally:
        if session:
            _unlock_session(connection)


def _sync_to_now(connection: Connection, **options) -> SyncRun:
    """The run, then, when it resumed an interrupted run that read only up to its own
    (earlier) start, one more incremental run up to now (`run.caught_up`).

    Without it, a `crm_sync` that resumed and exited 0 would still miss what
    changed at the source since the interrupted run began.
    """
    started = timezone.now()
    run = _sync(connection, **options)
    run.caught_up = None
    if run.status == SyncRun.Status.SUCCEEDED and run.resumed_from_id and run.until < started:
        run.caught_up = _sync(connection, **{**options, "full": False}, resume=False)
    return run


def _already_running(connection: Connection) -> str:
    return _("A sync of %(agency)s is already running; try again when it has finished.") % {
        "agency": connection.agency
    }


def _sync(
    connection, *, full, dry_run, on_page, connector, holder_dead=False, resume=True
) -> SyncRun:
    started = timezone.now()
    # A dry run does what the real run would: resume an interrupted run too.
    previous = _interrupted_run(connection, holder_dead) if resume else None
    if previous is not None and full and not previous.full:
        # A full run asked for after an interrupted incremental one takes it
        # over: reading everything up to now covers the pages the incremental
        # run had left, and then reconciles (deletions) in this same run.
        until = started
        checkpoint = {}
    elif previous is not None:
        # Resume the killed run exactly where its last committed page ended.
        full = previous.full
        until = previous.until
        checkpoint = dict(previous.checkpoint)
    else:
        until = started
        checkpoint = {}
    run = SyncRun.objects.create(
        connection=connection, full=full, dry_run=dry_run, until=until, resumed_from=previous
    )
    if not dry_run and not _acquire(connection, run, holder_dead):
        run.delete()
        raise AlreadyRunning(_already_running(connection))
    if previous is not None and previous.status == SyncRun.Status.RUNNING:
        previous.status = SyncRun.Status.INTERRUPTED
        previous.finished_at = started
        previous.save(update_fields=["status", "finished_at"])
    if not checkpoint:
        checkpoint = {"v": CURSOR_VERSION, "reconcile_since": until.isoformat(), "position": None}
    run.checkpoint = checkpoint
    window = _window(connection, full, until)
    totals = PageResult()
    try:
        connector = connector or get_connector(connection, read_secret(connection))
        try:
            for number, page in enumerate(_pages(connector, connection, run, window, checkpoint)):
                with transaction.atomic():
                    # A dry run writes too, inside sync_connection's rolled-back
                    # transaction, so that its counts are the real run's.
                    result = apply_contacts(
                        connection.agency, "crm", page.contacts, recompute_all=run.full
                    )
                    if page.deleted_ids:
                        result.add(_delete(connection, page.deleted_ids))
                    totals.add(result)
                    run.fetched += len(page.contacts)
                    for name in (
                        "created",
                        "updated",
                        "unchanged",
                        "deleted",
                        "failed",
                        "suppressed",
                    ):
                        setattr(run, name, getattr(totals, name))
                    _store_errors(run, result)
                    checkpoint["position"] = page.checkpoint
                    last = _last_position(page)
                    if last is not None:
                        checkpoint["last"] = last
                    if page.state is not None:
                        checkpoint["state"] = page.state
                    run.waited = connector.waited
                    run.checkpoint = checkpoint
                    run.save()
                    if not dry_run:
                        Connection.objects.filter(pk=connection.pk, locked_by_run=run).update(
                            heartbeat_at=timezone.now()
                        )
                if on_page:
                    on_page(Progress(connection, run, len(page.contacts)))
                if not dry_run and number & (number + 1) == 0:
                    # After pages 1, 2, 4, 8…: a new installation's tables get planner
                    # statistics once they hold rows (people.statistics).
                    analyze_new_tables()
            # Does the deleted count cover every deletion at the source?
            run.deletions_known = run.full or connector.sees_deletions_incrementally
            # Attendance written back where the agency opted in (writeback.py).
            run.written_back = write_back(connection, connector, run, dry_run=dry_run)
            run.waited = connector.waited
        finally:
            connector.close()
        with transaction.atomic():
            if run.full:
                since = dt.datetime.fromisoformat(checkpoint["reconcile_since"])
                run.deleted += tombstone_unconfirmed(connection.agency, "crm", since)
            # In a dry run too (rolled back): a second run in the same dry run
            # then reads from where the real one would.
            _advance_cursor(connection, checkpoint.get("last"), until, checkpoint.get("state"))
            run.status = SyncRun.Status.SUCCEEDED
            run.finished_at = timezone.now()
            run.save()
    except (SourceError, MissingSecret, OSError) as error:
        logger.warning("sync of %s failed: %s", connection.agency, error)
        # An API budget nearly spent stops the run resumably (the next run goes on).
        quota = isinstance(error, QuotaReached)
        run.status = SyncRun.Status.INTERRUPTED if quota else SyncRun.Status.FAILED
        run.error = str(error)
        run.finished_at = timezone.now()
        run.save()
    except Exception as error:
        # An answer of the wrong shape (valid JSON, but not what the vendor
        # documents) or a record the directory cannot store: the run fails
        # with a message saying what and where, never as a silent interruption.
        logger.exception("sync of %s stopped on an unexpected error", connection.agency)
        run.status = SyncRun.Status.FAILED
        run.error = _unexpected(connection, checkpoint.get("position"), error)
        run.finished_at = timezone.now()
        run.save()
    except BaseException:
        # Killed from the keyboard or by a signal: leave a resumable run.
        run.status = SyncRun.Status.INTERRUPTED
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "finished_at"])
        raise
    finally:
        if not dry_run:
            _release(connection, run)
    return run


def _unexpected(connection: Connection, position, error: Exception) -> str:
    """The message of a run stopped by an unexpected error: what, and after which page."""
    where = (
        _("after the page ending at %(position)s") % {"position": position}
        if position
        else _("on the first page")
    )
    return _(
        "The sync of %(agency)s stopped %(where)s on something it could not read or store "
        "(%(error)s); nothing of that page was saved. Ask the CRM's administrator to check "
        "that record, or report it."
    ) % {
        "agency": connection.agency,
        "where": where,
        "error": f"{type(error).__name__}: {str(error)[:300]}",
    }


def _window(connection: Connection, full: bool, until: dt.datetime) -> Window:
    cursor = connection.cursor or {}
    if full or cursor.get("v") != CURSOR_VERSION or not cursor.get("modified"):
        # A first run, a full run, or a cursor saved by an older version:
        # read from the epoch (and say so in the logs).
        if cursor and cursor.get("v") != CURSOR_VERSION:
            logger.warning(
                "cursor of %s has unknown version; reading everything", connection.agency
            )
        kept = cursor.get("state") if not full and cursor.get("v") == CURSOR_VERSION else None
        return Window(after=EPOCH, after_id="", until=until, state=kept)
    after = dt.datetime.fromisoformat(cursor["modified"]) - LOOKBACK
    return Window(after=after, after_id="", until=until, state=cursor.get("state"))


def _pages(connector, connection: Connection, run: SyncRun, window: Window, checkpoint: dict):
    """The connector's pages; when it can no longer continue from the saved cursor
    (an expired delta token), the run becomes a full run and reads everything."""
    try:
        yield from connector.pages(window, checkpoint.get("position"))
    except CursorExpired:
        if run.full:
            raise SourceError(_("The source cannot read from the start.")) from None
        logger.warning("cursor of %s expired; reading everything", connection.agency)
        run.full = True
        checkpoint["position"] = None
        checkpoint.pop("state", None)
        yield from connector.pages(_window(connection, True, window.until), None)


def _last_position(page) -> list | None:
    if not page.contacts:
        return None
    last = max(page.contacts, key=lambda c: (c.modified_at, str(c.source_id)))
    return [last.modified_at.isoformat(), str(last.source_id)]


def _advance_cursor(
    connection: Connection, last: list | None, until: dt.datetime, state: dict | None = None
) -> None:
    """Save the (time, id) reached, never past the run's start, and the connector's state."""
    old = connection.cursor or {}
    if not last:
        if state is None:
            return
        connection.cursor = {**old, "v": CURSOR_VERSION, "state": state}
        Connection.objects.filter(pk=connection.pk).update(cursor=connection.cursor)
        return
    modified = min(dt.datetime.fromisoformat(last[0]), until)
    if old.get("v") == CURSOR_VERSION and old.get("modified"):
        modified = max(modified, dt.datetime.fromisoformat(old["modified"]))
    connection.cursor = {"v": CURSOR_VERSION, "modified": modified.isoformat(), "id": last[1]}
    if state is not None:
        connection.cursor["state"] = state
    Connection.objects.filter(pk=connection.pk).update(cursor=connection.cursor)


def _delete(connection: Connection, source_ids: list[str]) -> PageResult:
    from people.models import SourceRecord
    from people.sources import recompute_people

    result = PageResult()
    records = SourceRecord.objects.filter(
        agency=connection.agency,
        channel="crm",
        source_id__in=source_ids,
        tombstoned_at__isnull=True,
    )
    result.deleted = records.count()
    if result.deleted:
        people = set(records.values_list("person_id", flat=True))
        records.update(tombstoned_at=timezone.now())
        recompute_people(people)
    return result


def _store_errors(run: SyncRun, result: PageResult) -> None:
    """Keep the page's per-record errors and warnings with the run (the first
    MAX_STORED_ERRORS of each; the counts stay complete). A dry run's are
    rolled back with it."""
    # Also kept on the run object: a dry run's rows are rolled back, and its
    # report still lists them (crm_sync --dry-run --json).
    run.warnings_count = getattr(run, "warnings_count", 0) + len(result.warnings)
    run.first_warnings = (getattr(run, "first_warnings", []) + result.warnings)[:20]
    for model, items, related in (
        (RecordError, result.errors, run.errors),
        (RecordWarning, result.warnings, run.warnings),
    ):
        if not items:
            continue
        room = MAX_STORED_ERRORS - related.count()
        model.objects.bulk_create(
            [
                model(run=run, source_id=sid, message=message)
                for sid, message in items[: max(room, 0)]
            ]
        )
