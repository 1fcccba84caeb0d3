"""The language switcher and localized error pages."""

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory, override_settings

from core.views import server_error
from editions.models import EditionPage
from home.models import HomePage
from stories.models import StoryIndexPage, StoryPage

from .factories import StoryFactory

pytestmark = pytest.mark.django_db


def switcher_links(response) -> dict[str, dict]:
    html = BeautifulSoup(response.content, "html.parser")
    nav = html.find("nav", class_="language-switcher")
    links = {}
    for item in nav.find_all(["a", "span"]):
        links[item["lang"]] = {"href": item.get("href"), "fallback": item.get("data-fallback")}
    return links


def test_switcher_leads_to_the_same_page_in_the_other_languages(client):
    edition = EditionPage.objects.filter(locale__language_code="fr").first()
    links = switcher_links(client.get(edition.get_url()))
    assert links["fr"]["href"] is None  # the current language is not a link
    for language in ["nl", "en"]:
        translation = edition.get_translations().get(locale__language_code=language)
        assert links[language]["href"] == translation.get_url()
        assert links[language]["fallback"] is None


def test_switcher_falls_back_to_home_when_a_page_is_not_translated(client, locales):
    index = StoryIndexPage.objects.get(locale=locales["fr"])
    story = StoryFactory(parent=index, title="Seulement en français", slug="seulement-fr")
    links = switcher_links(client.get(story.get_url()))
    home_nl = HomePage.objects.get(locale=locales["nl"])
    assert links["nl"]["href"] == home_nl.get_url()
    assert links["nl"]["fallback"] == "home"


def test_untranslated_page_is_not_served_in_french_under_another_language(client, locales):
    index = StoryIndexPage.objects.get(locale=locales["fr"])
    story = StoryFactory(parent=index, title="Seulement en français", slug="seulement-fr")
    assert client.get(story.get_url()).status_code == 200
    assert (
        client.get(f"/nl/{index.get_translation(locales['nl']).slug}/seulement-fr/").status_code
        == 404
    )


@pytest.mark.parametrize(
    ("language", "text"),
    [("fr", "Page introuvable"), ("nl", "Pagina niet gevonden"), ("en", "Page not found")],
)
def test_404_page_is_localized(client, language, text):
    response = client.get(f"/{language}/this-page-does-not-exist/")
    assert response.status_code == 404
    html = BeautifulSoup(response.content, "html.parser")
    assert html.html["lang"] == language
    assert text in html.get_text()


@pytest.mark.parametrize(
    ("language", "text"),
    [("fr", "Erreur du serveur"), ("nl", "Serverfout"), ("en", "Server error")],
)
def test_500_page_is_localized_and_needs_no_database(language, text, django_assert_num_queries):
    request = RequestFactory().get(f"/{language}/some/page/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    body = response.content.decode()
    assert f'lang="{language}"' in body
    assert text in body


@override_settings(DEBUG=False)
def test_a_crashing_view_returns_the_localized_500_page(client, monkeypatch):
    client.raise_request_exception = False

    def explode(self, request, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(StoryPage, "serve", explode)
    story = StoryPage.objects.filter(locale__language_code="nl").first()
    response = client.get(story.get_url())
    assert response.status_code == 500
    assert "Serverfout" in response.content.decode()


def test_alternate_links_use_the_requests_host_not_the_site_records(client):
    story = StoryPage.objects.filter(locale__language_code="fr").first()
    html = client.get(story.get_url(), HTTP_HOST="passerelles.example").content.decode()
    assert 'hreflang="nl" href="http://passerelles.example/nl/' in html
    assert "http://localhost" not in html


def test_story_image_alternative_text_is_in_the_pages_language(client):
    story = StoryPage.objects.filter(locale__language_code="nl").exclude(hero_image=None).first()
    html = BeautifulSoup(client.get(story.get_url()).content, "html.parser")
    alt = html.find("img", class_="hero")["alt"]
    assert alt == story.hero_image_alt
    french = story.get_translations().get(locale__language_code="fr")
    assert alt != french.hero_image_alt
