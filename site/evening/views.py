"""Staff views of the evening in the Wagtail admin: registrations, the door, badges, tables.

Every view checks its permissions itself:

- the door (check-in, walk-ins, single badges of walk-ins) needs
  ``evening.check_in`` — the "Event staff" group has it without any
  directory permission, so it sees name, organisation and sector only;
- importing registrations needs the directory's ``add_person`` (like the
  spreadsheet import) and ``view_person``;
- badge sheets and table plans need ``people.view_person``.

Nothing here is reachable from the public site.
"""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from editions.models import EditionPage
from people import audit
from people.contact import InvalidContact
from people.models import Attendance

from . import checkin
from .badges import badges_pdf
from .forms import RegistrationImportForm, TablePlanForm, WalkInForm, source_editions
from .models import SeatingRule, TablePlan
from .plan_export import plan_csv, plan_pdf
from .reading import TableError
from .registrants import EXPECTED, registrants
from .registrations import import_registrations, walk_in
from .seating import Guest, Plan, score_tables
from .sectors import colour, ink, sector_names
from .tables import PlanResult, SeatingError, earlier_editions, make_plan

Status = Attendance.Status
CHECK_IN = "evening.check_in"
READ = "people.view_person"


def _require(request: HttpRequest, *permissions: str) -> None:
    if not all(request.user.has_perm(p) for p in permissions):
        raise PermissionDenied


def _edition(edition_id: int) -> EditionPage:
    return get_object_or_404(source_editions(), pk=edition_id)


def may_use_evening(user) -> bool:
    """Whether the user sees the evening's screens at all."""
    return user.has_perm(CHECK_IN) or user.has_perm(READ)


def editions_list(request: HttpRequest) -> HttpResponse:
    """The editions, next first, with their figures and links to each screen."""
    if not may_use_evening(request.user):
        raise PermissionDenied
    editions = source_editions().annotate(
        registered=Count(
            "attendances", filter=Q(attendances__status__in=(Status.REGISTERED, Status.ATTENDED))
        ),
        arrived=Count("attendances", filter=Q(attendances__status=Status.ATTENDED)),
    )
    now = timezone.now()
    upcoming = [e for e in editions if e.start >= now][::-1]
    past = [e for e in editions if e.start < now][:6]
    return TemplateResponse(
        request,
        "evening/admin/editions.html",
        {
            "editions": upcoming + past,
            "next_edition": upcoming[0] if upcoming else None,
            "can_check_in": request.user.has_perm(CHECK_IN),
            "can_read": request.user.has_perm(READ),
            "can_import": request.user.has_perms([READ, "people.add_person"]),
        },
    )


def import_view(request: HttpRequest) -> HttpResponse:
    """Upload a registration list: preview (dry run) or import all rows, or none."""
    _require(request, READ, "people.add_person")
    report = None
    error = None
    if request.method == "POST":
        form = RegistrationImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = import_registrations(
                    form.cleaned_data["edition"],
                    upload.read(),
                    upload.name,
                    dry_run=form.cleaned_data["dry_run"],
                )
            except TableError as problem:
                error = str(problem)
            if report is not None and report.ok and not report.dry_run:
                messages.success(
                    request,
                    _("%(n)s registrations imported.") % {"n": report.rows},
                )
    else:
        initial = {}
        if request.GET.get("edition"):
            initial["edition"] = request.GET["edition"]
        form = RegistrationImportForm(initial=initial)
    return TemplateResponse(
        request,
        "evening/admin/import.html",
        {
            "form": form,
            "report": report,
            "error": error,
            "status_labels": dict(Status.choices),
        },
    )


def _door_json(person) -> dict:
    return {
        "id": person.attendance_id,
        "name": person.name,
        "organisation": person.organisation,
        "sector": person.sector or "",
        "status": person.status,
        "checked_in": person.checked_in,
    }


