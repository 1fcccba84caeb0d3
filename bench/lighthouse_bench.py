"""Lighthouse on every public page type in fr, nl and en, plus the server's render time.

Needs a running demo and Lighthouse from npm (pinned in bench/package.json):

    make bench-deps                     # npm ci in bench/ (Lighthouse) and Debian's Chromium
    make run                            # in another terminal: the demo on http://127.0.0.1:8000
    .venv/bin/python bench/lighthouse_bench.py
    .venv/bin/python bench/lighthouse_bench.py --base-url http://127.0.0.1:8123 --languages nl
    .venv/bin/python bench/lighthouse_bench.py --runs 3    # the median run of three per page

For each page type (home, agency index, agency, edition index, edition, story
index, story, impact page) and language, it records:

- Lighthouse's four scores (performance, accessibility, best practices, SEO)
  with its default mobile preset (emulated mid-range phone, throttled 4G);
- the bytes transferred on a first visit, by kind (document, stylesheet,
  script, font, image, other) from Lighthouse's resource summary, and the
  "first visit" total the issue budgets: HTML + CSS + JS + fonts <= 150 KB;
- the server's render time: the page rendered in-process by Django's test
  client on the demo's database (DATABASE_URL, as `make run` uses it), warm,
  the median of `--renders` requests, with the number of queries (measured by
  bench/render_bench.py's `measure`; that script alone compares two checkouts).

With `--runs N`, Lighthouse runs N times per page and the table shows the
median run, chosen as Lighthouse's own `computeMedianRun` does (the run
closest to the median first contentful paint and time to interactive), with
every run's performance score beside it: one simulated run moves by a point
or two from run to run, which is why Lighthouse's documentation on
variability advises several runs and their median.

The page of each type is the first live one of that type in the language.
Lighthouse drives Debian's Chromium (CHROME_PATH, default /usr/bin/chromium).
Prints a Markdown table (or JSON) to paste into docs/benchmarks.md.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from render_bench import PAGE_TYPES, measure, page_paths

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
KINDS = ("document", "stylesheet", "script", "font", "image", "other")
FIRST_VISIT_KINDS = ("document", "stylesheet", "script", "font")
BUDGET = 150 * 1024


def setup_django() -> None:
    for path in (ROOT / "bench", ROOT, ROOT / "site"):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelles.settings.dev")
    import django

    django.setup()


def render_time(path: str, renders: int) -> tuple[float, int]:
    """Median milliseconds to render `path` in-process, and its number of queries.

    The same measure as bench/render_bench.py (first request, two warm-ups,
    then the median of `renders`), which also compares two checkouts.
    """
    row = measure(path, renders)
    return row["ms"], row["queries"]


def lighthouse(url: str) -> dict:
    """Run Lighthouse (mobile preset, its default) on `url`; return its report (LHR)."""
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={output}",
            "--only-categories=" + ",".join(CATEGORIES),
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ]
        env = {**os.environ, "CHROME_PATH": CHROME}
        # On a loaded machine Chromium sometimes fails to start or to answer in
        # time: one more try, then the error is reported with Lighthouse's words.
        for _attempt in (1, 2):
            run = subprocess.run(command, env=env, timeout=300, capture_output=True, text=True)
            if run.returncode == 0 and output.exists():
                return json.loads(output.read_text())
        raise RuntimeError(f"Lighthouse failed on {url}: {run.stderr.strip()[-500:]}")


def median_run(reports: list[dict]) -> dict:
    """The run closest to the median FCP and TTI of `reports` (Lighthouse's computeMedianRun)."""

    def metric(report: dict, audit: str) -> float:
        return report["audits"][audit]["numericValue"]

    def median(values: list[float]) -> float:
        ordered = sorted(values)
        middle = len(ordered) // 2
        return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2

    fcp = median([metric(r, "first-contentful-paint") for r in reports])
    tti = median([metric(r, "interactive") for r in reports])

    def proximity(report: dict) -> tuple[float, float]:
        # Squared distances in milliseconds, ties broken by the lower TTI, as
        # lighthouse/core/lib/median-run.js does.
        fcp_gap = fcp - metric(report, "first-contentful-paint")
        tti_gap = tti - metric(report, "interactive")
        return fcp_gap * fcp_gap + tti_gap * tti_gap, metric(report, "interactive")

    return min(reports, key=proximity)


def summarise(report: dict) -> dict:
    """Scores, bytes by kind and what keeps a score below 100."""
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    items = report["audits"]["resource-summary"]["details"]["items"]
    by_kind = {item["resourceType"]: item["transferSize"] for item in items}
    transferred = {kind: by_kind.get(kind, 0) for kind in KINDS}
    transferred["total"] = by_kind.get("total", sum(transferred.values()))
    failing = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                failing.append(f"{category}: {ref['id']} ({audit['score']})")
    return {
        "scores": scores,
        "bytes": transferred,
        "first_visit_bytes": sum(transferred[k] for k in FIRST_VISIT_KINDS),
        "lcp_ms": round(report["audits"]["largest-contentful-paint"]["numericValue"]),
        "cls": round(report["audits"]["cumulative-layout-shift"]["numericValue"], 3),
        "failing": failing,
    }


def kb(value: int) -> str:
    return f"{value / 1024:.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000", help="the running demo")
    parser.add_argument("--languages", nargs="+", default=["fr", "nl", "en"])
    parser.add_argument("--types", nargs="+", choices=sorted(PAGE_TYPES), help="page types")
    parser.add_argument("--renders", type=int, default=7, help="timed renders per page")
    parser.add_argument(
        "--runs", type=int, default=1, help="Lighthouse runs per page; the median run is shown"
    )
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print("Lighthouse missing: run `make bench-deps` (npm ci in bench/)", file=sys.stderr)
        return 1
    if not Path(CHROME).exists():
        print(f"Chromium not found at {CHROME}: set CHROME_PATH", file=sys.stderr)
        return 1
    setup_django()
    base = args.base_url.rstrip("/")
    results = []
    for language in args.languages:
        urls = page_paths(language)
        for model, label in PAGE_TYPES.items():
            if args.types and model not in args.types:
                continue
            if model not in urls:
                print(f"{language}: no live {label} page, skipped", file=sys.stderr)
                continue
            path = urls[model]
            render_ms, queries = render_time(path, args.renders)
            try:
                reports = [lighthouse(base + path) for _run in range(max(1, args.runs))]
            except RuntimeError as error:
                print(f"{language} {label}: {error}", file=sys.stderr)
                continue
            summary = summarise(median_run(reports))
            runs = [summarise(report)["scores"]["performance"] for report in reports]
            row = {"language": language, "type": label, "path": path, **summary, "runs": runs}
            row.update(render_ms=round(render_ms, 1), queries=queries)
            results.append(row)
            print(f"{language} {label}: {summary['scores']} runs {runs} {path}", file=sys.stderr)
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        print()
        return 0
    print(
        "| page | lang | perf | perf runs | a11y | best pr. | SEO | HTML | CSS | JS | fonts "
        "| images | first visit (KB) | LCP (ms) | CLS | render (ms) | queries |"
    )
    print("| --- | --- |" + " ---: |" * 15)
    for r in results:
        s, b = r["scores"], r["bytes"]
        print(
            f"| {r['type']} | {r['language']} | {s['performance']} "
            f"| {' '.join(map(str, r['runs']))} | {s['accessibility']} "
            f"| {s['best-practices']} | {s['seo']} | {kb(b['document'])} | {kb(b['stylesheet'])} "
            f"| {kb(b['script'])} | {kb(b['font'])} | {kb(b['image'])} "
            f"| {kb(r['first_visit_bytes'])} | {r['lcp_ms']} | {r['cls']} | {r['render_ms']} "
            f"| {r['queries']} |"
        )
    failing = sorted({f for r in results for f in r["failing"]})
    if failing:
        print("\nBelow 100 because of: " + "; ".join(failing))
    over = [r for r in results if r["first_visit_bytes"] > BUDGET]
    print(f"\nFirst visits over {BUDGET // 1024} KB (HTML+CSS+JS+fonts): {len(over)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
