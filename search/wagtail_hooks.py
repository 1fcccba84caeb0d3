"""The "People & projects" search in the admin's People menu."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from people.wagtail_hooks import PEOPLE_MENU_HOOK, PermissionMenuItem

from . import views


@hooks.register("register_admin_urls")
def register_search_urls():
    return [
        path("people-search/", views.search_view, name="people_search"),
        path("people-search/results.json", views.search_json, name="people_search_json"),
        path(
            "people-search/autocomplete.json", views.autocomplete, name="people_search_autocomplete"
        ),
        path("people-search/export/", views.export_results, name="people_search_export"),
    ]


@hooks.register(PEOPLE_MENU_HOOK)
def search_item():
    return PermissionMenuItem(
        _("People & projects"),
        reverse("people_search"),
        icon_name="search",
        order=50,
        permission="people.view_person",
    )
