"""The evening's admin URLs, and a link from an upcoming edition's header to its door.

The menu that lists these screens is built by the composition layer
(`passerelles.wagtail_hooks`), like the People and Outcomes menus.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from editions.models import EditionPage

from . import views


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("evening/", views.editions_list, name="evening_editions"),
        path("evening/registrations/", views.import_view, name="evening_import"),
        path("evening/<int:edition_id>/door/", views.door, name="evening_door"),
        path(
            "evening/<int:edition_id>/door/check-in/",
            views.door_check_in,
            name="evening_check_in",
        ),
        path("evening/<int:edition_id>/door/walk-in/", views.door_walk_in, name="evening_walk_in"),
        path("evening/<int:edition_id>/door/counts/", views.door_counts, name="evening_counts"),
        path("evening/<int:edition_id>/badges/", views.badges, name="evening_badges"),
        path("evening/<int:edition_id>/tables/", views.tables, name="evening_tables"),
        path("evening/<int:edition_id>/tables/rules/", views.add_rule, name="evening_add_rule"),
        path(
            "evening/<int:edition_id>/tables/rules/<int:rule_id>/delete/",
            views.delete_rule,
            name="evening_delete_rule",
        ),
    ]


@hooks.register("register_page_header_buttons")
def door_button(page, user, view_name, next_url=None):
    """ "Check-in at the door" in an upcoming edition's header menu (event staff)."""
    specific = page.specific_deferred
    if (
        isinstance(specific, EditionPage)
        and specific.is_upcoming
        and page.locale.language_code == "fr"
        and user.has_perm(views.CHECK_IN)
    ):
        yield Button(
            _("Check-in at the door"),
            reverse("evening_door", args=[page.pk]),
            icon_name="tick",
            priority=81,
        )
