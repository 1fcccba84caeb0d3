"""HTTP with bounded retries, shared by every connector.

Timeouts, connection errors, 5xx and 429 are retried with exponential
back-off (honouring Retry-After, capped); anything else fails at once. What
comes back must be JSON: garbage is an error, never a silent empty page.

Every request obeys the outbound policy (crm_sync.outbound): the scheme is
checked before sending, and each connection resolves the host name, checks
every address and connects to a checked one. Redirects are followed only
within the same scheme, host and port. Error messages name what failed (a
status, an exception's type), never the remote body.
"""

import datetime as dt
import email.utils
import json
import logging
import random
import socket
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import requests
from django.utils.translation import gettext as _
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util import connection as urllib3_connection

if TYPE_CHECKING:
    from .outbound import OutboundPolicy

from .ratelimit import GENERAL, RateLimiter

logger = logging.getLogger(__name__)


class SourceError(Exception):
    """The source answered, but not something we can use (4xx, invalid JSON, API error)."""

    def __init__(self, message: str, status: int | None = None, body: Any = None) -> None:
        super().__init__(message)
        self.status = status
        # The decoded error document, for the connector to recognise vendor
        # error codes; never put into a message (it may echo anything).
        self.body = body


class SourceUnavailable(SourceError):
    """The source could not be reached or kept failing after every retry."""


class RetryingClient:
    """A small JSON-over-HTTP client with bounded exponential back-off."""

    def __init__(
        self,
        *,
        attempts: int = 5,
        backoff: float = 0.5,
        max_wait: float = 60.0,
        timeout: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        session: requests.Session | None = None,
        limiter: RateLimiter | None = None,
        policy: "OutboundPolicy | None" = None,
    ) -> None:
        from .outbound import OutboundPolicy

        self.attempts = attempts
        self.backoff = backoff
        self.max_wait = max_wait
        self.timeout = timeout
        self.sleep = sleep
        self.session = session or requests.Session()
        self.retries = 0  # how many retries this client made, for run reports
        # Paces every attempt to the vendor's limits and counts the waits.
        self.limiter = limiter
        self.last_headers: dict = {}  # of the last answer, for vendor limit headers
        # Where requests may go: the operator's settings unless given.
        self.policy = policy or OutboundPolicy.from_settings()
        # Every connection of this session goes through the policy; proxies and
        # .netrc credentials from the environment are not used (a proxy would
        # connect on our behalf to addresses the policy never saw).
        self.session.trust_env = False
        adapter = PolicyAdapter(self.policy)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def request_json(self, method: str, url: str, **kwargs: Any) -> Any:
        """Send the request, retrying transient failures; return the decoded JSON body.

        `rate_bucket` names the limiter bucket the request draws from; an
        answer without a body (204) returns None.
        """
        bucket = kwargs.pop("rate_bucket", GENERAL)
        kwargs.setdefault("timeout", self.timeout)
        kwargs.pop("allow_redirects", None)  # redirects are followed here, within the host
        self.policy.check_scheme(url)
        last_problem = ""
        for attempt in range(1, self.attempts + 1):
            if self.limiter is not None:
                self.limiter.acquire(bucket)
            try:
                try:
                    response = self._send(method, url, kwargs)
                finally:
                    if self.limiter is not None:
                        self.limiter.finished()
            except (
                requests.Timeout,
                requests.ConnectionError,
                requests.exceptions.ChunkedEncodingError,
                requests.exceptions.ContentDecodingError,
            ) as error:
                # Transient: no answer, or an answer cut off mid-body.
                last_problem = type(error).__name__
                wait = self._backoff(attempt)
            except requests.RequestException as error:
                # A request that can never succeed (bad URL, bad scheme).
                raise SourceError(
                    _("The request could not be sent: %(problem)s")
                    % {"problem": type(error).__name__}
                ) from error
            else:
                self.last_headers = response.headers
                if response.status_code == 429 or response.status_code >= 500:
                    last_problem = f"HTTP {response.status_code}"
                    wait = self._retry_after(response) or self._backoff(attempt)
                elif response.status_code >= 400:
                    raise SourceError(
                        _("The source refused the request (HTTP %(status)s).")
                        % {"status": response.status_code},
                        status=response.status_code,
                        body=_error_body(response),
                    )
                elif response.status_code == 204:
                    return None
                else:
                    try:
                        return response.json()
                    except ValueError as error:
                        raise SourceError(
                            _("The source answered with something that is not JSON.")
                        ) from error
            if attempt == self.attempts:
                break
            self.retries += 1
            logger.warning(
                "retrying %s %s after %s (attempt %s)", method, _redact(url), last_problem, attempt
            )
            wait = min(wait, self.max_wait)
            if self.limiter is not None and last_problem == "HTTP 429":
                self.limiter.pause(wait)
            self.sleep(wait)
        raise SourceUnavailable(
            _("The source kept failing after %(attempts)s attempts (%(problem)s).")
            % {"attempts": self.attempts, "problem": last_problem}
        )

    def _send(self, method: str, url: str, kwargs: dict[str, Any]) -> requests.Response:
        """Send once, following redirects only within the same scheme, host and port."""
        for _hop in range(MAX_REDIRECTS + 1):
            response = self.session.request(method, url, allow_redirects=False, **kwargs)
            if not response.is_redirect:
                return response
            target = urljoin(url, response.headers["Location"])
            response.close()
            if _origin(target) != _origin(url):
                raise SourceError(
                    _(
                        "The source redirected the request to another address; redirects are "
                        "followed only within the same host (give the final address as the "
                        "connection's URL)."
                    ),
                    status=response.status_code,
                )
            if response.status_code in (301, 302, 303) and method.upper() not in ("GET", "HEAD"):
                # What browsers and requests do: the body is not sent again.
                method = "GET"
                kwargs = {k: v for k, v in kwargs.items() if k not in ("json", "data", "files")}
            url = target
        raise SourceError(_("The source redirected the request too many times."))

    def _backoff(self, attempt: int) -> float:
        return self.backoff * (2 ** (attempt - 1)) * (1 + random.random() / 4)

    def _retry_after(self, response: requests.Response) -> float | None:
        value = response.headers.get("Retry-After")
        if not value:
            return None
        try:
            return max(0.0, float(value))
        except ValueError:
            pass
        try:
            parsed = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None  # unreadable: fall back to exponential back-off
        if parsed is None:
            return None
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=dt.UTC)
        return max(0.0, parsed.timestamp() - time.time())


