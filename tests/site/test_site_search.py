"""The public search page: the visitor's language only, accents and prefixes
forgiven, page type and date shown, and the staff-only directory unreachable."""

import re

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from editions.models import EditionPage
from people.models import Person
from stories.models import StoryPage
from tests.site.factories import StoryFactory

pytestmark = pytest.mark.django_db

SEARCH = {"fr": "/fr/recherche/", "nl": "/nl/zoeken/", "en": "/en/search/"}


def results(client, language: str, query: str) -> list[dict]:
    response = client.get(SEARCH[language], {"q": query})
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [
        {
            "title": item.select_one(".card-title a").get_text(strip=True),
            "href": item.select_one(".card-title a")["href"],
            "kind": item.select_one(".search-result-kind").get_text(strip=True),
            "date": item.find("time").get_text(strip=True) if item.find("time") else None,
        }
        for item in html.select("li.search-result")
    ]


@pytest.fixture
def story(locales):
    index = StoryPage.objects.live().filter(locale__language_code="fr").first().get_parent()
    return StoryFactory(
        parent=index,
        locale=locales["fr"],
        title="Une scénographie née au Théâtre de Liège",
        summary="Une décoratrice et un ébéniste montent ensemble le décor d'une création.",
    )


def test_accents_are_forgiven_both_ways(client, story):
    for query in ("theatre liege", "THÉÂTRE", "scenographie", "ebeniste decoratrice"):
        assert story.title in [r["title"] for r in results(client, "fr", query)], query


def test_the_demo_pages_are_found_in_each_language(client):
    for language, query in (("fr", "architectu"), ("nl", "architectu"), ("en", "architectu")):
        hits = results(client, language, query)
        assert hits and all(h["href"].startswith(f"/{language}/") for h in hits), language
    assert "WBArchitectures" in [h["title"] for h in results(client, "en", "wbarchitectures")]


def test_the_last_word_is_a_prefix(client, story):
    assert story.title in [r["title"] for r in results(client, "fr", "scénogr")]
    assert story.title in [r["title"] for r in results(client, "fr", "ébéniste déco")]


def test_only_the_visitors_language_is_searched(client, story):
    assert results(client, "fr", "scenographie")
    assert results(client, "nl", "scenographie") == []
    assert results(client, "en", "scenographie") == []
    for hit in results(client, "nl", "Passerelles"):
        assert hit["href"].startswith("/nl/")


def test_results_show_the_page_type_and_date(client):
    edition = EditionPage.objects.live().get(slug="autumn-2025", locale__language_code="en")
    hits = {r["title"]: r for r in results(client, "en", edition.title)}
    hit = hits[edition.title]
    assert hit["kind"] == "Edition"
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}", hit["date"]), hit["date"]
    story = StoryPage.objects.live().filter(locale__language_code="en").first()
    story_hit = {r["title"]: r for r in results(client, "en", story.title)}[story.title]
    assert story_hit["kind"] == "Story"
    assert story_hit["date"]


def test_the_directory_is_never_findable(client):
    person = Person.objects.create(
        first_name="Zéphyrine", last_name="Quartenbosch", email="zq@demo.example", city="Namur"
    )
    for language in ("fr", "nl", "en"):
        for query in ("Quartenbosch", "zephyrine", "zq@demo.example"):
            assert results(client, language, query) == [], (language, query)
    anonymous = [
        client.get(url).content.decode()
        for url in (
            "/sitemap.xml",
            "/fr/feeds/stories/",
            "/nl/feeds/stories/",
            "/en/calendar/editions.ics",
        )
    ]
    # The search page repeats the query it was given, and nothing else of it.
    page = BeautifulSoup(client.get("/fr/recherche/?q=Quartenbosch").content, "html.parser")
    assert page.select("li.search-result") == []
    anonymous.append(str(page.find("main").find("ol") or ""))
    for body in anonymous:
        assert person.last_name not in body and person.first_name not in body
        assert person.email not in body


def test_a_hostile_query_is_bounded_and_harmless(client):
    # (a NUL byte is refused earlier, with 400, by core.middleware)
    for query in ("a" * 10_000, "\x01\x7f théâtre", "' OR 1=1 --", "&|!:*()<>", "   ", "é" * 300):
        response = client.get(SEARCH["fr"], {"q": query})
        assert response.status_code == 200, query
    html = BeautifulSoup(client.get(SEARCH["fr"], {"q": "a" * 10_000}).content, "html.parser")
    assert len(html.find("input", id="site-search-q")["value"]) == 200


def test_search_pages_are_not_indexed_and_the_box_is_in_every_header(client):
    html = BeautifulSoup(client.get("/nl/").content, "html.parser")
    box = html.select_one("header form[role=search]")
    assert box["action"] == "/nl/zoeken/"
    assert box.find("input", type="search")["name"] == "q"
    results_page = BeautifulSoup(client.get("/nl/zoeken/?q=design").content, "html.parser")
    assert results_page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_switching_language_on_the_search_page_keeps_the_query(client):
    html = BeautifulSoup(client.get("/fr/recherche/?q=design").content, "html.parser")
    switcher = html.select_one("nav.language-switcher")
    links = {a["hreflang"]: a["href"] for a in switcher.find_all("a")}
    assert links == {"nl": "/nl/zoeken/?q=design", "en": "/en/search/?q=design"}


@override_settings(PUBLIC_SEARCH_BACKEND="unreachable")
def test_the_database_answers_when_the_engine_is_down(client, settings, story):
    settings.WAGTAILSEARCH_BACKENDS = {
        **settings.WAGTAILSEARCH_BACKENDS,
        "unreachable": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": ["http://127.0.0.1:9"],
            "TIMEOUT": 1,
        },
    }
    assert story.title in [r["title"] for r in results(client, "fr", "scenographie")]
