"""Template tags of the <head>: sharing metadata, structured data, feeds and calendars."""

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from editions.models import EditionPage
from passerelles.sharing import ShareMeta, absolute, share_meta

register = template.Library()


@dataclass
class FollowLink:
    """A feed or calendar a page offers (<link rel="alternate"> and visible links)."""

    type: str
    title: str
    url: str


@register.simple_tag(takes_context=True)
def page_share_meta(context, page: Page | None = None) -> ShareMeta | None:
    """Canonical URL, description, Open Graph image and JSON-LD of `page` (None off a page)."""
    if not isinstance(page, Page) or not page.pk:
        return None
    return share_meta(page, context.get("request"))


@register.simple_tag(takes_context=True)
def follow_links(context, page: Page | None = None) -> list[FollowLink]:
    """The stories feed, the calendar of upcoming editions, and an edition's own calendar file."""
    request = context.get("request")
    links = [
        FollowLink("application/atom+xml", _("Passerelles stories"), reverse("stories_feed")),
        FollowLink(
            "text/calendar", _("Upcoming Passerelles editions"), reverse("editions_calendar")
        ),
    ]
    if isinstance(page, EditionPage) and page.pk and page.url:
        links.append(
            FollowLink("text/calendar", page.title, page.url + page.reverse_subpage("ics"))
        )
    for link in links:
        link.url = absolute(request, link.url)
    return links
