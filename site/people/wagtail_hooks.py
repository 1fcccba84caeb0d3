"""The directory in the Wagtail admin: people, projects, duplicates, merges, erasure, export.

The People menu that groups these screens with the search and CRM ones is
built by the composition layer (`passerelles.wagtail_hooks`).
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from . import views
from .models import Person, Project


class PersonIndexView(IndexView):
    """The people list; a name leads to the person's page with provenance."""

    def get_edit_url(self, instance):
        return reverse("people_person", args=[instance.pk])

    @property
    def add_url(self):
        # People come from the agencies' CRMs and spreadsheets, never typed in.
        return None


class PersonViewSet(ModelViewSet):
    """Staff list of people with filters; the edit form holds only curated fields."""

    model = Person
    name = "people"
    icon = "group"
    menu_label = _("People")
    add_to_admin_menu = False
    index_view_class = PersonIndexView
    list_display = ["display_name", "email", "organisation", "city", "is_active"]
    list_filter = ["is_active", "country", "sectors", "language"]
    search_fields = ["first_name", "last_name", "email", "organisation__name", "city"]
    search_backend_name = None  # plain database filtering: no personal data in a search index here
    form_fields = ["sectors", "notes"]
    copy_view_enabled = False
    list_per_page = 50


person_viewset = PersonViewSet()


class ProjectViewSet(ModelViewSet):
    """Collaborations tracked by staff (curated data, never public unless linked to a story)."""

    model = Project
    name = "people_projects"
    icon = "clipboard-list"
    add_to_admin_menu = False
    list_display = ["title", "kind", "stage", "origin_edition"]
    list_filter = ["kind", "stage", "sectors"]
    search_fields = ["title", "description"]
    search_backend_name = None
    form_fields = [
        "title",
        "description",
        "sectors",
        "kind",
        "stage",
        "origin_edition",
        "participants",
        "agencies",
        "story",
    ]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_person_viewset():
    return [person_viewset, ProjectViewSet()]


@hooks.register("register_admin_urls")
def register_people_urls():
    return [
        path("people-directory/person/<int:pk>/", views.person_detail, name="people_person"),
        path("people-directory/duplicates/", views.duplicates, name="people_duplicates"),
        path(
            "people-directory/duplicates/<int:pk>/decide/",
            views.decide_duplicate,
            name="people_decide",
        ),
        path("people-directory/merges/<int:pk>/undo/", views.undo_merge, name="people_undo_merge"),
        path("people-directory/person/<int:pk>/erase/", views.erase, name="people_erase"),
        path("people-directory/export/", views.export, name="people_export"),
    ]
