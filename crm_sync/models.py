"""CRM connections and sync runs.

A connection holds how to reach one agency's CRM and the *name* of the
environment variable with its secret: the secret itself is never stored,
logged or shown. The per-record mirror lives in the directory
(``people.SourceRecord``); this app keeps the sync bookkeeping: cursors,
runs, counts and per-record errors.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CURSOR_VERSION = 1


class Connection(models.Model):
    """One agency's CRM (at most one per agency)."""

    class Kind(models.TextChoices):
        TRYTON = "tryton", "Tryton"
        HUBSPOT = "hubspot", "HubSpot"
        SALESFORCE = "salesforce", "Salesforce"
        ODOO = "odoo", "Odoo"
        DYNAMICS = "dynamics", "Dynamics 365"

    agency = models.SlugField(
        _("agency"), max_length=40, unique=True, help_text=_("The agency's slug, e.g. wbmusiques.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    url = models.URLField(_("URL"), help_text=_("Base URL of the CRM's API."))
    database = models.CharField(
        _("database or tenant"), max_length=100, blank=True, help_text=_("Database or tenant name.")
    )
    user = models.CharField(_("user"), max_length=150, blank=True, help_text=_("API user name."))
    secret_env = models.CharField(
        _("secret variable"),
        max_length=100,
        help_text=_("Name of the environment variable that holds the password or token."),
    )
    token_url = models.URLField(
        _("OAuth token URL"),
        blank=True,
        help_text=_(
            "Salesforce and Dynamics 365: where client credentials are exchanged for a token."
        ),
    )
    client_id = models.CharField(
        _("OAuth client id"),
        max_length=200,
        blank=True,
        help_text=_("Salesforce and Dynamics 365: the app's client id (not a secret)."),
    )
    rate_limit = models.FloatField(
        _("requests per second"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty to keep under the vendor's documented limits; set it to spare a "
            "server of your own."
        ),
    )
    write_attendance = models.BooleanField(
        _("write attendance back"),
        default=False,
        help_text=_("Record in this CRM who attended each edition, for contacts it already knows."),
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    # Versioned incremental cursor: {"v": 1, "modified": iso, "id": str}.
    cursor = models.JSONField(default=dict, blank=True, editable=False)
    # Single-run lock: set while a run holds the connection; the heartbeat
    # is refreshed each page so a killed run's lock goes stale.
    locked_by_run = models.ForeignKey(
        "SyncRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("CRM connection")
        verbose_name_plural = _("CRM connections")
        ordering = ["agency"]

    def __str__(self) -> str:
        return f"{self.agency} ({self.get_kind_display()})"

    @property
    def last_run(self) -> "SyncRun | None":
        return self.runs.order_by("-started_at").first()


class SyncRun(models.Model):
    """One run of one connection: when, how it went, what it changed."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")
        INTERRUPTED = "interrupted", _("Interrupted")

    connection = models.ForeignKey(
        Connection, on_delete=models.CASCADE, related_name="runs", verbose_name=_("CRM connection")
    )
    full = models.BooleanField(_("full"), default=False)
    dry_run = models.BooleanField(_("dry run"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RUNNING
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # Where the run reads until (never past its own start) and its page
    # checkpoint, committed with each page so a killed run resumes.
    until = models.DateTimeField()
    checkpoint = models.JSONField(default=dict, blank=True)
    resumed_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    fetched = models.PositiveIntegerField(_("fetched"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    deleted = models.PositiveIntegerField(_("deleted"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    suppressed = models.PositiveIntegerField(_("kept erased"), default=0)
    written_back = models.PositiveIntegerField(_("attendance written back"), default=0)
    waited = models.FloatField(_("seconds waited for rate limits"), default=0.0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("sync run")
        verbose_name_plural = _("sync runs")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.connection.agency} {self.started_at:%Y-%m-%d %H:%M} {self.status}"

    COUNTS = ("fetched", "created", "updated", "unchanged", "deleted", "failed", "suppressed")

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.COUNTS}

    @property
    def record_errors(self) -> str:
        """The per-record errors of this run, one per line (the first 200)."""
        lines = [f"{e.source_id}: {e.message}" for e in self.errors.all()[:200]]
        return "\n".join(lines) or "—"

    @property
    def record_warnings(self) -> str:
        """What the run dropped or cut from records it stored, one per line (the first 200)."""
        lines = [f"{w.source_id}: {w.message}" for w in self.warnings.all()[:200]]
        return "\n".join(lines) or "—"


class RecordError(models.Model):
    """A source record a run could not store, with the reason."""

    run = models.ForeignKey(SyncRun, on_delete=models.CASCADE, related_name="errors")
    source_id = models.CharField(_("source id"), max_length=255)
    message = models.TextField(_("message"))

    class Meta:
        verbose_name = _("record error")
        verbose_name_plural = _("record errors")

    def __str__(self) -> str:
        return f"{self.source_id}: {self.message[:60]}"


class RecordWarning(models.Model):
    """Something a run dropped or cut from a record it stored anyway.

    An invalid or refused email address, a field cut to its maximum length:
    the record is in the directory, without that value, and the CRM admin
    can see why.
    """

    run = models.ForeignKey(SyncRun, on_delete=models.CASCADE, related_name="warnings")
    source_id = models.CharField(_("source id"), max_length=255)
    message = models.TextField(_("message"))

    class Meta:
        verbose_name = _("record warning")
        verbose_name_plural = _("record warnings")

    def __str__(self) -> str:
        return f"{self.source_id}: {self.message[:60]}"


class AttendanceWriteBack(models.Model):
    """An attendance a CRM has confirmed recording, so no later run sends it again.

    Keyed on the source record (erasing the person deletes it, and this row
    with it) and the attendance (deleted with it).
    """

    record = models.ForeignKey("people.SourceRecord", on_delete=models.CASCADE, related_name="+")
    attendance = models.ForeignKey("people.Attendance", on_delete=models.CASCADE, related_name="+")
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attendance written back")
        verbose_name_plural = _("attendance written back")
        constraints = [
            models.UniqueConstraint(fields=["record", "attendance"], name="unique_write_back")
        ]

    def __str__(self) -> str:
        return f"{self.record_id} @ {self.attendance_id}"


class ImportJob(models.Model):
    """A spreadsheet uploaded in the admin, imported (or checked) by the crm_sync worker.

    The file waits in a private directory (`CRM_IMPORT_ROOT`, never served) under
    a name made of the job's id; the task receives only that id. The file is
    deleted when the import is done, and the job (with its report) after
    `CRM_IMPORT_RETENTION_HOURS` (see `crm_sync.import_jobs`).
    """

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Waiting for your confirmation")
        QUEUED = "queued", _("Waiting for the worker")
        CHECKING = "checking", _("Checking the rows")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Done")
        REFUSED = "refused", _("Refused: nothing was imported")
        FAILED = "failed", _("Failed: nothing was imported")

    RUNNING = (Status.QUEUED, Status.CHECKING, Status.IMPORTING)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    agency = models.SlugField(_("agency"), max_length=40)
    original_name = models.CharField(_("file"), max_length=255)
    stored_name = models.CharField(max_length=100, blank=True, editable=False)
    size = models.PositiveIntegerField(_("size"), default=0)
    # The interface language of the person who uploaded it: the report's language.
    language = models.CharField(max_length=10, blank=True)
    dry_run = models.BooleanField(_("check only"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.UPLOADED
    )
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    report = models.JSONField(default=dict, blank=True, editable=False)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")
        ordering = ["-created_at"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.agency} {self.created_at:%Y-%m-%d %H:%M} {self.status}"

    @property
    def running(self) -> bool:
        return self.status in self.RUNNING
