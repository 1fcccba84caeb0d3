"""A Salesforce REST API simulator (Contact, Campaign, CampaignMember), from Salesforce's
public REST API Developer Guide.

What it follows: the OAuth 2.0 client credentials flow at
``/services/oauth2/token`` (``access_token``, ``instance_url``, no lifetime;
``invalid_client`` errors), ``query`` and ``queryAll`` (``totalSize``,
``done``, ``nextRecordsUrl``, 2,000 rows a batch, ``records`` with
``attributes``; ``queryAll`` adds rows in the recycle bin with ``IsDeleted``
and merged-away rows with ``MasterRecordId``), expired query locators (400
``INVALID_QUERY_LOCATOR``), expired sessions (401 ``INVALID_SESSION_ID``),
the ``Sforce-Limit-Info: api-usage=n/m`` header on every answer and 403
``REQUEST_LIMIT_EXCEEDED`` once the daily allocation is spent, ``describe``,
record creation and sObject collections (per-record ``success``/``errors``;
``DUPLICATE_VALUE`` for an existing campaign member). Error bodies are lists
of ``{"message", "errorCode"}``. ``SystemModstamp`` has whole seconds.
"""

import datetime as dt
import itertools

from . import soql
from .base import Reply, Request, Simulator, VendorClock

VERSION = "v62.0"
PREFIX = {"Contact": "003", "Campaign": "701", "CampaignMember": "00v"}


