"""Every page type renders in French, Dutch and English, with localized chrome."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from agencies.models import AgencyIndexPage, AgencyPage
from editions.models import EditionIndexPage, EditionPage
from home.models import HomePage
from stories.models import StoryIndexPage, StoryPage

pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    HomePage,
    AgencyIndexPage,
    AgencyPage,
    EditionIndexPage,
    EditionPage,
    StoryIndexPage,
    StoryPage,
]
# Navigation chrome expected in each language (from locale/).
CHROME = {
    "fr": ["Agences", "Éditions", "Récits", "Aller au contenu"],
    "nl": ["Agentschappen", "Edities", "Verhalen", "Naar de inhoud"],
    "en": ["Agencies", "Editions", "Stories", "Skip to content"],
}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda m: m.__name__)
def test_page_renders_in_language(client, model, language):
    page = model.objects.live().filter(locale__language_code=language).first()
    assert page is not None, f"the demo has no {model.__name__} in {language}"
    url = page.get_url()
    assert url.startswith(f"/{language}/")
    response = client.get(url)
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == language
    assert html.h1.get_text(strip=True) == page.title
    text = html.get_text(" ")
    for word in CHROME[language]:
        assert word in text, f"{word!r} missing from {url}"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_translated_pages_show_no_french_chrome(client, language):
    page = EditionPage.objects.live().filter(locale__language_code=language).first()
    text = soup(client.get(page.get_url())).get_text(" ")
    for french in ["Informations pratiques", "Agences participantes", "Aller au contenu"]:
        assert french not in text


def test_root_redirects_by_browser_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="nl-BE,nl;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/nl/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Location"] == "/en/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE")
    assert response["Location"] == "/fr/"


def test_home_page_shows_next_edition_latest_stories_and_six_agencies(client):
    home = HomePage.objects.get(locale__language_code="en")
    response = client.get(home.get_url())
    upcoming = response.context["next_edition"]
    assert upcoming is not None and upcoming.is_upcoming
    assert upcoming.locale.language_code == "en"
    assert len(response.context["latest_stories"]) == 3
    names = {a.title for a in response.context["agencies"]}
    assert names == {
        "WBMusiques",
        "WBImages",
        "WBThéâtreDanse",
        "WBArchitectures",
        "WBCampus",
        "Wallonia-Brussels Design Mode",
    }


def test_editions_index_lists_upcoming_first_then_past_latest_first(client):
    index = EditionIndexPage.objects.get(locale__language_code="fr")
    response = client.get(index.get_url())
    upcoming = list(response.context["upcoming_editions"])
    past = list(response.context["past_editions"])
    assert upcoming and past
    assert all(e.is_upcoming for e in upcoming)
    assert [e.start for e in past] == sorted((e.start for e in past), reverse=True)
    html = response.content.decode()
    assert html.index(upcoming[0].title) < html.index(past[0].title)


def test_agency_slugs_are_stable_in_every_language():
    for language in ["fr", "nl", "en"]:
        slugs = set(
            AgencyPage.objects.filter(locale__language_code=language).values_list("slug", flat=True)
        )
        assert slugs == {
            "wbmusiques",
            "wbimages",
            "wbtheatredanse",
            "wbarchitectures",
            "wbcampus",
            "wbdm",
        }


def test_hreflang_alternates_list_every_translation(client):
    story = StoryPage.objects.filter(locale__language_code="fr").first()
    html = soup(client.get(story.get_url()))
    alternates = {
        link["hreflang"]: link["href"]
        for link in html.find_all("link", rel="alternate", hreflang=True)
    }
    assert set(alternates) == {"fr", "nl", "en", "x-default"}
    for other in story.get_translations(inclusive=True):
        assert alternates[other.locale.language_code].endswith(other.get_url())


def test_no_external_resources_are_loaded(client):
    for model in PAGE_TYPES:
        page = model.objects.live().filter(locale__language_code="fr").first()
        html = soup(client.get(page.get_url()))
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in html.find_all(tag):
                value = element.get(attribute, "")
                if tag == "link" and element.get("rel") == ["alternate"]:
                    continue
                if value.startswith("http://testserver/"):
                    continue  # absolute, but this site's own (the canonical URL)
                assert not value.startswith(("http://", "https://", "//")), value


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda m: m.__name__)
def test_domcontentloaded_waits_for_the_stylesheet(client, model):
    """A first visit lays the page out once, styled: DOMContentLoaded waits for site.css.

    Every page has a form (the header's search), and Chromium forces a style and layout
    pass at DOMContentLoaded to scan forms for autofill. Parsing ends before the
    stylesheet arrives, so that pass laid out the unstyled page, thrown away a moment
    later: the longest main-thread task of a phone's visit. A deferred script of the
    site's own, after the stylesheet, runs only once the stylesheet has loaded, and
    DOMContentLoaded waits for it.
    """
    from django.contrib.staticfiles import finders

    page = model.objects.live().filter(locale__language_code="fr").first()
    head = soup(client.get(page.get_url())).head
    tags = head.find_all(["link", "script"])
    stylesheet = next(
        i for i, t in enumerate(tags) if t.name == "link" and t.get("rel") == ["stylesheet"]
    )
    deferred = [
        i
        for i, t in enumerate(tags)
        if t.name == "script" and t.has_attr("defer") and not t.has_attr("async") and t.get("src")
    ]
    assert deferred and deferred[0] > stylesheet, "no deferred script after the stylesheet"
    src = tags[deferred[0]]["src"]
    assert src.startswith("/static/")
    assert finders.find(src.removeprefix("/static/")), src


def test_unpublished_pages_are_not_served(client):
    story = StoryPage.objects.live().filter(locale__language_code="fr").first()
    url = story.get_url()
    story.unpublish()
    assert client.get(url).status_code == 404
    assert Page.objects.filter(id=story.id).exists()
