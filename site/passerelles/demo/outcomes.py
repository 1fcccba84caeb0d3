"""A generated history of the evenings: who came, who met whom, and how far it went.

Everything here is fictional and generated from a fixed seed, so two runs give
the same history. `generate_history` is shared by the demo (`load_demo`: six
past editions, 150 attendees each) and the impact benchmark (ten editions,
2,000 encounters). People come in through the same path as real contacts (a
spreadsheet import per agency); encounters, steps and reminders are written in
bulk, valid by construction (what `outcomes.ladder` would accept).

Realistic drop-off: about a third of the people come back to a later edition;
each encounter climbs the ladder with decreasing odds (about half talk again,
one in eight starts a project, fewer realise it), each step weeks or months
after the one before, and never later than today, so the latest editions have
climbed less. Reminders already due are mostly answered (a step or "no news");
the most recent stay open, so the dashboard has follow-ups to make.
"""

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.agencies import AGENCY_SLUGS
from core.collaboration import CollaborationKind
from core.models import Sector
from editions.models import EditionPage
from outcomes.ladder import add_months
from outcomes.models import (
    FOLLOW_UP_MONTHS,
    RANK,
    Encounter,
    EncounterPerson,
    FollowUp,
    ImpactPage,
    LadderStep,
    Stage,
)
from people.contact import Contact
from people.models import Attendance, Person, Project
from people.sources import apply_contacts

FIRST_NAMES = [
    "Alice",
    "Bram",
    "Chloé",
    "Dries",
    "Emma",
    "Fien",
    "Gilles",
    "Hanne",
    "Ilias",
    "Jade",
    "Kobe",
    "Léa",
    "Maxime",
    "Noor",
    "Olivier",
    "Pauline",
    "Quentin",
    "Roxane",
    "Siebe",
    "Thaïs",
    "Ugo",
    "Valentine",
    "Wout",
    "Yasmine",
    "Zoé",
    "Arthur",
    "Bérénice",
    "Cédric",
    "Dounia",
    "Elias",
    "Flore",
    "Gaspard",
    "Hugo",
    "Imane",
    "Jules",
    "Lotte",
    "Manon",
    "Nathan",
    "Océane",
    "Pieter",
    "Rania",
    "Stijn",
]
LAST_NAMES = [
    "Aerts",
    "Bastin",
    "Claessens",
    "Delvaux",
    "Englebert",
    "Fontaine",
    "Goossens",
    "Hermans",
    "Istasse",
    "Jacobs",
    "Kinet",
    "Lemaire",
    "Maes",
    "Noël",
    "Otten",
    "Piron",
    "Quintin",
    "Renard",
    "Simons",
    "Thiry",
    "Urbain",
    "Verhaegen",
    "Wauters",
    "Yildiz",
    "Zeegers",
    "Bertrand",
    "Colson",
    "Dubois",
    "Evrard",
    "François",
    "Gilson",
    "Hubert",
    "Janssens",
    "Leclercq",
    "Mertens",
]
# How often each sector appears among attendees (design and music are the largest).
SECTOR_WEIGHTS = {
    "design": 16,
    "fashion": 11,
    "music": 20,
    "film-audiovisual": 17,
    "theatre-dance": 15,
    "architecture": 12,
    "higher-education": 9,
}
# The odds of climbing from one rung to the next, and the typical gap in days.
CLIMB = {
    Stage.TALKED_AGAIN: (0.55, 30),
    Stage.HELP: (0.50, 45),
    Stage.PROJECT_STARTED: (0.45, 75),
    Stage.PROJECT_REALISED: (0.50, 150),
    Stage.PUBLIC_OUTCOME: (0.45, 90),
}
KINDS_BY_STAGE = {
    Stage.HELP: [CollaborationKind.ADVICE, CollaborationKind.MEDIATION],
    Stage.PROJECT_STARTED: [
        CollaborationKind.COMMISSION,
        CollaborationKind.CO_CREATION,
        CollaborationKind.INTERNSHIP,
        CollaborationKind.CASTING,
        CollaborationKind.DISTRIBUTION,
        CollaborationKind.TOURING,
        CollaborationKind.REPLACEMENT,
    ],
    Stage.PUBLIC_OUTCOME: [CollaborationKind.VISIBILITY, CollaborationKind.TOURING],
}
EMAIL = "gen-{prefix}{number:05d}@demo.example"


@dataclass
class History:
    """What `generate_history` made."""

    people: int = 0
    attendances: int = 0
    encounters: int = 0
    steps: int = 0
    follow_ups: int = 0
    projects: int = 0


