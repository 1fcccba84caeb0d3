"""Reading configuration from the environment (twelve-factor).

Every value that differs between a laptop and production comes from an
environment variable; the helpers here turn a missing or malformed value into
an `ImproperlyConfigured` error that names the variable, so a deployment fails
at start with a message an operator can act on.
"""

import ipaddress
import os

from django.core.exceptions import ImproperlyConfigured

# Every variable the settings read, whether set or not. A CRM connection may
# never name one of them as its secret (see crm_sync.credentials); the settings
# expose this set as ENVIRONMENT_VARIABLES.
READ: set[str] = set()

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    """Return the variable `name`, or `default`; fail clearly when `required` and unset."""
    READ.add(name)
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(
                f"The environment variable {name} is required in this configuration "
                "but is not set. See the table of variables in README.md."
            )
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    """Return the variable `name` read as a boolean (1/0, true/false, yes/no, on/off)."""
    READ.add(name)
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {value!r}.")


def env_list(name: str, default: list[str] | None = None, *, required: bool = False) -> list[str]:
    """Return the comma-separated variable `name` as a list of stripped, non-empty items."""
    value = env_str(name, None, required=required)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_positive_number(name: str, default: str) -> str:
    """A positive number, kept as its text ("" when set empty, meaning: not used)."""
    READ.add(name)
    value = os.environ.get(name)
    value = default if value is None else value.strip()
    if not value:
        return ""
    try:
        if float(value) > 0:
            return value
    except ValueError:
        pass
    raise ImproperlyConfigured(f"{name} must be a positive number or empty, got {value!r}.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    """Return the variable `name` as a whole number of at least `minimum`."""
    value = env_str(name)
    if value is None:
        return default
    try:
        number = int(value.strip())
    except ValueError:
        number = minimum - 1
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be a whole number >= {minimum}, got {value!r}.")
    return number


def env_networks(name: str, default: list[str]) -> list[str]:
    """Return the comma-separated IP networks (CIDR, or single addresses) in `name`."""
    networks = env_list(name, default)
    for network in networks:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must list IP networks such as 10.20.0.0/16 or 192.0.2.7, got {network!r}."
            ) from None
    return networks
