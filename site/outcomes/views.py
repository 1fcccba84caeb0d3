"""Staff views of the outcomes in the Wagtail admin.

Every view checks its permissions itself. Encounters name people, so the
screens that show names also require the directory's ``people.view_person``.
Nothing here is reachable from the public site.
"""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.models import AgencyPage
from editions.models import EditionPage
from people.models import Attendance, Person, Project
from stories.models import StoryIndexPage, StoryPage

from . import charts
from .exports import report_pdf, report_xlsx
from .follow_ups import close_follow_up, due_follow_ups
from .forms import CloseFollowUpForm, ImpactFilterForm, QuickEncounterForm, StepForm
from .impact import Filters, build_report, source_locale
from .ladder import create_encounter, record_step, today
from .models import RANK, DigestSubscription, Encounter, FollowUp, Stage

logger = logging.getLogger("outcomes.views")

SEE_NAMES = ("outcomes.view_encounter", "people.view_person")


def _require(request: HttpRequest, *permissions: str) -> None:
    if not all(request.user.has_perm(p) for p in permissions):
        raise PermissionDenied


def encounter_detail(request: HttpRequest, pk: int, step_form: StepForm | None = None):
    """An encounter: who, where, its ladder step by step, reminders, project and story."""
    _require(request, *SEE_NAMES)
    encounter = get_object_or_404(
        Encounter.objects.select_related("edition", "owner", "project__story"), pk=pk
    )
    return TemplateResponse(
        request,
        "outcomes/admin/encounter_detail.html",
        {
            "encounter": encounter,
            "people": Person.objects.filter(encounter_links__encounter=encounter),
            "sectors": encounter.sectors.all(),
            "steps": encounter.steps.select_related("recorded_by"),
            "follow_ups": encounter.follow_ups.select_related("closed_by", "step"),
            "step_form": step_form or StepForm(encounter=encounter),
            "can_change": request.user.has_perm("outcomes.change_encounter"),
            "can_make_project": request.user.has_perm("people.add_project")
            and encounter.project is None,
            "can_make_story": encounter.project is not None
            and encounter.project.story is None
            and request.user.has_perm("people.change_project"),
        },
    )


