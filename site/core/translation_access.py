"""Who may start or sync a translation: whoever may edit the source.

wagtail-localize lets anyone holding its ``submit_translation`` permission
translate any page or snippet, whoever owns it. Here, starting ("Translate")
or syncing ("Sync translated pages") a translation requires being allowed to
edit the source object, so an agency's editors translate their agency's
pages and no one else's. The checks wrap wagtail-localize's own views (same
URLs, registered first), and its buttons are shown only to those who pass.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import TranslationSource
from wagtail_localize.views import submit_translations, update_translations


def may_translate(user, instance) -> bool:
    """True when `user` may create or sync the translations of `instance`."""
    if not user.has_perm("wagtail_localize.submit_translation"):
        return False
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return user.has_perm(get_permission_name("change", type(instance)))


def _snippet(app_label: str, model_name: str, pk: str):
    for model in get_snippet_models():
        if (model._meta.app_label, model._meta.model_name) == (app_label, model_name):
            return get_object_or_404(model, pk=pk)
    raise PermissionDenied


def _source_instance(translation_source_id: int):
    source = get_object_or_404(TranslationSource, pk=translation_source_id)
    return source.get_source_instance()


def _guard(view: Callable, find: Callable) -> Callable:
    def guarded(request, **kwargs):
        if not may_translate(request.user, find(**kwargs)):
            raise PermissionDenied
        return view(request, **kwargs)

    return guarded


def guarded_urls() -> list:
    """wagtail-localize's submit and sync URLs, checked first (see the module docstring)."""
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            _guard(
                submit_translations.SubmitPageTranslationView.as_view(),
                lambda page_id: get_object_or_404(Page, pk=page_id).specific,
            ),
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            _guard(submit_translations.SubmitSnippetTranslationView.as_view(), _snippet),
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            _guard(update_translations.UpdateTranslationsView.as_view(), _source_instance),
        ),
    ]


def guard_buttons(button_hook: Callable) -> Callable:
    """Wrap a wagtail-localize button hook: no buttons on pages the user may not translate."""

    def guarded(page, user, *args, **kwargs):
        if may_translate(user, page):
            yield from button_hook(page, user, *args, **kwargs)

    return guarded
