"""The "People & projects" search screens (grouped in the People menu by `passerelles`)."""

from django.urls import path
from wagtail import hooks

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
