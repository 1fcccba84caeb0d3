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

from django.db.models import Q

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
    fields = ("id", "normalized_name", "organisation_id", "phone")
    people = list(
        Person.objects.filter(id__in=list(person_ids), merged_into__isnull=True)
        .exclude(normalized_name="")
        .only(*fields)
    )
    if not people:
        return 0
    names = {p.normalized_name for p in people}
    organisations = {p.organisation_id for p in people} - {None}
    phones = {p.phone for p in people} - {""}
    candidates: dict[str, list[Person]] = {}
    # A pair needs the name and the organisation or the phone (12 + 8): only
    # people sharing one of those can score, whatever the size of the directory.
    for other in (
        Person.objects.filter(normalized_name__in=names, merged_into__isnull=True, is_active=True)
        .filter(Q(organisation_id__in=organisations) | Q(phone__in=phones))
        .only(*fields)
    ):
        candidates.setdefault(other.normalized_name, []).append(other)
    proposals = []
    for person in people:
        for other in candidates.get(person.normalized_name, []):
            if other.id == person.id:
                continue
            total, reasons = score(person, other)
            if total >= THRESHOLD:
                first, second = sorted((person.id, other.id))
                proposals.append(
                    PossibleDuplicate(
                        first_id=first, second_id=second, score=total, reasons=reasons
                    )
                )
    # ignore_conflicts keeps any earlier decision on the same pair.
    PossibleDuplicate.objects.bulk_create(proposals, ignore_conflicts=True)
    return len(proposals)
