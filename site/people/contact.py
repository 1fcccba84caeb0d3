"""The normalized contact every source (CRM connector, spreadsheet) hands to the directory."""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import SOURCE_FIELDS
from .normalize import clean_text, email_problem, normalize_email, normalize_phone, shown


class InvalidContact(ValueError):
    """A source record that cannot be stored; the message is shown to CRM admins."""


@dataclass
class Contact:
    """One contact as a source knows it, before cleaning.

    `modified_at` is the modification time at the source, timezone-aware.
    `active` is False for records archived or deactivated at the source.
    """

    source_id: str
    modified_at: dt.datetime
    first_name: str = ""
    last_name: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    organisation: str = ""
    job_title: str = ""
    city: str = ""
    country: str = ""
    language: str = ""
    active: bool = True
    # Whether the person agreed to be contacted: True, False, or None (unknown).
    consent: bool | None = None

    def cleaned(self) -> tuple[dict, list[str]]:
        """The normalized data to store and the warnings about dropped values.

        Raises InvalidContact when nothing identifies the person (no name and
        no valid email) or the source id is missing.
        """
        warnings: list[str] = []
        source_id = clean_text(self.source_id, 255)
        if not source_id:
            raise InvalidContact(_("The record has no source id."))
        data: dict = {}
        for name in ("first_name", "last_name", "organisation", "job_title", "city", "country"):
            raw = getattr(self, name) or ""
            value = clean_text(raw, SOURCE_FIELDS[name])
            if len(str(raw)) > SOURCE_FIELDS[name]:
                warnings.append(
                    _("%(field)s was cut to %(max)s characters.")
                    % {"field": name, "max": SOURCE_FIELDS[name]}
                )
            data[name] = value
        data["language"] = clean_text(self.language, 10).lower()[:2]
        if self.consent is not None:
            data["consent"] = bool(self.consent)
        emails = []
        for raw in self.emails:
            email = normalize_email(raw)
            if email and email not in emails:
                emails.append(email)
            elif not email and raw and email_problem(raw):
                warnings.append(
                    _(
                        "Refused an email address containing control or invisible "
                        "characters: %(value)s"
                    )
                    % {"value": shown(raw)}
                )
            elif not email and raw:
                warnings.append(
                    _("Ignored an invalid email address: %(value)s") % {"value": shown(raw)}
                )
        phones = []
        for raw in self.phones:
            phone = normalize_phone(raw)
            if phone and phone not in phones:
                phones.append(phone)
        data["emails"] = emails
        data["phones"] = phones
        if not (data["first_name"] or data["last_name"] or emails):
            raise InvalidContact(_("The record has neither a name nor a valid email address."))
        return data, warnings


def content_hash(data: dict, modified_at: dt.datetime | None = None) -> str:
    """A stable hash of the normalized data (and modification time), to skip unchanged records."""
    payload = json.dumps(data, sort_keys=True, ensure_ascii=False)
    if modified_at is not None:
        payload += modified_at.isoformat()
    return hashlib.sha256(payload.encode()).hexdigest()
