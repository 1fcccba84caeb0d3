"""Exporting the directory (CSV, XLSX, JSON) with django-import-export.

Cells that a spreadsheet would run as a formula (starting with =, +, -, @,
tab or carriage return) are prefixed with an apostrophe in CSV and XLSX, as
OWASP recommends against CSV injection. People who refused to be contacted
are marked (`do_not_contact`) and left out of exports meant for mailing unless
the user explicitly includes them. Every export is recorded in the audit
trail: who, which people, which format and purpose.
"""

import logging
from collections.abc import Callable

from django.db.models import QuerySet
from import_export import fields, resources
from import_export.formats.base_formats import CSV, JSON, XLSX

from . import audit
from .models import ExportJob, Person

logger = logging.getLogger("people.export")

FORMATS = {"csv": CSV, "xlsx": XLSX, "json": JSON}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PURPOSES = ExportJob.Purpose
# People prepared per step (and per progress report).
BATCH = 500


class PersonResource(resources.ModelResource):
    """The exported columns of a person."""

    organisation = fields.Field(attribute="organisation__name", column_name="organisation")
    do_not_contact = fields.Field(column_name="do_not_contact")
    sectors = fields.Field(column_name="sectors")
    agencies = fields.Field(column_name="agencies")

    class Meta:
        model = Person
        fields = (
            "id",
            "first_name",
            "last_name",
            "email",
            "phone",
            "organisation",
            "job_title",
            "city",
            "country",
            "language",
            "contact_consent",
            "do_not_contact",
            "sectors",
            "agencies",
            "is_active",
        )
        export_order = fields

    def dehydrate_do_not_contact(self, person: Person) -> str:
        return "yes" if person.contact_consent is False else ""

    def dehydrate_sectors(self, person: Person) -> str:
        return ", ".join(sorted(s.slug for s in person.sectors.all()))

    def dehydrate_agencies(self, person: Person) -> str:
        return ", ".join(
            sorted({r.agency for r in person.source_records.all() if r.tombstoned_at is None})
        )


def escape_formula(value):
    """Neutralise a cell a spreadsheet would evaluate."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def for_purpose(queryset: QuerySet, purpose: str, include_refused: bool = False) -> QuerySet:
    """The people of `queryset` an export for `purpose` may hold.

    A mailing leaves out people who refused contact, unless `include_refused`.
    """
    if purpose not in PURPOSES.values:
        raise ValueError(purpose)
    if purpose == PURPOSES.MAILING and not include_refused:
        queryset = queryset.exclude(contact_consent=False)
    return queryset


def export_people(
    queryset,
    file_format: str,
    user=None,
    *,
    purpose: str = PURPOSES.DIRECTORY,
    include_refused: bool = False,
    progress: Callable[[int], None] | None = None,
    search: dict | None = None,
) -> bytes | str:
    """Export `queryset` in `file_format` (csv, xlsx or json) and record who did it.

    `purpose` "mailing" leaves out people who refused contact unless
    `include_refused`. `progress(done)` is called after each batch of people.
    `search` ({"query": …, "filters": {…}}) is the staff search the people
    came from: recorded as the event's query (scrubbed if it names someone
    later erased) and filters.
    """
    if file_format not in FORMATS:
        raise ValueError(file_format)
    queryset = for_purpose(queryset, purpose, include_refused)
    ids = list(queryset.values_list("id", flat=True))
    resource = PersonResource()
    dataset = None
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        people = (
            Person.objects.filter(id__in=chunk)
            .select_related("organisation")
            .prefetch_related("sectors", "source_records")
        )
        order = {pk: i for i, pk in enumerate(chunk)}
        part = resource.export(queryset=sorted(people, key=lambda p: order[p.pk]))
        if dataset is None:
            dataset = part
        else:
            dataset.extend(part)
        if progress:
            progress(min(start + BATCH, len(ids)))
    if dataset is None:
        dataset = resource.export(queryset=Person.objects.none())
    if file_format in ("csv", "xlsx"):
        for index in range(len(dataset)):
            dataset[index] = tuple(escape_formula(v) for v in dataset[index])
    details = {"format": file_format, "purpose": purpose, "include_refused": include_refused}
    search = search or {}
    if search:
        details["source"] = "search"
        details.update(
            {name: values for name, values in search.get("filters", {}).items() if values}
        )
    audit.record(
        user,
        audit.Action.EXPORT,
        people=ids,
        count=len(ids),
        query=search.get("query", ""),
        details=details,
    )
    logger.info(
        "people export: %s people as %s by %s",
        len(dataset),
        file_format,
        getattr(user, "username", None) or "command line",
    )
    return FORMATS[file_format]().export_data(dataset)
