"""Microsoft Dynamics 365 / Dataverse Web API (OAuth 2.0 client credentials).

Vendor facts this connector depends on (Microsoft Learn: Dataverse Web API —
query data, change tracking, service protection API limits; Microsoft
identity platform client credentials flow):

- A token comes from the tenant's token URL
  (``https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token``) with
  ``scope=<environment URL>/.default``; it lives ``expires_in`` seconds, and
  a 401 means fetching a new one.
- ``GET /api/data/v9.2/contacts`` with ``Prefer: odata.track-changes`` and
  ``odata.maxpagesize=N`` (at most 5,000) returns every contact page by page
  (``@odata.nextLink``) and, on the last page, an ``@odata.deltaLink``.
  Following that link later returns only what changed since: changed rows
  whole, deleted ones as ``$deletedEntity`` rows (``id``, ``reason``). Change
  tracking must be enabled on the contact table; ``$filter`` and ``$orderby``
  are not allowed with it.
- A delta token expires (by default after some days without use, or when
  the environment is restored): the answer is an error saying the version
  stamp has expired; then everything is read again (``CursorExpired``: the
  engine turns the run into a full run, which also reconciles deletions).
- ``statecode`` 1 is an inactive (deactivated) contact.
- Service protection: 6,000 requests per user in a sliding 5-minute window
  (plus execution-time and concurrency limits a sequential reader does not
  reach); a 429 carries ``Retry-After``.

Attendance is written back as a static marketing list per edition (found by
name) with the attendees as members; existing members are left as they are.
"""

from collections.abc import Iterator
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from people.contact import Contact

from ..http import SourceError
from ..oauth import ClientCredentials
from ..ratelimit import GENERAL, Limit
from .base import (
    EPOCH,
    CheckReport,
    CursorExpired,
    EditionRef,
    HTTPConnector,
    Page,
    Window,
    parse_time,
)

API = "/api/data/v9.2"
SELECT = [
    "contactid",
    "firstname",
    "lastname",
    "emailaddress1",
    "emailaddress2",
    "telephone1",
    "mobilephone",
    "jobtitle",
    "address1_city",
    "address1_country",
    "_parentcustomerid_value",
    "statecode",
    "modifiedon",
]
PAGE_SIZE = 5000
FORMATTED = "@OData.Community.Display.V1.FormattedValue"
LIMITS = {GENERAL: [Limit(6000, 300.0)]}
EXPIRED_CODES = {"0x80044352"}
READ_PRIVILEGES = ["prvReadContact"]
WRITE_PRIVILEGES = ["prvCreateList", "prvWriteList", "prvAppendToList", "prvAppendContact"]


