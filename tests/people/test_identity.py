"""Identity across agencies, provenance, possible duplicates, merges and erasure."""

import pytest

from people.erasure import erase_person
from people.merging import merge_people, unmerge
from people.models import Person, PossibleDuplicate, SourceRecord

pytestmark = pytest.mark.django_db


def test_the_same_email_in_two_agencies_is_one_person(two_sources, ago):
    a, b, sync = two_sources
    a.put(
        "1",
        ago(30),
        first_name="Hélène",
        last_name="Lefèvre",
        emails=["Helene.Lefevre@Example.org "],
    )
    b.put(
        "x9",
        ago(20),
        first_name="Helene",
        last_name="Lefevre",
        emails=["helene.lefevre@example.org"],
    )
    sync("a")
    sync("b")
    assert Person.objects.count() == 1
    person = Person.objects.get()
    assert set(person.source_records.values_list("agency", flat=True)) == {"wbmusiques", "wbimages"}


def test_dots_and_plus_tags_are_significant(two_sources, ago):
    a, b, sync = two_sources
    a.put("1", ago(30), first_name="Jan", last_name="Peeters", emails=["jan.peeters@example.org"])
    b.put("2", ago(20), first_name="Jan", last_name="Peeters", emails=["janpeeters@example.org"])
    b.put(
        "3", ago(10), first_name="Jan", last_name="Peeters", emails=["jan.peeters+wbi@example.org"]
    )
    sync("a")
    sync("b")
    assert Person.objects.count() == 3


def test_the_most_recently_modified_source_wins_and_provenance_says_so(two_sources, ago):
    a, b, sync = two_sources
    a.put(
        "1",
        ago(30),
        first_name="An",
        last_name="Claes",
        emails=["an@example.org"],
        job_title="Régisseuse",
    )
    b.put(
        "2",
        ago(5),
        first_name="An",
        last_name="Claes",
        emails=["an@example.org"],
        job_title="Directrice technique",
    )
    sync("a")
    sync("b")
    person = Person.objects.get()
    assert person.job_title == "Directrice technique"
    assert person.provenance["job_title"]["agency"] == "wbimages"
    a.put("1", ago(1), job_title="Scénographe")
    sync("a")
    person.refresh_from_db()
    assert person.job_title == "Scénographe"
    assert person.provenance["job_title"]["agency"] == "wbmusiques"


def test_same_name_and_organisation_without_shared_email_is_a_possible_duplicate(two_sources, ago):
    a, b, sync = two_sources
    a.put(
        "1",
        ago(30),
        first_name="Sarah",
        last_name="Van den Bossche",
        emails=["sarah@atelier.example"],
        organisation="Atelier Nord",
    )
    b.put(
        "2",
        ago(20),
        first_name="Sarah",
        last_name="Van Den Bossche",
        emails=["s.vdb@gmail.example"],
        organisation="atelier nord",
    )
    sync("a")
    sync("b")
    assert Person.objects.count() == 2  # never a silent merge
    pair = PossibleDuplicate.objects.get()
    assert pair.status == PossibleDuplicate.Status.OPEN
    assert set(pair.reasons) == {"name", "organisation"}


def test_same_name_alone_is_not_a_possible_duplicate(two_sources, ago):
    a, b, sync = two_sources
    a.put("1", ago(30), first_name="Marie", last_name="Dubois", emails=["m1@example.org"])
    b.put("2", ago(20), first_name="Marie", last_name="Dubois", emails=["m2@example.org"])
    sync("a")
    sync("b")
    assert not PossibleDuplicate.objects.exists()


def test_a_person_who_later_joins_the_same_organisation_becomes_a_possible_duplicate(
    two_sources, ago
):
    a, b, sync = two_sources
    a.put("1", ago(30), first_name="Marie", last_name="Dubois", emails=["m1@example.org"])
    a.put("1b", ago(30), first_name="Other", last_name="Person", emails=["o@example.org"])
    b.put("2", ago(30), first_name="Marie", last_name="Dubois", emails=["m2@example.org"])
    sync("a")
    sync("b")
    assert not PossibleDuplicate.objects.exists()
    # Both records now name the same organisation (an edit at each source).
    a.put(
        "1",
        ago(5),
        first_name="Marie",
        last_name="Dubois",
        emails=["m1@example.org"],
        organisation="Maison Ardoise",
    )
    b.put(
        "2",
        ago(4),
        first_name="Marie",
        last_name="Dubois",
        emails=["m2@example.org"],
        organisation="Maison Ardoise",
    )
    sync("a")
    sync("b")
    pair = PossibleDuplicate.objects.get()
    assert set(pair.reasons) == {"name", "organisation"}


@pytest.mark.parametrize("order", ["ab", "ba"])
def test_sources_modified_at_the_same_instant_give_the_same_result_in_any_order(
    two_sources, ago, order
):
    a, b, sync = two_sources
    same = ago(10)
    a.put(
        "1",
        same,
        first_name="Zoé",
        last_name="Martin",
        emails=["zoe@example.org"],
        job_title="Architecte",
    )
    b.put(
        "2",
        same,
        first_name="Zoé",
        last_name="Martin",
        emails=["zoe@example.org"],
        job_title="Designer",
    )
    for which in order:
        sync(which)
    person = Person.objects.get()
    # wbmusiques (a) sorts after wbimages (b): it wins the tie, whatever the order.
    assert person.job_title == "Architecte"
    assert person.provenance["job_title"]["agency"] == "wbmusiques"


