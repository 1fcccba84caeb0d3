"""Outcomes in the Wagtail admin: encounters, the person chooser, follow-ups, impact.

The "Outcomes" menu grouping these screens is built by the composition layer
(`passerelles.wagtail_hooks`), like the People menu.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultipleChooserPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.views import generic
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from editions.models import EditionPage
from people.models import Person
from people.normalize import normalize_name

from . import views
from .follow_ups import due_follow_ups
from .forms import EncounterForm
from .ladder import settle_encounter
from .models import Encounter


class PersonFilterForm(BaseFilterForm):
    """Find a person by name (accents and case ignored) or email."""

    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name or email")}),
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()[:200]
        if query:
            objects = objects.filter(
                Q(normalized_name__contains=normalize_name(query)) | Q(email__icontains=query)
            )
            self.is_searching = True
            self.search_query = query
        return objects


class DirectoryOnlyMixin:
    """The chooser lists people: only staff who may read the directory open it."""

    filter_form_class = PersonFilterForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("people.view_person"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_object_list(self):
        return Person.objects.filter(is_active=True, merged_into__isnull=True).select_related(
            "organisation"
        )


class PersonChooserViewSet(ChooserViewSet):
    """A searchable person chooser (several at once) for the encounter form."""

    model = Person
    icon = "user"
    choose_one_text = _("Choose a person")
    choose_another_text = _("Choose another person")
    choose_view_class = type("ChoosePerson", (DirectoryOnlyMixin, chooser_views.ChooseView), {})
    choose_results_view_class = type(
        "ChoosePersonResults", (DirectoryOnlyMixin, chooser_views.ChooseResultsView), {}
    )
    chosen_view_class = type("ChosenPerson", (DirectoryOnlyMixin, chooser_views.ChosenView), {})
    chosen_multiple_view_class = type(
        "ChosenPeople", (DirectoryOnlyMixin, chooser_views.ChosenMultipleView), {}
    )
    creation_form_class = None
    form_fields = None


person_chooser = PersonChooserViewSet(
    "outcomes_person_chooser", url_prefix="outcomes/choose-person"
)


class EncounterIndexView(IndexView):
    """The encounters list; an encounter leads to its page with the ladder."""

    def get_edit_url(self, instance):
        return reverse("outcomes_encounter", args=[instance.pk])


class CreateEncounterView(generic.CreateView):
    """Saves the encounter, then its "met" step, sectors and reminders; the creator owns it."""

    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.created_by = self.request.user
        if instance.owner is None:
            instance.owner = self.request.user
        instance.save()
        self.form.save_m2m()
        settle_encounter(instance, self.request.user)
        return instance

    def get_success_url(self):
        return reverse("outcomes_encounter", args=[self.object.pk])


class EditEncounterView(generic.EditView):
    """Saves the encounter and keeps its "met" step and open reminders on its date."""

    def save_instance(self):
        instance = super().save_instance()
        settle_encounter(instance, self.request.user)
        return instance

    def get_success_url(self):
        return reverse("outcomes_encounter", args=[self.object.pk])


class EncounterViewSet(ModelViewSet):
    """Encounters reported by participants (staff-only personal data)."""

    model = Encounter
    name = "outcomes_encounters"
    icon = "user"
    add_to_admin_menu = False
    index_view_class = EncounterIndexView
    list_display = ["__str__", "edition", "met_on", "stage", "agency", "owner"]
    list_filter = ["stage", "agency", "edition", "owner"]
    search_fields = None
    copy_view_enabled = False
    list_per_page = 50
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("edition"), FieldPanel("met_on")]),
            MultipleChooserPanel(
                "participants", chooser_field_name="person", heading=_("People"), min_num=2
            ),
            FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
            FieldRowPanel([FieldPanel("agency"), FieldPanel("owner")]),
            FieldPanel("project"),
            FieldPanel("notes"),
        ],
        base_form_class=EncounterForm,
    )
    add_view_class = CreateEncounterView
    edit_view_class = EditEncounterView


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [person_chooser, EncounterViewSet()]


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("outcomes/encounter/<int:pk>/", views.encounter_detail, name="outcomes_encounter"),
        path("outcomes/encounter/<int:pk>/step/", views.add_step, name="outcomes_add_step"),
        path(
            "outcomes/encounter/<int:pk>/project/", views.make_project, name="outcomes_make_project"
        ),
        path("outcomes/encounter/<int:pk>/story/", views.make_story, name="outcomes_make_story"),
        path("outcomes/follow-ups/", views.follow_up_list, name="outcomes_follow_ups"),
        path(
            "outcomes/follow-ups/<int:pk>/close/",
            views.close_follow_up_view,
            name="outcomes_close_follow_up",
        ),
        path("outcomes/follow-ups/digest/", views.toggle_digest, name="outcomes_digest"),
        path(
            "outcomes/edition/<int:edition_id>/encounter/",
            views.quick_entry_edition,
            name="outcomes_quick_edition",
        ),
        path(
            "outcomes/person/<int:person_id>/encounter/",
            views.quick_entry_person,
            name="outcomes_quick_person",
        ),
        path("outcomes/impact/", views.impact, name="outcomes_impact"),
    ]


@hooks.register("register_page_header_buttons")
def edition_quick_entry_button(page, user, view_name, next_url=None):
    """ "Record an encounter" in a past edition's header menu (staff who may)."""
    specific = page.specific_deferred
    if (
        isinstance(specific, EditionPage)
        and not specific.is_upcoming
        and user.has_perms(["outcomes.add_encounter", "people.view_person"])
    ):
        yield Button(
            _("Record an encounter"),
            reverse("outcomes_quick_edition", args=[page.pk]),
            icon_name="user",
            priority=80,
        )


class FollowUpsPanel(Component):
    """The dashboard's list of the user's follow-ups due this week."""

    name = "outcomes_follow_ups"
    order = 110
    template_name = "outcomes/admin/follow_ups_panel.html"

    def __init__(self, user) -> None:
        self.user = user

    def get_context_data(self, parent_context=None):
        due = due_follow_ups(self.user)
        return {"follow_ups": list(due[:10]), "count": due.count()}


@hooks.register("construct_homepage_panels")
def add_follow_ups_panel(request, panels) -> None:
    if request.user.has_perms(["outcomes.view_followup", "people.view_person"]):
        panels.append(FollowUpsPanel(request.user))


@hooks.register("people_person_panels")
def person_encounters(request, person):
    """The person's encounters on their directory page, with the quick entry."""
    from django.template.loader import render_to_string

    if not request.user.has_perm("outcomes.view_encounter"):
        return ""
    return render_to_string(
        "outcomes/admin/person_panel.html",
        {
            "person": person,
            "encounters": Encounter.objects.filter(participants__person=person).select_related(
                "edition"
            ),
            "can_add": request.user.has_perm("outcomes.add_encounter"),
        },
        request=request,
    )
