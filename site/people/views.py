"""Staff views of the people directory in the Wagtail admin.

The person list, the person's page, the curated-fields form, the history and
the erasure are the person viewset's (Wagtail's generic views, subclassed
here); the audit trail is a viewset too. The function views below are kept
where Wagtail has no fitting view, each says why. Every one checks the
directory permissions itself: ``people.view_person`` to see anything,
``people.change_person`` to merge, unmerge or decide on a duplicate,
``people.delete_person`` to erase, ``people.subject_access_person`` for the
right of access. Nothing here is reachable from the public site.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView, EditView, IndexView, InspectView
from wagtail.admin.widgets.button import HeaderButton

from . import audit, export_jobs, subject_access
from .erasure import erase_person, erased_on, same_human
from .export import FORMATS
from .labels import FIELD_LABELS, consent_label
from .merging import MergeError, mark_distinct, merge_people, unmerge
from .models import ExportJob, Merge, Person, PossibleDuplicate
from .normalize import normalize_email


def _require(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


class ConsentColumn(Column):
    """Marks people who refused to be contacted in the list."""

    def get_value(self, instance):
        return _("Refused contact") if instance.contact_consent is False else ""


class PersonIndexView(IndexView):
    """The people list; a name leads to the person's page with provenance."""

    def get_edit_url(self, instance):
        # The name links to the person's page, not to the curated-fields form.
        return self.get_inspect_url(instance)

    def get_list_more_buttons(self, instance):
        buttons = [MenuItem(_("Open"), url=self.get_inspect_url(instance), icon_name="user")]
        if self.user_has_permission("change"):
            url = reverse("people:edit", args=[quote(instance.pk)])
            buttons.append(MenuItem(_("Edit sectors and notes"), url=url, icon_name="edit"))
        return buttons


class PersonInspectView(InspectView):
    """A person: source-owned values with their provenance, sources, curated data, merges.

    Opening it is recorded in the audit trail (who viewed whom, when).
    """

    template_name = "people/admin/person_inspect.html"
    any_permission_required = ["view"]
    languages = settings.LANGUAGES

    def get_page_title(self):
        return self.object.display_name

    def get_page_subtitle(self):
        return ""

    def get(self, request, *args, **kwargs):
        audit.record(request.user, audit.Action.VIEW, people=[self.object])
        return super().get(request, *args, **kwargs)

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.user_has_permission("delete"):
            url = reverse("people:erase", args=[quote(self.object.pk)])
            buttons.append(HeaderButton(_("Erase on request"), url=url, icon_name="bin"))
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = Person.objects.select_related("organisation", "merged_into").get(pk=self.object.pk)
        values = []
        for name, label in FIELD_LABELS.items():
            value = (
                person.organisation.name if name == "organisation" and person.organisation else ""
            )
            value = value or getattr(person, name, "")
            if name == "contact_consent":
                value = consent_label(person.contact_consent)
            origin = person.provenance.get(name, {})
            values.append(
                {
                    "label": label,
                    "value": value,
                    "agency": origin.get("agency", ""),
                    "modified": origin.get("modified", ""),
                }
            )
        user = self.request.user
        context.update(
            {
                "person": person,
                "values": values,
                "sources": person.source_records.order_by("agency", "channel", "source_id"),
                "attendances": person.attendances.select_related("edition"),
                "projects": person.projects.all(),
                "merges": Merge.objects.filter(
                    survivor=person, undone_at__isnull=True
                ).select_related("merged"),
                "can_change": self.user_has_permission("change"),
                "can_subject_access": user.has_perm("people.subject_access_person"),
                # Sections other apps add to the page (e.g. outcomes: encounters), by hook.
                "extra_sections": [
                    fn(self.request, person) for fn in hooks.get_hooks("people_person_panels")
                ],
            }
        )
        return context


class CuratedEditView(EditView):
    """The curated fields only (sectors, notes): source-owned fields have no form field."""

    def get_success_url(self):
        return reverse("people:inspect", args=[quote(self.object.pk)])


