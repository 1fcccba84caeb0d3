"""Editions as iCalendar (RFC 5545), built with the maintained `icalendar` library.

One file per edition ("Add to my calendar") and one feed of the upcoming
editions per language. Times are given in Europe/Brussels with the time zone
definition included (VTIMEZONE), so a calendar abroad shows the right hour
on both sides of a daylight-saving change. Each edition keeps one UID across
languages and revisions (its translation key): importing it again, or in
another language, updates the event instead of duplicating it.
"""

from collections.abc import Iterable
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.http import HttpRequest
from django.utils import timezone
from icalendar import Calendar, Event, vUri

BRUSSELS = ZoneInfo("Europe/Brussels")
# When an edition has no end time, calendars get an evening of this length.
DEFAULT_DURATION = timedelta(hours=3)
PRODID = "-//Passerelles//Editions//FR"
UID_DOMAIN = "passerelles.editions"


def _location(edition) -> str:
    venue = edition.localized_venue
    if venue is None:
        return ""
    return ", ".join(
        part
        for part in (
            venue.name,
            venue.street,
            f"{venue.postal_code} {venue.city}".strip(),
            venue.country,
        )
        if part
    )


def edition_event(edition, request: HttpRequest | None = None) -> Event:
    """One edition as a VEVENT in Brussels time."""
    event = Event()
    event.add("uid", f"{edition.translation_key}@{UID_DOMAIN}")
    event.add("dtstamp", timezone.now())
    start = timezone.localtime(edition.start, BRUSSELS)
    end = timezone.localtime(edition.end, BRUSSELS) if edition.end else start + DEFAULT_DURATION
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", edition.title)
    event.add("description", edition.introduction)
    location = _location(edition)
    if location:
        event.add("location", location)
    # From the request's own host: the Site record's may be "localhost".
    url = edition.get_url(request) if request is not None else edition.get_full_url()
    if url:
        if request is not None and not url.startswith("http"):
            url = request.build_absolute_uri(url)
        event.add("url", vUri(url))
    if edition.last_published_at:
        event.add("last-modified", edition.last_published_at)
    event.add("status", "CONFIRMED")
    return event


def calendar_of(
    editions: Iterable, name: str, language: str, request: HttpRequest | None = None
) -> Calendar:
    """A VCALENDAR of `editions` with the Europe/Brussels VTIMEZONE they use."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Brussels")
    calendar.add("name", name)
    for edition in editions:
        event = edition_event(edition, request)
        event["summary"].params["LANGUAGE"] = language
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar
