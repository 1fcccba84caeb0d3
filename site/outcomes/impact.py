"""The impact figures: attendance, sector pairs, the ladder as a funnel, kinds of outcome.

One function, `build_report`, computes everything the admin's impact view, its
XLSX and PDF exports and `manage.py impact_report` show, with a fixed number of
queries whatever the number of editions, people or encounters: every table is
read once as plain tuples and counted in Python.

Definitions (also in the README):

- an *attendance* is a person at an edition; a *first-timer* is at the first
  edition they ever attended, *returning* otherwise;
- an encounter's sector pairs come from its sectors: one sector is a pair with
  itself (the matrix's diagonal), two or more give every pair of them;
- a *project* in the matrix is an encounter that reached "project started";
- an encounter *reached* a rung when it has a step at that rung or higher; the
  median time between two rungs is over the encounters that reached the
  higher one, from the day they first stood on the lower one.
"""

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import Locale

from core.collaboration import CollaborationKind
from core.models import Sector
from editions.models import EditionPage
from people.models import Attendance, Person, SourceRecord

from .ladder import today
from .models import RANK, Encounter, FollowUp, LadderStep, Stage

PROJECT_RANK = RANK[Stage.PROJECT_STARTED]


@dataclass
class Filters:
    """What the report covers: one edition or all, one agency or all, a period."""

    edition: EditionPage | None = None
    agency: str = ""
    since: dt.date | None = None
    until: dt.date | None = None

    def as_dict(self) -> dict:
        return {
            "edition": self.edition.slug if self.edition else None,
            "agency": self.agency or None,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
        }


