"""Possible duplicates: a weighted rule in the spirit of CiviCRM's dedupe rules.

People who share an email are the same person (resolved in `sources`). People
who do not, but share their normalized name *and* their organisation or their
phone, are proposed to staff as possible duplicates — never merged silently.

| field                 | weight |
| --------------------- | ------ |
| first and last name   | 12     |
| organisation          | 8      |
| phone                 | 8      |

A pair is proposed at 20 or more. A "not a duplicate" decision is stored on
the pair, so the same pair is never proposed again.
"""

from collections.abc import Iterable

from django.db import connection

from . import bulk
from .models import Person, PossibleDuplicate

WEIGHTS = {"name": 12, "organisation": 8, "phone": 8}
THRESHOLD = 20


def score(a: Person, b: Person) -> tuple[int, list[str]]:
    """The rule's score for two people and the fields that matched."""
    reasons = []
    if a.normalized_name and a.normalized_name == b.normalized_name:
        reasons.append("name")
    if a.organisation_id and a.organisation_id == b.organisation_id:
        reasons.append("organisation")
    if a.phone and a.phone == b.phone:
        reasons.append("phone")
    return sum(WEIGHTS[r] for r in reasons), reasons


def propose_duplicates(person_ids: Iterable[int]) -> int:
    """Propose possible duplicates for these (new or changed) people; return how many."""
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        return 0
    table = Person._meta.db_table
    # A pair needs the name and the organisation or the phone (12 + 8 reach
    # THRESHOLD; the name alone does not: keep these joins in step with
    # WEIGHTS), so two equality joins return only the pairs that can score,
    # each through its own index (name, organisation) and (name, phone): the
    # cost per page stays the same however many people share a common name.
    # (One join with an OR read every person sharing the name, in the heap.)
    # Identifiers come from the model, never from data; ids are one parameter.
    ids_sql, params = bulk.values_in(ids, "bigint")
    columns = "p.id, p.normalized_name, p.organisation_id, p.phone, " + (
        "o.id, o.normalized_name, o.organisation_id, o.phone"
    )
    others = "o.id <> p.id AND o.merged_into_id IS NULL AND o.is_active"
    query = (
        f"WITH p AS (SELECT id, normalized_name, organisation_id, phone FROM {table} "  # noqa: S608
        f"WHERE id IN ({ids_sql}) AND merged_into_id IS NULL AND normalized_name <> '') "
        f"SELECT {columns} FROM p JOIN {table} o ON o.normalized_name = p.normalized_name "
        f"AND o.organisation_id = p.organisation_id WHERE {others} "
        f"UNION SELECT {columns} FROM p JOIN {table} o ON o.normalized_name = p.normalized_name "
        f"AND o.phone = p.phone WHERE p.phone <> '' AND {others}"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        rows = cursor.fetchall()
    proposals: dict[tuple[int, int], PossibleDuplicate] = {}
    for row in rows:
        person = Person(id=row[0], normalized_name=row[1], organisation_id=row[2], phone=row[3])
        other = Person(id=row[4], normalized_name=row[5], organisation_id=row[6], phone=row[7])
        total, reasons = score(person, other)
        if total >= THRESHOLD:
            first, second = sorted((person.id, other.id))
            # Two new people of the same page find each other twice.
            proposals.setdefault(
                (first, second),
                PossibleDuplicate(first_id=first, second_id=second, score=total, reasons=reasons),
            )
    # ignore_conflicts keeps any earlier decision on the same pair.
    PossibleDuplicate.objects.bulk_create(proposals.values(), ignore_conflicts=True)
    return len(proposals)
