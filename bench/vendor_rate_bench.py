# ruff: noqa: S105, S106 (made-up secrets for loopback simulators)
"""Each vendor connector against its simulator at the vendor's documented rate limit.

The question: does the client-side limiter keep a run under the vendor's
limits (no 429) without making it slower than those limits allow? For each
vendor the simulator enforces the limit on arrival (a sliding window, as the
vendors count), the connector paces itself with its defaults, and the run's
wall time is compared with the earliest moment the limit lets the same
requests go (the exact sliding-window schedule for them, with no time spent
anywhere else). Target: at most 10 % slower, and no 429.

The run is the connector reading every page (as a sync does) without the
engine writing the directory: the question is the pacing, and the engine's
own speed is `sync_bench.py`'s business (with ``--through-engine`` the whole
sync runs, pages of 10 contacts; on a loaded machine that run is
engine-bound). Page sizes are the connectors' own, except Dynamics 365: its
limit (6,000 requests per 5 minutes, 20/s) binds only past 6,000 requests,
so its window is scaled to 60 per 3 s (the same 20/s) and pages to 50;
Odoo's pages are 100 (its simulator evaluates the domain on every partner).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/passerelles_ratebench \\
    .venv/bin/python bench/vendor_rate_bench.py [--only hubspot-full,…]

It uses its own database (the name must end in ``_ratebench``), creates and
migrates it if needed, and empties its directory tables at each start.
"""

import argparse
import datetime as dt
import faulthandler
import os
import signal
import time
from collections import deque
from pathlib import Path

import common

DATABASE = "passerelles_ratebench"
PAGE = 10


def allowed_seconds(paths: list[str], windows) -> float:
    """The earliest time the last of these requests may be sent under the windows."""
    from tests.crm_sync.simulators.base import Request

    sent: dict[int, deque] = {i: deque() for i in range(len(windows))}
    now = 0.0
    for path in paths:
        request = Request("GET", path, {}, {}, b"")
        applying = [i for i, w in enumerate(windows) if w.applies(request)]
        for i in applying:
            if len(sent[i]) >= windows[i].requests:
                now = max(now, sent[i][-windows[i].requests] + windows[i].seconds)
        for i in applying:
            sent[i].append(now)
    return now


def achievable_seconds(paths: list[str], windows, log: list[list[float]], started: float):
    """The earliest end of the run with the same requests, round trips and client work.

    On a loaded machine the simulator's answers (and the client's decoding)
    can take longer than the limit's pace: the run is then slower than the
    limit allows whatever the pacing. This replays the measured round trips
    and the client's time between an answer and the next request under the
    simulator's windows, counting each request on arrival (at its sending):
    what a perfect pacer would have reached. None when the requests cannot
    be matched with the simulator's log one to one.
    """
    from tests.crm_sync.simulators.base import Request

    if len(paths) != len(log):
        return None
    sent: dict[int, deque] = {i: deque() for i in range(len(windows))}
    end, previous_answer = 0.0, started
    for path, (called, sent_at, answered) in zip(paths, log, strict=True):
        request = Request("GET", path, {}, {}, b"")
        applying = [i for i, w in enumerate(windows) if w.applies(request)]
        start = end + max(0.0, called - previous_answer)  # the client's own work
        for i in applying:
            if len(sent[i]) >= windows[i].requests:
                start = max(start, sent[i][-windows[i].requests] + windows[i].seconds)
        for i in applying:
            sent[i].append(start)
        end = start + (answered - sent_at)
        previous_answer = answered
    return end


def record_requests(log: list) -> None:
    """Log (called, sent, answered) of every paced request, by wrapping the limiter's methods."""
    from crm_sync.ratelimit import GENERAL, RateLimiter

    acquire, finished = RateLimiter.acquire, RateLimiter.finished

    def timed_acquire(self, bucket=GENERAL):
        called = time.monotonic()
        waited = acquire(self, bucket)
        log.append([called, time.monotonic(), None])
        return waited

    def timed_finished(self):
        finished(self)
        if log and log[-1][2] is None:
            log[-1][2] = time.monotonic()

    RateLimiter.acquire, RateLimiter.finished = timed_acquire, timed_finished


REQUESTS: list = []


def warm(sim, connection) -> None:
    """One unpaced sync, ANALYZE, then an empty directory again: the measured run meets a
    database with statistics (a fresh database's planner is sync_bench.py's subject)."""
    from django.db import connection as db

    from crm_sync.engine import sync_connection
    from crm_sync.models import SyncRun
    from people.models import Person, SourceRecord

    windows = [(w, w.requests) for w in sim.windows]
    for window, _ in windows:
        window.requests = 10**9
    limit, connection.rate_limit = connection.rate_limit, 10**6
    sync_connection(connection, full=True)
    connection.rate_limit = limit
    for window, requests in windows:
        window.requests = requests
    with db.cursor() as cursor:
        cursor.execute("ANALYZE")
    SourceRecord.objects.all().delete()
    Person.objects.all().delete()
    SyncRun.objects.all().delete()
    type(connection).objects.filter(pk=connection.pk).update(cursor={})
    connection.cursor = {}


