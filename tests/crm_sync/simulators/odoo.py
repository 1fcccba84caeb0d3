"""An Odoo simulator (``res.partner``, ``res.partner.category``), from Odoo's public
developer documentation: External JSON-2 API (19.0) and External RPC API.

What it follows: ``GET /web/version``; JSON-2 at ``POST /json/2/<model>/<method>``
(``Authorization: bearer <key>``, ``X-Odoo-Database``, keyword arguments and
``ids`` in the body, the result as the whole answer, errors with HTTP statuses
and ``{"name", "message", "arguments", "context", "debug"}`` bodies); JSON-RPC
at ``/jsonrpc`` (``common.login``, ``object.execute_kw``; errors as
``{"error": {"code": 200, "message": "Odoo Server Error", "data": {…}}}`` with
status 200) — servers before 19.0 offer only JSON-RPC. Domains in Polish
notation, ``search_read`` with ``fields``/``limit``/``order``, ``active_test``
in the context, ``write_date`` as naive UTC with whole seconds, unlink leaving
no trace, ``fields_get``, ``has_access`` (18+) and ``check_access_rights``,
and the ``(4, id)`` link command on many2many fields.
"""

import datetime as dt
import itertools

from .base import Reply, Request, Simulator, VendorClock, compare

TIME = "%Y-%m-%d %H:%M:%S"
FIELDS = [
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
    "category_id",
]


