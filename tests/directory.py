"""People for the tests that need a few of them (evening, outcomes): made the way a sync would.

A person gets a normalized name like the directory's own, and, when an agency is given, a
source record as if that agency's CRM or spreadsheet had sent them.
"""

from collections.abc import Iterable

from django.utils import timezone

from core.models import Sector
from people.models import Person, SourceRecord
from people.normalize import normalize_name


def create_person(
    name: str,
    *,
    email: str,
    sectors: Iterable[Sector] = (),
    agency: str | None = None,
    channel: str = "import",
    source_id: str = "",
    **fields,
) -> Person:
    """A person called `name` ("First Last"), known to `agency` when one is given."""
    first, _, last = name.partition(" ")
    person = Person.objects.create(
        first_name=first,
        last_name=last,
        email=email,
        normalized_name=normalize_name(name),
        **fields,
    )
    if sectors:
        person.sectors.set(sectors)
    if agency:
        SourceRecord.objects.create(
            agency=agency,
            channel=channel,
            source_id=source_id or email,
            modified_at=timezone.now(),
            content_hash="x",
            person=person,
            confirmed_at=timezone.now(),
        )
    return person
