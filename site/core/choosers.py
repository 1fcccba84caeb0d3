"""Choosers that offer source-language (French) pages and snippets only.

Relations between translatable objects are stored once, against the source
language (``core.models.in_source_language``), and shown in the visitor's
language at render time. Wagtail's choosers list every language's copy and,
for pages, open at the root of all the language trees; an editor who picks a
Dutch copy gets "Select a valid choice" on publish. These choosers list the
source language only, open where the pages of the wanted type live, and map
a translation that still reaches them to its source.
"""

from django.conf import settings
from django.db import models
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Locale, Page
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)


def source_locale() -> Locale | None:
    return Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()


def is_source_only(db_field: models.Field) -> bool:
    """True for a relation limited to source-language objects (`in_source_language`)."""
    from core.models import in_source_language

    return db_field.remote_field.limit_choices_to is in_source_language


class SourcePageChooser(AdminPageChooser):
    """Wagtail's page chooser, opened at the parent of the source-language pages it offers."""

    def get_js_init_options(self, id_, name, value_data):
        opts = super().get_js_init_options(id_, name, value_data)
        if "parentId" not in opts:
            pages = Page.objects.type(*self.target_models).filter(
                locale__language_code=settings.LANGUAGE_CODE
            )
            if pages.exists():
                opts["parentId"] = pages.first_common_ancestor().pk
        return opts

    def value_from_datadict(self, data, files, name):
        """A translation chosen anyway (an old link, a crafted form) stands for its source."""
        value = super().value_from_datadict(data, files, name)
        if not value:
            return value
        page = Page.objects.filter(pk=value).select_related("locale").first()
        if page is None or page.locale.language_code == settings.LANGUAGE_CODE:
            return value
        source = Page.objects.filter(
            translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
        ).first()
        return str(source.pk) if source else value


def page_chooser_override(db_field: models.ForeignKey) -> dict:
    """Form field options for a foreign key to a page (see `register_form_field_override`)."""
    chooser = SourcePageChooser if is_source_only(db_field) else AdminPageChooser
    return {"widget": chooser(target_models=[db_field.remote_field.model])}


def source_only_page_models() -> set[type[Page]]:
    """Page types that relations limit to the source language (agencies, editions ...)."""
    from django.apps import apps

    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            remote = getattr(field, "remote_field", None)
            if (
                field.concrete
                and remote is not None
                and isinstance(remote.model, type)
                and issubclass(remote.model, Page)
                and is_source_only(field)
            ):
                found.add(remote.model)
    return found


class SourceLocaleChooseView(ChooseView):
    # One language only: no locale filter or column.
    i18n_enabled = False


class SourceLocaleChooseResultsView(ChooseResultsView):
    i18n_enabled = False


class SourceLocaleSnippetChooserViewSet(SnippetChooserViewSet):
    """The snippet chooser of a translatable snippet: source-language objects only."""

    choose_view_class = SourceLocaleChooseView
    choose_results_view_class = SourceLocaleChooseResultsView

    def get_object_list(self):
        return self.model.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