def stamp(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%S.000+0000")


class SalesforceSimulator(Simulator):
    def __init__(
        self,
        seed: int = 0,
        client_id: str = "3MVG9-passerelles",
        client_secret: str = "sf-client-secret",  # noqa: S107
        allocation: int = 100000,
    ) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.allocation = allocation
        self.batch_size = 2000
        self.readable = {"Contact", "Campaign", "CampaignMember"}
        self.createable = {"Campaign", "CampaignMember"}
        super().__init__(seed)

    def fresh(self) -> None:
        self.clock = VendorClock(self.rng, dt.timedelta(seconds=1))
        self.tables: dict[str, dict[str, dict]] = {name: {} for name in PREFIX}
        self.counter = itertools.count(1)
        self.locators: dict[str, tuple[list[dict], int, list[str]]] = {}
        self.used = 0
        self.tokens = set()

    # the org, as its users change it

    def _id(self, sobject: str) -> str:
        return f"{PREFIX[sobject]}Wb{next(self.counter):013d}"

    def create(self, **fields) -> str:
        record_id = self._id("Contact")
        self.tables["Contact"][record_id] = {
            "Id": record_id,
            "IsDeleted": False,
            "MasterRecordId": None,
            "Account": None,
            **fields,
            "SystemModstamp": self.clock.tick(),
        }
        return record_id

    def update(self, record_id: str, **fields) -> None:
        row = self.tables["Contact"][record_id]
        row.update(fields)
        row["SystemModstamp"] = self.clock.tick()

    def delete(self, record_id: str) -> None:
        """To the recycle bin (queryAll still shows it, IsDeleted)."""
        self.update(record_id, IsDeleted=True)

    def undelete(self, record_id: str) -> None:
        self.update(record_id, IsDeleted=False)

    def purge(self, record_id: str) -> None:
        """Emptied from the recycle bin: no trace left."""
        del self.tables["Contact"][record_id]

    def merge(self, loser: str, winner: str) -> None:
        self.update(loser, IsDeleted=True, MasterRecordId=winner)
        self.update(winner)

    def live(self) -> dict[str, dict]:
        return {k: r for k, r in self.tables["Contact"].items() if not r["IsDeleted"]}

    def binned(self) -> set[str]:
        return {k for k, r in self.tables["Contact"].items() if r["IsDeleted"]}

    # serving

    def errors(self, status: int, code: str, message: str) -> Reply:
        return Reply(status, [{"message": message, "errorCode": code}])

    def rate_limited(self, window, retry_after):
        # Salesforce has no per-second limit; a 429-like throttle still exists at the edge.
        headers = {"Retry-After": "1"} if retry_after else {}
        return Reply(
            429, [{"message": "Too many requests", "errorCode": "REQUEST_LIMIT_EXCEEDED"}], headers
        )

    def server_error(self, status):
        return self.errors(status, "SERVER_UNAVAILABLE", "Server temporarily unavailable.")

    def expire_cursors(self) -> None:
        self.locators.clear()

    def route(self, request: Request) -> Reply:
        if request.path == "/services/oauth2/token" and request.method == "POST":
            return self._token(request)
        if not self.bearer_ok(request):
            return self.errors(401, "INVALID_SESSION_ID", "Session expired or invalid")
        if self.used >= self.allocation:
            reply = self.errors(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
        else:
            self.used += 1
            reply = self._route(request)
        reply.headers["Sforce-Limit-Info"] = f"api-usage={self.used}/{self.allocation}"
        return reply

    def _token(self, request: Request) -> Reply:
        form = request.form()
        if (
            form.get("grant_type") != "client_credentials"
            or form.get("client_id") != self.client_id
            or form.get("client_secret") != self.client_secret
        ):
            return Reply(
                400, {"error": "invalid_client", "error_description": "invalid client credentials"}
            )
        return Reply(
            200,
            {
                "access_token": self.issue_token(),
                "instance_url": self.url,
                "id": f"{self.url}/id/00Dxx0000001gPLEAY/005xx000001Sv6AAAS",
                "token_type": "Bearer",
                "issued_at": "1700000000000",
                "signature": "c2lnbmF0dXJl",
            },
        )

    def _route(self, request: Request) -> Reply:
        prefix = f"/services/data/{VERSION}"
        path = request.path
        if not path.startswith(prefix):
            return self.errors(404, "NOT_FOUND", "The requested resource does not exist")
        path = path[len(prefix) :]
        if path in ("/query", "/queryAll") and request.method == "GET":
            return self._query(request.arg("q") or "", every=path == "/queryAll")
        if path.startswith(("/query/", "/queryAll/")):
            return self._more(path.rsplit("/", 1)[-1])
        if path.startswith("/sobjects/") and path.endswith("/describe"):
            return self._describe(path.split("/")[2])
        if path == "/sobjects/Campaign" and request.method == "POST":
            if "Campaign" not in self.createable:
                return self.errors(403, "INSUFFICIENT_ACCESS", "insufficient access rights")
            campaign_id = self._id("Campaign")
            self.tables["Campaign"][campaign_id] = {"Id": campaign_id, **request.json()}
            return Reply(201, {"id": campaign_id, "success": True, "errors": []})
        if path == "/composite/sobjects" and request.method == "POST":
            return self._collection(request.json())
        return self.errors(404, "NOT_FOUND", "The requested resource does not exist")

    def _query(self, text: str, every: bool) -> Reply:
        try:
            query = soql.parse(text)
        except soql.SOQLError as error:
            return self.errors(400, "MALFORMED_QUERY", str(error))
        table = self.tables.get(query.sobject)
        if table is None or query.sobject not in self.readable:
            return self.errors(
                400, "INVALID_TYPE", f"sObject type '{query.sobject}' is not supported."
            )
        rows = [
            r
            for r in table.values()
            if (every or not r.get("IsDeleted")) and soql.matches(r, query.where)
        ]
        for field, ascending in reversed(query.order):
            rows.sort(
                key=lambda r: (soql.value_of(r, field) is None, soql.value_of(r, field)),
                reverse=not ascending,
            )
        if query.limit is not None:
            rows = rows[: query.limit]
        snapshot = [self._shape(query.sobject, r, query.fields) for r in rows]
        return self._batch(snapshot, 0)

    def _batch(self, rows: list[dict], start: int) -> Reply:
        end = start + self.batch_size
        body = {"totalSize": len(rows), "done": end >= len(rows), "records": rows[start:end]}
        if end < len(rows):
            locator = f"01gWb{next(self.counter):013d}"
            self.locators[locator] = (rows, end)
            body["nextRecordsUrl"] = f"/services/data/{VERSION}/query/{locator}-{end}"
        return Reply(200, body)

    def _more(self, name: str) -> Reply:
        locator = name.split("-")[0]
        if locator not in self.locators:
            return self.errors(400, "INVALID_QUERY_LOCATOR", "invalid query locator")
        rows, start = self.locators[locator]
        return self._batch(rows, start)

    def _shape(self, sobject: str, row: dict, fields: list[str]) -> dict:
        out = {
            "attributes": {
                "type": sobject,
                "url": f"/services/data/{VERSION}/sobjects/{sobject}/{row['Id']}",
            }
        }
        for field in fields:
            if "." in field:
                relation, name = field.split(".", 1)
                related = row.get(relation)
                out[relation] = (
                    {"attributes": {"type": "Account"}, name: related.get(name)}
                    if related
                    else None
                )
                continue
            value = row.get(field)
            out[field] = stamp(value) if isinstance(value, dt.datetime) else value
        return out

    def _describe(self, sobject: str) -> Reply:
        if sobject not in self.tables:
            return self.errors(404, "NOT_FOUND", "The requested resource does not exist")
        fields = sorted(
            {k for r in self.tables[sobject].values() for k in r}
            | {
                "Id",
                "FirstName",
                "LastName",
                "Email",
                "Phone",
                "MobilePhone",
                "Title",
                "AccountId",
                "MailingCity",
                "MailingCountry",
                "SystemModstamp",
                "IsDeleted",
                "MasterRecordId",
            }
        )
        return Reply(
            200,
            {
                "name": sobject,
                "queryable": sobject in self.readable,
                "createable": sobject in self.createable,
                "fields": [{"name": f} for f in fields if f != "Account"],
            },
        )

    def _collection(self, body: dict) -> Reply:
        records = body.get("records") or []
        if len(records) > 200:
            return self.errors(400, "EXCEEDED_ID_LIMIT", "record limit reached: 200")
        results = []
        for record in records:
            kind = (record.get("attributes") or {}).get("type")
            if kind != "CampaignMember" or kind not in self.createable:
                results.append(
                    {
                        "success": False,
                        "errors": [
                            {"statusCode": "INSUFFICIENT_ACCESS", "message": "no", "fields": []}
                        ],
                    }
                )
                continue
            contact = self.tables["Contact"].get(record.get("ContactId"))
            if (
                contact is None
                or contact["IsDeleted"]
                or record.get("CampaignId") not in self.tables["Campaign"]
            ):
                results.append(
                    {
                        "success": False,
                        "errors": [
                            {
                                "statusCode": "INVALID_CROSS_REFERENCE_KEY",
                                "message": "invalid cross reference id",
                                "fields": [],
                            }
                        ],
                    }
                )
                continue
            if any(
                m["CampaignId"] == record["CampaignId"] and m["ContactId"] == record["ContactId"]
                for m in self.tables["CampaignMember"].values()
            ):
                results.append(
                    {
                        "success": False,
                        "errors": [
                            {
                                "statusCode": "DUPLICATE_VALUE",
                                "message": "Already a campaign member.",
                                "fields": [],
                            }
                        ],
                    }
                )
                continue
            member_id = self._id("CampaignMember")
            self.tables["CampaignMember"][member_id] = {
                "Id": member_id,
                "CampaignId": record["CampaignId"],
                "ContactId": record["ContactId"],
                "Status": record.get("Status"),
            }
            results.append({"id": member_id, "success": True, "errors": []})
        return Reply(200, results)
