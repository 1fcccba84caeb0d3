"""Changes reach the search entries after commit, through a task; the sweep catches the rest."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from people.contact import Contact
from people.models import Person
from people.sources import apply_contacts
from search.models import SearchEntry
from search.query import SearchQuery
from search.service import search

pytestmark = pytest.mark.django_db


def titles(text: str) -> list[str]:
    return [h.title for h in search(SearchQuery(text=text)).hits]


def test_a_synced_change_reaches_the_index_only_after_commit(
    directory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        apply_contacts(
            "wbmusiques",
            "crm",
            [Contact("1", timezone.now(), "Hélène", "Lefèvre-Dumont", ["helene@example.org"])],
        )
    assert "Hélène Lefèvre-Dumont" not in titles("dumont")  # not before the commit
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()  # the commit: the signal schedules the indexing task
    assert titles("dumont") == ["Hélène Lefèvre-Dumont"]


def test_a_staff_edit_is_indexed(directory, django_capture_on_commit_callbacks):
    person = Person.objects.get(email="jan@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        person.sectors.clear()
    entry = SearchEntry.objects.get(kind="person", object_id=person.id)
    assert entry.facets["sector"] == []


def test_a_bulk_update_without_signals_is_caught_by_the_sweep(directory):
    call_command("search_index", "update")
    Person.objects.filter(email="marie@example.org").update(
        job_title="Directrice artistique", updated_at=timezone.now()
    )
    assert titles("directrice") == []
    call_command("search_index", "update")
    assert titles("directrice") == ["Marie Dubois"]


def test_an_erased_person_leaves_the_index(directory, django_capture_on_commit_callbacks):
    from people.erasure import erase_person

    with django_capture_on_commit_callbacks(execute=True):
        erase_person(Person.objects.get(email="pieter@example.org"))
    assert "Pieter D'Hondt" not in titles("hondt")


def test_status_reports_counts_and_lag(directory, capsys):
    call_command("search_index", "status", "--json")
    import json

    report = json.loads(capsys.readouterr().out)
    assert report["backend"] == "database"
    assert report["people"] == {"database": 6, "entries": 6}
    assert report["projects"] == {"database": 2, "entries": 2}


def test_publishing_a_linked_story_reaches_the_project(
    directory, locales, django_capture_on_commit_callbacks
):
    from people.models import Project
    from stories.models import StoryPage

    story = StoryPage.objects.filter(locale=locales["fr"]).first()
    project = Project.objects.get(title="Podcast sur le design")
    with django_capture_on_commit_callbacks(execute=True):
        project.story = story
        project.save()
    entry = SearchEntry.objects.get(kind="project", object_id=project.id)
    assert entry.fields["story"] == story.title
    with django_capture_on_commit_callbacks(execute=True):
        story.unpublish()
    entry.refresh_from_db()
    assert entry.fields["story"] == ""


def test_a_deleted_project_leaves_its_participants_entries(
    directory, django_capture_on_commit_callbacks
):
    from people.models import Project

    project = Project.objects.get(title__startswith="Théâtre et architecture")
    participant = project.participants.get(last_name="D'Hondt")
    assert "Pieter D'Hondt" in titles("scenographie partagee")  # found through the project
    with django_capture_on_commit_callbacks(execute=True):
        project.delete()
    assert titles("scenographie partagee") == []
    assert SearchEntry.objects.filter(kind="person", object_id=participant.pk).exists()


def test_an_erased_person_is_no_longer_counted_in_totals_or_facets(
    directory, django_capture_on_commit_callbacks
):
    """Searches count and facet the narrow scan rows (migration 0006): an entry's row must
    leave with it, or totals and facet counts would still include the erased person."""
    from people.erasure import erase_person

    everyone = search(SearchQuery(per_page=100))
    assert everyone.total == SearchEntry.objects.count() == 8
    with django_capture_on_commit_callbacks(execute=True):
        erase_person(Person.objects.get(email="pieter@example.org"))
    for text in ("", "hondt", "regisseur"):
        result = search(SearchQuery(text=text, per_page=100))
        assert result.total == len(result.hits), text
        assert "Pieter D'Hondt" not in [h.title for h in result.hits]
        consent = sum(v.count for v in result.facets["consent"])
        assert consent == sum(h.kind == "person" for h in result.hits), text
    assert search(SearchQuery(per_page=100)).total == everyone.total - 1