THROUGH_ENGINE = False


def read_all(connection, since=None) -> tuple[int, float]:
    """Every page as a sync reads them (connector only); return (contacts, seconds waited)."""
    from django.utils import timezone

    from crm_sync.connectors import get_connector
    from crm_sync.connectors.base import EPOCH, Window
    from crm_sync.engine import read_secret

    connector = get_connector(connection, read_secret(connection))
    window = Window(
        after=since or EPOCH,
        after_id="",
        until=timezone.now(),
        state=(connection.cursor or {}).get("state"),
    )
    contacts = 0
    for page in connector.pages(window, None):
        contacts += len(page.contacts)
    connector.close()
    return contacts, connector.waited


def run_scenario(name: str, sim, connection, prepare=None, since=None) -> dict:
    from crm_sync.engine import sync_connection

    if prepare:
        prepare()
    for window in sim.windows:
        window.times.clear()
    sim.paths.clear()
    sim.throttled = 0
    REQUESTS.clear()
    started = time.monotonic()
    if THROUGH_ENGINE:
        run = sync_connection(connection)
        assert run.status == "succeeded", run.error
        contacts, waited = run.fetched, run.waited
    else:
        contacts, waited = read_all(connection, since)
    elapsed = time.monotonic() - started
    allowed = allowed_seconds(sim.paths, sim.windows)
    log = [entry for entry in REQUESTS if entry[2] is not None]
    achievable = achievable_seconds(list(sim.paths), sim.windows, log, started)
    best = max(allowed, achievable or 0.0)
    return {
        "scenario": name,
        "contacts": contacts,
        "requests": len(sim.paths),
        "allowed_s": round(allowed, 2),
        "elapsed_s": round(elapsed, 2),
        "slower_pct": round(100 * (elapsed / allowed - 1), 1) if allowed else 0.0,
        # Against what the same round trips allowed (the pacing's own cost).
        "achievable_s": round(achievable, 2) if achievable is not None else None,
        "pacing_pct": round(100 * (elapsed / best - 1), 1) if best else 0.0,
        "waited_s": round(waited, 2),
        "http_429": sim.throttled,
    }


