"""The people registered for an edition, as the door, the badges and the tables need them.

One query per relation, whatever the number of registrants: attendances with
their person and organisation, then the people's sectors, then the agencies
that know them (from their live source records).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from people.models import Attendance, SourceRecord

Status = Attendance.Status
# Statuses of people expected (or seen) at the door.
EXPECTED = (Status.REGISTERED, Status.ATTENDED)


@dataclass
class Registrant:
    """What the evening's screens show of one person: nothing more than they need."""

    attendance_id: int
    person_id: int
    first_name: str
    last_name: str
    organisation: str
    status: str
    role: str
    sector: str | None  # the slug of their first sector
    sectors: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    refused_contact: bool = False

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def checked_in(self) -> bool:
        return self.status == Status.ATTENDED

    @property
    def is_host(self) -> bool:
        return self.role in (Attendance.Role.HOST, Attendance.Role.STAFF)


def registrants(
    edition_id: int, statuses: Iterable[str] = EXPECTED, person_ids: Iterable[int] | None = None
) -> list[Registrant]:
    """The edition's registrants with these statuses (by last and first name)."""
    rows = Attendance.objects.filter(edition_id=edition_id, status__in=list(statuses))
    if person_ids is not None:
        rows = rows.filter(person_id__in=list(person_ids))
    rows = rows.select_related("person__organisation").order_by(
        "person__last_name", "person__first_name", "person_id"
    )
    found = [
        Registrant(
            attendance_id=a.pk,
            person_id=a.person_id,
            first_name=a.person.first_name,
            last_name=a.person.last_name,
            organisation=a.person.organisation.name if a.person.organisation else "",
            status=a.status,
            role=a.role,
            sector=None,
            refused_contact=a.person.contact_consent is False,
        )
        for a in rows
    ]
    attach_sectors_and_agencies(found)
    return found


def attach_sectors_and_agencies(people: list[Registrant]) -> None:
    """Fill each registrant's sectors (in sector order) and agencies, in two queries."""
    from people.models import Person

    ids = [p.person_id for p in people]
    sectors: dict[int, list[str]] = defaultdict(list)
    through = Person.sectors.through
    for person_id, slug in (
        through.objects.filter(person_id__in=ids)
        .order_by("sector__sort_order", "sector__slug")
        .values_list("person_id", "sector__slug")
    ):
        if slug not in sectors[person_id]:
            sectors[person_id].append(slug)
    agencies: dict[int, set[str]] = defaultdict(set)
    for person_id, agency in (
        SourceRecord.objects.filter(person_id__in=ids, tombstoned_at__isnull=True)
        .exclude(channel=SourceRecord.Channel.REGISTRATION)
        .values_list("person_id", "agency")
    ):
        # A registration record names the host agency, not an agency that knows them.
        agencies[person_id].add(agency)
    for person in people:
        person.sectors = sectors.get(person.person_id, [])
        person.sector = person.sectors[0] if person.sectors else None
        person.agencies = sorted(agencies.get(person.person_id, ()))
