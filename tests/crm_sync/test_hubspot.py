"""The HubSpot connector against the HubSpot simulator."""

import pytest
from django.utils import translation

from crm_sync.connectors.hubspot import HubSpotConnector
from crm_sync.engine import sync_connection
from crm_sync.models import Connection, SyncRun
from crm_sync.ratelimit import RateLimiter
from people.contact import Contact
from people.models import Person, SourceRecord

from .convergence import Vendor, live_ids, run_schedules
from .simulators.hubspot import HubSpotSimulator, stamp

pytestmark = pytest.mark.django_db

TOKEN = "pat-eu1-0000-test"


@pytest.fixture(scope="module")
def hubspot_server():
    with HubSpotSimulator(token=TOKEN) as sim:
        yield sim


@pytest.fixture
def hubspot(hubspot_server, fast_http):
    hubspot_server.reset(0)
    return hubspot_server


def connect(sim, monkeypatch, agency="wbmusiques", **fields) -> Connection:
    name = f"PASSERELLES_CRM_{agency.upper()}_TOKEN"
    monkeypatch.setenv(name, TOKEN)
    fields.setdefault("rate_limit", 10000)  # the property tests are not about pacing
    return Connection.objects.create(
        agency=agency, kind="hubspot", url=sim.url, secret_env=name, **fields
    )


def person(sim, n, tag="t", **extra):
    props = {
        "firstname": f"Prénom{n}",
        "lastname": f"Nom{n}",
        "email": f"c{n}.{tag}@example.org",
        "jobtitle": "",
    }
    props.update(extra)
    return sim.create(**props)


def test_full_then_incremental_sync_mirrors_changes_archives_and_merges(hubspot, monkeypatch):
    ids = [person(hubspot, n) for n in range(5)]
    connection = connect(hubspot, monkeypatch)
    first = sync_connection(connection)
    assert first.status == SyncRun.Status.SUCCEEDED, first.error
    assert first.created == 5
    hubspot.update(ids[0], jobtitle="Sound designer")
    hubspot.archive(ids[1])
    hubspot.merge(ids[2], ids[3])  # 2 merged into 3
    hubspot.settle()
    second = sync_connection(connection)
    assert second.status == SyncRun.Status.SUCCEEDED, second.error
    assert live_ids() == {ids[0], ids[3], ids[4]}
    assert Person.objects.get(email="c0.t@example.org").job_title == "Sound designer"
    survivor = SourceRecord.objects.get(source_id=ids[3])
    assert survivor.data["emails"] == ["c3.t@example.org", "c2.t@example.org"]


def test_a_gdpr_deletion_is_noticed_by_a_full_run_only(hubspot, monkeypatch):
    ids = [person(hubspot, n) for n in range(3)]
    connection = connect(hubspot, monkeypatch)
    sync_connection(connection)
    hubspot.gdpr_delete(ids[1])
    sync_connection(connection)
    assert ids[1] in live_ids()
    run = sync_connection(connection, full=True)
    assert run.deleted == 1
    assert live_ids() == {ids[0], ids[2]}


def test_incremental_reads_never_hit_the_search_cap_and_keep_ties(hubspot, monkeypatch):
    # 12 contacts changed at one instant, a cap of 4 results per query and
    # pages of 3: offsets alone would stop at the cap; keyed queries read all.
    monkeypatch.setattr("crm_sync.connectors.hubspot.SEARCH_PAGE", 3)
    hubspot.search_cap = 4
    ids = [person(hubspot, n) for n in range(12)]
    connection = connect(hubspot, monkeypatch)
    sync_connection(connection)
    hubspot.clock.rng.random = lambda: 1.0  # every change lands on a new instant…
    hubspot.update(ids[0], jobtitle="x")
    hubspot.clock.rng.random = lambda: 0.0  # …then all the others on that same one
    for contact_id in ids[1:]:
        hubspot.update(contact_id, jobtitle="Architecte")
    hubspot.settle()
    run = sync_connection(connection)
    assert run.status == SyncRun.Status.SUCCEEDED, run.error
    assert run.updated == 12
    assert Person.objects.filter(job_title="Architecte").count() == 11


def test_429_with_and_without_retry_after_and_5xx_are_retried(hubspot, monkeypatch):
    for n in range(4):
        person(hubspot, n)
    connection = connect(hubspot, monkeypatch)
    hubspot.plan({1: "429", 2: "429-bare", 3: "503", 5: "cut"})
    run = sync_connection(connection)
    assert run.status == SyncRun.Status.SUCCEEDED, run.error
    assert run.created == 4


