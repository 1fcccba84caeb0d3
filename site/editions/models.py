"""The networking evenings (editions) and the venues that host them."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BodyBlock, ProgrammeBlock
from core.editorial import LinkedPermissionsMixin
from core.images import with_card_images
from core.localization import localized_pages, untranslated_fields
from core.models import in_source_language
from core.sharing import ShareImageMixin


class Venue(TranslatableMixin, models.Model):
    """A place that hosts editions; reusable from one edition to the next.

    Translatable with wagtail-localize: the name stays the venue's own, the
    city, country and accessibility notes are translated, and the street can
    be overridden per language (Brussels streets have a Dutch name).
    """

    name = models.CharField(_("name"), max_length=200, help_text=_("The venue's name."))
    street = models.CharField(
        _("street and number"),
        max_length=200,
        help_text=_("Street address, e.g. Place Sainctelette 2."),
    )
    postal_code = models.CharField(_("postal code"), max_length=20, help_text=_("Postal code."))
    city = models.CharField(_("city"), max_length=100, help_text=_("City or municipality."))
    country = models.CharField(
        _("country"), max_length=100, default="Belgique", help_text=_("Country, written out.")
    )
    website = models.URLField(_("website"), blank=True, help_text=_("The venue's website, if any."))
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, hearing loops, nearest public transport."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("street"),
        FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
        FieldPanel("country"),
        FieldPanel("website"),
        FieldPanel("accessibility"),
    ]
    translatable_fields = [
        SynchronizedField("name", overridable=False),
        SynchronizedField("street"),
        SynchronizedField("postal_code", overridable=False),
        TranslatableField("city"),
        TranslatableField("country"),
        SynchronizedField("website", overridable=False),
        TranslatableField("accessibility"),
    ]
    # Shown on a page in another language with lang="fr" while they still
    # hold the source text (a translation not done yet, or a French street).
    localized_text_fields = ("street", "city", "country", "accessibility")

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.city}"

    def untranslated(self, locale: Locale) -> set[str]:
        """The text fields that, on a page in `locale`, still show the source language's text."""
        return untranslated_fields(self, self.localized_text_fields, locale)