def odoo_time(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime(TIME)


class OdooSimulator(Simulator):
    def __init__(
        self,
        seed: int = 0,
        version: int = 19,
        api_key: str = "odoo-api-key",
        login: str = "passerelles",
        database: str = "wbm",
    ) -> None:
        self.version = version
        self.api_key = api_key
        self.login = login
        self.database = database
        self.denied: set[tuple[str, str]] = set()
        super().__init__(seed)

    def fresh(self) -> None:
        self.clock = VendorClock(self.rng, dt.timedelta(seconds=1))
        self.partners: dict[int, dict] = {}
        self.categories: dict[int, dict] = {}
        self.ids = itertools.count(7)
        self.unauthorized_once = False

    # the database, as its users change it

    def create(self, **values) -> int:
        partner_id = next(self.ids)
        row = dict.fromkeys(FIELDS, False)
        row.update({"active": True, "is_company": False, "category_id": []}, **values)
        row["id"] = partner_id
        row["write_date"] = self.clock.tick()
        self.partners[partner_id] = row
        return partner_id

    def update(self, partner_id: int, **values) -> None:
        row = self.partners[partner_id]
        row.update(values)
        row["write_date"] = self.clock.tick()

    def unlink(self, partner_id: int) -> None:
        del self.partners[partner_id]

    def people(self) -> dict[str, dict]:
        """Active individuals (what the directory should hold), by id."""
        return {str(k): r for k, r in self.partners.items() if r["active"] and not r["is_company"]}

    # serving

    def _fault(self, fault, request):
        if fault == "token":
            self.unauthorized_once = True
            return None
        return super()._fault(fault, request)

    def server_error(self, status):
        return Reply(
            status, b"<html><title>502 Bad Gateway</title></html>", {"Content-Type": "text/html"}
        )

    def route(self, request: Request) -> Reply:
        if request.path == "/web/version":
            return Reply(
                200,
                {
                    "server_version": f"{self.version}.0",
                    "server_version_info": [self.version, 0, 0, "final", 0, ""],
                    "version_info": [self.version, 0, 0, "final", 0, ""],
                    "version": f"{self.version}.0",
                    "protocol_version": 1,
                },
            )
        if request.path.startswith("/json/2/") and self.version >= 19:
            return self._json2(request)
        if request.path == "/jsonrpc" and request.method == "POST":
            return self._jsonrpc(request)
        return Reply(404, b"<html>Not Found</html>", {"Content-Type": "text/html"})

    def _json2(self, request: Request) -> Reply:
        if self.unauthorized_once or request.header("Authorization") != f"bearer {self.api_key}":
            self.unauthorized_once = False
            return Reply(401, self._error("werkzeug.exceptions.Unauthorized", "Invalid apikey"))
        if request.header("X-Odoo-Database") not in ("", self.database):
            return Reply(404, self._error("werkzeug.exceptions.NotFound", "database not found"))
        _, _, _, model, method = request.path.split("/", 4)
        kwargs = request.json() or {}
        ids = kwargs.pop("ids", None)
        try:
            return Reply(200, self.execute(model, method, ids, kwargs))
        except PermissionError as error:
            return Reply(403, self._error("odoo.exceptions.AccessError", str(error)))
        except (KeyError, TypeError) as error:
            return Reply(422, self._error("builtins.TypeError", str(error)))

    def _jsonrpc(self, request: Request) -> Reply:
        body = request.json()
        params = body.get("params") or {}
        service, method, args = (
            params.get("service"),
            params.get("method"),
            params.get("args") or [],
        )
        reply = {"jsonrpc": "2.0", "id": body.get("id")}
        if self.unauthorized_once:
            self.unauthorized_once = False
            reply["error"] = self._rpc_error("odoo.exceptions.AccessDenied", "Access Denied")
            return Reply(200, reply)
        if service == "common" and method == "login":
            db, login, key = args
            reply["result"] = (
                2 if (db, login, key) == (self.database, self.login, self.api_key) else False
            )
            return Reply(200, reply)
        if service == "object" and method == "execute_kw":
            db, uid, key, model, name, margs, *rest = args
            if (db, uid, key) != (self.database, 2, self.api_key):
                reply["error"] = self._rpc_error("odoo.exceptions.AccessDenied", "Access Denied")
                return Reply(200, reply)
            kwargs = dict(rest[0]) if rest else {}
            ids = margs[0] if margs else None
            try:
                reply["result"] = self.execute(model, name, ids, kwargs)
            except PermissionError as error:
                reply["error"] = self._rpc_error("odoo.exceptions.AccessError", str(error))
            except (KeyError, TypeError) as error:
                reply["error"] = self._rpc_error("builtins.TypeError", str(error))
            return Reply(200, reply)
        reply["error"] = self._rpc_error("builtins.KeyError", "unknown method")
        return Reply(200, reply)

    def _error(self, name, message):
        return {
            "name": name,
            "message": message,
            "arguments": [message],
            "context": {},
            "debug": "Traceback …",
        }

    def _rpc_error(self, name, message):
        return {"code": 200, "message": "Odoo Server Error", "data": self._error(name, message)}

    # the ORM

    def execute(self, model: str, method: str, ids, kwargs: dict):
        table = {"res.partner": self.partners, "res.partner.category": self.categories}[model]
        context = kwargs.pop("context", {}) or {}
        operation = {"create": "create", "write": "write"}.get(method, "read")
        if method in ("has_access", "check_access_rights"):
            return (model, kwargs["operation"]) not in self.denied
        if (model, operation) in self.denied:
            raise PermissionError(f"You are not allowed to {operation} '{model}' records.")
        active_test = context.get("active_test", True)
        if method == "fields_get":
            fields = [f for f in FIELDS if self.version < 18 or f != "mobile"]
            return {f: {"type": "char"} for f in fields + ["id"]}
        if method in ("search_read", "search", "search_count"):
            rows = [
                r
                for r in table.values()
                if (not active_test or r.get("active", True))
                and evaluate(kwargs.get("domain") or [], r)
            ]
            for field, descending in reversed(_order(kwargs.get("order") or "id")):
                rows.sort(key=lambda r: r[field], reverse=descending)
            offset = kwargs.get("offset") or 0
            limit = kwargs.get("limit")
            rows = rows[offset : offset + limit if limit else None]
            if method == "search_count":
                return len(rows)
            if method == "search":
                return [r["id"] for r in rows]
            fields = kwargs.get("fields") or FIELDS
            for field in fields:
                if field not in FIELDS and field != "id":
                    raise KeyError(f"Invalid field {field!r} on model {model!r}")
                if field == "mobile" and self.version >= 18:
                    raise KeyError("Invalid field 'mobile' on model 'res.partner'")
            return [{"id": r["id"], **{f: _out(r.get(f, False)) for f in fields}} for r in rows]
        if method == "create":
            created = []
            for values in kwargs["vals_list"]:
                new_id = next(self.ids)
                table[new_id] = {"id": new_id, "active": True, **values}
                created.append(new_id)
            return created
        if method == "write":
            for record_id in ids:
                row = table[record_id]
                for field, value in kwargs["vals"].items():
                    if field == "category_id":
                        for command in value:
                            if command[0] == 4 and command[1] not in row["category_id"]:
                                row["category_id"].append(command[1])
                    else:
                        row[field] = value
                if model == "res.partner":
                    row["write_date"] = self.clock.tick()
            return True
        raise KeyError(f"The method '{method}' does not exist on the model '{model}'")


def _out(value):
    return odoo_time(value) if isinstance(value, dt.datetime) else value


def _order(text: str) -> list[tuple[str, bool]]:
    out = []
    for part in text.split(","):
        words = part.split()
        out.append((words[0], len(words) > 1 and words[1].lower() == "desc"))
    return out


def _leaf(row: dict, leaf) -> bool:
    field, op, value = leaf
    have = row.get(field)
    if isinstance(have, dt.datetime):
        have = odoo_time(have)
    if op == "in":
        return have in value
    if op == "not in":
        return have not in value
    return compare(have, op, value)


def evaluate(domain: list, row: dict) -> bool:
    """A domain in Polish notation; top-level terms are joined with '&'."""
    stack: list[bool] = []
    for item in reversed(domain):
        if item == "&":
            a, b = stack.pop(), stack.pop()
            stack.append(a and b)
        elif item == "|":
            a, b = stack.pop(), stack.pop()
            stack.append(a or b)
        elif item == "!":
            stack.append(not stack.pop())
        else:
            stack.append(_leaf(row, item))
    return all(stack)
