"""A Dataverse Web API simulator (contacts, marketing lists), from Microsoft Learn's public
documentation of the Dataverse Web API and the Microsoft identity platform.

What it follows: the client credentials token endpoint (``scope`` =
environment URL + ``/.default``; ``expires_in``; ``invalid_client`` errors
with ``AADSTS`` codes); ``Prefer: odata.maxpagesize`` (≤ 5,000) with
``@odata.nextLink``; change tracking (``Prefer: odata.track-changes``: the
last page of the first read carries ``@odata.deltaLink``; following it gives
changed rows and ``$deletedEntity`` rows with ``id`` and ``reason``; no
``$filter``/``$orderby`` with it; an expired token answers 400 with code
0x80044352 "Version stamp associated with the client has expired");
formatted-value annotations for lookups; ``statecode``; errors as
``{"error": {"code", "message"}}``; service protection limits (429 with
``Retry-After``, code 0x80072322); ``WhoAmI``, ``EntityDefinitions``,
``RetrieveUserPrivileges``, ``lists`` and ``AddListMembersList``.
"""

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

from .base import Reply, Request, Simulator, VendorClock, Window

API = "/api/data/v9.2"
FORMATTED = "@OData.Community.Display.V1.FormattedValue"


def stamp(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


class DynamicsSimulator(Simulator):
    def __init__(
        self,
        seed: int = 0,
        client_id: str = "11111111-2222-3333-4444-555555555555",
        client_secret: str = "aad-client-secret",  # noqa: S107
        requests_per_window: int = 6000,
        window_seconds: float = 300.0,
    ) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.change_tracking = True
        self.privileges = {
            "prvReadContact",
            "prvCreateList",
            "prvWriteList",
            "prvAppendToList",
            "prvAppendContact",
        }
        super().__init__(seed)
        self.windows = [Window("service protection", requests_per_window, window_seconds)]

    def fresh(self) -> None:
        self.clock = VendorClock(self.rng, dt.timedelta(seconds=1))
        self.contacts: dict[str, dict] = {}
        self.deleted: dict[str, int] = {}  # id → version of the deletion
        self.version = 1
        self.oldest_token = 0  # delta tokens older than this have expired
        self.pages: dict[str, tuple[list[dict], int, int, list[str]]] = {}
        self.lists: dict[str, dict] = {}
        self.members: dict[str, set[str]] = {}
        self.serial = 0

    def _guid(self) -> str:
        self.serial += 1
        bits = self.rng.getrandbits
        return f"{self.serial:08x}-{bits(16):04x}-4{bits(12):03x}-8000-{bits(48):012x}"

    # the environment, as its users change it

    def _bump(self) -> int:
        self.version += 1
        return self.version

    def create(self, **fields) -> str:
        contact_id = self._guid()
        self.contacts[contact_id] = {
            "contactid": contact_id,
            "statecode": 0,
            **fields,
            "modifiedon": self.clock.tick(),
            "version": self._bump(),
        }
        return contact_id

    def update(self, contact_id: str, **fields) -> None:
        row = self.contacts[contact_id]
        row.update(fields)
        row["modifiedon"] = self.clock.tick()
        row["version"] = self._bump()

    def delete(self, contact_id: str) -> None:
        del self.contacts[contact_id]
        self.deleted[contact_id] = self._bump()

    def active(self) -> dict[str, dict]:
        return {k: r for k, r in self.contacts.items() if r["statecode"] == 0}

    # serving

    def error(self, status: int, code: str, message: str, headers=None) -> Reply:
        return Reply(status, {"error": {"code": code, "message": message}}, headers or {})

    def rate_limited(self, window, retry_after):
        headers = {"Retry-After": str(max(1, round(retry_after or 1)))}
        return self.error(
            429,
            "0x80072322",
            "Number of requests exceeded the limit of 6000 over time window of 300 seconds.",
            headers,
        )

    def server_error(self, status):
        return self.error(status, "0x80040216", "An unexpected error occurred.")

    def expire_cursors(self) -> None:
        self.oldest_token = self.version + 1
        self.pages.clear()

    def route(self, request: Request) -> Reply:
        if request.path.endswith("/oauth2/v2.0/token") and request.method == "POST":
            return self._token(request)
        if not self.bearer_ok(request):
            return self.error(
                401,
                "",
                "Authentication failed.",
                {"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        if not request.path.startswith(API):
            return self.error(404, "0x80060888", "Resource not found.")
        path = request.path[len(API) :]
        if path == "/WhoAmI":
            return Reply(
                200,
                {
                    "UserId": "00000000-0000-0000-0000-0000000000aa",
                    "BusinessUnitId": "b",
                    "OrganizationId": "o",
                },
            )
        if path.startswith("/EntityDefinitions("):
            return Reply(200, {"ChangeTrackingEnabled": self.change_tracking})
        if path.endswith("/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()"):
            return Reply(
                200,
                {
                    "RolePrivileges": [
                        {"PrivilegeName": p, "Depth": "Global"} for p in sorted(self.privileges)
                    ]
                },
            )
        if path == "/contacts" and request.method == "GET":
            return self._contacts(request)
        if path == "/lists":
            return self._lists(request)
        match = re.fullmatch(r"/lists\(([-0-9a-f]+)\)/listcontact_association", path)
        if match:
            return self._members(match.group(1), request)
        if path == "/AddListMembersList" and request.method == "POST":
            body = request.json()
            list_id = body["List"]["listid"]
            for member in body["Members"]:
                if member["contactid"] not in self.contacts:
                    return self.error(404, "0x80040217", "contact With Id = … Does Not Exist")
                self.members.setdefault(list_id, set()).add(member["contactid"])
            return Reply(204)
        return self.error(404, "0x80060888", "Resource not found for the segment.")

    def _token(self, request: Request) -> Reply:
        form = request.form()
        if (form.get("client_id"), form.get("client_secret")) != (
            self.client_id,
            self.client_secret,
        ):
            return Reply(
                401,
                {
                    "error": "invalid_client",
                    "error_description": "AADSTS7000215: Invalid client secret provided.",
                    "error_codes": [7000215],
                },
            )
        if form.get("scope") != f"{self.url}/.default":
            return Reply(
                400,
                {
                    "error": "invalid_scope",
                    "error_description": "AADSTS70011",
                    "error_codes": [70011],
                },
            )
        return Reply(
            200,
            {
                "token_type": "Bearer",
                "expires_in": 3599,
                "ext_expires_in": 3599,
                "access_token": self.issue_token(),
            },
        )

    def _page_size(self, request: Request) -> int:
        match = re.search(r"odata\.maxpagesize=(\d+)", request.header("Prefer"))
        return min(int(match.group(1)), 5000) if match else 5000

    def _row(self, row: dict, select: list[str]) -> dict:
        out = {"@odata.etag": f'W/"{row["version"]}"'}
        for name in select:
            value = row.get(name)
            out[name] = stamp(value) if isinstance(value, dt.datetime) else value
        if "_parentcustomerid_value" in select and row.get("company"):
            out["_parentcustomerid_value"] = "aaaaaaaa-0000-0000-0000-000000000001"
            out["_parentcustomerid_value" + FORMATTED] = row["company"]
        return out

    def _contacts(self, request: Request) -> Reply:
        track = "odata.track-changes" in request.header("Prefer")
        size = self._page_size(request)
        skip = request.arg("$skiptoken")
        if skip is not None:
            if skip not in self.pages:
                return self.error(400, "0x80040203", "The paging cookie has expired.")
            rows, start, version, select = self.pages[skip]
            return self._serve_page(rows, start, size, version, request, select=select)
        select = (request.arg("$select") or "contactid").split(",")
        token = request.arg("$deltatoken")
        filter_ = request.arg("$filter")
        if track and (filter_ or request.arg("$orderby")):
            return self.error(
                400, "0x80060888", "$filter and $orderby are not allowed with change tracking."
            )
        if track and not self.change_tracking:
            return self.error(
                400, "0x80044353", "Change tracking is not enabled for the entity contact."
            )
        if token is not None:
            since = int(token.split("!")[0])
            if since < self.oldest_token:
                return self.error(
                    400,
                    "0x80044352",
                    "Version stamp associated with the client has expired. "
                    "Please perform a full sync.",
                )
            rows = [self._row(r, select) for r in self.contacts.values() if r["version"] > since]
            rows += [
                {
                    "@odata.context": f"{self.url}{API}/$metadata#contacts/$deletedEntity",
                    "id": contact_id,
                    "reason": "deleted",
                }
                for contact_id, version in self.deleted.items()
                if version > since
            ]
        else:
            rows = [
                self._row(r, select)
                for r in self.contacts.values()
                if not filter_
                or r["contactid"] in re.findall(r"contactid eq ([-0-9a-f]+)", filter_)
            ]
        body_version = self.version
        if not track:
            body = {"@odata.context": f"{self.url}{API}/$metadata#contacts", "value": rows[:size]}
            if request.arg("$count") == "true":
                body["@odata.count"] = len(rows)
            return Reply(200, body)
        return self._serve_page(rows, 0, size, body_version, request, select=select)

    def _serve_page(self, rows, start, size, version, request, select=None):
        chunk = rows[start : start + size]
        body = {"@odata.context": f"{self.url}{API}/$metadata#contacts", "value": chunk}
        if start + size < len(rows):
            key = f"p{len(self.pages) + 1}x{self.rng.getrandbits(32):08x}"
            self.pages[key] = (rows, start + size, version, select)
            body["@odata.nextLink"] = f"{self.url}{API}/contacts?$skiptoken={key}"
        else:
            body["@odata.deltaLink"] = (
                f"{self.url}{API}/contacts?$select={','.join(select or ['contactid'])}"
                f"&$deltatoken={version}!{stamp(self.clock.now)}"
            )
        return Reply(200, body, {"Preference-Applied": "odata.track-changes"})

    def _lists(self, request: Request) -> Reply:
        if request.method == "POST":
            if "prvCreateList" not in self.privileges:
                return self.error(
                    403, "0x80040220", "Principal user is missing prvCreateList privilege."
                )
            body = request.json()
            list_id = self._guid()
            self.lists[list_id] = {"listid": list_id, **body}
            return Reply(201, self.lists[list_id])
        name = re.search(r"listname eq '((?:''|[^'])*)'", request.arg("$filter") or "")
        wanted = name.group(1).replace("''", "'") if name else None
        return Reply(
            200,
            {
                "value": [
                    {"listid": k}
                    for k, v in self.lists.items()
                    if wanted is None or v["listname"] == wanted
                ]
            },
        )

    def _members(self, list_id: str, request: Request) -> Reply:
        ids = re.findall(r"contactid eq ([-0-9a-f]+)", request.arg("$filter") or "")
        members = self.members.get(list_id, set())
        return Reply(
            200, {"value": [{"contactid": m} for m in sorted(members) if not ids or m in ids]}
        )


def delta_parts(link: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}
