"""The connector interface: one vendor's API as pages of normalized contacts.

A connector reads contacts modified in a window, ordered by (modification
time, id), page by page. After each page it hands back an opaque checkpoint;
given that checkpoint again it continues right after that page. Vendor
quirks (pagination styles, archived rows, merges, tombstones) stay inside
the connector; the engine only sees `Page`s.

What later connectors map onto this:
- HubSpot: list/search pages with an ``after`` cursor; search capped at
  10,000 results per query, so restart the query from the last (time, id);
  archived contacts listed separately → ``Contact(active=False)``;
  merges (``hs_merged_object_ids``) → ``deleted_ids`` for the merged ids.
- Salesforce: SOQL pages via ``nextRecordsUrl`` (≤ 2,000); ``queryAll`` gives
  ``IsDeleted`` rows → ``deleted_ids``; ``MasterRecordId`` likewise.
- Odoo: ``search_read`` on ``res.partner`` by ``write_date, id`` with
  ``active_test: False``; deletions only by a full run's reconciliation.
- Dynamics 365: ``@odata.nextLink`` pages; an expired delta link → the
  connector raises ``CursorExpired`` and the engine falls back to a full run.
"""

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field

from people.contact import Contact

from ..http import RetryingClient, SourceError

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass
class Window:
    """Read records modified after (`after`, `after_id`) and at or before `until`.

    `state` is what the connector kept from its last successful run (e.g.
    Dynamics' delta link); None on a full run.
    """

    after: dt.datetime
    after_id: str
    until: dt.datetime
    state: dict | None = None


@dataclass
class Page:
    """One page of a source: contacts (active or archived), ids known deleted, the checkpoint."""

    contacts: list[Contact]
    checkpoint: dict
    deleted_ids: list[str] = field(default_factory=list)
    # What to keep for the next run once this one succeeds (a delta link).
    state: dict | None = None


class CursorExpired(Exception):
    """The source can no longer continue from the saved cursor; a full run is needed."""


class QuotaReached(SourceError):
    """The vendor's API budget is nearly spent: stop now, resumably, and go on tomorrow."""


@dataclass
class CheckReport:
    """What "Test connection" found: what Passerelles can see, and what it lacks."""

    seen: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and not self.missing


@dataclass(frozen=True)
class EditionRef:
    """An edition as a CRM is told about it (write-back of attendance)."""

    key: str  # stable across renames: the edition's slug
    title: str
    date: dt.date | None = None

    @property
    def label(self) -> str:
        """The name Passerelles gives the edition in a CRM (category, campaign, list)."""
        suffix = f" ({self.date.isoformat()})" if self.date else ""
        return f"Passerelles: {self.title}{suffix}"[:120]


class Connector(ABC):
    """Base class of every CRM connector."""

    kind: str = ""
    page_size: int = 500
    # Whether an incremental read learns of every deletion at the source. When
    # not (a deletion leaves no trace), only a full run counts deletions, and
    # reports say so instead of reporting a 0 that means "unknown".
    sees_deletions_incrementally: bool = True

    def __init__(self, connection, secret: str) -> None:
        self.connection = connection
        self.secret = secret

    @abstractmethod
    def pages(self, window: Window, checkpoint: dict | None) -> Iterator[Page]:
        """Yield pages of contacts in the window, ordered by (modified, id).

        With a checkpoint from an earlier page, continue right after it.
        """

    def close(self) -> None:  # noqa: B027 (optional hook)
        """Release any session with the source."""

    @property
    def waited(self) -> float:
        """Seconds this connector spent waiting for the vendor's rate limits."""
        limiter = getattr(self, "limiter", None)
        return limiter.waited if limiter is not None else 0.0

    def check(self) -> CheckReport:
        """Read one page and say what can be seen and which permissions are missing."""
        raise NotImplementedError

    def write_attendance(self, edition: EditionRef, source_ids: list[str]) -> list[str]:
        """Record in the CRM that these contacts attended `edition`, in the vendor's idiom.

        Never creates a contact; writing what is already there changes nothing.
        Returns the source ids the CRM now records as attendees (contacts gone
        from the CRM are left out).
        """
        raise NotImplementedError


class HTTPConnector(Connector):
    """A connector speaking HTTP to `connection.url`, paced by `vendor_limits()`."""

    def __init__(self, connection, secret: str, client: RetryingClient | None = None) -> None:
        super().__init__(connection, secret)
        self.base = connection.url.rstrip("/")
        self.client = client or make_client(connection, self.vendor_limits())
        self.limiter = self.client.limiter

    def vendor_limits(self) -> dict | None:
        """The vendor's documented request limits (None: none documented)."""
        return None


def make_client(connection, limits: dict | None = None) -> RetryingClient:
    """The HTTP client of one connection: retries as configured, paced to the vendor's limits.

    A connection's own `rate_limit` (requests per second, set by an operator
    for a server of their own) replaces the vendor's documented limits.
    Timeouts and back-off come from the settings ``CRM_SYNC_HTTP_TIMEOUT``,
    ``CRM_SYNC_HTTP_ATTEMPTS``, ``CRM_SYNC_HTTP_BACKOFF`` and
    ``CRM_SYNC_HTTP_MAX_WAIT`` when set.
    """
    from django.conf import settings

    from ..ratelimit import GENERAL, Limit, RateLimiter

    own = getattr(connection, "rate_limit", None)
    if own:
        limits = {GENERAL: [Limit(max(1, round(own * 10)), 10.0)]}
    limiter = RateLimiter(limits) if limits else None
    return RetryingClient(
        attempts=getattr(settings, "CRM_SYNC_HTTP_ATTEMPTS", 5),
        backoff=getattr(settings, "CRM_SYNC_HTTP_BACKOFF", 0.5),
        max_wait=getattr(settings, "CRM_SYNC_HTTP_MAX_WAIT", 60.0),
        timeout=getattr(settings, "CRM_SYNC_HTTP_TIMEOUT", 30.0),
        limiter=limiter,
    )


def parse_time(value: str | None) -> dt.datetime | None:
    """An ISO 8601 time from a vendor (``Z``, ``+0000`` or naive UTC) as an aware UTC datetime."""
    if not value:
        return None
    text = str(value).strip().replace("Z", "+00:00")
    if len(text) > 5 and text[-5] in "+-" and text[-3] != ":":
        text = f"{text[:-2]}:{text[-2:]}"  # Salesforce's +0000
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC)


def iso(value: dt.datetime) -> str:
    """A UTC time as vendors' query languages take it: 2025-04-01T10:00:00.000Z."""
    value = value.astimezone(dt.UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
