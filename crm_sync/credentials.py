"""Which environment variable may hold a CRM connection's secret.

A connection stores the *name* of the variable that holds its password or
token, never the value. A sync sends that value to the connection's URL, so
whoever may edit a connection could otherwise make the server send any of its
secrets (SECRET_KEY, DATABASE_URL, another agency's CRM password) to an address
of their choosing. The name is therefore restricted to variables reserved for
the CRM credentials of the connection's own agency:

    PASSERELLES_CRM_<AGENCY>_<NAME>     e.g. PASSERELLES_CRM_WBMUSIQUES_PASSWORD

where AGENCY is the agency's slug in capitals and NAME is made of capitals,
digits and underscores; and it is never a setting or a variable the project
reads for itself. `check_secret_env` is the one rule: the admin form and
`crm_connect` validate with it, and a sync checks it again before reading the
variable, so a row saved before the rule existed fails with a clear error.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.agencies import AGENCY_SLUGS

PREFIX = "PASSERELLES_CRM_"
# Any environment variable name; a value that is not one is most likely a
# secret typed in the wrong box, and is never repeated back.
VARIABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
NAME = re.compile(r"[A-Z0-9_]+")


def agency_prefix(agency: str) -> str:
    """The start of every credential variable of `agency`: PASSERELLES_CRM_<AGENCY>_."""
    return f"{PREFIX}{agency.upper().replace('-', '_')}_"


def example_variable(agency: str | None) -> str:
    """A valid variable name for `agency` (a pattern without one), for messages."""
    return (agency_prefix(agency) if agency else f"{PREFIX}<AGENCY>_") + "PASSWORD"


def looks_like_a_variable_name(value: str) -> bool:
    """True when `value` could be an environment variable's name (and so is safe to show)."""
    return bool(VARIABLE_NAME.fullmatch(value or ""))


def reserved_names() -> set[str]:
    """Settings and environment variables the project reads for itself."""
    names = {name for name in dir(settings) if name.isupper()}
    names.update(getattr(settings, "ENVIRONMENT_VARIABLES", ()))
    return names


def check_variable_name(name: str, agency: str | None = None) -> None:
    """Raise ValidationError (without repeating `name`) unless it can name a variable."""
    if not looks_like_a_variable_name(name):
        raise ValidationError(
            _(
                "Give the NAME of the environment variable that holds the password or "
                "token (like %(example)s), never the secret itself. The value was not stored."
            )
            % {"example": example_variable(agency)},
            code="not_a_variable",
        )


def check_secret_env(name: str, agency: str) -> None:
    """Raise ValidationError unless `name` may hold the CRM secret of `agency`."""
    check_variable_name(name, agency)
    if agency not in AGENCY_SLUGS:
        raise ValidationError(
            _("%(agency)s is not one of the agencies.") % {"agency": agency}, code="agency"
        )
    prefix = agency_prefix(agency)
    owner = next(
        (slug for slug in AGENCY_SLUGS if slug != agency and name.startswith(agency_prefix(slug))),
        None,
    )
    if owner is not None:
        raise ValidationError(
            _(
                "%(name)s holds a credential of %(owner)s; the connection of %(agency)s may "
                "only read variables named %(prefix)s<NAME>."
            )
            % {"name": name, "owner": owner, "agency": agency, "prefix": prefix},
            code="other_agency",
        )
    if not (name.startswith(prefix) and NAME.fullmatch(name[len(prefix) :])):
        raise ValidationError(
            _(
                "%(name)s is not reserved for CRM credentials: the secret of %(agency)s must "
                "be in a variable named %(prefix)s<NAME> (capitals, digits and underscores), "
                "e.g. %(example)s."
            )
            % {
                "name": name,
                "agency": agency,
                "prefix": prefix,
                "example": example_variable(agency),
            },
            code="pattern",
        )
    if name in reserved_names():
        raise ValidationError(
            _(
                "%(name)s is a setting of Passerelles, not a CRM credential; choose another "
                "name starting with %(prefix)s."
            )
            % {"name": name, "prefix": prefix},
            code="reserved",
        )
