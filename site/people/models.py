"""The cross-agency people directory: staff-only personal data (GDPR).

Nothing here is ever shown on the public site. Two kinds of fields live on a
Person:

- *source-owned* fields (names, email, phone, organisation, job title, city,
  country, language) are recomputed from the person's live source records:
  for each field the value of the most recently modified source wins, and
  ``provenance`` records which agency it came from and when;
- *curated* fields (sectors, notes, attendance, projects, merges) belong to
  staff and are never touched by a sync.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.collaboration import CollaborationKind, CollaborationStage

# The fields a source record can set on a person, with their maximum length.
SOURCE_FIELDS: dict[str, int] = {
    "first_name": 150,
    "last_name": 150,
    "email": 254,
    "phone": 50,
    "organisation": 255,
    "job_title": 255,
    "city": 150,
    "country": 100,
    "language": 10,
}


# The fields provenance can name, in a fixed order: a stored bit mask refers
# to them by position, so names are only ever appended, never reordered.
PROVENANCE_FIELDS = (
    "first_name",
    "last_name",
    "organisation",
    "job_title",
    "city",
    "country",
    "language",
    "email",
    "phone",
    "contact_consent",
)
_PROVENANCE_BIT = {name: 1 << index for index, name in enumerate(PROVENANCE_FIELDS)}


def compact_provenance(value):
    """The stored form of a provenance: one entry per origin instead of a copy per field.

    ``{"first_name": {"agency": "wbdm", "modified": "…"}, "city": {…same…}}``
    becomes ``{"origins": [["wbdm", "…", mask]]}``, where bit i of the mask
    names PROVENANCE_FIELDS[i]. A person's fields mostly come from one or two
    records, so this stores about 60 bytes where the per-field copies took
    about 800 (most of a person's row, written for every new person). Any
    value of another shape is stored as it is, so nothing is ever lost.
    """
    if not isinstance(value, dict) or not value:
        return value
    masks: dict[tuple[str, str], int] = {}
    # The fields a record gave share one origin object (people.sources): each
    # distinct object is checked once, by identity (they all stay alive in
    # `value` meanwhile), instead of once per field — a first sync compacts
    # every new person's provenance.
    keys: dict[int, tuple[str, str]] = {}
    for name, origin in value.items():
        bit = _PROVENANCE_BIT.get(name)
        if bit is None:
            return value
        key = keys.get(id(origin))
        if key is None:
            if (
                type(origin) is not dict
                or len(origin) != 2
                or type(origin.get("agency")) is not str
                or type(origin.get("modified")) is not str
            ):
                return value
            key = keys[id(origin)] = (origin["agency"], origin["modified"])
        masks[key] = masks.get(key, 0) | bit
    return {"origins": [[agency, modified, mask] for (agency, modified), mask in masks.items()]}


def expand_provenance(value):
    """The per-field provenance of a stored value (either form; see `compact_provenance`)."""
    if not isinstance(value, dict) or set(value) != {"origins"}:
        return value  # rows written before the compact form, or {}
    expanded = {}
    for agency, modified, mask in value["origins"]:
        for name, bit in _PROVENANCE_BIT.items():
            if mask & bit:
                expanded[name] = {"agency": agency, "modified": modified}
    # In PROVENANCE_FIELDS order, as the per-field form was written.
    return {name: expanded[name] for name in PROVENANCE_FIELDS if name in expanded}


class ProvenanceField(models.JSONField):
    """A JSONField holding a person's provenance: per field in Python, per origin in the database.

    Everything reading ``person.provenance`` (the person's page, the subject
    access export, merges, tests) sees ``{field: {"agency", "modified"}}`` as
    before, for rows of either form; `people.bulk` writes through
    `to_document` too.
    """

    def get_prep_value(self, value):
        return super().get_prep_value(compact_provenance(value))

    def from_db_value(self, value, expression, connection):
        return expand_provenance(super().from_db_value(value, expression, connection))

    def to_document(self, value):
        """The value `people.bulk` puts in its JSON document (the stored form)."""
        return compact_provenance(value)


class Organisation(models.Model):
    """An organisation people belong to (a company, a venue, a school, a band)."""

    name = models.CharField(_("name"), max_length=255, help_text=_("The organisation's name."))
    normalized_name = models.CharField(max_length=255, unique=True, editable=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """What the agencies know of one human, resolved across their CRMs."""

    # Source-owned (recomputed from SourceRecord rows; never edited by hand).
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        verbose_name=_("organisation"),
    )
    job_title = models.CharField(_("job title"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=150, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    language = models.CharField(_("preferred language"), max_length=10, blank=True)
    contact_consent = models.BooleanField(
        _("agreed to be contacted"),
        null=True,
        blank=True,
        help_text=_("From the sources: yes, no, or unknown when no source says."),
    )
    provenance = ProvenanceField(
        _("provenance"),
        default=dict,
        blank=True,
        help_text=_("For each field, the agency it came from and when it changed there."),
    )
    # Used to spot possible duplicates (accent- and case-free "first last"),
    # through the two indexes of Meta (name and organisation, name and phone).
    normalized_name = models.CharField(max_length=300, blank=True, editable=False)

    # Curated by staff.
    sectors = models.ManyToManyField(
        "core.Sector",
        blank=True,
        related_name="people",
        verbose_name=_("sectors"),
        help_text=_("The sectors this person works in (curated by staff)."),
    )
    notes = models.TextField(_("notes"), blank=True, help_text=_("Staff notes (curated)."))
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_people",
        verbose_name=_("merged into"),
        help_text=_("Set when staff merged this person into another one."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("False once no source knows this person and nothing curated remains."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "id"]
        # The two pairs a possible duplicate needs (identity.propose_duplicates):
        # each join finds only its matches, however common the name.
        indexes = [
            models.Index(fields=["normalized_name", "organisation"], name="person_name_org"),
            models.Index(fields=["normalized_name", "phone"], name="person_name_phone"),
        ]
        permissions = [
            ("subject_access_person", _("Can export everything held on a person (right of access)"))
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The person's name, or their email, or a placeholder."""
        name = f"{self.first_name} {self.last_name}".strip()
        return name or self.email or str(_("(no name)"))


class PersonEmail(models.Model):
    """Every normalized email a live source knows for a person: the identity key."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="emails")
    # Unique through Meta's constraint: a unique field would also get a second
    # (LIKE) index that no query uses and every new email pays for.
    email = models.CharField(max_length=254)

    class Meta:
        verbose_name = _("email address")
        constraints = [models.UniqueConstraint(fields=["email"], name="unique_person_email")]

    def __str__(self) -> str:
        return self.email


class SourceRecord(models.Model):
    """One contact as one agency's source (a CRM or a spreadsheet) knows it.

    The unit of identity resolution and provenance: ``data`` holds the
    normalized fields, ``modified_at`` the modification time at the source.
    A tombstoned record (deleted or archived at its source) no longer counts
    for the person but is kept, so a later reappearance is recognised.
    """

    class Channel(models.TextChoices):
        CRM = "crm", _("CRM")
        IMPORT = "import", _("Spreadsheet import")
        # An edition's registration list (and walk-ins at the door).
        REGISTRATION = "registration", _("Registration")

    # No index of their own: the unique constraint (agency, channel, source_id)
    # serves every lookup by agency, and each index costs every page's INSERT.
    agency = models.SlugField(_("agency"), max_length=40, db_index=False)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    source_id = models.CharField(_("source id"), max_length=255)
    modified_at = models.DateTimeField(_("modified at the source"))
    content_hash = models.CharField(max_length=64)
    data = models.JSONField(_("normalized data"), default=dict)
    person = models.ForeignKey(
        Person,
        null=True,
        on_delete=models.SET_NULL,
        related_name="source_records",
        verbose_name=_("person"),
        db_index=False,  # Meta's index (person, tombstoned_at) serves it
    )
    # Staff linked this record by hand (merge/unmerge): identity resolution
    # never moves it again.
    link_locked = models.BooleanField(default=False)
    tombstoned_at = models.DateTimeField(_("gone from the source at"), null=True, blank=True)
    first_seen_at = models.DateTimeField(auto_now_add=True)
    # Last time a sync saw this record at its source (set page by page); a
    # full run tombstones the live records it did not confirm. Not indexed:
    # that reconciliation reads the agency's records once per full run, while
    # an index would make every page's confirmation rewrite each index of the
    # row (no HOT update).
    confirmed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("source record")
        verbose_name_plural = _("source records")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "channel", "source_id"], name="unique_source_record"
            )
        ]
        indexes = [models.Index(fields=["person", "tombstoned_at"])]

    def __str__(self) -> str:
        return f"{self.agency}/{self.channel}/{self.source_id}"


class Affiliation(models.Model):
    """A person's role in an organisation."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="affiliations"
    )
    role = models.CharField(_("role"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("affiliation")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "role"], name="unique_affiliation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.organisation} ({self.role})"


class Attendance(models.Model):
    """A person at an edition of the networking evening (curated).

    One row per person and edition (a database constraint), from registration
    to the door: its ``status`` moves from registered (or waiting list) to
    attended or no-show. Rows typed by staff before registrations existed
    record people who came, hence the default.
    """

    class Role(models.TextChoices):
        GUEST = "guest", _("Guest")
        SPEAKER = "speaker", _("Speaker")
        HOST = "host", _("Host")
        STAFF = "staff", _("Staff")

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITING_LIST = "waiting_list", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("No-show")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="attendances")
    edition = models.ForeignKey(
        "editions.EditionPage", on_delete=models.CASCADE, related_name="attendances"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.GUEST)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ATTENDED
    )
    registered_at = models.DateTimeField(_("registered at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    class Meta:
        verbose_name = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["person", "edition"], name="unique_attendance")
        ]
        indexes = [models.Index(fields=["edition", "status"], name="attendance_edition_status")]

    def __str__(self) -> str:
        return f"{self.person} @ {self.edition_id} ({self.role})"


