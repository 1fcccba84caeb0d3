"""Registration lists in: the rows of a CSV or XLSX export, resolved to directory people.

The agencies take sign-ups with pretix, Eventbrite, Microsoft Forms or Google
Forms. Each exports a table whose column names depend on the tool and on the
language of the account; `COLUMNS` knows their names in French, Dutch and
English (accents, case and punctuation aside). Unknown columns are ignored
and listed, so staff see what was read and what was not.

Every row is checked first; if any row is wrong nothing changes and each
error is reported with its line number (all rows or none). Valid rows become
source records of the directory's "registration" channel and go through the
sync's identity rules (`people.sources.apply_contacts`): the same normalized
email is the same person; otherwise a new person, proposed as a possible
duplicate when name and organisation or phone match someone (for review,
never merged silently). Each registrant then gets one ``Attendance`` of the
edition with the status the tool gave (registered, waiting list, cancelled…);
an attendance already marked attended or no-show keeps its status.
"""

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import Sector
from editions.models import EditionPage
from people.contact import Contact, InvalidContact
from people.models import Attendance, Person, PersonEmail, SourceRecord
from people.normalize import fold, normalize_email, normalize_name
from people.signals import people_changed
from people.sources import PageResult, apply_contacts

from .reading import MappedTable, TableError, read_mapped

CHANNEL = SourceRecord.Channel.REGISTRATION
PAGE = 500
Status = Attendance.Status
Role = Attendance.Role

# Accepted column names for each field, in order of preference when a file
# has several (pretix has the buyer's "Email" and the "Attendee email").
COLUMNS: dict[str, list[str]] = {
    "registration_id": [
        "registration id",
        "order code",
        "order #",
        "order number",
        "position id",
        "attendee #",
        "id",
        "numero d'inscription",
        "code de commande",
        "inschrijvingsnummer",
        "bestelcode",
        "ordernummer",
    ],
    "first_name": [
        "attendee name: given name",
        "first name",
        "firstname",
        "given name",
        "prenom",
        "voornaam",
    ],
    "last_name": [
        "attendee name: family name",
        "last name",
        "lastname",
        "family name",
        "surname",
        "nom",
        "nom de famille",
        "achternaam",
        "familienaam",
    ],
    "full_name": [
        "attendee name",
        "full name",
        "name",
        "nom complet",
        "nom et prenom",
        "prenom et nom",
        "naam",
        "volledige naam",
        "voornaam en naam",
    ],
    "email": [
        "attendee email",
        "attendee e-mail",
        "email",
        "e-mail",
        "email address",
        "adresse e-mail",
        "adresse email",
        "adresse de messagerie",
        "courriel",
        "e-mailadres",
        "mail",
    ],
    "phone": [
        "phone",
        "phone number",
        "cell phone",
        "mobile",
        "telephone",
        "gsm",
        "telefoon",
        "telefoonnummer",
    ],
    "organisation": [
        "company",
        "organisation",
        "organization",
        "organisme",
        "structure",
        "societe",
        "organisatie",
        "bedrijf",
    ],
    "job_title": ["job title", "fonction", "functie", "titre"],
    "status": [
        "attendee status",
        "status",
        "order status",
        "statut",
        "registration status",
        "statut de l'inscription",
        "inschrijvingsstatus",
    ],
    "role": ["role", "attendee role", "rol", "ticket type", "type de billet", "tickettype"],
    "sector": ["sector", "secteur", "sector of activity", "secteur d'activite", "sectoren"],
    "consent": [
        "consent",
        "consentement",
        "toestemming",
        "contact ok",
        "opt in",
        "newsletter",
        "rgpd",
        "gdpr",
    ],
    "language": ["language", "langue", "taal"],
}

# What each field is called on the preview screen.
FIELD_LABELS = {
    "registration_id": gettext_lazy("Registration number"),
    "first_name": gettext_lazy("First name"),
    "last_name": gettext_lazy("Last name"),
    "full_name": gettext_lazy("First and last name"),
    "email": gettext_lazy("Email"),
    "phone": gettext_lazy("Phone"),
    "organisation": gettext_lazy("Organisation"),
    "job_title": gettext_lazy("Job title"),
    "status": gettext_lazy("Status"),
    "role": gettext_lazy("Role"),
    "sector": gettext_lazy("Sector"),
    "consent": gettext_lazy("Consent"),
    "language": gettext_lazy("Language"),
}

