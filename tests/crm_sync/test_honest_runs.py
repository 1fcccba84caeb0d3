"""Runs that say what they do, against a real trytond (behind the fault proxy where it helps).

- a full dry run reports exactly what the real full run then does (no
  invented deletions);
- a full run asked for after an interrupted incremental one completes it and
  reconciles in the same invocation;
- valid JSON of the wrong shape fails the run with a message naming what and
  where (or is cleaned), never an interruption with an empty error;
- warnings about dropped values are kept with the run and reported.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from crm_sync.engine import sync_connection
from crm_sync.models import Connection, SyncRun
from people.models import Person, SourceRecord

from .fault_proxy import FaultProxy
from .test_tryton import connect, party, tick
from .tryton_server import admin_rpc

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """Messages are checked in English (the catalogues translate them)."""
    with translation.override("en"):
        yield


@pytest.fixture
def proxy(tryton):
    proxy = FaultProxy(tryton.url)
    yield proxy
    proxy.close()


def crm_sync(*args: str) -> dict:
    """`manage.py crm_sync --json ARGS`: the report of the one connection."""
    out = StringIO()
    try:
        call_command("crm_sync", "--json", *args, stdout=out, stderr=StringIO())
    except SystemExit as exit_:
        assert exit_.code == 1
    (entry,) = json.loads(out.getvalue())["connections"]
    return entry


COUNTS = ("fetched", "created", "updated", "unchanged", "deleted", "failed", "suppressed")


def counts(entry: dict) -> dict:
    return {name: entry[name] for name in COUNTS}


def test_a_full_dry_run_reports_exactly_what_the_full_run_does(tryton):
    rpc = admin_rpc(tryton, "wbm")
    parties = [party(rpc, f"Personne {n}", f"p{n}@example.org") for n in range(5)]
    connect(tryton, "wbmusiques", "wbm")
    assert crm_sync("--full")["created"] == 5
    # Nothing changed: nothing would be deleted, and nothing is.
    dry = crm_sync("--full", "--dry-run")
    real = crm_sync("--full")
    assert dry["dry_run"] and not real["dry_run"]
    assert counts(dry) == counts(real)
    assert real["deleted"] == 0 and real["unchanged"] == 5
    # A party deleted, one archived, one renamed, one new: the same counts again.
    tick()
    rpc.model("party.party", "delete", [parties[0]])
    rpc.model("party.party", "write", [parties[1]], {"active": False})
    rpc.model("party.party", "write", [parties[2]], {"name": "Personne Renommée"})
    party(rpc, "Personne Nouvelle", "new@example.org")
    dry = crm_sync("--full", "--dry-run")
    assert SourceRecord.objects.filter(tombstoned_at__isnull=False).count() == 0
    real = crm_sync("--full")
    assert counts(dry) == counts(real)
    assert (real["deleted"], real["updated"], real["created"]) == (2, 1, 1)
    # The incremental dry run is as honest (Tryton's deletions are seen by full runs only).
    tick()
    rpc.model("party.party", "write", [parties[3]], {"name": "Personne Encore"})
    dry = crm_sync("--dry-run")
    assert counts(dry) == counts(crm_sync())
    # ...and says that its 0 deletions mean "not known", not "none".
    assert dry["deletions_known"] is False
    assert crm_sync("--full", "--dry-run")["deletions_known"] is True


def test_a_full_run_after_an_interrupted_incremental_run_completes_it_and_reconciles(
    tryton, monkeypatch
):
    rpc = admin_rpc(tryton, "wbm")
    parties = [party(rpc, f"Personne {n:02d}", f"p{n:02d}@example.org") for n in range(12)]
    connection = connect(tryton, "wbmusiques", "wbm")
    monkeypatch.setattr("crm_sync.connectors.tryton.TrytonConnector.page_size", 5)
    assert sync_connection(connection, full=True).created == 12
    tick()
    rpc.model("party.party", "write", parties[:8], {"name": "Renommée Partout"})
    rpc.model("party.party", "delete", [parties[11]])

    def die_after_one_page(progress):
        if progress.run.fetched >= 5:
            raise KeyboardInterrupt  # Ctrl-C, or the host going down

    with pytest.raises(KeyboardInterrupt):
        sync_connection(connection, on_page=die_after_one_page)
    interrupted = SyncRun.objects.get(full=False)
    assert interrupted.status == SyncRun.Status.INTERRUPTED

    entry = crm_sync("--full")
    assert entry["status"] == "succeeded"
    assert entry["full"] is True
    assert entry["deleted"] == 1  # in this same invocation, not a second --full
    run = SyncRun.objects.get(pk=entry["run_id"])
    assert run.resumed_from_id == interrupted.pk
    live = SourceRecord.objects.filter(tombstoned_at__isnull=True)
    assert sorted(live.values_list("source_id", flat=True)) == sorted(str(p) for p in parties[:11])
    assert Person.objects.filter(last_name="Partout", is_active=True).count() == 8
    assert not SourceRecord.objects.get(source_id=str(parties[11])).person.is_active


@pytest.mark.parametrize(
    ("fault", "named"),
    [
        ("null", "null instead of a list of parties"),
        ("missing", "Party 1 of the page of parties modified after"),
    ],
)
def test_valid_json_of_the_wrong_shape_fails_the_run_with_a_message(
    tryton, proxy, fast_http, fault, named
):
    rpc = admin_rpc(tryton, "wbm")
    party(rpc, "Anna Claes", "anna@example.org")
    connection = connect(tryton, "wbmusiques", "wbm")
    connection.url = proxy.url
    connection.save()
    proxy.plan({2: fault})  # 1: the login, 2: the first page
    entry = crm_sync()
    assert entry["status"] == "failed"
    assert named in entry["error"]
    assert "Traceback" not in entry["error"]
    # The run itself failed with that message (not "interrupted" with an empty error).
    run = SyncRun.objects.get()
    assert run.status == SyncRun.Status.FAILED
    assert named in run.error
    assert SourceRecord.objects.count() == 0
    # Once the CRM answers properly again, the next run goes through.
    assert crm_sync()["status"] == "succeeded"
    assert Person.objects.filter(email="anna@example.org").exists()


def test_a_lone_surrogate_in_an_answer_is_cleaned_not_fatal(tryton, proxy, fast_http):
    rpc = admin_rpc(tryton, "wbm")
    party(rpc, "Anna Claes", "anna@example.org")
    connection = connect(tryton, "wbmusiques", "wbm")
    connection.url = proxy.url
    connection.save()
    proxy.plan({2: "surrogate"})
    entry = crm_sync()
    assert entry["status"] == "succeeded", entry
    assert Person.objects.get(email="anna@example.org").last_name == "Claes"


def test_hostile_names_and_emails_are_cleaned_or_refused_with_warnings_kept(tryton):
    rpc = admin_rpc(tryton, "wbm")
    # A right-to-left override, a zero-width space and a lone combining mark in a name;
    # an address whose only flaw is a zero-width space (Tryton refuses NUL itself).
    party(rpc, "Ali\u202ece \u0301Zero\u200bWidth", "ali\u200bce@example.org")
    party(rpc, "Bruno Peeters", "bruno@example.org")
    connect(tryton, "wbmusiques", "wbm")
    entry = crm_sync("--full")
    assert entry["status"] == "succeeded"
    alice = Person.objects.get(last_name__startswith="ZeroWidth")
    assert (alice.first_name, alice.last_name) == ("Alice", "ZeroWidth")
    # Refused, not compacted into alice@example.org.
    assert alice.email == ""
    assert not Person.objects.filter(email="alice@example.org").exists()
    assert entry["warnings_count"] == 1
    (warning,) = entry["warnings"]
    assert "\\u200b" in warning["message"]
    run = SyncRun.objects.get(pk=entry["run_id"])
    assert run.warnings.count() == 1
    assert "ali\\u200bce@example.org" in run.record_warnings
    # The dry run reports them too (and keeps nothing).
    dry = crm_sync("--full", "--dry-run")
    assert dry["warnings_count"] == 1
    assert Connection.objects.get().runs.count() == 1
