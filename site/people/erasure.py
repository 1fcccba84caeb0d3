"""Erasure on request (GDPR art. 17) that stays erased.

Only salted one-way hashes of the person's emails and source-record keys are
kept, so later syncs and imports can recognise and skip them without the
directory holding their data.
"""

import hashlib
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction

from .models import Erasure, Person
from .signals import people_changed


def _hash(kind: str, value: str) -> str:
    salt = getattr(settings, "PEOPLE_ERASURE_SALT", "") or settings.SECRET_KEY
    return hashlib.sha256(f"{salt}|{kind}|{value}".encode()).hexdigest()


def record_key(agency: str, channel: str, source_id: str) -> str:
    """The key of one source record, as hashed in erasures."""
    return f"{agency}|{channel}|{source_id}"


def erased_keys(records: Iterable[str], emails: Iterable[str]) -> tuple[set[str], set[str]]:
    """Which of these record keys and normalized emails belong to erased people."""
    record_hashes = {_hash("record", key): key for key in records}
    email_hashes = {_hash("email", email): email for email in emails}
    found = set(
        Erasure.objects.filter(key_hash__in=list(record_hashes) + list(email_hashes)).values_list(
            "key_hash", flat=True
        )
    )
    return (
        {record_hashes[h] for h in found if h in record_hashes},
        {email_hashes[h] for h in found if h in email_hashes},
    )


@transaction.atomic
def erase_person(person: Person, user=None) -> int:
    """Delete `person`, their source records and curated data; remember only hashes.

    Returns the number of hashes recorded. Merged-in people are erased too.
    """
    people = [person, *Person.objects.filter(merged_into=person)]
    hashes = set()
    for someone in people:
        for email in someone.emails.values_list("email", flat=True):
            hashes.add(("email", _hash("email", email)))
        if someone.email:
            hashes.add(("email", _hash("email", someone.email)))
        for agency, channel, source_id in someone.source_records.values_list(
            "agency", "channel", "source_id"
        ):
            hashes.add(("record", _hash("record", record_key(agency, channel, source_id))))
        for data in someone.source_records.values_list("data", flat=True):
            for email in data.get("emails", []):
                hashes.add(("email", _hash("email", email)))
    Erasure.objects.bulk_create(
        [Erasure(kind=kind, key_hash=value, erased_by=user) for kind, value in hashes],
        ignore_conflicts=True,
    )
    ids = {someone.id for someone in people}
    for someone in people:
        someone.source_records.all().delete()
        someone.delete()
    transaction.on_commit(lambda: people_changed.send(sender=Person, person_ids=ids))
    return len(hashes)
