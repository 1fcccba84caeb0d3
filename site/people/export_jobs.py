"""Exports from the admin, prepared in the background (django-tasks).

A request only queues an `ExportJob` (who, which people, which format and
purpose); the `people_exports` worker writes the file, reporting its progress,
into a private directory (`PEOPLE_EXPORT_ROOT`, never served by the web
server). Its owner downloads it until `PEOPLE_EXPORT_LINK_HOURS` have passed;
then the link answers 404 and `people_retention` deletes the file. Each user
may start `PEOPLE_EXPORTS_PER_HOUR` exports an hour. Erasing a person withdraws
the files that include them.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .export import FORMATS, export_people, for_purpose
from .models import ExportJob, Person

logger = logging.getLogger("people.export")


class ExportLimitReached(Exception):
    """The user started as many exports this hour as they may; the message says when to retry."""


def storage() -> FileSystemStorage:
    """Where prepared exports are written: a private directory, not MEDIA_ROOT."""
    return FileSystemStorage(location=settings.PEOPLE_EXPORT_ROOT)


def exports_left(user) -> int:
    """How many more exports `user` may start this hour."""
    since = timezone.now() - timedelta(hours=1)
    used = ExportJob.objects.filter(user=user, created_at__gte=since).count()
    return max(0, settings.PEOPLE_EXPORTS_PER_HOUR - used)


@transaction.atomic
def queue_export(
    user,
    people,
    file_format: str,
    *,
    purpose: str = ExportJob.Purpose.DIRECTORY,
    include_refused: bool = False,
    search: dict | None = None,
) -> ExportJob:
    """Queue an export of the people in the queryset `people` for `user`'s download.

    `search` ({"query": …, "filters": {…}}) names the staff search the people
    come from, for the audit trail. Raises `ExportLimitReached` past the
    hourly limit and ValueError on an unknown format or purpose.
    """
    if file_format not in FORMATS:
        raise ValueError(file_format)
    # Serialise a user's requests, so two at once cannot both pass the limit.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if exports_left(user) <= 0:
        raise ExportLimitReached(
            _("You have started %(limit)s exports in the last hour; try again later.")
            % {"limit": settings.PEOPLE_EXPORTS_PER_HOUR}
        )
    ids = list(for_purpose(people, purpose, include_refused).values_list("id", flat=True))
    job = ExportJob.objects.create(
        user=user,
        file_format=file_format,
        purpose=purpose,
        include_refused=include_refused,
        total=len(ids),
        person_ids=ids,
        search=search or {},
    )
    from .tasks import run_export

    transaction.on_commit(lambda: run_export.enqueue(str(job.pk)))
    return job


def run_job(job_id: str) -> ExportJob:
    """Prepare the file of a queued export (what the worker runs)."""
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    if job.status != ExportJob.Status.QUEUED:
        return job
    job.status = ExportJob.Status.RUNNING
    job.save(update_fields=["status"])

    def progress(done: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(done=done)

    # Order as the screens do; people erased since the request are gone.
    people = Person.objects.filter(id__in=job.person_ids).order_by("last_name", "first_name", "id")
    try:
        data = export_people(
            people,
            job.file_format,
            user=job.user,
            purpose=job.purpose,
            include_refused=job.include_refused,
            progress=progress,
            search=job.search,
        )
    except Exception as error:
        logger.exception("export %s failed", job.pk)
        job.status, job.error = ExportJob.Status.FAILED, type(error).__name__
        job.save(update_fields=["status", "error"])
        return job
    content = data.encode() if isinstance(data, str) else data
    name = storage().save(f"{job.pk}.{job.file_format}", ContentFile(content))
    now = timezone.now()
    # A person erased while the file was written withdraws it (see erasure).
    updated = ExportJob.objects.filter(pk=job.pk, status=ExportJob.Status.RUNNING).update(
        status=ExportJob.Status.READY,
        file_name=name,
        finished_at=now,
        expires_at=now + timedelta(hours=settings.PEOPLE_EXPORT_LINK_HOURS),
        done=job.total,
        search={},  # the audit trail has it now (and scrubs it on erasure)
    )
    if not updated:  # withdrawn by an erasure while the file was written
        storage().delete(name)
    job.refresh_from_db()
    return job


def withdraw(person_ids: set[int]) -> None:
    """Exports that include these (erased) people: files deleted, queued ones without them."""
    Status = ExportJob.Status
    jobs = ExportJob.objects.select_for_update().filter(
        status__in=[Status.QUEUED, Status.RUNNING, Status.READY]
    )
    for job in jobs:
        if not person_ids.intersection(job.person_ids):
            continue
        if job.status == Status.QUEUED:
            job.person_ids = [i for i in job.person_ids if i not in person_ids]
            job.total = len(job.person_ids)
        else:
            delete_file(job)
            job.status, job.person_ids = Status.WITHDRAWN, []
        job.search = {}  # the query may name them
        job.save(update_fields=["status", "person_ids", "total", "file_name", "search"])


def delete_file(job: ExportJob) -> None:
    """Delete a job's prepared file (the caller saves the job)."""
    if job.file_name:
        storage().delete(job.file_name)
        job.file_name = ""


def expired_jobs(now=None):
    """Export jobs whose download link has expired or that never produced a file in a day."""
    now = now or timezone.now()
    return ExportJob.objects.filter(expires_at__lte=now) | ExportJob.objects.filter(
        expires_at__isnull=True, created_at__lte=now - timedelta(days=1)
    )
