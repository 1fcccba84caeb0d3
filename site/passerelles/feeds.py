"""Follow the network: an Atom feed of stories and a calendar of upcoming editions, per language.

Both live under the language prefix (``/fr/feeds/stories/``,
``/nl/calendar/editions.ics``) and list the pages of that language only.
Each edition also has its own calendar file (``EditionPage.calendar_file``).
"""

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale

from core.localization import localized_objects
from editions.calendar import calendar_of
from editions.models import EditionPage
from passerelles.sharing import absolute, description
from stories.models import StoryIndexPage, StoryPage

FEED_LENGTH = 20


class StoriesFeed(Feed):
    """The latest stories of the visitor's language, newest first, as Atom 1.0."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args, **kwargs) -> Locale:
        self.request = request
        return Locale.get_active()

    def title(self, locale: Locale) -> str:
        return _("Passerelles — stories")

    def subtitle(self, locale: Locale) -> str:
        return _("Collaborations that came out of the Passerelles evenings.")

    def link(self, locale: Locale) -> str:
        index = StoryIndexPage.objects.live().filter(locale=locale).first()
        return index.get_url(self.request) if index else f"/{locale.language_code}/"

    def feed_url(self, locale: Locale) -> str:
        return self.request.get_full_path()

    def feed_guid(self, locale: Locale) -> str:
        return absolute(self.request, self.request.path)

    def author_name(self, locale: Locale) -> str:
        return "Passerelles"

    def items(self, locale: Locale):
        return (
            StoryPage.objects.live()
            .public()
            .filter(locale=locale)
            .prefetch_related("sectors")
            .order_by("-first_published_at", "-id")[:FEED_LENGTH]
        )

    def item_title(self, story: StoryPage) -> str:
        return story.title

    def item_description(self, story: StoryPage) -> str:
        return description(story) if story.search_description else story.summary

    def item_link(self, story: StoryPage) -> str:
        return story.get_url(self.request)

    def item_guid(self, story: StoryPage) -> str:
        # Stable across renames of the page: its translation key and language.
        return f"urn:passerelles:story:{story.translation_key}:{story.locale.language_code}"

    item_guid_is_permalink = False

    def item_pubdate(self, story: StoryPage):
        return story.first_published_at

    def item_updateddate(self, story: StoryPage):
        return story.last_published_at or story.first_published_at

    def item_categories(self, story: StoryPage) -> list[str]:
        return [sector.name for sector in localized_objects(story.sectors.all(), story.locale)]


def editions_calendar(request: HttpRequest) -> HttpResponse:
    """The upcoming editions of the visitor's language as one iCalendar feed (subscribe to it)."""
    locale = Locale.get_active()
    editions = (
        EditionPage.objects.live()
        .public()
        .filter(locale=locale, start__gte=timezone.now())
        .select_related("venue", "locale")
        .order_by("start")
    )
    calendar = calendar_of(editions, _("Passerelles — upcoming editions"), get_language(), request)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="passerelles-editions.ics"'
    return response
