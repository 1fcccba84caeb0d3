"""Table plans of an edition: from the directory to `seating`, and back as rows, CSV and text.

History comes from ``people.Attendance``: two people "have met" when both
attended one same edition that started before this one. A plan is saved
(``TablePlan`` and its seats); the next plan of the same edition starts from
the latest one, so people already seated keep their table and only late
arrivals are placed.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import ngettext

from editions.models import EditionPage
from people.models import Attendance

from .models import Seat, SeatingRule, TablePlan
from .registrants import EXPECTED, Registrant, registrants
from .seating import Guest, Plan, SeatingError, plan_tables

Status = Attendance.Status

__all__ = ["SeatingError", "make_plan", "explain", "PlanResult"]


@dataclass
class PlanResult:
    """A saved plan with its people, ready to show, print or export."""

    plan: TablePlan
    seating: Plan
    people: dict[int, Registrant]
    kept: int  # people who kept the table an earlier plan gave them

    def rows(self) -> list[dict]:
        """One row per table: number, explanation, people (sorted by name)."""
        rows = []
        for score in self.seating.scores:
            members = sorted(
                (self.people[i] for i in score.people), key=lambda p: (p.last_name, p.first_name)
            )
            rows.append({"number": score.number, "line": explain(score), "people": members})
        return rows

    def summary(self) -> dict:
        return {
            "tables": self.plan.tables,
            "size": self.plan.size,
            "people": sum(len(t) for t in self.seating.tables),
            "kept_from_previous_plan": self.kept,
            "share_tables_with_4_sectors": round(self.seating.share_tables_with(4), 3),
            "share_pairs_new": round(self.seating.share_new_pairs, 3),
        }


def explain(score) -> str:
    """'5 sectors, 9 of 10 people new to each other, 4 agencies' in the active language."""
    size = len(score.people)
    return ", ".join(
        [
            ngettext("%(n)s sector", "%(n)s sectors", score.sectors) % {"n": score.sectors},
            ngettext(
                "%(new)s of %(size)s person new to each other",
                "%(new)s of %(size)s people new to each other",
                size,
            )
            % {"new": score.strangers, "size": size},
            ngettext("%(n)s agency", "%(n)s agencies", score.agencies) % {"n": score.agencies},
        ]
    )


def earlier_editions(edition: EditionPage, person_ids: list[int]) -> dict[int, frozenset[int]]:
    """person id → the earlier editions they attended (one query)."""
    found: dict[int, set[int]] = defaultdict(set)
    for person_id, edition_id in Attendance.objects.filter(
        person_id__in=person_ids,
        status=Status.ATTENDED,
        edition__start__lt=edition.start,
    ).values_list("person_id", "edition_id"):
        found[person_id].add(edition_id)
    return {pid: frozenset(ids) for pid, ids in found.items()}


def latest_seats(edition: EditionPage) -> dict[int, int]:
    """person id → table in the edition's latest plan."""
    plan = TablePlan.objects.filter(edition=edition).order_by("-created_at", "-id").first()
    if plan is None:
        return {}
    return dict(plan.seats.values_list("person_id", "table"))


def make_plan(
    edition: EditionPage,
    tables: int,
    size: int,
    *,
    checked_in_only: bool = False,
    keep_seated: bool = True,
    user=None,
    save: bool = True,
) -> PlanResult:
    """Seat the edition's registrants (or those checked in) and save the plan.

    Raises SeatingError when the rules cannot be met (nothing is saved then).
    """
    statuses = (Status.ATTENDED,) if checked_in_only else EXPECTED
    people = {p.person_id: p for p in registrants(edition.pk, statuses)}
    history = earlier_editions(edition, list(people))
    guests = [
        Guest(
            id=p.person_id,
            sector=p.sector,
            agencies=frozenset(p.agencies),
            editions=history.get(p.person_id, frozenset()),
            host=p.is_host,
        )
        for p in people.values()
    ]
    rules = SeatingRule.objects.filter(edition=edition).values_list("kind", "first_id", "second_id")
    together = [(a, b) for kind, a, b in rules if kind == SeatingRule.Kind.TOGETHER]
    apart = [(a, b) for kind, a, b in rules if kind == SeatingRule.Kind.APART]
    fixed = latest_seats(edition) if keep_seated else {}
    fixed = {pid: table for pid, table in fixed.items() if pid in people and table <= tables}
    seating = plan_tables(guests, tables, size, together=together, apart=apart, fixed=fixed)
    kept = sum(1 for pid, table in seating.table_of.items() if fixed.get(pid) == table)
    plan = TablePlan(edition=edition, tables=tables, size=size, checked_in_only=checked_in_only)
    result = PlanResult(plan=plan, seating=seating, people=people, kept=kept)
    plan.summary = result.summary()
    if save:
        with transaction.atomic():
            plan.created_by = user if getattr(user, "is_authenticated", False) else None
            plan.save()
            Seat.objects.bulk_create(
                [Seat(plan=plan, person_id=pid, table=t) for pid, t in seating.table_of.items()]
            )
    return result
