"""Preparing search documents from the directory, in bulk, with few queries.

The rebuild bottleneck is Python-side preparation, not the engine: people
and projects are prepared a batch at a time with their relations prefetched.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Attendance, Person, PersonEmail, Project, SourceRecord

from .normalize import (
    email_terms,
    glued,
    name_keys,
    name_terms,
    phone_terms,
    text_terms,
    with_stems,
)
from .places import country_code, country_terms, place_terms
from .scoring import quality

FACETS = ("sector", "agency", "edition", "country", "kind", "stage", "consent")
CONSENT = {True: "yes", False: "no", None: "unknown"}


def _source_edition_slugs() -> dict[str, str]:
    """translation key → slug of the edition in the source language (a stable facet value)."""
    from editions.models import EditionPage

    return {
        str(key): slug
        for key, slug in EditionPage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        ).values_list("translation_key", "slug")
    }


def _agency_slugs() -> dict[int, str]:
    """Agency page id (any language) → the agency's stable slug."""
    from agencies.models import AgencyPage

    return dict(AgencyPage.objects.values_list("id", "slug"))


def _grouped(rows: Iterable[tuple], owners: list[int]) -> dict[int, list]:
    """(owner id, value…) rows of these owners → {owner id: [value…]} (a single value unwrapped)."""
    wanted = set(owners)
    grouped: dict[int, list] = {}
    for owner, *values in rows:
        if owner in wanted:
            grouped.setdefault(owner, []).append(values[0] if len(values) == 1 else tuple(values))
    return grouped


def _among(field: str, ids: list[int]) -> Q:
    """`field` is one of `ids`: as a range when they are dense (a rebuild reads them in
    order), since a list of hundreds of parameters costs more to build than the rows;
    callers keep only the ids they asked for."""
    if ids and max(ids) - min(ids) < 2 * len(ids):
        return Q(**{f"{field}__gte": min(ids), f"{field}__lte": max(ids)})
    return Q(**{f"{field}__in": ids})


def people_documents(ids: Iterable[int]) -> list[dict]:
    """Search documents for these people (inactive or merged people give none).

    Read as plain rows, one query per relation, no model instances: preparing
    documents is what a rebuild spends its time on.
    """
    ids = list(ids)
    wanted = set(ids)
    editions = _source_edition_slugs()
    roles = {value: str(label) for value, label in Attendance.Role.choices}
    people = [
        row
        for row in (
            Person.objects.filter(_among("id", ids), is_active=True, merged_into__isnull=True)
            .order_by("id")
            .values_list(
                "id",
                "first_name",
                "last_name",
                "email",
                "phone",
                "organisation__name",
                "job_title",
                "city",
                "country",
                "contact_consent",
            )
        )
        if row[0] in wanted
    ]
    found = [row[0] for row in people]
    sectors_of = _grouped(
        Person.sectors.through.objects.filter(_among("person_id", found)).values_list(
            "person_id", "sector__slug"
        ),
        found,
    )
    records_of = _grouped(
        SourceRecord.objects.filter(
            _among("person_id", found), tombstoned_at__isnull=True
        ).values_list("person_id", "agency", "modified_at"),
        found,
    )
    emails_of = _grouped(
        PersonEmail.objects.filter(_among("person_id", found)).values_list("person_id", "email"),
        found,
    )
    attendances_of = _grouped(
        # The edition facet is where people came: not registrations, waiting
        # lists, cancellations or no-shows (people.Attendance.status).
        Attendance.objects.filter(
            _among("person_id", found), status=Attendance.Status.ATTENDED
        ).values_list("person_id", "edition__translation_key", "edition__slug", "role"),
        found,
    )
    projects_of = _grouped(
        Project.participants.through.objects.filter(_among("person_id", found))
        .order_by("project_id")
        .values_list("person_id", "project__title"),
        found,
    )
    documents = []
    now = timezone.now()
    for row in people:
        pid, first, last, email, phone, organisation, job, city, country_name, consent = row
        organisation = organisation or ""
        display = f"{first} {last}".strip() or email or str(_("(no name)"))
        sectors = sorted(set(sectors_of.get(pid, [])))
        attendances = attendances_of.get(pid, [])
        attended = sorted({editions.get(str(key), slug) for key, slug, _role in attendances})
        attendance_roles = sorted({roles.get(role, role) for _key, _slug, role in attendances})
        projects = projects_of.get(pid, [])
        records = records_of.get(pid, [])
        emails = [e for e in dict.fromkeys([email, *emails_of.get(pid, [])]) if e]
        contact, email_words = [], []
        for address in emails:
            whole, words = email_terms(address)
            contact += whole
            email_words += words
        phones = phone_terms(phone)
        organisation_words = text_terms(organisation)
        country = country_code(country_name) or country_name
        known = consent is not None
        filled = [emails, phone, organisation, job, city, country_name, sectors, known]
        documents.append(
            {
                "kind": "person",
                "object_id": pid,
                "title": display,
                "subtitle": " · ".join(v for v in (job, organisation, city) if v),
                "sort_name": " ".join(name_terms(last, first)[:2]) or display.casefold(),
                "name_terms": name_terms(first, last),
                "key_terms": _unique(
                    organisation_words
                    + glued(organisation_words)
                    + list(place_terms(city))
                    + list(country_terms(country_name))
                ),
                "contact_terms": _unique(contact + phones),
                "text_terms": with_stems(
                    text_terms(" ".join([job, *projects, *attendance_roles])) + email_words
                ),
                # The whole name, email, phone, or organisation's name: the exact-key bonus.
                "keys": _unique(
                    name_keys(first, last) + contact[:1] + phones[:1] + name_keys(organisation)
                ),
                "quality": quality(
                    sum(1 for value in filled if value),
                    len(filled),
                    max((modified for _agency, modified in records), default=None),
                    now,
                ),
                "fields": {
                    "name": display,
                    "organisation": organisation,
                    "job_title": job,
                    "city": city,
                    "country": country_name,
                    "projects": " · ".join(projects),
                    # Shown only when the query names an email or a phone (see service).
                    "email": ", ".join(emails),
                    "phone": phone,  # digits: formatted when shown (service)
                },
                "facets": {
                    "sector": sectors,
                    "agency": sorted({agency for agency, _modified in records}),
                    "edition": attended,
                    "country": [country] if country else [],
                    "kind": [],
                    "stage": [],
                    "consent": [CONSENT[consent]],
                },
                "cross_sector": len(sectors) >= 2,
            }
        )
    return documents