def _error_body(response: requests.Response) -> Any:
    """The error document (JSON when it is JSON), bounded in size."""
    text = response.text[:4000]
    try:
        return json.loads(text)
    except ValueError:
        return text


MAX_REDIRECTS = 5


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    return scheme, (parts.hostname or "").lower(), port or {"http": 80, "https": 443}.get(scheme)


class _CheckedConnectionMixin:
    """Open the socket to an address the policy checked, never to a fresh DNS answer."""

    policy: "OutboundPolicy"

    def _new_conn(self) -> socket.socket:
        try:
            addresses = self.policy.addresses(self._dns_host, self.port)
        except socket.gaierror as error:
            raise NameResolutionError(self.host, self, error) from error
        last: Exception | None = None
        for address in addresses:
            try:
                return urllib3_connection.create_connection(
                    (address, self.port),
                    self.timeout,
                    source_address=self.source_address,
                    socket_options=self.socket_options,
                )
            except TimeoutError as error:
                last = ConnectTimeoutError(
                    self, f"Connection to {self.host} timed out. (connect timeout={self.timeout})"
                )
                last.__cause__ = error
            except OSError as error:
                last = NewConnectionError(self, f"Failed to establish a new connection: {error}")
                last.__cause__ = error
        assert last is not None  # addresses() never returns an empty list
        raise last


class PolicyAdapter(HTTPAdapter):
    """A requests adapter whose connections obey an OutboundPolicy."""

    def __init__(self, policy: "OutboundPolicy", **kwargs: Any) -> None:
        self.policy = policy
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        attributes = {"policy": self.policy}
        http = type("PolicyHTTPConnection", (_CheckedConnectionMixin, HTTPConnection), attributes)
        https = type(
            "PolicyHTTPSConnection", (_CheckedConnectionMixin, HTTPSConnection), attributes
        )
        self.poolmanager.pool_classes_by_scheme = {
            "http": type("PolicyHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http}),
            "https": type("PolicyHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https}),
        }

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any):
        from .outbound import DestinationRefused

        raise DestinationRefused(_("CRM requests are never sent through a proxy."))


def _redact(url: str) -> str:
    """Drop any credentials or query string from a URL before logging it."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))
