"""Sharing and findability: head metadata, JSON-LD, sitemap with hreflang, robots.txt.

JSON-LD is read back as JSON with the keys each schema.org type needs; the
sitemap is parsed as XML with its namespaces.
"""

import json
import logging
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils.text import Truncator
from lxml import etree
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Page

from agencies.models import AgencyPage
from editions.models import EditionPage
from home.models import HomePage
from stories.models import StoryPage

pytestmark = pytest.mark.django_db

SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def json_ld(html: BeautifulSoup) -> dict[str, dict]:
    """Every JSON-LD object on the page, by @type (each script parsed as JSON)."""
    found = {}
    for script in html.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        for item in data if isinstance(data, list) else [data]:
            assert item["@context"] == "https://schema.org"
            found[item["@type"]] = item
    return found


def meta(html: BeautifulSoup, key: str) -> str | None:
    tag = html.find("meta", attrs={"property": key}) or html.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def test_story_shares_with_summary_image_and_article_data(client):
    story = StoryPage.objects.live().filter(locale__language_code="nl").exclude(hero_image=None)[0]
    story.search_description = ""
    story.save()
    html = soup(client.get(story.url))

    assert html.find("link", rel="canonical")["href"] == "http://testserver" + story.url
    assert meta(html, "description") == Truncator(" ".join(story.summary.split())).chars(200)
    assert meta(html, "og:title") == story.title
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:locale") == "nl_BE"
    assert {"fr_BE", "en_GB"} <= {
        t["content"] for t in html.find_all("meta", property="og:locale:alternate")
    }
    image = meta(html, "og:image")
    assert image.startswith("http://testserver/") and image.endswith(".jpg")
    # The tags give the file's real size: 1200 wide and 1.91:1 (Wagtail's crop
    # around a focal point may round the height by a pixel).
    width, height = int(meta(html, "og:image:width")), int(meta(html, "og:image:height"))
    with Image.open(Path(settings.MEDIA_ROOT) / image.split(settings.MEDIA_URL, 1)[1]) as picture:
        assert picture.size == (width, height)
    assert width == 1200 and abs(height - 630) <= 1
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "twitter:image") == image

    data = json_ld(html)
    article = data["Article"]
    for key in ("headline", "datePublished", "dateModified", "author", "publisher", "image"):
        assert article[key], key
    assert article["inLanguage"] == "nl"
    assert datetime.fromisoformat(article["datePublished"]).tzinfo is not None
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))
    assert crumbs[-1]["item"] == "http://testserver" + story.url
    assert crumbs[0]["name"] == "Startpagina"


def test_search_description_and_share_image_from_the_promote_tab_win(client):
    agency = AgencyPage.objects.live().get(slug="wbimages", locale__language_code="fr")
    # A raster image: an SVG cannot be turned into a preview (see the test below).
    image = (
        get_image_model().objects.exclude(pk=agency.logo_id).exclude(file__iendswith=".svg").first()
    )
    agency.search_description = "Une description choisie pour le partage."
    agency.share_image = image
    agency.save_revision().publish()
    html = soup(client.get(agency.url))
    assert meta(html, "description") == "Une description choisie pour le partage."
    assert meta(html, "og:description") == "Une description choisie pour le partage."
    assert meta(html, "og:image:alt") == (image.default_alt_text or None)
    rendition = image.get_rendition("fill-1200x630-c100|format-jpeg|jpegquality-80")
    assert meta(html, "og:image") == "http://testserver" + rendition.url


def test_an_svg_logo_is_not_a_preview_image_and_logs_no_error(client, caplog):
    """Wagtail cannot rasterise SVG: the page falls back instead of logging a traceback
    on every view and announcing no image."""
    agency = AgencyPage.objects.live().get(slug="wbmusiques", locale__language_code="fr")
    assert agency.logo.is_svg()
    with caplog.at_level(logging.WARNING):
        html = soup(client.get(agency.url))
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    image = meta(html, "og:image")
    assert image is None or not image.endswith(".svg")


