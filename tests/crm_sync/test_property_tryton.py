"""Property: whatever the faults and the order of events, the directory ends as a sync from scratch.

Two agencies' CRMs are two databases of a real trytond, reached through a
fault-injecting proxy (fault_proxy.py). One schedule, seeded:

1. both CRMs get a few parties, some people known to both agencies (one
   email), several created in one transaction (a timestamp tie);
2. a few rounds: random changes at the sources (renames, touches that change
   nothing, shared people renamed in both agencies, several parties written in
   one transaction, archives, deletions, new parties), then each agency is
   synced — incremental or full at random — while the proxy plays a random
   fault schedule, and some runs are killed after a page (Ctrl-C, a reboot);
3. the faults stop and `crm_sync` is re-run until it succeeds: when no
   deletion is pending (Tryton deletions are seen only by a full run), the
   directory must already equal a sync from scratch of the same sources;
4. a full dry run reports exactly what the real full run then does, and after
   it the directory equals a sync from scratch.

A sync from scratch: the directory emptied, each agency synced once, full,
without faults. Compared: every active person by their live records, with
every source-owned field and the agency each came from.

PROPERTY_SCHEDULES (50 in CI) schedules from PROPERTY_SEED (0): `make
property` runs the long one (see the README's Tests section).
"""

import datetime as dt
import os
import random

import pytest
from django.utils import timezone

from crm_sync.connectors.tryton import TrytonRPC
from crm_sync.engine import sync_connection
from crm_sync.models import Connection, SyncRun
from people.models import Organisation, Person, PersonEmail, PossibleDuplicate, SourceRecord

from .fault_proxy import FaultProxy, random_faults
from .tryton_server import admin_rpc

pytestmark = pytest.mark.django_db

SCHEDULES = int(os.environ.get("PROPERTY_SCHEDULES", "50"))
SEED = int(os.environ.get("PROPERTY_SEED", "0"))
AGENCIES = {"wbmusiques": "wbm", "wbimages": "wbi"}
MAX_RUNS = 12
FIRST = ("Anna", "Bert", "Chloé", "David", "Emma", "Fatima", "Gilles", "Hélène", "Inès", "Jan")
LAST = ("Claes", "Peeters", "Dumont", "Leroy", "Janssens", "El Amrani", "Renard", "Lefèvre")


class Killed(BaseException):
    """The process died after a committed page (as KeyboardInterrupt, not an Exception)."""


def directory() -> list[tuple]:
    """What staff see of every active person, keyed by their live records (not by ids)."""
    people = []
    for person in Person.objects.filter(is_active=True, merged_into__isnull=True).select_related(
        "organisation"
    ):
        records = tuple(
            sorted(
                person.source_records.filter(tombstoned_at__isnull=True).values_list(
                    "agency", "source_id"
                )
            )
        )
        people.append(
            (
                records,
                person.first_name,
                person.last_name,
                person.email,
                person.phone,
                person.city,
                person.language,
                tuple(sorted(person.emails.values_list("email", flat=True))),
                tuple(
                    sorted((k, v["agency"], v["modified"]) for k, v in person.provenance.items())
                ),
            )
        )
    return sorted(people)


def differences(got: list[tuple], expected: list[tuple]) -> tuple[list, list]:
    """The people only in `got`, and only in `expected` (for the failure's message)."""
    return [p for p in got if p not in expected], [p for p in expected if p not in got]


def wipe() -> None:
    """An empty directory and no connection: what a sync from scratch starts from."""
    PossibleDuplicate.objects.all().delete()
    SourceRecord.objects.all().delete()
    PersonEmail.objects.all().delete()
    Person.objects.all().delete()
    Organisation.objects.all().delete()
    Connection.objects.all().delete()


def connect(url: str) -> dict[str, Connection]:
    return {
        agency: Connection.objects.create(
            agency=agency,
            kind="tryton",
            url=url,
            database=database,
            user="admin",
            secret_env=f"PASSERELLES_CRM_{agency.upper()}_PASSWORD",
        )
        for agency, database in AGENCIES.items()
    }


