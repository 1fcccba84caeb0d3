"""What came out of the evenings: encounters, the outcome ladder, follow-ups.

Staff-only personal data (GDPR), like the directory: an encounter names the
people who met. The public site only ever sees aggregates (see
``outcomes.public``), computed from these rows, never the rows themselves.

The ladder an encounter climbs, in order::

    met → talked again → advice or help → project started → project realised
        → public outcome

Each step is dated and remembers who recorded it. An encounter's ``stage`` is
the highest step it reached (kept in step by ``outcomes.ladder``), so the
impact view never has to re-read every step to know where things stand.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, Page

from core.agencies import AGENCY_SLUGS
from core.collaboration import CollaborationKind
from core.models import in_source_language
from core.sharing import ShareImageMixin

# Reminders: how many months after the encounter staff ask how it went.
FOLLOW_UP_MONTHS = (3, 6, 12)


class Stage(models.TextChoices):
    """The rungs of the outcome ladder, lowest first."""

    MET = "met", _("Met")
    TALKED_AGAIN = "talked_again", _("Talked again")
    HELP = "help", _("Advice or help")
    PROJECT_STARTED = "project_started", _("Project started")
    PROJECT_REALISED = "project_realised", _("Project realised")
    PUBLIC_OUTCOME = "public_outcome", _("Public outcome")


# The position of each rung (0 = met): "reached X" means a step at X or higher.
RANK: dict[str, int] = {stage: position for position, stage in enumerate(Stage.values)}

AGENCY_CHOICES = [(slug, slug) for slug in AGENCY_SLUGS]


class Encounter(ClusterableModel):
    """Two or more people who met, at an edition or outside one, as participants reported it."""

    edition = models.ForeignKey(
        "editions.EditionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="encounters",
        limit_choices_to=in_source_language,
        verbose_name=_("edition where they met"),
        help_text=_("Leave empty when they met outside an edition."),
    )
    met_on = models.DateField(
        _("met on"),
        help_text=_("When they met; the edition's date when left empty."),
    )
    people = models.ManyToManyField(
        "people.Person",
        through="EncounterPerson",
        related_name="encounters",
        verbose_name=_("people"),
    )
    sectors = models.ManyToManyField(
        "core.Sector",
        blank=True,
        related_name="encounters",
        limit_choices_to=in_source_language,
        verbose_name=_("sectors"),
        help_text=_("The sectors that met; the people's own sectors when left empty."),
    )
    agency = models.CharField(
        _("agency that follows it up"), max_length=40, choices=AGENCY_CHOICES, blank=True
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_encounters",
        verbose_name=_("followed up by"),
        help_text=_("The staff member who owns the relationship and gets the reminders."),
    )
    project = models.ForeignKey(
        "people.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="encounters",
        verbose_name=_("project"),
        help_text=_("The tracked project this encounter became, if any."),
    )
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Staff notes; never shown on the public site.")
    )
    # The highest rung reached and when (kept by outcomes.ladder).
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.MET, editable=False
    )
    stage_on = models.DateField(_("stage reached on"), null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("encounter")
        verbose_name_plural = _("encounters")
        ordering = ["-met_on", "-id"]
        permissions = [("view_impact", _("Can see the impact view and its exports"))]
        indexes = [models.Index(fields=["met_on"])]

    def __str__(self) -> str:
        return str(_("Encounter #%(id)s (%(date)s)") % {"id": self.pk, "date": self.met_on})


class EncounterPerson(Orderable):
    """One person in an encounter. Erasing the person deletes this row (cascade)."""

    encounter = ParentalKey(Encounter, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="encounter_links",
        verbose_name=_("person"),
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("person in an encounter")
        constraints = [
            models.UniqueConstraint(fields=["encounter", "person"], name="unique_encounter_person")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.encounter_id}"


class LadderStep(models.Model):
    """One rung reached by an encounter: when, what kind of outcome, who recorded it."""

    encounter = models.ForeignKey(Encounter, on_delete=models.CASCADE, related_name="steps")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    reached_on = models.DateField(_("reached on"))
    kind = models.CharField(
        _("kind of outcome"),
        max_length=20,
        choices=CollaborationKind.choices,
        blank=True,
    )
    note = models.TextField(_("note"), blank=True, help_text=_("Never shown on the public site."))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("ladder step")
        verbose_name_plural = _("ladder steps")
        ordering = ["reached_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["encounter", "stage"], name="unique_ladder_stage")
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} ({self.reached_on})"


class FollowUp(models.Model):
    """A reminder to ask how an encounter went, 3, 6 or 12 months after it.

    It goes to the encounter's owner; closing it records the answer, a ladder
    step or "no news".
    """

    class Result(models.TextChoices):
        STEP = "step", _("A step on the ladder")
        NO_NEWS = "no_news", _("No news")

    encounter = models.ForeignKey(Encounter, on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(_("months after"))
    due_on = models.DateField(_("due on"), db_index=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("closed by"),
    )
    result = models.CharField(_("result"), max_length=10, choices=Result.choices, blank=True)
    step = models.ForeignKey(
        LadderStep,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("step recorded"),
    )

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["encounter", "months"], name="unique_follow_up")
        ]

    def __str__(self) -> str:
        return str(
            _("%(months)s-month follow-up of encounter #%(id)s")
            % {"months": self.months, "id": self.encounter_id}
        )

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class DigestSubscription(models.Model):
    """A staff member who asked for the weekly email of their follow-ups due."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follow_up_digest"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("weekly follow-up digest")

    def __str__(self) -> str:
        return str(self.user)


class ImpactPage(ShareImageMixin, Page):
    """The network-wide "What came out of it" page: aggregated counts, one per language."""

    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("A short text shown above the figures.")
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "outcomes/public/impact_page.html"

    class Meta:
        verbose_name = _("impact page")

    def get_context(self, request, *args, **kwargs):
        from .public import network_figures

        context = super().get_context(request, *args, **kwargs)
        context["figures"] = network_figures(self.locale)
        return context
