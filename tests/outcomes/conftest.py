"""Helpers for the outcomes tests: fictional people, past editions, encounters."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from core.models import Sector
from editions.models import EditionPage
from outcomes.ladder import create_encounter, record_step
from people.models import Attendance, Person, SourceRecord
from people.normalize import normalize_name


@pytest.fixture
def past_editions(db) -> list[EditionPage]:
    """The demo's past editions in French, oldest first."""
    return list(
        EditionPage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE, start__lt=timezone.now()
        ).order_by("start")
    )


@pytest.fixture
def sectors(db) -> dict[str, Sector]:
    return {s.slug: s for s in Sector.objects.filter(locale__language_code=settings.LANGUAGE_CODE)}


@pytest.fixture
def make_person(sectors):
    """`make_person(name, *sector_slugs, agency=None, editions=())`."""
    counter = iter(range(10_000))

    def _make(name: str, *slugs: str, agency: str | None = None, editions=()) -> Person:
        n = next(counter)
        first, _, last = name.partition(" ")
        person = Person.objects.create(
            first_name=first,
            last_name=last,
            email=f"p{n}@outcomes.example",
            normalized_name=normalize_name(name),
        )
        person.sectors.set([sectors[s] for s in slugs])
        if agency:
            SourceRecord.objects.create(
                agency=agency,
                channel="import",
                source_id=f"t{n}",
                modified_at=timezone.now(),
                content_hash="x",
                person=person,
                confirmed_at=timezone.now(),
            )
        for edition in editions:
            Attendance.objects.create(person=person, edition=edition)
        return person

    return _make


@pytest.fixture
def encounter_between():
    """`encounter_between(people, edition, *steps)`: steps as (stage, days after), kind optional."""

    def _make(people, edition, *steps, **kwargs):
        encounter = create_encounter(people, edition=edition, **kwargs)
        for stage, days, *kind in steps:
            record_step(
                encounter,
                stage,
                encounter.met_on + dt.timedelta(days=days),
                kind=kind[0] if kind else "",
            )
        return encounter

    return _make
