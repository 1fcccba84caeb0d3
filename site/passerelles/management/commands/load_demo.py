"""`python manage.py load_demo`: the demo network in French, Dutch and English."""

from django.core.management.base import BaseCommand

from passerelles.demo.directory import load_demo_directory
from passerelles.demo.evening import load_demo_evening
from passerelles.demo.loader import DemoLoader
from passerelles.demo.outcomes import load_demo_outcomes, load_impact_page
from passerelles.renditions import prepare_demo_renditions


class Command(BaseCommand):
    """Create the demo agencies, editions and stories; idempotent."""

    help = (
        "Create the demo content (six agencies, editions, stories) in fr, nl and en. "
        "Running it again changes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--without-directory",
            action="store_true",
            help="only the public site, no fictional people and projects",
        )

    def handle(self, *args, **options) -> None:
        loader = DemoLoader(log=self.stderr.write)
        created = loader.run()
        load_impact_page(loader)
        # Every public rendition of the demo's images, made now rather than by
        # the first visitor of each page (also for a demo loaded before this step existed).
        prepare_demo_renditions()
        people = 0 if options["without_directory"] else load_demo_directory()
        if people:
            created.append(f"{people} fictional people and projects in the directory")
        encounters = 0 if options["without_directory"] else load_demo_outcomes()
        if encounters:
            created.append(f"a generated history of {encounters} encounters")
        registrants = 0 if options["without_directory"] else load_demo_evening()
        if registrants:
            created.append(f"{registrants} registrants for the next edition")
        if options["verbosity"] > 1:
            for line in created:
                self.stderr.write(f"  created {line}")
            for french, language in sorted(loader.memory.missing):
                self.stderr.write(f"  kept the source text in {language}: {french[:60]}")
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo content loaded ({len(created)} objects)."))
        else:
            self.stdout.write("Demo content already loaded; nothing changed.")