# Cell values (folded) for each status; an empty status cell means registered.
STATUS_VALUES: dict[str, set[str]] = {
    Status.REGISTERED: {
        "registered",
        "inscrit",
        "inscrite",
        "ingeschreven",
        "paid",
        "p",
        "paye",
        "betaald",
        "attending",
        "confirmed",
        "confirme",
        "confirmee",
        "bevestigd",
        "pending",
        "n",
        "en attente",
        "in afwachting",
        "complete",
        "completed",
        "termine",
        "voltooid",
    },
    Status.WAITING_LIST: {
        "waiting list",
        "waitlist",
        "waiting",
        "liste d'attente",
        "en liste d'attente",
        "wachtlijst",
        "op de wachtlijst",
    },
    Status.CANCELLED: {
        "cancelled",
        "canceled",
        "c",
        "annule",
        "annulee",
        "geannuleerd",
        "not attending",
        "refunded",
        "rembourse",
        "terugbetaald",
        "expired",
        "e",
        "expire",
        "verlopen",
    },
    Status.ATTENDED: {"attended", "checked in", "present", "presente", "aanwezig", "venu"},
    Status.NO_SHOW: {"no show", "no-show", "absent", "absente", "afwezig"},
}
ROLE_VALUES: dict[str, set[str]] = {
    Role.GUEST: {"guest", "invite", "invitee", "participant", "participante", "gast", "deelnemer"},
    Role.SPEAKER: {"speaker", "intervenant", "intervenante", "orateur", "oratrice", "spreker"},
    Role.HOST: {
        "host",
        "hote",
        "hotesse",
        "organisateur",
        "organisatrice",
        "gastheer",
        "gastvrouw",
    },
    Role.STAFF: {"staff", "equipe", "personnel", "personeel", "medewerker", "team"},
}
YES = {"yes", "y", "oui", "o", "ja", "j", "1", "true", "vrai", "waar", "x", "i agree", "j'accepte"}
NO = {"no", "n", "non", "nee", "0", "false", "faux", "onwaar"}


def _key(text: object) -> str:
    """A header or cell as compared with the known names: folded, `_` as space, no ?*."""
    text = fold(text).replace("_", " ").replace("?", " ").replace("*", " ")
    return " ".join(text.split()).strip(" :")


_STATUS = {_key(v): status for status, values in STATUS_VALUES.items() for v in values}
_ROLE = {_key(v): role for role, values in ROLE_VALUES.items() for v in values}


@dataclass
class Row:
    """One valid registration row, ready to apply."""

    line: int
    contact: Contact
    status: str
    role: str
    sectors: list[str]
    email: str
    resolution: str = ""  # "known", "duplicate" or "new" (filled by `resolve_preview`)


@dataclass
class RegistrationReport:
    """What an import did (or would do, in a dry run)."""

    edition: str
    rows: int = 0
    columns: dict[str, str] = field(default_factory=dict)  # field -> header read
    ignored: list[str] = field(default_factory=list)
    row_errors: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    preview: list[Row] = field(default_factory=list)
    people: PageResult = field(default_factory=PageResult)
    statuses: dict[str, int] = field(default_factory=dict)
    attendances_created: int = 0
    attendances_updated: int = 0
    suppressed: int = 0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.row_errors

    def columns_read(self) -> list[tuple[str, str]]:
        """(header in the file, what it was read as) for the preview screen."""
        return [(header, str(FIELD_LABELS[name])) for name, header in self.columns.items()]

    def resolutions(self) -> dict[str, int]:
        counts = {"known": 0, "duplicate": 0, "new": 0}
        for row in self.preview:
            counts[row.resolution] = counts.get(row.resolution, 0) + 1
        return counts

    def as_dict(self) -> dict:
        """A JSON-ready summary (names of people left out: ids and counts only)."""
        return {
            "edition": self.edition,
            "dry_run": self.dry_run,
            "ok": self.ok,
            "rows": self.rows,
            "columns": self.columns,
            "ignored_columns": self.ignored,
            "errors": [{"line": line, "message": msg} for line, msg in self.row_errors],
            "warnings": [{"line": line, "message": msg} for line, msg in self.warnings],
            "people": self.resolutions(),
            "statuses": self.statuses,
            "attendances_created": self.attendances_created,
            "attendances_updated": self.attendances_updated,
            "kept_erased": self.suppressed,
        }


def source_agency(edition: EditionPage) -> str:
    """The agency a registration record is filed under: the edition's host."""
    host = edition.host_agency
    return host.slug if host is not None else "passerelles"


def split_name(full: str) -> tuple[str, str]:
    """'Jan Van den Bossche' → ('Jan', 'Van den Bossche'): the first word is the first name."""
    first, _space, last = " ".join(str(full).split()).partition(" ")
    return first, last


def _sector_lookup() -> dict[str, str]:
    """Every sector's name in every language, and its slug, folded → slug."""
    lookup = {}
    for slug, name in Sector.objects.values_list("slug", "name"):
        lookup[_key(name)] = slug
        lookup[_key(slug.replace("-", " "))] = slug
    return lookup


