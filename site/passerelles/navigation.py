"""What every public page's frame needs about the page tree, read once per request.

The header's navigation, the language switcher, the hreflang alternates, the
Open Graph alternate locales and the JSON-LD breadcrumbs all ask the same two
questions: which are the home and index pages of this language, and which
live translations does this page have. Each used to ask the database on its
own (up to nine queries a page); here each question is one query, and its
answer is kept on the request for the other parts of the same page.
Nothing outlives the request, so nothing can go stale.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Page

from agencies.models import AgencyIndexPage
from editions.models import EditionIndexPage
from home.models import HomePage
from stories.models import StoryIndexPage

NAVIGATION_TYPES = {
    "home": HomePage,
    "agencies": AgencyIndexPage,
    "editions": EditionIndexPage,
    "stories": StoryIndexPage,
}


def _memo(request: HttpRequest | None) -> dict:
    """A dictionary that lives as long as `request` (a throwaway one without a request)."""
    if request is None:
        return {}
    memo = getattr(request, "_passerelles_tree", None)
    if memo is None:
        memo = request._passerelles_tree = {}
    return memo


def navigation_pages(request: HttpRequest | None, language: str | None = None) -> dict:
    """The live home page and the three index pages of `language` (the active one), one query.

    Plain `Page` objects: the header needs their title, URL and path only.
    """
    language = language or translation.get_language()
    memo = _memo(request)
    key = ("navigation", language)
    if key not in memo:
        kinds = {
            ContentType.objects.get_for_model(model).pk: name
            for name, model in NAVIGATION_TYPES.items()
        }
        pages: dict[str, Page | None] = dict.fromkeys(NAVIGATION_TYPES)
        for page in (
            Page.objects.live()
            .filter(locale__language_code=language, content_type_id__in=kinds)
            .order_by("path")
        ):
            name = kinds[page.content_type_id]
            if pages[name] is None:
                pages[name] = page
        memo[key] = pages
    return memo[key]


def live_translations(page: Page, request: HttpRequest | None) -> list[Page]:
    """`page` and its live translations, with their locales, in one query per request."""
    memo = _memo(request)
    key = ("translations", page.pk)
    if key not in memo:
        memo[key] = list(page.get_translations(inclusive=True).live().select_related("locale"))
    return memo[key]


def ancestors(page: Page, request: HttpRequest | None) -> list[Page]:
    """The live ancestors of `page` from its home page (depth 2) down, without `page`.

    Public pages sit under a home page or an index page, both already read for
    the navigation: the trail is taken from there, and read from the database
    only for a page deeper in the tree or under a page the navigation lacks.
    """
    wanted = [page.path[: depth * Page.steplen] for depth in range(2, page.depth)]
    if not wanted:
        return []
    language = page.locale.language_code if request is None else translation.get_language()
    known = {p.path: p for p in navigation_pages(request, language).values() if p is not None}
    if all(path in known for path in wanted):
        return [known[path] for path in wanted]
    return list(page.get_ancestors().live().filter(depth__gte=2))
