"""Erasure and the right of access reach the outcomes too.

Deleting a person (erasure on request) deletes their place in every
encounter by cascade. What staff wrote about those encounters may name them,
so the notes of the encounters they were in, and of those encounters' steps,
are blanked in the same transaction. The counts stay (they name nobody).
A subject access document lists the encounters a person is in.
"""

from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from people.models import Person
from people.signals import subject_access_requested

from .models import Encounter, LadderStep


@receiver(pre_delete, sender=Person, dispatch_uid="outcomes_forget_erased_person")
def forget_person_in_notes(sender, instance: Person, **kwargs) -> None:
    encounters = Encounter.objects.filter(participants__person=instance)
    LadderStep.objects.filter(encounter__in=encounters).exclude(note="").update(note="")
    encounters.exclude(notes="").update(notes="")


@receiver(subject_access_requested, dispatch_uid="outcomes_subject_access")
def encounters_for_subject_access(sender, person_ids, **kwargs) -> dict:
    """The encounters these people are in: when, where, how far it went, the notes."""
    encounters = (
        Encounter.objects.filter(participants__person_id__in=person_ids)
        .distinct()
        .select_related("edition")
        .order_by("met_on", "id")
    )
    items = [
        {
            "met_on": e.met_on.isoformat(),
            "edition": e.edition.title if e.edition else "",
            "agency": e.agency,
            "stage": e.stage,
            "notes": e.notes,
        }
        for e in encounters
    ]
    return {"encounters": {"label": _("Encounters"), "items": items}}
