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

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass
class Window:
    """Read records modified after (`after`, `after_id`) and at or before `until`."""

    after: dt.datetime
    after_id: str
    until: dt.datetime


@dataclass
class Page:
    """One page of a source: contacts (active or archived), ids known deleted, the checkpoint."""

    contacts: list[Contact]
    checkpoint: dict
    deleted_ids: list[str] = field(default_factory=list)


class CursorExpired(Exception):
    """The source can no longer continue from the saved cursor; a full run is needed."""


class Connector(ABC):
    """Base class of every CRM connector."""

    kind: str = ""
    page_size: int = 500

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
