"""The directory in the Wagtail admin: people, projects, duplicates, merges, erasure, export,
the right of access and the audit trail.

People are created by the agencies' sources and removed by erasure: the person
viewset has no add or delete view, and its form holds only the curated fields.
The People menu that groups these screens with the search and CRM ones is
built by the composition layer (`passerelles.wagtail_hooks`).
"""

import django_filters
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from core.viewsets import AllowedViewsMixin

from . import views
from .models import AuditEvent, Person, Project
from .permissions import DirectoryPermissionPolicy

register_permission_policy(Person, DirectoryPermissionPolicy(Person))


class PersonViewSet(AllowedViewsMixin, ModelViewSet):
    """Staff list of people with filters, each person's page, the curated-fields form,
    the history, and erasure in place of Wagtail's delete."""

    model = Person
    name = "people"
    icon = "group"
    menu_label = _("People")
    add_to_admin_menu = False
    allowed_views = frozenset({"inspect", "edit", "history", "usage"})
    index_view_class = views.PersonIndexView
    inspect_view_class = views.PersonInspectView
    edit_view_class = views.CuratedEditView
    inspect_view_enabled = True
    list_display = [
        "display_name",
        "email",
        "organisation",
        "city",
        views.ConsentColumn("contact", label=_("Contact")),
        "is_active",
    ]
    list_filter = ["is_active", "contact_consent", "country", "sectors", "language"]
    search_fields = ["first_name", "last_name", "email", "organisation__name", "city"]
    search_backend_name = None  # plain database filtering: no personal data in a search index here
    form_fields = ["sectors", "notes"]
    copy_view_enabled = False
    list_per_page = 50

    @property
    def erase_view(self):
        return self.construct_view(views.ErasureView, delete_url_name=self.get_url_name("erase"))

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("erase/<int:pk>/", self.erase_view, name="erase"),
            path("subject-access/<int:pk>/", views.subject_access_download, name="subject_access"),
        ]

    def get_permissions_to_register(self):
        # add = spreadsheet import, delete = erasure, plus the right of access.
        return super(AllowedViewsMixin, self).get_permissions_to_register()


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


class AuditFilterSet(WagtailFilterSet):
    person = django_filters.NumberFilter(
        field_name="subjects__person_id", label=_("Person (id)"), distinct=True
    )
    username = django_filters.CharFilter(label=_("User name"), lookup_expr="iexact")
    at = django_filters.DateFromToRangeFilter(label=_("When"))

    class Meta:
        model = AuditEvent
        fields = ["action"]


class SubjectsColumn(Column):
    """The people an event concerns, by id, linked to their page (a few, then a count)."""

    SHOWN = 5

    def get_value(self, instance):
        ids = sorted(s.person_id for s in instance.subjects.all())
        links = format_html_join(
            ", ",
            '<a href="{}">#{}</a>',
            ((reverse("people:inspect", args=[i]), i) for i in ids[: self.SHOWN]),
        )
        if len(ids) > self.SHOWN:
            return format_html("{} (+{})", links, len(ids) - self.SHOWN)
        return links


class AuditIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("subjects")


class AuditEventViewSet(AllowedViewsMixin, ModelViewSet):
    """The audit trail, for the data protection group (`people.view_auditevent`) only.

    Written by the directory itself: a list with filters, nothing to add, edit
    or delete (old events leave through the retention policy).
    """

    model = AuditEvent
    name = "people_audit"
    icon = "list-ul"
    add_to_admin_menu = False
    allowed_views = frozenset()
    index_view_class = AuditIndexView
    list_display = [
        "at",
        "username",
        "action",
        "query",
        SubjectsColumn("subjects", label=_("People")),
        "count",
    ]
    filterset_class = AuditFilterSet
    list_per_page = 100
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_person_viewset():
    return [person_viewset, ProjectViewSet(), AuditEventViewSet()]


@hooks.register("register_admin_urls")
def register_people_urls():
    return [
        path("people-directory/person/<int:pk>/", views.person_redirect, name="people_person"),
        path("people-directory/duplicates/", views.duplicates, name="people_duplicates"),
        path(
            "people-directory/duplicates/<int:pk>/decide/",
            views.decide_duplicate,
            name="people_decide",
        ),
        path("people-directory/merges/<int:pk>/undo/", views.undo_merge, name="people_undo_merge"),
        path("people-directory/export/", views.export, name="people_export"),
        path(
            "people-directory/export/<uuid:pk>/",
            views.export_download,
            name="people_export_download",
        ),
        path(
            "people-directory/subject-access/",
            views.subject_access_search,
            name="people_subject_access",
        ),
    ]
