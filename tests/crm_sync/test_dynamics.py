"""The Dynamics 365 connector against the Dataverse simulator."""

import pytest
from django.utils import translation

from crm_sync.connectors.dynamics import DynamicsConnector
from crm_sync.engine import sync_connection
from crm_sync.models import Connection, SyncRun
from people.contact import Contact
from people.models import Person

from .convergence import Vendor, live_ids, run_schedules
from .simulators.dynamics import DynamicsSimulator

pytestmark = pytest.mark.django_db

SECRET = "aad-client-secret"


@pytest.fixture(scope="module")
def dynamics_server():
    with DynamicsSimulator(client_secret=SECRET) as sim:
        yield sim


@pytest.fixture
def dynamics(dynamics_server, fast_http):
    dynamics_server.reset(0)
    dynamics_server.change_tracking = True
    dynamics_server.windows[0].requests = 6000
    return dynamics_server


def connect(sim, monkeypatch, agency="wbmusiques", **fields) -> Connection:
    name = f"PASSERELLES_CRM_{agency.upper()}_CLIENT_SECRET"
    monkeypatch.setenv(name, SECRET)
    return Connection.objects.create(
        agency=agency,
        kind="dynamics",
        url=sim.url,
        token_url=f"{sim.url}/tenant-id/oauth2/v2.0/token",
        client_id=sim.client_id,
        secret_env=name,
        **fields,
    )


def contact(sim, n, tag="t", **extra):
    fields = {
        "firstname": f"Prénom{n}",
        "lastname": f"Nom{n}",
        "emailaddress1": f"c{n}.{tag}@example.org",
    }
    fields.update(extra)
    return sim.create(**fields)


def test_delta_links_bring_changes_deactivations_and_deletions(dynamics, monkeypatch):
    ids = [contact(dynamics, n, company="Théâtre X") for n in range(5)]
    connection = connect(dynamics, monkeypatch)
    first = sync_connection(connection)
    assert first.status == SyncRun.Status.SUCCEEDED, first.error
    assert first.created == 5
    assert Person.objects.get(email="c0.t@example.org").organisation.name == "Théâtre X"
    connection.refresh_from_db()
    assert "deltatoken" in connection.cursor["state"]["delta"]
    dynamics.update(ids[0], jobtitle="Dramaturge")
    dynamics.update(ids[1], statecode=1)
    dynamics.delete(ids[2])
    second = sync_connection(connection)
    assert second.status == SyncRun.Status.SUCCEEDED, second.error
    assert second.fetched == 2  # only what changed
    assert not second.full
    assert live_ids() == {ids[0], ids[3], ids[4]}
    assert Person.objects.get(email="c0.t@example.org").job_title == "Dramaturge"


def test_an_expired_delta_token_turns_the_run_into_a_full_one(dynamics, monkeypatch):
    ids = [contact(dynamics, n) for n in range(4)]
    connection = connect(dynamics, monkeypatch)
    sync_connection(connection)
    dynamics.expire_cursors()
    dynamics.delete(ids[0])
    dynamics.deleted.clear()  # and the deletion is older than anything the tracking still knows
    run = sync_connection(connection)
    assert run.status == SyncRun.Status.SUCCEEDED, run.error
    assert run.full  # read everything, and reconciled
    assert live_ids() == set(ids[1:])
    again = sync_connection(connection)
    assert not again.full and again.fetched == 0


def test_pages_follow_next_links_and_a_new_token_is_fetched_on_401(dynamics, monkeypatch):
    monkeypatch.setattr("crm_sync.connectors.dynamics.PAGE_SIZE", 2)
    ids = [contact(dynamics, n) for n in range(7)]
    connection = connect(dynamics, monkeypatch)
    dynamics.plan({3: "token"})
    run = sync_connection(connection)
    assert run.status == SyncRun.Status.SUCCEEDED, run.error
    assert live_ids() == set(ids)


