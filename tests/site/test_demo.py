"""The demo content: complete, translated, and idempotent."""

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail_localize.models import StringTranslation, Translation

from agencies.models import AgencyPage
from core.collaboration import CollaborationKind
from core.models import Sector
from editions.models import EditionPage
from stories.models import StoryPage

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "sectors": Sector.objects.count(),
        "translations": Translation.objects.count(),
        "strings": StringTranslation.objects.count(),
    }


def test_running_the_demo_twice_changes_nothing(capsys):
    before = snapshot()
    call_command("load_demo", "--without-directory")
    assert snapshot() == before
    assert "nothing changed" in capsys.readouterr().out


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_demo_has_the_network_in_every_language(language):
    assert AgencyPage.objects.live().filter(locale__language_code=language).count() == 6
    assert Sector.objects.filter(locale__language_code=language).count() == 7
    editions = EditionPage.objects.live().filter(locale__language_code=language)
    assert editions.count() >= 4
    assert any(e.is_upcoming for e in editions)
    seasons = {e.start.month <= 6 for e in editions if not e.is_upcoming}
    assert seasons == {True, False}  # spring and autumn
    assert {e.start.year for e in editions} >= {2024, 2025, 2026}
    assert StoryPage.objects.live().filter(locale__language_code=language).count() >= 12


def test_demo_stories_cover_every_kind_of_collaboration():
    kinds = set(StoryPage.objects.filter(locale__language_code="fr").values_list("kind", flat=True))
    assert kinds == set(CollaborationKind.values)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_translations_are_really_translated(language):
    for fr_story in StoryPage.objects.filter(locale__language_code="fr"):
        other = fr_story.get_translations().get(locale__language_code=language)
        assert other.title != fr_story.title
        assert other.summary != fr_story.summary
        assert other.live


def test_demo_translations_are_managed_by_wagtail_localize():
    story = StoryPage.objects.filter(locale__language_code="fr").first()
    translations = Translation.objects.filter(source__object_id=story.translation_key)
    assert {t.target_locale.language_code for t in translations} == {"nl", "en"}


def test_demo_images_are_local_files():
    for image in get_image_model().objects.all():
        assert image.file.storage.exists(image.file.name)
        assert image.default_alt_text


def test_the_demo_directory_has_fictional_people_a_merge_by_email_and_a_duplicate_to_review():
    from passerelles.demo.directory import load_demo_directory
    from people.models import Person, PossibleDuplicate
    from search.query import SearchQuery
    from search.service import search

    assert load_demo_directory() > 0
    helene = Person.objects.get(email="helene.lefevre@demo.example")
    assert set(helene.source_records.values_list("agency", flat=True)) == {
        "wbmusiques",
        "wbarchitectures",
    }
    assert PossibleDuplicate.objects.filter(status="open").count() == 1
    assert search(SearchQuery(text="lefevr")).hits[0].title == "Hélène Lefèvre"
    assert load_demo_directory() == 0  # idempotent
    assert all(p.email.endswith("demo.example") for p in Person.objects.all())
