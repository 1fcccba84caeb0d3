"""How a page presents itself to search engines and link previews.

One function, ``share_meta``, gathers for a page what ``includes/head_meta.html``
prints in the ``<head>``: the canonical URL, a description (the editor's
*search description* from the Promote tab, or else the page's introduction or
summary), Open Graph and Twitter card tags with an image rendition (the
Promote tab's *share image*, or the page's own picture, or the home page's
share image), and the schema.org JSON-LD of the page type: ``Organization``
for an agency, ``Event`` for an edition, ``Article`` for a story,
``WebSite`` for a home page, and a ``BreadcrumbList`` everywhere below home.

It lives in the composition layer because it knows every page type.
"""

import json
import logging
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import _json_script_escapes, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Page

from agencies.models import AgencyPage
from editions.models import EditionPage
from home.models import HomePage
from passerelles.navigation import ancestors, live_translations
from stories.models import StoryPage

logger = logging.getLogger(__name__)

SITE_NAME = "Passerelles"
SHARE_RENDITION = "fill-1200x630-c100|format-jpeg|jpegquality-80"
LOGO_RENDITION = "max-1200x630|format-png"
DESCRIPTION_LENGTH = 200
BRUSSELS = ZoneInfo("Europe/Brussels")
# Open Graph wants territory-qualified locales.
OG_LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "en": "en_GB"}
# A registration status, as schema.org's availability of the offer.
AVAILABILITY = {
    EditionPage.RegistrationStatus.OPEN: "https://schema.org/InStock",
    EditionPage.RegistrationStatus.FULL: "https://schema.org/SoldOut",
    EditionPage.RegistrationStatus.CLOSED: "https://schema.org/OutOfStock",
}


@dataclass
class ShareImage:
    """An absolute image URL with its size and alternative text."""

    url: str
    width: int
    height: int
    alt: str


@dataclass
class ShareMeta:
    """Everything `includes/head_meta.html` prints for one page."""

    title: str
    description: str
    canonical: str
    language: str
    og_type: str = "website"
    og_locale: str = ""
    og_alternate_locales: list[str] = field(default_factory=list)
    image: ShareImage | None = None
    structured_data: list[dict] = field(default_factory=list)

    @property
    def twitter_card(self) -> str:
        """A large preview when there is an image, a summary card otherwise."""
        return "summary_large_image" if self.image else "summary"

    @property
    def json_ld(self) -> SafeString:
        """The structured data as one JSON-LD document, safe inside a <script> element."""
        if not self.structured_data:
            return mark_safe("")  # noqa: S308 -- empty
        document = (
            self.structured_data[0] if len(self.structured_data) == 1 else self.structured_data
        )
        text = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=None)
        # "</script>" or "<!--" inside a title must not end the element.
        return mark_safe(text.translate(_json_script_escapes))  # noqa: S308 -- escaped above


def absolute(request: HttpRequest | None, url: str) -> str:
    """`url` made absolute from the request's own host (the Site record's may be "localhost")."""
    if not url or url.startswith(("http://", "https://")):
        return url
    if request is not None:
        return request.build_absolute_uri(url)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def page_url(page: Page, request: HttpRequest | None) -> str:
    """The page's absolute URL."""
    return absolute(request, page.get_url(request) or "")


def description(page: Page) -> str:
    """The search description, else the introduction or summary, as plain text of snippet length."""
    text = page.search_description or ""
    if not text:
        for name in ("summary", "introduction"):
            value = getattr(page, name, "")
            if value:
                text = strip_tags(str(value))
                break
    text = " ".join(text.split())
    return Truncator(text).chars(DESCRIPTION_LENGTH)


def _image(page: Page):
    """The image chosen for previews, with the alternative text it should carry."""
    image = getattr(page, "share_image", None)
    if image is None and hasattr(page, "page_image"):
        image = page.page_image()
    # Wagtail cannot turn an SVG (an agency's logo, often) into the JPEG or PNG that
    # sharing previews need, and the networks do not show SVG: the home's image instead.
    if image is not None and image.is_svg():
        image = None
    if image is None and not isinstance(page, HomePage):  # a home page has no other fallback
        home = (
            HomePage.objects.filter(locale_id=page.locale_id).select_related("share_image").first()
        )
        image = home.share_image if home else None
    if image is None or image.is_svg():
        return None, ""
    alt = ""
    if isinstance(page, StoryPage) and image.pk == page.hero_image_id:
        alt = page.hero_image_alt
    return image, alt or image.default_alt_text


def share_image(page: Page, request: HttpRequest | None) -> ShareImage | None:
    """The preview image of `page` as a rendition (1200 × 630 JPEG; a logo fitted, not cropped)."""
    image, alt = _image(page)
    if image is None:
        return None
    spec = (
        LOGO_RENDITION
        if isinstance(page, AgencyPage) and image.pk == page.logo_id
        else SHARE_RENDITION
    )
    try:
        rendition = image.get_rendition(spec)
    except Exception:  # a missing or unreadable file must not break the page
        logger.warning("No share rendition for image %s", image.pk, exc_info=True)
        return None
    return ShareImage(absolute(request, rendition.url), rendition.width, rendition.height, alt)


def _iso(moment) -> str:
    """An aware datetime as ISO 8601 with Brussels' offset (e.g. 2025-09-25T18:30:00+02:00)."""
    return timezone.localtime(moment, BRUSSELS).isoformat()


