"""Helpers for the evening's tests: the next edition, sectors, registrants."""

import pytest
from django.conf import settings
from django.utils import timezone

from editions.models import EditionPage
from people.models import Attendance
from tests.directory import create_person


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
def registrant(sectors):
    """`registrant(edition, name, sector=None, status="registered", agency=None, **person)`."""
    counter = iter(range(100_000))

    def _make(edition, name, sector=None, status="registered", agency=None, role="guest", **fields):
        n = next(counter)
        person = create_person(
            name,
            email=fields.pop("email", f"r{n}@evening.example"),
            sectors=[sectors[sector]] if sector else (),
            agency=agency,
            channel="crm",
            source_id=f"e{n}",
            **fields,
        )
        return Attendance.objects.create(person=person, edition=edition, status=status, role=role)

    return _make
