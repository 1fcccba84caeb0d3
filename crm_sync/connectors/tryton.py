"""Tryton (party module) over JSON-RPC.

Tryton is an open-source ERP from Liège; its ``party.party`` model serves as
a CRM: parties with contact mechanisms (email, phone, mobile, website),
addresses (city, country) and categories, archived with ``active = False``.

Vendor facts this connector depends on (checked against trytond 8.2):

- JSON-RPC at ``/<database>/rpc/``; ``common.db.login`` returns
  ``[user_id, session, …]``; later calls send
  ``Authorization: Session base64(login:user_id:session)``; every model call
  ends with a context dict.
- Datetimes travel as ``{"__class__": "datetime", …}``, naive UTC.
- ``last_modified_at`` is ``coalesce(write_date, create_date)``, searchable
  and sortable; rows written in one transaction share it, so pages use the
  (``last_modified_at``, ``id``) keyset.
- Archived parties are hidden unless the context has ``active_test: false``.
- Editing only a contact mechanism or an address does not touch the party's
  timestamp: a second phase reads parties whose mechanisms or addresses
  changed in the window.
- Deleting a party leaves no tombstone: only a full run's reconciliation
  notices it.
"""

import base64
import contextlib
import datetime as dt
import decimal
import itertools
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from people.contact import Contact

from ..http import RetryingClient, SourceError
from .base import CheckReport, Connector, EditionRef, Page, Window

PARTY_FIELDS = [
    "name",
    "active",
    "last_modified_at",
    "lang.code",
    "contact_mechanisms.type",
    "contact_mechanisms.value",
    "contact_mechanisms.active",
    "contact_mechanisms.last_modified_at",
    "addresses.city",
    "addresses.country.name",
    "addresses.active",
    "addresses.last_modified_at",
]
EMAIL_TYPES = {"email"}
PHONE_TYPES = {"phone", "mobile"}


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        value = value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value
        return {
            "__class__": "datetime",
            "year": value.year,
            "month": value.month,
            "day": value.day,
            "hour": value.hour,
            "minute": value.minute,
            "second": value.second,
            "microsecond": value.microsecond,
        }
    if isinstance(value, dt.date):
        return {"__class__": "date", "year": value.year, "month": value.month, "day": value.day}
    if isinstance(value, decimal.Decimal):
        return {"__class__": "Decimal", "decimal": str(value)}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        kind = value.get("__class__")
        if kind == "datetime":
            return dt.datetime(
                value["year"],
                value["month"],
                value["day"],
                value["hour"],
                value["minute"],
                value["second"],
                value.get("microsecond", 0),
                tzinfo=dt.UTC,
            )
        if kind == "date":
            return dt.date(value["year"], value["month"], value["day"])
        if kind == "Decimal":
            return decimal.Decimal(value["decimal"])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


class TrytonRPC:
    """A JSON-RPC session with one Tryton database."""

    def __init__(self, url: str, database: str, user: str, password: str, client=None) -> None:
        self.endpoint = f"{url.rstrip('/')}/{database}/rpc/"
        self.user = user
        self.password = password
        self.client = client or RetryingClient()
        self.authorization = ""
        self._ids = itertools.count(1)

    def call(self, method: str, *params: Any) -> Any:
        """Call `method`; return its result or raise SourceError with Tryton's message."""
        headers = {"Authorization": self.authorization} if self.authorization else {}
        body = {"id": next(self._ids), "method": method, "params": _encode(list(params))}
        try:
            answer = self.client.request_json("POST", self.endpoint, json=body, headers=headers)
        except SourceError as error:
            if error.status == 401 and self.authorization and method != "common.db.login":
                # The session expired: log in again once.
                self.login()
                headers = {"Authorization": self.authorization}
                answer = self.client.request_json("POST", self.endpoint, json=body, headers=headers)
            else:
                raise
        if not isinstance(answer, dict) or ("result" not in answer and "error" not in answer):
            raise SourceError(_("Tryton answered with an unexpected document."))
        if answer.get("error"):
            raise SourceError(
                _("Tryton refused %(method)s: %(error)s")
                % {"method": method, "error": str(answer["error"])[:300]}
            )
        return _decode(answer["result"])

    def login(self) -> None:
        """Open a session (the password is sent once, never logged)."""
        result = self.call("common.db.login", self.user, {"password": self.password})
        if not isinstance(result, list) or len(result) < 2:
            raise SourceError(_("Tryton refused the login."))
        token = f"{self.user}:{result[0]}:{result[1]}".encode()
        self.authorization = "Session " + base64.b64encode(token).decode()

    def model(self, model: str, method: str, *args: Any, context: dict | None = None) -> Any:
        """Call a model method with its trailing context."""
        return self.call(f"model.{model}.{method}", *args, context or {})

    def logout(self) -> None:
        if self.authorization:
            with contextlib.suppress(SourceError):
                self.call("common.db.logout")
            self.authorization = ""