def test_people_created_by_a_page_hold_what_a_recompute_gives(two_sources, ago):
    # A first sync creates people with their final fields (no recompute of
    # new people): the result must be exactly what a recompute computes.
    from people.models import PersonEmail
    from people.sources import recompute_people

    a, _, sync = two_sources
    a.put(
        "1",
        ago(30),
        first_name="Lieve",
        last_name="De Smet",
        emails=["lieve@example.org"],
        phones=["+32 2 123 45 67"],
        organisation="Kompas ASBL",
        job_title="Dramaturg",
    )
    a.put(
        "2",
        ago(5),
        first_name="Lieve",
        last_name="De Smet",
        emails=["l.desmet@example.org", "lieve@example.org"],
        city="Gent",
        job_title="Curator",
    )
    a.put("3", ago(10), first_name="Jef", last_name="Wuyts", emails=["jef@example.org"])
    sync("a")
    fields = [f.attname for f in Person._meta.concrete_fields if f.attname != "updated_at"]
    created = {p.id: [getattr(p, f) for f in fields] for p in Person.objects.all()}
    emails = set(PersonEmail.objects.values_list("person_id", "email"))
    lieve = Person.objects.get(first_name="Lieve")
    assert (lieve.job_title, lieve.city, lieve.phone) == ("Curator", "Gent", "3221234567")
    assert lieve.email == "l.desmet@example.org"
    assert lieve.organisation.name == "Kompas ASBL"
    assert lieve.provenance["job_title"]["agency"] == "wbmusiques"
    recompute_people(created)
    assert {p.id: [getattr(p, f) for f in fields] for p in Person.objects.all()} == created
    assert set(PersonEmail.objects.values_list("person_id", "email")) == emails
    assert len(emails) == 3


def test_possible_duplicates_within_one_page_are_proposed_once(two_sources, ago):
    a, _, sync = two_sources
    for sid, email in (("1", "m1@example.org"), ("2", "m2@example.org")):
        a.put(
            sid,
            ago(30),
            first_name="Marie",
            last_name="Dubois",
            emails=[email],
            phones=["0470 12 34 56"],
        )
    a.put("3", ago(30), first_name="Marie", last_name="Dubois", emails=["m3@example.org"])
    sync("a")
    pair = PossibleDuplicate.objects.get()
    assert set(pair.reasons) == {"name", "phone"}
    assert pair.score == 20


def test_a_not_a_duplicate_decision_survives_later_syncs(two_sources, ago):
    from people.merging import mark_distinct

    a, b, sync = two_sources
    a.put(
        "1",
        ago(30),
        first_name="Tom",
        last_name="Maes",
        emails=["t1@example.org"],
        phones=["0470 12 34 56"],
    )
    b.put(
        "2",
        ago(20),
        first_name="Tom",
        last_name="Maes",
        emails=["t2@example.org"],
        phones=["+32 470 12 34 56"],
    )
    sync("a")
    sync("b")
    pair = PossibleDuplicate.objects.get()
    mark_distinct(pair.first, pair.second)
    b.put("2", ago(1), job_title="Danseur")
    sync("b", full=True)
    sync("a", full=True)
    assert PossibleDuplicate.objects.get().status == PossibleDuplicate.Status.DISTINCT


def test_a_merge_and_an_unmerge_survive_later_syncs(two_sources, ago):
    a, b, sync = two_sources
    a.put("1", ago(30), first_name="Lea", last_name="Wouters", emails=["lea@example.org"])
    b.put("2", ago(20), first_name="Léa", last_name="Wouters", emails=["lea.w@example.org"])
    sync("a")
    sync("b")
    survivor = Person.objects.get(email="lea@example.org")
    other = Person.objects.get(email="lea.w@example.org")
    merge = merge_people(survivor, other)
    b.put("2", ago(1), job_title="Costumière")
    sync("b")
    sync("a", full=True)
    survivor.refresh_from_db()
    assert survivor.job_title == "Costumière"
    assert SourceRecord.objects.filter(person=survivor).count() == 2
    assert Person.objects.filter(merged_into__isnull=True, is_active=True).count() == 1

    unmerge(merge)
    b.put("2", ago(0.5), job_title="Costumière et habilleuse")
    sync("b", full=True)
    other.refresh_from_db()
    assert other.merged_into is None and other.is_active
    assert other.job_title == "Costumière et habilleuse"
    assert SourceRecord.objects.filter(person=other).count() == 1
    assert PossibleDuplicate.objects.get().status == PossibleDuplicate.Status.DISTINCT


def test_an_erased_person_is_not_brought_back_by_the_next_sync(two_sources, ago):
    a, b, sync = two_sources
    a.put("1", ago(30), first_name="Erik", last_name="Jansen", emails=["erik@example.org"])
    b.put("7", ago(20), first_name="Erik", last_name="Jansen", emails=["ERIK@example.org"])
    sync("a")
    sync("b")
    erase_person(Person.objects.get())
    assert not Person.objects.exists()
    a.put("1", ago(1), job_title="Photographe")
    first = sync("a", full=True)
    second = sync("b", full=True)
    assert not Person.objects.exists()
    assert not SourceRecord.objects.exists()
    assert first.suppressed == 1 and second.suppressed == 1
