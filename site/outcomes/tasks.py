"""The weekly follow-up run on the task queue (django-tasks).

`weekly_follow_ups` does what `manage.py outcomes_follow_ups --digest` does,
then queues itself for the next Monday morning, so one
`manage.py outcomes_follow_ups --schedule` (or the first run) keeps it going
for as long as a worker serves the queue:
`manage.py db_worker --backend outcomes --queue-name outcomes`.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django_tasks import task

RUN_AT = dt.time(7, 0)  # Monday, 07:00 local time


def next_run(now: dt.datetime | None = None) -> dt.datetime:
    """The next Monday at 07:00 (local time) strictly after `now`."""
    local = timezone.localtime(now or timezone.now(), ZoneInfo(settings.TIME_ZONE))
    day = local.date() + dt.timedelta(days=(7 - local.weekday()) % 7)
    candidate = dt.datetime.combine(day, RUN_AT, tzinfo=local.tzinfo)
    if candidate <= local:
        candidate += dt.timedelta(days=7)
    return candidate


def is_scheduled() -> bool:
    """True when a future run is already waiting in the queue."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=weekly_follow_ups.module_path, status="READY"
    ).exists()


def schedule_next() -> dt.datetime | None:
    """Queue the next weekly run unless one is waiting; return when it will run."""
    if is_scheduled():
        return None
    when = next_run()
    weekly_follow_ups.using(run_after=when).enqueue()
    return when


@task(backend="outcomes", queue_name="outcomes")
def weekly_follow_ups() -> dict:
    """Create missing reminders, send the weekly digests, queue next week's run."""
    from .follow_ups import run_follow_ups

    report = run_follow_ups(digest=True)
    schedule_next()
    return report
