"""Exporting the directory (CSV, XLSX, JSON) with django-import-export.

Cells that a spreadsheet would run as a formula (starting with =, +, -, @,
tab or carriage return) are prefixed with an apostrophe in CSV and XLSX, as
OWASP recommends against CSV injection. Every export is logged: who, how
many people, which format.
"""

import logging

from import_export import fields, resources
from import_export.formats.base_formats import CSV, JSON, XLSX

from .models import Person

logger = logging.getLogger("people.export")

FORMATS = {"csv": CSV, "xlsx": XLSX, "json": JSON}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class PersonResource(resources.ModelResource):
    """The exported columns of a person."""

    organisation = fields.Field(attribute="organisation__name", column_name="organisation")
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
            "sectors",
            "agencies",
            "is_active",
        )
        export_order = fields

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


def export_people(queryset, file_format: str, user=None) -> bytes | str:
    """Export `queryset` in `file_format` (csv, xlsx or json) and log who did it."""
    if file_format not in FORMATS:
        raise ValueError(file_format)
    queryset = queryset.select_related("organisation").prefetch_related("sectors", "source_records")
    dataset = PersonResource().export(queryset=queryset)
    if file_format in ("csv", "xlsx"):
        for index in range(len(dataset)):
            dataset[index] = tuple(escape_formula(v) for v in dataset[index])
    logger.info(
        "people export: %s people as %s by %s",
        len(dataset),
        file_format,
        getattr(user, "username", None) or "command line",
    )
    return FORMATS[file_format]().export_data(dataset)
