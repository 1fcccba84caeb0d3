"""Salesforce REST API (OAuth 2.0 client credentials).

Vendor facts this connector depends on (Salesforce REST API Developer Guide:
query, queryAll, Limit Info header, composite sObject collections; OAuth
client credentials flow):

- A token comes from the org's token URL (``…/services/oauth2/token``) with
  ``grant_type=client_credentials``; it carries no lifetime, and an expired
  session answers 401 ``INVALID_SESSION_ID``: fetch a new one, once.
- ``GET /services/data/vXX.X/queryAll?q=SOQL`` returns up to 2,000 rows a
  page, the next page at ``nextRecordsUrl``; unlike ``query`` it includes
  rows in the recycle bin (``IsDeleted = true``) and contacts merged away
  (deleted, with ``MasterRecordId`` naming the survivor). Rows purged from the
  recycle bin leave no trace: only a full run notices them.
- A query locator expires (400 ``INVALID_QUERY_LOCATOR``): the query is issued
  again from the last (``SystemModstamp``, ``Id``) read. ``SystemModstamp``
  has whole seconds, so ties are common: the order is ``SystemModstamp, Id``.
- Every answer carries ``Sforce-Limit-Info: api-usage=used/allocation`` (the
  org's rolling 24-hour allocation). The connector stops before it would eat
  the last RESERVE of it (other integrations of the org need it too): the run
  is interrupted, resumably, and the next run goes on from its checkpoint.
- There is no per-second limit to pace to (only 25 concurrent long requests,
  and a sync sends one at a time).

Attendance is written back as a Campaign per edition (found by its name)
with one CampaignMember per attendee (status ``Responded``); existing
members are skipped, and a duplicate reported by Salesforce counts as
already written.
"""

import re
from collections.abc import Iterator

from django.utils.translation import gettext as _

from people.contact import Contact

from ..http import SourceError
from ..oauth import ClientCredentials
from .base import (
    EPOCH,
    CheckReport,
    EditionRef,
    HTTPConnector,
    Page,
    QuotaReached,
    Window,
    iso,
    parse_time,
)

VERSION = "v62.0"
FIELDS = [
    "Id",
    "FirstName",
    "LastName",
    "Email",
    "Phone",
    "MobilePhone",
    "Title",
    "Account.Name",
    "MailingCity",
    "MailingCountry",
    "SystemModstamp",
    "IsDeleted",
    "MasterRecordId",
]
PAGE_SIZE = 2000
# Share of the org's daily API allocation left untouched for its other uses.
RESERVE = 0.10
LIMIT_INFO = re.compile(r"api-usage=(\d+)/(\d+)")
MEMBER_STATUS = "Responded"


