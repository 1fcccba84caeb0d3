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
    the template marks it with its own language.
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
