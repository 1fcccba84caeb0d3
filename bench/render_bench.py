"""Server render time of every public page type in fr, nl and en, and a before/after comparison.

Each page is rendered in-process by Django's test client on a demo database
(`load_demo`): one first request (what the first visitor after a deploy pays,
rendition files included), then warm-up requests, then the median of
`--renders` timed requests, with the number of queries, the CPU time of the
process and of its PostgreSQL backend (both far less sensitive than wall time
to other work on a shared machine), and the renditions created during the
first request and during the timed ones (the timed ones should create none).

Measure one tree (this one, or another checkout with `--root`):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/passerelles_render_branch_bench \\
      .venv/bin/python bench/render_bench.py --renders 15

Compare two trees, each on its own demo database, measured alternately
(base, branch, base, branch, …) in fresh processes so that a burst of load
on a shared machine hits both sides alike:

    .venv/bin/python bench/render_bench.py compare \\
      --base /tmp/render_base postgres://postgres@127.0.0.1:5432/passerelles_render_base_bench \\
      --branch . postgres://postgres@127.0.0.1:5432/passerelles_render_branch_bench \\
      --rounds 3 --renders 15

The tree measured with `--root` only needs its own code and demo database;
this script (from any tree) does the measuring. See bench/README.md for
setting up the base checkout.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import backend_cpu_seconds

HERE = Path(__file__).resolve()
ROOT = HERE.parent.parent
PAGE_TYPES = {
    "homepage": "home",
    "agencyindexpage": "agency index",
    "agencypage": "agency",
    "editionindexpage": "edition index",
    "editionpage": "edition",
    "storyindexpage": "story index",
    "storypage": "story",
    "impactpage": "impact",
}
LANGUAGES = ("fr", "nl", "en")


def setup_django(root: Path) -> None:
    """Put `root`'s code first on sys.path and start Django with its development settings.

    DEBUG is off (as in production): Django then neither keeps every query in
    memory nor renders templates in debug mode.
    """
    for path in (root, root / "site"):
        sys.path.insert(0, str(path))
    os.chdir(root)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelles.settings.dev")
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()


def page_paths(language: str) -> dict[str, str]:
    """The path of the first live page of each public type in `language`."""
    from wagtail.models import Page

    paths: dict[str, str] = {}
    pages = (
        Page.objects.live()
        .filter(locale__language_code=language)
        .select_related("content_type")
        .order_by("path")
    )
    for page in pages:
        model = page.content_type.model
        if model in PAGE_TYPES and model not in paths:
            paths[model] = page.get_url()
    return paths


def _renditions() -> int:
    from wagtail.images import get_image_model

    return get_image_model().get_rendition_model().objects.count()


def measure(path: str, renders: int, warmup: int = 2) -> dict:
    """Render `path`: first request, `warmup` untimed ones, then `renders` timed ones."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # A persistent connection, as a production server keeps one per worker.
    client = Client(HTTP_HOST="localhost")
    before = _renditions()
    start = time.perf_counter()
    response = client.get(path)
    first_ms = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    first_renditions = _renditions() - before
    for _ in range(warmup):
        client.get(path)
    before = _renditions()
    walls, cpus, backend, queries = [], [], [], []
    for _ in range(renders):
        backend_before = backend_cpu_seconds()
        cpu_before = time.process_time()
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        walls.append((time.perf_counter() - start) * 1000)
        cpus.append((time.process_time() - cpu_before) * 1000)
        backend.append((backend_cpu_seconds() - backend_before) * 1000)
        queries.append(len(captured))
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    return {
        "path": path,
        "first_ms": round(first_ms, 1),
        "first_renditions": first_renditions,
        "ms": round(statistics.median(walls), 1),
        "cpu_ms": round(statistics.median(cpus), 1),
        "backend_cpu_ms": round(statistics.mean(backend), 1),
        "queries": max(queries),
        "renditions_created": _renditions() - before,
    }


def measure_tree(languages: list[str], types: list[str] | None, renders: int) -> list[dict]:
    """Measure every page type in every language of the current Django set-up."""
    from django.utils import translation

    results = []
    for language in languages:
        paths = page_paths(language)
        for model, label in PAGE_TYPES.items():
            if types and model not in types:
                continue
            if model not in paths:
                print(f"{language}: no live {label} page, skipped", file=sys.stderr)
                continue
            row = measure(paths[model], renders)
            translation.activate("fr")  # the test client leaves the last language active
            results.append({"language": language, "type": label, **row})
            print(
                f"{language} {label}: {row['ms']} ms, {row['queries']} queries",
                file=sys.stderr,
            )
    return results


def _uptime() -> str:
    try:
        # In UTC: Django set TZ to the site's time zone for this process and its children.
        env = {**os.environ, "TZ": "UTC"}
        return subprocess.run(["uptime"], capture_output=True, text=True, env=env).stdout.strip()
    except OSError:
        return ""


def _print_tree_table(results: list[dict]) -> None:
    print(
        "| page | lang | render (ms) | CPU (ms) | PG CPU (ms) | queries "
        "| first request (ms) | renditions made by the first request |"
    )
    print("| --- | --- |" + " ---: |" * 6)
    for r in results:
        print(
            f"| {r['type']} | {r['language']} | {r['ms']} | {r['cpu_ms']} "
            f"| {r['backend_cpu_ms']} | {r['queries']} | {r['first_ms']} "
            f"| {r['first_renditions']} |"
        )


