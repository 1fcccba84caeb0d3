"""The directory's audit trail: who viewed, searched, exported, merged or erased, and when.

`record()` is the one entry point, for this app and the apps above it (the
search views call it with the query typed). Events name people by id only and
searches by the query, never by their results. The trail is visible to the
"Data protection" group (`people.view_auditevent`), kept for
`PEOPLE_RETENTION_AUDIT_MONTHS` and included in subject access exports.
"""

from collections.abc import Iterable
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import AuditEvent, AuditSubject
from .normalize import fold, normalize_name

Action = AuditEvent.Action
# Typing a query letter by letter (suggestions) extends the same event for this
# long instead of writing one event per keystroke.
COALESCE = timedelta(minutes=1)
QUERY_LENGTH = AuditEvent._meta.get_field("query").max_length
SCRUBBED = "[erased]"


def _person_ids(people: Iterable) -> list[int]:
    return sorted({int(getattr(p, "pk", p)) for p in people if p is not None})


def record(
    user,
    action: str,
    *,
    people: Iterable = (),
    query: str | None = None,
    count: int | None = None,
    details: dict | None = None,
) -> AuditEvent:
    """Write one audit event: `user` (None for the command line) did `action`.

    `people` are the people (or ids) the action concerns; `query` is what was
    searched; `count` how many people (an export); `details` anything else
    that names no one (format, purpose, filters).
    """
    ids = _person_ids(people)
    query = (query or "")[:QUERY_LENGTH]
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    with transaction.atomic():
        event = AuditEvent.objects.create(
            user=user if authenticated else None,
            username=user.get_username() if authenticated else "",
            action=action,
            query=query,
            query_key=fold(query)[:QUERY_LENGTH],
            count=count,
            details=details or {},
        )
        AuditSubject.objects.bulk_create(
            [AuditSubject(event=event, person_id=i) for i in ids], batch_size=5000
        )
    return event


def record_search(user, query: str, *, filters: dict | None = None) -> AuditEvent:
    """Record a search (or suggestions while typing) of `query` by `user`.

    `filters` are the facets chosen (empty ones are left out). A query that
    extends or repeats the user's previous one within a minute ("hél" →
    "hélène", the next page) updates that event instead of adding one per
    keystroke. Empty queries (browsing facets) count too: they list people.
    """
    query = (query or "").strip()[:QUERY_LENGTH]
    details = {name: values for name, values in (filters or {}).items() if values}
    if user is not None and getattr(user, "is_authenticated", False):
        previous = (
            AuditEvent.objects.filter(
                user=user, action=Action.SEARCH, at__gte=timezone.now() - COALESCE
            )
            .order_by("-at", "-id")
            .first()
        )
        if previous and (query.startswith(previous.query) or previous.query.startswith(query)):
            if len(query) > len(previous.query):
                previous.query, previous.query_key = query, fold(query)[:QUERY_LENGTH]
            previous.at = timezone.now()
            previous.details = {**previous.details, **details}
            previous.save(update_fields=["query", "query_key", "at", "details"])
            return previous
    return record(user, Action.SEARCH, query=query, details=details)


def events_about(person_ids: Iterable[int]):
    """The audit events concerning these people, oldest first."""
    return (
        AuditEvent.objects.filter(subjects__person_id__in=list(person_ids))
        .distinct()
        .order_by("at", "id")
    )


def scrub_queries(names: Iterable[tuple[str, str]], emails: Iterable[str]) -> int:
    """Blank the recorded queries that name an erased person; return how many.

    `names` are (first name, last name) pairs. A query names a person when it
    holds one of their emails, or a word of their first name and a word of
    their last name (accents, case and punctuation aside). The events stay:
    who searched and when remains accountable.
    """
    hits: set[int] = set()
    for email in {fold(e) for e in emails if e}:
        hits.update(
            AuditEvent.objects.filter(query_key__contains=email).values_list("pk", flat=True)
        )
    for first, last in names:
        first_words = set(normalize_name(first).split())
        last_words = {w for w in normalize_name(last).split() if len(w) > 2}
        if not first_words or not last_words:
            continue
        mentions = Q()
        for word in last_words:
            mentions |= Q(query_key__contains=word)
        for pk, key in AuditEvent.objects.filter(mentions).values_list("pk", "query_key"):
            words = set(normalize_name(key).split())
            if words & first_words and words & last_words:
                hits.add(pk)
    return AuditEvent.objects.filter(pk__in=hits).update(query=SCRUBBED, query_key="", details={})
