"""CRM connections, sync runs and imports in the admin (the People menu is in `passerelles`)."""

from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from core.viewsets import AllowedViewsMixin

from . import views
from .forms import ConnectionForm
from .models import Connection, SyncRun


class LastRunColumn(Column):
    def get_value(self, instance):
        run = instance.last_run
        if run is None:
            return _("never")
        return f"{run.get_status_display()} — {run.started_at:%Y-%m-%d %H:%M}"


class PostButtonColumn(Column):
    """A button that posts to `url_name` for the row (for staff who may change connections)."""

    def __init__(self, name, url_name: str, button: str, **kwargs):
        super().__init__(name, **kwargs)
        self.url_name = url_name
        self.button = button

    def get_value(self, instance):
        return instance.pk

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        if request and request.user.has_perm("crm_sync.change_connection"):
            from django.middleware.csrf import get_token

            context["value"] = format_html(
                '<form method="post" action="{}"><input type="hidden" name="csrfmiddlewaretoken" '
                'value="{}"><button class="button button-small" type="submit">{}</button></form>',
                reverse(self.url_name, args=[instance.pk]),
                get_token(request),
                self.button,
            )
        else:
            context["value"] = ""
        return context


class ConnectionViewSet(ModelViewSet):
    """One CRM connection per agency; the secret stays in the environment variable it names.

    The add and edit views use the form `crm_connect` validates with, so both
    accept and refuse the same values.
    """

    model = Connection
    name = "crm_connections"
    icon = "link"
    add_to_admin_menu = False
    form_fields = ConnectionForm._meta.fields
    list_display = [
        "agency",
        "kind",
        "url",
        "enabled",
        LastRunColumn("last_run", label=_("Last run")),
        PostButtonColumn("sync", "crm_sync_now", _("Sync now"), label=_("Sync")),
        PostButtonColumn("check", "crm_check", _("Test connection"), label=_("Test")),
    ]
    copy_view_enabled = False

    def get_form_class(self, for_update: bool = False) -> type[ConnectionForm]:
        return ConnectionForm


class SyncRunViewSet(AllowedViewsMixin, ModelViewSet):
    """Runs with their counts; the inspect view lists per-record errors and warnings.

    Runs are written by the sync engine only: the list and each run's page are
    the only views (no add, edit or delete URL exists). Old runs leave through
    the retention policy (`manage.py people_retention`).
    """

    allowed_views = frozenset({"inspect"})

    model = SyncRun
    name = "crm_runs"
    icon = "history"
    add_to_admin_menu = False
    list_display = [
        "connection",
        "started_at",
        "status",
        "full",
        "fetched",
        "created",
        "updated",
        "deleted",
        "failed",
        "written_back",
    ]
    list_filter = ["status", "connection", "full"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "connection",
        "status",
        "full",
        "started_at",
        "finished_at",
        "fetched",
        "created",
        "updated",
        "unchanged",
        "deleted",
        "failed",
        "suppressed",
        "written_back",
        "waited",
        "error",
        "record_errors",
        "record_warnings",
    ]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [ConnectionViewSet(), SyncRunViewSet()]


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("crm/connections/<int:pk>/sync/", views.sync_now, name="crm_sync_now"),
        path("crm/connections/<int:pk>/check/", views.check_now, name="crm_check"),
        path("crm/import/", views.import_view, name="crm_import"),
        path("crm/import/<uuid:pk>/", views.import_job_view, name="crm_import_job"),
    ]
