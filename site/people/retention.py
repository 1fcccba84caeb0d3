"""The retention policy, applied by `manage.py people_retention` (README § Data protection).

What is kept how long is set by the `PEOPLE_RETENTION_…` settings (0 turns a
rule off). Each rule lists exactly what it removes (ids, never names) before
removing it, so a dry run prints what the real run does. Erasures are never
removed: their hashes are what keeps erased people erased. The apps above
`people` (the CRM mirror's runs and record errors) answer the `retention_due`
signal with their own rules.
"""

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from wagtail.models import ModelLogEntry

from . import audit, export_jobs
from .erasure import forget_people, same_human
from .models import AuditEvent, ExportJob, Person, SourceRecord
from .signals import retention_due


@dataclass
class Removal:
    """What one retention rule removes: `count` of `what`, exactly these `ids`."""

    what: str
    rule: str
    ids: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.ids)

    def as_dict(self) -> dict:
        return {"what": self.what, "rule": self.rule, "count": self.count, "ids": self.ids}


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same day and time `months` calendar months earlier (clamped to the month's end)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def _rule(setting: str, unit: str) -> tuple[int, str]:
    value = getattr(settings, setting)
    return value, f"{setting}={value} ({unit})"


def inactive_people(cutoff: dt.datetime) -> list[int]:
    """People no source knows any more and with no activity since `cutoff`, with whoever
    was merged into them.

    Activity: a change to the person, a source seeing or dropping one of their
    records, an edition they attended, a project they are in changing.
    """
    records = SourceRecord.objects.filter(person=OuterRef("pk"))
    roots = Person.objects.filter(
        ~Exists(records.filter(tombstoned_at__isnull=True)),
        ~Exists(records.filter(Q(confirmed_at__gte=cutoff) | Q(tombstoned_at__gte=cutoff))),
        merged_into__isnull=True,
        updated_at__lt=cutoff,
    ).exclude(
        Q(attendances__edition__start__gte=cutoff)
        | Q(projects__updated_at__gte=cutoff)
        | Q(merged_people__updated_at__gte=cutoff)
    )
    ids: set[int] = set()
    for person in roots:
        ids.update(p.pk for p in same_human(person))
    return sorted(ids)


def plan(now: dt.datetime) -> list[Removal]:
    """What the directory's own rules would remove at `now`."""
    removals = []
    months, rule = _rule("PEOPLE_RETENTION_TOMBSTONED_MONTHS", "months")
    if months:
        old = SourceRecord.objects.filter(tombstoned_at__lt=months_before(now, months))
        removals.append(
            Removal("tombstoned source records", rule, sorted(old.values_list("id", flat=True)))
        )
    years, rule = _rule("PEOPLE_RETENTION_INACTIVE_YEARS", "years")
    if years:
        removals.append(
            Removal("inactive people", rule, inactive_people(months_before(now, 12 * years)))
        )
    months, rule = _rule("PEOPLE_RETENTION_AUDIT_MONTHS", "months")
    if months:
        cutoff = months_before(now, months)
        events = AuditEvent.objects.filter(at__lt=cutoff).exclude(action=audit.Action.ERASE)
        removals.append(Removal("audit events", rule, sorted(events.values_list("id", flat=True))))
        removals.append(
            Removal(
                "log entries of people (Site history)",
                rule,
                sorted(_person_log(cutoff).values_list("id", flat=True)),
            )
        )
    days, rule = _rule("PEOPLE_RETENTION_TASK_RESULTS_DAYS", "days")
    if days:
        from django_tasks_db.models import DBTaskResult

        finished = DBTaskResult.objects.filter(finished_at__lt=now - dt.timedelta(days=days))
        removals.append(
            Removal(
                "finished background tasks",
                rule,
                sorted(str(pk) for pk in finished.values_list("id", flat=True)),
            )
        )
    expired = export_jobs.expired_jobs(now)
    removals.append(
        Removal(
            "expired export files",
            f"PEOPLE_EXPORT_LINK_HOURS={settings.PEOPLE_EXPORT_LINK_HOURS} (hours)",
            sorted(str(pk) for pk in expired.values_list("id", flat=True)),
        )
    )
    return removals


def _person_log(cutoff: dt.datetime):
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Person), timestamp__lt=cutoff
    )


def _apply(removals: list[Removal]) -> None:
    by_what = {r.what: r.ids for r in removals}
    SourceRecord.objects.filter(id__in=by_what.get("tombstoned source records", [])).delete()
    forget_people(by_what.get("inactive people", []))
    AuditEvent.objects.filter(id__in=by_what.get("audit events", [])).delete()
    ModelLogEntry.objects.filter(
        id__in=by_what.get("log entries of people (Site history)", [])
    ).delete()
    if by_what.get("finished background tasks"):
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.filter(id__in=by_what["finished background tasks"]).delete()
    for job in ExportJob.objects.filter(pk__in=by_what.get("expired export files", [])):
        export_jobs.delete_file(job)
        job.delete()


def apply_policy(now: dt.datetime | None = None, *, dry_run: bool = False) -> list[Removal]:
    """Remove what the retention policy says is too old at `now` (nothing when `dry_run`).

    Returns what was (or would be) removed, rule by rule. A real run is
    recorded in the audit trail with its counts.
    """
    now = now or timezone.now()
    with transaction.atomic():
        removals = plan(now)
        if not dry_run:
            _apply(removals)
        for _receiver, answer in retention_due.send(sender=Person, now=now, dry_run=dry_run):
            removals.extend(answer or [])
        if not dry_run:
            audit.record(
                None,
                audit.Action.RETENTION,
                details={r.what: r.count for r in removals},
            )
    return removals
