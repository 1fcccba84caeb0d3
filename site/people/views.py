"""Staff views of the people directory in the Wagtail admin.

Every view here checks the directory permissions itself: ``people.view_person``
to see anything, ``people.change_person`` to merge, unmerge or decide on a
duplicate, ``people.delete_person`` to erase. Nothing here is reachable
from the public site.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks

from .erasure import erase_person
from .export import FORMATS, export_people
from .merging import MergeError, mark_distinct, merge_people, unmerge
from .models import Merge, Person, PossibleDuplicate

FIELD_LABELS = {
    "first_name": gettext_lazy("first name"),
    "last_name": gettext_lazy("last name"),
    "email": gettext_lazy("email"),
    "phone": gettext_lazy("phone"),
    "organisation": gettext_lazy("organisation"),
    "job_title": gettext_lazy("job title"),
    "city": gettext_lazy("city"),
    "country": gettext_lazy("country"),
    "language": gettext_lazy("preferred language"),
    "contact_consent": gettext_lazy("agreed to be contacted"),
}


def _require(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A person: source-owned values with their provenance, sources, curated data, merges."""
    _require(request, "people.view_person")
    person = get_object_or_404(Person.objects.select_related("organisation", "merged_into"), pk=pk)
    values = []
    for name, label in FIELD_LABELS.items():
        value = person.organisation.name if name == "organisation" and person.organisation else ""
        value = value or getattr(person, name, "")
        if name == "contact_consent":
            value = {True: _("yes"), False: _("no")}.get(person.contact_consent, _("unknown"))
        origin = person.provenance.get(name, {})
        values.append(
            {
                "label": label,
                "value": value,
                "agency": origin.get("agency", ""),
                "modified": origin.get("modified", ""),
            }
        )
    return TemplateResponse(
        request,
        "people/admin/person_detail.html",
        {
            "person": person,
            "values": values,
            "sources": person.source_records.order_by("agency", "channel", "source_id"),
            "attendances": person.attendances.select_related("edition"),
            "projects": person.projects.all(),
            "merges": Merge.objects.filter(survivor=person, undone_at__isnull=True).select_related(
                "merged"
            ),
            "can_change": request.user.has_perm("people.change_person"),
            "can_erase": request.user.has_perm("people.delete_person"),
            # Sections other apps add to the page (e.g. outcomes: encounters), by hook.
            "extra_sections": [
                fn(request, person) for fn in hooks.get_hooks("people_person_panels")
            ],
        },
    )


def duplicates(request: HttpRequest) -> HttpResponse:
    """The possible duplicates waiting for a decision, side by side."""
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
    """Merge a pair (keeping the chosen person) or record that they are different people."""
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
    """Undo a staff merge."""
    _require(request, "people.change_person")
    merge = get_object_or_404(Merge, pk=pk)
    try:
        person = unmerge(merge, request.user)
    except MergeError as error:
        messages.error(request, str(error))
        return redirect("people_person", pk=merge.survivor_id)
    messages.success(request, _("The merge was undone."))
    return redirect("people_person", pk=person.pk)


@require_POST
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    """Erase a person on request; they stay erased at every later sync or import."""
    _require(request, "people.delete_person")
    person = get_object_or_404(Person, pk=pk)
    if request.POST.get("confirm") != "erase":
        messages.error(request, _("Tick the confirmation to erase this person."))
        return redirect("people_person", pk=pk)
    erase_person(person, request.user)
    messages.success(request, _("The person was erased and will stay erased."))
    return redirect(reverse("people:index"))


def export(request: HttpRequest) -> HttpResponse:
    """Download the directory (active people) as CSV, XLSX or JSON; the export is logged."""
    _require(request, "people.view_person")
    file_format = request.GET.get("format", "csv")
    if file_format not in FORMATS:
        file_format = "csv"
    people = Person.objects.filter(merged_into__isnull=True, is_active=True).order_by(
        "last_name", "first_name", "id"
    )
    data = export_people(people, file_format, user=request.user)
    content_type = FORMATS[file_format]().get_content_type()
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="people.{file_format}"'
    return response
