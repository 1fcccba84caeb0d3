"""Story cards are cached, yet a visitor always sees the story as it is now.

A card's HTML is kept in Django's cache under a key made of what it shows
(`story_card_key`): each test renders a list once so the card is cached, makes
the change an editor would make, and checks the very next visitor sees it.
"""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from passerelles.demo.images import get_or_create_image
from stories.models import StoryIndexPage

from .factories import SectorFactory, StoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(locales) -> StoryIndexPage:
    return StoryIndexPage.objects.get(locale=locales["fr"])


def card_image_urls(html: str, image) -> set[str]:
    """The rendition URLs of `image` in a page (its card's `srcset`s)."""
    return {r.url for r in image.renditions.all() if r.url in html}


def test_a_published_title_shows_on_the_index_at_once(client, index):
    story = StoryFactory(parent=index, title="Un premier titre")
    assert "Un premier titre" in client.get(index.get_url()).content.decode()
    story.title = "Un titre corrigé"
    story.save_revision().publish()
    html = client.get(index.get_url()).content.decode()
    assert "Un titre corrigé" in html
    assert "Un premier titre" not in html


def test_a_new_image_shows_its_renditions_at_once(client, index):
    first = get_or_create_image("Card cache first", "1", "#224466", size=(600, 400))
    second = get_or_create_image("Card cache second", "2", "#664422", size=(600, 400))
    story = StoryFactory(parent=index, hero_image=first)
    assert card_image_urls(client.get(index.get_url()).content.decode(), first)
    story.hero_image = second
    story.save_revision().publish()
    html = client.get(index.get_url()).content.decode()
    assert card_image_urls(html, second)
    assert not card_image_urls(html, first)


def test_a_moved_focal_point_shows_the_new_crops_at_once(client, index):
    image = get_or_create_image("Card cache focal", "F", "#446622", size=(600, 400))
    StoryFactory(parent=index, hero_image=image)
    before = card_image_urls(client.get(index.get_url()).content.decode(), image)
    image.focal_point_x, image.focal_point_y = 100, 100
    image.focal_point_width, image.focal_point_height = 50, 50
    image.save()
    after = card_image_urls(client.get(index.get_url()).content.decode(), image)
    # `fill` crops around the focal point: new rendition files, none of the old crops.
    assert after
    assert not after & before


def test_a_renamed_sector_shows_on_the_cards_at_once(client, index):
    sector = SectorFactory(name="Lutherie")
    StoryFactory(parent=index, sectors=[sector])
    badge = f'<li class="tag sector-{sector.slug}">{{}}</li>'
    assert badge.format("Lutherie") in client.get(index.get_url()).content.decode()
    sector.name = "Lutherie et facture"
    sector.save()
    html = client.get(index.get_url()).content.decode()
    assert badge.format("Lutherie et facture") in html
    assert badge.format("Lutherie") not in html


def test_a_card_is_in_the_language_of_the_page_showing_it(rf, index):
    """The same story shown in two languages (e.g. a French story standing in on the
    Dutch site) gets its labels in each page's language, not the first one cached."""
    story = StoryFactory(parent=index, kind="commission")
    request = rf.get("/")
    cards = {}
    for language in ("fr", "nl", "en"):
        with translation.override(language):
            cards[language] = render_to_string(
                "includes/story_card.html", {"story": story, "request": request}
            )
    assert "Commande" in cards["fr"]
    assert "Opdracht" in cards["nl"]
    assert "Commission" in cards["en"]
