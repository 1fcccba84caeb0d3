"""The CRM mirror's part of data protection: erasure and retention of its runs and errors.

`people` announces erasures and retention runs with signals (it never imports
this app); the receivers here delete what this app keeps of those people and
what the retention policy says is too old.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from django.dispatch import receiver

from people.retention import Removal, months_before
from people.signals import people_erased, retention_due

from . import import_jobs
from .models import ImportJob, RecordError, RecordWarning, SyncRun


@receiver(people_erased, dispatch_uid="crm_sync_forget_record_errors")
def forget_record_errors(sender, records, emails, **kwargs) -> None:
    """Record errors and warnings about erased people: by their CRM records' ids, or
    quoting their email."""
    by_agency: dict[str, set[str]] = defaultdict(set)
    for agency, channel, source_id in records:
        if channel == "crm":
            by_agency[agency].add(source_id)
    quoting = Q()
    for agency, source_ids in by_agency.items():
        quoting |= Q(run__connection__agency=agency, source_id__in=source_ids)
    for email in emails:
        quoting |= Q(message__icontains=email)
    if quoting:
        RecordError.objects.filter(quoting).delete()
        RecordWarning.objects.filter(quoting).delete()


@receiver(retention_due, dispatch_uid="crm_sync_retention")
def apply_retention(sender, now, dry_run, **kwargs) -> list[Removal]:
    """Sync runs older than PEOPLE_RETENTION_SYNC_RUNS_MONTHS (with their errors), record
    errors older than PEOPLE_RETENTION_RECORD_ERRORS_MONTHS, and spreadsheet imports (with
    their uploaded files) older than CRM_IMPORT_RETENTION_HOURS."""
    removals = []
    months = settings.PEOPLE_RETENTION_SYNC_RUNS_MONTHS
    run_ids: list[int] = []
    if months:
        runs = SyncRun.objects.filter(started_at__lt=months_before(now, months)).exclude(
            status=SyncRun.Status.RUNNING
        )
        run_ids = sorted(runs.values_list("id", flat=True))
        removals.append(
            Removal("sync runs", f"PEOPLE_RETENTION_SYNC_RUNS_MONTHS={months} (months)", run_ids)
        )
    months = settings.PEOPLE_RETENTION_RECORD_ERRORS_MONTHS
    if months:
        errors = RecordError.objects.filter(run__started_at__lt=months_before(now, months))
        removals.append(
            Removal(
                "record errors",
                f"PEOPLE_RETENTION_RECORD_ERRORS_MONTHS={months} (months)",
                sorted(errors.exclude(run_id__in=run_ids).values_list("id", flat=True)),
            )
        )
        # Warnings quote records as errors do: they go at the same age.
        warnings = RecordWarning.objects.filter(run__started_at__lt=months_before(now, months))
        removals.append(
            Removal(
                "record warnings",
                f"PEOPLE_RETENTION_RECORD_ERRORS_MONTHS={months} (months)",
                sorted(warnings.exclude(run_id__in=run_ids).values_list("id", flat=True)),
            )
        )
    # Uploaded spreadsheets hold people's data as sent: they go with their import job,
    # also when nobody uploads or imports again (which is when they were purged before).
    jobs = Removal(
        "import jobs",
        f"CRM_IMPORT_RETENTION_HOURS={settings.CRM_IMPORT_RETENTION_HOURS} (hours)",
        sorted(str(pk) for pk in import_jobs.expired_jobs(now).values_list("id", flat=True)),
    )
    if not dry_run:
        models = {"sync runs": SyncRun, "record errors": RecordError}
        for removal in removals:
            models.get(removal.what, RecordWarning).objects.filter(id__in=removal.ids).delete()
        import_jobs.delete_jobs(ImportJob.objects.filter(id__in=jobs.ids))
    return [*removals, jobs]
