"""Table plans and the seating rules staff set for an edition.

Registrations and check-ins are not stored here: they are the directory's
``people.Attendance`` rows (one per person and edition, with a status), so
the history every later plan reads ("who has met whom") is the one the
directory already keeps. This app only adds what is specific to the room:

- a ``TablePlan`` and its ``Seat`` rows (a plan re-run after late arrivals
  starts from the latest one, so people already seated stay where they are);
- ``SeatingRule``: keep two people together, or apart.

Staff-only personal data, like the directory: nothing here reaches the
public site. Erasing a person deletes their seats and rules (cascade).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TablePlan(models.Model):
    """One proposed seating of an edition: N tables of K seats."""

    edition = models.ForeignKey(
        "editions.EditionPage",
        on_delete=models.CASCADE,
        related_name="table_plans",
        verbose_name=_("edition"),
    )
    tables = models.PositiveSmallIntegerField(_("tables"))
    size = models.PositiveSmallIntegerField(_("seats per table"))
    checked_in_only = models.BooleanField(_("checked-in people only"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    # The plan's scores and one-line explanations, as computed when it was made.
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    class Meta:
        verbose_name = _("table plan")
        verbose_name_plural = _("table plans")
        ordering = ["-created_at", "-id"]
        default_permissions = ()
        permissions = [
            ("check_in", _("Can check people in at the door (name, organisation, sector only)")),
        ]

    def __str__(self) -> str:
        return f"{self.edition_id}: {self.tables} × {self.size}"


class Seat(models.Model):
    """A person at a table of a plan (tables numbered from 1)."""

    plan = models.ForeignKey(TablePlan, on_delete=models.CASCADE, related_name="seats")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    table = models.PositiveSmallIntegerField(_("table"))

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        constraints = [
            models.UniqueConstraint(fields=["plan", "person"], name="unique_seat_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.table}"


class SeatingRule(models.Model):
    """Staff's wish for two people at an edition: at the same table, or at different ones."""

    class Kind(models.TextChoices):
        TOGETHER = "together", _("Keep together")
        APART = "apart", _("Keep apart")

    edition = models.ForeignKey(
        "editions.EditionPage",
        on_delete=models.CASCADE,
        related_name="seating_rules",
        verbose_name=_("edition"),
    )
    kind = models.CharField(_("rule"), max_length=10, choices=Kind.choices)
    first = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    second = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("other person"),
    )

    class Meta:
        verbose_name = _("seating rule")
        verbose_name_plural = _("seating rules")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "first", "second"], name="unique_seating_rule"
            ),
            models.CheckConstraint(
                condition=~models.Q(first=models.F("second")), name="seating_rule_two_people"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} {self.kind} {self.second_id}"
