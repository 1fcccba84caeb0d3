"""Odoo (``res.partner``) with an API key: the JSON-2 API where offered, JSON-RPC otherwise.

Vendor facts this connector depends on (Odoo's developer documentation:
External JSON-2 API, External RPC API, ORM reference):

- ``GET /web/version`` tells the server's version without logging in. From
  19.0 the JSON-2 API answers ``POST /json/2/<model>/<method>`` with
  ``Authorization: bearer <API key>`` and the database in
  ``X-Odoo-Database``; the body holds the keyword arguments (``ids``,
  ``context``, ``domain`` …); errors use HTTP statuses. Before 19.0 (and
  deprecated since), JSON-RPC at ``/jsonrpc``: ``common.login(db, login,
  key)`` gives the user id, then ``object.execute_kw(db, uid, key, model,
  method, args, kwargs)``; errors come as ``{"error": …}`` with status 200.
- ``search_read`` takes a domain (Polish notation), ``fields``, ``limit`` and
  ``order``; pages here are keyed on (``write_date``, ``id``) — whole-second
  timestamps, so ties are common — never on offsets.
- Archived partners are hidden unless the context has ``active_test: False``.
- ``res.partner`` holds companies too (``is_company``): they are not people,
  so they are mirrored as inactive (a partner turned into a company leaves
  the directory).
- A deleted partner leaves no trace: only a full run's id comparison notices.
- Fields differ between versions (``mobile`` is gone in recent ones): the
  connector asks ``fields_get`` once and reads what exists.
- No request rate is documented for the external API.

Attendance is written back as a partner category (tag) per edition, linked
with the ``(4, id)`` command, which links nothing twice.
"""

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from people.contact import Contact

from ..http import SourceError
from .base import (
    EPOCH,
    CheckReport,
    EditionRef,
    HTTPConnector,
    Page,
    Window,
)
from .tryton import split_name

WANTED = [
    "name",
    "email",
    "phone",
    "mobile",
    "commercial_company_name",
    "function",
    "city",
    "country_id",
    "lang",
    "active",
    "is_company",
    "write_date",
]
PAGE_SIZE = 500
CONTEXT = {"active_test": False}
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


