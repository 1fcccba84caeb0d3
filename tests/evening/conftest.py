"""Helpers for the evening's tests: the next edition, sectors, registrants."""

import pytest
from django.conf import settings
from django.utils import timezone

from core.models import Sector
from editions.models import EditionPage
from people.models import Attendance, Person, SourceRecord
from people.normalize import normalize_name


@pytest.fixture
def edition(db) -> EditionPage:
    """The demo's next edition, in French."""
    return (
        EditionPage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE, start__gte=timezone.now()
        )
        .order_by("start")
        .first()
    )


@pytest.fixture
def past_editions(db) -> list[EditionPage]:
    return list(
        EditionPage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE, start__lt=timezone.now()
        ).order_by("start")
    )


@pytest.fixture
def sectors(db) -> dict[str, Sector]:
    return {s.slug: s for s in Sector.objects.filter(locale__language_code=settings.LANGUAGE_CODE)}


@pytest.fixture
def registrant(sectors):
    """`registrant(edition, name, sector=None, status="registered", agency=None, **person)`."""
    counter = iter(range(100_000))

    def _make(edition, name, sector=None, status="registered", agency=None, role="guest", **fields):
        n = next(counter)
        first, _, last = name.partition(" ")
        person = Person.objects.create(
            first_name=first,
            last_name=last,
            email=fields.pop("email", f"r{n}@evening.example"),
            normalized_name=normalize_name(name),
            **fields,
        )
        if sector:
            person.sectors.add(sectors[sector])
        if agency:
            SourceRecord.objects.create(
                agency=agency,
                channel="crm",
                source_id=f"e{n}",
                modified_at=timezone.now(),
                content_hash="x",
                person=person,
                confirmed_at=timezone.now(),
            )
        return Attendance.objects.create(person=person, edition=edition, status=status, role=role)

    return _make
