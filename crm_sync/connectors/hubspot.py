"""HubSpot CRM v3 (private-app access token).

Vendor facts this connector depends on (HubSpot's developer documentation:
CRM objects API, CRM search API, usage guidelines):

- ``GET /crm/v3/objects/contacts`` lists contacts by id, at most 100 a page,
  the next page named by ``paging.next.after``; ``archived=true`` lists the
  archived (deleted, restorable for 90 days) contacts instead, with
  ``archivedAt``.
- ``POST /crm/v3/objects/contacts/search`` filters on ``lastmodifieddate``,
  at most 200 a page and 10,000 results per query (beyond: HTTP 400). Every
  page here is its own query, keyed on ``hs_object_id`` greater than the
  last id read, so the cap never bites and a resumed run goes on exactly.
  The search index lags writes by seconds: the engine's lookback re-reads.
- A merge keeps one contact; its ``hs_merged_object_ids`` lists the ids
  merged into it (they disappear from every listing) and the merged
  contact's email becomes one of its ``hs_additional_emails``.
- A GDPR deletion leaves no trace: only a full run's id comparison notices.
- Limits: per account, 100 requests per 10 seconds (more on higher tiers, as
  the ``X-HubSpot-RateLimit-Max`` / ``-Interval-Milliseconds`` headers
  tell), and search 5 requests per second. 429 answers carry
  ``policyName`` and not always ``Retry-After``.
- A private app's scopes are read with
  ``POST /oauth/v2/private-apps/get/access-token-info``.

Attendance is written back as a multiple-checkbox contact property,
``passerelles_editions``, with one option per edition: reading a contact's
value and adding the edition to it is idempotent.
"""

import datetime as dt
from collections.abc import Iterator

from django.utils.translation import gettext as _

from people.contact import Contact

from ..http import SourceError
from ..ratelimit import GENERAL, Limit
from .base import (
    EPOCH,
    CheckReport,
    EditionRef,
    HTTPConnector,
    Page,
    Window,
    parse_time,
)

API = "/crm/v3/objects/contacts"
PROPERTIES = [
    "email",
    "hs_additional_emails",
    "firstname",
    "lastname",
    "phone",
    "mobilephone",
    "company",
    "jobtitle",
    "city",
    "country",
    "hs_language",
    "lastmodifieddate",
    "hs_object_id",
    "hs_merged_object_ids",
]
LIST_PAGE = 100
SEARCH_PAGE = 200
ATTENDANCE_PROPERTY = "passerelles_editions"
READ_SCOPES = ["crm.objects.contacts.read"]
WRITE_SCOPES = ["crm.objects.contacts.write", "crm.schemas.contacts.write"]
LIMITS = {GENERAL: [Limit(100, 10.0)], "search": [Limit(5, 1.0)]}


