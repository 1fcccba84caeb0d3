"""Applying source records to the directory, a page at a time.

`apply_contacts` is the one entry point for every source (CRM connectors and
spreadsheet imports): it stores each record, resolves it to a person by
normalized email, recomputes the people it touched and proposes possible
duplicates. It works on a whole page with a fixed number of queries, so a
sync's cost grows with the number of pages, not records × queries.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import bulk
from .contact import Contact, InvalidContact, content_hash
from .erasure import erased_keys, record_key
from .identity import propose_duplicates
from .models import Organisation, Person, PersonEmail, SourceRecord
from .normalize import normalize_name
from .signals import people_changed

# People recomputed (read and written) at a time.
WRITE_BATCH = 2000
# The source-owned fields a recompute writes.
PERSON_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "job_title",
    "city",
    "country",
    "language",
    "contact_consent",
    "organisation",
    "provenance",
    "normalized_name",
    "is_active",
    "updated_at",
)

FIELD_ORDER = (
    "first_name",
    "last_name",
    "organisation",
    "job_title",
    "city",
    "country",
    "language",
)


@dataclass
class PageResult:
    """What applying one page did; counts add up across pages."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    failed: int = 0
    suppressed: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (source id, message)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def add(self, other: "PageResult") -> None:
        for name in ("created", "updated", "unchanged", "deleted", "failed", "suppressed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)
        self.warnings.extend(other.warnings)


def apply_contacts(
    agency: str,
    channel: str,
    contacts: Sequence[Contact],
    *,
    confirmed_at: dt.datetime | None = None,
    dry_run: bool = False,
    recompute_all: bool = False,
) -> PageResult:
    """Store a page of contacts from one source; return the counts.

    Inactive contacts (archived at the source) tombstone their record. A
    record of an erased person is skipped. With `dry_run` the counts are
    computed and nothing is written (the caller rolls back). A person is
    recomputed whenever one of their records changes content *or* source
    modification time (both decide "most recently modified wins");
    `recompute_all` (a full run) recomputes every person the page touches,
    so a full run repairs whatever an earlier run left behind.
    """
    now = confirmed_at or timezone.now()
    result = PageResult()
    cleaned: dict[str, tuple[Contact, dict, str]] = {}
    for contact in contacts:
        try:
            data, warnings = contact.cleaned()
        except InvalidContact as error:
            result.failed += 1
            result.errors.append((str(contact.source_id)[:255], str(error)))
            continue
        source_id = data_source_id(contact)
        result.warnings.extend((source_id, w) for w in warnings)
        # A source listing the same id twice in a page: the latest wins.
        previous = cleaned.get(source_id)
        if previous is None or previous[0].modified_at <= contact.modified_at:
            cleaned[source_id] = (contact, data, content_hash(data))
    if not cleaned:
        return result

    existing = {
        r.source_id: r
        for r in bulk.where_in(
            SourceRecord.objects.filter(agency=agency, channel=channel), "source_id", cleaned
        )
    }
    erased_records, erased_emails = erased_keys(
        (record_key(agency, channel, sid) for sid in cleaned),
        {e for _, data, _ in cleaned.values() for e in data["emails"]},
    )

    to_create: list[SourceRecord] = []
    to_update: list[SourceRecord] = []
    to_confirm: list[int] = []
    touched_people: set[int] = set()
    unresolved: list[SourceRecord] = []
    for source_id, (contact, data, digest) in cleaned.items():
        record = existing.get(source_id)
        if record_key(agency, channel, source_id) in erased_records or (
            set(data["emails"]) & erased_emails
        ):
            result.suppressed += 1
            continue
        if not contact.active:
            if record is not None and record.tombstoned_at is None:
                record.tombstoned_at = now
                record.confirmed_at = now
                to_update.append(record)
                if record.person_id:
                    touched_people.add(record.person_id)
                result.deleted += 1
            else:
                result.unchanged += 1
            continue
        if record is None:
            record = bulk.new(
                SourceRecord,
                agency=agency,
                channel=channel,
                source_id=source_id,
                modified_at=contact.modified_at,
                content_hash=digest,
                data=data,
                confirmed_at=now,
            )
            to_create.append(record)
            unresolved.append(record)
            result.created += 1
            continue
        changed = record.content_hash != digest or record.tombstoned_at is not None
        if not changed and record.modified_at == contact.modified_at:
            to_confirm.append(record.pk)
            result.unchanged += 1
            if recompute_all and record.person_id:
                touched_people.add(record.person_id)
            continue
        record.confirmed_at = now
        record.data = data
        record.content_hash = digest
        record.modified_at = contact.modified_at
        record.tombstoned_at = None
        to_update.append(record)
        if changed:
            result.updated += 1
        else:
            # Same content, new modification time: the record may now be the
            # most recent of its person's records, so the person is recomputed
            # too (counted unchanged: nothing at the source changed).
            result.unchanged += 1
        if record.person_id is None:
            unresolved.append(record)
        else:
            touched_people.add(record.person_id)

    if dry_run:
        return result

    with transaction.atomic():
        new_people = _resolve(unresolved)
        # People created just now already hold their final fields (computed
        # from this page's records): recomputing them would rewrite every
        # new row a second time, which was the largest cost of a first sync.
        created = set(new_people)
        touched_people.update(
            r.person_id for r in unresolved if r.person_id and r.person_id not in created
        )
        bulk.insert(SourceRecord, to_create)
        if to_confirm:
            SourceRecord.objects.filter(pk__in=to_confirm).update(confirmed_at=now)
        bulk.update(
            SourceRecord,
            to_update,
            ["data", "content_hash", "modified_at", "tombstoned_at", "confirmed_at", "person"],
        )
        changed_people = _recompute(touched_people) | created
        # New people, and people whose source records changed (a new
        # organisation or phone can make a pair that did not exist before).
        propose_duplicates(changed_people)
        if changed_people:
            # One notification per page for new and recomputed people alike.
            transaction.on_commit(
                lambda: people_changed.send(sender=Person, person_ids=changed_people)
            )
    return result


def data_source_id(contact: Contact) -> str:
    from .normalize import clean_text

    return clean_text(contact.source_id, 255)


def _resolve(records: Iterable[SourceRecord]) -> list[int]:
    """Link records to people by normalized email, creating people as needed.

    Returns the ids of the people created. Records of the same page sharing
    an email end up on the same person. A new person is created with the
    source-owned fields its records give (as `recompute_people` would set
    them) and with its emails, so it needs no recompute afterwards.
    """
    records = list(records)
    if not records:
        return []
    emails = {e for r in records for e in r.data["emails"]}
    known: dict[str, int] = dict(
        bulk.where_in(PersonEmail.objects, "email", emails).values_list("email", "person_id")
    )
    # Follow merges: an email may still point at a person merged away.
    merged = dict(
        Person.objects.filter(id__in=set(known.values()), merged_into__isnull=False).values_list(
            "id", "merged_into_id"
        )
    )
    # An existing person's id, or a new (unsaved) Person.
    owner: dict[str, int | Person] = {email: merged.get(pid, pid) for email, pid in known.items()}
    new: list[Person] = []
    # The records of each new person, by id() of the (unsaved, unhashable) Person.
    records_of: dict[int, list[SourceRecord]] = {}
    assigned: list[tuple[SourceRecord, int | Person]] = []
    for record in records:
        target = next((owner[e] for e in record.data["emails"] if e in owner), None)
        if target is None:
            target = bulk.new(Person)
            new.append(target)
            records_of[id(target)] = []
        if isinstance(target, Person):
            records_of[id(target)].append(record)
        assigned.append((record, target))
        for email in record.data["emails"]:
            owner.setdefault(email, target)
    organisations = _organisations(
        {r.data.get("organisation", "") for rs in records_of.values() for r in rs} - {""}
    )
    emails_of = [_set_source_fields(p, records_of[id(p)], organisations) for p in new]
    bulk.insert(Person, new)
    for record, target in assigned:
        record.person_id = target if isinstance(target, int) else target.pk
    # An email already owned by someone else stays theirs, as in _sync_emails.
    bulk.insert_rows(
        PersonEmail,
        [
            {"person_id": person.pk, "email": email}
            for person, person_emails in zip(new, emails_of, strict=True)
            for email in dict.fromkeys(person_emails)
        ],
        ignore_conflicts=True,
    )
    return [person.pk for person in new]


def recompute_people(person_ids: Iterable[int]) -> None:
    """Recompute the source-owned fields of these people from their live records.

    For each field the value of the most recently modified live record that
    has one wins; `provenance` says which agency and when. A person left with
    no live record and no curated data is deactivated, and reactivated when a
    record comes back. Sends `people_changed` after the commit.
    """
    changed = _recompute(person_ids)
    if changed:
        transaction.on_commit(lambda: people_changed.send(sender=Person, person_ids=changed))


def _recompute(person_ids: Iterable[int]) -> set[int]:
    """`recompute_people` without the notification; returns the ids recomputed."""
    ids = sorted({pid for pid in person_ids if pid})
    done: set[int] = set()
    # Bounded batches: a full run's reconciliation can touch everyone, and
    # memory must not grow with the directory.
    for start in range(0, len(ids), WRITE_BATCH):
        done |= _recompute_batch(set(ids[start : start + WRITE_BATCH]))
    return done


def _recompute_batch(ids: set[int]) -> set[int]:
    by_person: dict[int, list[SourceRecord]] = defaultdict(list)
    for record in SourceRecord.objects.filter(person_id__in=ids, tombstoned_at__isnull=True).only(
        "person_id", "agency", "source_id", "modified_at", "data"
    ):
        by_person[record.person_id].append(record)
    people = Person.objects.in_bulk(ids)
    org_names = {
        r.data.get("organisation", "") for records in by_person.values() for r in records
    } - {""}
    organisations = _organisations(org_names)
    emails_by_person: dict[int, list[str]] = {}
    curated = _people_with_curated_data(ids - set(by_person))
    for pid, person in people.items():
        records = by_person.get(pid, [])
        emails_by_person[pid] = _set_source_fields(person, records, organisations)
        if person.merged_into_id is None:
            person.is_active = bool(records) or pid in curated
        person.updated_at = timezone.now()
    # One JSON document: Django's bulk_update builds a CASE WHEN per column and
    # row (slow in Python, quadratic in PostgreSQL).
    bulk.update(Person, list(people.values()), PERSON_FIELDS)
    _sync_emails(emails_by_person)
    return set(people)


def _set_source_fields(
    person: Person, records: list[SourceRecord], organisations: dict[str, int]
) -> list[str]:
    """Set the source-owned fields of `person` from its live `records`; return their emails.

    For each field the most recently modified record that has a value wins;
    between records modified at the same instant, the agency and then the
    source id decide, so the result never depends on the order rows are read.
    `organisations` maps the records' organisation names to ids.
    """
    if len(records) == 1:
        # Most people have one record (every new person of a first sync): the
        # same result without the general case's loops over fields and records.
        return _set_from_one_record(person, records[0], organisations)
    if len(records) > 1:
        records = sorted(
            records, key=lambda r: (r.modified_at, r.agency, r.source_id), reverse=True
        )
    # One origin per record, shared by the fields it gave (isoformat once, not per field).
    origins: list[dict | None] = [None] * len(records)
    datas = [record.data for record in records]

    def _origin(index: int) -> dict:
        origin = origins[index]
        if origin is None:
            origin = origins[index] = _origin_of(records[index])
        return origin

    provenance: dict[str, dict] = {}
    values: dict[str, str] = {}
    # Most recent first: the first record with a value gives the field.
    for name in FIELD_ORDER:
        values[name] = ""
        for index, data in enumerate(datas):
            value = data.get(name, "")
            if value:
                values[name] = value
                provenance[name] = _origin(index)
                break
    for name, key in (("email", "emails"), ("phone", "phones")):
        values[name] = ""
        for index, data in enumerate(datas):
            if data.get(key):
                values[name] = data[key][0]
                provenance[name] = _origin(index)
                break
    person.first_name = values["first_name"]
    person.last_name = values["last_name"]
    person.email = values["email"]
    person.phone = values["phone"]
    person.job_title = values["job_title"]
    person.city = values["city"]
    person.country = values["country"]
    person.language = values["language"]
    person.contact_consent = None
    for index, data in enumerate(datas):
        if data.get("consent") is not None:
            person.contact_consent = data["consent"]
            provenance["contact_consent"] = _origin(index)
            break
    person.organisation_id = (
        organisations[values["organisation"]] if values["organisation"] else None
    )
    person.provenance = provenance
    person.normalized_name = normalize_name(f"{person.first_name} {person.last_name}")
    return [e for data in datas for e in data.get("emails", [])]


def _set_from_one_record(
    person: Person, record: SourceRecord, organisations: dict[str, int]
) -> list[str]:
    """`_set_source_fields` for a person with exactly one live record.

    Every field takes the record's value ('' or None when it has none), and
    provenance names the record for each field it gave, in the general
    case's order (FIELD_ORDER, then email, phone, consent).
    """
    data = record.data
    get = data.get
    origin = None
    provenance: dict[str, dict] = {}
    for name in FIELD_ORDER:
        if get(name, ""):
            if origin is None:
                origin = _origin_of(record)
            provenance[name] = origin
    emails = get("emails") or []
    phones = get("phones") or []
    consent = get("consent")
    for name, present in (
        ("email", bool(emails)),
        ("phone", bool(phones)),
        ("contact_consent", consent is not None),
    ):
        if present:
            if origin is None:
                origin = _origin_of(record)
            provenance[name] = origin
    first_name = get("first_name", "") or ""
    last_name = get("last_name", "") or ""
    organisation = get("organisation", "") or ""
    person.first_name = first_name
    person.last_name = last_name
    person.email = emails[0] if emails else ""
    person.phone = phones[0] if phones else ""
    person.job_title = get("job_title", "") or ""
    person.city = get("city", "") or ""
    person.country = get("country", "") or ""
    person.language = get("language", "") or ""
    person.contact_consent = consent
    person.organisation_id = organisations[organisation] if organisation else None
    person.provenance = provenance
    person.normalized_name = normalize_name(f"{first_name} {last_name}")
    return list(emails)


def _origin_of(record: SourceRecord) -> dict:
    return {"agency": record.agency, "modified": record.modified_at.isoformat()}


def _organisations(names: set[str]) -> dict[str, int]:
    if not names:
        return {}
    normalized = {name: normalize_name(name) or name.casefold() for name in names}
    keys = set(normalized.values())
    found = dict(
        bulk.where_in(Organisation.objects, "normalized_name", keys).values_list(
            "normalized_name", "id"
        )
    )
    missing = {}
    for name, key in normalized.items():
        if key not in found and key not in missing:
            missing[key] = Organisation(name=name, normalized_name=key)
    if missing:
        Organisation.objects.bulk_create(missing.values(), ignore_conflicts=True)
        found.update(
            Organisation.objects.filter(normalized_name__in=list(missing)).values_list(
                "normalized_name", "id"
            )
        )
    return {name: found[key] for name, key in normalized.items()}


def _people_with_curated_data(ids: set[int]) -> set[int]:
    if not ids:
        return set()
    people = Person.objects.filter(id__in=ids).filter(
        ~Q(notes="")
        | Q(sectors__isnull=False)
        | Q(attendances__isnull=False)
        | Q(projects__isnull=False)
        | Q(merged_people__isnull=False)
    )
    return set(people.values_list("id", flat=True))


def _sync_emails(emails_by_person: dict[int, list[str]]) -> None:
    """Make PersonEmail match the live records' emails of these people.

    An email already owned by another person stays with that person (a
    staff link or an earlier record decided it); identity never flips.
    """
    if not emails_by_person:
        return
    current: dict[int, set[str]] = defaultdict(set)
    rows = PersonEmail.objects.filter(person_id__in=list(emails_by_person))
    stale_ids = []
    for row_id, pid, email in rows.values_list("id", "person_id", "email"):
        if email in emails_by_person[pid]:
            current[pid].add(email)
        else:
            stale_ids.append(row_id)
    if stale_ids:
        PersonEmail.objects.filter(id__in=stale_ids).delete()
    new = [
        PersonEmail(person_id=pid, email=email)
        for pid, emails in emails_by_person.items()
        for email in dict.fromkeys(emails)
        if email not in current[pid]
    ]
    if new:
        PersonEmail.objects.bulk_create(new, ignore_conflicts=True)


def tombstone_unconfirmed(agency: str, channel: str, since: dt.datetime) -> int:
    """Tombstone the live records of a source not confirmed since `since` (full reconciliation)."""
    now = timezone.now()
    with transaction.atomic():
        stale = SourceRecord.objects.filter(
            agency=agency, channel=channel, tombstoned_at__isnull=True, confirmed_at__lt=since
        )
        people = set(stale.values_list("person_id", flat=True))
        count = stale.update(tombstoned_at=now)
        recompute_people(people)
    return count
