"""Malformed source records: stored cleaned or rejected with a per-record error in the run."""

import pytest

from crm_sync.engine import sync_connection
from people.models import Person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("fields", "expect"),
    [
        ({"first_name": "", "last_name": "", "emails": []}, "failed"),
        ({"first_name": "", "last_name": "", "emails": ["not-an-email"]}, "failed"),
        ({"first_name": "Ok", "emails": ["not-an-email"]}, "created"),
        ({"first_name": "x" * 10_000, "emails": ["long@example.org"]}, "created"),
        ({"first_name": "Bell\x07\x00e", "emails": ["ctrl@example.org"]}, "created"),
        ({"first_name": "<script>alert(1)</script>", "emails": ["html@example.org"]}, "created"),
    ],
)
def test_malformed_records_are_stored_safely_or_rejected_without_aborting_the_run(
    connection, source, connector, ago, fields, expect
):
    source.put("bad", ago(30), **fields)
    source.put("good", ago(20), first_name="Good", emails=["good@example.org"])
    result = sync_connection(connection, connector=connector())
    assert result.status == "succeeded"
    assert getattr(result, expect) >= 1
    assert Person.objects.filter(email="good@example.org").exists()
    if expect == "failed":
        assert result.errors.get().source_id == "bad"
    for person in Person.objects.all():
        assert len(person.first_name) <= 150
        assert "\x00" not in person.first_name and "\x07" not in person.first_name