def door(request: HttpRequest, edition_id: int) -> HttpResponse:
    """The check-in page: type three letters, tap to check in, undo, add walk-ins."""
    _require(request, CHECK_IN)
    edition = _edition(edition_id)
    query = (request.GET.get("q") or "").strip()[:100]
    found = checkin.find(edition, query, request.user) if query else []
    names = sector_names()
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "query": query,
                "results": [
                    {
                        **_door_json(p),
                        "sector_name": names.get(p.sector, "") if p.sector else _("No sector"),
                        "colour": colour(p.sector),
                        "ink": ink(p.sector),
                        "status_label": p.status_label,
                    }
                    for p in found
                ],
                "counts": checkin.counts(edition).as_dict(),
            }
        )
    return TemplateResponse(
        request,
        "evening/admin/door.html",
        {
            "edition": edition,
            "query": query,
            "too_short": bool(query) and not found and len(query) < checkin.MIN_QUERY,
            "results": [
                (
                    p,
                    names.get(p.sector, "") if p.sector else _("No sector"),
                    colour(p.sector),
                    ink(p.sector),
                )
                for p in found
            ],
            "counts": checkin.counts(edition),
            "walk_in_form": WalkInForm(),
            "labels": door_labels(),
            "last": request.GET.get("last"),
        },
    )


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@require_POST
def door_check_in(request: HttpRequest, edition_id: int) -> HttpResponse:
    """Check one registrant in (``arrived=1``) or undo it (``arrived=0``); idempotent."""
    _require(request, CHECK_IN)
    edition = _edition(edition_id)
    try:
        attendance_id = int(request.POST.get("attendance", ""))
    except ValueError:
        return JsonResponse({"error": _("Which registrant?")}, status=400)
    arrived = request.POST.get("arrived", "1") != "0"
    try:
        changed, attendance = checkin.set_checked_in(edition, attendance_id, arrived, request.user)
    except Attendance.DoesNotExist:
        return JsonResponse(
            {"error": _("This registrant is not on this edition's list.")}, status=404
        )
    person = attendance.person
    name = person.display_name
    if arrived:
        message = (
            _("%(name)s is checked in.") if changed else _("%(name)s was already checked in.")
        ) % {"name": name}
    else:
        message = (
            _("Check-in of %(name)s undone.") if changed else _("%(name)s was not checked in.")
        ) % {"name": name}
    if _wants_json(request):
        return JsonResponse(
            {
                "id": attendance.pk,
                "checked_in": attendance.status == Status.ATTENDED,
                "changed": changed,
                "message": message,
                "counts": checkin.counts(edition).as_dict(),
            }
        )
    messages.success(request, message)
    query = (request.POST.get("q") or "")[:100]
    url = reverse("evening_door", args=[edition.pk])
    return redirect(f"{url}?q={query}" if query else url)


@require_POST
def door_walk_in(request: HttpRequest, edition_id: int) -> HttpResponse:
    """Add someone who came without registering (name and organisation), checked in."""
    _require(request, CHECK_IN)
    edition = _edition(edition_id)
    form = WalkInForm(request.POST)
    attendance = None
    if form.is_valid():
        try:
            attendance = walk_in(
                edition, form.cleaned_data["name"], form.cleaned_data["organisation"], request.user
            )
        except InvalidContact as error:
            form.add_error("name", str(error))
    if attendance is None:
        problems = [m for errors in form.errors.values() for m in errors]
        if _wants_json(request):
            return JsonResponse({"error": " ".join(problems)}, status=400)
        for problem in problems:
            messages.error(request, problem)
        return redirect("evening_door", edition.pk)
    audit.record(
        request.user,
        audit.Action.CHECK_IN,
        people=[attendance.person_id],
        details={"edition": edition.slug, "arrived": True, "walk_in": True},
    )
    message = _("%(name)s was added and checked in.") % {"name": form.cleaned_data["name"]}
    badge = reverse("evening_badges", args=[edition.pk]) + f"?attendance={attendance.pk}"
    if _wants_json(request):
        return JsonResponse(
            {
                "id": attendance.pk,
                "message": message,
                "badge": badge,
                "counts": checkin.counts(edition).as_dict(),
            }
        )
    messages.success(request, message)
    return redirect(f"{reverse('evening_door', args=[edition.pk])}?last={attendance.pk}")


def door_counts(request: HttpRequest, edition_id: int) -> HttpResponse:
    """Live figures for the door (polled every few seconds)."""
    _require(request, CHECK_IN)
    return JsonResponse(checkin.counts(_edition(edition_id)).as_dict())


