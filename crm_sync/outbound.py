"""Where the server may send a CRM request (the guard against server-side request forgery).

Whoever may edit a CRM connection chooses the address the server connects to.
Without a rule they could make it reach what only the server can reach: the
cloud's metadata service (169.254.169.254), the database, the search engine,
an internal admin console. The rule:

- `https` only, unless the operator sets CRM_ALLOW_HTTP (development and the
  test suite do, for their loopback simulators);
- public addresses only: loopback, private, link-local, shared, reserved,
  multicast and unspecified addresses are refused, unless the operator lists
  their network in CRM_ALLOWED_NETWORKS (e.g. an agency's CRM on a private
  network);
- a host name is resolved and *every* address it resolves to is checked; the
  connection then goes to an address that was checked (see crm_sync.http), so
  a name that changes its answer between the check and the connection (DNS
  rebinding) gains nothing.

Refusals never contact the address, so they tell nothing about which internal
ports answer.
"""

import contextlib
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from .http import SourceError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# IPv6 forms that carry an IPv4 address: judge the IPv4 address inside.
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class DestinationRefused(SourceError):
    """The address is not one the server may connect to; nothing was sent."""


@dataclass(frozen=True)
class OutboundPolicy:
    """Which URLs and addresses a CRM request may go to."""

    allow_http: bool = False
    allowed_networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def from_settings(cls) -> "OutboundPolicy":
        """The operator's policy: CRM_ALLOW_HTTP and CRM_ALLOWED_NETWORKS."""
        return cls(
            allow_http=bool(getattr(settings, "CRM_ALLOW_HTTP", False)),
            allowed_networks=tuple(
                ipaddress.ip_network(network, strict=False)
                for network in getattr(settings, "CRM_ALLOWED_NETWORKS", ())
            ),
        )

    @property
    def schemes(self) -> tuple[str, ...]:
        return ("http", "https") if self.allow_http else ("https",)

    def check_scheme(self, url: str) -> None:
        """Refuse a URL whose scheme is not allowed (https, or http where allowed)."""
        if urlsplit(url).scheme.lower() not in self.schemes:
            if self.allow_http:
                message = _("The CRM's address must start with https:// or http://.")
            else:
                message = _(
                    "The CRM's address must start with https:// (plain http is allowed only "
                    "where the operator sets CRM_ALLOW_HTTP)."
                )
            raise DestinationRefused(message)

    def allows(self, address: str) -> bool:
        """True when the server may connect to this IP address."""
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 scope
        candidates = _embedded(ip)
        if any(c in network for c in candidates for network in self.allowed_networks):
            return True
        # An IPv6 address carrying an IPv4 one is judged by the IPv4 address.
        judged = candidates[1:] or candidates
        return all(c.is_global and not c.is_multicast for c in judged)

    def addresses(self, host: str, port: int | None) -> list[str]:
        """Resolve `host`, check every address, return them (in the resolver's order).

        Raises DestinationRefused when any address is not allowed, and lets
        socket.gaierror through when the name does not resolve.
        """
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        found: list[str] = []
        for info in infos:
            address = info[4][0]
            if address not in found:
                found.append(address)
        if not found or not all(self.allows(address) for address in found):
            raise DestinationRefused(
                _(
                    "The CRM's address %(host)s is an internal network address (loopback, "
                    "private, link-local or reserved): connections go only to public addresses "
                    "unless the operator lists the network in CRM_ALLOWED_NETWORKS."
                )
                % {"host": host}
            )
        return found

    def check_url(self, url: str) -> None:
        """Check a connection's URL when it is saved: scheme and, where it resolves, addresses.

        A name that does not resolve here is accepted: the CRM may be reachable
        only from where the sync runs, and the addresses are checked again at
        every connection.
        """
        self.check_scheme(url)
        parts = urlsplit(url)
        if not parts.hostname:
            raise DestinationRefused(_("The CRM's address has no host name."))
        try:
            port = parts.port
        except ValueError:
            raise DestinationRefused(_("The CRM's address has an invalid port.")) from None
        with contextlib.suppress(socket.gaierror, UnicodeError):
            self.addresses(parts.hostname, port)


def _embedded(ip: IPAddress) -> list[IPAddress]:
    """The address itself and any IPv4 address it carries (mapped, 6to4, Teredo, NAT64)."""
    found: list[IPAddress] = [ip]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            found.append(ip.ipv4_mapped)
        if ip.sixtofour:
            found.append(ip.sixtofour)
        if ip.teredo:
            found.extend(ip.teredo)
        if ip in NAT64:
            found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return found
