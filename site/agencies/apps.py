from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    """The agencies pages of the public site."""

    name = "agencies"
    verbose_name = _("Agencies")
