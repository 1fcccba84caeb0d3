"""The rule "most recently modified wins" never depends on the order of the syncs.

Three agencies know the same people. Their CRMs change (a rename, a touch
that changes nothing, an edit landing on the same instant as another
agency's), and the agencies are synced in every order: the directory must
always be the one a sync from scratch of the final sources gives.
"""

import datetime as dt
import itertools

import pytest

from crm_sync.engine import sync_connection
from crm_sync.models import Connection
from people.models import Person, PersonEmail, SourceRecord

from .memory_source import MemoryConnector, MemorySource

pytestmark = pytest.mark.django_db

AGENCIES = ("wbmusiques", "wbimages", "wbcampus")
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def directory() -> list[tuple]:
    """What staff see of each active person, keyed by their live records, independent of ids."""
    people = []
    for person in Person.objects.filter(is_active=True, merged_into__isnull=True):
        records = sorted(
            person.source_records.filter(tombstoned_at__isnull=True).values_list(
                "agency", "source_id"
            )
        )
        people.append(
            (
                tuple(records),
                person.first_name,
                person.last_name,
                person.email,
                person.phone,
                person.job_title,
                person.city,
                {k: v["agency"] for k, v in person.provenance.items()},
            )
        )
    return sorted(people)


def versions() -> dict[str, tuple[MemorySource, MemorySource]]:
    """Each agency's CRM before (v0) and after (v1) its change."""
    sources = {}
    for agency in AGENCIES:
        v0, v1 = MemorySource(), MemorySource()
        sources[agency] = (v0, v1)
    m0, m1 = sources["wbmusiques"]
    i0, i1 = sources["wbimages"]
    c0, c1 = sources["wbcampus"]
    alice = {"emails": ["alice@example.org"], "first_name": "Alice"}
    # wbmusiques renames Alice.
    m0.put("m1", at(10), last_name="Dupont", **alice)
    m1.put("m1", at(20), last_name="Lambert", **alice)
    # wbimages later touches Alice's record without changing it.
    for source in (i0, i1):
        source.put("i1", at(5), last_name="Dupont", job_title="Chanteuse", **alice)
    i1.put("i1", at(30))
    # wbcampus edits her city at the very instant wbimages touches her (a tie).
    c0.put("c1", at(1), last_name="Dupont", city="Namur", **alice)
    c1.put("c1", at(30), last_name="Dupont", city="Liège", **alice)
    # Bruno: wbcampus's record becomes newer without a change.
    bruno = {"emails": ["bruno@example.org"], "first_name": "Bruno"}
    for source in (m0, m1):
        source.put("m2", at(15), last_name="Peeters", phones=["+32 2 555 01 01"], **bruno)
    c0.put("c2", at(3), last_name="Peeters-Claes", phones=["+32 4 444 01 01"], **bruno)
    c1.put("c2", at(3), last_name="Peeters-Claes", phones=["+32 4 444 01 01"], **bruno)
    c1.put("c2", at(25))
    return sources


def connections() -> dict[str, Connection]:
    return {
        agency: Connection.objects.get_or_create(
            agency=agency,
            defaults={
                "kind": "tryton",
                "url": "http://127.0.0.1:1",
                "secret_env": f"PASSERELLES_CRM_{agency.upper()}_SECRET",
            },
        )[0]
        for agency in AGENCIES
    }


def reset() -> None:
    SourceRecord.objects.all().delete()
    PersonEmail.objects.all().delete()
    Person.objects.all().delete()
    Connection.objects.all().delete()


def sync(connection: Connection, source: MemorySource, full: bool = False) -> None:
    run = sync_connection(connection, full=full, connector=MemoryConnector(source, page_size=1))
    assert run.status == "succeeded", run.error


def from_scratch() -> list[tuple]:
    reset()
    sources = versions()
    for agency, connection in connections().items():
        sync(connection, sources[agency][1])
    return directory()


def test_a_touch_without_change_makes_a_record_the_most_recent():
    """Agency A renames Alice, agency B later touches her record: B's name wins, as from scratch."""
    expected = from_scratch()
    reset()
    sources = versions()
    links = connections()
    sync(links["wbimages"], sources["wbimages"][0])
    sync(links["wbmusiques"], sources["wbmusiques"][0])
    sync(links["wbmusiques"], sources["wbmusiques"][1])  # renamed Lambert
    assert Person.objects.get(email="alice@example.org").last_name == "Lambert"
    sync(links["wbimages"], sources["wbimages"][1])  # touched, unchanged
    alice = Person.objects.get(email="alice@example.org")
    assert alice.last_name == "Dupont"
    assert alice.provenance["last_name"]["agency"] in ("wbimages", "wbcampus")
    sync(links["wbcampus"], sources["wbcampus"][1])
    assert directory() == expected


def test_the_directory_is_the_same_whatever_the_order_of_the_syncs():
    expected = from_scratch()
    assert {row[2] for row in expected} == {"Dupont", "Peeters-Claes"}
    orders = list(itertools.permutations(AGENCIES))
    for before, after in itertools.product(orders, orders):
        reset()
        sources = versions()
        links = connections()
        for agency in before:
            sync(links[agency], sources[agency][0])
        for agency in after:
            sync(links[agency], sources[agency][1])
        assert directory() == expected, (before, after)


def test_a_full_run_recomputes_every_person_it_reads():
    """Whatever an earlier run left behind, a full run puts the winner back."""
    expected = from_scratch()
    sources = versions()
    Person.objects.filter(email="alice@example.org").update(last_name="Stale", city="Nowhere")
    for agency, connection in connections().items():
        sync(connection, sources[agency][1], full=True)
    assert directory() == expected
