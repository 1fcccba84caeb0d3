from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """The cross-agency people directory (staff-only, never public)."""

    name = "people"
    verbose_name = _("People directory")