def badges(request: HttpRequest, edition_id: int) -> HttpResponse:
    """Badges as a PDF: the edition's sheets, or one badge (``?attendance=ID``) for a walk-in."""
    edition = _edition(edition_id)
    single = request.GET.get("attendance")
    if single:
        # The door prints a walk-in's badge: what it already shows, nothing more.
        if not (request.user.has_perm(CHECK_IN) or request.user.has_perm(READ)):
            raise PermissionDenied
        try:
            attendance = Attendance.objects.select_related("person__organisation").get(
                pk=int(single), edition=edition
            )
        except (ValueError, Attendance.DoesNotExist):
            return HttpResponse(status=404)
        people = [checkin.registrant(attendance)]
    else:
        _require(request, READ)
        statuses = (Status.ATTENDED,) if request.GET.get("checked_in") else EXPECTED
        people = registrants(edition.pk, statuses)
    data = badges_pdf(edition, people, single=bool(single))
    audit.record(
        request.user,
        audit.Action.EXPORT,
        people=[p.person_id for p in people],
        count=len(people),
        details={"format": "pdf", "purpose": "badges", "edition": edition.slug},
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="badges-{edition.slug}.pdf"'
    return response


def tables(request: HttpRequest, edition_id: int) -> HttpResponse:
    """Propose a table plan, show the latest one with its explanations, export it."""
    _require(request, READ)
    edition = _edition(edition_id)
    form = TablePlanForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = make_plan(edition, user=request.user, **form.cleaned_data)
        except SeatingError as error:
            form.add_error(None, _("The plan cannot be made: %(why)s") % {"why": error})
        else:
            messages.success(request, _("A new table plan was made."))
            return redirect("evening_tables", edition.pk)
    plan = TablePlan.objects.filter(edition=edition).first()
    if plan is not None:
        result = _saved_plan(edition, plan)
    export = request.GET.get("format")
    if result is not None and export in ("csv", "pdf"):
        audit.record(
            request.user,
            audit.Action.EXPORT,
            people=list(result.people),
            count=len(result.people),
            details={"format": export, "purpose": "table plan", "edition": edition.slug},
        )
        if export == "csv":
            response = HttpResponse(plan_csv(result), content_type="text/csv; charset=utf-8")
        else:
            title = _("Table plan — %(edition)s") % {"edition": edition.title}
            response = HttpResponse(plan_pdf(result, title), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="tables-{edition.slug}.{export}"'
        return response
    names = sector_names()
    rules = SeatingRule.objects.filter(edition=edition).select_related("first", "second")
    expected = registrants(edition.pk, EXPECTED)
    return TemplateResponse(
        request,
        "evening/admin/tables.html",
        {
            "edition": edition,
            "form": form,
            "result": result,
            "tables": [
                {
                    **row,
                    "people": [
                        (
                            p,
                            names.get(p.sector, "") if p.sector else "",
                            colour(p.sector),
                            ink(p.sector),
                        )
                        for p in row["people"]
                    ],
                }
                for row in (result.rows() if result else [])
            ],
            "rules": rules,
            "registrants": expected,
            "rule_kinds": SeatingRule.Kind.choices,
        },
    )


def _saved_plan(edition: EditionPage, plan: TablePlan):
    """A saved plan re-read from its seats (scores recomputed on today's data)."""
    seats = list(plan.seats.values_list("person_id", "table"))
    people = {
        p.person_id: p for p in registrants(edition.pk, list(Status.values), [s[0] for s in seats])
    }
    history = earlier_editions(edition, list(people))
    guests = {
        pid: Guest(
            id=pid,
            sector=p.sector,
            agencies=frozenset(p.agencies),
            editions=history.get(pid, frozenset()),
            host=p.is_host,
        )
        for pid, p in people.items()
    }
    layout: list[list[int]] = [[] for _ in range(plan.tables)]
    for pid, table in seats:
        if pid in guests and 1 <= table <= plan.tables:
            layout[table - 1].append(pid)
    seating = Plan(tables=layout)
    seating.scores = score_tables(layout, guests)
    return PlanResult(
        plan=plan,
        seating=seating,
        people=people,
        kept=plan.summary.get("kept_from_previous_plan", 0),
    )


@require_POST
def add_rule(request: HttpRequest, edition_id: int) -> HttpResponse:
    """Keep two registrants together, or apart, in the next plans."""
    _require(request, READ, "people.change_person")
    edition = _edition(edition_id)
    try:
        first, second = sorted({int(request.POST["first"]), int(request.POST["second"])})
    except (KeyError, ValueError):
        messages.error(request, _("Choose two different people."))
        return redirect("evening_tables", edition.pk)
    kind = request.POST.get("kind")
    registered = set(
        Attendance.objects.filter(edition=edition, person_id__in=(first, second)).values_list(
            "person_id", flat=True
        )
    )
    if kind not in SeatingRule.Kind.values or registered != {first, second}:
        messages.error(request, _("Choose two different people registered for this edition."))
        return redirect("evening_tables", edition.pk)
    SeatingRule.objects.update_or_create(
        edition=edition, first_id=first, second_id=second, defaults={"kind": kind}
    )
    messages.success(request, _("The rule was saved; it applies to the next plan."))
    return redirect("evening_tables", edition.pk)


@require_POST
def delete_rule(request: HttpRequest, edition_id: int, rule_id: int) -> HttpResponse:
    _require(request, READ, "people.change_person")
    SeatingRule.objects.filter(edition_id=edition_id, pk=rule_id).delete()
    messages.success(request, _("The rule was removed."))
    return redirect("evening_tables", edition_id)


def door_labels() -> str:
    """The door script's messages in the active language (JSON in a data attribute)."""
    return json.dumps(
        {
            "check_in": _("Check in"),
            "undo": _("Undo"),
            "checked_in": _("Checked in"),
            "no_match": _("Nobody matches."),
            "type_more": _("Type at least three letters."),
            "offline": _("The check-in could not be sent; try again."),
            "results": _("%(n)s people found."),
        }
    )
