"""`search_index rebuild` prepares documents in child processes: same entries, clear failures.

These tests need committed rows (the children read on their own connections,
which cannot see a test's open transaction): they commit a small directory
themselves and delete it afterwards, outside pytest-django's transaction.
"""

import datetime as dt
import multiprocessing

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from core.models import Sector
from people.contact import Contact
from people.models import Organisation, Person, Project, SourceRecord
from people.sources import apply_contacts
from search import documents, indexing
from search.models import SearchEntry, SearchFacet, SearchTerm

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs fork"
)

FIRST = ["Hélène", "Søren", "Ólafur", "Jan", "Marie-Claire", "Pieter", "Zoë", "Ann"]
LAST = ["Lefèvre", "Van den Bossche", "D'Hondt", "Kjærgaard", "Crèvecœur", "Peeters", "O'Brien"]
JOBS = ["Sound designer", "Architecte d'intérieur", "Regisseur", "Styliste", "Fotograaf", ""]
CITIES = ["Liège", "Gent", "Antwerpen", "Bruxelles", "Mons", "Luik", ""]


def snapshot() -> dict:
    """Everything a rebuild writes that a search reads, by (kind, object id)."""
    entry = SearchEntry._meta.db_table
    with connection.cursor() as cursor:
        columns = ", ".join(indexing.CONTENT)
        cursor.execute(f"SELECT kind, object_id, {columns} FROM {entry} ORDER BY 1, 2")  # noqa: S608
        entries = cursor.fetchall()
        cursor.execute(
            "SELECT e.kind, e.object_id, s.kind, s.cross_sector, s.quality, s.sort_name, s.keys, "  # noqa: S608
            f"s.name_terms, s.vector::text, ARRAY(SELECT k.key FROM {indexing.KEYS} k "
            "WHERE k.id = ANY(s.facets) ORDER BY k.key) "
            f"FROM {indexing.SCAN} s JOIN {entry} e ON e.id = s.id ORDER BY 1, 2"
        )
        scans = cursor.fetchall()
    facets = sorted(
        SearchFacet.objects.values_list("entry__kind", "entry__object_id", "facet", "value")
    )
    terms = sorted(SearchTerm.objects.values_list("field", "term", "initial", "length"))
    return {"entries": entries, "scans": scans, "facets": facets, "terms": terms}


def clear_entries() -> None:
    SearchEntry.objects.all().delete()
    SearchTerm.objects.all().delete()


@pytest.fixture
def committed_directory(django_db_setup, django_db_blocker, monkeypatch):
    """About 120 people and 45 projects, committed, in batches of 20 (several per child)."""
    monkeypatch.setattr(indexing, "BATCH", 20)
    with django_db_blocker.unblock():
        assert not connection.in_atomic_block
        now = timezone.now()
        apply_contacts(
            "wbmusiques",
            "crm",
            [
                Contact(
                    f"rebuild-{n}",
                    now - dt.timedelta(days=n),
                    FIRST[n % len(FIRST)],
                    LAST[n % len(LAST)],
                    [f"person{n}@example.org"],
                    phones=[f"+32 470 11 22 {n % 100:02d}"] if n % 3 else [],
                    organisation=["Atelier Nord", "La Monnaie", ""][n % 3],
                    job_title=JOBS[n % len(JOBS)],
                    city=CITIES[n % len(CITIES)],
                    country=["Belgique", "Nederland", ""][n % 3],
                    consent=[True, False, None][n % 3],
                )
                for n in range(120)
            ],
        )
        people = list(Person.objects.order_by("id"))
        sectors = {
            s.slug: s for s in Sector.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        }
        slugs = sorted(sectors)
        for n, person in enumerate(people):
            person.sectors.set([sectors[s] for s in slugs[n % 3 : n % 3 + n % 4]])
        for n in range(45):
            project = Project.objects.create(
                title=f"Projet {n} : scénographie partagée",
                description="L'architecte et la metteuse en scène imaginent un décor.",
                kind="co_creation",
                stage="ongoing",
            )
            project.participants.set(people[n : n + 3])
            project.sectors.set([sectors[slugs[n % len(slugs)]]])
        yield people
        clear_entries()
        Project.objects.all().delete()
        SourceRecord.objects.all().delete()
        Person.objects.all().delete()
        Organisation.objects.all().delete()


def test_a_rebuild_prepared_in_child_processes_writes_what_the_serial_rebuild_writes(
    committed_directory, monkeypatch
):
    monkeypatch.setattr(indexing, "PREPARE_PROCESSES", 0)
    clear_entries()  # saving the directory indexed it (on commit)
    indexing.rebuild_entries()
    serial = snapshot()
    assert len(serial["entries"]) == 165
    clear_entries()

    monkeypatch.setattr(indexing, "PREPARE_PROCESSES", 2)
    assert indexing._may_overlap()
    indexing.rebuild_entries()
    assert snapshot() == serial  # from empty
    indexing.rebuild_entries()
    assert snapshot() == serial  # again, as `search_index rebuild` does
    assert multiprocessing.active_children() == []


def test_a_failure_while_preparing_documents_stops_the_rebuild_with_its_message(
    committed_directory, monkeypatch
):
    original = documents.people_documents

    def failing(ids):
        ids = list(ids)
        if committed_directory[60].pk in ids:
            raise ValueError("a person the preparation cannot read")
        return original(ids)

    clear_entries()  # saving the directory indexed it (on commit)
    # Patched before the fork: the children run it.
    with monkeypatch.context() as patch:
        patch.setattr(indexing, "documents_for", lambda kind, ids: failing(ids))
        with pytest.raises(indexing.PrepareError, match="a person the preparation cannot read"):
            indexing.refresh("person", [p.pk for p in committed_directory], set())
    assert multiprocessing.active_children() == []
    # The batches before the failing one were stored; the rest were not.
    assert 0 < SearchEntry.objects.count() < len(committed_directory)


def test_a_rebuild_inside_a_transaction_prepares_its_documents_in_this_process(db):
    # Children on their own connections would not see the transaction's rows (a sync's).
    assert connection.in_atomic_block
    assert not indexing._may_overlap()
