"""Erasure on request (GDPR art. 17) that stays erased, everywhere the project keeps a copy.

`erase_person` keeps only salted one-way hashes of the person's emails and
source-record keys, so later syncs and imports can recognise and skip them
without the directory holding their data. `forget_people` (also used by the
retention policy) deletes the people and every copy the project controls:

- their source records, emails, attendance, merges and duplicate pairs;
- their names in Wagtail's log (Reports → Site history) and in the queries of
  the audit trail (the events stay, naming them by id only);
- task results (django-tasks) that quote them;
- prepared export files that include them (withdrawn);
- the search index (both backends) and the CRM mirror's record errors, through
  the `people_erased` and `people_changed` signals, since `people` never
  imports the apps above it.
"""

import hashlib
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from . import audit, bulk, export_jobs
from .models import Erasure, Person, PersonEmail, Project, SourceRecord
from .signals import people_changed, people_erased


def _salt() -> str:
    return getattr(settings, "PEOPLE_ERASURE_SALT", "") or settings.SECRET_KEY


def _hash(kind: str, value: str, salt: str | None = None) -> str:
    salt = _salt() if salt is None else salt
    return hashlib.sha256(f"{salt}|{kind}|{value}".encode()).hexdigest()


def record_key(agency: str, channel: str, source_id: str) -> str:
    """The key of one source record, as hashed in erasures."""
    return f"{agency}|{channel}|{source_id}"


def erased_keys(records: Iterable[str], emails: Iterable[str]) -> tuple[set[str], set[str]]:
    """Which of these record keys and normalized emails belong to erased people."""
    salt = _salt()  # read once: settings cost more than the hash, for every record of a page
    record_hashes = {_hash("record", key, salt): key for key in records}
    email_hashes = {_hash("email", email, salt): email for email in emails}
    found = set(
        bulk.where_in(
            Erasure.objects, "key_hash", list(record_hashes) + list(email_hashes)
        ).values_list("key_hash", flat=True)
    )
    return (
        {record_hashes[h] for h in found if h in record_hashes},
        {email_hashes[h] for h in found if h in email_hashes},
    )


def erased_on(email: str) -> Erasure | None:
    """The erasure of the person who had this normalized email, if there was one."""
    return Erasure.objects.filter(key_hash=_hash("email", email)).first()


def same_human(person: Person) -> list[Person]:
    """`person` with everyone merged with them: the survivor first, then who was merged in.

    A merge says two records are one human, so erasing either erases both.
    """
    root = person
    seen = {root.pk}
    while root.merged_into_id and root.merged_into_id not in seen:
        root = root.merged_into
        seen.add(root.pk)
    people, frontier = [root], [root.pk]
    while frontier:
        merged = list(Person.objects.filter(merged_into_id__in=frontier).exclude(pk__in=seen))
        seen.update(p.pk for p in merged)
        people += merged
        frontier = [p.pk for p in merged]
    return people


@transaction.atomic
def erase_person(person: Person, user=None) -> int:
    """Erase `person` (and everyone merged with them); remember only hashes.

    Returns the number of hashes recorded. The erasure is recorded in the
    audit trail by id, with who did it.
    """
    people = same_human(person)
    ids = [someone.pk for someone in people]
    hashes = set()
    for email in _emails(ids):
        hashes.add(("email", _hash("email", email)))
    for agency, channel, source_id in SourceRecord.objects.filter(person_id__in=ids).values_list(
        "agency", "channel", "source_id"
    ):
        hashes.add(("record", _hash("record", record_key(agency, channel, source_id))))
    Erasure.objects.bulk_create(
        [Erasure(kind=kind, key_hash=value, erased_by=user) for kind, value in hashes],
        ignore_conflicts=True,
    )
    forget_people(ids)
    audit.record(user, audit.Action.ERASE, people=ids, count=len(ids))
    return len(hashes)


def _emails(ids: list[int]) -> set[str]:
    """Every email the directory holds for these people (current, known, in source records)."""
    emails = set(PersonEmail.objects.filter(person_id__in=ids).values_list("email", flat=True))
    emails |= set(
        Person.objects.filter(pk__in=ids).exclude(email="").values_list("email", flat=True)
    )
    for data in SourceRecord.objects.filter(person_id__in=ids).values_list("data", flat=True):
        emails.update(e for e in data.get("emails", []) if e)
    return emails


@transaction.atomic
def forget_people(person_ids: Iterable[int]) -> None:
    """Delete these people and every copy of them the project controls (see the module)."""
    ids = sorted(set(person_ids))
    if not ids:
        return
    people = list(Person.objects.filter(pk__in=ids))
    names = {f"{p.first_name} {p.last_name}".strip() for p in people} - {""}
    emails = _emails(ids)
    records = list(
        SourceRecord.objects.filter(person_id__in=ids).values_list("agency", "channel", "source_id")
    )
    people_erased.send(
        sender=Person, person_ids=set(ids), records=records, emails=emails, names=names
    )
    _scrub_admin_log(ids)
    audit.scrub_queries([(p.first_name, p.last_name) for p in people], emails)
    _scrub_task_results(names | emails)
    export_jobs.withdraw(set(ids))
    # Through the relation (not a cascade) so the projects' search entries,
    # which list participants by name, are refreshed too.
    for project in Project.objects.filter(participants__in=ids).distinct():
        project.participants.remove(*ids)
    SourceRecord.objects.filter(person_id__in=ids).delete()
    Person.objects.filter(pk__in=ids).delete()
    transaction.on_commit(lambda: people_changed.send(sender=Person, person_ids=set(ids)))


def _scrub_admin_log(ids: list[int]) -> None:
    """Wagtail's log entries (Reports → Site history) keep an object's name as their label."""
    with translation.override(settings.LANGUAGE_CODE):
        erased = _("erased person")
        for pk in ids:
            ModelLogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(Person), object_id=str(pk)
            ).update(label=f"[{erased} #{pk}]", data={})


def _scrub_task_results(texts: set[str]) -> None:
    """Finished background tasks whose arguments, result or error quote these people."""
    from django_tasks_db.models import DBTaskResult

    texts = {t for t in texts if len(t) > 3}
    if not texts:
        return
    results = DBTaskResult.objects.filter(finished_at__isnull=False).annotate(
        args_text=Cast("args_kwargs", TextField()), value_text=Cast("return_value", TextField())
    )
    quoting = Q()
    for text in texts:
        quoting |= Q(args_text__icontains=text) | Q(value_text__icontains=text)
        quoting |= Q(traceback__icontains=text)
    results.filter(quoting).delete()
