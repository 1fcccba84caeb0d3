"""Admin wiring of the shared pieces: sectors, source-language choosers, translation rights."""

from functools import cache

from django.apps import apps
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem, SubmitForModerationMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.chooser import page_models_from_string
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_localize import wagtail_hooks as localize_hooks

from .choosers import SourceLocaleSnippetChooserViewSet, source_only_page_models
from .editorial import LinkedPermissionsMixin
from .models import Sector
from .translation_access import guard_buttons, guarded_urls
from .translation_report import PERMISSION, translation_status_view


class SectorViewSet(SnippetViewSet):
    """Sectors in the admin: translatable with wagtail-localize."""

    model = Sector
    icon = "tag"
    menu_label = _("Sectors")
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]
    chooser_viewset_class = SourceLocaleSnippetChooserViewSet


register_snippet(SectorViewSet)


@cache
def _source_only_models() -> frozenset:
    return frozenset(source_only_page_models())


@hooks.register("construct_page_chooser_queryset")
def offer_source_language_pages(pages, request):
    """Choosing an agency or an edition for a relation: French pages only (browse and search)."""
    try:
        wanted = page_models_from_string(request.GET.get("page_type") or "")
    except (ValueError, LookupError):
        return pages
    if wanted and set(wanted) <= _source_only_models():
        # By locale id: the search backend filters on indexed fields only.
        pages = pages.filter(locale=Locale.get_default())
    return pages


@hooks.register("register_admin_urls", order=-1)
def register_translation_urls():
    # Ordered before wagtail-localize's URLs, so the same paths reach the
    # checks before its views.
    return [
        *guarded_urls(),
        path(
            "reports/translation-status/",
            translation_status_view,
            name="translation_status",
        ),
    ]


class PermissionMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(PERMISSION)


@hooks.register("register_reports_menu_item")
def register_translation_status_report():
    return PermissionMenuItem(
        _("Translation status"),
        reverse("translation_status"),
        icon_name="wagtail-localize-language",
        order=700,
    )


# wagtail-localize's "Translate this page" / "Sync translated pages" buttons,
# shown only to users who may translate the page. Wagtail has no hook to
# filter another app's buttons, so the registered function is wrapped.
for _name in ("register_page_header_buttons", "register_page_listing_more_buttons"):
    hooks._hooks[_name] = [
        (guard_buttons(fn) if fn is localize_hooks.page_listing_more_buttons else fn, order)
        for fn, order in hooks._hooks.get(_name, [])
    ]


class SubmitForReviewMenuItem(SubmitForModerationMenuItem):
    """ "Submit for moderation", without naming a workflow the page may not get."""

    def get_context_data(self, parent_context):
        return ActionMenuItem.get_context_data(self, parent_context)


@hooks.register("construct_page_action_menu")
def unnamed_review_on_new_linked_pages(menu_items, request, context):
    """A new edition or story is reviewed by the workflow of its lead agency, known once
    saved: the create form does not name the parent's workflow instead."""
    kwargs = request.resolver_match.kwargs if request.resolver_match else {}
    if context.get("view") != "create" or "content_type_model_name" not in kwargs:
        return
    model = apps.get_model(kwargs["content_type_app_name"], kwargs["content_type_model_name"])
    if issubclass(model, LinkedPermissionsMixin):
        menu_items[:] = [
            SubmitForReviewMenuItem(order=item.order)
            if isinstance(item, SubmitForModerationMenuItem)
            else item
            for item in menu_items
        ]
