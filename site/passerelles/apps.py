from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PasserellesConfig(AppConfig):
    """The composition layer: demo, roles, navigation tags, the admin's People menu, renditions.

    The only package that may import every app (see tests/test_architecture.py).
    """

    name = "passerelles"
    verbose_name = _("Passerelles")

    def ready(self) -> None:
        from django.contrib.auth.models import Group
        from wagtail.models import Task, Workflow
        from wagtail.workflows import get_task_types

        from passerelles import names, roles  # noqa: F401 -- registers the roles' names

        # Groups, workflows and tasks the project creates are named in the
        # admin user's language (passerelles.names).
        names.connect(Group, Workflow, Task, *get_task_types())

        from django.db.models.signals import post_save
        from wagtail.images import get_image_model

        from passerelles.renditions import image_saved

        # A saved image (uploaded, replaced, focal point moved) gets its public
        # renditions in the background, not from its first visitor.
        post_save.connect(image_saved, sender=get_image_model(), dispatch_uid="public_renditions")
