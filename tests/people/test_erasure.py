"""Erasure scrubs every copy the project controls (trust #5).

The admin's log (Reports → Site history), the audit trail's queries, the
search index on both backends (people and the projects that list them), task
results, prepared export files and the CRM mirror's record errors.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from crm_sync.models import Connection, RecordError, SyncRun
from people import audit
from people.contact import Contact
from people.erasure import erase_person
from people.models import AuditEvent, Person, Project
from people.sources import apply_contacts

pytestmark = pytest.mark.django_db

NAME = "Zoë Geheim-Persoon"


def names_in(text: str) -> bool:
    return any(s in text for s in ("Zoë", "Geheim", "zoe@example.org", "zoe.g@"))


@pytest.fixture
def zoe():
    apply_contacts(
        "wbmusiques",
        "crm",
        [Contact("z-1", timezone.now(), "Zoë", "Geheim-Persoon", ["zoe@example.org"])],
    )
    apply_contacts(
        "wbimages",
        "crm",
        [
            Contact(
                "77",
                timezone.now(),
                "Zoë",
                "Geheim-Persoon",
                ["zoe.g@example.org", "zoe@example.org"],
            )
        ],
    )
    apply_contacts(
        "wbimages",
        "crm",
        [Contact("78", timezone.now(), "Other", "Person", ["other@example.org"])],
    )
    return Person.objects.get(emails__email="zoe@example.org")


def test_erasure_scrubs_the_admin_history(admin_client, zoe):
    # Staff edit her notes in the admin: Wagtail logs the edit under her name.
    admin_client.post(
        reverse("people:edit", args=[zoe.pk]), {"notes": "Vue au printemps."}, follow=True
    )
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Person), object_id=str(zoe.pk)
    )
    assert entries.exists() and names_in(entries.first().label)
    admin_client.post(reverse("people:erase", args=[zoe.pk]), {"confirm": "erase"})
    assert entries.exists()  # the entry stays (who changed what, when) …
    assert not any(names_in(e.label) or names_in(str(e.data)) for e in entries)  # … nameless
    history = admin_client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert not names_in(history)
    assert f"#{zoe.pk}" in history


def test_erasure_blanks_searches_that_named_the_person_but_keeps_who_searched(
    admin_user, zoe, staff_client
):
    audit.record_search(admin_user, "zoe geheim")
    audit.record(admin_user, audit.Action.SEARCH, query="ZOE.G@example.org")
    audit.record(admin_user, audit.Action.SEARCH, query="other person")
    erase_person(zoe, admin_user)
    queries = sorted(AuditEvent.objects.filter(action="search").values_list("query", flat=True))
    assert queries == ["[erased]", "[erased]", "other person"]


def test_erasure_removes_the_crm_mirrors_record_errors_about_the_person(zoe):
    connection = Connection.objects.create(
        agency="wbimages", kind="tryton", url="http://127.0.0.1:1", secret_env="WBI_SECRET"
    )
    run = SyncRun.objects.create(connection=connection, until=timezone.now())
    RecordError.objects.create(run=run, source_id="77", message="Phone refused: 'abc'")
    RecordError.objects.create(
        run=run, source_id="999", message="Rejected: 'zoe@example.org' has no name"
    )
    RecordError.objects.create(run=run, source_id="78", message="Phone refused: 'xyz'")
    erase_person(zoe)
    assert list(RecordError.objects.values_list("source_id", flat=True)) == ["78"]


def test_erasure_removes_task_results_that_quote_the_person(zoe):
    from django_tasks_db.models import DBTaskResult

    def result(**fields):
        return DBTaskResult.objects.create(
            task_path="crm_sync.tasks.run_sync",
            args_kwargs={"args": [1], "kwargs": {}},
            backend_name="sync",
            queue_name="crm_sync",
            run_after=timezone.now(),
            finished_at=timezone.now(),
            status="FAILED",
            exception_class_path="ValueError",
            **fields,
        )

    quoting = result(traceback="ValueError: bad record zoe.g@example.org")
    other = result(traceback="ValueError: bad record other@example.org")
    erase_person(zoe)
    assert not DBTaskResult.objects.filter(pk=quoting.pk).exists()
    assert DBTaskResult.objects.filter(pk=other.pk).exists()


@pytest.fixture(params=["database", "elasticsearch"])
def search_backend(request, settings):
    """The search index on each backend (osmem-server stands in for Elasticsearch)."""
    if request.param == "database":
        settings.ELASTICSEARCH_URL = ""
        yield request.param
        return
    import uuid

    from osmem_server import OsmemServer

    from tests.search.es_shim import CompatShim

    server = OsmemServer.start(japanese=False, addr="127.0.0.1:0")
    shim = CompatShim(server.url).start()
    settings.ELASTICSEARCH_URL = shim.url
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    yield request.param
    shim.stop()
    server.close()


def test_erasure_removes_the_person_from_the_search_index(
    zoe, search_backend, django_capture_on_commit_callbacks
):
    from search import engine
    from search.indexing import rebuild_entries
    from search.models import SearchEntry
    from search.query import SearchQuery
    from search.service import search

    project = Project.objects.create(title="Une scénographie partagée")
    other = Person.objects.get(email="other@example.org")
    project.participants.set([zoe, other])
    rebuild_entries()
    if engine.is_configured():
        from search.indexing import rebuild_engine_index

        rebuild_engine_index()

    def found(text):
        result = search(SearchQuery(text=text))
        assert not result.fallback, result.message  # answered by the backend under test
        return [(h.title, f"{h.subtitle} {h.highlights}") for h in result.hits]

    assert any("Zoë" in title for title, _ in found("geheim persoon"))
    with django_capture_on_commit_callbacks(execute=True):
        erase_person(zoe)
    assert not any(names_in(title + fields) for title, fields in found("geheim persoon"))
    assert found("scenographie partagee")  # the project is still there …
    entries = SearchEntry.objects.all()
    assert not any(names_in(f"{e.title} {e.fields} {e.name_terms} {e.text_terms}") for e in entries)
    assert not any("geheim" in f"{e.name_terms} {e.text_terms}" for e in entries)
    if engine.is_configured():
        engine.client().indices.refresh(index=engine.alias())
        hits = engine.client().search(index=engine.alias(), query={"match_all": {}}, size=100)
        assert not names_in(str(hits["hits"]["hits"]))
