"""Benchmark of the impact view: 10 editions, 2,000 encounters, on PostgreSQL.

    DJANGO_SETTINGS_MODULE=passerelles.settings.test \
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/passerelles_impact_bench \
    .venv/bin/python bench/impact_bench.py [--editions 10] [--attendees 150] \
        [--encounters 2000] [--runs 20]

What it does:

1. creates the database ``passerelles_impact_bench`` if missing (its own
   database: it refuses any other name), migrates it and loads the demo's
   public site (sectors, agencies, editions) once;
2. adds past editions until there are ``--editions`` of them, empties the
   outcomes and directory tables, then generates the history with the demo's
   own generator (`passerelles.demo.outcomes.generate_history`): attendees per
   edition, returning people, encounters spread over the editions, ladders
   with drop-off, reminders;
3. times, ``--runs`` times each: ``build_report`` alone (the figures), the
   admin's impact view rendered by the test client as a staff member with
   the impact permission (figures, three SVG charts, tables, the admin page),
   the XLSX export and the PDF export; prints min, median and max, and the
   number of SQL queries of one view;
4. times, in the same run, the same admin page without figures (a filter
   that does not validate: the admin's chrome, menus and form only) and
   prints each row's ratio to it, so that runs on a loaded machine can be
   compared: the load slows both alike.
"""

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import time

import common

DATABASE = "passerelles_impact_bench"


def timed(function, runs: int) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--editions", type=int, default=10)
    parser.add_argument("--attendees", type=int, default=150)
    parser.add_argument("--encounters", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    settings = common.bench_settings(DATABASE, "_impact_bench")
    common.ensure_database(settings)
    subprocess.run([sys.executable, str(common.ROOT / "manage.py"), "migrate", "-v0"], check=True)
    subprocess.run(
        [sys.executable, str(common.ROOT / "manage.py"), "load_demo", "--without-directory"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    common.setup_django(DATABASE)

    from django.contrib.auth.models import Permission, User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from editions.models import EditionIndexPage, EditionPage
    from outcomes.impact import build_report, past_editions
    from outcomes.models import Encounter
    from passerelles.demo.outcomes import generate_history
    from people.models import Person, Project

    editions = list(past_editions())
    index = EditionIndexPage.objects.filter(locale__language_code="fr").first()
    start = min(e.start for e in editions)
    while len(editions) < args.editions:
        start -= dt.timedelta(days=182)
        page = EditionPage(
            title=f"Bench {start:%Y-%m}", slug=f"bench-{start:%Y-%m}", start=start, introduction="."
        )
        index.add_child(instance=page)
        editions.append(page)
    editions = sorted(editions, key=lambda e: e.start)[-args.editions :]

    Encounter.objects.all().delete()
    Project.objects.all().delete()
    Person.objects.all().delete()
    started = time.perf_counter()
    history = generate_history(
        editions,
        attendees_per_edition=args.attendees,
        encounters_per_edition=args.encounters // len(editions),
        prefix="b",
    )
    print(
        f"generated in {time.perf_counter() - started:.1f} s: {history.people} people, "
        f"{history.attendances} attendances, {history.encounters} encounters, "
        f"{history.steps} steps, {history.follow_ups} reminders, {history.projects} projects"
    )

    user, _ = User.objects.get_or_create(username="impact-bench", defaults={"is_staff": True})
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["access_admin", "view_impact"])
    )
    client = Client()
    client.force_login(user)

    def view(query: str = ""):
        response = client.get("/admin/outcomes/impact/" + query)
        assert response.status_code == 200, response.status_code

    view()  # warm caches (templates, content types)
    with CaptureQueriesContext(connection) as queries:
        view()
    print(f"impact view: {len(queries)} SQL queries")
    rows = [
        ("admin page without figures (reference)", lambda: view("?since=not-a-date")),
        ("build_report (figures only)", lambda: build_report()),
        ("impact view, all editions (HTML + 3 SVG)", view),
        ("impact view, one agency", lambda: view("?agency=wbmusiques")),
        ("XLSX export", lambda: view("?format=xlsx")),
        ("PDF export (one page)", lambda: view("?format=pdf")),
    ]
    print(
        f"\n{'what':<44} {'min ms':>8} {'median':>8} {'max':>8} {'× ref':>6}   ({args.runs} runs)"
    )
    reference = None
    for label, function in rows:
        low, median, high = timed(function, args.runs)
        reference = reference or median
        print(f"{label:<44} {low:>8.1f} {median:>8.1f} {high:>8.1f} {median / reference:>6.2f}")
    print(
        f"\n{timezone.now():%Y-%m-%d}, Python {sys.version.split()[0]}, "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main()