class EditionIndexPage(ShareImageMixin, Page):
    """Lists the editions: upcoming first (soonest first), then past (latest first)."""

    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("A short text shown above the editions.")
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["editions.EditionPage"]
    max_count_per_parent = 1
    template = "editions/edition_index_page.html"

    class Meta:
        verbose_name = _("edition index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        editions = EditionPage.objects.live().child_of(self).select_related("venue")
        now = timezone.now()
        context["upcoming_editions"] = editions.filter(start__gte=now).order_by("start")
        context["past_editions"] = editions.filter(start__lt=now).order_by("-start")
        return context


class EditionPage(LinkedPermissionsMixin, ShareImageMixin, RoutablePageMixin, Page):
    """One networking evening: when, where, who hosts, what happens, what came of it.

    The host agency's and the participating agencies' groups may edit it; it
    is reviewed with the host agency's workflow (``core.editorial``).
    """

    permission_links = ("host_agency", "participating_agencies")

    class RegistrationStatus(models.TextChoices):
        OPEN = "open", _("Registration open")
        FULL = "full", _("Full — waiting list")
        CLOSED = "closed", _("Registration closed")

    start = models.DateTimeField(_("start"), help_text=_("Date and time the evening starts."))
    end = models.DateTimeField(
        _("end"), null=True, blank=True, help_text=_("Date and time the evening ends (optional).")
    )
    venue = models.ForeignKey(
        Venue,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="editions",
        verbose_name=_("venue"),
        help_text=_("Where the evening takes place."),
    )
    host_agency = models.ForeignKey(
        "agencies.AgencyPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_editions",
        limit_choices_to=in_source_language,
        verbose_name=_("host agency"),
        help_text=_("The agency that hosts this edition."),
    )
    participating_agencies = ParentalManyToManyField(
        "agencies.AgencyPage",
        blank=True,
        related_name="editions",
        limit_choices_to=in_source_language,
        verbose_name=_("participating agencies"),
        help_text=_("The agencies taking part."),
    )
    theme = models.CharField(
        _("theme"), max_length=255, blank=True, help_text=_("The theme of the evening, if any.")
    )
    introduction = models.TextField(
        _("introduction"), help_text=_("One or two sentences shown in lists and at the top.")
    )
    programme = StreamField(
        ProgrammeBlock(),
        blank=True,
        verbose_name=_("programme"),
        help_text=_("The running order of the evening."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("Practical information and anything else about the evening."),
    )
    registration_url = models.URLField(
        _("registration link"), blank=True, help_text=_("Where visitors register.")
    )
    registration_status = models.CharField(
        _("registration status"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.OPEN,
        help_text=_("Shown next to the registration link."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("How many guests the venue can take.")
    )
    attendance_count = models.PositiveIntegerField(
        _("attendance"),
        null=True,
        blank=True,
        help_text=_("How many people came; fill in after the evening."),
    )
    recap = RichTextField(
        _("recap"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("After the evening: how it went."),
    )
    outcomes_summary = models.TextField(
        _("outcomes"),
        blank=True,
        help_text=_("After the evening: the collaborations and contacts that came out of it."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("venue")],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("host_agency"),
                FieldPanel("participating_agencies", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Agencies"),
        ),
        FieldPanel("theme"),
        FieldPanel("introduction"),
        FieldPanel("programme"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("registration_url"),
                FieldPanel("registration_status"),
                FieldPanel("capacity"),
            ],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [FieldPanel("attendance_count"), FieldPanel("recap"), FieldPanel("outcomes_summary")],
            heading=_("After the evening"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("theme"),
        index.SearchField("introduction"),
        index.SearchField("recap"),
        index.SearchField("outcomes_summary"),
    ]
    # wagtail-localize leaves many-to-many fields out; synchronise them so a
    # change in French reaches the translations with "Sync translated pages".
    override_translatable_fields = [SynchronizedField("participating_agencies", overridable=False)]
    parent_page_types = ["editions.EditionIndexPage"]
    subpage_types: list[str] = []
    template = "editions/edition_page.html"

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")

    def clean(self) -> None:
        """An edition cannot end before it starts, nor count more guests than it can take."""
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end must come after the start.")
        if self.capacity == 0:
            errors["capacity"] = _("Leave the capacity empty when it is unknown; it cannot be 0.")
        if errors:
            raise ValidationError(errors)

    @cached_property
    def localized_venue(self) -> Venue | None:
        """The venue in this page's language (its source version until it is translated)."""
        venue = self.venue
        if venue is None or venue.locale_id == self.locale_id:
            return venue
        return venue.get_translation_or_none(self.locale_id) or venue

    @cached_property
    def localized_agencies(self) -> tuple:
        """(host, participants by title) in this page's language where translated.

        Read once per page object: the page body and its JSON-LD organizers both use it.
        """
        # Links only (title, URL): their bodies are not decoded.
        participants = sorted(
            self.participating_agencies.all().defer_streamfields(), key=lambda a: a.title
        )
        host = self.host_agency
        localized = localized_pages([*participants, *([host] if host else [])], self.locale)
        return (
            localized.get(host.translation_key) if host else None,
            [localized[a.translation_key] for a in participants],
        )

    @property
    def is_upcoming(self) -> bool:
        """True until the evening has started."""
        return self.start >= timezone.now()

    @path("calendar/", name="ics")
    def calendar_file(self, request: HttpRequest) -> HttpResponse:
        """This edition as an iCalendar file ("Add to my calendar"), in Brussels time."""
        from .calendar import calendar_of

        calendar = calendar_of([self], self.title, self.locale.language_code, request)
        response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="passerelles-{self.slug}.ics"'
        return response

    def get_context(self, request, *args, **kwargs):
        # A story knows its edition; the edition finds its stories through
        # that relation, so this app does not import `stories`.
        story_model = self._meta.get_field("stories").related_model
        context = super().get_context(request, *args, **kwargs)
        # A fixed number of queries whatever the number of linked stories or
        # agencies: one per relation, and agency links resolved in one batch.
        context["related_stories"] = list(
            with_card_images(
                story_model.objects.live()
                .filter(locale=self.locale, origin_edition__translation_key=self.translation_key)
                .order_by("-first_published_at")
            )
        )
        context["host"], context["participants"] = self.localized_agencies
        context["venue"] = venue = self.localized_venue
        # Venue text not translated yet is marked as French (lang="fr").
        context["venue_in_french"] = venue.untranslated(self.locale) if venue else set()
        return context
