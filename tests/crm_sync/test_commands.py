"""The crm_connect and crm_sync management commands, end to end through call_command."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from crm_sync.http import SourceUnavailable
from crm_sync.models import Connection, SyncRun
from people.models import Person, SourceRecord

from .memory_source import MemoryConnector, MemorySource

pytestmark = pytest.mark.django_db

COUNTS = ("fetched", "created", "updated", "unchanged", "deleted", "failed")
CONNECT = [
    "wbmusiques",
    "--kind",
    "tryton",
    "--url",
    "http://127.0.0.1:8000/",
    "--database",
    "wbm",
    "--user",
    "admin",
    "--secret-env",
    "PASSERELLES_CRM_WBMUSIQUES_PASSWORD",
]


def run(name: str, *args: str) -> tuple[int, str, str]:
    """Call a command; return (exit status, stdout, stderr)."""
    out, err = StringIO(), StringIO()
    try:
        call_command(name, *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        status = exit_.code
    else:
        status = 0
    return status, out.getvalue(), err.getvalue()


def sync_json(*args: str) -> tuple[int, dict, str]:
    """crm_sync --json: stdout must be exactly one JSON document."""
    status, out, err = run("crm_sync", "--json", *args)
    return status, json.loads(out), err


def by_agency(document: dict) -> dict[str, dict]:
    return {entry["agency"]: entry for entry in document["connections"]}


def seed(source: MemorySource, ago, prefix: str, count: int) -> None:
    for n in range(count):
        source.put(
            f"{prefix}{n:03d}",
            ago(600 - 60 * n),
            first_name=f"Prénom{n}",
            last_name=f"Nom{n}",
            emails=[f"{prefix}{n}@example.org"],
        )


class Sources:
    """One in-memory CRM per agency; `fail[agency] = Error` makes its first page raise."""

    def __init__(self) -> None:
        self.by_agency: dict[str, MemorySource] = {}
        self.fail: dict[str, type[BaseException]] = {}

    def __getitem__(self, agency: str) -> MemorySource:
        return self.by_agency.setdefault(agency, MemorySource())

    def get_connector(self, connection, secret: str) -> MemoryConnector:
        assert secret, "the engine passes the secret it read from the environment"
        error = self.fail.get(connection.agency)
        if error is not None:
            return MemoryConnector(self[connection.agency], fail_after_pages=0, error=error)
        return MemoryConnector(self[connection.agency])


@pytest.fixture
def sources(monkeypatch):
    """The in-memory CRMs, plugged in where the engine looks up connectors."""
    plugged = Sources()
    monkeypatch.setattr("crm_sync.engine.get_connector", plugged.get_connector)
    monkeypatch.setenv("PASSERELLES_CRM_WBMUSIQUES_SECRET", "wbm-secret-value")
    monkeypatch.setenv("PASSERELLES_CRM_WBIMAGES_SECRET", "wbi-secret-value")
    return plugged


# crm_connect


def test_crm_connect_creates_the_connection_then_updates_it(monkeypatch):
    monkeypatch.delenv("PASSERELLES_CRM_WBMUSIQUES_PASSWORD", raising=False)
    status, out, err = run("crm_connect", *CONNECT)
    assert status == 0
    connection = Connection.objects.get(agency="wbmusiques")
    assert connection.kind == "tryton"
    assert connection.url == "http://127.0.0.1:8000"
    assert (connection.database, connection.user) == ("wbm", "admin")
    assert connection.secret_env == "PASSERELLES_CRM_WBMUSIQUES_PASSWORD"
    assert connection.enabled
    assert "Created" in out
    assert "PASSERELLES_CRM_WBMUSIQUES_PASSWORD is not set" in err

    again = [*CONNECT]
    again[again.index("admin")] = "sync-bot"
    status, out, _ = run("crm_connect", *again, "--disable")
    assert status == 0
    assert "Updated" in out
    assert Connection.objects.filter(agency="wbmusiques").count() == 1
    updated = Connection.objects.get(agency="wbmusiques")
    assert updated.pk == connection.pk
    assert updated.user == "sync-bot"
    assert not updated.enabled


def test_crm_connect_refuses_a_secret_given_instead_of_a_variable_name():
    args = [*CONNECT]
    args[args.index("PASSERELLES_CRM_WBMUSIQUES_PASSWORD")] = "hunter2 secret!"
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("crm_connect", *args, stdout=out, stderr=err)
    assert "hunter2" not in str(raised.value)
    assert "hunter2" not in out.getvalue() + err.getvalue()
    assert "--secret-env" in str(raised.value)
    assert not Connection.objects.filter(agency="wbmusiques").exists()


def test_crm_connect_refusing_a_secret_leaves_an_existing_connection_alone():
    run("crm_connect", *CONNECT)
    args = [*CONNECT]
    args[args.index("PASSERELLES_CRM_WBMUSIQUES_PASSWORD")] = "hunter2 secret!"
    with pytest.raises(CommandError):
        call_command("crm_connect", *args, stdout=StringIO(), stderr=StringIO())
    assert (
        Connection.objects.get(agency="wbmusiques").secret_env
        == "PASSERELLES_CRM_WBMUSIQUES_PASSWORD"
    )


def test_crm_connect_refuses_an_unknown_agency():
    args = ["nowhere", *CONNECT[1:]]
    with pytest.raises(CommandError) as raised:
        call_command("crm_connect", *args, stdout=StringIO(), stderr=StringIO())
    assert raised.value.returncode == 2
    assert "AGENCY" in str(raised.value)
    assert "nowhere" in str(raised.value)
    assert not Connection.objects.filter(agency="nowhere").exists()


def test_crm_connect_stores_no_secret_anywhere(monkeypatch):
    secret = "s3cr3t-Tryton-Passw0rd"
    monkeypatch.setenv("PASSERELLES_CRM_WBMUSIQUES_PASSWORD", secret)
    status, out, err = run("crm_connect", *CONNECT)
    assert status == 0
    assert "not set" not in err
    connection = Connection.objects.get(agency="wbmusiques")
    values = {
        field.attname: getattr(connection, field.attname)
        for field in Connection._meta.concrete_fields
    }
    for name, value in values.items():
        assert secret not in json.dumps(value, default=str), name
    assert secret not in out + err


def test_crm_connect_refuses_a_url_carrying_a_password():
    args = [*CONNECT]
    args[args.index("http://127.0.0.1:8000/")] = "http://admin:hunter2@127.0.0.1:8000/"
    with pytest.raises(CommandError):
        call_command("crm_connect", *args, stdout=StringIO(), stderr=StringIO())
    assert not Connection.objects.filter(url__contains="hunter2").exists()


# crm_sync


def test_crm_sync_json_reports_every_count_and_exits_0(connection, other_connection, sources, ago):
    seed(sources["wbmusiques"], ago, "m", 4)
    seed(sources["wbimages"], ago, "i", 2)
    status, document, err = sync_json()
    assert status == 0
    assert document["ok"] is True
    entries = by_agency(document)
    assert set(entries) == {"wbmusiques", "wbimages"}
    music = entries["wbmusiques"]
    assert music["status"] == "succeeded"
    assert music["kind"] == "tryton"
    assert (music["full"], music["dry_run"]) == (False, False)
    assert {name: music[name] for name in COUNTS} == {
        "fetched": 4,
        "created": 4,
        "updated": 0,
        "unchanged": 0,
        "deleted": 0,
        "failed": 0,
    }
    assert music["run_id"] == SyncRun.objects.get(connection=connection).pk
    assert music["errors"] == []
    assert entries["wbimages"]["created"] == 2
    # Human lines went to stderr, not into the JSON document.
    assert "wbmusiques: succeeded" in err

    status, document, _ = sync_json()
    assert status == 0
    again = by_agency(document)["wbmusiques"]
    assert (again["created"], again["updated"]) == (0, 0)
    assert again["unchanged"] == again["fetched"]


def test_crm_sync_without_json_prints_nothing_on_stdout(connection, sources, ago):
    seed(sources["wbmusiques"], ago, "m", 2)
    status, out, err = run("crm_sync")
    assert status == 0
    assert out == ""
    assert "wbmusiques: succeeded" in err
    assert "created 2" in err


@pytest.mark.parametrize("failure", ["missing-secret", "source-unavailable"])
def test_one_failing_connection_does_not_stop_the_others(
    connection, other_connection, sources, ago, monkeypatch, failure
):
    seed(sources["wbmusiques"], ago, "m", 3)
    seed(sources["wbimages"], ago, "i", 3)
    if failure == "missing-secret":
        monkeypatch.delenv("PASSERELLES_CRM_WBIMAGES_SECRET")
    else:
        sources.fail["wbimages"] = SourceUnavailable
    status, document, err = sync_json()
    assert status == 1
    assert document["ok"] is False
    entries = by_agency(document)
    # wbimages sorts first: it fails before wbmusiques runs.
    assert [e["agency"] for e in document["connections"]] == ["wbimages", "wbmusiques"]
    images = entries["wbimages"]
    assert images["status"] == "failed"
    if failure == "missing-secret":
        assert "PASSERELLES_CRM_WBIMAGES_SECRET" in images["error"]
        assert "wbi-secret-value" not in json.dumps(document)
    else:
        assert "injected failure" in images["error"]
    assert entries["wbmusiques"]["status"] == "succeeded"
    assert entries["wbmusiques"]["created"] == 3
    assert SourceRecord.objects.filter(agency="wbmusiques").count() == 3
    assert not SourceRecord.objects.filter(agency="wbimages").exists()
    assert SyncRun.objects.get(connection=other_connection).status == SyncRun.Status.FAILED
    assert "wbimages: failed" in err


def test_crm_sync_dry_run_counts_but_writes_nothing(connection, sources, ago):
    seed(sources["wbmusiques"], ago, "m", 3)
    people = Person.objects.count()
    status, document, _ = sync_json("--dry-run")
    assert status == 0
    assert document["ok"] is True
    entry = by_agency(document)["wbmusiques"]
    assert entry["status"] == "succeeded"
    assert entry["dry_run"] is True
    assert (entry["fetched"], entry["created"]) == (3, 3)
    assert "run_id" not in entry
    assert Person.objects.count() == people
    assert SourceRecord.objects.count() == 0
    assert SyncRun.objects.count() == 0
    connection.refresh_from_db()
    assert connection.cursor == {}
    assert connection.locked_by_run is None


@pytest.mark.parametrize(
    ("agency", "message"),
    [("nowhere", "Unknown agency: nowhere"), ("wbcampus", "No CRM connection for: wbcampus")],
)
def test_crm_sync_refuses_an_agency_without_a_connection_as_bad_usage(
    connection, sources, ago, agency, message
):
    seed(sources["wbmusiques"], ago, "m", 2)
    with pytest.raises(CommandError, match=message) as raised:
        call_command(
            "crm_sync",
            "--agency",
            "wbmusiques",
            "--agency",
            agency,
            stdout=StringIO(),
            stderr=StringIO(),
        )
    # Exit status 2 (bad usage, design.md), not 1 (a sync that failed).
    assert raised.value.returncode == 2
    assert SyncRun.objects.count() == 0
    assert SourceRecord.objects.count() == 0


def test_crm_sync_agency_limits_the_run_to_that_connection(
    connection, other_connection, sources, ago
):
    seed(sources["wbmusiques"], ago, "m", 2)
    seed(sources["wbimages"], ago, "i", 2)
    status, document, _ = sync_json("--agency", "wbimages")
    assert status == 0
    assert [e["agency"] for e in document["connections"]] == ["wbimages"]
    assert not SyncRun.objects.filter(connection=connection).exists()


def test_a_second_concurrent_run_is_skipped_with_a_clear_message(connection, sources, ago, hold):
    seed(sources["wbmusiques"], ago, "m", 2)
    holder = hold(connection)
    with translation.override("en"):
        status, document, err = sync_json()
    assert status == 1
    assert document["ok"] is False
    entry = by_agency(document)["wbmusiques"]
    assert entry["status"] == "skipped"
    assert "already running" in entry["error"]
    assert "wbmusiques" in entry["error"]
    assert "wbmusiques: skipped" in err
    assert SourceRecord.objects.count() == 0
    assert list(SyncRun.objects.all()) == [holder]
    connection.refresh_from_db()
    assert connection.locked_by_run == holder


def test_a_full_run_reports_a_record_deleted_at_the_source(connection, sources, ago):
    source = sources["wbmusiques"]
    seed(source, ago, "m", 4)
    status, _, _ = sync_json()
    assert status == 0
    source.delete("m000")
    status, document, _ = sync_json("--full")
    assert status == 0
    entry = by_agency(document)["wbmusiques"]
    assert entry["full"] is True
    assert entry["deleted"] == 1
    assert (entry["fetched"], entry["created"]) == (3, 0)
    tombstoned = SourceRecord.objects.filter(agency="wbmusiques", tombstoned_at__isnull=False)
    assert list(tombstoned.values_list("source_id", flat=True)) == ["m000"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["crm_sync", "--agency", "nowhere"], "Unknown agency: nowhere"),
        (["crm_import", "nowhere", "contacts.csv"], "invalid choice: 'nowhere'"),
    ],
)
def test_an_unknown_agency_exits_2_on_the_command_line(args, message):
    """Bad usage is exit status 2 (design.md), as a script sees it; nothing is read or written."""
    from tests.own_database import environment, manage, own_name

    # Refused before any query: the database named here is never opened.
    done = manage(environment(own_name("never_opened")), *args, timeout=120)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr
