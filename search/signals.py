"""Following the directory: committed changes are re-indexed in the background.

Never in the request and never before the commit: each change schedules a
task with `transaction.on_commit`. Bulk changes that send no signal are
caught by the `updated_at` sweep of `search_index update`.
"""

import logging

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from people.models import Attendance, Person, Project
from people.signals import people_changed, people_erased

logger = logging.getLogger(__name__)


def schedule(kind: str, ids) -> None:
    ids = sorted({int(i) for i in ids if i})
    if not ids:
        return

    def enqueue() -> None:
        from .tasks import refresh_entries

        try:
            refresh_entries.enqueue(kind, ids)
        except Exception as error:  # the sweep will catch up; a save never fails for search
            logger.warning("could not schedule search indexing: %s", error)

    transaction.on_commit(enqueue)


@receiver(people_changed)
def on_people_changed(sender, person_ids, **kwargs):
    schedule("person", person_ids)


@receiver(people_erased, dispatch_uid="search_forget_erased_people")
def on_people_erased(sender, person_ids, **kwargs):
    """Erased people leave the entries in the erasure's own transaction, and the engine
    when it answers (kept pending until then: see `indexing.forget`)."""
    from .indexing import forget

    forget("person", person_ids)


@receiver([post_save, post_delete], sender=Person)
def on_person(sender, instance, **kwargs):
    schedule("person", [instance.pk])


@receiver([post_save, post_delete], sender=Project)
def on_project(sender, instance, **kwargs):
    schedule("project", [instance.pk])
    if kwargs.get("created") is not None:  # saved, not deleted
        schedule("person", instance.participants.values_list("id", flat=True))


@receiver(pre_delete, sender=Project)
def on_project_deleting(sender, instance, **kwargs):
    # After the delete the participant links are gone: read them before.
    schedule("person", instance.participants.values_list("id", flat=True))


@receiver([post_save, post_delete], sender=Attendance)
def on_attendance(sender, instance, **kwargs):
    schedule("person", [instance.person_id])


@receiver(m2m_changed, sender=Person.sectors.through)
def on_person_sectors(sender, instance, **kwargs):
    if isinstance(instance, Person):
        schedule("person", [instance.pk])


@receiver(m2m_changed, sender=Project.participants.through)
@receiver(m2m_changed, sender=Project.sectors.through)
@receiver(m2m_changed, sender=Project.agencies.through)
def on_project_relations(sender, instance, pk_set=None, **kwargs):
    if isinstance(instance, Project):
        schedule("project", [instance.pk])
        if sender is Project.participants.through:
            schedule("person", pk_set or [])


def _on_story_published(sender, instance, **kwargs):
    """A published (or unpublished) story changes the projects linked to it."""
    from stories.models import StoryPage

    if isinstance(instance.specific, StoryPage):
        schedule(
            "project", Project.objects.filter(story_id=instance.pk).values_list("id", flat=True)
        )


def connect_page_signals() -> None:
    from wagtail.signals import page_published, page_unpublished

    page_published.connect(_on_story_published, dispatch_uid="search_story_published")
    page_unpublished.connect(_on_story_published, dispatch_uid="search_story_unpublished")


connect_page_signals()
