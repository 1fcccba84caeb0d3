"""The right of access and to portability (GDPR art. 15 and 20): everything held on a person.

`find_people(email)` finds whoever has that email anywhere (a current email,
any email a source record holds, live or gone from its source); `document()`
gathers everything the directory holds on them — the person and where each
value came from, each source record per agency with its dates, attendance,
projects, merges and duplicate decisions, consent, the admin's change log and
the audit trail of who viewed, exported or changed them — as one JSON-ready
dictionary; `render_html()` makes the readable version in French, Dutch or
English. Both are recorded in the audit trail.
"""

import datetime as dt
import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy
from wagtail.models import ModelLogEntry

from . import audit
from .erasure import erased_on, same_human
from .labels import FIELD_LABELS, consent_label
from .models import (
    SOURCE_FIELDS,
    Attendance,
    AuditEvent,
    Merge,
    Person,
    PersonEmail,
    PossibleDuplicate,
    SourceRecord,
)
from .normalize import normalize_email
from .signals import subject_access_requested

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# Wagtail's own actions on a person (the curated-fields form).
WAGTAIL_ACTIONS = {
    "wagtail.create": gettext_lazy("Created"),
    "wagtail.edit": gettext_lazy("Sectors or notes changed"),
}


def language_for(person: Person | None, requested: str | None = None) -> str:
    """The requester's language: the one asked for, else the person's own, else French."""
    for code in (requested, (person.language if person else "") or ""):
        code = (code or "").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return settings.LANGUAGE_CODE


def find_people(email: str) -> list[Person]:
    """Everyone (one per human: merged people come with their survivor) holding `email`."""
    normalized = normalize_email(email)
    if not normalized:
        return []
    ids = set(PersonEmail.objects.filter(email=normalized).values_list("person_id", flat=True))
    ids |= set(Person.objects.filter(email__iexact=normalized).values_list("id", flat=True))
    # Any email a source record holds, live or gone from its source (a text
    # match first, works on every database; then the exact list member).
    for person_id, data in SourceRecord.objects.filter(
        data__emails__icontains=normalized, person__isnull=False
    ).values_list("person_id", "data"):
        if normalized in data.get("emails", []):
            ids.add(person_id)
    found: dict[int, Person] = {}
    for person in Person.objects.filter(id__in=ids):
        root = same_human(person)[0]
        found[root.pk] = root
    return sorted(found.values(), key=lambda p: p.pk)


def _when(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _person(person: Person) -> dict:
    data = {name: getattr(person, name) for name in SOURCE_FIELDS if name != "organisation"}
    data["organisation"] = person.organisation.name if person.organisation else ""
    return {
        "id": person.pk,
        **data,
        "contact_consent": person.contact_consent,
        "provenance": person.provenance,
        "emails": sorted(person.emails.values_list("email", flat=True)),
        "sectors": sorted(s.name for s in person.sectors.all()),
        "notes": person.notes,
        "active": person.is_active,
        "merged_into": person.merged_into_id,
        "created_at": _when(person.created_at),
        "updated_at": _when(person.updated_at),
    }


def _records(ids: list[int]) -> list[dict]:
    return [
        {
            "agency": r.agency,
            "channel": r.channel,
            "source_id": r.source_id,
            "modified_at_source": _when(r.modified_at),
            "first_seen_at": _when(r.first_seen_at),
            "last_confirmed_at": _when(r.confirmed_at),
            "gone_from_source_at": _when(r.tombstoned_at),
            "data": r.data,
        }
        for r in SourceRecord.objects.filter(person_id__in=ids).order_by(
            "agency", "channel", "source_id"
        )
    ]


def _attendance(ids: list[int]) -> list[dict]:
    from .models import Attendance

    return [
        {
            "edition": a.edition.title,
            "date": _when(getattr(a.edition, "start", None)),
            "role": a.role,
            "status": a.status,
            "checked_in_at": a.checked_in_at.isoformat() if a.checked_in_at else None,
        }
        for a in Attendance.objects.filter(person_id__in=ids).select_related("edition")
    ]


def _projects(ids: list[int]) -> list[dict]:
    from .models import Project

    return [
        {"title": p.title, "kind": p.kind, "stage": p.stage, "description": p.description}
        for p in Project.objects.filter(participants__in=ids).distinct().order_by("title")
    ]


def _merges(ids: list[int]) -> list[dict]:
    merges = Merge.objects.filter(Q(survivor_id__in=ids) | Q(merged_id__in=ids))
    return [
        {
            "survivor": m.survivor_id,
            "merged": m.merged_id,
            "merged_at": _when(m.merged_at),
            "merged_by": m.merged_by.get_username() if m.merged_by else "",
            "undone_at": _when(m.undone_at),
        }
        for m in merges.select_related("merged_by").order_by("merged_at")
    ]


def _duplicates(ids: list[int]) -> list[dict]:
    pairs = PossibleDuplicate.objects.filter(Q(first_id__in=ids) | Q(second_id__in=ids))
    return [
        {
            "people": [p.first_id, p.second_id],
            "matching_fields": p.reasons,
            "status": p.status,
            "decided_at": _when(p.decided_at),
            "decided_by": p.decided_by.get_username() if p.decided_by else "",
        }
        for p in pairs.select_related("decided_by").order_by("created_at")
    ]


def _log(ids: list[int]) -> list[dict]:
    """Changes made in the admin (Wagtail's log) and the audit trail, oldest first."""
    entries = [
        {
            "at": _when(e.timestamp),
            "user": e.user.get_username() if e.user else "",
            "action": e.action,
            "query": "",
            "people": [int(e.object_id)],
        }
        for e in ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Person),
            object_id__in=[str(i) for i in ids],
        ).select_related("user")
    ]
    entries += [
        {
            "at": _when(event.at),
            "user": event.username,
            "action": f"people.{event.action}",
            "query": event.query,
            "people": sorted(s.person_id for s in event.subjects.all() if s.person_id in ids),
            "count": event.count,
        }
        for event in audit.events_about(ids).prefetch_related("subjects")
    ]
    return sorted(entries, key=lambda e: e["at"])


