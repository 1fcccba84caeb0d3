"""Erasure reaches the outcomes too.

Deleting a person (erasure on request) deletes their place in every
encounter by cascade. What staff wrote about those encounters may name them,
so the notes of the encounters they were in, and of those encounters' steps,
are blanked in the same transaction. The counts stay (they name nobody).
"""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from people.models import Person

from .models import Encounter, LadderStep


@receiver(pre_delete, sender=Person, dispatch_uid="outcomes_forget_erased_person")
def forget_person_in_notes(sender, instance: Person, **kwargs) -> None:
    encounters = Encounter.objects.filter(participants__person=instance)
    LadderStep.objects.filter(encounter__in=encounters).exclude(note="").update(note="")
    encounters.exclude(notes="").update(notes="")