def main() -> None:
    global THROUGH_ENGINE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated scenario names")
    parser.add_argument("--through-engine", action="store_true", help="whole syncs, small pages")
    parser.add_argument(
        "--answer-based",
        action="store_true",
        help="count every request from its answer (the limiter before issue 16), for comparison",
    )
    args = parser.parse_args()
    THROUGH_ENGINE = args.through_engine
    settings = common.bench_settings(DATABASE, "_ratebench")
    common.ensure_database(settings)
    common.setup_django(DATABASE)
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", interactive=False, verbosity=0)
    record_requests(REQUESTS)
    if args.answer_based:
        from crm_sync.ratelimit import RateLimiter

        RateLimiter._credit = lambda self: 0.0

    import crm_sync.connectors.dynamics as dynamics_module
    import crm_sync.connectors.hubspot as hubspot_module
    import crm_sync.connectors.odoo as odoo_module
    from crm_sync.models import Connection
    from crm_sync.ratelimit import Limit
    from tests.crm_sync.simulators.base import Window
    from tests.crm_sync.simulators.dynamics import DynamicsSimulator
    from tests.crm_sync.simulators.hubspot import HubSpotSimulator
    from tests.crm_sync.simulators.odoo import OdooSimulator
    from tests.crm_sync.simulators.salesforce import SalesforceSimulator

    # Sizes: enough requests that each vendor's limit binds (see the docstring).
    scale = 10 if THROUGH_ENGINE else 1
    if THROUGH_ENGINE:
        hubspot_module.LIST_PAGE = hubspot_module.SEARCH_PAGE = PAGE
    # The Odoo simulator evaluates its domain on every partner per call: pages of 100.
    odoo_module.PAGE_SIZE = PAGE if THROUGH_ENGINE else 100
    dynamics_module.PAGE_SIZE = PAGE if THROUGH_ENGINE else 50
    dynamics_module.LIMITS = {"*": [Limit(60, 3.0)]}
    only = set(filter(None, args.only.split(",")))
    results = []

    def connection_for(agency: str, **fields) -> Connection:
        Connection.objects.filter(agency=agency).delete()
        connection = Connection.objects.create(agency=agency, **fields)
        if THROUGH_ENGINE:
            warm(sim, connection)
        return connection

    def wanted(name: str) -> bool:
        return not only or name in only

    if wanted("hubspot-full"):
        with HubSpotSimulator(token="pat-bench") as sim:
            os.environ["PASSERELLES_CRM_WBMUSIQUES_TOKEN"] = "pat-bench"
            sim.clock.small = True  # changes seconds apart, all in the past
            for n in range(30000 // scale):
                sim.create(firstname=f"P{n}", lastname=f"N{n}", email=f"c{n}@bench.example")
            connection = connection_for(
                "wbmusiques",
                kind="hubspot",
                url=sim.url,
                secret_env="PASSERELLES_CRM_WBMUSIQUES_TOKEN",
            )
            results.append(run_scenario("hubspot-full (list, 100 per 10 s)", sim, connection))

    if wanted("hubspot-incremental"):
        # Its own, smaller account (the simulator still tests every contact after the
        # keyset id: 40–80 ms a search for 10,000 at load 6; real HubSpot answers in 0.1–0.3 s).
        with HubSpotSimulator(token="pat-bench") as sim:
            os.environ["PASSERELLES_CRM_WBMUSIQUES_TOKEN"] = "pat-bench"
            sim.clock.small = True
            ids = [
                sim.create(firstname=f"P{n}", lastname=f"N{n}", email=f"c{n}@bench.example")
                for n in range(10000 // scale)
            ]
            connection = connection_for(
                "wbmusiques",
                kind="hubspot",
                url=sim.url,
                secret_env="PASSERELLES_CRM_WBMUSIQUES_TOKEN",
            )
            since = timezone.now()

            def touch():
                # Every contact edited half an hour ago (the index has caught up).
                for contact_id in ids:
                    sim.update(contact_id, jobtitle="Bench")
                    sim.records[int(contact_id)]["modified"] = since - dt.timedelta(minutes=30)
                sim.clock.now = since

            results.append(
                run_scenario(
                    "hubspot-incremental (search, 5 per s)",
                    sim,
                    connection,
                    touch,
                    since - dt.timedelta(hours=1),
                )
            )

    if wanted("salesforce"):
        with SalesforceSimulator(client_secret="sf-bench") as sim:
            os.environ["PASSERELLES_CRM_WBIMAGES_CLIENT_SECRET"] = "sf-bench"
            sim.batch_size = PAGE if THROUGH_ENGINE else 2000
            sim.windows = [Window("operator cap", 20, 10.0)]
            sim.clock.small = True
            for n in range(120000 // scale // (20 if THROUGH_ENGINE else 1)):
                sim.create(LastName=f"N{n}", Email=f"s{n}@bench.example")
            connection = connection_for(
                "wbimages",
                kind="salesforce",
                url=sim.url,
                token_url=f"{sim.url}/services/oauth2/token",
                client_id=sim.client_id,
                secret_env="PASSERELLES_CRM_WBIMAGES_CLIENT_SECRET",
                rate_limit=2,
            )
            results.append(
                run_scenario("salesforce (operator cap 2/s; no per-second limit)", sim, connection)
            )

    if wanted("odoo"):
        with OdooSimulator(api_key="odoo-bench") as sim:
            os.environ["PASSERELLES_CRM_WBCAMPUS_API_KEY"] = "odoo-bench"
            sim.windows = [Window("operator cap", 20, 10.0)]
            sim.clock.small = True
            for n in range(6000 // scale):
                sim.create(name=f"P{n} N{n}", email=f"o{n}@bench.example")
            connection = connection_for(
                "wbcampus",
                kind="odoo",
                url=sim.url,
                database=sim.database,
                user=sim.login,
                secret_env="PASSERELLES_CRM_WBCAMPUS_API_KEY",
                rate_limit=2,
            )
            results.append(
                run_scenario("odoo (operator cap 2/s; no documented limit)", sim, connection)
            )

    if wanted("dynamics"):
        with DynamicsSimulator(
            client_secret="aad-bench", requests_per_window=60, window_seconds=3.0
        ) as sim:
            os.environ["PASSERELLES_CRM_WBDM_CLIENT_SECRET"] = "aad-bench"
            for n in range(15000 // scale):
                sim.create(firstname=f"P{n}", lastname=f"N{n}", emailaddress1=f"d{n}@bench.example")
            connection = connection_for(
                "wbdm",
                kind="dynamics",
                url=sim.url,
                token_url=f"{sim.url}/t/oauth2/v2.0/token",
                client_id=sim.client_id,
                secret_env="PASSERELLES_CRM_WBDM_CLIENT_SECRET",
            )
            results.append(run_scenario("dynamics (20/s, as 60 per 3 s)", sim, connection))

    mode = "whole syncs, pages of 10" if THROUGH_ENGINE else "connector reads"
    print(f"mode: {mode}")
    print(
        f"{'scenario':55} {'contacts':>8} {'requests':>8} {'allowed':>8} {'elapsed':>8} "
        f"{'slower':>7} {'waited':>7} {'429':>4} {'achievable':>10} {'pacing':>7}"
    )
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for r in results:
        print(
            f"{r['scenario']:55} {r['contacts']:>8} {r['requests']:>8} {r['allowed_s']:>7}s "
            f"{r['elapsed_s']:>7}s {r['slower_pct']:>6}% {r['waited_s']:>6}s {r['http_429']:>4} "
            f"{r['achievable_s'] if r['achievable_s'] is not None else 'n/a':>9}s "
            f"{r['pacing_pct']:>6}%"
        )
    bad = [r for r in results if r["slower_pct"] > 10 or r["http_429"]]
    print("target (≤ 10 % slower than the limit allows, no 429):", "met" if not bad else "MISSED")


if __name__ == "__main__":
    os.chdir(Path(__file__).resolve().parent.parent)
    faulthandler.register(signal.SIGUSR1)  # kill -USR1 shows where it is
    main()