class VirtualTime:
    """Seconds that pass only while someone waits: one clock for the client's rate
    limiter and the simulator's limits, so what the client waited is exact whatever
    the machine's load (on the wall clock a slow answer leaves less to wait)."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += max(0.0, seconds)


def test_the_client_keeps_under_the_account_limit_it_is_told(hubspot, monkeypatch):
    # A tiny account: 4 requests per 0.5 s, as its rate-limit headers say.
    hubspot.windows[0].requests = hubspot.burst = 4
    hubspot.windows[0].seconds = hubspot.interval = 0.5
    monkeypatch.setattr("crm_sync.connectors.hubspot.LIST_PAGE", 2)
    clock = VirtualTime()
    monkeypatch.setattr(hubspot, "monotonic", clock)
    init = RateLimiter.__init__

    def on_the_virtual_clock(self, limits=None, **options) -> None:
        init(self, limits, **{**options, "clock": clock, "sleep": clock.sleep})

    monkeypatch.setattr(RateLimiter, "__init__", on_the_virtual_clock)
    for n in range(14):
        person(hubspot, n)
    connection = connect(hubspot, monkeypatch, rate_limit=None)
    before = hubspot.count
    run = sync_connection(connection)
    assert run.status == SyncRun.Status.SUCCEEDED, run.error
    assert hubspot.throttled == 0
    # Pages of 2 of 14 contacts: more requests than one window holds, and each
    # window after the first is waited for in full (plus the limiter's margin).
    requests = hubspot.count - before
    assert requests > 4
    assert run.waited == pytest.approx((requests - 1) // 4 * 0.5, rel=0.01)


def test_check_reports_what_it_sees_and_the_missing_scopes(hubspot, monkeypatch):
    person(hubspot, 1)
    connection = connect(hubspot, monkeypatch, write_attendance=True)
    report = HubSpotConnector(connection, TOKEN).check()
    assert report.missing == ["crm.objects.contacts.write", "crm.schemas.contacts.write"]
    assert not report.ok
    assert any("1" in line for line in report.seen)
    hubspot.scopes += ["crm.objects.contacts.write", "crm.schemas.contacts.write"]
    assert HubSpotConnector(connection, TOKEN).check().ok


def test_a_wrong_token_fails_the_run_without_echoing_it(hubspot, monkeypatch):
    connection = connect(hubspot, monkeypatch)
    monkeypatch.setenv(connection.secret_env, "pat-wrong-secret-value")
    run = sync_connection(connection)
    assert run.status == SyncRun.Status.FAILED
    assert "401" in run.error and "pat-wrong" not in run.error


# the property


def expected(sim) -> dict[str, dict]:
    out = {}
    for source_id, p in sim.live().items():
        emails = [p.get("email")] + (p.get("hs_additional_emails") or "").split(";")
        contact = Contact(
            source_id,
            sim.clock.now,
            p.get("firstname") or "",
            p.get("lastname") or "",
            [e for e in emails if e],
            [x for x in (p.get("phone"), p.get("mobilephone")) if x],
            organisation=p.get("company") or "",
            job_title=p.get("jobtitle") or "",
            city=p.get("city") or "",
        )
        out[source_id] = contact.cleaned()[0]
    return out


def hubspot_vendor(sim, monkeypatch) -> Vendor:
    deleted: set[str] = set()
    counter = [0]

    def fill(rng, tag):
        deleted.clear()
        for _ in range(rng.randint(2, 6)):
            add(rng, tag)

    def add(rng, tag):
        counter[0] += 1
        n = counter[0]
        sim.create(
            firstname=f"P{n}",
            lastname=f"N{n}",
            email=f"c{n}.{tag}@example.org",
            city=rng.choice(["Liège", "Gent", ""]),
        )

    def change(rng, tag):
        live, archived = sorted(sim.live()), sorted(sim.archived())
        action = rng.choice(["add", "edit", "touch", "archive", "restore", "merge", "delete"])
        if action == "add" or not live:
            add(rng, tag)
        elif action == "edit":
            sim.update(
                rng.choice(live),
                jobtitle=rng.choice(["Régisseur", "Architecte", ""]),
                phone=rng.choice(["+32 4 123 45 67", ""]),
            )
        elif action == "touch":
            sim.update(rng.choice(live))
        elif action == "archive":
            sim.archive(rng.choice(live))
        elif action == "restore" and archived:
            sim.restore(rng.choice(archived))
        elif action == "merge" and len(live) >= 2:
            loser, winner = rng.sample(live, 2)
            sim.merge(loser, winner)
        elif action == "delete":
            victim = rng.choice(live)
            merged = sim.live()[victim].get("hs_merged_object_ids") or ""
            sim.gdpr_delete(victim)
            # Contacts merged into it vanish with it: no listing tells of them.
            deleted.update([victim, *filter(None, merged.split(";"))])

    return Vendor(
        kind="hubspot",
        sim=sim,
        connect=lambda agency: connect(sim, monkeypatch, agency),
        fill=fill,
        change=change,
        expected=lambda: expected(sim),
        unseen_deletions=lambda: set(deleted),
        settle=sim.settle,
    )


def test_property_after_any_faults_the_mirror_converges_to_hubspot(hubspot, monkeypatch):
    for window in hubspot.windows:  # pacing has its own tests; 429s come from the schedule
        window.requests = 10**6
    monkeypatch.setattr("crm_sync.connectors.hubspot.LIST_PAGE", 3)
    monkeypatch.setattr("crm_sync.connectors.hubspot.SEARCH_PAGE", 3)
    stats = run_schedules(hubspot_vendor(hubspot, monkeypatch))
    assert stats["failed"] > 0 or stats["runs"] < 100  # the faults did bite


def test_valid_json_of_the_wrong_shape_fails_the_run_with_a_message_or_is_cleaned(
    hubspot, monkeypatch
):
    """A lone surrogate is cleaned away; a record whose properties are not an object
    fails the run with a message naming where, never an interruption with an empty error."""
    person(hubspot, 1, firstname="Ann\ud800a")  # valid JSON: "Ann\\ud800a"
    broken = person(hubspot, 2)
    connection = connect(hubspot, monkeypatch)
    original = hubspot._json

    def damaged(contact_id, view, properties):
        row = original(contact_id, view, properties)
        if str(contact_id) == broken:
            row["properties"] = "not an object"
        return row

    monkeypatch.setattr(hubspot, "_json", damaged)
    with translation.override("en"):
        run = sync_connection(connection)
    assert run.status == SyncRun.Status.FAILED
    assert "wbmusiques" in run.error and "on the first page" in run.error
    assert "AttributeError" in run.error

    monkeypatch.setattr(hubspot, "_json", original)
    run = sync_connection(connection)
    assert run.status == SyncRun.Status.SUCCEEDED, run.error
    assert Person.objects.get(email="c1.t@example.org").first_name == "Anna"


def test_the_simulator_searches_exactly_as_testing_every_contact(hubspot, monkeypatch):
    """The simulator's fast search (compiled filters, keyset start) answers what
    testing `_matches` on every contact does, index lag and archives included,
    so benchmarks measure the client's pacing and tests keep HubSpot's semantics."""
    import json
    import random

    from .simulators.base import Request

    sim = hubspot
    monkeypatch.setattr(sim, "search_cap", 10000)  # another test may have lowered it
    ids = [person(sim, n, jobtitle=random.Random(n).choice(["", "A", "B"])) for n in range(300)]
    sim.settle()
    rng = random.Random(7)
    for contact_id in rng.sample(ids, 60):  # changed within the index lag: old view or none
        sim.update(contact_id, jobtitle="C")
    for contact_id in rng.sample(ids, 20):
        sim.archive(contact_id)
    times = sorted(int(r["modified"].timestamp() * 1000) for r in sim.records.values())

    def reference(groups, key):
        found = [
            (i, view)
            for i, record in sim.records.items()
            if (view := sim._indexed(record)) is not None
            and not view["archived"]
            and any(sim._matches(i, view, filters) for filters in groups)
        ]
        return sorted(
            found, key=lambda item: item[0] if key == "hs_object_id" else item[1]["modified"]
        )

    for _ in range(200):
        groups = []
        for _ in range(rng.randint(1, 2)):
            filters = []
            for name in rng.sample(
                ["lastmodifieddate", "hs_object_id", "jobtitle"], rng.randint(0, 3)
            ):
                op = rng.choice(["GT", "GTE", "LT", "LTE", "EQ"])
                value = {
                    "lastmodifieddate": rng.choice(times),
                    "hs_object_id": str(rng.choice(ids)),
                    "jobtitle": rng.choice(["A", "B", "C"]),
                }[name]
                filters.append({"propertyName": name, "operator": op, "value": value})
            groups.append({"filters": filters})
        key = rng.choice(["hs_object_id", "lastmodifieddate"])
        query = {"filterGroups": groups, "sorts": [{"propertyName": key}], "limit": 200}
        request = Request(
            "POST", "/crm/v3/objects/contacts/search", {}, {}, json.dumps(query).encode()
        )
        reply = sim._search(request)
        assert reply.status == 200, reply.body
        answer = reply.body
        expected = reference([g["filters"] for g in groups], key)
        assert answer["total"] == len(expected)
        got = [row["id"] for row in answer["results"]]
        if key == "hs_object_id":
            assert got == [str(i) for i, _ in expected[:200]]
        else:  # ties in any order: the same modification times, in order
            assert [row["properties"]["lastmodifieddate"] for row in answer["results"]] == [
                stamp(view["modified"]) for _, view in expected[:200]
            ]