def _other(ids: list[int]) -> dict:
    """What the apps above the directory hold on these people (see `subject_access_requested`)."""
    sections: dict = {}
    for _receiver, answer in subject_access_requested.send(sender=Person, person_ids=ids):
        for key, section in (answer or {}).items():
            sections[key] = {"label": section["label"], "items": section["items"]}
    return sections


def document(people: list[Person], requested_email: str = "") -> dict:
    """Everything held on `people` (one entry per human), found for `requested_email`."""
    normalized = normalize_email(requested_email)
    erasure = erased_on(normalized) if normalized and not people else None
    humans = []
    for person in people:
        everyone = same_human(person)
        ids = [p.pk for p in everyone]
        humans.append(
            {
                "person": _person(everyone[0]),
                "merged_people": [_person(p) for p in everyone[1:]],
                "source_records": _records(ids),
                "attendance": _attendance(ids),
                "projects": _projects(ids),
                "merges": _merges(ids),
                "duplicate_decisions": _duplicates(ids),
                "log": _log(ids),
                "other": _other(ids),
            }
        )
    return {
        "requested_email": requested_email,
        "generated_at": timezone.now().isoformat(),
        "controller": settings.WAGTAIL_SITE_NAME,
        "erased_at": _when(erasure.erased_at) if erasure else None,
        "people": humans,
    }


def render_json(doc: dict) -> str:
    """The machine-readable version (art. 20: a structured, commonly used format)."""
    return json.dumps(doc, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _local(value: str | None) -> str:
    """An ISO date and time from the document, as the active language writes it."""
    moment = parse_datetime(value or "")
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else ""


DATES = ("modified_at_source", "first_seen_at", "last_confirmed_at", "gone_from_source_at")


def _readable(human: dict) -> dict:
    """One human's part of the document, with translated labels and local dates."""
    person = human["person"]
    provenance = person["provenance"]
    fields = [
        {
            "label": label,
            "value": consent_label(person[name]) if name == "contact_consent" else person[name],
            "agency": provenance.get(name, {}).get("agency", ""),
            "modified": provenance.get(name, {}).get("modified", ""),
        }
        for name, label in FIELD_LABELS.items()
    ]
    labels = {**dict(AuditEvent.Action.choices), **WAGTAIL_ACTIONS}
    log = [
        {
            **entry,
            "at": _local(entry["at"]),
            "label": labels.get(entry["action"].removeprefix("people."), entry["action"]),
        }
        for entry in human["log"]
    ]
    records = [{**r, **{k: _local(r[k]) for k in DATES}} for r in human["source_records"]]
    roles, statuses = dict(Attendance.Role.choices), dict(Attendance.Status.choices)
    attendance = [
        {
            **a,
            "date": _local(a["date"]),
            "role": roles.get(a["role"], a["role"]),
            "status": statuses.get(a["status"], a["status"]),
        }
        for a in human["attendance"]
    ]
    merges = [
        {**m, "merged_at": _local(m["merged_at"]), "undone_at": _local(m["undone_at"])}
        for m in human["merges"]
    ]
    decisions = [{**d, "decided_at": _local(d["decided_at"])} for d in human["duplicate_decisions"]]
    return {
        **human,
        "fields": fields,
        "log": log,
        "source_records": records,
        "attendance": attendance,
        "merges": merges,
        "duplicate_decisions": decisions,
    }


def render_html(doc: dict, language: str) -> str:
    """The readable version, in `language` (fr, nl or en)."""
    with translation.override(language):
        return render_to_string(
            "people/subject_access.html",
            {
                "doc": doc,
                "generated_at": _local(doc["generated_at"]),
                "erased_at": _local(doc["erased_at"]),
                "humans": [_readable(h) for h in doc["people"]],
                "language": language,
                "channels": dict(SourceRecord.Channel.choices),
            },
        )


def export(
    people: list[Person],
    file_format: str,
    user=None,
    *,
    language: str | None = None,
    requested_email: str = "",
) -> tuple[str, str]:
    """(the document as text, its language) for `people`; recorded in the audit trail.

    `file_format` is "json" or "html"; `language` defaults to the person's own.
    """
    if file_format not in ("json", "html"):
        raise ValueError(file_format)
    doc = document(people, requested_email)
    language = language_for(people[0] if people else None, language)
    text = render_json(doc) if file_format == "json" else render_html(doc, language)
    ids = [p["person"]["id"] for p in doc["people"]]
    ids += [m["id"] for p in doc["people"] for m in p["merged_people"]]
    audit.record(
        user,
        audit.Action.SUBJECT_ACCESS,
        people=ids,
        details={"format": file_format, "language": language, "found": len(people)},
    )
    return text, language
