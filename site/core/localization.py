"""Resolving links between translatable objects in the visitor's language.

Relations such as "participating agencies" or "sectors" are stored once,
pointing at the source-language objects. These helpers map them to their
translation in the page's locale in one query, so a page's query count does
not grow with the number of links.
"""

from collections.abc import Iterable
from typing import TypeVar

from wagtail.models import Locale, Page, TranslatableMixin

T = TypeVar("T", bound=TranslatableMixin)


def localized_pages(pages: Iterable[Page], locale: Locale) -> dict:
    """Map each page's translation key to its live translation in `locale`.

    A page without a live translation maps to itself, so a link is never lost;
    the template marks it with its own language. The pages are links (title,
    URL): their StreamFields are not read, which spares decoding an agency's
    or an edition's body on every page that links to it.
    """
    pages = [p for p in pages if p is not None]
    if not pages:
        return {}
    model = type(pages[0])
    keys = {p.translation_key for p in pages}
    found = {
        p.translation_key: p
        for p in model.objects.live()
        .filter(translation_key__in=keys, locale=locale)
        .defer_streamfields()
        .select_related("locale")
    }
    return {p.translation_key: found.get(p.translation_key, p) for p in pages}


def localized_objects(objects: Iterable[T], locale: Locale) -> list[T]:
    """Return `objects` (translatable snippets) in `locale` where a translation exists."""
    objects = list(objects)
    if not objects:
        return []
    model = type(objects[0])
    keys = {o.translation_key for o in objects}
    found = {
        o.translation_key: o for o in model.objects.filter(translation_key__in=keys, locale=locale)
    }
    return [found.get(o.translation_key, o) for o in objects]


def untranslated_fields(obj: TranslatableMixin, fields: Iterable[str], locale: Locale) -> set[str]:
    """The `fields` of `obj`, shown on a page in `locale`, that hold source-language text.

    All of them when `obj` is the source object standing in for a missing
    translation; for a translation, those still equal to the source's. A page
    marks such text with ``lang="fr"`` so screen readers pronounce it as French.
    """
    from django.conf import settings

    source_code = settings.LANGUAGE_CODE
    if locale.language_code == source_code:
        return set()
    if obj.locale_id != locale.pk:
        return {name for name in fields if getattr(obj, name)}
    source = (
        type(obj)
        .objects.filter(translation_key=obj.translation_key, locale__language_code=source_code)
        .first()
    )
    if source is None:
        return set()
    still_source = set()
    for name in fields:
        value = getattr(obj, name)
        if value and value == getattr(source, name):
            still_source.add(name)
    return still_source