def _people(rng: random.Random, count: int, prefix: str, sectors: dict) -> list[Person]:
    """`count` fictional people imported from the agencies' spreadsheets, with sectors."""
    now = timezone.now()
    by_agency: dict[str, list[Contact]] = defaultdict(list)
    emails = []
    for number in range(count):
        email = EMAIL.format(prefix=prefix, number=number)
        emails.append(email)
        by_agency[AGENCY_SLUGS[number % len(AGENCY_SLUGS)]].append(
            Contact(
                f"gen-{prefix}{number}",
                now - dt.timedelta(minutes=number),
                rng.choice(FIRST_NAMES),
                rng.choice(LAST_NAMES),
                [email],
                country="Belgique",
            )
        )
    for agency, contacts in by_agency.items():
        for start in range(0, len(contacts), 500):
            apply_contacts(agency, "import", contacts[start : start + 500])
    people = list(Person.objects.filter(email__in=emails).order_by("email"))
    slugs = [slug for slug in SECTOR_WEIGHTS if slug in sectors]
    weights = [SECTOR_WEIGHTS[slug] for slug in slugs]
    through = Person.sectors.through
    links = []
    for person in people:
        chosen = set(rng.choices(slugs, weights, k=2 if rng.random() < 0.2 else 1))
        links.extend(through(person_id=person.pk, sector_id=sectors[s].pk) for s in chosen)
    through.objects.bulk_create(links, ignore_conflicts=True)
    return people


def _attendances(rng, people, editions, per_edition: int) -> dict[int, list[Person]]:
    """Who came to each edition: newcomers and, increasingly, people coming back."""
    pool = list(people)
    rng.shuffle(pool)
    fresh = iter(pool)
    seen: list[Person] = []
    came: dict[int, list[Person]] = {}
    for edition in editions:
        returning = rng.sample(seen, min(len(seen), round(per_edition * rng.uniform(0.28, 0.4))))
        newcomers = [p for _, p in zip(range(per_edition - len(returning)), fresh, strict=False)]
        came[edition.pk] = returning + newcomers
        seen.extend(newcomers)
    Attendance.objects.bulk_create(
        [
            Attendance(person=person, edition_id=edition_id)
            for edition_id, attendees in came.items()
            for person in attendees
        ],
        ignore_conflicts=True,
    )
    return came


def _ladder(rng: random.Random, met_on: dt.date, today: dt.date) -> list[tuple[str, dt.date, str]]:
    """The steps one encounter climbed: (stage, date, kind), never after today."""
    steps = [(Stage.MET, met_on, "")]
    day = met_on
    for stage, (odds, gap) in CLIMB.items():
        if rng.random() > odds:
            break
        day = day + dt.timedelta(days=max(3, round(rng.gauss(gap, gap / 3))))
        if day > today:
            break
        kinds = KINDS_BY_STAGE.get(stage)
        steps.append((stage, day, rng.choice(kinds) if kinds else ""))
    return steps


