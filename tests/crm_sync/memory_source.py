"""An in-memory source and its connector, for engine tests without a CRM.

It behaves like a well-behaved vendor API: records ordered by (modified,
id), pages of a fixed size, archived rows returned with active=False,
deleted rows simply gone. Failure injection: raise after N pages.
"""

import datetime as dt
from dataclasses import dataclass, field

from crm_sync.connectors.base import Connector, Page, Window
from people.contact import Contact


@dataclass
class Row:
    source_id: str
    modified: dt.datetime
    fields: dict = field(default_factory=dict)
    active: bool = True


class MemorySource:
    """A tiny CRM: put, archive and delete contacts with explicit modification times."""

    def __init__(self) -> None:
        self.rows: dict[str, Row] = {}

    def put(self, source_id: str, modified: dt.datetime, **fields) -> None:
        row = self.rows.get(source_id)
        merged = {**(row.fields if row else {}), **fields}
        self.rows[source_id] = Row(source_id, modified, merged, row.active if row else True)

    def archive(self, source_id: str, modified: dt.datetime) -> None:
        self.rows[source_id].active = False
        self.rows[source_id].modified = modified

    def delete(self, source_id: str) -> None:
        del self.rows[source_id]


class MemoryConnector(Connector):
    kind = "memory"

    def __init__(self, source: MemorySource, page_size: int = 3, fail_after_pages=None, error=None):
        super().__init__(connection=None, secret="")
        self.source = source
        self.page_size = page_size
        self.fail_after_pages = fail_after_pages
        self.error = error or KeyboardInterrupt
        self.pages_served = 0

    def pages(self, window: Window, checkpoint):
        if checkpoint:
            after = (dt.datetime.fromisoformat(checkpoint[0]), checkpoint[1])
        else:
            after = (window.after, window.after_id)
        rows = sorted(
            (
                r
                for r in self.source.rows.values()
                if (r.modified, r.source_id) > after and r.modified <= window.until
            ),
            key=lambda r: (r.modified, r.source_id),
        )
        for start in range(0, len(rows), self.page_size):
            if self.fail_after_pages is not None and self.pages_served >= self.fail_after_pages:
                raise self.error("injected failure")
            chunk = rows[start : start + self.page_size]
            self.pages_served += 1
            contacts = [
                Contact(
                    source_id=r.source_id,
                    modified_at=r.modified,
                    active=r.active,
                    first_name=r.fields.get("first_name", ""),
                    last_name=r.fields.get("last_name", ""),
                    emails=list(r.fields.get("emails", [])),
                    phones=list(r.fields.get("phones", [])),
                    organisation=r.fields.get("organisation", ""),
                    job_title=r.fields.get("job_title", ""),
                    city=r.fields.get("city", ""),
                    country=r.fields.get("country", ""),
                    language=r.fields.get("language", ""),
                )
                for r in chunk
            ]
            last = chunk[-1]
            yield Page(contacts=contacts, checkpoint=[last.modified.isoformat(), last.source_id])
