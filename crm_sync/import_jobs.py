"""Spreadsheet imports from the admin, run by the crm_sync worker (django-tasks).

The request only stores the upload in a private directory (`CRM_IMPORT_ROOT`,
never under MEDIA_ROOT) and creates an `ImportJob`; the job's page shows how
the columns are understood and the first rows, read from the stored file.
When the user confirms (check only, or import), the task `run_import` gets
the job's id — never a name or a file — and runs `import_spreadsheet` on the
stored file in the worker, reporting its progress on the job. A finished
import deletes the file; a successful check keeps it so the user can import
it without uploading it again. Jobs and their files older than
`CRM_IMPORT_RETENTION_HOURS` are deleted (`purge_expired`, called on each
upload and each run, and by `people_retention` through `crm_sync.privacy`).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation

from .models import ImportJob
from .spreadsheets import SpreadsheetError, import_spreadsheet

logger = logging.getLogger("crm_sync.import")


def storage() -> FileSystemStorage:
    """Where uploads wait for the worker: a private directory, not MEDIA_ROOT."""
    return FileSystemStorage(location=settings.CRM_IMPORT_ROOT)


def create_job(user, agency: str, upload: UploadedFile) -> ImportJob:
    """Store an upload privately, under the job's id, and return its (unconfirmed) job."""
    purge_expired()
    suffix = PurePath(upload.name).suffix.lower()
    job = ImportJob(
        user=user,
        agency=agency,
        original_name=upload.name[-255:],
        size=upload.size or 0,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    job.stored_name = storage().save(f"{job.pk}{suffix}", upload)
    job.save()
    return job


def start(job: ImportJob, *, dry_run: bool) -> None:
    """Queue a confirmed job for the worker (after the request's transaction commits)."""
    from .tasks import run_import

    job.dry_run = dry_run
    job.status = ImportJob.Status.QUEUED
    job.rows_done = job.rows_total = 0
    job.report, job.error, job.finished_at = {}, "", None
    job.save()
    transaction.on_commit(lambda: run_import.enqueue(str(job.pk)))


def run_job(job_id: str) -> ImportJob:
    """Check or import a queued job's file (what the worker runs)."""
    purge_expired()
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None or job.status != ImportJob.Status.QUEUED:
        return job
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.CHECKING)

    def progress(stage: str, done: int, total: int) -> None:
        # The check pass is outside the import's transaction, so its progress
        # shows at once; the import pass commits at its end (all or nothing).
        status = ImportJob.Status.CHECKING if stage == "check" else ImportJob.Status.IMPORTING
        ImportJob.objects.filter(pk=job.pk).update(status=status, rows_done=done, rows_total=total)

    with translation.override(job.language or settings.LANGUAGE_CODE):
        try:
            with storage().open(job.stored_name, "rb") as handle:
                report = import_spreadsheet(
                    job.agency, handle, job.original_name, dry_run=job.dry_run, progress=progress
                )
        except SpreadsheetError as error:
            job.status, job.error = ImportJob.Status.REFUSED, str(error)
        except Exception as error:
            # Only the kind of error: a message may quote the file's content.
            logger.error("spreadsheet import %s failed: %s", job.pk, type(error).__name__)
            job.status, job.error = ImportJob.Status.FAILED, type(error).__name__
        else:
            job.report = report.as_dict()
            job.rows_total = job.rows_done = report.rows
            job.status = ImportJob.Status.DONE if report.ok else ImportJob.Status.REFUSED
    job.finished_at = timezone.now()
    # A successful check keeps the file for the import that follows it.
    if not (job.dry_run and job.status == ImportJob.Status.DONE):
        delete_file(job)
    job.save()
    return job


def delete_file(job: ImportJob) -> None:
    """Delete a job's stored upload (the caller saves the job)."""
    if job.stored_name:
        storage().delete(job.stored_name)
        job.stored_name = ""


def expired_jobs(now=None):
    """Jobs older than CRM_IMPORT_RETENTION_HOURS, except one still running (unless its
    worker must have died long ago: a week)."""
    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.CRM_IMPORT_RETENTION_HOURS)
    return ImportJob.objects.filter(created_at__lt=cutoff).exclude(
        status__in=ImportJob.RUNNING
    ) | ImportJob.objects.filter(created_at__lt=now - timedelta(days=7))


def delete_jobs(jobs) -> int:
    """Delete these jobs and their stored files; return how many."""
    count = 0
    for job in jobs:
        delete_file(job)
        job.delete()
        count += 1
    return count


def purge_expired(now=None) -> int:
    """Delete jobs (and their files) older than CRM_IMPORT_RETENTION_HOURS; return how many."""
    return delete_jobs(expired_jobs(now))