@transaction.atomic
def generate_history(
    editions: list[EditionPage],
    attendees_per_edition: int = 150,
    encounters_per_edition: int = 60,
    seed: int = 15,
    prefix: str = "",
    owner=None,
) -> History:
    """Generate attendance, encounters, ladders and reminders for past `editions`."""
    rng = random.Random(seed)
    today = timezone.localdate()
    sectors = {
        s.slug: s for s in Sector.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    }
    editions = sorted(editions, key=lambda e: e.start)
    pool_size = round(attendees_per_edition * (1 + 0.68 * (len(editions) - 1)))
    people = _people(rng, pool_size, prefix, sectors)
    came = _attendances(rng, people, editions, attendees_per_edition)
    person_sectors = defaultdict(set)
    for person_id, sector_id in Person.sectors.through.objects.filter(
        person__in=people
    ).values_list("person_id", "sector_id"):
        person_sectors[person_id].add(sector_id)

    plans = []
    for edition in editions:
        attendees = came[edition.pk]
        met_on = timezone.localtime(edition.start).date()
        for _ in range(encounters_per_edition):
            group = rng.sample(attendees, 3 if rng.random() < 0.1 else 2)
            steps = _ladder(rng, met_on, today)
            plans.append((edition, met_on, group, steps))
    encounters = Encounter.objects.bulk_create(
        [
            Encounter(
                edition=edition,
                met_on=met_on,
                agency=rng.choice(AGENCY_SLUGS),
                owner=owner,
                stage=steps[-1][0],
                stage_on=steps[-1][1],
            )
            for edition, met_on, _group, steps in plans
        ]
    )
    participants, sector_links, step_rows = [], [], []
    for encounter, (_edition, _met_on, group, steps) in zip(encounters, plans, strict=True):
        for order, person in enumerate(group):
            participants.append(
                EncounterPerson(encounter=encounter, person=person, sort_order=order)
            )
        for sector_id in set().union(*(person_sectors[p.pk] for p in group)):
            sector_links.append(
                Encounter.sectors.through(encounter_id=encounter.pk, sector_id=sector_id)
            )
        for stage, day, kind in steps:
            step_rows.append(
                LadderStep(
                    encounter=encounter, stage=stage, reached_on=day, kind=kind, recorded_by=owner
                )
            )
    EncounterPerson.objects.bulk_create(participants)
    Encounter.sectors.through.objects.bulk_create(sector_links)
    step_rows = LadderStep.objects.bulk_create(step_rows)
    steps_of = defaultdict(list)
    for step in step_rows:
        steps_of[step.encounter_id].append(step)

    # Reminders: those already due are answered with the step reached since the
    # previous one, or "no news"; the last two months' stay open.
    now = timezone.now()
    open_after = today - dt.timedelta(days=60)
    follow_ups = []
    for encounter in encounters:
        previous = encounter.met_on
        for months in FOLLOW_UP_MONTHS:
            due = add_months(encounter.met_on, months)
            follow_up = FollowUp(encounter=encounter, months=months, due_on=due)
            if due <= open_after:
                news = [s for s in steps_of[encounter.pk] if previous < s.reached_on <= due]
                step = max(news, key=lambda s: RANK[s.stage]) if news else None
                follow_up.result = FollowUp.Result.STEP if step else FollowUp.Result.NO_NEWS
                follow_up.step = step
                follow_up.closed_at = now
                follow_up.closed_by = owner
            previous = due
            follow_ups.append(follow_up)
    FollowUp.objects.bulk_create(follow_ups)

    # One started project in three becomes a tracked Project.
    projects = 0
    for encounter, (edition, _met_on, group, steps) in zip(encounters, plans, strict=True):
        if RANK[encounter.stage] < RANK[Stage.PROJECT_STARTED] or rng.random() > 0.33:
            continue
        kind = next((k for s, _d, k in steps if s == Stage.PROJECT_STARTED), "")
        project = Project.objects.create(
            title=f"{kind or 'project'} #{encounter.pk}".capitalize(),
            kind=kind,
            stage="realised"
            if RANK[encounter.stage] >= RANK[Stage.PROJECT_REALISED]
            else "ongoing",
            origin_edition=edition,
        )
        project.participants.set(group)
        encounter.project = project
        projects += 1
    Encounter.objects.bulk_update([e for e in encounters if e.project_id], ["project"])
    return History(
        people=len(people),
        attendances=sum(len(a) for a in came.values()),
        encounters=len(encounters),
        steps=len(step_rows),
        follow_ups=len(follow_ups),
        projects=projects,
    )


def load_demo_outcomes() -> int:
    """The demo's history (six past editions × 150 attendees); 0 when already there."""
    if Person.objects.filter(email=EMAIL.format(prefix="", number=0)).exists():
        return 0
    editions = list(
        EditionPage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE, start__lt=timezone.now()
        ).order_by("start")
    )[-6:]
    if not editions:
        return 0
    history = generate_history(editions)
    return history.encounters


IMPACT_PAGE = {
    "title": {
        "fr": "Ce qui en est ressorti",
        "nl": "Wat het opleverde",
        "en": "What came out of it",
    },
    "slug": {
        "fr": "ce-qui-en-est-ressorti",
        "nl": "wat-het-opleverde",
        "en": "what-came-out-of-it",
    },
    "introduction": {
        "fr": "Ce que les participants des soirées Passerelles nous ont raconté ensuite : les "
        "rencontres suivies, les projets lancés et réalisés, les secteurs qui se sont trouvés.",
        "nl": "Wat de deelnemers aan de Passerelles-avonden ons achteraf vertelden: de opgevolgde "
        "ontmoetingen, de gestarte en gerealiseerde projecten, de sectoren die elkaar vonden.",
        "en": "What participants in the Passerelles evenings told us afterwards: the encounters "
        "followed up, the projects started and realised, the sectors that found each other.",
    },
}


def load_impact_page(loader) -> None:
    """The network-wide impact page under the French home page, translated to nl and en."""
    from home.models import HomePage

    home = HomePage.objects.filter(locale=loader.source, depth=2).first()
    if home is None:
        return
    loader.remember(IMPACT_PAGE["slug"])
    title = loader.remember(IMPACT_PAGE["title"])
    introduction = loader.remember(IMPACT_PAGE["introduction"])
    page = ImpactPage.objects.child_of(home).first()
    if page is None:
        page = loader.publish_child(
            home,
            ImpactPage(title=title, slug=IMPACT_PAGE["slug"]["fr"], introduction=introduction),
        )
    loader.translate(page)
