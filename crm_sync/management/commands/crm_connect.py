"""`manage.py crm_connect AGENCY --kind KIND --url URL [--database DB] [--user USER]
--secret-env VAR`."""

import os

from django.core.management.base import BaseCommand, CommandError

from core.agencies import AGENCY_SLUGS
from crm_sync.forms import ConnectionForm, form_errors_as_lines
from crm_sync.models import Connection

# How the form's fields are called on this command line, for its messages.
OPTIONS = {
    "agency": "AGENCY",
    "kind": "--kind",
    "url": "--url",
    "database": "--database",
    "user": "--user",
    "secret_env": "--secret-env",
    "enabled": "--disable",
}


class Command(BaseCommand):
    """Create or update the CRM connection of an agency.

    The secret is never passed on the command line: only the *name* of the
    environment variable that holds it (PASSERELLES_CRM_<AGENCY>_<NAME>), read
    when a sync runs. The values are validated by the admin's form
    (crm_sync.forms.ConnectionForm), so both accept and refuse the same.
    Exit status 0 when saved, 2 when a value is refused (nothing is stored).
    """

    help = (
        "Create or update an agency's CRM connection (the secret stays in an environment variable)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("agency", help=f"the agency's slug: {', '.join(AGENCY_SLUGS)}")
        parser.add_argument(
            "--kind",
            required=True,
            help=f"the CRM: {', '.join(k for k, _ in Connection.Kind.choices)}",
        )
        parser.add_argument(
            "--url", required=True, help="base URL of the CRM, e.g. https://crm.example:8000"
        )
        parser.add_argument("--database", default="", help="database or tenant name")
        parser.add_argument("--user", default="", help="API user name")
        parser.add_argument(
            "--secret-env",
            required=True,
            help="name of the environment variable holding the password or token, "
            "PASSERELLES_CRM_<AGENCY>_<NAME>, e.g. PASSERELLES_CRM_WBMUSIQUES_PASSWORD",
        )
        parser.add_argument(
            "--disable", action="store_true", help="keep the connection but skip it in syncs"
        )

    def handle(self, *args, **options) -> None:
        existing = Connection.objects.filter(agency=options["agency"]).first()
        form = ConnectionForm(
            data={
                "agency": options["agency"],
                "kind": options["kind"],
                "url": options["url"],
                "database": options["database"],
                "user": options["user"],
                "secret_env": options["secret_env"],
                "enabled": not options["disable"],
            },
            instance=existing,
        )
        if not form.is_valid():
            lines = form_errors_as_lines(form, OPTIONS)
            raise CommandError(
                "\n".join(["Nothing was stored.", *lines]),
                returncode=2,
            )
        connection = form.save()
        verb = "Updated" if existing else "Created"
        self.stdout.write(
            f"{verb} the {connection.get_kind_display()} connection of {connection.agency}."
        )
        if not os.environ.get(connection.secret_env):
            self.stderr.write(
                f"Note: {connection.secret_env} is not set in this environment; "
                "set it where the sync runs."
            )