class DynamicsConnector(HTTPConnector):
    """Contacts of one Dataverse environment."""

    kind = "dynamics"
    page_size = PAGE_SIZE

    def vendor_limits(self) -> dict:
        return LIMITS

    def __init__(self, connection, secret: str, client=None) -> None:
        super().__init__(connection, secret, client)
        self.oauth = ClientCredentials(
            self.client,
            connection.token_url,
            connection.client_id,
            secret,
            scope=f"{self.base}/.default",
        )

    # HTTP

    def _call(self, method: str, path_or_url: str, prefer: str = "", **kwargs):
        url = path_or_url if path_or_url.startswith("http") else self.base + API + path_or_url
        if urlsplit(url).netloc != urlsplit(self.base).netloc:
            raise SourceError(_("Dynamics 365 sent a link to another host; it was not followed."))
        for attempt in (1, 2):
            headers = {
                **self.oauth.headers(),
                "Accept": "application/json",
                "OData-MaxVersion": "4.0",
                "OData-Version": "4.0",
            }
            if prefer:
                headers["Prefer"] = prefer
            try:
                return self.client.request_json(method, url, headers=headers, **kwargs)
            except SourceError as error:
                if error.status == 401 and attempt == 1:
                    self.oauth.invalidate()  # the token expired: one new token
                    continue
                raise _explain(error) from None
        raise AssertionError("unreachable")

    def _prefer(self, track: bool) -> str:
        parts = [f"odata.maxpagesize={PAGE_SIZE}", f'odata.include-annotations="{FORMATTED[1:]}"']
        if track:
            parts.insert(0, "odata.track-changes")
        return ",".join(parts)

    # reading

    def pages(self, window: Window, checkpoint: dict | None) -> Iterator[Page]:
        """Full runs: the first change-tracking read. Incremental runs: the delta link kept
        from the last run (none, or expired: CursorExpired, and the engine reads everything)."""
        delta = (window.state or {}).get("delta")
        full = window.after == EPOCH and not delta
        if not full and not delta:
            raise CursorExpired("no delta link kept")
        start = delta or f"/contacts?$select={','.join(SELECT)}"
        link = (checkpoint or {}).get("next") or start
        while True:
            try:
                answer = self._call("GET", link, prefer=self._prefer(track=True))
            except CursorExpired:
                if full and link != start:
                    link = start  # a page link of the first read expired: read again
                    continue
                raise
            if not isinstance(answer, dict) or not isinstance(answer.get("value"), list):
                raise SourceError(_("Dynamics 365 answered with an unexpected document."))
            contacts, deleted = [], []
            for row in answer["value"]:
                if not isinstance(row, dict):
                    continue
                if "$deletedEntity" in str(row.get("@odata.context", "")):
                    deleted.append(str(row.get("id") or row.get("contactid") or ""))
                else:
                    contacts.append(self._contact(row))
            link = answer.get("@odata.nextLink")
            delta_link = answer.get("@odata.deltaLink")
            yield Page(
                contacts=contacts,
                checkpoint={"next": link},
                deleted_ids=[d for d in deleted if d],
                state={"delta": delta_link} if delta_link else None,
            )
            if not link:
                if not delta_link:
                    raise SourceError(
                        _("Dynamics 365 gave no delta link: is change tracking on for contacts?")
                    )
                return

    def _contact(self, row: dict) -> Contact:
        return Contact(
            source_id=str(row.get("contactid") or ""),
            modified_at=parse_time(row.get("modifiedon")) or EPOCH,
            first_name=row.get("firstname") or "",
            last_name=row.get("lastname") or "",
            emails=[e for e in (row.get("emailaddress1"), row.get("emailaddress2")) if e],
            phones=[p for p in (row.get("telephone1"), row.get("mobilephone")) if p],
            organisation=row.get(f"_parentcustomerid_value{FORMATTED}") or "",
            job_title=row.get("jobtitle") or "",
            city=row.get("address1_city") or "",
            country=row.get("address1_country") or "",
            active=row.get("statecode", 0) == 0,
        )

    # test connection

    def check(self) -> CheckReport:
        report = CheckReport()
        try:
            me = self._call("GET", "/WhoAmI")
            user = me.get("UserId") if isinstance(me, dict) else None
            answer = self._call(
                "GET", "/contacts?$select=contactid&$count=true", prefer="odata.maxpagesize=1"
            )
            report.seen.append(
                _("Contacts: readable (%(count)s in the environment).")
                % {"count": answer.get("@odata.count", len(answer.get("value", [])))}
            )
            table = self._call(
                "GET", "/EntityDefinitions(LogicalName='contact')?$select=ChangeTrackingEnabled"
            )
            if not table.get("ChangeTrackingEnabled"):
                report.missing.append(_("Change tracking on the contact table"))
            privileges = self._call(
                "GET", f"/systemusers({user})/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()"
            )
            held = {p.get("PrivilegeName") for p in privileges.get("RolePrivileges") or []}
            needed = READ_PRIVILEGES + (
                WRITE_PRIVILEGES if self.connection.write_attendance else []
            )
            report.missing += [
                _("Privilege %(name)s") % {"name": name} for name in needed if name not in held
            ]
        except SourceError as error:
            report.error = str(error)
        return report

    # attendance write-back

    def write_attendance(self, edition: EditionRef, source_ids: list[str]) -> list[str]:
        list_id = self._marketing_list(edition)
        wanted = [sid for sid in source_ids if _guid(sid)]
        known: set[str] = set()
        members: set[str] = set()
        for start in range(0, len(wanted), 50):  # keep URLs short
            chunk = wanted[start : start + 50]
            condition = " or ".join(f"contactid eq {sid}" for sid in chunk)
            rows = self._call("GET", f"/contacts?$select=contactid&$filter={condition}")
            known |= {row["contactid"] for row in rows.get("value", [])}
            rows = self._call(
                "GET",
                f"/lists({list_id})/listcontact_association?$select=contactid&$filter={condition}",
            )
            members |= {row["contactid"] for row in rows.get("value", [])}
        new = [sid for sid in wanted if sid in known and sid not in members]
        if new:
            self._call(
                "POST",
                "/AddListMembersList",
                json={
                    "List": {"listid": list_id, "@odata.type": "Microsoft.Dynamics.CRM.list"},
                    "Members": [
                        {"contactid": sid, "@odata.type": "Microsoft.Dynamics.CRM.contact"}
                        for sid in new
                    ],
                },
            )
        return [sid for sid in source_ids if sid in known]

    def _marketing_list(self, edition: EditionRef) -> str:
        name = edition.label.replace("'", "''")
        found = self._call("GET", f"/lists?$select=listid&$filter=listname eq '{name}'")
        if found.get("value"):
            return found["value"][0]["listid"]
        created = self._call(
            "POST",
            "/lists",
            prefer="return=representation",
            json={"listname": edition.label, "createdfromcode": 2, "type": False},
        )
        return created["listid"]


def _guid(value: str) -> bool:
    parts = str(value).split("-")
    return [len(p) for p in parts] == [8, 4, 4, 4, 12] and all(
        c in "0123456789abcdefABCDEF" for c in "".join(parts)
    )


def _explain(error: SourceError) -> SourceError:
    body = error.body if isinstance(error.body, dict) else {}
    detail = body.get("error") if isinstance(body.get("error"), dict) else {}
    code = str(detail.get("code") or "")
    message = str(detail.get("message") or "").lower()
    if error.status == 410 or code in EXPIRED_CODES or "version stamp" in message:
        return CursorExpired("delta token expired")
    if error.status == 403:
        return SourceError(
            _("Dynamics 365 refused access (HTTP 403): check the application user's roles."),
            status=403,
            body=error.body,
        )
    return error