class OdooConnector(HTTPConnector):
    """Partners of one Odoo database."""

    kind = "odoo"
    sees_deletions_incrementally = False  # a deleted partner leaves no trace
    page_size = PAGE_SIZE

    def __init__(self, connection, secret: str, client=None) -> None:
        super().__init__(connection, secret, client)
        self.json2: bool | None = None  # decided from /web/version
        self.uid: int | None = None
        self.fields: list[str] | None = None
        self._ids = itertools.count(1)

    # the two protocols

    def call(self, model: str, method: str, ids: list | None = None, **kwargs: Any) -> Any:
        """Call a model method: on records `ids` (or on the model), with keyword arguments."""
        if self.json2 is None:
            self._negotiate()
        if self.json2:
            body = {"ids": ids, **kwargs} if ids is not None else kwargs
            return self._json2(model, method, **body)
        return self._jsonrpc(model, method, [ids] if ids is not None else [], kwargs)

    def _negotiate(self) -> None:
        answer = self.client.request_json("GET", f"{self.base}/web/version")
        info = answer.get("version_info") if isinstance(answer, dict) else None
        major = info[0] if isinstance(info, list) and info else 0
        self.json2 = isinstance(major, int) and major >= 19
        if not self.json2:
            self.uid = self._rpc(
                "common", "login", [self.connection.database, self._login(), self.secret]
            )
            if not self.uid:
                raise SourceError(_("Odoo refused the login: check the user and the API key."))

    def _login(self) -> str:
        return self.connection.user or "admin"

    def _json2(self, model: str, method: str, **kwargs: Any) -> Any:
        headers = {
            "Authorization": f"bearer {self.secret}",
            "X-Odoo-Database": self.connection.database,
            "User-Agent": "Passerelles",
        }
        try:
            return self.client.request_json(
                "POST", f"{self.base}/json/2/{model}/{method}", json=kwargs, headers=headers
            )
        except SourceError as error:
            raise _explain(error) from None

    def _jsonrpc(self, model: str, method: str, args: list, kwargs: dict) -> Any:
        return self._rpc(
            "object",
            "execute_kw",
            [self.connection.database, self.uid, self.secret, model, method, args, kwargs],
        )

    def _rpc(self, service: str, method: str, args: list) -> Any:
        body = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": service, "method": method, "args": args},
            "id": next(self._ids),
        }
        answer = self.client.request_json("POST", f"{self.base}/jsonrpc", json=body)
        if not isinstance(answer, dict) or ("result" not in answer and "error" not in answer):
            raise SourceError(_("Odoo answered with an unexpected document."))
        if answer.get("error"):
            data = answer["error"].get("data") or {}
            raise _explain(SourceError(_("Odoo refused the call."), body=data))
        return answer["result"]

    # reading

    def _fields(self) -> list[str]:
        if self.fields is None:
            known = self.call("res.partner", "fields_get", attributes=["type"], context=CONTEXT)
            self.fields = [f for f in WANTED if isinstance(known, dict) and f in known]
        return self.fields

    def pages(self, window: Window, checkpoint: dict | None) -> Iterator[Page]:
        """Partners by (write_date, id), archived ones and companies included."""
        position = checkpoint or {"t": None, "id": 0}
        after = dt.datetime.fromisoformat(position["t"]) if position["t"] else window.after
        after_id = position["id"]
        fields = self._fields()
        while True:
            stamp = _stamp(after)
            domain = [("write_date", "<=", _stamp(window.until))]
            if after_id:
                domain += [
                    "|",
                    ("write_date", ">", stamp),
                    "&",
                    ("write_date", "=", stamp),
                    ("id", ">", after_id),
                ]
            elif after != EPOCH:
                domain.append(("write_date", ">=", stamp))
            rows = self.call(
                "res.partner",
                "search_read",
                domain=domain,
                fields=fields,
                limit=PAGE_SIZE,
                order="write_date asc, id asc",
                context=CONTEXT,
            )
            if not isinstance(rows, list):
                raise SourceError(_("Odoo answered with an unexpected document."))
            if rows:
                after = _time(rows[-1].get("write_date")) or after
                after_id = rows[-1]["id"]
            yield Page(
                contacts=[self._contact(row) for row in rows],
                checkpoint={"t": after.isoformat(), "id": after_id},
            )
            if len(rows) < PAGE_SIZE:
                return

    def _contact(self, row: dict) -> Contact:
        first, last = split_name(_text(row.get("name")))
        country = row.get("country_id")
        return Contact(
            source_id=str(row["id"]),
            modified_at=_time(row.get("write_date")) or EPOCH,
            first_name=first,
            last_name=last,
            emails=[_text(row.get("email"))] if row.get("email") else [],
            phones=[_text(p) for p in (row.get("phone"), row.get("mobile")) if p],
            organisation=_text(row.get("commercial_company_name")),
            job_title=_text(row.get("function")),
            city=_text(row.get("city")),
            country=country[1] if isinstance(country, list) and len(country) > 1 else "",
            language=_text(row.get("lang"))[:2],
            active=bool(row.get("active", True)) and not row.get("is_company"),
        )

    # test connection

    def check(self) -> CheckReport:
        report = CheckReport()
        try:
            fields = self._fields()
            rows = self.call(
                "res.partner",
                "search_read",
                domain=[],
                fields=["id"],
                limit=1,
                context=CONTEXT,
            )
            count = self.call("res.partner", "search_count", domain=[], context=CONTEXT)
            report.seen.append(
                _("Partners: readable (%(count)s, through %(api)s).")
                % {
                    "count": count if rows is not None else 0,
                    "api": "JSON-2" if self.json2 else "JSON-RPC",
                }
            )
            missing = [f for f in ("name", "email", "write_date") if f not in fields]
            report.missing += [
                _("Read access to res.partner.%(field)s") % {"field": f} for f in missing
            ]
            if self.connection.write_attendance:
                for model, operation in (
                    ("res.partner.category", "create"),
                    ("res.partner", "write"),
                ):
                    if not self._allowed(model, operation):
                        report.missing.append(
                            _("%(operation)s access to %(model)s")
                            % {"operation": operation.capitalize(), "model": model}
                        )
        except SourceError as error:
            report.error = str(error)
        return report

    def _allowed(self, model: str, operation: str) -> bool:
        if self.json2:
            return bool(self.call(model, "has_access", operation=operation))
        return bool(
            self.call(model, "check_access_rights", operation=operation, raise_exception=False)
        )

    # attendance write-back

    def write_attendance(self, edition: EditionRef, source_ids: list[str]) -> list[str]:
        name = edition.label
        found = self.call(
            "res.partner.category",
            "search",
            domain=[("name", "=", name)],
            limit=1,
            context=CONTEXT,
        )
        if found:
            category = found[0]
        else:
            created = self.call("res.partner.category", "create", vals_list=[{"name": name}])
            category = created[0] if isinstance(created, list) else created
        wanted = [int(sid) for sid in source_ids if str(sid).isdigit()]
        domain = [("id", "in", wanted)]
        known = self.call("res.partner", "search", domain=domain, context=CONTEXT) or []
        if known:
            values = {"category_id": [[4, category]]}
            self.call("res.partner", "write", ids=known, vals=values, context=CONTEXT)
        return [str(pid) for pid in known]


def _stamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime(TIME_FORMAT)


def _time(value: Any) -> dt.datetime | None:
    """Odoo's datetimes: naive UTC strings."""
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.strptime(value[:19], TIME_FORMAT).replace(tzinfo=dt.UTC)
    except ValueError:
        return None


def _text(value: Any) -> str:
    # Odoo answers False for an empty field.
    return value if isinstance(value, str) else ""


def _explain(error: SourceError) -> SourceError:
    body = error.body if isinstance(error.body, dict) else {}
    name = str(body.get("name") or "")
    if error.status == 401 or name.endswith("AccessDenied"):
        return SourceError(_("Odoo refused the API key (check the key and the user)."), status=401)
    if error.status == 403 or name.endswith("AccessError"):
        return SourceError(
            _("Odoo refused access: the user lacks a right (see Test connection)."), status=403
        )
    return error
