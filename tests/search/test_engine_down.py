"""Erasure and deletion while the engine is unreachable (trust, issue 8): replayed when it
comes back, and results never show someone who is no longer in the directory."""

import uuid

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from people.erasure import erase_person
from people.models import Person
from search import engine
from search.models import PendingDeletion, SearchEntry
from search.query import SearchQuery
from search.service import search, suggest

pytestmark = pytest.mark.django_db


class Engine:
    """osmem-server behind the compatibility shim, whose port can go dark and come back."""

    def __init__(self) -> None:
        from osmem_server import OsmemServer

        from .es_shim import CompatShim

        self._shim_class = CompatShim
        self.server = OsmemServer.start(japanese=False, addr="127.0.0.1:0")
        self.shim = CompatShim(self.server.url).start()
        self.url = self.shim.url
        self.port = self.shim.server.server_address[1]

    def stop(self) -> None:
        """The engine becomes unreachable (connection refused), its data kept."""
        self.shim.stop()
        # The shim's handler threads keep serving connections already open (keep-alive):
        # a fresh client stands for connections the dead engine dropped.
        engine._client.cache_clear()
        cache.clear()

    def start(self) -> None:
        """The engine answers again at the same address."""
        self.shim = self._shim_class(self.server.url, port=self.port).start()
        engine._client.cache_clear()
        cache.clear()  # forget the "recently down" mark, as 30 s later

    def close(self) -> None:
        self.shim.stop()
        self.server.close()


@pytest.fixture
def flaky_engine(settings):
    running = Engine()
    settings.ELASTICSEARCH_URL = running.url
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    cache.clear()
    yield running
    running.close()


def engine_ids(kind: str = "person") -> set[int]:
    client = engine.client()
    client.indices.refresh(index=engine.alias())
    hits = client.search(index=engine.alias(), query={"term": {"kind": kind}}, size=100)
    return {hit["_source"]["object_id"] for hit in hits["hits"]["hits"]}


def titles(text: str) -> list[str]:
    return [h.title for h in search(SearchQuery(text=text)).hits]


def test_an_erasure_while_the_engine_is_down_reaches_it_when_it_comes_back(
    flaky_engine, directory, django_capture_on_commit_callbacks
):
    pieter = directory["D'Hondt"]
    assert pieter.pk in engine_ids()
    flaky_engine.stop()
    with django_capture_on_commit_callbacks(execute=True):
        erase_person(pieter)  # never fails because of the engine
    result = search(SearchQuery(text="hondt"))
    assert result.fallback and "Pieter D'Hondt" not in [h.title for h in result.hits]
    assert PendingDeletion.objects.filter(kind="person", object_id=pieter.pk).exists()

    flaky_engine.start()
    # Answered by the engine, which still holds her document: the hit is not shown.
    result = search(SearchQuery(text="hondt"))
    assert result.backend == "elasticsearch" and not result.fallback
    assert "Pieter D'Hondt" not in [h.title for h in result.hits]
    # The cron's `search_index update` replays the deletion.
    call_command("search_index", "update")
    assert pieter.pk not in engine_ids()
    assert not PendingDeletion.objects.exists()
    assert engine_ids() == {p.pk for p in Person.objects.all()}


def test_a_deletion_pending_for_the_engine_does_not_remove_someone_indexed_again(
    flaky_engine, directory, django_capture_on_commit_callbacks
):
    """A person made inactive while the engine was down, then active again."""
    jan = directory["Peeters"]
    flaky_engine.stop()
    with django_capture_on_commit_callbacks(execute=True):
        Person.objects.filter(pk=jan.pk).update(is_active=False)
        jan.refresh_from_db()
        jan.save()
    flaky_engine.start()
    with django_capture_on_commit_callbacks(execute=True):
        Person.objects.filter(pk=jan.pk).update(is_active=True)
        jan.refresh_from_db()
        jan.save()
    call_command("search_index", "update")
    assert jan.pk in engine_ids()
    assert "Jan Peeters" in titles("peeters")


def test_results_never_show_someone_no_longer_in_the_directory(
    backend, directory_reader, directory, django_capture_on_commit_callbacks
):
    """Deleted before the indexing task ran (the queue is late, the worker stopped)."""
    jan = directory["Peeters"]
    assert "Jan Peeters" in titles("peeters")
    before = search(SearchQuery(text="", filters={"edition": ["printemps-2025"]})).total
    with django_capture_on_commit_callbacks(execute=False):
        Person.objects.filter(pk=jan.pk).delete()  # its indexing task never runs
    assert "Jan Peeters" not in titles("peeters")
    after = search(SearchQuery(text="", filters={"edition": ["printemps-2025"]}))
    assert after.total == before - 1 and "Jan Peeters" not in [h.title for h in after.hits]
    assert "Jan Peeters" not in [s["title"] for s in suggest(SearchQuery(text="pee"))]
    page = directory_reader.get(reverse("people_search"), {"q": "peeters"}).content.decode()
    assert "Jan Peeters" not in page
    # The stale entry is removed on the way (and the engine's document, on that backend).
    assert not SearchEntry.objects.filter(kind="person", object_id=jan.pk).exists()
