"""Story listing filters, pagination and hostile query strings."""

import pytest

from core.models import Sector
from stories.models import STORIES_PER_PAGE, StoryIndexPage, StoryPage

from .factories import StoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(locales):
    return StoryIndexPage.objects.get(locale=locales["en"])


def listed(response) -> list[StoryPage]:
    return list(response.context["stories"])


def test_filter_by_sector_shows_only_that_sector(client, index):
    response = client.get(index.get_url(), {"sector": "music"})
    stories = listed(response)
    assert stories
    for story in stories:
        assert "music" in {s.slug for s in story.sectors.all()}
    total = StoryPage.objects.live().child_of(index).count()
    assert len(stories) < total


def test_filter_by_kind_and_edition_combine(client, index):
    story = StoryPage.objects.live().child_of(index).select_related("origin_edition").first()
    edition = story.origin_edition.get_translation(index.locale)
    response = client.get(index.get_url(), {"kind": story.kind, "edition": edition.slug})
    stories = listed(response)
    assert story in stories
    for other in stories:
        assert other.kind == story.kind
        assert other.origin_edition.translation_key == edition.translation_key


def test_filters_are_kept_in_pagination_links(client, index, locales):
    music = Sector.objects.get(slug="music", locale=locales["fr"])
    for n in range(STORIES_PER_PAGE + 1):
        StoryFactory(parent=index, sectors=[music], slug=f"music-{n}")
    response = client.get(index.get_url(), {"sector": "music"})
    html = response.content.decode()
    assert 'href="?sector=music&amp;page=2"' in html
    page_two = client.get(index.get_url(), {"sector": "music", "page": "2"})
    assert page_two.context["page_obj"].number == 2


@pytest.mark.parametrize(
    "params",
    [
        {"sector": "no-such-sector"},
        {"kind": "<script>alert(1)</script>"},
        {"edition": "' OR 1=1 --"},
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
        {"page": "1e9"},
        {"sector": "x" * 5000},
        {"page": "1", "sector": ["music", "design"]},
        {"kind": "commission\u202e"},
    ],
)
def test_bad_parameters_give_a_normal_page(client, index, params):
    response = client.get(index.get_url(), params)
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_unknown_filter_value_gives_an_empty_list_with_a_message(client, index):
    response = client.get(index.get_url(), {"sector": "no-such-sector"})
    assert listed(response) == []
    assert "No story matches these filters." in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "99999", "0"])
def test_bad_page_number_shows_the_first_page(client, index, page):
    response = client.get(index.get_url(), {"page": page})
    assert response.context["page_obj"].number == 1


@pytest.mark.parametrize(
    "params", [{"page": "\x00"}, {"sector": "\x00"}, {"kind": "a\x00b"}, {"edition": "\x00"}]
)
def test_nul_bytes_are_refused_with_a_clear_error_not_a_crash(client, index, params):
    response = client.get(index.get_url(), params)
    assert response.status_code == 400
    assert "invalid characters" in response.content.decode()


def test_nul_byte_in_the_path_is_refused(client):
    assert client.get("/fr/%00/").status_code == 400
