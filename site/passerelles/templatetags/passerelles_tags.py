"""Template tags of the public site: language switcher, navigation, sector names.

Navigation knows every page app, so these tags live in the composition layer.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Page

from agencies.models import AgencyIndexPage
from core.localization import localized_objects
from editions.models import EditionIndexPage
from home.models import HomePage
from stories.models import StoryIndexPage

register = template.Library()


@dataclass
class LanguageLink:
    """One entry of the language switcher."""

    code: str
    name: str
    url: str
    is_current: bool
    is_translation: bool  # False when the link falls back to that language's home page


def _home_pages() -> dict[str, Page]:
    return {
        home.locale.language_code: home for home in HomePage.objects.live().select_related("locale")
    }


@register.simple_tag(takes_context=True)
def language_links(context, page: Page | None = None) -> list[LanguageLink]:
    """Links to `page` in every language, or to that language's home when untranslated."""
    request = context.get("request")
    current = translation.get_language()
    translations: dict[str, Page] = {}
    if isinstance(page, Page) and page.id:
        for other in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[other.locale.language_code] = other
    homes = None
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        is_translation = target is not None
        if target is None:
            if homes is None:
                homes = _home_pages()
            target = homes.get(code)
        url = target.get_url(request) if target is not None else f"/{code}/"
        links.append(LanguageLink(code, name, url, code == current, is_translation))
    return links


@register.simple_tag(takes_context=True)
def alternate_links(context, page: Page | None = None) -> list[tuple[str, str]]:
    """`(hreflang, absolute URL)` pairs for the live translations of `page`."""
    request = context.get("request")
    if not isinstance(page, Page) or not page.id:
        return []
    pairs = []
    for other in page.get_translations(inclusive=True).live().select_related("locale"):
        url = other.get_url(request)
        if url:
            # Absolute from the request's own host: the Site record's hostname
            # (often "localhost" on a fresh install) must not leak into links.
            if request is not None and not url.startswith("http"):
                url = request.build_absolute_uri(url)
            pairs.append((other.locale.language_code, url))
    return sorted(pairs)


@register.simple_tag
def navigation_pages() -> dict[str, Page | None]:
    """The home page and the three index pages of the active language, in one query each."""
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return {}
    pages: dict[str, Page | None] = {"home": HomePage.objects.live().filter(locale=locale).first()}
    for key, model in (
        ("agencies", AgencyIndexPage),
        ("editions", EditionIndexPage),
        ("stories", StoryIndexPage),
    ):
        pages[key] = model.objects.live().filter(locale=locale).first()
    return pages


@register.simple_tag
def sector_names(sectors) -> list:
    """The given sectors (source-language objects) in the active language, in one query."""
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return list(sectors)
    return localized_objects(sectors, locale)


@register.simple_tag(takes_context=True)
def card_sectors(context, page) -> list:
    """A card's sectors in the page's language, for a list of cards at a fixed cost.

    The sectors themselves come prefetched with the cards (`with_card_images`);
    their translations are read once per request and language, however many
    cards the list has, then reused by every card.
    """
    from core.models import Sector

    sectors = list(page.sectors.all())
    if not sectors:
        return []
    request = context.get("request")
    cache = getattr(request, "_sector_translations", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._sector_translations = cache
    if page.locale_id not in cache:
        cache[page.locale_id] = {
            sector.translation_key: sector
            for sector in Sector.objects.filter(locale_id=page.locale_id)
        }
    found = cache[page.locale_id]
    return [found.get(sector.translation_key, sector) for sector in sectors]
