"""Preparing search documents from the directory, in bulk, with few queries.

The rebuild bottleneck is Python-side preparation, not the engine: people
and projects are prepared a batch at a time with their relations prefetched.
"""

from collections.abc import Iterable

import phonenumbers
from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

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
from .places import country_code, country_names, place_names
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


def people_documents(ids: Iterable[int]) -> list[dict]:
    """Search documents for these people (inactive or merged people give none)."""
    editions = _source_edition_slugs()
    people = (
        Person.objects.filter(id__in=list(ids), is_active=True, merged_into__isnull=True)
        .select_related("organisation")
        .prefetch_related(
            "sectors",
            Prefetch(
                "source_records",
                queryset=SourceRecord.objects.filter(tombstoned_at__isnull=True).only(
                    "person_id", "agency", "modified_at"
                ),
            ),
            Prefetch("emails", queryset=PersonEmail.objects.only("person_id", "email")),
            Prefetch("attendances", queryset=Attendance.objects.select_related("edition")),
            Prefetch("projects", queryset=Project.objects.only("id", "title")),
        )
    )
    documents = []
    now = timezone.now()
    for person in people:
        organisation = person.organisation.name if person.organisation else ""
        sectors = sorted({s.slug for s in person.sectors.all()})
        attended = sorted(
            {
                editions.get(str(a.edition.translation_key), a.edition.slug)
                for a in person.attendances.all()
            }
        )
        roles = sorted({f"{a.get_role_display()}" for a in person.attendances.all()})
        projects = [p.title for p in person.projects.all()]
        records = list(person.source_records.all())
        emails = list(dict.fromkeys([person.email, *(e.email for e in person.emails.all())]))
        emails = [e for e in emails if e]
        contact, email_words = [], []
        for email in emails:
            whole, words = email_terms(email)
            contact += whole
            email_words += words
        phones = phone_terms(person.phone)
        organisation_words = text_terms(organisation)
        country = country_code(person.country) or person.country
        fields = {
            "name": person.display_name,
            "organisation": organisation,
            "job_title": person.job_title,
            "city": person.city,
            "country": person.country,
            "projects": " · ".join(projects),
            # Shown only when the query names an email or a phone (see service).
            "email": ", ".join(emails),
            "phone": _display_phone(person.phone),
        }
        filled = [
            emails,
            person.phone,
            organisation,
            person.job_title,
            person.city,
            person.country,
            sectors,
            person.contact_consent is not None,
        ]
        documents.append(
            {
                "kind": "person",
                "object_id": person.id,
                "title": person.display_name,
                "subtitle": " · ".join(
                    v for v in (person.job_title, organisation, person.city) if v
                ),
                "sort_name": " ".join(name_terms(person.last_name, person.first_name)[:2])
                or person.display_name.casefold(),
                "name_terms": name_terms(person.first_name, person.last_name),
                "key_terms": _unique(
                    organisation_words
                    + glued(organisation_words)
                    + [t for name in place_names(person.city) for t in text_terms(name)]
                    + [t for name in country_names(person.country) for t in text_terms(name)]
                ),
                "contact_terms": _unique(contact + phones),
                "text_terms": with_stems(
                    text_terms(" ".join([person.job_title, *projects, *roles])) + email_words
                ),
                "keys": _unique(
                    name_keys(person.first_name, person.last_name) + contact[:1] + phones[:1]
                ),
                "quality": quality(
                    sum(1 for value in filled if value),
                    len(filled),
                    max((r.modified_at for r in records), default=None),
                    now,
                ),
                "fields": fields,
                "facets": {
                    "sector": sectors,
                    "agency": sorted({r.agency for r in records}),
                    "edition": attended,
                    "country": [country] if country else [],
                    "kind": [],
                    "stage": [],
                    "consent": [CONSENT[person.contact_consent]],
                },
                "cross_sector": len(sectors) >= 2,
            }
        )
    return documents


def _unique(terms: list[str]) -> list[str]:
    return list(dict.fromkeys(t for t in terms if t))


def _display_phone(phone: str) -> str:
    """A stored phone (international digits) as people read it: +32 470 11 22 33."""
    if not phone:
        return ""
    try:
        number = phonenumbers.parse("+" + phone.lstrip("+"))
    except phonenumbers.NumberParseException:
        return phone
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def project_documents(ids: Iterable[int]) -> list[dict]:
    """Search documents for these projects."""
    editions = _source_edition_slugs()
    agencies = _agency_slugs()
    projects = (
        Project.objects.filter(id__in=list(ids))
        .select_related("origin_edition", "story")
        .prefetch_related("sectors", "participants", "agencies")
    )
    documents = []
    now = timezone.now()
    for project in projects:
        sectors = sorted({s.slug for s in project.sectors.all()})
        participants = [p.display_name for p in project.participants.all()]
        edition = project.origin_edition
        story = project.story.title if project.story and project.story.live else ""
        fields = {
            "name": project.title,
            "description": project.description,
            "participants": ", ".join(participants),
            "story": story,
        }
        documents.append(
            {
                "kind": "project",
                "object_id": project.id,
                "title": project.title,
                "subtitle": " · ".join(
                    v for v in (project.get_kind_display(), project.get_stage_display()) if v
                ),
                "sort_name": " ".join(text_terms(project.title)) or project.title.casefold(),
                "name_terms": _unique(text_terms(project.title) + glued(text_terms(project.title))),
                "key_terms": [],
                "contact_terms": [],
                "keys": name_keys(project.title),
                "quality": quality(
                    sum(
                        1 for value in (project.description, participants, story, sectors) if value
                    ),
                    4,
                    project.updated_at,
                    now,
                ),
                "text_terms": with_stems(
                    text_terms(" ".join([project.title, project.description, story]))
                )
                + text_terms(" ".join(participants))
                + [
                    t
                    for p in project.participants.all()
                    for t in name_terms(p.first_name, p.last_name)
                ],
                "fields": fields,
                "facets": {
                    "sector": sectors,
                    "agency": sorted(
                        {agencies[a.id] for a in project.agencies.all() if a.id in agencies}
                    ),
                    "edition": [editions.get(str(edition.translation_key), edition.slug)]
                    if edition
                    else [],
                    "country": [],
                    "kind": [project.kind] if project.kind else [],
                    "stage": [project.stage] if project.stage else [],
                    "consent": [],
                },
                "cross_sector": len(sectors) >= 2,
            }
        )
    return documents


def documents_for(kind: str, ids: Iterable[int]) -> list[dict]:
    """Documents of one kind ("person" or "project")."""
    return people_documents(ids) if kind == "person" else project_documents(ids)
