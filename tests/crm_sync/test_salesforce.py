"""The Salesforce connector against the Salesforce simulator."""

import pytest
from django.utils import translation

from crm_sync.connectors.salesforce import SalesforceConnector
from crm_sync.engine import sync_connection
from crm_sync.models import Connection, SyncRun
from people.contact import Contact
from people.models import Person

from .convergence import Vendor, live_ids, run_schedules
from .simulators.salesforce import SalesforceSimulator

pytestmark = pytest.mark.django_db

SECRET = "sf-client-secret"


@pytest.fixture(scope="module")
def salesforce_server():
    with SalesforceSimulator(client_secret=SECRET) as sim:
        yield sim


@pytest.fixture
def salesforce(salesforce_server, fast_http):
    salesforce_server.reset(0)
    salesforce_server.allocation = 100000
    salesforce_server.batch_size = 2000
    salesforce_server.createable = {"Campaign", "CampaignMember"}
    return salesforce_server


def connect(sim, monkeypatch, agency="wbmusiques", **fields) -> Connection:
    name = f"PASSERELLES_CRM_{agency.upper()}_CLIENT_SECRET"
    monkeypatch.setenv(name, SECRET)
    return Connection.objects.create(
        agency=agency,
        kind="salesforce",
        url=sim.url,
        token_url=f"{sim.url}/services/oauth2/token",
        client_id=sim.client_id,
        secret_env=name,
        **fields,
    )


def contact(sim, n, tag="t", **extra):
    fields = {"FirstName": f"Prénom{n}", "LastName": f"Nom{n}", "Email": f"c{n}.{tag}@example.org"}
    fields.update(extra)
    return sim.create(**fields)


def test_incremental_runs_see_recycle_bin_deletions_and_merges(salesforce, monkeypatch):
    ids = [contact(salesforce, n, Account={"Name": "Atelier X"}) for n in range(5)]
    connection = connect(salesforce, monkeypatch)
    first = sync_connection(connection)
    assert first.status == SyncRun.Status.SUCCEEDED, first.error
    assert first.created == 5
    assert Person.objects.get(email="c0.t@example.org").organisation.name == "Atelier X"
    salesforce.update(ids[0], Title="Scénographe")
    salesforce.delete(ids[1])
    salesforce.merge(ids[2], ids[3])
    second = sync_connection(connection)
    assert second.status == SyncRun.Status.SUCCEEDED, second.error
    assert live_ids() == {ids[0], ids[3], ids[4]}
    assert Person.objects.get(email="c0.t@example.org").job_title == "Scénographe"
    salesforce.undelete(ids[1])
    sync_connection(connection)
    assert ids[1] in live_ids()


def test_a_purged_contact_is_noticed_by_a_full_run_only(salesforce, monkeypatch):
    ids = [contact(salesforce, n) for n in range(3)]
    connection = connect(salesforce, monkeypatch)
    sync_connection(connection)
    salesforce.purge(ids[0])
    sync_connection(connection)
    assert ids[0] in live_ids()
    assert sync_connection(connection, full=True).deleted == 1
    assert live_ids() == set(ids[1:])


def test_ties_on_one_second_across_batches_and_an_expired_locator_lose_nobody(
    salesforce, monkeypatch
):
    salesforce.batch_size = 2
    salesforce.clock.rng.random = lambda: 0.0  # every contact changed in the same second
    ids = [contact(salesforce, n) for n in range(7)]
    connection = connect(salesforce, monkeypatch)
    # The second batch's locator has expired when it is asked for: the query
    # is issued again from the last (SystemModstamp, Id) read.
    salesforce.plan({3: "cursor"})
    run = sync_connection(connection)
    assert run.status == SyncRun.Status.SUCCEEDED, run.error
    assert live_ids() == set(ids)
    assert run.fetched == 7


def test_an_expired_session_gets_one_new_token(salesforce, monkeypatch):
    for n in range(3):
        contact(salesforce, n)
    connection = connect(salesforce, monkeypatch)
    salesforce.plan({2: "token"})
    run = sync_connection(connection)
    assert run.status == SyncRun.Status.SUCCEEDED, run.error
    assert run.created == 3


