from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EveningConfig(AppConfig):
    """Around one evening: registrations in, check-in at the door, badges and table plans."""

    name = "evening"
    verbose_name = _("The evening")
    default_auto_field = "django.db.models.BigAutoField"