def _organization(agency: AgencyPage, request: HttpRequest | None) -> dict:
    """An agency as a schema.org Organization, in short (as an organizer or author)."""
    return {"@type": "Organization", "name": agency.title, "url": page_url(agency, request)}


def _publisher(request: HttpRequest | None) -> dict:
    return {"@type": "Organization", "name": SITE_NAME, "url": absolute(request, "/")}


def organization_data(agency: AgencyPage, request: HttpRequest | None) -> dict:
    """schema.org Organization of an agency page."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": page_url(agency, request) + "#organization",
        "name": agency.title,
        "alternateName": agency.short_name,
        "url": page_url(agency, request),
        "description": description(agency),
    }
    if agency.website:
        data["sameAs"] = [agency.website]
    if agency.contact_email:
        data["email"] = agency.contact_email
    if agency.contact_phone:
        data["telephone"] = agency.contact_phone
    if agency.address:
        data["address"] = ", ".join(
            line.strip() for line in agency.address.splitlines() if line.strip()
        )
    if agency.logo and agency.logo.is_svg():
        # No raster rendition of an SVG exists; schema.org's logo may be the SVG itself.
        data["logo"] = absolute(request, agency.logo.file.url)
    elif agency.logo:
        logo = share_image(agency, request)
        if logo:
            data["logo"] = logo.url
    return data


def event_data(edition: EditionPage, request: HttpRequest | None, image: ShareImage | None) -> dict:
    """schema.org Event of an edition: when (Brussels time), where, who organises, registration."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": edition.title,
        "description": description(edition),
        "url": page_url(edition, request),
        "inLanguage": edition.locale.language_code,
        "startDate": _iso(edition.start),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
    }
    if edition.end:
        data["endDate"] = _iso(edition.end)
    venue = edition.localized_venue
    if venue is not None:
        data["location"] = {
            "@type": "Place",
            "name": venue.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": venue.street,
                "postalCode": venue.postal_code,
                "addressLocality": venue.city,
                "addressCountry": venue.country,
            },
        }
        if venue.website:
            data["location"]["url"] = venue.website
    host, participants = edition.localized_agencies
    organizers, seen = [], set()
    for agency in [host, *participants]:
        if agency is not None and agency.translation_key not in seen:
            seen.add(agency.translation_key)
            organizers.append(_organization(agency, request))
    data["organizer"] = organizers or [_publisher(request)]
    if edition.registration_url:
        data["offers"] = {
            "@type": "Offer",
            "url": edition.registration_url,
            "availability": AVAILABILITY.get(
                edition.registration_status, "https://schema.org/InStock"
            ),
        }
    if image:
        data["image"] = [image.url]
    return data


def article_data(story: StoryPage, request: HttpRequest | None, image: ShareImage | None) -> dict:
    """schema.org Article of a story."""
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": Truncator(story.title).chars(110),
        "description": description(story),
        "url": page_url(story, request),
        "mainEntityOfPage": page_url(story, request),
        "inLanguage": story.locale.language_code,
        "datePublished": _iso(story.first_published_at or story.latest_revision_created_at),
        "dateModified": _iso(
            story.last_published_at or story.first_published_at or story.latest_revision_created_at
        ),
        "publisher": _publisher(request),
    }
    data["author"] = [_organization(a, request) for a in story.localized_agencies] or [
        _publisher(request)
    ]
    if image:
        data["image"] = [image.url]
    return data


def website_data(home: HomePage, request: HttpRequest | None) -> dict:
    """schema.org WebSite of a home page, with the site search as its SearchAction."""
    search_url = absolute(request, reverse("site_search"))
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": SITE_NAME,
        "url": page_url(home, request),
        "inLanguage": home.locale.language_code,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{search_url}?q={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def breadcrumb_data(page: Page, request: HttpRequest | None) -> dict | None:
    """schema.org BreadcrumbList from the home page down to `page` (None on a home page)."""
    # Base pages are enough: a crumb needs a title and a URL, not its type.
    trail = [*ancestors(page, request), page]
    if len(trail) < 2:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": _("Home") if crumb.depth == 2 else crumb.title,
                "item": page_url(crumb, request),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def share_meta(page: Page, request: HttpRequest | None) -> ShareMeta:
    """The head metadata and structured data of a Wagtail page."""
    page = page.specific
    language = page.locale.language_code
    title = page.seo_title or page.title
    image = share_image(page, request)
    meta = ShareMeta(
        title=title,
        description=description(page),
        canonical=page_url(page, request),
        language=language,
        og_locale=OG_LOCALES.get(language, language),
        og_alternate_locales=[
            OG_LOCALES.get(other.locale.language_code, other.locale.language_code)
            for other in live_translations(page, request)
            if other.pk != page.pk
        ],
        image=image,
    )
    if isinstance(page, AgencyPage):
        meta.structured_data.append(organization_data(page, request))
    elif isinstance(page, EditionPage):
        meta.structured_data.append(event_data(page, request, image))
    elif isinstance(page, StoryPage):
        meta.og_type = "article"
        meta.structured_data.append(article_data(page, request, image))
    elif isinstance(page, HomePage):
        meta.structured_data.append(website_data(page, request))
    crumbs = breadcrumb_data(page, request)
    if crumbs:
        meta.structured_data.append(crumbs)
    return meta