class HubSpotConnector(HTTPConnector):
    """Contacts of one HubSpot account."""

    kind = "hubspot"
    sees_deletions_incrementally = False  # GDPR deletions: only a full run's id comparison
    page_size = LIST_PAGE

    def vendor_limits(self) -> dict:
        return LIMITS

    # HTTP

    def _call(self, method: str, path: str, *, bucket: str = GENERAL, **kwargs):
        headers = {"Authorization": f"Bearer {self.secret}"}
        try:
            answer = self.client.request_json(
                method, self.base + path, headers=headers, rate_bucket=bucket, **kwargs
            )
        except SourceError as error:
            if error.status == 401:
                raise SourceError(
                    _("HubSpot refused the access token (HTTP 401): check the private app."),
                    status=401,
                ) from None
            if error.status == 403:
                raise SourceError(
                    _("HubSpot refused access (HTTP 403): the private app lacks a scope."),
                    status=403,
                    body=error.body,
                ) from None
            raise
        self._adapt_limits()
        return answer

    def _adapt_limits(self) -> None:
        """Follow the account's real 10-second limit when HubSpot states it."""
        headers = self.client.last_headers
        try:
            most = int(headers.get("X-HubSpot-RateLimit-Max", ""))
            interval = int(headers.get("X-HubSpot-RateLimit-Interval-Milliseconds", "")) / 1000
        except ValueError:
            return
        if (
            self.limiter is not None
            and most > 0
            and interval > 0
            and not self.connection.rate_limit
        ):
            self.limiter.replace(GENERAL, Limit(most, interval))

    # reading

    def pages(self, window: Window, checkpoint: dict | None) -> Iterator[Page]:
        """Full runs list everything by id; incremental runs search the window;
        both then list the archived contacts (tombstones)."""
        full = window.after == EPOCH
        position = checkpoint or {"phase": "list" if full else "search", "after": None}
        if position["phase"] == "list":
            yield from self._listing(position, archived=False)
            position = {"phase": "archived", "after": None}
        elif position["phase"] == "search":
            yield from self._search(window, position)
            position = {"phase": "archived", "after": None}
        yield from self._listing(position, archived=True)

    def _listing(self, position: dict, archived: bool) -> Iterator[Page]:
        after = position.get("after")
        phase = position["phase"]
        while True:
            params = {
                "limit": LIST_PAGE,
                "properties": ",".join(PROPERTIES),
                "archived": "true" if archived else "false",
            }
            if after:
                params["after"] = after
            answer = self._call("GET", API, params=params)
            results = _results(answer)
            after = ((answer.get("paging") or {}).get("next") or {}).get("after")
            yield self._page(results, {"phase": phase, "after": after})
            if not after:
                return

    def _search(self, window: Window, position: dict) -> Iterator[Page]:
        last_id = position.get("after") or "0"
        since = int(window.after.timestamp() * 1000)
        until = int(window.until.timestamp() * 1000)
        while True:
            body = {
                "filterGroups": [
                    {
                        "filters": [
                            {"propertyName": "lastmodifieddate", "operator": "GTE", "value": since},
                            {"propertyName": "lastmodifieddate", "operator": "LTE", "value": until},
                            {"propertyName": "hs_object_id", "operator": "GT", "value": last_id},
                        ]
                    }
                ],
                "sorts": [{"propertyName": "hs_object_id", "direction": "ASCENDING"}],
                "properties": PROPERTIES,
                "limit": SEARCH_PAGE,
            }
            answer = self._call("POST", f"{API}/search", json=body, bucket="search")
            results = _results(answer)
            if results:
                last_id = str(results[-1].get("id"))
            yield self._page(results, {"phase": "search", "after": last_id})
            if len(results) < SEARCH_PAGE:
                return

    def _page(self, results: list[dict], checkpoint: dict) -> Page:
        contacts, merged = [], []
        for row in results:
            properties = row.get("properties") or {}
            contacts.append(self._contact(row, properties))
            merged += _split(properties.get("hs_merged_object_ids"))
        return Page(contacts=contacts, checkpoint=checkpoint, deleted_ids=merged)

    def _contact(self, row: dict, properties: dict) -> Contact:
        archived = bool(row.get("archived"))
        modified = (
            parse_time(properties.get("lastmodifieddate"))
            or parse_time(row.get("updatedAt"))
            or dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
        )
        if archived:
            modified = parse_time(row.get("archivedAt")) or modified
        emails = [properties.get("email") or ""] + _split(properties.get("hs_additional_emails"))
        return Contact(
            source_id=str(row.get("id") or properties.get("hs_object_id") or ""),
            modified_at=modified,
            first_name=properties.get("firstname") or "",
            last_name=properties.get("lastname") or "",
            emails=[e for e in emails if e],
            phones=[p for p in (properties.get("phone"), properties.get("mobilephone")) if p],
            organisation=properties.get("company") or "",
            job_title=properties.get("jobtitle") or "",
            city=properties.get("city") or "",
            country=properties.get("country") or "",
            language=properties.get("hs_language") or "",
            active=not archived,
        )

    # test connection

    def check(self) -> CheckReport:
        report = CheckReport()
        try:
            info = self._call(
                "POST",
                "/oauth/v2/private-apps/get/access-token-info",
                json={"tokenKey": self.secret},
            )
            scopes = set(info.get("scopes") or []) if isinstance(info, dict) else set()
            needed = READ_SCOPES + (WRITE_SCOPES if self.connection.write_attendance else [])
            report.missing = [scope for scope in needed if scope not in scopes]
            if "crm.objects.contacts.read" not in report.missing:
                answer = self._call("GET", API, params={"limit": 1, "properties": "email"})
                report.seen.append(
                    _("Contacts: readable (%(count)s on the first page).")
                    % {"count": len(_results(answer))}
                )
        except SourceError as error:
            report.error = str(error)
        return report

    # attendance write-back

    def write_attendance(self, edition: EditionRef, source_ids: list[str]) -> list[str]:
        self._ensure_option(edition)
        answer = self._call(
            "POST",
            f"{API}/batch/read",
            json={
                "properties": [ATTENDANCE_PROPERTY],
                "inputs": [{"id": sid} for sid in source_ids],
            },
        )
        current = {
            str(row.get("id")): _split((row.get("properties") or {}).get(ATTENDANCE_PROPERTY))
            for row in _results(answer)
        }
        # Contacts merged away answer under the surviving id: only ids asked for count.
        known = [sid for sid in source_ids if sid in current]
        updates = [
            {"id": sid, "properties": {ATTENDANCE_PROPERTY: ";".join([*current[sid], edition.key])}}
            for sid in known
            if edition.key not in current[sid]
        ]
        if updates:
            self._call("POST", f"{API}/batch/update", json={"inputs": updates})
        return known

    def _ensure_option(self, edition: EditionRef) -> None:
        path = f"/crm/v3/properties/contacts/{ATTENDANCE_PROPERTY}"
        option = {"label": edition.label, "value": edition.key}
        try:
            prop = self._call("GET", path)
        except SourceError as error:
            if error.status != 404:
                raise
            self._call(
                "POST",
                "/crm/v3/properties/contacts",
                json={
                    "name": ATTENDANCE_PROPERTY,
                    "label": "Passerelles",
                    "description": "Passerelles editions the contact attended.",
                    "groupName": "contactinformation",
                    "type": "enumeration",
                    "fieldType": "checkbox",
                    "options": [option],
                },
            )
            return
        options = prop.get("options") or [] if isinstance(prop, dict) else []
        if not any(o.get("value") == edition.key for o in options):
            self._call("PATCH", path, json={"options": [*options, option]})


def _results(answer) -> list[dict]:
    if not isinstance(answer, dict) or not isinstance(answer.get("results"), list):
        raise SourceError(_("HubSpot answered with an unexpected document."))
    return [row for row in answer["results"] if isinstance(row, dict)]


def _split(value) -> list[str]:
    """HubSpot's multi-value properties: "a;b;c"."""
    return [part.strip() for part in str(value or "").split(";") if part.strip()]
