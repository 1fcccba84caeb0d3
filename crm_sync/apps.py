from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrmSyncConfig(AppConfig):
    """The CRM mirror: connections, connectors, the sync engine, runs and spreadsheet import."""

    name = "crm_sync"
    verbose_name = _("CRM mirror")

    def ready(self) -> None:
        from . import privacy  # noqa: F401 (connects the erasure and retention receivers)
