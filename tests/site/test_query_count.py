"""The edition page costs a fixed number of queries, however much is linked to it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencies.models import AgencyPage
from editions.models import EditionIndexPage
from passerelles.demo.images import get_or_create_image
from stories.models import StoryIndexPage

from .factories import EditionFactory, StoryFactory

pytestmark = pytest.mark.django_db


def render_queries(client, page) -> int:
    client.get(page.get_url())  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.get_url())
    assert response.status_code == 200
    return len(queries)


def test_edition_page_queries_do_not_grow_with_stories_or_agencies(client, locales):
    fr = locales["fr"]
    editions = EditionIndexPage.objects.get(locale=fr)
    stories = StoryIndexPage.objects.get(locale=fr)
    agencies = list(AgencyPage.objects.filter(locale=fr))

    image = get_or_create_image("Query count", "Q", "#333333", size=(120, 80))
    small = EditionFactory(parent=editions, slug="small", host_agency=agencies[0])
    small.participating_agencies.set(agencies[:1])
    small.save_revision().publish()
    StoryFactory(parent=stories, origin_edition=small, agencies=agencies[:1], hero_image=image)

    large = EditionFactory(parent=editions, slug="large", host_agency=agencies[0])
    large.participating_agencies.set(agencies)
    large.save_revision().publish()
    for n in range(12):
        StoryFactory(
            parent=stories,
            origin_edition=large,
            agencies=agencies,
            slug=f"large-{n}",
            hero_image=get_or_create_image(f"Query count {n}", "Q", "#333333", size=(120, 80)),
        )

    assert render_queries(client, large) == render_queries(client, small)


def test_agency_cards_and_story_cards_cost_the_same_whatever_their_number(client, locales):
    """Logos, card pictures and sector badges are prefetched: one more card, no more queries."""
    from agencies.models import AgencyIndexPage
    from core.models import Sector
    from passerelles.demo.images import get_or_create_agency_logo, get_or_create_story_image

    fr = locales["fr"]
    agencies_index = AgencyIndexPage.objects.get(locale=fr)
    stories_index = StoryIndexPage.objects.get(locale=fr)
    before = (render_queries(client, agencies_index), render_queries(client, stories_index))

    extra = AgencyPage(
        title="WBTest",
        slug="wbtest",
        short_name="WBT",
        introduction="Une agence de test.",
        logo=get_or_create_agency_logo("wbtest", "WBTest", "WBT", ["music"]),
    )
    agencies_index.add_child(instance=extra)
    extra.save_revision().publish()
    sectors = list(Sector.objects.filter(locale=fr)[:3])
    for n in range(3):
        StoryFactory(
            parent=stories_index,
            slug=f"cards-{n}",
            sectors=sectors,
            hero_image=get_or_create_story_image(f"cards-{n}", [s.slug for s in sectors], "x"),
        )

    after = (render_queries(client, agencies_index), render_queries(client, stories_index))
    assert after == before