@require_POST
def add_step(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a step of an encounter (dated, with who recorded it)."""
    _require(request, "outcomes.change_encounter", "people.view_person")
    encounter = get_object_or_404(Encounter, pk=pk)
    form = StepForm(request.POST, encounter=encounter)
    if not form.is_valid():
        return encounter_detail(request, pk, step_form=form)
    data = form.cleaned_data
    record_step(
        encounter, data["stage"], data["reached_on"], request.user, data["kind"], data["note"]
    )
    messages.success(request, _("The step was recorded."))
    return redirect("outcomes_encounter", pk=pk)


@require_POST
def make_project(request: HttpRequest, pk: int) -> HttpResponse:
    """Turn an encounter into a tracked Project (people, sectors, edition, kind carried over)."""
    _require(request, "outcomes.change_encounter", "people.add_project")
    encounter = get_object_or_404(Encounter.objects.select_related("edition"), pk=pk)
    if encounter.project_id:
        return redirect("outcomes_encounter", pk=pk)
    title = (request.POST.get("title") or "").strip()[:255]
    if not title:
        messages.error(request, _("Give the project a title."))
        return redirect("outcomes_encounter", pk=pk)
    kind = encounter.steps.exclude(kind="").order_by("-reached_on").values_list("kind", flat=True)
    with transaction.atomic():
        project = Project.objects.create(
            title=title,
            kind=kind.first() or "",
            stage="realised" if RANK[encounter.stage] >= RANK[Stage.PROJECT_REALISED] else "early",
            origin_edition=encounter.edition,
        )
        project.participants.set(encounter.people.all())
        project.sectors.set(encounter.sectors.all())
        encounter.project = project
        encounter.save(update_fields=["project", "updated_at"])
    messages.success(request, _("The project was created and linked to this encounter."))
    return redirect("outcomes_encounter", pk=pk)


@require_POST
def make_story(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a draft Story (in the source language) from the encounter's project.

    The draft carries no names: the communications team writes the story with
    the people's consent, then publishes it. It belongs to whoever started it
    and involves the agency that follows the encounter up (and the project's
    agencies), so that agency's editors may write it and its review applies.
    """
    _require(request, "outcomes.change_encounter", "people.change_project")
    encounter = get_object_or_404(Encounter.objects.select_related("project", "edition"), pk=pk)
    project = encounter.project
    index = StoryIndexPage.objects.filter(locale=source_locale()).first()
    if project is None or project.story_id or index is None:
        return redirect("outcomes_encounter", pk=pk)
    if not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    with transaction.atomic():
        story = StoryPage(
            title=project.title,
            summary=project.title,
            kind=project.kind or "co_creation",
            origin_edition=encounter.edition,
            live=False,
            owner=request.user,
        )
        story.sectors.set(encounter.sectors.all())
        story.agencies.set(_story_agencies(encounter, project))
        index.add_child(instance=story)
        story.save_revision(user=request.user)
        project.story = story
        project.save(update_fields=["story", "updated_at"])
    messages.success(request, _("A draft story was created; write it and publish it when ready."))
    return redirect("wagtailadmin_pages:edit", story.pk)


def _story_agencies(encounter: Encounter, project) -> list[AgencyPage]:
    """The source-language agency pages of the encounter's agency and the project's agencies."""
    agencies = list(project.agencies.filter(locale=source_locale()))
    if encounter.agency and encounter.agency not in {a.slug for a in agencies}:
        agencies += AgencyPage.objects.filter(slug=encounter.agency, locale=source_locale())
    return agencies


def follow_up_list(request: HttpRequest) -> HttpResponse:
    """Reminders due this week (the user's own by default, everyone's on request)."""
    _require(request, "outcomes.view_followup", "people.view_person")
    everyone = request.GET.get("who") == "all"
    follow_ups = due_follow_ups(None if everyone else request.user)
    can_close = request.user.has_perm("outcomes.change_followup")
    return TemplateResponse(
        request,
        "outcomes/admin/follow_ups.html",
        {
            "items": [
                (f, CloseFollowUpForm(encounter=f.encounter, prefix=f"f{f.pk}"))
                for f in follow_ups[:200]
            ],
            "everyone": everyone,
            "can_close": can_close,
            "subscribed": DigestSubscription.objects.filter(user=request.user).exists(),
            "today": today(),
        },
    )


@require_POST
def close_follow_up_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Close a reminder with the answer: a ladder step, or "no news"."""
    _require(request, "outcomes.change_followup", "people.view_person")
    follow_up = get_object_or_404(
        FollowUp.objects.select_related("encounter"), pk=pk, closed_at__isnull=True
    )
    form = CloseFollowUpForm(request.POST, encounter=follow_up.encounter, prefix=f"f{pk}")
    if form.is_valid():
        data = form.cleaned_data
        close_follow_up(
            follow_up,
            request.user,
            data["result"],
            stage=data["stage"],
            reached_on=data["reached_on"],
            kind=data["kind"],
            note=data["note"],
        )
        messages.success(request, _("The follow-up was closed."))
    else:
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        messages.error(request, _("The follow-up was not closed: %(errors)s") % {"errors": errors})
    return redirect(request.POST.get("next") or reverse("outcomes_follow_ups"))


@require_POST
def toggle_digest(request: HttpRequest) -> HttpResponse:
    """Subscribe to (or stop) the weekly email of one's follow-ups due."""
    _require(request, "outcomes.view_followup")
    subscription = DigestSubscription.objects.filter(user=request.user)
    if subscription.exists():
        subscription.delete()
        messages.success(request, _("You will no longer get the weekly email."))
    else:
        DigestSubscription.objects.create(user=request.user)
        if request.user.email:
            messages.success(request, _("You will get your follow-ups by email every week."))
        else:
            messages.warning(request, _("Add an email address to your account to get the email."))
    return redirect("outcomes_follow_ups")


def _quick_entry(request, people, initial: dict, heading: str, back_url: str):
    _require(request, "outcomes.add_encounter", "people.view_person")
    form = QuickEncounterForm(request.POST or None, people=people, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        encounter = create_encounter(
            data["people"],
            edition=data["edition"],
            met_on=data["met_on"],
            agency=data["agency"],
            owner=request.user,
            user=request.user,
            notes=data["notes"],
            stage=data["stage"],
            kind=data["kind"],
        )
        messages.success(
            request, _("The encounter was recorded; reminders follow at 3, 6 and 12 months.")
        )
        return redirect("outcomes_encounter", pk=encounter.pk)
    return TemplateResponse(
        request,
        "outcomes/admin/quick_entry.html",
        {"form": form, "heading": heading, "back_url": back_url},
    )


def quick_entry_edition(request: HttpRequest, edition_id: int) -> HttpResponse:
    """Record an encounter between people who came to an edition."""
    page = get_object_or_404(EditionPage, pk=edition_id)
    edition = (
        page.get_translation(source_locale()) if page.locale_id != source_locale().pk else page
    )
    # People who came (not those who only registered, cancelled or did not show up).
    people = Person.objects.filter(
        attendances__edition=edition, attendances__status=Attendance.Status.ATTENDED
    ).distinct()
    return _quick_entry(
        request,
        people,
        {"edition": edition.pk},
        _("Record an encounter at %(edition)s") % {"edition": edition.title},
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
    )


def quick_entry_person(request: HttpRequest, person_id: int) -> HttpResponse:
    """Record an encounter of a person with people they met at the same editions."""
    _require(request, "people.view_person")
    person = get_object_or_404(Person, pk=person_id)
    came = Attendance.Status.ATTENDED
    editions = person.attendances.filter(status=came).values("edition_id")
    people = Person.objects.filter(
        attendances__edition_id__in=editions, attendances__status=came
    ) | Person.objects.filter(pk=person.pk)
    return _quick_entry(
        request,
        people.distinct(),
        {"people": [person.pk]},
        _("Record an encounter of %(person)s") % {"person": person.display_name},
        reverse("people_person", args=[person.pk]),
    )


def impact(request: HttpRequest) -> HttpResponse:
    """The impact view: attendance, sector pairs, the ladder, kinds; XLSX and PDF exports."""
    _require(request, "outcomes.view_impact")
    form = ImpactFilterForm(request.GET or None)
    if not form.is_bound:
        report = build_report(Filters())
    else:
        report = build_report(form.filters()) if form.is_valid() else None
    export = request.GET.get("format")
    if report is not None and export in ("xlsx", "pdf"):
        logger.info("impact export as %s by %s: %s", export, request.user, report["filters"])
        if export == "xlsx":
            response = HttpResponse(
                report_xlsx(report),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        else:
            response = HttpResponse(
                report_pdf(report, _("What came out of it"), _scope(report)),
                content_type="application/pdf",
            )
        response["Content-Disposition"] = f'attachment; filename="impact.{export}"'
        return response
    context = {"form": form, "report": report}
    if report is not None:
        names = [s["name"] for s in report["sectors"]]
        context.update(
            rows=[
                (names[i], report["matrix"]["encounters"][i], report["matrix"]["projects"][i])
                for i in range(len(names))
            ],
            encounters_chart=charts.matrix_svg(
                "matrix-encounters",
                names,
                report["matrix"]["encounters"],
                _("Encounters by sector pair"),
                _("The same figures as the table “Encounters by sector pair”."),
            ),
            projects_chart=charts.matrix_svg(
                "matrix-projects",
                names,
                report["matrix"]["projects"],
                _("Projects by sector pair"),
                _("The same figures as the table “Projects by sector pair”."),
            ),
            funnel_chart=charts.funnel_svg(
                "funnel",
                report["funnel"],
                _("The ladder"),
                _("The same figures as the table “The ladder”."),
            ),
            scope=_scope(report),
            query=request.GET.urlencode(),
        )
    return TemplateResponse(request, "outcomes/admin/impact.html", context)


def _scope(report: dict) -> str:
    filters = report["filters"]
    parts = [
        _("edition %(e)s") % {"e": filters["edition"]} if filters["edition"] else _("all editions"),
        _("agency %(a)s") % {"a": filters["agency"]} if filters["agency"] else _("all agencies"),
    ]
    if filters["since"]:
        parts.append(_("from %(d)s") % {"d": filters["since"]})
    if filters["until"]:
        parts.append(_("until %(d)s") % {"d": filters["until"]})
    return ", ".join(parts)