def test_the_run_stops_before_the_daily_allocation_and_resumes_the_next_day(
    salesforce, monkeypatch
):
    salesforce.batch_size = 2
    ids = [contact(salesforce, n) for n in range(20)]
    connection = connect(salesforce, monkeypatch)
    salesforce.used = 85  # of 100: 90 is where the reserve starts
    salesforce.allocation = 100
    run = sync_connection(connection)
    assert run.status == SyncRun.Status.INTERRUPTED
    assert "90" in run.error and "100" in run.error  # used, of the allocation
    assert salesforce.used <= 90  # the reserve is left untouched
    assert 0 < len(live_ids()) < 20
    salesforce.used = 0  # a day later
    resumed = sync_connection(connection)
    assert resumed.status == SyncRun.Status.SUCCEEDED, resumed.error
    assert resumed.resumed_from_id == run.id
    assert live_ids() == set(ids)


def test_check_reports_the_budget_and_missing_create_rights(salesforce, monkeypatch):
    contact(salesforce, 1)
    salesforce.createable = {"Campaign"}
    connection = connect(salesforce, monkeypatch, write_attendance=True)
    with translation.override("en"):
        report = SalesforceConnector(connection, SECRET).check()
    assert report.missing == ["Create access to CampaignMember"]
    assert any("1" in line for line in report.seen)
    assert any("100000" in line for line in report.seen)


def test_wrong_client_credentials_fail_without_echoing_the_secret(salesforce, monkeypatch):
    connection = connect(salesforce, monkeypatch)
    monkeypatch.setenv(connection.secret_env, "not-the-secret-xyz")
    run = sync_connection(connection)
    assert run.status == SyncRun.Status.FAILED
    assert "400" in run.error and "not-the-secret" not in run.error


# the property


def expected(sim) -> dict[str, dict]:
    out = {}
    for source_id, row in sim.live().items():
        account = row.get("Account") or {}
        out[source_id] = Contact(
            source_id,
            sim.clock.now,
            row.get("FirstName") or "",
            row.get("LastName") or "",
            [row["Email"]] if row.get("Email") else [],
            [p for p in (row.get("Phone"), row.get("MobilePhone")) if p],
            organisation=account.get("Name") or "",
            job_title=row.get("Title") or "",
            city=row.get("MailingCity") or "",
        ).cleaned()[0]
    return out


def salesforce_vendor(sim, monkeypatch) -> Vendor:
    purged: set[str] = set()
    counter = [0]

    def add(rng, tag):
        counter[0] += 1
        n = counter[0]
        sim.create(
            FirstName=f"P{n}",
            LastName=f"N{n}",
            Email=f"c{n}.{tag}@example.org",
            MailingCity=rng.choice(["Namur", "Antwerpen", ""]),
        )

    def fill(rng, tag):
        purged.clear()
        for _ in range(rng.randint(2, 6)):
            add(rng, tag)

    def change(rng, tag):
        live, binned = sorted(sim.live()), sorted(sim.binned())
        action = rng.choice(["add", "edit", "touch", "delete", "undelete", "merge", "purge"])
        if action == "add" or not live:
            add(rng, tag)
        elif action == "edit":
            sim.update(rng.choice(live), Title=rng.choice(["Régisseuse", "Curator", ""]))
        elif action == "touch":
            sim.update(rng.choice(live))
        elif action == "delete":
            sim.delete(rng.choice(live))
        elif action == "undelete" and binned:
            sim.undelete(rng.choice(binned))
        elif action == "merge" and len(live) >= 2:
            loser, winner = rng.sample(live, 2)
            sim.merge(loser, winner)
        elif action == "purge":
            victim = rng.choice(live + binned)
            sim.purge(victim)
            purged.add(victim)

    return Vendor(
        kind="salesforce",
        sim=sim,
        connect=lambda agency: connect(sim, monkeypatch, agency),
        fill=fill,
        change=change,
        expected=lambda: expected(sim),
        unseen_deletions=lambda: set(purged),
    )


def test_property_after_any_faults_the_mirror_converges_to_salesforce(salesforce, monkeypatch):
    salesforce.batch_size = 3
    stats = run_schedules(salesforce_vendor(salesforce, monkeypatch))
    assert stats["failed"] > 0 or stats["runs"] < 100  # the faults did bite