def test_429_with_retry_after_is_honoured_and_the_limiter_avoids_it(dynamics, monkeypatch):
    monkeypatch.setattr("crm_sync.connectors.dynamics.PAGE_SIZE", 2)
    monkeypatch.setattr(
        "crm_sync.connectors.dynamics.LIMITS",
        {"*": [__import__("crm_sync.ratelimit", fromlist=["Limit"]).Limit(3, 0.5)]},
    )
    dynamics.windows[0].requests, dynamics.windows[0].seconds = 3, 0.5
    for n in range(8):
        contact(dynamics, n)
    run = sync_connection(connect(dynamics, monkeypatch))
    assert run.status == SyncRun.Status.SUCCEEDED, run.error
    assert dynamics.throttled == 0
    assert run.waited > 0


def test_check_reports_change_tracking_and_missing_privileges(dynamics, monkeypatch):
    contact(dynamics, 1)
    dynamics.change_tracking = False
    dynamics.privileges -= {"prvCreateList"}
    connection = connect(dynamics, monkeypatch, write_attendance=True)
    with translation.override("en"):
        report = DynamicsConnector(connection, SECRET).check()
    assert report.missing == ["Change tracking on the contact table", "Privilege prvCreateList"]
    assert any("1" in line for line in report.seen)


def test_wrong_client_secret_fails_without_echoing_it(dynamics, monkeypatch):
    connection = connect(dynamics, monkeypatch)
    monkeypatch.setenv(connection.secret_env, "not-the-aad-secret")
    run = sync_connection(connection)
    assert run.status == SyncRun.Status.FAILED
    assert "401" in run.error and "not-the-aad" not in run.error


# the property


def expected(sim) -> dict[str, dict]:
    out = {}
    for source_id, row in sim.active().items():
        out[source_id] = Contact(
            source_id,
            sim.clock.now,
            row.get("firstname") or "",
            row.get("lastname") or "",
            [e for e in (row.get("emailaddress1"), row.get("emailaddress2")) if e],
            [p for p in (row.get("telephone1"), row.get("mobilephone")) if p],
            organisation=row.get("company") or "",
            job_title=row.get("jobtitle") or "",
            city=row.get("address1_city") or "",
        ).cleaned()[0]
    return out


def dynamics_vendor(sim, monkeypatch) -> Vendor:
    counter = [0]

    def add(rng, tag):
        counter[0] += 1
        n = counter[0]
        sim.create(
            firstname=f"P{n}",
            lastname=f"N{n}",
            emailaddress1=f"c{n}.{tag}@example.org",
            address1_city=rng.choice(["Bruxelles", None]),
        )

    def fill(rng, tag):
        for _ in range(rng.randint(2, 6)):
            add(rng, tag)

    def change(rng, tag):
        ids = sorted(sim.contacts)
        action = rng.choice(["add", "edit", "touch", "deactivate", "activate", "delete"])
        if action == "add" or not ids:
            add(rng, tag)
            return
        victim = rng.choice(ids)
        if action == "edit":
            sim.update(
                victim,
                jobtitle=rng.choice(["Chorégraphe", None]),
                emailaddress2=rng.choice([f"alt{counter[0]}.{tag}@example.org", None]),
            )
        elif action == "touch":
            sim.update(victim)
        elif action == "deactivate":
            sim.update(victim, statecode=1)
        elif action == "activate":
            sim.update(victim, statecode=0)
        elif action == "delete":
            sim.delete(victim)

    return Vendor(
        kind="dynamics",
        sim=sim,
        connect=lambda agency: connect(sim, monkeypatch, agency),
        fill=fill,
        change=change,
        expected=lambda: expected(sim),
    )


def test_property_after_any_faults_the_mirror_converges_to_dynamics(dynamics, monkeypatch):
    monkeypatch.setattr("crm_sync.connectors.dynamics.PAGE_SIZE", 3)
    dynamics.windows[0].requests = 10**6
    stats = run_schedules(dynamics_vendor(dynamics, monkeypatch))
    assert stats["failed"] > 0 or stats["runs"] < 100  # the faults did bite