def parse_rows(edition: EditionPage, table: MappedTable, report: RegistrationReport) -> list[Row]:
    """Check every data row; errors and warnings go to `report` with their line numbers."""
    report.columns, report.ignored = table.columns, table.ignored
    if not {"email", "first_name", "last_name", "full_name"} & set(table.columns):
        raise TableError(
            _("Line %(line)s must name the columns; none of them is a name or an email column.")
            % {"line": table.header_line}
        )
    sectors = _sector_lookup()
    now = timezone.now()
    prefix = f"{edition.slug}/"
    parsed: list[Row] = []
    seen: dict[str, int] = {}
    for mapped in table.rows:
        line = mapped.line
        if mapped.errors:
            report.row_errors.extend((line, error) for error in mapped.errors)
            continue

        def get(name: str, values: dict = mapped.values) -> str:
            return values.get(name, "")

        first, last = get("first_name"), get("last_name")
        if not (first or last) and get("full_name"):
            first, last = split_name(get("full_name"))
        raw_email = get("email")
        email = normalize_email(raw_email)
        if raw_email and not email:
            report.row_errors.append(
                (line, _("Invalid email address: %(value)s") % {"value": raw_email[:80]})
            )
            continue
        status_cell = get("status")
        status = _STATUS.get(_key(status_cell)) if status_cell else Status.REGISTERED
        if status is None:
            report.row_errors.append(
                (line, _("Unknown registration status: “%(value)s”.") % {"value": status_cell[:40]})
            )
            continue
        role_cell = get("role")
        role = _ROLE.get(_key(role_cell), Role.GUEST) if role_cell else Role.GUEST
        consent_cell = _key(get("consent"))
        consent = True if consent_cell in YES else False if consent_cell in NO else None
        if consent_cell and consent is None:
            report.row_errors.append(
                (
                    line,
                    _("Consent must be yes/oui/ja or no/non/nee, not “%(value)s”.")
                    % {"value": get("consent")[:40]},
                )
            )
            continue
        row_sectors = []
        for part in re.split(r"[;,/|]", get("sector")):
            if not part.strip():
                continue
            slug = sectors.get(_key(part))
            if slug is None:
                report.warnings.append(
                    (line, _("Unknown sector ignored: “%(value)s”.") % {"value": part.strip()[:40]})
                )
            elif slug not in row_sectors:
                row_sectors.append(slug)
        identifier = get("registration_id")
        if identifier:
            key = f"id:{identifier}"
        elif email:
            key = f"email:{email}"
        else:
            key = f"name:{normalize_name(f'{first} {last}')}|{normalize_name(get('organisation'))}"
        contact = Contact(
            source_id=(prefix + key)[:255],
            modified_at=now,
            first_name=first,
            last_name=last,
            emails=[email] if email else [],
            phones=[get("phone")] if get("phone") else [],
            organisation=get("organisation"),
            job_title=get("job_title"),
            language=get("language"),
            consent=consent,
        )
        try:
            contact.cleaned()
        except InvalidContact as error:
            report.row_errors.append((line, str(error)))
            continue
        if contact.source_id in seen:
            report.row_errors.append(
                (line, _("Same registration as line %(line)s.") % {"line": seen[contact.source_id]})
            )
            continue
        seen[contact.source_id] = line
        parsed.append(Row(line, contact, status, role, row_sectors, email))
    return parsed


def resolve_preview(rows: list[Row]) -> None:
    """Say for each row who it will be, by the sync's rules, without writing anything.

    known: an active person has this normalized email; duplicate: no email
    match, but someone has the same normalized name (staff will review the
    pair); new: nobody like them yet.
    """
    emails = {r.email for r in rows if r.email}
    known = set(PersonEmail.objects.filter(email__in=emails).values_list("email", flat=True))
    names = {normalize_name(f"{r.contact.first_name} {r.contact.last_name}") for r in rows}
    names.discard("")
    same_name = set(
        Person.objects.filter(normalized_name__in=names, merged_into__isnull=True).values_list(
            "normalized_name", flat=True
        )
    )
    for row in rows:
        name = normalize_name(f"{row.contact.first_name} {row.contact.last_name}")
        if row.email and row.email in known:
            row.resolution = "known"
        elif name and name in same_name:
            row.resolution = "duplicate"
        else:
            row.resolution = "new"


def import_registrations(
    edition: EditionPage, data: bytes, filename: str, *, dry_run: bool = False
) -> RegistrationReport:
    """Check every row of a registration list, then import all of them or none.

    Raises TableError when the file itself cannot be read. Row errors (with
    line numbers) are returned in the report, and then nothing changes.
    """
    report = RegistrationReport(edition=edition.slug, dry_run=dry_run)
    table = read_mapped(data, filename, COLUMNS, _key)
    report.rows = len(table.rows)
    parsed = parse_rows(edition, table, report)
    if report.row_errors:
        return report
    resolve_preview(parsed)
    report.preview = parsed
    for row in parsed:
        report.statuses[row.status] = report.statuses.get(row.status, 0) + 1
    if dry_run:
        return report
    with transaction.atomic():
        apply_registrations(edition, parsed, report)
    return report


