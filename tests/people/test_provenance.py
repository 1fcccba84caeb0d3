"""Provenance is stored per origin (small rows) and read per field, old rows included."""

import datetime as dt
import json
import random

import pytest
from django.db import connection

from people import bulk
from people.models import Person, SourceRecord, compact_provenance, expand_provenance
from people.sources import PERSON_FIELDS, _set_source_fields

pytestmark = pytest.mark.django_db


def _stored(person: Person) -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT provenance FROM people_person WHERE id = %s", [person.pk])
        raw = cursor.fetchone()[0]
    return json.loads(raw) if isinstance(raw, str) else raw


def test_a_synced_person_reads_provenance_per_field_and_stores_one_entry_per_origin(
    two_sources, ago
):
    a, b, sync = two_sources
    older, newer = ago(30), ago(5)
    a.put("1", older, first_name="An", last_name="Claes", emails=["an@example.org"], city="Liège")
    b.put("2", newer, first_name="An", last_name="Claes", emails=["an@example.org"], job_title="X")
    sync("a")
    sync("b")
    person = Person.objects.get()
    assert person.provenance["job_title"]["agency"] == "wbimages"
    assert person.provenance["first_name"]["agency"] == "wbimages"
    assert person.provenance["city"]["agency"] == "wbmusiques"
    assert set(person.provenance["city"]) == {"agency", "modified"}
    assert person.provenance["job_title"]["modified"] == newer.isoformat()
    assert person.provenance["city"]["modified"] == older.isoformat()
    stored = _stored(person)
    # Two origins, not a copy per field.
    assert set(stored) == {"origins"}
    assert sorted(agency for agency, _, _ in stored["origins"]) == ["wbimages", "wbmusiques"]


def test_rows_written_per_field_before_are_read_as_they_are_and_rewritten_compact():
    old = {
        "first_name": {"agency": "wbdm", "modified": "2025-01-02T03:04:05+00:00"},
        "email": {"agency": "wbdm", "modified": "2025-01-02T03:04:05+00:00"},
        "city": {"agency": "wbcampus", "modified": "2024-01-01T00:00:00+00:00"},
    }
    person = Person.objects.create(first_name="Zoé")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE people_person SET provenance = %s WHERE id = %s", [json.dumps(old), person.pk]
        )
    person.refresh_from_db()
    assert person.provenance == old
    person.save()
    assert len(_stored(person)["origins"]) == 2
    person.refresh_from_db()
    assert person.provenance == old


def test_values_of_another_shape_are_stored_as_they_are():
    for value in (
        {},
        {"first_name": {"agency": "wbimages"}},  # no time
        {"nickname": {"agency": "wbdm", "modified": "2025-01-01T00:00:00+00:00"}},
        {"city": {"agency": "wbdm", "modified": "x", "by": "staff"}},
        ["not", "a", "dict"],
    ):
        assert compact_provenance(value) == value
        assert expand_provenance(compact_provenance(value)) == value


def test_the_migration_rewrites_old_rows_compact_and_back():
    import importlib
    from types import SimpleNamespace

    migration = importlib.import_module("people.migrations.0009_provenance_per_origin")
    old = {
        "last_name": {"agency": "wbimages", "modified": "2025-03-01T10:00:00+00:00"},
        "phone": {"agency": "wbimages", "modified": "2025-03-01T10:00:00+00:00"},
    }
    people = [Person.objects.create(last_name=f"N{n}") for n in range(3)]
    with connection.cursor() as cursor:
        for person in people:
            cursor.execute(
                "UPDATE people_person SET provenance = %s WHERE id = %s",
                [json.dumps(old), person.pk],
            )
    editor = SimpleNamespace(connection=connection)
    migration.compact(None, editor)
    assert all(
        _stored(p) == {"origins": [["wbimages", "2025-03-01T10:00:00+00:00", 0b100000010]]}
        for p in people
    )
    assert Person.objects.get(pk=people[0].pk).provenance == old
    migration.expand(None, editor)
    assert all(_stored(p) == old for p in people)


def test_a_person_with_one_record_gets_what_the_general_rule_gives():
    """The one-record shortcut (most new people of a first sync) must never drift
    from the most-recent-wins rule: adding an older record that gives nothing
    leaves every field, the provenance and the emails as they were."""
    rng = random.Random(16)
    organisations = {"Ancienne Belgique": 1, "La Monnaie": 2}
    when = dt.datetime(2024, 3, 1, 10, 0, tzinfo=dt.UTC)
    for index in range(500):
        data = {
            name: rng.choice(["", "Émile", "Van den Broeck"])
            for name in ("first_name", "last_name", "job_title", "city", "country", "language")
            if rng.random() < 0.9
        }
        data["organisation"] = rng.choice(["", *organisations])
        data["emails"] = rng.choice([[], ["a@example.be"], ["a@example.be", "b@example.be"]])
        data["phones"] = rng.choice([[], ["3225550000"], ["3225550000", "3225550001"]])
        if rng.random() < 0.6:
            data["consent"] = rng.choice([True, False])
        record = bulk.new(
            SourceRecord, agency="wbdm", source_id=str(index), modified_at=when, data=data
        )
        empty = bulk.new(
            SourceRecord,
            agency="wbdm",
            source_id=f"{index}-old",
            modified_at=when - dt.timedelta(days=1),
            data={"emails": [], "phones": []},
        )
        alone, general = Person(), Person()
        emails = _set_source_fields(alone, [record], organisations)
        assert emails == _set_source_fields(general, [record, empty], organisations)
        # Every field a recompute writes, the organisation by its id; provenance and
        # the bookkeeping fields are compared below or not at all.
        compared = [
            f"{name}_id" if name == "organisation" else name
            for name in PERSON_FIELDS
            if name not in ("provenance", "is_active", "updated_at")
        ]
        for name in compared:
            assert getattr(alone, name) == getattr(general, name), (name, data)
        assert list(alone.provenance.items()) == list(general.provenance.items()), data
        assert compact_provenance(alone.provenance) == compact_provenance(general.provenance)


def test_fields_from_one_origin_are_stored_as_one_entry_whether_or_not_they_share_an_object():
    shared = {"agency": "wbdm", "modified": "2024-03-01T10:00:00+00:00"}
    by_object = {"first_name": shared, "city": shared}
    by_value = {"first_name": dict(shared), "city": dict(shared)}
    expected = {"origins": [["wbdm", "2024-03-01T10:00:00+00:00", 1 | 16]]}
    assert compact_provenance(by_object) == compact_provenance(by_value) == expected
    odd = {"first_name": shared, "city": {"agency": "wbdm"}}
    assert compact_provenance(odd) is odd