@dataclass
class SectorPairs:
    """A symmetric sectors × sectors matrix of counts."""

    size: int
    cells: list[list[int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.cells = [[0] * self.size for _ in range(self.size)]

    def add(self, positions: Iterable[int], times: int = 1) -> None:
        """Count `times` encounters whose sectors are at these positions."""
        positions = sorted(set(positions))
        if len(positions) == 1:
            (only,) = positions
            self.cells[only][only] += times
        for a, b in combinations(positions, 2):
            self.cells[a][b] += times
            self.cells[b][a] += times

    def pairs(self) -> list[tuple[int, int, int]]:
        """(count, row, column) of each pair once (upper triangle and diagonal)."""
        return [
            (self.cells[a][b], a, b)
            for a in range(self.size)
            for b in range(a, self.size)
            if self.cells[a][b]
        ]


def source_locale() -> Locale:
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)


def past_editions(locale: Locale | None = None):
    """The editions that took place, in the source language, oldest first."""
    return (
        EditionPage.objects.filter(locale=locale or source_locale(), start__lt=timezone.now())
        .order_by("start")
        .only("id", "title", "slug", "start", "translation_key")
    )


def _sectors() -> list[dict]:
    """The sectors in order, named in the active language when translated."""
    source = list(
        Sector.objects.filter(locale__language_code=settings.LANGUAGE_CODE).values(
            "id", "slug", "name", "translation_key"
        )
    )
    try:
        active = Locale.get_active()
    except Locale.DoesNotExist:
        active = None
    if active and active.language_code != settings.LANGUAGE_CODE:
        names = dict(Sector.objects.filter(locale=active).values_list("translation_key", "name"))
        for sector in source:
            sector["name"] = names.get(sector["translation_key"], sector["name"])
    return [{"id": s["id"], "slug": s["slug"], "name": s["name"]} for s in source]


def _scoped_encounters(filters: Filters, edition_ids: list[int]):
    encounters = Encounter.objects.all()
    if filters.edition is not None:
        encounters = encounters.filter(edition=filters.edition)
    if filters.since:
        encounters = encounters.filter(met_on__gte=filters.since)
    if filters.until:
        encounters = encounters.filter(met_on__lte=filters.until)
    if filters.agency:
        encounters = encounters.filter(
            participants__person__in=SourceRecord.objects.filter(
                agency=filters.agency, tombstoned_at__isnull=True
            ).values("person_id")
        )
    return encounters.distinct()


def _median_days(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def build_report(filters: Filters | None = None) -> dict:
    """Every figure of the impact view for `filters`, as plain JSON-ready data."""
    filters = filters or Filters()
    sectors = _sectors()
    position = {s["id"]: n for n, s in enumerate(sectors)}

    editions = past_editions()
    if filters.edition is not None:
        editions = editions.filter(pk=filters.edition.pk)
    if filters.since:
        editions = editions.filter(start__date__gte=filters.since)
    if filters.until:
        editions = editions.filter(start__date__lte=filters.until)
    editions = list(editions.values("id", "title", "slug", "start"))
    edition_ids = [e["id"] for e in editions]

    # Attendance: every attendance of the people who came to the editions in
    # scope (their earlier ones too, to tell first-timers from returning).
    # Only people who came (not registrations, cancellations or no-shows).
    in_scope = Attendance.objects.filter(
        edition_id__in=edition_ids, status=Attendance.Status.ATTENDED
    )
    if filters.agency:
        in_scope = in_scope.filter(
            person__in=SourceRecord.objects.filter(
                agency=filters.agency, tombstoned_at__isnull=True
            ).values("person_id")
        )
    attendee_ids = in_scope.values("person_id")
    # Oldest first, so a person's first row is their first edition; the start
    # itself is not read (parsing thousands of timestamps was a tenth of the
    # report's time).
    history = list(
        Attendance.objects.filter(
            person_id__in=attendee_ids,
            edition__start__lt=timezone.now(),
            status=Attendance.Status.ATTENDED,
        )
        .order_by("edition__start", "id")
        .values_list("person_id", "edition_id")
    )
    first_edition: dict[int, int] = {}
    for person_id, edition_id in history:
        first_edition.setdefault(person_id, edition_id)
    scope = set(edition_ids)
    attended = [(p, e) for p, e in history if e in scope]
    person_sectors: dict[int, list[int]] = defaultdict(list)
    for person_id, sector_id in Person.sectors.through.objects.filter(
        person_id__in=attendee_ids
    ).values_list("person_id", "sector_id"):
        person_sectors[person_id].append(sector_id)
    person_agencies: dict[int, set[str]] = defaultdict(set)
    for person_id, agency in SourceRecord.objects.filter(
        person_id__in=attendee_ids, tombstoned_at__isnull=True
    ).values_list("person_id", "agency"):
        person_agencies[person_id].add(agency)

    by_edition: dict[int, Counter] = defaultdict(Counter)
    by_sector: Counter = Counter()
    by_agency: Counter = Counter()
    for person_id, edition_id in attended:
        first = first_edition[person_id] == edition_id
        by_edition[edition_id]["attendees"] += 1
        by_edition[edition_id]["first_timers" if first else "returning"] += 1
        for sector_id in person_sectors.get(person_id, ()) or (None,):
            by_sector[sector_id] += 1
        for agency in sorted(person_agencies.get(person_id, ())) or [""]:
            by_agency[agency] += 1

    # Encounters, their sectors and their steps. The related rows are selected
    # by a subquery, not a list of ids: 2,000 parameters cost more to build,
    # send and parse (Django's lookups, psycopg's conversion) than the rows.
    scoped = _scoped_encounters(filters, edition_ids)
    scoped_ids = scoped.order_by().values("id")
    encounter_rows = list(scoped.order_by().values_list("id", "edition_id", "met_on"))
    encounter_ids = [row[0] for row in encounter_rows]
    encounter_sectors: dict[int, set[int]] = defaultdict(set)
    for encounter_id, sector_id in Encounter.sectors.through.objects.filter(
        encounter_id__in=scoped_ids
    ).values_list("encounter_id", "sector_id"):
        if sector_id in position:
            encounter_sectors[encounter_id].add(position[sector_id])
    # For each encounter, the first day it stood on each rung or higher.
    reached: dict[int, list[dt.date | None]] = {e: [None] * len(RANK) for e in encounter_ids}
    kinds: dict[str, set[int]] = defaultdict(set)
    for encounter_id, stage, reached_on, kind in (
        LadderStep.objects.filter(encounter_id__in=scoped_ids)
        .order_by()  # the model's order (by date) would sort thousands of rows for nothing
        .values_list("encounter_id", "stage", "reached_on", "kind")
    ):
        days = reached[encounter_id]
        for rank in range(RANK[stage] + 1):
            if days[rank] is None or reached_on < days[rank]:
                days[rank] = reached_on
        if kind:
            kinds[kind].add(encounter_id)
    for encounter_id, _edition_id, met_on in encounter_rows:
        if reached[encounter_id][0] is None:
            reached[encounter_id][0] = met_on

    # Encounters share few sector combinations: count them, then fill the matrices once each.
    combinations_of: Counter = Counter()
    project_combinations: Counter = Counter()
    per_edition: dict[int | None, Counter] = defaultdict(Counter)
    for encounter_id, edition_id, _met_on in encounter_rows:
        is_project = reached[encounter_id][PROJECT_RANK] is not None
        per_edition[edition_id]["encounters"] += 1
        per_edition[edition_id]["projects_started"] += is_project
        positions = encounter_sectors.get(encounter_id)
        if positions:
            key = frozenset(positions)
            combinations_of[key] += 1
            if is_project:
                project_combinations[key] += 1
    encounters_matrix = SectorPairs(len(sectors))
    projects_matrix = SectorPairs(len(sectors))
    for key, times in combinations_of.items():
        encounters_matrix.add(key, times)
    for key, times in project_combinations.items():
        projects_matrix.add(key, times)

    funnel = []
    previous = None
    for rank, (stage, label) in enumerate(Stage.choices):
        dates = [days for days in reached.values() if days[rank] is not None]
        gaps = [
            (days[rank] - days[rank - 1]).days
            for days in dates
            if rank and days[rank - 1] is not None
        ]
        funnel.append(
            {
                "stage": stage,
                "label": str(label),
                "reached": len(dates),
                "share_of_previous": (round(100 * len(dates) / previous) if previous else None),
                "median_days_from_previous": _median_days(gaps) if rank else None,
            }
        )
        previous = len(dates)

    follow_ups = FollowUp.objects.filter(encounter_id__in=scoped_ids).aggregate(
        open=Count("id", filter=Q(closed_at__isnull=True)),
        overdue=Count("id", filter=Q(closed_at__isnull=True, due_on__lt=today())),
        closed_with_step=Count("id", filter=Q(result=FollowUp.Result.STEP)),
        no_news=Count("id", filter=Q(result=FollowUp.Result.NO_NEWS)),
    )

    sector_names = [s["name"] for s in sectors]
    pair_rows = []
    project_cells = projects_matrix.cells
    for count, a, b in sorted(encounters_matrix.pairs(), key=lambda p: (-p[0], p[1], p[2])):
        pair_rows.append(
            {
                "sectors": [sectors[a]["slug"], sectors[b]["slug"]],
                "names": [sector_names[a], sector_names[b]],
                "encounters": count,
                "projects_started": project_cells[a][b],
            }
        )
    outside = per_edition.get(None, Counter())
    return {
        "filters": filters.as_dict(),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "sectors": [{"slug": s["slug"], "name": s["name"]} for s in sectors],
        "editions": [
            {
                "slug": e["slug"],
                "title": e["title"],
                "date": timezone.localtime(e["start"]).date().isoformat(),
                "attendees": by_edition[e["id"]]["attendees"],
                "first_timers": by_edition[e["id"]]["first_timers"],
                "returning": by_edition[e["id"]]["returning"],
                "encounters": per_edition[e["id"]]["encounters"],
                "projects_started": per_edition[e["id"]]["projects_started"],
            }
            for e in editions
        ],
        "outside_editions": {
            "encounters": outside["encounters"],
            "projects_started": outside["projects_started"],
        },
        "attendance": {
            "attendances": len(attended),
            "people": len({p for p, _e in attended}),
            "first_timers": sum(c["first_timers"] for c in by_edition.values()),
            "returning": sum(c["returning"] for c in by_edition.values()),
            "by_sector": [
                {"sector": s["slug"], "name": s["name"], "attendances": by_sector[s["id"]]}
                for s in sectors
            ]
            + (
                [{"sector": None, "name": None, "attendances": by_sector[None]}]
                if by_sector[None]
                else []
            ),
            "by_agency": [
                {"agency": agency or None, "attendances": count}
                for agency, count in sorted(by_agency.items())
            ],
        },
        "encounters": len(encounter_ids),
        "matrix": {"encounters": encounters_matrix.cells, "projects": projects_matrix.cells},
        "sector_pairs": pair_rows,
        "funnel": funnel,
        "kinds": [
            {"kind": kind, "label": str(label), "encounters": len(kinds.get(kind, ()))}
            for kind, label in CollaborationKind.choices
        ],
        "follow_ups": follow_ups,
    }
