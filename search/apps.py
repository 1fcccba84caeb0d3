from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Staff search of people and projects: entries, backends, the query service, views."""

    name = "search"
    label = "people_search"
    verbose_name = _("People and project search")

    def ready(self) -> None:
        from . import signals  # noqa: F401 (connects the receivers)