class ConfirmErasureForm(forms.Form):
    confirm = forms.BooleanField()


class ErasureView(DeleteView):
    """Removing a person is erasure (GDPR art. 17): the confirmation, then `erase_person`.

    Wagtail's delete view would remove the row and leave the source records,
    log labels and index entries behind; this one erases everyone merged with
    the person and everything the project holds on them, keeps only hashes so
    no sync brings them back, and records who erased, when.
    """

    template_name = "people/admin/confirm_erase.html"
    permission_required = "delete"
    page_title = gettext_lazy("Erase on request")
    usage_url_name = None

    def get_form(self, form_class=None):
        return ConfirmErasureForm(self.request.POST or None)

    def form_invalid(self, form):
        messages.error(self.request, _("Tick the confirmation to erase this person."))
        return redirect("people:erase", pk=self.object.pk)

    def get_success_message(self):
        return _("The person was erased and will stay erased.")

    def get_success_url(self):
        return reverse("people:index")

    def delete_action(self):
        erase_person(self.object, self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["everyone"] = same_human(self.object)
        return context


def person_redirect(request: HttpRequest, pk: int) -> HttpResponse:
    """The person page's former address (kept for links and search results)."""
    return redirect("people:inspect", pk=pk)


def duplicates(request: HttpRequest) -> HttpResponse:
    """The possible duplicates waiting for a decision, side by side.

    Hand-made: a pair of people compared column by column with three decisions
    is not a listing of one model's rows, which is all Wagtail's IndexView draws.
    """
    _require(request, "people.view_person")
    pairs = (
        PossibleDuplicate.objects.filter(status=PossibleDuplicate.Status.OPEN)
        .select_related("first__organisation", "second__organisation")
        .order_by("-score", "created_at")[:100]
    )
    return TemplateResponse(
        request,
        "people/admin/duplicates.html",
        {"pairs": pairs, "can_change": request.user.has_perm("people.change_person")},
    )


@require_POST
def decide_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge a pair (keeping the chosen person) or record that they are different people.

    Hand-made: a decision is an action on two people, not a form over one row.
    """
    _require(request, "people.view_person")
    _require(request, "people.change_person")
    pair = get_object_or_404(PossibleDuplicate, pk=pk)
    decision = request.POST.get("decision")
    try:
        if decision == "distinct":
            mark_distinct(pair.first, pair.second, request.user)
            messages.success(request, _("Recorded: these are two different people."))
        elif decision in ("keep_first", "keep_second"):
            survivor, merged = (
                (pair.first, pair.second) if decision == "keep_first" else (pair.second, pair.first)
            )
            merge_people(survivor, merged, request.user)
            messages.success(
                request,
                _("%(merged)s was merged into %(survivor)s.")
                % {"merged": merged, "survivor": survivor},
            )
        else:
            messages.error(request, _("Unknown decision."))
    except MergeError as error:
        messages.error(request, str(error))
    return redirect("people_duplicates")


@require_POST
def undo_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo a staff merge (hand-made: an action on two people, with no form)."""
    _require(request, "people.view_person")
    _require(request, "people.change_person")
    merge = get_object_or_404(Merge, pk=pk)
    try:
        person = unmerge(merge, request.user)
    except MergeError as error:
        messages.error(request, str(error))
        return redirect("people:inspect", pk=merge.survivor_id)
    messages.success(request, _("The merge was undone."))
    return redirect("people:inspect", pk=person.pk)


class ExportForm(forms.Form):
    file_format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[("xlsx", "XLSX"), ("csv", "CSV"), ("json", "JSON")],
    )
    purpose = forms.ChoiceField(
        label=gettext_lazy("Purpose"),
        choices=ExportJob.Purpose.choices,
        initial=ExportJob.Purpose.DIRECTORY,
        widget=forms.RadioSelect,
    )
    include_refused = forms.BooleanField(
        label=gettext_lazy("Include people who refused to be contacted"),
        help_text=gettext_lazy(
            "For a mailing they are left out unless you tick this; your choice is recorded."
        ),
        required=False,
    )


