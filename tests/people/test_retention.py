"""The retention policy: `people_retention [--dry-run]` removes exactly what it announces."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from crm_sync.models import Connection, RecordError, SyncRun
from people import audit
from people.contact import Contact
from people.erasure import erase_person
from people.models import AuditEvent, Erasure, Person, SourceRecord
from people.retention import months_before
from people.sources import apply_contacts

pytestmark = pytest.mark.django_db

YEARS = dt.timedelta(days=365)


def retention(*args) -> dict:
    out = StringIO()
    call_command("people_retention", "--json", *args, stdout=out, stderr=StringIO())
    return {r["what"]: r["ids"] for r in json.loads(out.getvalue())["removals"]}


@pytest.fixture
def aged(settings):
    """A directory with old and recent things of every kind the policy covers."""
    now = timezone.now()
    apply_contacts(
        "wbmusiques",
        "crm",
        [
            Contact("live", now, "Lea", "Live", ["lea@example.org"]),
            Contact("gone", now, "Gus", "Gone", ["gus@example.org"]),
            Contact("recent", now, "Rob", "Recent", ["rob@example.org"]),
        ],
    )
    old = now - 4 * YEARS
    # Gus left every source four years ago and nothing happened to him since.
    SourceRecord.objects.filter(source_id="gone").update(
        tombstoned_at=old, confirmed_at=old, modified_at=old
    )
    Person.objects.filter(email="gus@example.org").update(is_active=False, updated_at=old)
    # Rob's record left its source two months ago: kept (12 months), and so is Rob.
    SourceRecord.objects.filter(source_id="recent").update(
        tombstoned_at=now - dt.timedelta(days=60)
    )
    connection = Connection.objects.create(
        agency="wbmusiques", kind="tryton", url="http://127.0.0.1:1", secret_env="WBM_SECRET"
    )
    old_run = SyncRun.objects.create(connection=connection, until=now, status="succeeded")
    new_run = SyncRun.objects.create(connection=connection, until=now, status="failed")
    SyncRun.objects.filter(pk=old_run.pk).update(started_at=now - 2 * YEARS)
    SyncRun.objects.filter(pk=new_run.pk).update(started_at=now - dt.timedelta(days=120))
    RecordError.objects.create(run=new_run, source_id="x", message="No name, no email")
    old_event = audit.record(None, audit.Action.SEARCH, query="lea")
    AuditEvent.objects.filter(pk=old_event.pk).update(at=now - 3 * YEARS)
    audit.record(None, audit.Action.SEARCH, query="rob")
    return {"old_run": old_run, "new_run": new_run, "old_event": old_event}


def test_a_dry_run_prints_exactly_what_the_real_run_removes(aged):
    gus = Person.objects.get(email="gus@example.org")
    predicted = retention("--dry-run")
    assert predicted["inactive people"] == [gus.pk]
    assert predicted["tombstoned source records"] == [SourceRecord.objects.get(source_id="gone").pk]
    assert predicted["sync runs"] == [aged["old_run"].pk]
    assert predicted["record errors"] == [RecordError.objects.get().pk]
    assert predicted["audit events"] == [aged["old_event"].pk]
    # The dry run changed nothing …
    assert Person.objects.filter(pk=gus.pk).exists() and SyncRun.objects.count() == 2
    # … and the real run removes exactly that.
    assert retention() == predicted
    assert set(Person.objects.values_list("email", flat=True)) == {
        "lea@example.org",
        "rob@example.org",
    }
    assert set(SourceRecord.objects.values_list("source_id", flat=True)) == {"live", "recent"}
    assert list(SyncRun.objects.all()) == [aged["new_run"]]
    assert not RecordError.objects.exists()
    assert retention("--dry-run") == {k: [] for k in predicted}
    # The run itself is in the audit trail.
    assert AuditEvent.objects.filter(action="retention").exists()


def test_the_human_report_lists_each_rule_and_exits_0(aged):
    out = StringIO()
    call_command("people_retention", "--dry-run", stdout=out, stderr=StringIO())
    text = out.getvalue()
    assert "Would remove 1 inactive people [PEOPLE_RETENTION_INACTIVE_YEARS=3 (years)]" in text
    assert "gus" not in text.lower()  # ids, never names


def test_erased_people_stay_erased_after_retention(aged, two_sources, ago):
    a, _b, sync = two_sources
    a.put("e-1", ago(30), first_name="Erik", last_name="Jansen", emails=["erik@example.org"])
    sync("a")
    erase_person(Person.objects.get(email="erik@example.org"))
    Erasure.objects.update(erased_at=timezone.now() - 10 * YEARS)
    retention()
    assert Erasure.objects.exists()
    a.put("e-1", ago(1), job_title="Photographe")
    assert sync("a", full=True).suppressed == 1
    assert not Person.objects.filter(email="erik@example.org").exists()


def test_settings_turn_rules_off(aged, settings):
    settings.PEOPLE_RETENTION_INACTIVE_YEARS = 0
    settings.PEOPLE_RETENTION_SYNC_RUNS_MONTHS = 0
    plan = retention("--dry-run")
    assert "inactive people" not in plan and "sync runs" not in plan


def test_months_are_calendar_months():
    moment = dt.datetime(2026, 3, 31, 12, tzinfo=dt.UTC)
    assert months_before(moment, 1) == dt.datetime(2026, 2, 28, 12, tzinfo=dt.UTC)
    assert months_before(moment, 15) == dt.datetime(2024, 12, 31, 12, tzinfo=dt.UTC)
