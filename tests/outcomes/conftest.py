"""Helpers for the outcomes tests: fictional people, past editions, encounters."""

import datetime as dt

import pytest

from outcomes.ladder import create_encounter, record_step
from people.models import Attendance, Person
from tests.directory import create_person


@pytest.fixture
def make_person(sectors):
    """`make_person(name, *sector_slugs, agency=None, editions=())`."""
    counter = iter(range(10_000))

    def _make(name: str, *slugs: str, agency: str | None = None, editions=()) -> Person:
        n = next(counter)
        person = create_person(
            name,
            email=f"p{n}@outcomes.example",
            sectors=[sectors[s] for s in slugs],
            agency=agency,
            source_id=f"t{n}",
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