def export(request: HttpRequest) -> HttpResponse:
    """Queue an export of the directory (active people) and follow your exports' progress.

    Hand-made: Wagtail's listing export writes the file inside the request; here
    the file is prepared by a background worker, limited per user and hour,
    and downloaded from a link that expires (see `people.export_jobs`).
    """
    _require(request, "people.view_person")
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        people = Person.objects.filter(merged_into__isnull=True, is_active=True)
        try:
            export_jobs.queue_export(
                request.user,
                people,
                form.cleaned_data["file_format"],
                purpose=form.cleaned_data["purpose"],
                include_refused=form.cleaned_data["include_refused"],
            )
        except export_jobs.ExportLimitReached as error:
            messages.error(request, str(error))
            return TemplateResponse(
                request, "people/admin/export.html", _export_context(request, form), status=429
            )
        messages.success(request, _("Your export is being prepared; it will appear below."))
        return redirect("people_export")
    return TemplateResponse(request, "people/admin/export.html", _export_context(request, form))


def _export_context(request: HttpRequest, form: ExportForm) -> dict:
    jobs = list(ExportJob.objects.filter(user=request.user).order_by("-created_at")[:20])
    return {
        "form": form,
        "jobs": jobs,
        "pending": any(
            j.status in (ExportJob.Status.QUEUED, ExportJob.Status.RUNNING) for j in jobs
        ),
        "exports_left": export_jobs.exports_left(request.user),
        "per_hour": settings.PEOPLE_EXPORTS_PER_HOUR,
        "link_hours": settings.PEOPLE_EXPORT_LINK_HOURS,
    }


def export_download(request: HttpRequest, pk) -> FileResponse:
    """Download a prepared export: its owner only, until the link expires (then 404)."""
    _require(request, "people.view_person")
    job = get_object_or_404(ExportJob, pk=pk, user=request.user)
    if not job.is_downloadable or not job.file_name:
        raise Http404
    try:
        handle = export_jobs.storage().open(job.file_name, "rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, content_type=FORMATS[job.file_format]().get_content_type())
    response["Content-Disposition"] = f'attachment; filename="people.{job.file_format}"'
    return response


class SubjectAccessForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email of the person asking"))


def subject_access_search(request: HttpRequest) -> HttpResponse:
    """Find everyone holding an email, for a subject access request.

    Hand-made: a search over every email a person has (current ones and those
    of every source record), which the person list's search does not cover.
    """
    _require(request, "people.view_person")
    _require(request, "people.subject_access_person")
    form = SubjectAccessForm(request.GET or None)
    people, erasure = None, None
    if form.is_valid():
        email = form.cleaned_data["email"]
        people = subject_access.find_people(email)
        if not people:
            erasure = erased_on(normalize_email(email))
    return TemplateResponse(
        request,
        "people/admin/subject_access.html",
        {"form": form, "people": people, "erasure": erasure, "languages": settings.LANGUAGES},
    )


def subject_access_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything held on a person as JSON or a readable HTML document (art. 15 and 20).

    Hand-made: a document assembled from many models, with no Wagtail view
    that fits; the download is recorded in the audit trail.
    """
    _require(request, "people.view_person")
    _require(request, "people.subject_access_person")
    person = get_object_or_404(Person, pk=pk)
    file_format = request.GET.get("format", "html")
    if file_format not in ("json", "html"):
        file_format = "html"
    text, language = subject_access.export(
        [person], file_format, request.user, language=request.GET.get("language")
    )
    content_type = "application/json" if file_format == "json" else "text/html; charset=utf-8"
    response = HttpResponse(text, content_type=content_type)
    name = f"subject-access-{person.pk}-{language}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
