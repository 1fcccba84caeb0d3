"""The Odoo connector against the Odoo simulator, on JSON-2 (19.0) and JSON-RPC (17.0)."""

import pytest
from django.utils import translation

from crm_sync.connectors.odoo import OdooConnector
from crm_sync.engine import sync_connection
from crm_sync.models import Connection, SyncRun
from people.contact import Contact
from people.models import Person

from .convergence import SCHEDULES, Vendor, live_ids, run_schedules
from .simulators.odoo import OdooSimulator

pytestmark = pytest.mark.django_db

KEY = "odoo-api-key"


@pytest.fixture(scope="module")
def odoo_server():
    with OdooSimulator(api_key=KEY) as sim:
        yield sim


@pytest.fixture(params=[19, 17], ids=["json2", "jsonrpc"])
def odoo(odoo_server, fast_http, request):
    odoo_server.reset(0)
    odoo_server.version = request.param
    odoo_server.denied = set()
    return odoo_server


def connect(sim, monkeypatch, agency="wbmusiques", **fields) -> Connection:
    name = f"PASSERELLES_CRM_{agency.upper()}_API_KEY"
    monkeypatch.setenv(name, KEY)
    return Connection.objects.create(
        agency=agency,
        kind="odoo",
        url=sim.url,
        database=sim.database,
        user=sim.login,
        secret_env=name,
        **fields,
    )


def test_partners_archived_deleted_and_companies(odoo, monkeypatch):
    ids = [
        odoo.create(name=f"Prénom{n} Nom{n}", email=f"p{n}@example.org", city="Mons")
        for n in range(4)
    ]
    company = odoo.create(name="Atelier Sans Nom", is_company=True, email="info@asn.example")
    connection = connect(odoo, monkeypatch)
    run = sync_connection(connection)
    assert run.status == SyncRun.Status.SUCCEEDED, run.error
    assert live_ids() == {str(i) for i in ids}
    assert str(company) not in live_ids()
    assert Person.objects.get(email="p0@example.org").last_name == "Nom0"
    odoo.update(ids[0], function="Cheffe de projet")
    odoo.update(ids[1], active=False)
    odoo.unlink(ids[2])
    run = sync_connection(connection)
    assert Person.objects.get(email="p0@example.org").job_title == "Cheffe de projet"
    assert live_ids() == {str(ids[0]), str(ids[2]), str(ids[3])}  # deletion not seen yet
    run = sync_connection(connection, full=True)
    assert live_ids() == {str(ids[0]), str(ids[3])}


def test_ties_on_one_second_across_pages_are_all_read(odoo, monkeypatch):
    monkeypatch.setattr("crm_sync.connectors.odoo.PAGE_SIZE", 2)
    odoo.clock.rng.random = lambda: 0.0
    ids = [odoo.create(name=f"Personne {n}", email=f"t{n}@example.org") for n in range(7)]
    run = sync_connection(connect(odoo, monkeypatch))
    assert run.status == SyncRun.Status.SUCCEEDED, run.error
    assert live_ids() == {str(i) for i in ids}


def test_check_names_the_protocol_and_the_missing_rights(odoo, monkeypatch):
    odoo.create(name="Une Personne", email="u@example.org")
    odoo.denied = {("res.partner.category", "create")}
    connection = connect(odoo, monkeypatch, write_attendance=True)
    with translation.override("en"):
        report = OdooConnector(connection, KEY).check()
    assert report.missing == ["Create access to res.partner.category"]
    assert any(("JSON-2" if odoo.version >= 19 else "JSON-RPC") in line for line in report.seen)


def test_a_wrong_api_key_fails_the_run_without_echoing_it(odoo, monkeypatch):
    connection = connect(odoo, monkeypatch)
    monkeypatch.setenv(connection.secret_env, "wrong-odoo-key-123")
    run = sync_connection(connection)
    assert run.status == SyncRun.Status.FAILED
    assert "wrong-odoo-key" not in run.error


# the property


def expected(sim) -> dict[str, dict]:
    out = {}
    for source_id, row in sim.people().items():
        first, _, last = row["name"].partition(" ")
        out[source_id] = Contact(
            source_id,
            sim.clock.now,
            first,
            last,
            [row["email"]] if row["email"] else [],
            [row["phone"]] if row["phone"] else [],
            job_title=row["function"] or "",
            city=row["city"] or "",
        ).cleaned()[0]
    return out


def odoo_vendor(sim, monkeypatch) -> Vendor:
    unlinked: set[str] = set()
    counter = [0]

    def add(rng, tag):
        counter[0] += 1
        n = counter[0]
        sim.create(
            name=f"P{n} N{n}", email=f"c{n}.{tag}@example.org", city=rng.choice(["Mons", False])
        )

    def fill(rng, tag):
        unlinked.clear()
        for _ in range(rng.randint(2, 6)):
            add(rng, tag)

    def change(rng, tag):
        ids = sorted(sim.partners)
        action = rng.choice(["add", "edit", "touch", "archive", "unarchive", "company", "unlink"])
        if action == "add" or not ids:
            add(rng, tag)
            return
        victim = rng.choice(ids)
        if action == "edit":
            sim.update(
                victim,
                function=rng.choice(["Régisseur", False]),
                phone=rng.choice(["+32 65 12 34 56", False]),
            )
        elif action == "touch":
            sim.update(victim)
        elif action == "archive":
            sim.update(victim, active=False)
        elif action == "unarchive":
            sim.update(victim, active=True)
        elif action == "company":
            sim.update(victim, is_company=rng.random() < 0.5)
        elif action == "unlink":
            sim.unlink(victim)
            unlinked.add(str(victim))

    return Vendor(
        kind="odoo",
        sim=sim,
        connect=lambda agency: connect(sim, monkeypatch, agency),
        fill=fill,
        change=change,
        expected=lambda: expected(sim),
        unseen_deletions=lambda: set(unlinked),
    )


def test_property_after_any_faults_the_mirror_converges_to_odoo(odoo, monkeypatch):
    # Half the schedules on each protocol: 200 in all.
    monkeypatch.setattr("crm_sync.connectors.odoo.PAGE_SIZE", 3)
    stats = run_schedules(odoo_vendor(odoo, monkeypatch), count=max(1, SCHEDULES // 2))
    assert stats["failed"] > 0 or stats["runs"] < 100  # the faults did bite