class Sources:
    """The two CRMs, changed at random through the admin's own RPC (not the proxy)."""

    def __init__(self, tryton, rng: random.Random) -> None:
        self.rng = rng
        self.rpc = {agency: admin_rpc(tryton, db) for agency, db in AGENCIES.items()}
        self.emails = [f"p{n}@example.org" for n in range(8)]  # shared between agencies
        # When each agency last deleted a party: a full run started after that sees it.
        self.deleted_at: dict[str, dt.datetime] = {}
        for rpc in self.rpc.values():
            parties = rpc.model("party.party", "search", [], context={"active_test": False})
            if parties:
                rpc.model("party.party", "delete", parties)

    def name(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def values(self) -> dict:
        values = {"name": self.name()}
        mechanisms = []
        if self.rng.random() < 0.85:
            mechanisms.append({"type": "email", "value": self.rng.choice(self.emails)})
        if self.rng.random() < 0.4:
            mechanisms.append(
                {"type": "phone", "value": f"+32 2 555 {self.rng.randint(10, 99)} 01"}
            )
        values["contact_mechanisms"] = [["create", mechanisms]]
        if self.rng.random() < 0.4:
            values["addresses"] = [["create", [{"city": self.rng.choice(("Liège", "Gent"))}]]]
        return values

    def live(self, agency: str, active: bool = True) -> list[int]:
        return self.rpc[agency].model(
            "party.party", "search", [("active", "=", active)], context={"active_test": False}
        )

    def fill(self) -> None:
        for rpc in self.rpc.values():
            # One create: the parties share their timestamp (a tie).
            rpc.model(
                "party.party", "create", [self.values() for _ in range(self.rng.randint(2, 4))]
            )

    def change(self) -> None:
        agency = self.rng.choice(list(self.rpc))
        rpc = self.rpc[agency]
        live = self.live(agency)
        kind = self.rng.choice(
            ("rename", "touch", "shared", "tie", "archive", "delete", "create", "create")
        )
        if kind == "create" or not live:
            rpc.model("party.party", "create", [self.values()])
            return
        party = self.rng.choice(live)
        if kind == "rename":
            rpc.model("party.party", "write", [party], {"name": self.name()})
        elif kind == "touch":
            # Written without a change: only its modification time moves.
            (row,) = rpc.model("party.party", "read", [party], ["name"])
            rpc.model("party.party", "write", [party], {"name": row["name"]})
        elif kind == "shared":
            # The same person (one email) renamed in both agencies.
            email = self.rng.choice(self.emails)
            for other in self.rpc.values():
                found = other.model(
                    "party.party", "search", [("contact_mechanisms.value", "=", email)]
                )
                if found:
                    other.model("party.party", "write", found, {"name": self.name()})
        elif kind == "tie":
            # Two parties written in one transaction: one timestamp.
            chosen = self.rng.sample(live, min(2, len(live)))
            arguments = []
            for one in chosen:
                arguments += [[one], {"name": self.name()}]
            rpc.model("party.party", "write", *arguments)
        elif kind == "archive":
            rpc.model("party.party", "write", [party], {"active": False})
        elif kind == "delete":
            rpc.model("party.party", "delete", [party])
            self.deleted_at[agency] = timezone.now()

    def reconciled(self, run: SyncRun) -> None:
        """Forget deletions a successful full run has seen (it read the CRM after them)."""
        agency = run.connection.agency
        if not (run.full and run.status == SyncRun.Status.SUCCEEDED):
            return
        # A resumed full run reconciles as of the interrupted run's start.
        since = dt.datetime.fromisoformat(run.checkpoint["reconcile_since"])
        if agency in self.deleted_at and since > self.deleted_at[agency]:
            del self.deleted_at[agency]


def succeeded(run: SyncRun) -> bool:
    """Did the call succeed (and its catching up, after resuming an interrupted run)?"""
    caught_up = getattr(run, "caught_up", None)
    return run.status == SyncRun.Status.SUCCEEDED and (
        caught_up is None or caught_up.status == SyncRun.Status.SUCCEEDED
    )


def run_until_success(connection: Connection, full: bool) -> SyncRun:
    """`crm_sync` re-run until it exits 0."""
    for _ in range(MAX_RUNS):
        run = sync_connection(connection, full=full)
        if succeeded(run):
            return run
    raise AssertionError(f"no successful run of {connection.agency} in {MAX_RUNS}: {run.error}")


def from_scratch(url: str) -> list[tuple]:
    wipe()
    for connection in connect(url).values():
        run = sync_connection(connection, full=True)
        assert run.status == SyncRun.Status.SUCCEEDED, run.error
    return directory()


def one_schedule(seed: int, tryton, proxy: FaultProxy, tryton_sessions: dict) -> dict:
    rng = random.Random(seed)
    stats = {"runs": 0, "failed": 0, "killed": 0}
    proxy.plan({})
    proxy.played.clear()
    wipe()
    for key in [k for k in tryton_sessions if k[0].startswith(proxy.url)]:
        del tryton_sessions[key]  # each schedule's runs log in again, through the faults
    sources = Sources(tryton, rng)
    links = connect(proxy.url)
    sources.fill()
    for _ in range(rng.randint(1, 3)):
        for _ in range(rng.randint(0, 4)):
            sources.change()
        for agency in rng.sample(list(links), len(links)):
            proxy.plan(random_faults(rng, 12, rng.randint(0, 4)))
            full = rng.random() < 0.3
            kill_after = rng.choice((None, None, None, 1, 2))

            def kill(progress, after=kill_after):
                if after is not None and progress.run.fetched >= after:
                    raise Killed

            try:
                run = sync_connection(links[agency], full=full, on_page=kill)
            except Killed:
                stats["killed"] += 1
            else:
                stats["failed"] += not succeeded(run)
                sources.reconciled(run)
            stats["runs"] += 1
    proxy.plan({})

    # The faults have stopped: crm_sync is re-run until it succeeds.
    for connection in links.values():
        sources.reconciled(run_until_success(connection, full=False))
    incremental = directory()
    # A full dry run says exactly what the real full run does.
    reports = {}
    for agency, connection in links.items():
        dry = sync_connection(connection, full=True, dry_run=True)
        assert succeeded(dry), (seed, dry.error)
        real = run_until_success(connection, full=True)
        reports[agency] = (dry.counts(), real.counts())
    converged = directory()
    # A resumed full run reconciles as of its own start: deletions made
    # since are seen by the next full run only.
    pending = set(sources.deleted_at)
    expected = from_scratch(proxy.url)
    if not pending:
        assert incremental == expected, (seed, "incremental", *differences(incremental, expected))
    assert converged == expected, (seed, "full", *differences(converged, expected))
    for agency, (dry, real) in reports.items():
        assert dry == real, (seed, agency, dry, real)
    return stats


@pytest.fixture
def tryton_sessions(monkeypatch):
    """Log in once per database and user, and keep the session.

    trytond hashes the password at each login (about 0.6 s on a loaded
    machine, most of a schedule's time); a run that logs in again (after a
    401) still goes through the connector's code, and the first login of
    each schedule's databases through the proxy and its faults.
    """
    sessions: dict[tuple, str] = {}
    login = TrytonRPC.login

    def cached_login(self) -> None:
        key = (self.endpoint, self.user)
        if key not in sessions:
            login(self)
            sessions[key] = self.authorization
        self.authorization = sessions[key]

    monkeypatch.setattr(TrytonRPC, "login", cached_login)
    monkeypatch.setattr(TrytonRPC, "logout", lambda self: setattr(self, "authorization", ""))
    return sessions


def test_after_any_faults_and_changes_the_directory_equals_a_sync_from_scratch(
    tryton, fast_http, monkeypatch, tryton_sessions
):
    monkeypatch.setattr("crm_sync.connectors.tryton.TrytonConnector.page_size", 2)
    proxy = FaultProxy(tryton.url)
    totals = {"runs": 0, "failed": 0, "killed": 0}
    try:
        for seed in range(SEED, SEED + SCHEDULES):
            for name, value in one_schedule(seed, tryton, proxy, tryton_sessions).items():
                totals[name] += value
    finally:
        proxy.close()
    # The faults did bite: some runs failed or were killed on the way.
    assert totals["failed"] + totals["killed"] > 0 or SCHEDULES < 5, totals
    print(f"property: {SCHEDULES} schedules from seed {SEED}, 0 divergences, {totals}")
