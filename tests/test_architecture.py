"""The dependency direction of design.md, as a test that runs.

                 passerelles (composition: demo, navigation, admin menu)
                      │ may import anything
        ┌─────────────┼──────────────┐
     crm_sync      search        page apps (home, agencies, editions, stories)
        │ writes      │ reads          │ link to
        └──────▶   people   ◀──────────┘
                      │
                    core

Every import in the project's packages (function-level ones included; tests,
benchmarks and migrations left out) is read with `ast` and checked against
ALLOWED. An arrow the page does not draw fails the test, and so does any cycle
between top-level packages. For example, if `people/models.py` took an
enumeration from `stories.models` again, `test_imports_follow_the_dependency_direction`
would fail with::

    people -> stories (site/people/models.py)

(`test_the_checker_catches_a_forbidden_arrow_and_a_cycle` shows it on a
made-up graph.)

Two readings of the drawing, made explicit here:
- everything may stand on `core`, the ground floor, which imports no app;
- `search` indexes published pages as well as people (design.md: "search
  listens for committed changes in people (and published pages)"), so it may
  read the page apps; page apps never import `search` or `crm_sync`;
- between page apps, follow the foreign key: a story knows its edition and
  agencies, an edition knows its host agency; the home page shows all three.
  The other direction goes through reverse relations, never an import.
"""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Top-level packages and where they live.
PACKAGES = {
    "passerelles": ROOT / "site" / "passerelles",
    "core": ROOT / "site" / "core",
    "home": ROOT / "site" / "home",
    "agencies": ROOT / "site" / "agencies",
    "editions": ROOT / "site" / "editions",
    "stories": ROOT / "site" / "stories",
    "people": ROOT / "site" / "people",
    "crm_sync": ROOT / "crm_sync",
    "search": ROOT / "search",
    "outcomes": ROOT / "site" / "outcomes",
    "evening": ROOT / "site" / "evening",
}
PAGE_APPS = {"home", "agencies", "editions", "stories"}

# What each package may import (besides itself, Django, Wagtail and libraries).
ALLOWED: dict[str, set[str]] = {
    "passerelles": set(PACKAGES) - {"passerelles"},
    "core": set(),
    "people": {"core"},
    "crm_sync": {"people", "core"},
    "search": {"people", "core"} | PAGE_APPS - {"home"},
    "outcomes": {"people", "core"} | PAGE_APPS - {"home"},
    "evening": {"people", "editions", "agencies", "core"},
    "agencies": {"people", "core"},
    "editions": {"agencies", "people", "core"},
    "stories": {"editions", "agencies", "people", "core"},
    "home": {"agencies", "editions", "stories", "people", "core"},
}


def package_imports(root: Path = ROOT) -> dict[tuple[str, str], set[str]]:
    """{(importer, imported): files} for every import between the project's packages."""
    edges: dict[tuple[str, str], set[str]] = defaultdict(set)
    for package, folder in PACKAGES.items():
        for path in folder.rglob("*.py"):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top in PACKAGES and top != package:
                        edges[(package, top)].add(str(path.relative_to(root)))
    return edges


def violations(
    edges: dict[tuple[str, str], set[str]], allowed: dict[str, set[str]] = ALLOWED
) -> list[str]:
    """The imports the drawing forbids, as 'importer -> imported (files)'."""
    return [
        f"{importer} -> {imported} ({', '.join(sorted(files))})"
        for (importer, imported), files in sorted(edges.items())
        if imported not in allowed.get(importer, set())
    ]


def cycles(edges: dict[tuple[str, str], set[str]]) -> list[list[str]]:
    """Every cycle between packages, each as the list of packages around it."""
    graph: dict[str, set[str]] = defaultdict(set)
    for importer, imported in edges:
        graph[importer].add(imported)
    found: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        for target in sorted(graph[node]):
            if target == path[0]:
                found.append([*path, target])
            elif target not in path and target > path[0]:
                # Only cycles whose smallest name is the start: each is reported once.
                visit(target, [*path, target])

    for start in sorted(graph):
        visit(start, [start])
    return found


def test_imports_follow_the_dependency_direction():
    assert violations(package_imports()) == []


def test_no_cycle_between_packages():
    assert cycles(package_imports()) == []


def test_the_checker_sees_the_real_arrows():
    # Guards the checker itself: if it stopped reading imports, the two tests
    # above would pass on anything.
    edges = package_imports()
    assert ("crm_sync", "people") in edges
    assert ("passerelles", "search") in edges
    assert ("stories", "editions") in edges


def test_the_checker_catches_a_forbidden_arrow_and_a_cycle():
    edges = {
        ("people", "core"): {"site/people/models.py"},
        ("people", "stories"): {"site/people/models.py"},
        ("stories", "people"): {"site/stories/models.py"},
        ("editions", "stories"): {"site/editions/models.py"},
        ("stories", "editions"): {"site/stories/models.py"},
    }
    assert violations(edges) == [
        "editions -> stories (site/editions/models.py)",
        "people -> stories (site/people/models.py)",
    ]
    assert cycles(edges) == [["editions", "stories", "editions"], ["people", "stories", "people"]]