class TrytonConnector(Connector):
    """Parties of one Tryton database as normalized contacts."""

    kind = "tryton"
    page_size = 200
    sees_deletions_incrementally = False  # a deleted party leaves no trace

    def __init__(self, connection, secret: str, client=None) -> None:
        super().__init__(connection, secret)
        self.rpc = TrytonRPC(
            connection.url, connection.database, connection.user or "admin", secret, client
        )

    def pages(self, window: Window, checkpoint: dict | None) -> Iterator[Page]:
        """Phase 1: parties by (last_modified_at, id); phase 2: parties whose
        contact mechanisms or addresses changed in the window, by id."""
        if not self.rpc.authorization:
            self.rpc.login()
        context = {"active_test": False}
        position = checkpoint or {"phase": 1, "t": None, "id": 0}
        if position["phase"] == 1:
            after = dt.datetime.fromisoformat(position["t"]) if position["t"] else window.after
            after_id = position["id"]
            while True:
                domain = [
                    ("last_modified_at", "<=", window.until),
                    [
                        "OR",
                        [("last_modified_at", ">", after)],
                        [("last_modified_at", "=", after), ("id", ">", after_id)],
                    ],
                ]
                rows = _parties(
                    self.rpc.model(
                        "party.party",
                        "search_read",
                        domain,
                        0,
                        self.page_size,
                        [["last_modified_at", "ASC"], ["id", "ASC"]],
                        PARTY_FIELDS,
                        context=context,
                    ),
                    _("the page of parties modified after %(time)s (id %(id)s)")
                    % {"time": after.isoformat(), "id": after_id},
                )
                if rows:
                    after, after_id = rows[-1]["last_modified_at"], rows[-1]["id"]
                    yield Page(
                        contacts=[self._contact(r) for r in rows],
                        checkpoint={"phase": 1, "t": after.isoformat(), "id": after_id},
                    )
                if len(rows) < self.page_size:
                    break
            position = {"phase": 2, "t": None, "id": 0}
        after_id = position["id"]
        while True:
            changed = ["OR"] + [
                [
                    (f"{relation}.last_modified_at", ">", window.after),
                    (f"{relation}.last_modified_at", "<=", window.until),
                ]
                for relation in ("contact_mechanisms", "addresses")
            ]
            rows = _parties(
                self.rpc.model(
                    "party.party",
                    "search_read",
                    [("id", ">", after_id), ("last_modified_at", "<=", window.after), changed],
                    0,
                    self.page_size,
                    [["id", "ASC"]],
                    PARTY_FIELDS,
                    context=context,
                ),
                _("the page of parties with changed contact details after id %(id)s")
                % {"id": after_id},
            )
            if rows:
                after_id = rows[-1]["id"]
                yield Page(
                    contacts=[self._contact(r) for r in rows],
                    checkpoint={"phase": 2, "t": None, "id": after_id},
                )
            if len(rows) < self.page_size:
                break

    def _contact(self, row: dict) -> Contact:
        # Only the id and the time are vouched for by _parties: anything else
        # of the wrong type is read as missing (the record then has less, or
        # fails alone with a per-record error), never as an exception.
        mechanisms = [m for m in _items(row, "contact_mechanisms.") if _truthy(m.get("active", 1))]
        addresses = [a for a in _items(row, "addresses.") if _truthy(a.get("active", 1))]
        stamps = [row["last_modified_at"]] + [
            item["last_modified_at"]
            for item in (*mechanisms, *addresses)
            if isinstance(item.get("last_modified_at"), dt.datetime)
        ]
        first, last = split_name(_text(row.get("name")))
        address = addresses[0] if addresses else {}
        country = address.get("country.")
        country = country if isinstance(country, dict) else {}
        lang = row.get("lang.")
        lang = lang if isinstance(lang, dict) else {}
        return Contact(
            source_id=str(row["id"]),
            modified_at=max(stamps),
            first_name=first,
            last_name=last,
            emails=[_text(m.get("value")) for m in mechanisms if m.get("type") in EMAIL_TYPES],
            phones=[_text(m.get("value")) for m in mechanisms if m.get("type") in PHONE_TYPES],
            city=_text(address.get("city")),
            country=_text(country.get("name")),
            language=_text(lang.get("code")),
            active=_truthy(row.get("active", 1)),
        )

    def close(self) -> None:
        self.rpc.logout()

    def check(self) -> CheckReport:
        report = CheckReport()
        try:
            if not self.rpc.authorization:
                self.rpc.login()
            context = {"active_test": False}
            count = self.rpc.model("party.party", "search_count", [], context=context)
            report.seen.append(_("Parties: readable (%(count)s).") % {"count": count})
            models = ["party.party", "party.contact_mechanism", "party.address"]
            needed = dict.fromkeys(models, "read")
            if self.connection.write_attendance:
                needed.update({"party.party": "write", "party.category": "create"})
                models.append("party.category")
            access = self.rpc.model("ir.model.access", "get_access", models)
            for name, operation in needed.items():
                if not (access.get(name) or {}).get(operation):
                    report.missing.append(
                        _("%(operation)s access to %(model)s")
                        % {"operation": operation.capitalize(), "model": name}
                    )
        except SourceError as error:
            report.error = str(error)
        return report

    def write_attendance(self, edition: EditionRef, source_ids: list[str]) -> list[str]:
        """A party category per edition, added to the attendees' parties (adding twice is
        adding once)."""
        if not self.rpc.authorization:
            self.rpc.login()
        context = {"active_test": False}
        name = edition.label
        found = self.rpc.model("party.category", "search", [("name", "=", name)], context=context)
        if found:
            category = found[0]
        else:
            (category,) = self.rpc.model("party.category", "create", [{"name": name}])
        wanted = [int(sid) for sid in source_ids if str(sid).isdigit()]
        known = self.rpc.model("party.party", "search", [("id", "in", wanted)], context=context)
        if known:
            self.rpc.model(
                "party.party",
                "write",
                known,
                {"categories": [["add", [category]]]},
                context=context,
            )
        return [str(pid) for pid in known]


