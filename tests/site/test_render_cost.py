"""What a visitor's request costs the server: no image encoding, a bounded number of queries.

Renditions are made when an image is saved (a background task) and by
`load_demo`, never by the first visitor of a page; the frame of every page
(navigation, language switcher, alternates, share metadata, breadcrumbs)
reads the page tree once, so no page type costs more queries than it did
before the public site's redesign (main at f8a0401, see docs/benchmarks.md).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.models import Page

from passerelles.demo.images import get_or_create_image, get_or_create_story_image
from passerelles.renditions import (
    RASTER_SPECS,
    SVG_SPECS,
    prepare_demo_renditions,
    public_specs,
)
from stories.models import StoryIndexPage

from .factories import StoryFactory

pytestmark = pytest.mark.django_db

IMMEDIATE = "django_tasks.backends.immediate.ImmediateBackend"
# Queries of each page type's first live page in French on main at f8a0401
# (bench/render_bench.py on the demo): the redesign must not cost more.
QUERY_BUDGET = {
    "homepage": 18,
    "agencyindexpage": 15,
    "agencypage": 25,
    "editionindexpage": 16,
    "editionpage": 30,
    "storyindexpage": 21,
    "storypage": 24,
    "impactpage": 28,
}


@pytest.fixture
def immediate_renditions(settings):
    """Run the rendition task at once (the test settings otherwise only record it).

    Wagtail's rendition cache outlives each test's rolled-back transaction: emptied
    first, so that renditions other tests made (and rolled back) are not found there.
    """
    get_image_model().get_rendition_model().cache_backend.clear()
    settings.TASKS = {
        **settings.TASKS,
        "renditions": {"BACKEND": IMMEDIATE, "QUEUES": ["renditions"]},
    }


def renditions() -> int:
    return get_image_model().get_rendition_model().objects.count()


def first_pages(language: str = "fr") -> dict[str, Page]:
    pages: dict[str, Page] = {}
    for page in (
        Page.objects.live()
        .filter(locale__language_code=language)
        .select_related("content_type")
        .order_by("path")
    ):
        pages.setdefault(page.content_type.model, page)
    return {model: pages[model] for model in QUERY_BUDGET}


def test_no_page_encodes_an_image_after_load_demo_prepared_them(client, immediate_renditions):
    prepare_demo_renditions()
    for model, page in first_pages().items():
        before = renditions()
        response = client.get(page.get_url())
        assert response.status_code == 200, model
        assert renditions() == before, f"{model} made renditions during the request"


def test_a_saved_image_has_its_renditions_before_a_story_shows_it(
    client, locales, immediate_renditions, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        image = get_or_create_story_image("render-cost", ["music", "design"], "Deux mains")
    specs = {r.filter_spec for r in image.renditions.all()}
    assert specs >= {s for s in RASTER_SPECS if "preserve-svg" not in s}
    story = StoryFactory(
        parent=StoryIndexPage.objects.get(locale=locales["fr"]),
        slug="render-cost",
        hero_image=image,
    )
    before = image.renditions.count()
    for page in (story, story.get_parent()):  # its page and its card
        assert client.get(page.get_url()).status_code == 200
    assert image.renditions.count() == before


def test_moving_the_focal_point_prepares_the_new_crops(
    locales, immediate_renditions, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        image = get_or_create_image("Focal point moved", "F", "#224466", size=(600, 400))
    first = image.renditions.count()
    with django_capture_on_commit_callbacks(execute=True):
        image.focal_point_x, image.focal_point_y = 100, 100
        image.focal_point_width, image.focal_point_height = 50, 50
        image.save()
    # The crops (`fill-…`) depend on the focal point: a new set of them, made now.
    assert image.renditions.count() > first


def test_a_save_that_touches_no_picture_field_queues_no_renditions(
    locales, django_capture_on_commit_callbacks
):
    image = get_or_create_image("Only renamed", "R", "#446622", size=(600, 400))
    with django_capture_on_commit_callbacks() as queued:
        image.title = "Renamed"
        image.save(update_fields=["title"])
        image.save(update_fields=["file_hash"])
    assert queued == []
    with django_capture_on_commit_callbacks() as queued:
        image.save(update_fields=["focal_point_x"])
    assert len(queued) == 1


def test_an_svg_is_only_asked_for_svg_renditions():
    from passerelles.demo.images import get_or_create_agency_logo

    logo = get_or_create_agency_logo("render-svg", "Render SVG", "RS", ["music"])
    assert public_specs(logo) == SVG_SPECS


@pytest.mark.parametrize("model", sorted(QUERY_BUDGET))
def test_no_page_type_costs_more_queries_than_before_the_redesign(client, model):
    page = first_pages()[model]
    client.get(page.get_url())  # warm: site root paths, content types
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.get_url())
    assert response.status_code == 200
    assert len(queries) <= QUERY_BUDGET[model]
