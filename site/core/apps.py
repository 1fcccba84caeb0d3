from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared pieces of the public site: sectors, blocks, language helpers."""

    name = "core"
    verbose_name = _("Passerelles core")
