"""`manage.py people_subject_access EMAIL [--output FILE] [--format json|html]
[--language fr|nl|en]`."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from people import subject_access
from people.erasure import erased_on
from people.normalize import normalize_email


class Command(BaseCommand):
    """Everything the directory holds on whoever has EMAIL (GDPR art. 15 and 20).

    EMAIL may be any email the person has: a current one or one a source
    record holds. JSON is the machine-readable copy; HTML the readable document
    in the requester's language (--language, else the person's own, else
    French). Nobody matching is an answer too: the document says nothing is
    held (and when the person was erased, if they were) and the command says
    so on stderr; exit status 0. A malformed email is bad usage (exit 2). The
    export is recorded in the audit trail.
    """

    help = "Export everything held on the person with this email (right of access)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email", help="any email the person has")
        parser.add_argument("--output", help="file to write (default: standard output)")
        parser.add_argument("--format", choices=["json", "html"], default="json")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="language of the HTML document (default: the person's own, else fr)",
        )

    def handle(self, *args, **options) -> None:
        email = normalize_email(options["email"])
        if not email:
            raise CommandError(f"Not an email address: {options['email']!r}.", returncode=2)
        people = subject_access.find_people(email)
        text, language = subject_access.export(
            people,
            options["format"],
            language=options["language"],
            requested_email=email,
        )
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as output:
                output.write(text)
        else:
            self.stdout.write(text, ending="")
        if not people:
            erasure = erased_on(email)
            when = f" (erased on request on {erasure.erased_at:%Y-%m-%d})" if erasure else ""
            self.stderr.write(f"Nobody in the directory has the email {email}{when}.")
        else:
            where = f" to {options['output']}" if options["output"] else ""
            self.stderr.write(
                f"Wrote everything held on {len(people)} person(s) with {email}"
                f" ({options['format']}, {language}){where}."
            )
