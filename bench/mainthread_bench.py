"""Main-thread CPU of a first visit on a phone, two running sites compared page by page.

Lighthouse's Total Blocking Time scales the task times it observes (4x, 2x for a
task that lays out), so on a shared machine it mostly measures the load. This
script measures what the page itself costs the browser's main thread: Debian's
Chromium (Playwright) with Lighthouse's phone viewport (412 x 823, DPR 1.75),
an empty cache each time, a trace of the load, and the renderer main thread's
CPU time (the trace's `tdur`, not wall time) summed by kind. It alternates the
two sites, page by page, and prints medians:

    .venv/bin/python bench/mainthread_bench.py --base http://127.0.0.1:8762 \\
        --branch http://127.0.0.1:8761 --rounds 8 /nl/verhalen/ /nl/edities/voorjaar-2024/

Columns: style (UpdateLayoutTree) and layout ms; passes = full style passes over
more than 50 elements (2 when the unstyled page was laid out before the stylesheet
arrived); longest = the longest task after parsing, scaled as Lighthouse's simulator
scales it; blocking = the sum of those scaled tasks beyond 50 ms (a TBT estimate
from CPU time).
"""

import argparse
import collections
import json
import statistics
import sys

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "loading"]


def main_thread_cost(trace: bytes) -> dict[str, float]:
    """CPU milliseconds of the page's renderer main thread, by kind, from a trace."""
    events = json.loads(trace)["traceEvents"]
    # The thread that parsed the page (not a chrome:// page's, nor an SVG image's).
    parsers = collections.Counter(
        (e["pid"], e["tid"])
        for e in events
        if e.get("name") == "ParseHTML"
        and e.get("args", {}).get("beginData", {}).get("url", "").startswith("http")
    )
    main = parsers.most_common(1)[0][0]
    mine = [e for e in events if (e.get("pid"), e.get("tid")) == main and e.get("ph") == "X"]
    cost: dict[str, float] = collections.defaultdict(float)
    for e in mine:
        if e["name"] in ("UpdateLayoutTree", "Layout", "Paint", "RunTask"):
            cost[e["name"]] += e.get("tdur", 0) / 1000
    cost["passes"] = sum(
        1 for e in mine if e["name"] == "UpdateLayoutTree" and e["args"].get("elementCount", 0) > 50
    )
    parsed = min(e["ts"] for e in mine if e["name"] == "ParseHTML")
    laid_out = [e["ts"] for e in mine if e["name"] == "Layout"]
    scaled = []
    for task in mine:
        if task["name"] != "RunTask" or task["ts"] + task["dur"] <= parsed:
            continue  # the navigation's commit, before the page exists
        lays_out = any(task["ts"] <= ts < task["ts"] + task["dur"] for ts in laid_out)
        scaled.append((2 if lays_out else 4) * task.get("tdur", 0) / 1000)
    cost["longest"] = max(scaled, default=0)
    cost["blocking"] = sum(max(0, ms - 50) for ms in scaled)
    return cost


def visit(browser, url: str) -> dict[str, float]:
    """One first visit of `url` on an emulated phone; its main-thread cost."""
    context = browser.new_context(
        viewport={"width": 412, "height": 823}, device_scale_factor=1.75, is_mobile=True
    )
    page = context.new_page()
    browser.start_tracing(page=page, categories=CATEGORIES)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(1000)  # images arriving after `load` still paint
    cost = main_thread_cost(browser.stop_tracing())
    context.close()
    return cost


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="URL of the base site")
    parser.add_argument("--branch", required=True, help="URL of the changed site")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("paths", nargs="+", help="page paths, e.g. /nl/verhalen/")
    args = parser.parse_args()
    sites = {"base": args.base.rstrip("/"), "branch": args.branch.rstrip("/")}
    costs: dict[tuple[str, str], list[dict]] = collections.defaultdict(list)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for _ in range(args.rounds):
            for path in args.paths:
                for side, root in sites.items():
                    costs[(side, path)].append(visit(browser, root + path))
        browser.close()
    columns = ("UpdateLayoutTree", "Layout", "Paint", "RunTask", "passes", "longest", "blocking")
    print(
        "| page | side | style (ms) | layout (ms) | paint (ms) | all tasks (ms) | passes "
        "| longest, scaled (ms) | blocking (ms) |"
    )
    print("| --- | --- |" + " ---: |" * len(columns))
    for path in args.paths:
        for side in sites:
            rows = costs[(side, path)]
            cells = [statistics.median(r[c] for r in rows) for c in columns]
            print(f"| {path} | {side} | " + " | ".join(f"{v:.1f}" for v in cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