def _child(root: Path, database_url: str, args: argparse.Namespace) -> list[dict]:
    """Measure `root` in a fresh process (its own imports, settings and database)."""
    command = [
        sys.executable,
        str(HERE),
        "--root",
        str(root),
        "--renders",
        str(args.renders),
        "--json",
        "--languages",
        *args.languages,
    ]
    if args.types:
        command += ["--types", *args.types]
    # The child must not inherit this tree's settings module or database.
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env["DATABASE_URL"] = database_url
    run = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise SystemExit(f"measuring {root} failed:\n{run.stderr[-2000:]}")
    return json.loads(run.stdout)


def compare(args: argparse.Namespace) -> int:
    """Measure base and branch alternately; print medians per page type and language."""
    sides = {"base": args.base, "branch": args.branch}
    runs: dict[str, list[list[dict]]] = {"base": [], "branch": []}
    started = time.perf_counter()
    print(f"before: {_uptime()}", file=sys.stderr)
    for round_number in range(1, args.rounds + 1):
        for side in ("base", "branch"):
            root, url = sides[side]
            print(f"round {round_number}: {side} ({root})", file=sys.stderr)
            runs[side].append(_child(Path(root).resolve(), url, args))
    print(f"after: {_uptime()}", file=sys.stderr)
    print(f"took {time.perf_counter() - started:.0f} s", file=sys.stderr)

    def collect(side: str) -> dict[tuple[str, str], dict]:
        rows: dict[tuple[str, str], list[dict]] = {}
        for run in runs[side]:
            for row in run:
                rows.setdefault((row["type"], row["language"]), []).append(row)
        return {
            key: {
                "ms": statistics.median(r["ms"] for r in values),
                "cpu_ms": statistics.median(r["cpu_ms"] for r in values),
                "queries": max(r["queries"] for r in values),
                "first_ms": statistics.median(r["first_ms"] for r in values),
                "first_renditions": max(r["first_renditions"] for r in values),
            }
            for key, values in rows.items()
        }

    base, branch = collect("base"), collect("branch")
    if args.json:
        json.dump({"base": runs["base"], "branch": runs["branch"]}, sys.stdout, indent=2)
        print()
        return 0
    print(
        "| page | lang | base (ms) | branch (ms) | change | base CPU (ms) | branch CPU (ms) "
        "| base queries | branch queries |"
    )
    print("| --- | --- |" + " ---: |" * 7)
    for key in branch:
        if key not in base:
            continue
        b, n = base[key], branch[key]
        change = (n["ms"] - b["ms"]) / b["ms"] * 100 if b["ms"] else 0
        print(
            f"| {key[0]} | {key[1]} | {b['ms']:.1f} | {n['ms']:.1f} | {change:+.0f} % "
            f"| {b['cpu_ms']:.1f} | {n['cpu_ms']:.1f} | {b['queries']} | {n['queries']} |"
        )
    print("\nBy page type (median over languages and rounds):\n")
    print("| page type | base (ms) | branch (ms) | change | base CPU (ms) | branch CPU (ms) |")
    print("| --- |" + " ---: |" * 5)
    for label in PAGE_TYPES.values():
        keys = [k for k in branch if k[0] == label and k in base]
        if not keys:
            continue
        b = statistics.median(base[k]["ms"] for k in keys)
        n = statistics.median(branch[k]["ms"] for k in keys)
        bc = statistics.median(base[k]["cpu_ms"] for k in keys)
        nc = statistics.median(branch[k]["cpu_ms"] for k in keys)
        print(f"| {label} | {b:.1f} | {n:.1f} | {(n - b) / b * 100:+.0f} % | {bc:.1f} | {nc:.1f} |")
    return 0


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "compare":
        parser = argparse.ArgumentParser(description="Compare two trees, alternately.")
        parser.add_argument("compare")
        parser.add_argument("--base", nargs=2, metavar=("ROOT", "DATABASE_URL"), required=True)
        parser.add_argument("--branch", nargs=2, metavar=("ROOT", "DATABASE_URL"), required=True)
        parser.add_argument("--rounds", type=int, default=3, help="alternations base/branch")
        parser.add_argument("--renders", type=int, default=15, help="timed renders per page")
        parser.add_argument("--languages", nargs="+", default=list(LANGUAGES))
        parser.add_argument("--types", nargs="+", choices=sorted(PAGE_TYPES))
        parser.add_argument("--json", action="store_true", help="every run as JSON")
        return compare(parser.parse_args())
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the tree whose code is measured")
    parser.add_argument("--languages", nargs="+", default=list(LANGUAGES))
    parser.add_argument("--types", nargs="+", choices=sorted(PAGE_TYPES), help="page types")
    parser.add_argument("--renders", type=int, default=15, help="timed renders per page")
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
    args = parser.parse_args()
    setup_django(args.root.resolve())
    print(f"before: {_uptime()}", file=sys.stderr)
    results = measure_tree(args.languages, args.types, args.renders)
    print(f"after: {_uptime()}", file=sys.stderr)
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        print()
    else:
        _print_tree_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