class SalesforceConnector(HTTPConnector):
    """Contacts of one Salesforce org."""

    kind = "salesforce"
    page_size = PAGE_SIZE

    def __init__(self, connection, secret: str, client=None) -> None:
        super().__init__(connection, secret, client)
        self.oauth = ClientCredentials(
            self.client, connection.token_url, connection.client_id, secret
        )
        self.usage: tuple[int, int] | None = None  # (used, allocation) as last reported

    # HTTP

    def _call(self, method: str, path: str, **kwargs):
        self._mind_the_budget()
        if not path.startswith("/services/"):
            # nextRecordsUrl is a path on the org: never a URL elsewhere (the token goes along).
            raise SourceError(_("Salesforce sent a link outside its API; it was not followed."))
        url = self.base + path
        try:
            answer = self.client.request_json(method, url, headers=self.oauth.headers(), **kwargs)
        except SourceError as error:
            if error.status != 401:
                self._note_usage()
                raise _explain(error) from None
            self.oauth.invalidate()  # the session expired: one new token
            answer = self.client.request_json(method, url, headers=self.oauth.headers(), **kwargs)
        self._note_usage()
        return answer

    def _note_usage(self) -> None:
        match = LIMIT_INFO.search(self.client.last_headers.get("Sforce-Limit-Info", ""))
        if match:
            self.usage = (int(match.group(1)), int(match.group(2)))

    def _mind_the_budget(self) -> None:
        if self.usage is None:
            return
        used, allocation = self.usage
        if used + 1 > allocation * (1 - RESERVE):
            raise QuotaReached(
                _(
                    "Stopped before the Salesforce org's daily API allocation is spent "
                    "(%(used)s of %(allocation)s used); the next run goes on from here."
                )
                % {"used": used, "allocation": allocation}
            )

    # reading

    def pages(self, window: Window, checkpoint: dict | None) -> Iterator[Page]:
        """queryAll by (SystemModstamp, Id) in the window, following nextRecordsUrl."""
        position = checkpoint or {"t": None, "id": "", "next": None}
        after = parse_time(position["t"]) if position["t"] else window.after
        after_id = position["id"]
        following = position.get("next")
        while True:
            answer = None
            if following:
                try:
                    answer = self._call("GET", following)
                except SourceError as error:
                    if not _locator_expired(error):
                        raise
            if answer is None:
                answer = self._call(
                    "GET",
                    f"/services/data/{VERSION}/queryAll",
                    params={"q": self._soql(window, after, after_id)},
                )
            rows = _records(answer)
            following = answer.get("nextRecordsUrl") if not answer.get("done", True) else None
            if rows:
                after = parse_time(rows[-1].get("SystemModstamp")) or after
                after_id = str(rows[-1].get("Id"))
            yield Page(
                contacts=[self._contact(row) for row in rows],
                checkpoint={"t": after.isoformat(), "id": after_id, "next": following},
            )
            if not following:
                return

    def _soql(self, window: Window, after, after_id: str) -> str:
        since = iso(after)
        condition = f"SystemModstamp <= {iso(window.until)}"
        if after_id:
            condition += (
                f" AND (SystemModstamp > {since} OR "
                f"(SystemModstamp = {since} AND Id > '{_quote(after_id)}'))"
            )
        elif after != EPOCH:
            condition += f" AND SystemModstamp >= {since}"
        return (
            f"SELECT {', '.join(FIELDS)} FROM Contact WHERE {condition} "  # noqa: S608 (SOQL, literals through _quote)
            "ORDER BY SystemModstamp ASC, Id ASC"
        )

    def _contact(self, row: dict) -> Contact:
        account = row.get("Account") or {}
        return Contact(
            source_id=str(row.get("Id") or ""),
            modified_at=parse_time(row.get("SystemModstamp")) or EPOCH,
            first_name=row.get("FirstName") or "",
            last_name=row.get("LastName") or "",
            emails=[row["Email"]] if row.get("Email") else [],
            phones=[p for p in (row.get("Phone"), row.get("MobilePhone")) if p],
            organisation=(account.get("Name") if isinstance(account, dict) else "") or "",
            job_title=row.get("Title") or "",
            city=row.get("MailingCity") or "",
            country=row.get("MailingCountry") or "",
            # In the recycle bin, or merged into MasterRecordId: gone.
            active=not row.get("IsDeleted"),
        )

    # test connection

    def check(self) -> CheckReport:
        report = CheckReport()
        try:
            contact = self._describe("Contact")
            if not contact.get("queryable"):
                report.missing.append(_("Read access to Contact"))
            names = {f.get("name") for f in contact.get("fields") or []}
            wanted = {f.split(".")[0].replace("Account", "AccountId") for f in FIELDS}
            report.missing += [
                _("Field-level access to Contact.%(field)s") % {"field": name}
                for name in sorted(wanted - names)
            ]
            answer = self._call(
                "GET",
                f"/services/data/{VERSION}/query",
                params={"q": "SELECT Id FROM Contact LIMIT 1"},
            )
            report.seen.append(
                _("Contacts: readable (%(count)s in the org).")
                % {"count": answer.get("totalSize", 0)}
            )
            if self.connection.write_attendance:
                for name in ("Campaign", "CampaignMember"):
                    if not self._describe(name).get("createable"):
                        report.missing.append(_("Create access to %(object)s") % {"object": name})
            if self.usage:
                report.seen.append(
                    _("API usage: %(used)s of %(allocation)s requests today.")
                    % {"used": self.usage[0], "allocation": self.usage[1]}
                )
        except SourceError as error:
            report.error = str(error)
        return report

    def _describe(self, name: str) -> dict:
        answer = self._call("GET", f"/services/data/{VERSION}/sobjects/{name}/describe")
        return answer if isinstance(answer, dict) else {}

    # attendance write-back

    def write_attendance(self, edition: EditionRef, source_ids: list[str]) -> list[str]:
        campaign = self._campaign(edition)
        ids = ", ".join(f"'{_quote(sid)}'" for sid in source_ids)
        known = {
            row["Id"]
            for row in _records(
                self._call(
                    "GET",
                    f"/services/data/{VERSION}/query",
                    params={"q": f"SELECT Id FROM Contact WHERE Id IN ({ids})"},  # noqa: S608 (SOQL, literals through _quote)
                )
            )
        }
        members = {
            row["ContactId"]
            for row in _records(
                self._call(
                    "GET",
                    f"/services/data/{VERSION}/query",
                    params={
                        "q": "SELECT ContactId FROM CampaignMember WHERE "  # noqa: S608 (SOQL, literals through _quote)
                        f"CampaignId = '{_quote(campaign)}' AND ContactId IN ({ids})"
                    },
                )
            )
        }
        new = [sid for sid in source_ids if sid in known and sid not in members]
        for start in range(0, len(new), 200):  # sObject collections take 200 records
            chunk = new[start : start + 200]
            results = self._call(
                "POST",
                f"/services/data/{VERSION}/composite/sobjects",
                json={
                    "allOrNone": False,
                    "records": [
                        {
                            "attributes": {"type": "CampaignMember"},
                            "CampaignId": campaign,
                            "ContactId": sid,
                            "Status": MEMBER_STATUS,
                        }
                        for sid in chunk
                    ],
                },
            )
            for sid, result in zip(chunk, results or [], strict=False):
                codes = {e.get("statusCode") for e in result.get("errors") or []}
                if not result.get("success") and "DUPLICATE_VALUE" not in codes:
                    known.discard(sid)
        return [sid for sid in source_ids if sid in known]

    def _campaign(self, edition: EditionRef) -> str:
        name = edition.label[:80]
        rows = _records(
            self._call(
                "GET",
                f"/services/data/{VERSION}/query",
                params={"q": f"SELECT Id FROM Campaign WHERE Name = '{_quote(name)}' LIMIT 1"},  # noqa: S608 (SOQL, literals through _quote)
            )
        )
        if rows:
            return rows[0]["Id"]
        fields = {"Name": name, "Type": "Event", "Status": "Completed", "IsActive": True}
        if edition.date:
            fields["StartDate"] = fields["EndDate"] = edition.date.isoformat()
        answer = self._call("POST", f"/services/data/{VERSION}/sobjects/Campaign", json=fields)
        return answer["id"]


def _records(answer) -> list[dict]:
    if not isinstance(answer, dict) or not isinstance(answer.get("records"), list):
        raise SourceError(_("Salesforce answered with an unexpected document."))
    return [row for row in answer["records"] if isinstance(row, dict)]


def _codes(error: SourceError) -> set[str]:
    body = error.body if isinstance(error.body, list) else [error.body]
    return {item.get("errorCode") for item in body if isinstance(item, dict)}


def _locator_expired(error: SourceError) -> bool:
    return "INVALID_QUERY_LOCATOR" in _codes(error)


def _explain(error: SourceError) -> SourceError:
    """Vendor error codes a CRM admin can act on, named; anything else as it was."""
    codes = _codes(error)
    if "REQUEST_LIMIT_EXCEEDED" in codes:
        return QuotaReached(
            _("The Salesforce org's daily API allocation is spent; the next run goes on."),
            status=error.status,
        )
    if error.status == 403:
        return SourceError(
            _("Salesforce refused access (HTTP 403): check the integration user's permissions."),
            status=403,
            body=error.body,
        )
    return error


def _quote(value: str) -> str:
    """A SOQL string literal's content."""
    return str(value).replace("\\", "\\\\").replace("'", "\\'")
