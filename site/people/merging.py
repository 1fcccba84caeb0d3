"""Staff merges and unmerges, and "not a duplicate" decisions.

A merge moves everything of one person onto another and remembers what it
moved, so it can be undone exactly. Source records moved by staff are
locked to their person: later syncs update their data but never move them,
which is how a merge and an unmerge survive the nightly sync.
"""

from django.db import transaction
from django.utils import timezone

from . import audit
from .models import Attendance, Merge, Person, PossibleDuplicate, SourceRecord
from .sources import recompute_people


class MergeError(ValueError):
    """A merge or unmerge that cannot be done; the message is shown to staff."""


def _pair(a: Person, b: Person) -> tuple[int, int]:
    return (a.id, b.id) if a.id < b.id else (b.id, a.id)


@transaction.atomic
def merge_people(survivor: Person, merged: Person, user=None) -> Merge:
    """Merge `merged` into `survivor`; return the Merge that can undo it."""
    from django.utils.translation import gettext as _

    if survivor.id == merged.id:
        raise MergeError(_("A person cannot be merged with themselves."))
    if survivor.merged_into_id or merged.merged_into_id:
        raise MergeError(_("One of these people was already merged into someone else."))
    records = list(merged.source_records.values_list("id", flat=True))
    SourceRecord.objects.filter(id__in=records).update(person=survivor, link_locked=True)
    SourceRecord.objects.filter(person=survivor).update(link_locked=True)

    taken = set(survivor.attendances.values_list("edition_id", flat=True))
    attendances = list(
        merged.attendances.exclude(edition_id__in=taken).values_list("id", flat=True)
    )
    Attendance.objects.filter(id__in=attendances).update(person=survivor)

    projects = list(merged.projects.values_list("id", flat=True))
    for project in merged.projects.all():
        project.participants.remove(merged)
        project.participants.add(survivor)

    new_sectors = list(
        merged.sectors.exclude(id__in=survivor.sectors.values("id")).values_list("id", flat=True)
    )
    survivor.sectors.add(*new_sectors)
    original_notes = survivor.notes
    if merged.notes:
        survivor.notes = "\n\n".join(n for n in (survivor.notes, merged.notes) if n)
        survivor.save(update_fields=["notes"])

    merged.merged_into = survivor
    merged.is_active = False
    merged.save(update_fields=["merged_into", "is_active"])
    first, second = _pair(survivor, merged)
    PossibleDuplicate.objects.update_or_create(
        first_id=first,
        second_id=second,
        defaults={
            "status": PossibleDuplicate.Status.MERGED,
            "decided_by": user,
            "decided_at": timezone.now(),
            "score": 0,
        },
    )
    merge = Merge.objects.create(
        survivor=survivor,
        merged=merged,
        merged_by=user,
        moved={
            "records": records,
            "attendances": attendances,
            "projects": projects,
            "sectors": new_sectors,
            "notes": original_notes,
        },
    )
    recompute_people([survivor.id, merged.id])
    audit.record(user, audit.Action.MERGE, people=[survivor, merged])
    return merge


@transaction.atomic
def unmerge(merge: Merge, user=None) -> Person:
    """Undo a merge: give back what moved and record that the two are different people."""
    from django.utils.translation import gettext as _

    if merge.undone_at:
        raise MergeError(_("This merge was already undone."))
    survivor, merged = merge.survivor, merge.merged
    moved = merge.moved
    SourceRecord.objects.filter(id__in=moved.get("records", [])).update(
        person=merged, link_locked=True
    )
    Attendance.objects.filter(id__in=moved.get("attendances", [])).update(person=merged)
    for project in survivor.projects.filter(id__in=moved.get("projects", [])):
        project.participants.add(merged)
        project.participants.remove(survivor)
    survivor.sectors.remove(*moved.get("sectors", []))
    survivor.notes = moved.get("notes", survivor.notes)
    survivor.save(update_fields=["notes"])
    merged.merged_into = None
    merged.is_active = True
    merged.save(update_fields=["merged_into", "is_active"])
    _mark_distinct(survivor, merged, user)
    merge.undone_at = timezone.now()
    merge.save(update_fields=["undone_at"])
    recompute_people([survivor.id, merged.id])
    audit.record(user, audit.Action.UNMERGE, people=[survivor, merged])
    return merged


def mark_distinct(a: Person, b: Person, user=None) -> PossibleDuplicate:
    """Record that two people are not the same; the pair is never proposed again."""
    pair = _mark_distinct(a, b, user)
    audit.record(user, audit.Action.DISTINCT, people=[a, b])
    return pair


def _mark_distinct(a: Person, b: Person, user=None) -> PossibleDuplicate:
    first, second = _pair(a, b)
    pair, _ = PossibleDuplicate.objects.update_or_create(
        first_id=first,
        second_id=second,
        defaults={
            "status": PossibleDuplicate.Status.DISTINCT,
            "decided_by": user,
            "decided_at": timezone.now(),
            "score": 0,
        },
    )
    return pair
