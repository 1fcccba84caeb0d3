"""The Elasticsearch path: versioned indexes behind an alias, and life with the engine down."""

import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from people.contact import Contact
from people.sources import apply_contacts
from search import engine
from search.models import SearchEntry
from search.query import SearchQuery
from search.service import search

pytestmark = pytest.mark.django_db


def test_rebuild_swaps_the_alias_to_a_new_index_and_search_answers_throughout(
    es, directory, monkeypatch
):
    from search import elastic

    first = list(es.indices.get_alias(name=engine.alias()))
    answers_during_rebuild = []
    original = elastic._create_index

    def create_and_search(client, name):
        original(client, name)
        # The new index exists but is empty: search still answers from the old one.
        answers_during_rebuild.append(search(SearchQuery(text="lefevre")).total)

    monkeypatch.setattr(elastic, "_create_index", create_and_search)
    call_command("search_index", "rebuild")
    second = list(es.indices.get_alias(name=engine.alias()))
    assert answers_during_rebuild and answers_during_rebuild[0] >= 1
    assert second != first and len(second) == 1
    assert not es.indices.exists(index=first[0])
    assert search(SearchQuery(text="lefevre")).backend == "elasticsearch"


def test_with_the_engine_down_saves_succeed_search_falls_back_and_updates_replay(
    es, directory, settings, django_capture_on_commit_callbacks, capsys
):
    url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        apply_contacts(
            "wbimages",
            "crm",
            [Contact("z", timezone.now(), "Zacharie", "Noiret", ["zacharie@example.org"])],
        )
    assert SearchEntry.objects.filter(title="Zacharie Noiret", engine_pending=True).exists()
    result = search(SearchQuery(text="noiret"))
    assert result.fallback and result.backend == "database"
    assert "unavailable" in result.message or "indisponible" in result.message
    assert [h.title for h in result.hits] == ["Zacharie Noiret"]

    settings.ELASTICSEARCH_URL = url  # the engine is back
    call_command("search_index", "update")
    assert not SearchEntry.objects.filter(engine_pending=True).exists()
    result = search(SearchQuery(text="noiret"))
    assert result.backend == "elasticsearch" and not result.fallback
    assert [h.title for h in result.hits] == ["Zacharie Noiret"]
    capsys.readouterr()
    call_command("search_index", "status", "--json")
    report = json.loads(capsys.readouterr().out)
    assert (
        report["engine"]["documents"] == report["people"]["entries"] + report["projects"]["entries"]
    )
    assert report["pending_for_engine"] == 0


def test_what_changes_while_the_new_index_fills_is_in_it_after_the_swap(es, directory, monkeypatch):
    from people.models import Person, Project
    from search import elastic
    from search.indexing import refresh

    helene = Person.objects.get(last_name="Lefèvre")
    project = Project.objects.get(title__startswith="Podcast")
    original = elastic._source
    changed = []

    def source_then_change(entry):
        if not changed:  # the new index is being filled: a sync page commits
            Person.objects.filter(pk=helene.pk).update(first_name="Héloïse")
            refresh("person", [helene.pk])
            project_id = project.pk
            project.delete()
            refresh("project", [project_id])
            changed.append(True)
        return original(entry)

    monkeypatch.setattr(elastic, "_source", source_then_change)
    call_command("search_index", "rebuild")
    assert search(SearchQuery(text="heloise lefevre")).backend == "elasticsearch"
    assert "Héloïse Lefèvre" in [h.title for h in search(SearchQuery(text="heloise")).hits]
    assert search(SearchQuery(text="podcast", kind="project")).total == 0
    assert not SearchEntry.objects.filter(engine_pending=True).exists()


def test_after_a_failure_searches_go_straight_to_the_database_for_a_while(
    es, directory, settings, monkeypatch
):
    from search import elastic

    calls = []
    real = elastic.search

    def counted(client, alias, query):
        calls.append(query)
        return real(client, alias, query)

    monkeypatch.setattr(elastic, "search", counted)
    url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    cache.delete(engine._down_key())  # whatever an earlier test left
    first, second = search(SearchQuery(text="lefevre")), search(SearchQuery(text="lefevre"))
    assert first.fallback and second.fallback
    assert second.total == first.total >= 1
    assert len(calls) == 1  # the second search did not wait on the engine again
    settings.ELASTICSEARCH_URL = url  # the engine is back: it is asked again at once
    assert search(SearchQuery(text="lefevre")).backend == "elasticsearch"