def apply_registrations(edition: EditionPage, rows: list[Row], report: RegistrationReport) -> None:
    """Store the rows as source records, then give each person their attendance."""
    agency = source_agency(edition)
    for start in range(0, len(rows), PAGE):
        report.people.add(
            apply_contacts(agency, CHANNEL, [r.contact for r in rows[start : start + PAGE]])
        )
    report.suppressed = report.people.suppressed
    people = people_of(agency, [r.contact.source_id for r in rows])
    now = timezone.now()
    wanted: dict[int, Row] = {}
    for row in rows:
        person_id = people.get(row.contact.source_id[:255])
        if person_id is not None:
            wanted[person_id] = row  # two rows of one person: the later line wins
    existing = {
        a.person_id: a for a in Attendance.objects.filter(edition=edition, person_id__in=wanted)
    }
    to_create, to_update = [], []
    for person_id, row in wanted.items():
        attendance = existing.get(person_id)
        if attendance is None:
            to_create.append(
                Attendance(
                    person_id=person_id,
                    edition=edition,
                    role=row.role,
                    status=row.status,
                    registered_at=now,
                    checked_in_at=now if row.status == Status.ATTENDED else None,
                )
            )
        elif attendance.status not in (Status.ATTENDED, Status.NO_SHOW) and (
            attendance.status != row.status or attendance.role != row.role
        ):
            # What happened at the door is never undone by a later export.
            attendance.status, attendance.role = row.status, row.role
            to_update.append(attendance)
    Attendance.objects.bulk_create(to_create, ignore_conflicts=True)
    Attendance.objects.bulk_update(to_update, ["status", "role"])
    report.attendances_created, report.attendances_updated = len(to_create), len(to_update)
    changed = {a.person_id for a in to_create} | {a.person_id for a in to_update}
    if changed:  # the search index follows attendance too
        transaction.on_commit(lambda: people_changed.send(sender=Person, person_ids=changed))
    add_missing_sectors({pid: row.sectors for pid, row in wanted.items() if row.sectors})


def people_of(agency: str, source_ids: Iterable[str]) -> dict[str, int]:
    """source id → person id of these registration records, following merges."""
    links = dict(
        SourceRecord.objects.filter(
            agency=agency, channel=CHANNEL, source_id__in=list(source_ids)
        ).values_list("source_id", "person_id")
    )
    merged = dict(
        Person.objects.filter(id__in=set(links.values()), merged_into__isnull=False).values_list(
            "id", "merged_into_id"
        )
    )
    return {sid: merged.get(pid, pid) for sid, pid in links.items() if pid is not None}


def add_missing_sectors(sectors_of: dict[int, list[str]]) -> None:
    """Give people the sectors they declared when staff have not curated any yet.

    Sectors are curated by staff: a registration form never replaces them.
    """
    if not sectors_of:
        return
    through = Person.sectors.through
    curated = set(
        through.objects.filter(person_id__in=list(sectors_of)).values_list("person_id", flat=True)
    )
    ids = dict(
        Sector.objects.filter(locale__language_code=settings.LANGUAGE_CODE).values_list(
            "slug", "id"
        )
    )
    through.objects.bulk_create(
        [
            through(person_id=pid, sector_id=ids[slug])
            for pid, slugs in sectors_of.items()
            if pid not in curated
            for slug in slugs
            if slug in ids
        ],
        ignore_conflicts=True,
    )


def walk_in(edition: EditionPage, name: str, organisation: str, user=None) -> Attendance:
    """Add someone who came without registering, checked in at once.

    Two fields, as typed at the door. They become a person through the sync's
    rules like any registrant: without an email, a possible duplicate is
    proposed when someone has the same name and organisation.
    """
    first, last = split_name(name)
    contact = Contact(
        source_id=f"{edition.slug}/walk-in:{uuid.uuid4()}",
        modified_at=timezone.now(),
        first_name=first,
        last_name=last,
        organisation=organisation,
    )
    contact.cleaned()  # InvalidContact when there is no name
    agency = source_agency(edition)
    with transaction.atomic():
        apply_contacts(agency, CHANNEL, [contact])
        person_id = people_of(agency, [contact.source_id])[contact.source_id]
        now = timezone.now()
        attendance, created = Attendance.objects.get_or_create(
            person_id=person_id,
            edition=edition,
            defaults={
                "status": Status.ATTENDED,
                "registered_at": now,
                "checked_in_at": now,
                "checked_in_by": user if getattr(user, "is_authenticated", False) else None,
            },
        )
    return attendance
