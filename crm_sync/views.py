"""Admin views of the CRM mirror: sync now, spreadsheet import."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.agencies import AGENCY_SLUGS

from . import import_jobs
from .checks import check_connection
from .models import Connection, ImportJob
from .spreadsheets import SpreadsheetError, preview
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
    """The upload: an agency and a file; rows are read by the worker after confirmation."""

    agency = forms.ChoiceField(
        label=gettext_lazy("Agency"), choices=[(slug, slug) for slug in AGENCY_SLUGS]
    )
    file = forms.FileField(
        label=gettext_lazy("CSV or XLSX file"),
        help_text=gettext_lazy(
            "UTF-8 or Windows-1252, comma or semicolon; one row per person with a name or "
            "email column. You will see how its columns are read before anything is imported."
        ),
    )

    def clean_file(self):
        """Refuse a file over PASSERELLES_MAX_SPREADSHEET_BYTES, or of another kind, unread."""
        upload = self.cleaned_data["file"]
        limit = settings.PASSERELLES_MAX_SPREADSHEET_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is too large: spreadsheets of at most %(size)s can be imported.")
                % {"size": filesizeformat(limit)}
            )
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError(_("Only .csv and .xlsx files can be imported."))
        return upload


def _require_import(request: HttpRequest) -> None:
    if not request.user.has_perm("people.add_person"):
        raise PermissionDenied


def import_view(request: HttpRequest) -> HttpResponse:
    """Upload an agency's spreadsheet; its page shows the columns and first rows to confirm."""
    _require_import(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = import_jobs.create_job(
            request.user, form.cleaned_data["agency"], form.cleaned_data["file"]
        )
        return redirect("crm_import_job", job.pk)
    jobs = ImportJob.objects.filter(user=request.user)[:20]
    return TemplateResponse(request, "crm_sync/admin/import.html", {"form": form, "jobs": jobs})


def import_job_view(request: HttpRequest, pk) -> HttpResponse:
    """One import: preview and confirm, then its progress, then its report (its owner only)."""
    _require_import(request)
    job = get_object_or_404(ImportJob, pk=pk, user=request.user)
    Status = ImportJob.Status
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "cancel" and not job.running:
            import_jobs.delete_file(job)
            job.delete()
            messages.info(request, _("The import was cancelled and its file deleted."))
            return redirect("crm_import")
        can_start = job.status == Status.UPLOADED or (
            job.status == Status.DONE and job.dry_run and job.stored_name
        )
        if action in ("check", "import") and can_start:
            import_jobs.start(job, dry_run=action == "check")
        return redirect("crm_import_job", job.pk)
    context: dict = {"job": job, "report": job.report, "preview": None, "error": job.error}
    if job.status == Status.UPLOADED:
        try:
            with import_jobs.storage().open(job.stored_name, "rb") as handle:
                context["preview"] = preview(handle, job.original_name)
        except SpreadsheetError as error:
            # The file cannot be read: nothing to confirm, nothing to keep.
            import_jobs.delete_file(job)
            job.status, job.error = Status.REFUSED, str(error)
            job.finished_at = timezone.now()
            job.save()
            context["error"] = job.error
    return TemplateResponse(request, "crm_sync/admin/import_job.html", context)
