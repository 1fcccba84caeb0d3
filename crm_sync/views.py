"""Admin views of the CRM mirror: sync now, spreadsheet import."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.agencies import AGENCY_SLUGS

from .checks import check_connection
from .models import Connection
from .spreadsheets import SpreadsheetError, import_spreadsheet
from .tasks import run_sync


@require_POST
def sync_now(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a sync of one connection for the background worker."""
    if not request.user.has_perm("crm_sync.change_connection"):
        raise PermissionDenied
    connection = get_object_or_404(Connection, pk=pk)
    full = request.POST.get("full") == "1"
    run_sync.enqueue(connection.pk, full)
    messages.success(
        request,
        _(
            "A sync of %(agency)s is queued; its run appears under Sync runs when the worker "
            "picks it up."
        )
        % {"agency": connection.agency},
    )
    return redirect("crm_connections:index")


@require_POST
def check_now(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Test connection": read one page of the CRM now and report it as messages."""
    if not request.user.has_perm("crm_sync.change_connection"):
        raise PermissionDenied
    connection = get_object_or_404(Connection, pk=pk)
    report = check_connection(connection)
    for line in report.seen:
        messages.info(request, f"{connection.agency}: {line}")
    for line in report.missing:
        messages.warning(
            request,
            _("%(agency)s: missing: %(what)s") % {"agency": connection.agency, "what": line},
        )
    if report.error:
        messages.error(request, f"{connection.agency}: {report.error}")
    elif report.ok:
        messages.success(
            request, _("%(agency)s: the connection works.") % {"agency": connection.agency}
        )
    return redirect("crm_connections:index")


class ImportForm(forms.Form):
    agency = forms.ChoiceField(
        label=gettext_lazy("Agency"), choices=[(slug, slug) for slug in AGENCY_SLUGS]
    )
    file = forms.FileField(
        label=gettext_lazy("CSV or XLSX file"),
        help_text=gettext_lazy(
            "UTF-8 or Latin-1, comma or semicolon; one row per person with a name or email column."
        ),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Check only (change nothing)"), required=False, initial=True
    )

    def clean_file(self):
        """Refuse a file over PASSERELLES_MAX_SPREADSHEET_BYTES before it is read."""
        upload = self.cleaned_data["file"]
        limit = settings.PASSERELLES_MAX_SPREADSHEET_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is too large: spreadsheets of at most %(size)s can be imported.")
                % {"size": filesizeformat(limit)}
            )
        return upload


def import_view(request: HttpRequest) -> HttpResponse:
    """Upload an agency's spreadsheet: all rows are imported, or none with the errors listed."""
    if not request.user.has_perm("people.add_person"):
        raise PermissionDenied
    report = None
    error = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = import_spreadsheet(
                form.cleaned_data["agency"],
                upload.read(),
                upload.name,
                dry_run=form.cleaned_data["dry_run"],
            )
        except SpreadsheetError as exc:
            error = str(exc)
    return TemplateResponse(
        request, "crm_sync/admin/import.html", {"form": form, "report": report, "error": error}
    )
