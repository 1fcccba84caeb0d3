"""The public site search on the Elasticsearch path (osmem-server here, or the
cluster of ELASTICSEARCH_URL): pages of one language, accents and unfinished
words forgiven, and nothing of the people directory in its indexes."""

import uuid

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from elasticsearch import Elasticsearch

from people.models import Person

pytestmark = pytest.mark.django_db

SEARCH = {"fr": "/fr/recherche/", "nl": "/nl/zoeken/", "en": "/en/search/"}


@pytest.fixture
def pages_engine(settings, engine_url):
    """The pages indexed in the engine under a test prefix, as with ELASTICSEARCH_URL set."""
    prefix = f"test-{uuid.uuid4().hex[:10]}-pages-"
    settings.WAGTAILSEARCH_BACKENDS = {
        **settings.WAGTAILSEARCH_BACKENDS,
        "elasticsearch": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [engine_url],
            "INDEX_PREFIX": prefix,
            "TIMEOUT": 5,
            "INDEX_SETTINGS": settings.PAGES_INDEX_SETTINGS,
        },
    }
    settings.PUBLIC_SEARCH_BACKEND = "elasticsearch"
    call_command("update_index", backend_name="elasticsearch", verbosity=0)
    client = Elasticsearch(engine_url)
    yield client, prefix
    for name in client.indices.get(index=f"{prefix}*"):
        client.indices.delete(index=name)


def titles(client, language: str, query: str) -> list[tuple[str, str]]:
    response = client.get(SEARCH[language], {"q": query})
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [(a.get_text(strip=True), a["href"]) for a in html.select("li.search-result h3 a")]


def test_engine_finds_pages_of_the_visitors_language_only(client, pages_engine):
    french = titles(client, "fr", "théâtre")
    assert "Un texte de théâtre écrit pour l'oreille" in [t for t, _ in french]
    assert all(href.startswith("/fr/") for _, href in french)
    dutch = titles(client, "nl", "WBArchitectures")
    assert dutch and all(href.startswith("/nl/") for _, href in dutch)


def test_engine_forgives_an_unfinished_unaccented_word(client, pages_engine):
    found = [t for t, _ in titles(client, "fr", "theatr")]
    assert "Un texte de théâtre écrit pour l'oreille" in found


def test_engine_indexes_hold_no_directory_data(client, pages_engine):
    engine, prefix = pages_engine
    Person.objects.create(first_name="Zéphyrine", last_name="Quartenbosch", email="zq@demo.example")
    call_command("update_index", backend_name="elasticsearch", verbosity=0)
    assert titles(client, "fr", "Quartenbosch") == []
    names = list(engine.indices.get(index=f"{prefix}*"))
    assert names and not [n for n in names if "people" in n or "person" in n]