def test_agency_is_an_organization(client):
    agency = AgencyPage.objects.live().get(slug="wbmusiques", locale__language_code="en")
    organization = json_ld(soup(client.get(agency.url)))["Organization"]
    assert organization["name"] == agency.title
    assert organization["alternateName"] == agency.short_name
    assert organization["url"] == "http://testserver" + agency.url
    assert organization["sameAs"] == [agency.website]
    assert organization["email"] == agency.contact_email
    assert organization["address"]
    if agency.logo:
        assert organization["logo"].startswith("http://testserver/")


def test_edition_is_an_event_in_brussels_time_with_place_organizers_and_offer(client):
    edition = (
        EditionPage.objects.live()
        .filter(locale__language_code="en")
        .exclude(registration_url="")
        .exclude(venue=None)
        .first()
    )
    edition.registration_status = EditionPage.RegistrationStatus.FULL
    edition.save()
    event = json_ld(soup(client.get(edition.url)))["Event"]

    start = datetime.fromisoformat(event["startDate"])
    assert start == edition.start
    assert start.utcoffset() == edition.start.astimezone(ZoneInfo("Europe/Brussels")).utcoffset()
    if edition.end:
        assert datetime.fromisoformat(event["endDate"]) == edition.end
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    place = event["location"]
    assert place["@type"] == "Place"
    address = place["address"]
    assert address["@type"] == "PostalAddress"
    for key in ("streetAddress", "postalCode", "addressLocality", "addressCountry"):
        assert address[key], key
    organizers = {o["name"] for o in event["organizer"]}
    assert edition.host_agency is None or len(organizers) >= 1
    assert all(o["url"].startswith("http://testserver/en/") for o in event["organizer"])
    assert event["offers"] == {
        "@type": "Offer",
        "url": edition.registration_url,
        "availability": "https://schema.org/SoldOut",
    }


def test_home_page_is_a_website_with_a_search_action(client):
    home = HomePage.objects.get(locale__language_code="fr")
    website = json_ld(soup(client.get(home.url)))["WebSite"]
    assert website["potentialAction"]["target"]["urlTemplate"] == (
        "http://testserver/fr/recherche/?q={search_term_string}"
    )


def test_json_ld_cannot_be_closed_by_a_title(client):
    story = StoryPage.objects.live().filter(locale__language_code="fr").first()
    story.title = "</script><script>alert(1)</script>"
    story.save_revision().publish()
    response = client.get(story.url)
    assert b"</script><script>alert(1)" not in response.content
    assert json_ld(soup(response))["Article"]["headline"] == story.title


def test_sitemap_lists_every_live_page_with_its_hreflang_alternates(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = etree.fromstring(response.content)
    urls = {}
    for url in tree.findall("sm:url", SITEMAP_NS):
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in url.findall("xhtml:link", SITEMAP_NS)
            if link.get("rel") == "alternate"
        }
        urls[url.findtext("sm:loc", namespaces=SITEMAP_NS)] = alternates
    live = Page.objects.live().public().filter(depth__gt=1)
    assert len(urls) == live.count()
    story = StoryPage.objects.live().filter(locale__language_code="nl").first()
    alternates = urls["http://testserver" + story.url]
    expected = {
        other.locale.language_code: "http://testserver" + other.url
        for other in story.get_translations(inclusive=True).live()
    }
    assert {k: v for k, v in alternates.items() if k != "x-default"} == expected
    assert alternates["x-default"] == expected["fr"]


def test_unpublished_pages_are_not_in_the_sitemap(client):
    story = StoryPage.objects.live().filter(locale__language_code="en").first()
    story.unpublish()
    assert story.url.encode() not in client.get("/sitemap.xml").content


def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_editors_find_the_sharing_fields_in_the_promote_tab(admin_client):
    story = StoryPage.objects.filter(locale__language_code="fr").first()
    html = BeautifulSoup(admin_client.get(f"/admin/pages/{story.pk}/edit/").content, "html.parser")

    def tab(name: str) -> str:
        field = html.find(attrs={"name": name})
        assert field is not None, name
        return field.find_parent(id=lambda i: i and i.startswith("tab-"))["id"]

    # Both in the Promote tab (its id is in the admin's language), not the content tab.
    assert tab("share_image") == tab("search_description") != tab("summary")
