"""`manage.py people_search QUERY [--type person|project] [--sector S] [--agency A]
[--edition E] [--limit N] [--json]`."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from search.query import SearchQuery
from search.service import search


class Command(BaseCommand):
    """Search people and projects from scripts, with the same results as the admin."""

    help = "Search the people directory and projects (same service as the admin)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("query", nargs="?", default="", help="free text")
        parser.add_argument("--type", choices=["person", "project"], default="")
        parser.add_argument("--sector", action="append", default=[])
        parser.add_argument("--agency", action="append", default=[])
        parser.add_argument("--edition", action="append", default=[])
        parser.add_argument("--cross-sector", action="store_true")
        parser.add_argument("--sort", choices=["relevance", "name"], default="relevance")
        parser.add_argument("--limit", type=int, default=20)
        parser.add_argument("--json", action="store_true", help="print one JSON document")

    def handle(self, *args, **options) -> None:
        if not 1 <= options["limit"] <= 100:
            raise CommandError("--limit must be between 1 and 100.")
        query = SearchQuery(
            text=options["query"],
            kind=options["type"],
            filters={
                "sector": options["sector"],
                "agency": options["agency"],
                "edition": options["edition"],
            },
            cross_sector=options["cross_sector"],
            sort=options["sort"],
            per_page=options["limit"],
        )
        result = search(query)
        if result.fallback or result.message:
            self.stderr.write(result.message)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
            return
        self.stderr.write(f"{result.total} result(s) ({result.backend})")
        for hit in result.hits:
            # A fifth column marks people who refused contact (empty otherwise).
            line = f"{hit.kind}\t{hit.object_id}\t{hit.title}\t{hit.subtitle}"
            self.stdout.write(line + ("\t" + _("refused contact") if hit.refused_contact else ""))
