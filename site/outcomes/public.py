"""What the public sees of the outcomes: counts only, never a small group.

Every figure published here is a count computed from the ladder, with two
protections so that nobody can be singled out:

- a count below THRESHOLD (5) is shown as "fewer than 5";
- every other count is rounded to the nearest ROUND_TO (5), so subtracting two
  published figures (an edition from the network's total, "realised" from
  "started") never gives the exact size of a small group.

Sectors and sector pairs are named only when at least THRESHOLD encounters
involve them. No name of a person, no note and no encounter row ever leaves
this module; only `PublicCount`s and sector names do.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.models import Locale

from core.models import Sector

from .models import RANK, Encounter, EncounterPerson, FollowUp, Stage

THRESHOLD = 5
ROUND_TO = 5
TOP_PAIRS = 3


@dataclass(frozen=True)
class PublicCount:
    """A count fit for publication: rounded, or None when fewer than THRESHOLD."""

    value: int | None

    @classmethod
    def of(cls, count: int) -> "PublicCount":
        if count < THRESHOLD:
            return cls(None)
        return cls((count + ROUND_TO // 2) // ROUND_TO * ROUND_TO)

    @property
    def is_small(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        if self.value is None:
            return _("fewer than %(threshold)s") % {"threshold": THRESHOLD}
        return str(self.value)


@dataclass
class PublicFigures:
    """The published figures of a set of encounters (one edition, or the network)."""

    encounters: PublicCount
    people: PublicCount
    followed_up: PublicCount
    projects_started: PublicCount
    projects_realised: PublicCount
    sectors: list[str]
    top_pairs: list[tuple[str, str, PublicCount]]


@dataclass
class _Rows:
    """The few columns the public figures are computed from, read once."""

    stages: dict[int, str]
    edition_of: dict[int, str | None]
    people: dict[int, set[int]]
    sectors: dict[int, set[int]]
    closed: set[int]
    sector_names: dict[int, str]
    sector_order: dict[int, int]


def _read(locale: Locale, edition_key=None) -> _Rows:
    encounters = Encounter.objects.all()
    if edition_key is not None:
        encounters = encounters.filter(edition__translation_key=edition_key)
    rows = list(encounters.values_list("id", "stage", "edition__translation_key"))
    ids = [row[0] for row in rows]
    people: dict[int, set[int]] = defaultdict(set)
    for encounter_id, person_id in EncounterPerson.objects.filter(encounter_id__in=ids).values_list(
        "encounter_id", "person_id"
    ):
        people[encounter_id].add(person_id)
    sectors: dict[int, set[int]] = defaultdict(set)
    for encounter_id, sector_id in Encounter.sectors.through.objects.filter(
        encounter_id__in=ids
    ).values_list("encounter_id", "sector_id"):
        sectors[encounter_id].add(sector_id)
    closed = set(
        FollowUp.objects.filter(encounter_id__in=ids, closed_at__isnull=False).values_list(
            "encounter_id", flat=True
        )
    )
    source = Sector.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    localized = dict(Sector.objects.filter(locale=locale).values_list("translation_key", "name"))
    names, order = {}, {}
    for sector_id, key, name, sort_order in source.values_list(
        "id", "translation_key", "name", "sort_order"
    ):
        names[sector_id] = localized.get(key, name)
        order[sector_id] = sort_order
    return _Rows(
        stages={row[0]: row[1] for row in rows},
        edition_of={row[0]: row[2] for row in rows},
        people=people,
        sectors=sectors,
        closed=closed,
        sector_names=names,
        sector_order=order,
    )


def _figures(rows: _Rows, ids: list[int]) -> PublicFigures:
    started, realised = RANK[Stage.PROJECT_STARTED], RANK[Stage.PROJECT_REALISED]
    ranks = [RANK[rows.stages[i]] for i in ids]
    per_sector: Counter = Counter()
    per_pair: Counter = Counter()
    for i in ids:
        sectors = sorted(rows.sectors.get(i, ()), key=lambda s: rows.sector_order.get(s, 0))
        per_sector.update(sectors)
        per_pair.update(combinations(sectors, 2))
    known = rows.sector_names
    shown_sectors = sorted(
        (s for s, n in per_sector.items() if n >= THRESHOLD and s in known),
        key=lambda s: rows.sector_order[s],
    )
    pairs = sorted(
        (
            (n, a, b)
            for (a, b), n in per_pair.items()
            if n >= THRESHOLD and a in known and b in known
        ),
        key=lambda p: (-p[0], rows.sector_order[p[1]], rows.sector_order[p[2]]),
    )[:TOP_PAIRS]
    return PublicFigures(
        encounters=PublicCount.of(len(ids)),
        people=PublicCount.of(len(set().union(*(rows.people.get(i, set()) for i in ids)))),
        followed_up=PublicCount.of(
            sum(1 for i, rank in zip(ids, ranks, strict=True) if rank > 0 or i in rows.closed)
        ),
        projects_started=PublicCount.of(sum(rank >= started for rank in ranks)),
        projects_realised=PublicCount.of(sum(rank >= realised for rank in ranks)),
        sectors=[known[s] for s in shown_sectors],
        top_pairs=[(known[a], known[b], PublicCount.of(n)) for n, a, b in pairs],
    )


def edition_figures(edition) -> PublicFigures | None:
    """The published figures of one edition (any language), or None when nothing was recorded."""
    rows = _read(edition.locale, edition.translation_key)
    if not rows.stages:
        return None
    return _figures(rows, list(rows.stages))


@dataclass
class NetworkFigures:
    """The network-wide page: totals, and each past edition's encounters and projects."""

    totals: PublicFigures | None
    editions: list[tuple[object, PublicCount, PublicCount]]


def network_figures(locale: Locale) -> NetworkFigures:
    """Figures across every edition (and encounters outside one), in `locale`'s words."""
    from .impact import past_editions

    rows = _read(locale)
    totals = _figures(rows, list(rows.stages)) if rows.stages else None
    by_edition: dict[str | None, list[int]] = defaultdict(list)
    for encounter_id, key in rows.edition_of.items():
        by_edition[key].append(encounter_id)
    editions = []
    for edition in past_editions(locale).live().order_by("-start"):
        ids = by_edition.get(edition.translation_key, [])
        if ids:
            figures = _figures(rows, ids)
            editions.append((edition, figures.encounters, figures.projects_started))
    return NetworkFigures(totals=totals, editions=editions)