def _unique(terms: list[str]) -> list[str]:
    # Without a generator per call (a rebuild calls it four times a document).
    unique = dict.fromkeys(terms)
    unique.pop("", None)
    unique.pop(None, None)
    return list(unique)


def project_documents(ids: Iterable[int]) -> list[dict]:
    """Search documents for these projects (plain rows, one query per relation)."""
    from stories.models import StoryPage

    editions = _source_edition_slugs()
    agencies = _agency_slugs()
    kinds = {value: str(label) for value, label in Project._meta.get_field("kind").choices}
    stages = {value: str(label) for value, label in Project._meta.get_field("stage").choices}
    ids = list(ids)
    wanted = set(ids)
    projects = [
        row
        for row in (
            Project.objects.filter(_among("id", ids))
            .order_by("id")
            .values_list(
                "id",
                "title",
                "description",
                "kind",
                "stage",
                "updated_at",
                "origin_edition__translation_key",
                "origin_edition__slug",
                "story_id",
            )
        )
        if row[0] in wanted
    ]
    found = [row[0] for row in projects]
    sectors_of = _grouped(
        Project.sectors.through.objects.filter(_among("project_id", found)).values_list(
            "project_id", "sector__slug"
        ),
        found,
    )
    participants_of = _grouped(
        Project.participants.through.objects.filter(_among("project_id", found))
        .order_by("person__last_name", "person__first_name", "person_id")
        .values_list("project_id", "person__first_name", "person__last_name", "person__email"),
        found,
    )
    agencies_of = _grouped(
        Project.agencies.through.objects.filter(_among("project_id", found)).values_list(
            "project_id", "agencypage_id"
        ),
        found,
    )
    stories = dict(
        StoryPage.objects.filter(
            id__in={row[-1] for row in projects if row[-1]}, live=True
        ).values_list("id", "title")
    )
    documents = []
    now = timezone.now()
    for pid, title, description, kind, stage, updated, key, slug, story_id in projects:
        sectors = sorted(set(sectors_of.get(pid, [])))
        people = participants_of.get(pid, [])
        participants = [f"{first} {last}".strip() or email for first, last, email in people]
        story = stories.get(story_id, "")
        title_words = text_terms(title)
        filled = [description, participants, story, sectors]
        documents.append(
            {
                "kind": "project",
                "object_id": pid,
                "title": title,
                "subtitle": " · ".join(v for v in (kinds.get(kind), stages.get(stage)) if v),
                "sort_name": " ".join(title_words) or title.casefold(),
                "name_terms": _unique(title_words + glued(title_words)),
                "key_terms": [],
                "contact_terms": [],
                "text_terms": with_stems(text_terms(" ".join([title, description, story])))
                + text_terms(" ".join(participants))
                + [t for first, last, _email in people for t in name_terms(first, last)],
                "keys": name_keys(title),
                "quality": quality(sum(1 for v in filled if v), len(filled), updated, now),
                "fields": {
                    "name": title,
                    "description": description,
                    "participants": ", ".join(participants),
                    "story": story,
                },
                "facets": {
                    "sector": sectors,
                    "agency": sorted(
                        {agencies[a] for a in agencies_of.get(pid, []) if a in agencies}
                    ),
                    "edition": [editions.get(str(key), slug)] if slug else [],
                    "country": [],
                    "kind": [kind] if kind else [],
                    "stage": [stage] if stage else [],
                    "consent": [],
                },
                "cross_sector": len(sectors) >= 2,
            }
        )
    return documents


def documents_for(kind: str, ids: Iterable[int]) -> list[dict]:
    """Documents of one kind ("person" or "project")."""
    return people_documents(ids) if kind == "person" else project_documents(ids)
