"""`manage.py edition_tables EDITION --tables N --size K [--checked-in-only] [--json]`."""

import json

from django.core.management.base import BaseCommand, CommandError

from evening.forms import EditionField, TablePlanForm, errors_as_lines
from evening.tables import SeatingError, make_plan


class Command(BaseCommand):
    """Propose a table plan for an edition, save it, and print it with its scores.

    People seated by the edition's latest plan keep their table
    (``--reshuffle`` starts afresh). Exit status 2 on bad usage, 1 when the
    rules cannot be met.
    """

    help = "Seat an edition's registrants at N tables of K, across sectors."

    def add_arguments(self, parser) -> None:
        parser.add_argument("edition", help="the edition's French slug, e.g. printemps-2027")
        parser.add_argument("--tables", type=int, required=True)
        parser.add_argument("--size", type=int, required=True)
        parser.add_argument("--checked-in-only", action="store_true")
        parser.add_argument(
            "--reshuffle", action="store_true", help="do not keep the latest plan's seats"
        )
        parser.add_argument("--json", action="store_true", help="one JSON document on stdout")

    def handle(self, *args, **options) -> None:
        field = EditionField()
        try:
            edition = field.clean(options["edition"])
        except Exception as error:  # ValidationError: a message list
            raise CommandError(f"EDITION: {' '.join(error.messages)}", returncode=2) from None
        form = TablePlanForm(
            {
                "tables": options["tables"],
                "size": options["size"],
                "checked_in_only": options["checked_in_only"],
                "keep_seated": not options["reshuffle"],
            }
        )
        if not form.is_valid():
            lines = errors_as_lines(form, {"tables": "--tables", "size": "--size"})
            raise CommandError("; ".join(lines), returncode=2)
        try:
            result = make_plan(edition, **form.cleaned_data)
        except SeatingError as error:
            raise CommandError(str(error), returncode=1) from error
        rows = result.rows()
        if options["json"]:
            document = {
                "edition": edition.slug,
                "plan": result.plan.pk,
                "scores": result.summary(),
                "tables": [
                    {
                        "table": row["number"],
                        "explanation": row["line"],
                        "people": [
                            {
                                "id": p.person_id,
                                "name": p.name,
                                "organisation": p.organisation,
                                "sector": p.sector,
                            }
                            for p in row["people"]
                        ],
                    }
                    for row in rows
                ],
            }
            self.stdout.write(json.dumps(document, ensure_ascii=False))
            return
        out = self.stdout.write
        for row in rows:
            out(f"Table {row['number']}: {row['line']}")
            for person in row["people"]:
                out(f"  {person.name} — {person.organisation} ({person.sector or '-'})")
        summary = result.summary()
        out(
            f"{summary['people']} people; tables with >= 4 sectors: "
            f"{summary['share_tables_with_4_sectors']:.0%}; pairs new to each other: "
            f"{summary['share_pairs_new']:.0%}; kept at their table: "
            f"{summary['kept_from_previous_plan']}"
        )
