""" "Test connection": read one page of a CRM and say what Passerelles can see and lacks.

Shared by ``crm_connect … --check`` and the admin's button, so both report
the same thing. The secret is read from its variable as a sync would; the
check is quick (few retries, short timeouts) because someone is waiting.
"""

import contextlib

from django.utils.translation import gettext as _

from .connectors import get_connector
from .connectors.base import CheckReport
from .engine import MissingSecret, read_secret
from .http import SourceError

# Someone waits for the answer: two attempts, ten seconds each.
CHECK_ATTEMPTS = 2
CHECK_TIMEOUT = 10.0

# What each kind needs besides the URL and the secret.
REQUIRED = {
    "tryton": ("database",),
    "odoo": ("database",),
    "salesforce": ("token_url", "client_id"),
    "dynamics": ("token_url", "client_id"),
}


def missing_settings(kind: str, values: dict) -> list[str]:
    """The connection fields a kind needs and `values` leaves empty (command line and form)."""
    return [name for name in REQUIRED.get(kind, ()) if not values.get(name)]


def check_connection(connection) -> CheckReport:
    """Read one page of `connection`'s CRM; report what is visible and what is missing."""
    try:
        connector = get_connector(connection, read_secret(connection))
    except (MissingSecret, ValueError) as error:
        return CheckReport(error=str(error))
    client = getattr(connector, "client", None) or getattr(
        getattr(connector, "rpc", None), "client", None
    )
    if client is not None:
        client.attempts = CHECK_ATTEMPTS
        client.timeout = CHECK_TIMEOUT
    try:
        return connector.check()
    except SourceError as error:
        return CheckReport(error=str(error))
    except NotImplementedError:
        return CheckReport(error=_("This kind of connection has no test."))
    finally:
        with contextlib.suppress(SourceError):
            connector.close()
