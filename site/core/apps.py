from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared pieces of the public site: sectors, blocks, language helpers."""

    name = "core"
    verbose_name = _("Passerelles core")

    def ready(self) -> None:
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from core.choosers import page_chooser_override
        from core.editorial import LinkedPagePermissionPolicy

        # Page permissions that follow links (an agency's editions and stories);
        # registered for Page, so every admin view asks this policy.
        register_permission_policy(Page, LinkedPagePermissionPolicy())
        # Relations limited to the source language get a chooser that offers
        # French pages only, opened where they live.
        register_form_field_override(models.ForeignKey, to=Page, override=page_chooser_override)
