"""people.bulk writes what Django's bulk_create and bulk_update would write."""

import datetime as dt

import pytest
from django.db import DataError, transaction
from django.utils import timezone

from people import bulk
from people.models import Organisation, Person, PersonEmail, SourceRecord

pytestmark = pytest.mark.django_db


def test_insert_sets_ids_and_stores_every_field():
    organisation = Organisation.objects.create(name="Kaai", normalized_name="kaai")
    modified = dt.datetime(2025, 3, 30, 1, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    people = [
        Person(
            first_name='Zoé "Zo" d\'Ursel',
            last_name="Crèvecœur\\",
            organisation=organisation,
            provenance={"first_name": {"agency": "wbdm", "modified": modified.isoformat()}},
            contact_consent=None,
        ),
        Person(first_name="Jef", is_active=False, contact_consent=False),
    ]
    before = timezone.now()
    bulk.insert(Person, people)
    assert all(p.pk for p in people)
    zoe, jef = (Person.objects.get(pk=p.pk) for p in people)
    assert (zoe.first_name, zoe.last_name) == ('Zoé "Zo" d\'Ursel', "Crèvecœur\\")
    assert zoe.organisation_id == organisation.pk
    assert zoe.provenance == people[0].provenance
    assert zoe.contact_consent is None and zoe.is_active
    assert zoe.created_at >= before and zoe.updated_at >= before
    assert (jef.is_active, jef.contact_consent, jef.organisation_id) == (False, False, None)

    record = SourceRecord(
        agency="wbdm",
        channel="crm",
        source_id="42",
        modified_at=modified,
        content_hash="x" * 64,
        data={"emails": ["zoe@example.org"], "nested": {"n": 1, "none": None}},
        person=zoe,
        confirmed_at=before,
    )
    bulk.insert(SourceRecord, [record])
    stored = SourceRecord.objects.get(pk=record.pk)
    assert stored.modified_at == modified
    assert stored.data == record.data
    assert stored.tombstoned_at is None


def test_update_writes_only_the_named_fields():
    people = [Person(first_name="An", notes="curated"), Person(first_name="Bart")]
    bulk.insert(Person, people)
    people[0].first_name = "Anne"
    people[0].notes = "changed in memory only"
    people[0].provenance = {"first_name": {"agency": "wbimages"}}
    people[1].contact_consent = True
    bulk.update(Person, people, ["first_name", "provenance", "contact_consent"])
    anne, bart = (Person.objects.get(pk=p.pk) for p in people)
    assert (anne.first_name, anne.notes, anne.provenance) == (
        "Anne",
        "curated",
        {"first_name": {"agency": "wbimages"}},
    )
    assert (bart.first_name, bart.contact_consent) == ("Bart", True)


def test_lengths_are_still_checked():
    with pytest.raises(DataError), transaction.atomic():
        bulk.insert(Person, [Person(first_name="x" * 151)])


def test_new_builds_what_the_model_would_and_insert_rows_skips_taken_emails():
    modified = dt.datetime(2026, 1, 5, 12, tzinfo=dt.UTC)
    values = {
        "agency": "wbdm",
        "channel": "crm",
        "source_id": "7",
        "modified_at": modified,
        "content_hash": "h" * 64,
        "data": {"emails": ["an@kaai.be"]},
        "confirmed_at": modified,
    }
    fast, usual = bulk.new(SourceRecord, **values), SourceRecord(**values)
    assert fast.__dict__.keys() - {"_state"} == usual.__dict__.keys() - {"_state"}
    assert all(
        getattr(fast, f.attname) == getattr(usual, f.attname)
        for f in SourceRecord._meta.concrete_fields
    )
    assert fast._state.adding and bulk.new(Person).provenance is not bulk.new(Person).provenance

    people = [bulk.new(Person, first_name="An"), bulk.new(Person, first_name="Bart")]
    bulk.insert(Person, people)
    bulk.insert_rows(PersonEmail, [{"person_id": people[0].pk, "email": "an@kaai.be"}])
    bulk.insert_rows(
        PersonEmail,
        [
            {"person_id": people[1].pk, "email": "an@kaai.be"},  # taken: stays An's
            {"person_id": people[1].pk, "email": "bart@kaai.be"},
        ],
        ignore_conflicts=True,
    )
    owners = dict(PersonEmail.objects.values_list("email", "person__first_name"))
    assert owners == {"an@kaai.be": "An", "bart@kaai.be": "Bart"}
    found = bulk.where_in(PersonEmail.objects, "email", ["bart@kaai.be", "nobody@kaai.be"])
    assert [e.person_id for e in found] == [people[1].pk]