def _parties(answer: Any, where: str) -> list[dict]:
    """Check the shape of a search_read answer: a list of parties, each with its id and time.

    Valid JSON of the wrong shape (``result: null``, a row without its id or
    modification time) stops the run with a message saying what and where:
    the page cannot be read in order without them.
    """
    if not isinstance(answer, list):
        raise SourceError(
            _("Tryton answered %(where)s with JSON %(kind)s instead of a list of parties.")
            % {"where": where, "kind": _kind(answer)}
        )
    for number, row in enumerate(answer, 1):
        if not isinstance(row, dict):
            raise SourceError(
                _("Party %(number)s of %(where)s is JSON %(kind)s instead of a record.")
                % {"number": number, "where": where, "kind": _kind(row)}
            )
        for name, expected in (("id", int), ("last_modified_at", dt.datetime)):
            value = row.get(name)
            if not isinstance(value, expected) or isinstance(value, bool):
                raise SourceError(
                    _("Party %(number)s of %(where)s has no valid %(field)s (JSON %(kind)s).")
                    % {"number": number, "where": where, "field": name, "kind": _kind(value)}
                )
    return answer


def _kind(value: Any) -> str:
    """The JSON type of `value` (JSON's own word), to name it in a message without
    repeating it."""
    if value is None:
        return "null"
    for kind, name in (
        (bool, "boolean"),
        (int | float | decimal.Decimal, "number"),
        (str, "string"),
        (list, "array"),
        (dict, "object"),
    ):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def _items(row: dict, name: str) -> list[dict]:
    """The related records `name` of a party: a list of dicts, or nothing."""
    value = row.get(name)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _text(value: Any) -> str:
    """A text field as a string: '' when missing; numbers as their digits; anything else ''."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool):
        return str(value)
    return ""


def _truthy(value: Any) -> bool:
    # Tryton on SQLite answers 0/1 where PostgreSQL answers false/true.
    return bool(value) and value not in ("0", "false", "False")


def split_name(name: str) -> tuple[str, str]:
    """Tryton keeps one name per party: the first word is the first name, the rest the last name.

    "Sarah Van den Bossche" → ("Sarah", "Van den Bossche"); a single word is a
    last name (organisations, mononyms).
    """
    parts = name.split(None, 1)
    if len(parts) == 2:
        return parts[0], parts[1]
    return "", name.strip()