class Project(models.Model):
    """A collaboration tracked by staff, public (linked to a story) or not yet."""

    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    sectors = models.ManyToManyField(
        "core.Sector", blank=True, related_name="projects", verbose_name=_("sectors")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CollaborationKind.choices, blank=True)
    stage = models.CharField(
        _("stage"),
        max_length=20,
        choices=CollaborationStage.choices,
        default=CollaborationStage.SPARK,
    )
    origin_edition = models.ForeignKey(
        "editions.EditionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        verbose_name=_("edition where it began"),
    )
    participants = models.ManyToManyField(
        Person, blank=True, related_name="projects", verbose_name=_("participants")
    )
    agencies = models.ManyToManyField(
        "agencies.AgencyPage", blank=True, related_name="projects", verbose_name=_("agencies")
    )
    story = models.ForeignKey(
        "stories.StoryPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        verbose_name=_("story"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title


class PossibleDuplicate(models.Model):
    """Two people who may be the same human, waiting for a staff decision.

    Proposed by a weighted rule (see ``people.identity``), never merged
    silently. A "not a duplicate" decision is kept so the pair is never
    proposed again.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("To review")
        MERGED = "merged", _("Merged")
        DISTINCT = "distinct", _("Not a duplicate")

    first = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"))
    reasons = models.JSONField(_("matching fields"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="unique_duplicate_pair"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="duplicate_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} ~ {self.second_id} ({self.score}, {self.status})"


class Merge(models.Model):
    """A staff merge of `merged` into `survivor`, with what moved, so it can be undone."""

    survivor = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="merges_received")
    merged = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="merges_given")
    moved = models.JSONField(default=dict)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("merge")

    def __str__(self) -> str:
        return f"{self.merged_id} → {self.survivor_id}"


class Erasure(models.Model):
    """A person erased on request (GDPR art. 17): only one-way hashes are kept.

    The hashes of their emails and source record keys let every later sync or
    import recognise them and keep them erased, without keeping the data.
    """

    key_hash = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=10)  # "email" or "record"
    erased_at = models.DateTimeField(auto_now_add=True)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("erasure")

    def __str__(self) -> str:
        return f"{self.kind} {self.key_hash[:12]}…"


class AuditEvent(models.Model):
    """One accountable action on the directory: who did what, and when.

    Our own table rather than Wagtail's `ModelLogEntry`: Reports → Site history
    shows a model's log entries to anyone holding any permission on the model,
    while this trail is for the data protection group only; searches and exports
    concern no single object; and the trail has its own retention period. It
    names people only by id (``subjects``), so an erasure leaves no name here.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed a person")
        SEARCH = "search", _("Searched")
        EXPORT = "export", _("Exported")
        SUBJECT_ACCESS = "subject_access", _("Subject access export")
        MERGE = "merge", _("Merged")
        UNMERGE = "unmerge", _("Undid a merge")
        DISTINCT = "distinct", _("Not a duplicate")
        ERASE = "erase", _("Erased")
        RETENTION = "retention", _("Retention")
        CHECK_IN = "check_in", _("Checked in at an evening")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("user"),
    )
    # Kept when the account is deleted; empty for the command line.
    username = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, db_index=True)
    # What was searched (never the results).
    query = models.CharField(_("query"), max_length=500, blank=True)
    # The query folded (accents, case), to find it again at an erasure.
    query_key = models.CharField(max_length=500, blank=True, editable=False)
    count = models.PositiveIntegerField(_("people"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-id"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username or '-'} {self.action}"


class AuditSubject(models.Model):
    """A person an audit event concerns, by id: the trail outlives the person's data."""

    event = models.ForeignKey(AuditEvent, on_delete=models.CASCADE, related_name="subjects")
    person_id = models.PositiveBigIntegerField(db_index=True)

    class Meta:
        verbose_name = _("audit subject")

    def __str__(self) -> str:
        return f"{self.event_id}: {self.person_id}"


class ExportJob(models.Model):
    """An export prepared in the background, downloadable by its owner until it expires."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        WITHDRAWN = "withdrawn", _("Withdrawn (a person in it was erased)")

    class Purpose(models.TextChoices):
        DIRECTORY = "directory", _("Directory (everyone)")
        MAILING = "mailing", _("Mailing (without people who refused contact)")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("link expires"), null=True, blank=True)
    file_format = models.CharField(_("format"), max_length=10)
    purpose = models.CharField(
        _("purpose"), max_length=10, choices=Purpose.choices, default=Purpose.DIRECTORY
    )
    include_refused = models.BooleanField(_("includes people who refused contact"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(_("people"), default=0)
    done = models.PositiveIntegerField(_("prepared"), default=0)
    # Who is in the file, so that erasing one of them withdraws it.
    person_ids = models.JSONField(default=list, editable=False)
    # The staff search the people came from ({"query": …, "filters": {…}}), kept only
    # until the audit trail records it with the export (then blanked, see export_jobs).
    search = models.JSONField(default=dict, blank=True, editable=False)
    file_name = models.CharField(max_length=200, blank=True, editable=False)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.file_format} export of {self.total} ({self.status})"

    @property
    def is_downloadable(self) -> bool:
        return (
            self.status == self.Status.READY
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )
