"""A HubSpot CRM v3 simulator (contacts), from HubSpot's public developer documentation.

What it follows: the CRM objects API (``GET /crm/v3/objects/contacts`` with
``limit`` ≤ 100, ``after``, ``properties``, ``archived``; ``paging.next.after``;
batch read (207 with ``errors`` for unknown ids) and batch update ≤ 100),
the search API (``POST …/search`` with ``filterGroups``, one sort, ``limit``
≤ 200, offsets past 10,000 refused with 400), the properties API, the
private-app token info endpoint, and the usage guidelines (100 requests per
10 s per account, search 5 per second; 429 bodies with ``policyName``,
``Retry-After`` not always sent; rate-limit headers on other answers).
Merges keep the winner, list the loser in ``hs_merged_object_ids`` and its
email in ``hs_additional_emails``; archived contacts are listed with
``archived=true``; GDPR deletions leave nothing. The search index lags
writes (by two minutes of the CRM's clock).
"""

import bisect
import datetime as dt
import operator
import uuid

from .base import Reply, Request, Simulator, VendorClock, Window

API = "/crm/v3/objects/contacts"
OPERATORS = {
    "GT": operator.gt,
    "GTE": operator.ge,
    "LT": operator.lt,
    "LTE": operator.le,
    "EQ": operator.eq,
}


def stamp(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


class HubSpotSimulator(Simulator):
    def __init__(
        self,
        seed: int = 0,
        token: str = "pat-eu1-test",  # noqa: S107
        burst: int = 100,
        search_per_second: int = 5,
        index_lag: dt.timedelta = dt.timedelta(minutes=2),
        scopes=("crm.objects.contacts.read",),
    ) -> None:
        self.token = token
        self.scopes = list(scopes)
        self.index_lag = index_lag
        self.burst = burst
        self.interval = 10.0
        self.search_cap = 10000
        super().__init__(seed)
        self.windows = [
            Window("TEN_SECONDLY_ROLLING", burst, self.interval),
            Window("SECONDLY", search_per_second, 1.0, lambda r: r.path.endswith("/search")),
        ]

    def fresh(self) -> None:
        self.clock = VendorClock(self.rng, dt.timedelta(milliseconds=1))
        self.records: dict[int, dict] = {}
        self.next_id = 101
        self.properties: dict[str, dict] = {}
        self.history: list[tuple] = []

    def settle(self) -> None:
        """Time passes: the search index catches up with every write."""
        self.clock.now += self.index_lag

    # the CRM, as its users change it

    def create(self, **props) -> str:
        contact_id = self.next_id
        self.history.append(("create", str(contact_id), self.count))
        self.next_id += self.rng.randint(1, 3)
        when = self.clock.tick()
        self.records[contact_id] = {
            "properties": {k: v for k, v in props.items() if v is not None},
            "createdAt": stamp(when),
            "modified": when,
            "archived": False,
            "archivedAt": None,
            "indexed": None,
        }
        return str(contact_id)

    def update(self, contact_id: str, **props) -> None:
        self.history.append(("update", contact_id, self.count))
        record = self.records[int(contact_id)]
        self._before_change(record)
        record["properties"].update(props)
        record["modified"] = self.clock.tick()

    def archive(self, contact_id: str) -> None:
        self.history.append(("archive", contact_id, self.count))
        record = self.records[int(contact_id)]
        self._before_change(record)
        record["archived"] = True
        record["modified"] = self.clock.tick()
        record["archivedAt"] = stamp(record["modified"])

    def restore(self, contact_id: str) -> None:
        self.history.append(("restore", contact_id, self.count))
        record = self.records[int(contact_id)]
        self._before_change(record)
        record["archived"] = False
        record["archivedAt"] = None
        record["modified"] = self.clock.tick()

    def gdpr_delete(self, contact_id: str) -> None:
        self.history.append(("gdpr_delete", contact_id, self.count))
        del self.records[int(contact_id)]

    def merge(self, loser: str, winner: str) -> None:
        self.history.append(("merge", loser, winner, self.count))
        lost = self.records.pop(int(loser))
        record = self.records[int(winner)]
        self._before_change(record)
        props = record["properties"]
        # The winner lists the loser and every contact merged into the loser before.
        merged = [
            *filter(None, (props.get("hs_merged_object_ids") or "").split(";")),
            loser,
            *filter(None, (lost["properties"].get("hs_merged_object_ids") or "").split(";")),
        ]
        props["hs_merged_object_ids"] = ";".join(merged)
        extra = [e for e in (props.get("hs_additional_emails") or "").split(";") if e]
        for email in [lost["properties"].get("email")] + (
            lost["properties"].get("hs_additional_emails") or ""
        ).split(";"):
            if email and email != props.get("email") and email not in extra:
                extra.append(email)
        props["hs_additional_emails"] = ";".join(extra)
        record["modified"] = self.clock.tick()

    def _before_change(self, record: dict) -> None:
        if self.clock.now - record["modified"] >= self.index_lag:
            record["indexed"] = self._view(record)

    def live(self) -> dict[str, dict]:
        """Active contacts as a reader of the CRM sees them: id → properties."""
        return {str(k): r["properties"] for k, r in self.records.items() if not r["archived"]}

    def archived(self) -> set[str]:
        return {str(k) for k, r in self.records.items() if r["archived"]}

    # serving

    def _view(self, record: dict) -> dict:
        return {
            "properties": dict(record["properties"]),
            "modified": record["modified"],
            "archived": record["archived"],
            "archivedAt": record["archivedAt"],
        }

    def _json(self, contact_id: int, view: dict, properties: list[str]) -> dict:
        props = {name: view["properties"].get(name) for name in properties}
        props["hs_object_id"] = str(contact_id)
        props["lastmodifieddate"] = stamp(view["modified"])
        row = {
            "id": str(contact_id),
            "properties": props,
            "createdAt": self.records[contact_id]["createdAt"]
            if contact_id in self.records
            else None,
            "updatedAt": stamp(view["modified"]),
            "archived": view["archived"],
        }
        if view["archived"]:
            row["archivedAt"] = view["archivedAt"]
        return row

    def error(self, status: int, category: str, message: str) -> Reply:
        return Reply(
            status,
            {
                "status": "error",
                "message": message,
                "correlationId": str(uuid.uuid4()),
                "category": category,
            },
        )

    def rate_limited(self, window, retry_after):
        body = {
            "status": "error",
            "message": f"You have reached your {window.name.lower()} limit.",
            "errorType": "RATE_LIMIT",
            "correlationId": str(uuid.uuid4()),
            "policyName": window.name if window.name != "x" else "TEN_SECONDLY_ROLLING",
        }
        # HubSpot sends Retry-After on some 429s only.
        headers = {"Retry-After": "1"} if retry_after and window.name != "SECONDLY" else {}
        return Reply(429, body, headers)

    def server_error(self, status):
        return self.error(status, "INTERNAL_ERROR", "internal error")

    def _fault(self, fault, request):
        if fault == "token":
            return self.error(401, "INVALID_AUTHENTICATION", "The access token has expired.")
        return super()._fault(fault, request)

    def route(self, request: Request) -> Reply:
        if request.header("Authorization") != f"Bearer {self.token}":
            return self.error(
                401, "INVALID_AUTHENTICATION", "Authentication credentials not found."
            )
        reply = self._route(request)
        if not request.path.endswith("/search") and reply.status < 400:
            reply.headers.update(
                {
                    "X-HubSpot-RateLimit-Max": str(self.burst),
                    "X-HubSpot-RateLimit-Interval-Milliseconds": str(int(self.interval * 1000)),
                }
            )
        return reply

    def _route(self, request: Request) -> Reply:
        path, method = request.path, request.method
        if path == "/oauth/v2/private-apps/get/access-token-info" and method == "POST":
            return Reply(200, {"userId": 1, "hubId": 4242, "appId": 7, "scopes": self.scopes})
        if path.startswith("/crm/v3/properties/contacts"):
            return self._properties(request)
        if path == API and method == "GET":
            return self._list(request)
        if path == f"{API}/search" and method == "POST":
            return self._search(request)
        if path == f"{API}/batch/read" and method == "POST":
            return self._batch_read(request)
        if path == f"{API}/batch/update" and method == "POST":
            return self._batch_update(request)
        return self.error(404, "OBJECT_NOT_FOUND", "Not found.")

    def _list(self, request: Request) -> Reply:
        try:
            limit = int(request.arg("limit", "10"))
        except ValueError:
            return self.error(400, "VALIDATION_ERROR", "limit must be a number")
        if limit > 100:
            return self.error(400, "VALIDATION_ERROR", "limit must be <= 100")
        archived = request.arg("archived", "false") == "true"
        after = int(request.arg("after") or 0)
        properties = (request.arg("properties") or "").split(",")
        ids = sorted(k for k, r in self.records.items() if r["archived"] == archived and k >= after)
        chunk = ids[:limit]
        body = {"results": [self._json(i, self._view(self.records[i]), properties) for i in chunk]}
        if len(ids) > limit:
            body["paging"] = {"next": {"after": str(ids[limit]), "link": "…"}}
        return Reply(200, body)

    def _search(self, request: Request) -> Reply:
        query = request.json()
        limit = int(query.get("limit", 10))
        offset = int(query.get("after") or 0)
        if limit > 200:
            return self.error(400, "VALIDATION_ERROR", "limit must be <= 200")
        if offset + limit > self.search_cap:
            return self.error(400, "VALIDATION_ERROR", "There are more than 10,000 results.")
        sorts = query.get("sorts") or []
        if len(sorts) > 1:
            return self.error(400, "VALIDATION_ERROR", "Only one sort is allowed.")
        groups = [group.get("filters", []) for group in query.get("filterGroups") or [{}]]
        found = self._found(groups)
        key = (sorts[0] if sorts else {"propertyName": "hs_object_id"})["propertyName"]
        # By id, _found's order. By lastmodifieddate: ties in no particular order, as
        # HubSpot gives them.
        if key != "hs_object_id":
            self.rng.shuffle(found)
            found.sort(key=lambda item: item[1]["modified"])
        if (sorts[0] if sorts else {}).get("direction") == "DESCENDING":
            found.reverse()
        chunk = found[offset : offset + limit]
        props = query.get("properties") or []
        body = {"total": len(found), "results": [self._json(i, v, props) for i, v in chunk]}
        if offset + limit < len(found):
            body["paging"] = {"next": {"after": str(offset + limit)}}
        return Reply(200, body)

    def _found(self, groups: list[list[dict]]) -> list[tuple[int, dict]]:
        """The (id, indexed view) of every live contact the filter groups match, by id.

        What testing `_matches` on every contact gives, without its cost per
        contact (a search scanned all contacts under the lock: 0.24–0.28 s
        for 10,000 on a loaded machine, more than a 5-per-second window
        allows for five sequential searches, so a benchmark measured the
        simulator instead of the client's pacing). Each group's filters are
        compiled once, and when every group bounds the id from below (the
        connector's keyset ``hs_object_id GT last``) the scan starts there.
        """
        try:
            compiled = [_compile(filters) for filters in groups]
        except (TypeError, ValueError):
            # A value _matches cannot compare: the slow path fails (or not) as it always did.
            return [
                (contact_id, view)
                for contact_id, record in sorted(self.records.items())
                if (view := self._indexed(record)) is not None
                and not view["archived"]
                and any(self._matches(contact_id, view, filters) for filters in groups)
            ]
        ids = sorted(self.records)  # already in order (ids only grow): linear
        lowest = [_lowest_id(tests) for tests in compiled]
        start = 0 if None in lowest else bisect.bisect_left(ids, min(lowest))
        # A record is caught up (indexed as it is) once index_lag has passed since its change.
        caught_up = self.clock.now - self.index_lag
        records = self.records
        found = []
        for contact_id in ids[start:] if start else ids:
            record = records[contact_id]
            view = record if record["modified"] <= caught_up else record["indexed"]
            if view is None or view["archived"]:
                continue
            millis = None
            for tests in compiled:
                for kind, compare, want in tests:
                    if kind is _ID:
                        have = contact_id
                    elif kind is _MODIFIED:
                        if millis is None:
                            millis = int(view["modified"].timestamp() * 1000)
                        have = millis
                    else:
                        have = view["properties"].get(kind)
                    if compare is None or not compare(have, want):
                        break
                else:
                    found.append((contact_id, view))
                    break
        return found

    def _indexed(self, record: dict) -> dict | None:
        """What the search index shows: the record as it was before changes it has not caught
        (those of the last `index_lag` of the CRM's time)."""
        if self.clock.now - record["modified"] >= self.index_lag:
            return record  # caught up (the record has the view's keys; no copy per search)
        return record["indexed"]

    def _matches(self, contact_id: int, view: dict, filters: list[dict]) -> bool:
        # The id comparison first: it is the cheapest and rules out the most.
        for f in sorted(filters, key=lambda f: f["propertyName"] != "hs_object_id"):
            name, op, value = f["propertyName"], f["operator"], f.get("value")
            if name == "lastmodifieddate":
                have = int(view["modified"].timestamp() * 1000)
                want = int(value)
            elif name == "hs_object_id":
                have, want = contact_id, int(value)
            else:
                have, want = view["properties"].get(name), value
            compare = OPERATORS.get(op)
            if compare is None or not compare(have, want):
                return False
        return True

    def _batch_read(self, request: Request) -> Reply:
        query = request.json()
        inputs = query.get("inputs") or []
        if len(inputs) > 100:
            return self.error(400, "VALIDATION_ERROR", "at most 100 inputs")
        results, missing = [], []
        for item in inputs:
            contact_id = int(item["id"])
            record = self.records.get(contact_id)
            if record is None or record["archived"]:
                missing.append(item["id"])
                continue
            results.append(self._json(contact_id, self._view(record), query.get("properties", [])))
        body = {"status": "COMPLETE", "results": results}
        if missing:
            body["errors"] = [
                {
                    "status": "error",
                    "category": "OBJECT_NOT_FOUND",
                    "context": {"ids": missing},
                    "message": "Could not get some CONTACT objects, they may be deleted.",
                }
            ]
            body["numErrors"] = 1
            return Reply(207, body)
        return Reply(200, body)

    def _batch_update(self, request: Request) -> Reply:
        inputs = request.json().get("inputs") or []
        if len(inputs) > 100:
            return self.error(400, "VALIDATION_ERROR", "at most 100 inputs")
        for item in inputs:
            for name, value in item["properties"].items():
                prop = self.properties.get(name)
                if prop is None:
                    return self.error(400, "VALIDATION_ERROR", f"Property {name} does not exist")
                allowed = {o["value"] for o in prop["options"]}
                if any(v not in allowed for v in value.split(";") if v):
                    return self.error(400, "VALIDATION_ERROR", f"{value} was not a valid option")
        results = []
        for item in inputs:
            if int(item["id"]) not in self.records:
                return self.error(404, "OBJECT_NOT_FOUND", "resource not found")
            self.update(item["id"], **item["properties"])
            results.append({"id": item["id"]})
        return Reply(200, {"status": "COMPLETE", "results": results})

    def _properties(self, request: Request) -> Reply:
        name = request.path.rsplit("/", 1)[-1]
        if request.method == "POST" and name == "contacts":
            if "crm.schemas.contacts.write" not in self.scopes:
                return self.error(
                    403, "MISSING_SCOPES", "This app hasn't been granted all required scopes."
                )
            prop = request.json()
            if prop["name"] in self.properties:
                return self.error(409, "OBJECT_ALREADY_EXISTS", "Property already exists")
            self.properties[prop["name"]] = prop
            return Reply(201, prop)
        prop = self.properties.get(name)
        if prop is None:
            return self.error(404, "OBJECT_NOT_FOUND", f"Unable to find property {name}")
        if request.method == "PATCH":
            prop.update(request.json())
        return Reply(200, prop)


# Kinds of compiled filter (`_compile`): the id, the modification time, else a property name.
_ID = object()
_MODIFIED = object()


def _compile(filters: list[dict]) -> list[tuple[object, object, object]]:
    """(kind, comparison, wanted value) per filter, id filters first, as `_matches` tests them."""
    tests = []
    for f in sorted(filters, key=lambda f: f["propertyName"] != "hs_object_id"):
        name, op, value = f["propertyName"], f["operator"], f.get("value")
        if name == "lastmodifieddate":
            tests.append((_MODIFIED, OPERATORS.get(op), int(value)))
        elif name == "hs_object_id":
            tests.append((_ID, OPERATORS.get(op), int(value)))
        else:
            tests.append((name, OPERATORS.get(op), value))
    return tests


def _lowest_id(tests: list[tuple[object, object, object]]) -> int | None:
    """The smallest id these tests can match, when they bound it from below (None: any)."""
    bounds = [
        want + (1 if compare is operator.gt else 0)
        for kind, compare, want in tests
        if kind is _ID and compare in (operator.gt, operator.ge, operator.eq)
    ]
    return max(bounds) if bounds else None
