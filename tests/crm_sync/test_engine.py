"""The sync engine's guarantees, against an in-memory source."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from crm_sync.engine import STALE_AFTER, AlreadyRunning, sync_connection
from crm_sync.http import SourceUnavailable
from crm_sync.models import Connection, SyncRun
from people.models import Person, SourceRecord

pytestmark = pytest.mark.django_db


def state() -> list[tuple]:
    """Everything a user would see of the directory, independent of ids."""
    people = Person.objects.filter(merged_into__isnull=True).order_by("email", "last_name")
    return [
        (
            p.first_name,
            p.last_name,
            p.email,
            p.job_title,
            p.is_active,
            sorted(
                p.source_records.filter(tombstoned_at__isnull=True).values_list(
                    "source_id", flat=True
                )
            ),
        )
        for p in people
    ]


def seed(source, ago, count=7, same_time=False):
    for n in range(count):
        source.put(
            f"p{n:03d}",
            ago(600) if same_time else ago(600 - 60 * n),
            first_name=f"Prénom{n}",
            last_name=f"Nom{n}",
            emails=[f"person{n}@example.org"],
        )


def test_first_run_mirrors_everything_and_a_second_run_changes_nothing(
    connection, source, connector, ago
):
    seed(source, ago)
    first = sync_connection(connection, connector=connector())
    assert first.status == SyncRun.Status.SUCCEEDED
    assert (first.fetched, first.created, first.updated) == (7, 7, 0)
    assert Person.objects.count() == 7
    second = sync_connection(connection, connector=connector())
    assert (second.created, second.updated) == (0, 0)
    assert Person.objects.count() == 7


def test_records_sharing_a_timestamp_across_page_boundaries_are_all_read(
    connection, source, connector, ago
):
    seed(source, ago, count=7, same_time=True)
    run = sync_connection(connection, connector=connector(page_size=3))
    assert run.created == 7
    assert SourceRecord.objects.count() == 7


def test_incremental_run_reads_only_what_changed_and_applies_it(connection, source, connector, ago):
    seed(source, ago)
    sync_connection(connection, connector=connector())
    source.put("p002", ago(1), job_title="Sound designer")
    run = sync_connection(connection, connector=connector())
    assert run.updated == 1
    assert run.created == 0
    # The lookback window re-reads a few neighbours, which are unchanged.
    assert run.fetched < 7
    assert Person.objects.get(email="person2@example.org").job_title == "Sound designer"


def test_a_record_committed_late_with_an_older_time_is_caught_by_the_lookback(
    connection, source, connector, ago
):
    seed(source, ago)
    sync_connection(connection, connector=connector())
    cursor = dt.datetime.fromisoformat(connection.cursor["modified"])
    source.put(
        "late", cursor - dt.timedelta(minutes=5), first_name="Tardive", emails=["late@example.org"]
    )
    run = sync_connection(connection, connector=connector())
    assert run.created == 1


def test_the_cursor_never_moves_past_the_start_of_the_run(connection, source, connector, ago):
    seed(source, ago)
    future = timezone.now() + dt.timedelta(hours=1)
    source.put("future", future, first_name="Future", emails=["future@example.org"])
    run = sync_connection(connection, connector=connector())
    connection.refresh_from_db()
    assert dt.datetime.fromisoformat(connection.cursor["modified"]) <= run.started_at
    assert not SourceRecord.objects.filter(source_id="future").exists()


def test_a_run_killed_mid_way_resumes_and_ends_like_an_uninterrupted_run(
    connection, source, connector, ago
):
    seed(source, ago, count=10)
    with pytest.raises(KeyboardInterrupt):
        sync_connection(connection, connector=connector(page_size=3, fail_after_pages=2))
    killed = SyncRun.objects.get()
    assert killed.status == SyncRun.Status.INTERRUPTED
    assert SourceRecord.objects.count() == 6  # two committed pages
    resumed = sync_connection(connection, connector=connector(page_size=3))
    assert resumed.resumed_from_id == killed.id
    assert resumed.created == 4
    interrupted_state = state()

    Person.objects.all().delete()
    SourceRecord.objects.all().delete()
    connection.cursor = {}
    connection.save()
    SyncRun.objects.all().delete()
    sync_connection(connection, connector=connector(page_size=3))
    assert state() == interrupted_state


def test_a_full_run_tombstones_deleted_and_archived_records(connection, source, connector, ago):
    seed(source, ago, count=4)
    sync_connection(connection, connector=connector())
    source.delete("p000")
    source.archive("p001", ago(1))
    run = sync_connection(connection, connector=connector(), full=True)
    assert run.deleted == 2
    gone = Person.objects.filter(source_records__source_id__in=["p000", "p001"])
    assert all(not p.is_active for p in gone)
    assert Person.objects.filter(is_active=True).count() == 2


def test_a_person_with_curated_data_stays_active_when_the_source_forgets_them(
    connection, source, connector, ago
):
    seed(source, ago, count=2)
    sync_connection(connection, connector=connector())
    person = Person.objects.get(email="person0@example.org")
    person.notes = "Rencontrée au printemps 2025."
    person.save()
    source.delete("p000")
    sync_connection(connection, connector=connector(), full=True)
    person.refresh_from_db()
    assert person.is_active
    assert person.notes == "Rencontrée au printemps 2025."


def test_incremental_and_full_runs_give_the_same_end_state(connection, source, connector, ago):
    seed(source, ago, count=6)
    sync_connection(connection, connector=connector())
    source.put("p001", ago(2), job_title="Architecte")
    source.archive("p003", ago(1))
    sync_connection(connection, connector=connector())
    incremental = state()
    sync_connection(connection, connector=connector(), full=True)
    assert state() == incremental


def test_only_one_run_per_connection_at_a_time(connection, source, connector, ago, hold):
    seed(source, ago, count=1)
    hold(connection)
    with translation.override("en"), pytest.raises(AlreadyRunning, match="already running"):
        sync_connection(connection, connector=connector())
    with translation.override("fr"), pytest.raises(AlreadyRunning, match="déjà en cours"):
        sync_connection(connection, connector=connector())
    assert SourceRecord.objects.count() == 0


def test_a_failing_source_marks_the_run_failed(connection, source, connector, ago):
    seed(source, ago, count=7)
    run = sync_connection(
        connection, connector=connector(page_size=3, fail_after_pages=1, error=SourceUnavailable)
    )
    assert run.status == SyncRun.Status.FAILED
    assert "injected failure" in run.error
    connection.refresh_from_db()
    assert connection.locked_by_run is None


def test_a_dry_run_writes_nothing(connection, source, connector, ago):
    seed(source, ago, count=3)
    run = sync_connection(connection, connector=connector(), dry_run=True)
    assert run.created == 3
    assert Person.objects.count() == 0
    assert SyncRun.objects.count() == 0
    connection.refresh_from_db()
    assert connection.cursor == {}


def test_an_old_cursor_version_is_not_silently_ignored(connection, source, connector, ago):
    seed(source, ago, count=3)
    connection.cursor = {"modified": ago(0).isoformat()}  # version-less, from an older release
    connection.save()
    run = sync_connection(connection, connector=connector())
    assert run.created == 3  # read from the epoch, not from an unknown cursor


def test_a_run_marked_running_whose_process_died_is_resumed_at_once(
    connection, source, connector, ago
):
    # What a SIGKILL leaves: the run still 'running', a fresh heartbeat, and
    # (on PostgreSQL) no session holding the run's lock any more.
    seed(source, ago, count=5)
    dead = SyncRun.objects.create(connection=connection, full=True, until=timezone.now())
    connection.locked_by_run = dead
    connection.heartbeat_at = timezone.now()
    connection.save()
    run = sync_connection(connection, connector=connector())
    assert run.status == SyncRun.Status.SUCCEEDED
    assert run.resumed_from_id == dead.id
    dead.refresh_from_db()
    assert dead.status == SyncRun.Status.INTERRUPTED
    assert SourceRecord.objects.count() == 5


def test_a_holder_that_shows_no_life_for_too_long_is_ended_and_the_run_goes_on(
    connection, source, connector, ago, hold
):
    # A session that outlived its process (a host gone without closing it)
    # still holds the lock; its heartbeat tells it is dead.
    seed(source, ago, count=3)
    holder = hold(connection)
    Connection.objects.filter(pk=connection.pk).update(
        heartbeat_at=timezone.now() - STALE_AFTER - dt.timedelta(minutes=1)
    )
    run = sync_connection(connection, connector=connector())
    assert run.status == SyncRun.Status.SUCCEEDED
    assert run.resumed_from_id == holder.id
    assert SourceRecord.objects.count() == 3


def test_a_run_that_has_its_lock_but_has_not_marked_the_connection_is_left_alone(
    connection, source, connector, ago, hold
):
    seed(source, ago, count=1)
    hold(connection, marked=False)
    with pytest.raises(AlreadyRunning):
        sync_connection(connection, connector=connector())
    (session,) = hold.sessions
    assert session.execute("SELECT 1").fetchone() == (1,)  # not ended
    assert SourceRecord.objects.count() == 0


def test_a_run_that_resumes_an_interrupted_one_then_reads_on_to_now(
    connection, source, connector, ago
):
    """Exit 0 after a resume means up to date: what changed since the interrupted
    run began is read in the same call, not at the next night's run."""
    seed(source, ago, count=7)
    with pytest.raises(KeyboardInterrupt):
        sync_connection(connection, connector=connector(page_size=3, fail_after_pages=1))
    # Changed at the source after the interrupted run had started.
    source.put("p001", timezone.now(), job_title="Lighting designer")
    source.put("late", timezone.now(), emails=["late@example.org"])
    run = sync_connection(connection, connector=connector(page_size=3))
    assert run.status == SyncRun.Status.SUCCEEDED
    assert run.resumed_from is not None
    assert Person.objects.get(email="person1@example.org").job_title == "Lighting designer"
    assert Person.objects.filter(email="late@example.org").exists()
    assert run.caught_up is not None and run.caught_up.status == SyncRun.Status.SUCCEEDED
