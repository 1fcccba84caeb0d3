from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditionsConfig(AppConfig):
    """The editions pages of the public site."""

    name = "editions"
    verbose_name = _("Editions")
