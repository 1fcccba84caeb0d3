"""Page tree rules and model validation."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from agencies.models import AgencyIndexPage, AgencyPage
from editions.models import EditionIndexPage, EditionPage
from home.models import HomePage
from outcomes.models import ImpactPage
from stories.models import StoryIndexPage, StoryPage

pytestmark = pytest.mark.django_db

ALLOWED = {
    HomePage: {AgencyIndexPage, EditionIndexPage, StoryIndexPage, ImpactPage},
    AgencyIndexPage: {AgencyPage},
    EditionIndexPage: {EditionPage},
    StoryIndexPage: {StoryPage},
    AgencyPage: set(),
    EditionPage: set(),
    StoryPage: set(),
    ImpactPage: set(),
}


@pytest.mark.parametrize("parent", list(ALLOWED))
def test_each_page_type_accepts_only_its_children(parent):
    assert set(parent.allowed_subpage_models()) == ALLOWED[parent]


def test_an_edition_can_only_be_created_under_the_editions_index():
    home = HomePage.objects.get(locale__language_code="fr")
    editions = EditionIndexPage.objects.get(locale__language_code="fr")
    stories = StoryIndexPage.objects.get(locale__language_code="fr")
    assert EditionPage.can_create_at(editions)
    assert not EditionPage.can_create_at(home)
    assert not EditionPage.can_create_at(stories)


def test_a_second_editions_index_cannot_be_added_to_a_home_page():
    home = HomePage.objects.get(locale__language_code="fr")
    assert not EditionIndexPage.can_create_at(home)


def test_an_edition_that_ends_before_it_starts_is_refused():
    start = timezone.now()
    edition = EditionPage(title="x", slug="x", introduction="x", start=start)
    edition.end = start - dt.timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        edition.clean()
    assert "end" in error.value.message_dict


def test_a_capacity_of_zero_is_refused():
    edition = EditionPage(title="x", slug="x", introduction="x", start=timezone.now(), capacity=0)
    with pytest.raises(ValidationError) as error:
        edition.clean()
    assert "capacity" in error.value.message_dict


def test_a_story_with_two_sectors_is_cross_sector(locales):
    from core.models import Sector

    story = StoryPage.objects.filter(locale=locales["fr"]).first()
    story.sectors.set(Sector.objects.filter(locale=locales["fr"])[:2])
    assert story.is_cross_sector
    story.sectors.set(Sector.objects.filter(locale=locales["fr"])[:1])
    assert not story.is_cross_sector


def test_every_editor_field_has_help_text():
    from core.models import Sector
    from editions.models import Venue

    own_fields = {
        "title",
        "slug",
        "seo_title",
        "search_description",
        "show_in_menus",
        "locale",
        "translation_key",
        "sort_order",
    }
    for model in [*ALLOWED, Sector, Venue]:
        for field in model._meta.get_fields():
            if field.model is not model or not getattr(field, "editable", False):
                continue
            if field.auto_created or field.name in own_fields or field.name.endswith("_ptr"):
                continue
            assert field.help_text, f"{model.__name__}.{field.name} has no help_text"


def test_every_model_has_a_docstring():
    from core.models import Sector
    from editions.models import Venue

    for model in [*ALLOWED, Sector, Venue]:
        assert model.__doc__ and not model.__doc__.startswith(model.__name__ + "(")
