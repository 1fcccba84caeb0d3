"""`manage.py search_index rebuild|update|status`."""

import json

from django.core.management.base import BaseCommand

from search import engine
from search.indexing import SWEEP_KEY, rebuild_engine_index, rebuild_entries, sweep
from search.models import IndexState, PendingDeletion, SearchEntry


class Command(BaseCommand):
    """Build, catch up or inspect the people and project search index.

    rebuild: prepare every entry again and, with Elasticsearch, fill a new
    versioned index and swap the alias atomically (search answers throughout).
    update: re-index what changed since the last run, and replay what the
    engine missed while it was down (deletions first: erased people leave it).
    status: counts against the database.
    """

    help = "Manage the search index: rebuild, update or status."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["rebuild", "update", "status"])
        parser.add_argument("--json", action="store_true", help="print one JSON document")

    def handle(self, *args, **options) -> None:
        action = options["action"]
        if action == "rebuild":
            report = {"entries": rebuild_entries()}
            if engine.is_configured():
                report["engine"] = rebuild_engine_index()
        elif action == "update":
            report = {"updated": sweep()}
        else:
            report = status()
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2, default=str))
        else:
            for key, value in report.items():
                self.stdout.write(f"{key}: {value}")


def status() -> dict:
    """Entries and objects per kind, pending entries, index lag, engine counts."""
    from people.models import Person, Project

    sweep_state = IndexState.objects.filter(key=SWEEP_KEY).first()
    report = {
        "backend": "elasticsearch" if engine.is_configured() else "database",
        "people": {
            "database": Person.objects.filter(is_active=True, merged_into__isnull=True).count(),
            "entries": SearchEntry.objects.filter(kind="person").count(),
        },
        "projects": {
            "database": Project.objects.count(),
            "entries": SearchEntry.objects.filter(kind="project").count(),
        },
        "pending_for_engine": SearchEntry.objects.filter(engine_pending=True).count(),
        "deletions_pending_for_engine": PendingDeletion.objects.count(),
        "last_update": (sweep_state.value.get("at") if sweep_state else None) or "never",
    }
    if engine.is_configured():
        report["engine"] = engine.status()
    return report
