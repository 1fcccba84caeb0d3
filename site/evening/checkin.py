"""Checking people in at the door, from several tablets at once.

A check-in names the attendance and the state wanted ("in" or "out"), never
"toggle", so a request sent twice (a double tap, a retry on a flaky network)
changes nothing the second time. The row is locked (``select_for_update``)
while it changes, and there is one row per person and edition (a database
constraint), so two tablets checking in the same person count them once.

What the door sees of a person: name, organisation and sector, no more.
Every lookup is recorded in the directory's audit trail, as searches are.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from editions.models import EditionPage
from people import audit
from people.models import Attendance, Person
from people.normalize import normalize_name
from people.signals import people_changed

from .registrants import Registrant, attach_sectors_and_agencies, registrants

Status = Attendance.Status
MIN_QUERY = 3
MAX_RESULTS = 20
# At the door: everyone the registration list names, cancelled included (they may come).
DOOR_STATUSES = (Status.REGISTERED, Status.WAITING_LIST, Status.CANCELLED, Status.ATTENDED)


@dataclass
class Counts:
    """Live figures for the door: expected, arrived, waiting list, capacity."""

    registered: int
    arrived: int
    waiting: int
    capacity: int | None

    def as_dict(self) -> dict:
        return {
            "registered": self.registered,
            "arrived": self.arrived,
            "waiting": self.waiting,
            "capacity": self.capacity,
        }


def counts(edition: EditionPage) -> Counts:
    """One query: registered (expected, walk-ins included), arrived, waiting list."""
    figures = Attendance.objects.filter(edition=edition).aggregate(
        registered=Count("id", filter=Q(status__in=(Status.REGISTERED, Status.ATTENDED))),
        arrived=Count("id", filter=Q(status=Status.ATTENDED)),
        waiting=Count("id", filter=Q(status=Status.WAITING_LIST)),
    )
    return Counts(capacity=edition.capacity, **figures)


def find(edition: EditionPage, query: str, user) -> list[Registrant]:
    """Registrants whose name or organisation contains `query` (3 letters at least)."""
    key = normalize_name(query)[:100]
    if len(key.replace(" ", "")) < MIN_QUERY:
        return []
    audit.record_search(user, query, filters={"check_in": [edition.slug]})
    ids = list(
        Attendance.objects.filter(edition=edition, status__in=DOOR_STATUSES)
        .filter(
            Q(person__normalized_name__contains=key)
            | Q(person__organisation__normalized_name__contains=key)
        )
        .order_by("person__last_name", "person__first_name")
        .values_list("person_id", flat=True)[:MAX_RESULTS]
    )
    return registrants(edition.pk, DOOR_STATUSES, person_ids=ids)


def set_checked_in(
    edition: EditionPage, attendance_id: int, arrived: bool, user
) -> tuple[bool, Attendance]:
    """Check someone in (or undo it); return whether anything changed, and the row.

    Idempotent: checking in someone already in (by this or another tablet)
    changes nothing. Raises Attendance.DoesNotExist for a row of another edition.
    """
    with transaction.atomic():
        attendance = (
            Attendance.objects.select_for_update()
            .select_related("person")
            .get(pk=attendance_id, edition=edition)
        )
        is_in = attendance.status == Status.ATTENDED
        if is_in == arrived:
            return False, attendance
        if arrived:
            attendance.status = Status.ATTENDED
            attendance.checked_in_at = timezone.now()
            attendance.checked_in_by = user if getattr(user, "is_authenticated", False) else None
        else:
            attendance.status = Status.REGISTERED
            attendance.checked_in_at = None
            attendance.checked_in_by = None
        attendance.save(update_fields=["status", "checked_in_at", "checked_in_by"])
        audit.record(
            user,
            audit.Action.CHECK_IN,
            people=[attendance.person_id],
            details={"edition": edition.slug, "arrived": arrived},
        )
        # The search index's "edition" facet follows who came.
        person_ids = {attendance.person_id}
        transaction.on_commit(lambda: people_changed.send(sender=Person, person_ids=person_ids))
    return True, attendance


def registrant(attendance: Attendance) -> Registrant:
    """The door's view of one attendance (name, organisation, sector)."""
    person = attendance.person
    found = Registrant(
        attendance_id=attendance.pk,
        person_id=person.pk,
        first_name=person.first_name,
        last_name=person.last_name,
        organisation=person.organisation.name if person.organisation_id else "",
        status=attendance.status,
        role=attendance.role,
        sector=None,
    )
    attach_sectors_and_agencies([found])
    return found
