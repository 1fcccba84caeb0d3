"""Template tags of the public site: language switcher, navigation, sector names.

Navigation knows every page app, so these tags live in the composition layer.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.http import QueryDict
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

from agencies.models import AgencyIndexPage
from core.localization import localized_objects
from editions.models import EditionIndexPage, EditionPage
from home.models import HomePage
from passerelles import navigation
from passerelles.navigation import live_translations
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


# Index pages whose query string (filters, page number) is worth keeping
# when the visitor changes language: `/fr/recits/?sector=music` leads to
# `/nl/verhalen/?sector=music`.
FILTERED_INDEXES = (StoryIndexPage, EditionIndexPage, AgencyIndexPage)


# Views outside the page tree that exist in every language (their URL is
# translated with Django's i18n_patterns).
TRANSLATED_VIEWS = {"site_search"}


def _is_translated_view(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name in TRANSLATED_VIEWS


def _query_for(request, target: Page) -> str:
    """The request's query string for the same index in `target`'s language.

    Sector and kind values are the same in every language; an edition is
    named by its slug, which differs per language, so it is mapped to the
    slug of the same edition in the target language.
    """
    if request is None or not request.GET:
        return ""
    query: QueryDict = request.GET.copy()
    edition = query.get("edition")
    if edition:
        keys = EditionPage.objects.filter(
            slug=edition, locale__language_code=translation.get_language()
        ).values("translation_key")
        translated = (
            EditionPage.objects.filter(translation_key__in=keys, locale_id=target.locale_id)
            .values_list("slug", flat=True)
            .first()
        )
        if translated:
            query["edition"] = translated
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def language_links(context, page: Page | None = None) -> list[LanguageLink]:
    """Links to `page` in every language, or to that language's home when untranslated."""
    request = context.get("request")
    current = translation.get_language()
    translations: dict[str, Page] = {}
    if isinstance(page, Page) and page.id:
        for other in live_translations(page, request):
            translations[other.locale.language_code] = other
    homes = None
    links = []
    keep_query = isinstance(page, FILTERED_INDEXES)
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        is_translation = target is not None
        if target is None and not isinstance(page, Page) and _is_translated_view(request):
            # A view outside the page tree (the search page): its address in
            # that language, with the query string.
            url = translate_url(request.get_full_path(), code)
            links.append(LanguageLink(code, name, url, code == current, True))
            continue
        if target is None:
            if homes is None:
                homes = _home_pages()
            target = homes.get(code)
        url = target.get_url(request) if target is not None else f"/{code}/"
        if is_translation and keep_query:
            url += _query_for(request, target)
        links.append(LanguageLink(code, name, url, code == current, is_translation))
    return links


@register.simple_tag(takes_context=True)
def alternate_links(context, page: Page | None = None) -> list[tuple[str, str]]:
    """`(hreflang, absolute URL)` pairs for the live translations of `page`."""
    request = context.get("request")
    if not isinstance(page, Page) or not page.id:
        return []
    pairs = []
    for other in live_translations(page, request):
        url = other.get_url(request)
        if url:
            # Absolute from the request's own host: the Site record's hostname
            # (often "localhost" on a fresh install) must not leak into links.
            if request is not None and not url.startswith("http"):
                url = request.build_absolute_uri(url)
            pairs.append((other.locale.language_code, url))
    return sorted(pairs)


@register.simple_tag(takes_context=True)
def navigation_pages(context) -> dict[str, Page | None]:
    """The home page and the three index pages of the active language, in one query."""
    return navigation.navigation_pages(context.get("request"))


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


@register.simple_tag
def story_card_key(story, sectors: list, url: str, eager: bool = False) -> str:
    """The cache key of a story card's HTML: everything the card shows, nothing else.

    Rendering a card's `<picture>` (four renditions) and its badges was most of a
    story list's rendering time; the card is cached (`{% cache %}` in
    `includes/story_card.html`) under a key made of the very values it shows —
    title, summary, kind, stage, URL, sectors' names, the image's file and focal
    point — and the active language, so a publish, a renamed sector, a replaced
    image or a moved focal point shows at once without any invalidation. The
    day-long timeout (in the template) only bounds what the key cannot see, such
    as a rendition file deleted by hand.
    """
    image = story.hero_image
    parts: list = [
        translation.get_language(),
        story.pk,
        story.locale_id,
        story.title,
        story.summary,
        story.kind,
        story.stage,
        url,
        bool(eager),
        [(s.pk, s.slug, s.name, s.locale_id) for s in sectors],
    ]
    if image:
        parts.append(
            (
                image.pk,
                image.file.name,
                image.file_hash,
                image.width,
                image.height,
                image.focal_point_x,
                image.focal_point_y,
                image.focal_point_width,
                image.focal_point_height,
            )
        )
    return repr(parts)
