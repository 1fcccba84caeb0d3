"""Directory fixtures: sources applied straight through `people.sources`, no CRM engine.

`two_sources` gives two in-memory agency sources (wbmusiques and wbimages)
and a `sync(which, full=False)` that applies what changed since the last
modification time that source's previous sync saw, minus a lookback, as an
incremental connector hands it over; a full sync applies everything and
tombstones what the source no longer has.
"""

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from people.contact import Contact
from people.sources import PageResult, apply_contacts, tombstone_unconfirmed

AGENCIES = {"a": "wbmusiques", "b": "wbimages"}
# As the sync engine: an incremental read starts this long before the last time seen.
LOOKBACK = dt.timedelta(minutes=15)


@dataclass
class Row:
    source_id: str
    modified: dt.datetime
    fields: dict = field(default_factory=dict)
    active: bool = True


class Source:
    """A tiny agency source: put and archive contacts with explicit modification times."""

    def __init__(self, agency: str) -> None:
        self.agency = agency
        self.rows: dict[str, Row] = {}
        self.cursor: dt.datetime | None = None

    def put(self, source_id: str, modified: dt.datetime, **fields) -> None:
        row = self.rows.get(source_id)
        merged = {**(row.fields if row else {}), **fields}
        self.rows[source_id] = Row(source_id, modified, merged, row.active if row else True)

    def archive(self, source_id: str, modified: dt.datetime) -> None:
        self.rows[source_id].active = False
        self.rows[source_id].modified = modified

    def contacts(self, since: dt.datetime | None) -> list[Contact]:
        rows = sorted(self.rows.values(), key=lambda r: (r.modified, r.source_id))
        return [
            Contact(source_id=r.source_id, modified_at=r.modified, active=r.active, **r.fields)
            for r in rows
            if since is None or r.modified > since
        ]

    def sync(self, full: bool = False) -> PageResult:
        started = timezone.now()
        since = None if full or self.cursor is None else self.cursor - LOOKBACK
        contacts = self.contacts(since)
        result = apply_contacts(self.agency, "crm", contacts)
        if full:
            result.deleted += tombstone_unconfirmed(self.agency, "crm", started)
        if contacts:
            self.cursor = max(self.cursor or contacts[-1].modified_at, contacts[-1].modified_at)
        return result


@pytest.fixture
def ago():
    """A time `minutes` before now, to give source records realistic modification times."""
    now = timezone.now()

    def _ago(minutes: float) -> dt.datetime:
        return now - dt.timedelta(minutes=minutes)

    return _ago


@pytest.fixture
def two_sources(db):
    """Two agencies' sources and `sync(which, full=False)`."""
    sources = {key: Source(agency) for key, agency in AGENCIES.items()}

    def sync(which: str, full: bool = False) -> PageResult:
        return sources[which].sync(full=full)

    return sources["a"], sources["b"], sync
