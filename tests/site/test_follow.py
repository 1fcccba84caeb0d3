"""Follow the network: the Atom feed of stories (read with feedparser) and the
calendar files of editions (read with icalendar), per language."""

import datetime as dt
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from editions.models import EditionPage
from stories.models import StoryPage

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_stories_feed_is_valid_atom_with_the_stories_of_its_language(client, language):
    response = client.get(f"/{language}/feeds/stories/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title
    assert feed.feed.language == language
    stories = StoryPage.objects.live().filter(locale__language_code=language)
    assert len(feed.entries) == min(stories.count(), 20)
    newest = stories.order_by("-first_published_at", "-id").first()
    entry = feed.entries[0]
    assert entry.title == newest.title
    assert entry.link == "http://testserver" + newest.url
    assert entry.summary == newest.summary
    assert entry.id.startswith("urn:passerelles:story:")
    assert entry.published_parsed and entry.updated_parsed
    # Every entry links to a page of the feed's language.
    assert all(f"/{language}/" in e.link for e in feed.entries)


def test_a_new_story_appears_at_the_top_of_its_feed_only(client, locales):
    from tests.site.factories import StoryFactory

    index = StoryPage.objects.live().filter(locale__language_code="nl").first().get_parent()
    story = StoryFactory(parent=index, locale=locales["nl"], title="Nieuw verhaal voor de feed")
    nl = feedparser.parse(client.get("/nl/feeds/stories/").content)
    assert nl.entries[0].title == story.title
    en = feedparser.parse(client.get("/en/feeds/stories/").content)
    assert story.title not in [e.title for e in en.entries]


def test_edition_calendar_file_is_in_brussels_time(client, locales):
    edition = EditionPage.objects.live().filter(locale__language_code="nl").exclude(venue=None)[0]
    response = client.get(edition.url + "calendar/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == edition.title
    start = event.decoded("DTSTART")
    assert start == edition.start
    assert event["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert start.utcoffset() == edition.start.astimezone(BRUSSELS).utcoffset()
    assert event.decoded("DTEND") > start
    assert str(event["URL"]) == "http://testserver" + edition.url
    venue = edition.localized_venue
    assert venue.name in str(event["LOCATION"]) and venue.city in str(event["LOCATION"])
    # One UID for the edition in every language: importing it twice updates it.
    french = edition.get_translation(locales["fr"])
    other = icalendar.Calendar.from_ical(client.get(french.url + "calendar/").content)
    assert other.walk("VEVENT")[0]["UID"] == event["UID"]


def test_edition_without_end_gets_an_evening_in_the_calendar(client, locales):
    from tests.site.factories import EditionFactory

    index = EditionPage.objects.live().filter(locale__language_code="fr").first().get_parent()
    start = dt.datetime(2026, 3, 29, 19, 0, tzinfo=BRUSSELS)  # the day clocks go forward
    edition = EditionFactory(parent=index, locale=locales["fr"], start=start, end=None)
    event = icalendar.Calendar.from_ical(client.get(edition.url + "calendar/").content).walk(
        "VEVENT"
    )[0]
    assert event.decoded("DTSTART") == start
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(hours=2)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(hours=3)


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_calendar_feed_lists_the_upcoming_editions_of_its_language(client, language):
    response = client.get(f"/{language}/calendar/editions.ics")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    upcoming = EditionPage.objects.live().filter(
        locale__language_code=language, start__gte=timezone.now()
    )
    events = calendar.walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == sorted(e.title for e in upcoming)
    assert all(e.decoded("DTSTART") >= timezone.now() for e in events)
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Brussels"


def test_feeds_and_calendars_are_linked_from_head_and_page(client):
    edition = EditionPage.objects.live().filter(locale__language_code="en").first()
    html = BeautifulSoup(client.get(edition.url).content, "html.parser")
    head = {
        link["type"]: link["href"]
        for link in html.head.find_all("link", rel="alternate", type=True)
        if link["type"] != "text/calendar" or link["href"].endswith("editions.ics")
    }
    assert head["application/atom+xml"] == "http://testserver/en/feeds/stories/"
    assert head["text/calendar"] == "http://testserver/en/calendar/editions.ics"
    own = html.head.find("link", href="http://testserver" + edition.url + "calendar/")
    assert own is not None
    add = html.find("a", href=edition.url + "calendar/")
    assert add is not None and add.get_text(strip=True) == "Add to my calendar"
