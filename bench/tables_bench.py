"""Benchmark of the table plan: quality against random and greedy seating, and compute time.

    .venv/bin/python bench/tables_bench.py [--seed 14] [--runs 3]

What it does, in memory (the plan's database work is a fixed handful of
queries, so the algorithm is what grows with the room):

1. generates a directory with three earlier editions of 150 attendees each,
   drawn as the demo's history is (`passerelles.demo.outcomes`: sectors
   weighted as the network's, one person in five in two sectors, about a
   third of each edition coming back from an earlier one, agencies spread);
2. draws an edition of 150 registrants from it (two thirds who came before,
   one third new, 15 of them agency staff to spread one per table) and seats
   them at 15 tables of 10 three ways: random, a simple greedy seating (each
   person, in list order, at the open table with the fewest of their sector),
   and the plan (`evening.seating.plan_tables`);
3. prints, for each, the share of tables with at least 4 sectors and the
   share of same-table pairs who never met at an earlier edition;
4. times the plan (median of ``--runs``) for 150 people at 15 tables and 600
   people at 60 tables.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "site"))

from evening.seating import Guest, greedy_seating, plan_tables, random_seating  # noqa: E402

SECTOR_WEIGHTS = {  # as passerelles.demo.outcomes.SECTOR_WEIGHTS
    "design": 16,
    "fashion": 11,
    "music": 20,
    "film-audiovisual": 17,
    "theatre-dance": 15,
    "architecture": 12,
    "higher-education": 9,
}
AGENCIES = ["wbmusiques", "wbimages", "wbtheatredanse", "wbarchitectures", "wbcampus", "wbdm"]


def directory(rng: random.Random, per_edition: int, editions: int) -> dict[int, dict]:
    """People with a sector, agencies and the earlier editions they attended."""
    people: dict[int, dict] = {}
    seen: list[int] = []
    next_id = 0
    slugs, weights = list(SECTOR_WEIGHTS), list(SECTOR_WEIGHTS.values())
    for edition in range(1, editions + 1):
        returning = rng.sample(seen, min(len(seen), round(per_edition * rng.uniform(0.28, 0.4))))
        for pid in returning:
            people[pid]["editions"].add(edition)
        for _ in range(per_edition - len(returning)):
            people[next_id] = {
                "sector": rng.choices(slugs, weights)[0],
                "agencies": {rng.choice(AGENCIES)}
                | ({rng.choice(AGENCIES)} if rng.random() < 0.2 else set()),
                "editions": {edition},
            }
            seen.append(next_id)
            next_id += 1
    return people


def edition(rng: random.Random, people: dict[int, dict], size: int, hosts: int) -> list[Guest]:
    """Registrants: two thirds who came before, the rest new, `hosts` of them staff."""
    slugs, weights = list(SECTOR_WEIGHTS), list(SECTOR_WEIGHTS.values())
    before = rng.sample(sorted(people), min(len(people), size * 2 // 3))
    guests = [
        Guest(
            id=pid,
            sector=people[pid]["sector"],
            agencies=frozenset(people[pid]["agencies"]),
            editions=frozenset(people[pid]["editions"]),
        )
        for pid in before
    ]
    start = max(people) + 1
    while len(guests) < size:
        guests.append(
            Guest(
                id=start + len(guests),
                sector=rng.choices(slugs, weights)[0],
                agencies=frozenset({rng.choice(AGENCIES)}),
            )
        )
    rng.shuffle(guests)
    return [
        Guest(g.id, g.sector, g.agencies, g.editions, host=i < hosts) for i, g in enumerate(guests)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    people = directory(rng, 150, 3)
    guests = edition(rng, people, 150, 15)
    print(f"directory: {len(people)} people, 3 earlier editions of 150; edition: 150 registrants")
    print(
        f"{'seating':<8} {'tables >= 4 sectors':>20} {'tables >= 6 sectors':>20} "
        f"{'sectors per table':>18} {'pairs new to each other':>24} {'agencies per table':>19}"
    )
    for name, plan in (
        ("random", random_seating(guests, 15, 10, seed=args.seed)),
        ("greedy", greedy_seating(guests, 15, 10)),
        ("plan", plan_tables(guests, 15, 10)),
    ):
        sectors = statistics.mean(t.sectors for t in plan.scores)
        agencies = statistics.mean(t.agencies for t in plan.scores)
        print(
            f"{name:<8} {plan.share_tables_with(4):>20.3f} {plan.share_tables_with(6):>20.3f} "
            f"{sectors:>18.2f} {plan.share_new_pairs:>24.3f} {agencies:>19.2f}"
        )
    for size, tables, per_edition in ((150, 15, 150), (600, 60, 600)):
        big_rng = random.Random(args.seed)
        room = edition(big_rng, directory(big_rng, per_edition, 3), size, tables)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            plan_tables(room, tables, 10)
            times.append(time.perf_counter() - start)
        print(
            f"plan of {size} people at {tables} tables: median {statistics.median(times):.2f} s "
            f"(min {min(times):.2f}, max {max(times):.2f}, {args.runs} runs)"
        )


if __name__ == "__main__":
    main()
