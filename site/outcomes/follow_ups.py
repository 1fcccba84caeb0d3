"""Follow-ups at 3, 6 and 12 months: who has to ask how it went, and the weekly digest.

`run_follow_ups` is what the weekly task and `manage.py outcomes_follow_ups`
both run: it creates the reminders missing (encounters added in bulk or
before this existed), counts what is due, and emails each owner who asked for
it the list of their reminders due. A dry run counts the same and sends nothing.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .ladder import record_step, schedule_follow_ups, today
from .models import FOLLOW_UP_MONTHS, DigestSubscription, Encounter, FollowUp

logger = logging.getLogger("outcomes.follow_ups")

# "Due" includes what falls due in the coming week, so a weekly digest never misses one.
DUE_WITHIN_DAYS = 7


def due_follow_ups(
    user=None, on: dt.date | None = None, unassigned: bool = True
) -> QuerySet[FollowUp]:
    """Open reminders due within a week of `on` (today), oldest first.

    Given a `user`: theirs, and (with `unassigned`) those of encounters nobody
    follows up yet, so no reminder is left without someone to see it.
    """
    limit = (on or today()) + dt.timedelta(days=DUE_WITHIN_DAYS)
    follow_ups = FollowUp.objects.filter(closed_at__isnull=True, due_on__lte=limit)
    if user is not None:
        mine = Q(encounter__owner=user)
        follow_ups = follow_ups.filter(
            mine | Q(encounter__owner__isnull=True) if unassigned else mine
        )
    return follow_ups.select_related("encounter__edition", "encounter__owner").order_by(
        "due_on", "id"
    )


@transaction.atomic
def close_follow_up(
    follow_up: FollowUp,
    user,
    result: str,
    stage: str = "",
    reached_on: dt.date | None = None,
    kind: str = "",
    note: str = "",
) -> FollowUp:
    """Close a reminder with the answer: a new step on the ladder, or "no news"."""
    step = None
    if result == FollowUp.Result.STEP:
        step = record_step(
            follow_up.encounter, stage, reached_on or today(), user, kind=kind, note=note
        )
    follow_up.result = result
    follow_up.step = step
    follow_up.closed_at = timezone.now()
    follow_up.closed_by = user
    follow_up.save(update_fields=["result", "step", "closed_at", "closed_by"])
    return follow_up


def send_digests(on: dt.date | None = None, dry_run: bool = False) -> int:
    """Email each subscribed owner their reminders due; return how many emails (would) go."""
    sent = 0
    subscriptions = DigestSubscription.objects.select_related("user").filter(user__is_active=True)
    for subscription in subscriptions:
        user = subscription.user
        if not user.email:
            continue
        due = list(due_follow_ups(user, on, unassigned=False))
        if not due:
            continue
        sent += 1
        if dry_run:
            continue
        language = getattr(user, "wagtail_userprofile", None)
        language = getattr(language, "preferred_language", "") or settings.LANGUAGE_CODE
        with translation.override(language):
            body = render_to_string(
                "outcomes/admin/digest_email.txt",
                {
                    "user": user,
                    "follow_ups": due,
                    "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
                },
            )
            subject = _("Passerelles: %(count)s follow-ups to make this week") % {"count": len(due)}
        send_mail(subject, body, None, [user.email])
        subscription.last_sent_at = timezone.now()
        subscription.save(update_fields=["last_sent_at"])
    return sent


def run_follow_ups(
    on: dt.date | None = None, digest: bool = False, dry_run: bool = False
) -> dict[str, int]:
    """Create missing reminders, count what is due, optionally send the digests."""
    on = on or today()
    lacking = list(
        Encounter.objects.annotate(n=Count("follow_ups")).filter(n__lt=len(FOLLOW_UP_MONTHS))
    )
    if dry_run:
        scheduled = sum(len(FOLLOW_UP_MONTHS) - e.n for e in lacking)
    else:
        scheduled = schedule_follow_ups(lacking)
    due = due_follow_ups(on=on)
    report = {
        "scheduled": scheduled,
        "due": due.count(),
        "overdue": due.filter(due_on__lt=on).count(),
        "digests": send_digests(on, dry_run=dry_run) if digest else 0,
    }
    logger.info("follow-ups: %s", report)
    return report
