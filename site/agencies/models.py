"""The six agencies of the Wallonia-Brussels network."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import BodyBlock
from core.images import with_card_images, with_logos
from core.models import in_source_language
from core.sharing import ShareImageMixin


class AgencyIndexPage(ShareImageMixin, Page):
    """Lists the agencies; one per language tree, under the home page."""

    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("A short text shown above the list of agencies.")
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["agencies.AgencyPage"]
    max_count_per_parent = 1
    template = "agencies/agency_index_page.html"

    class Meta:
        verbose_name = _("agency index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["agencies"] = with_logos(AgencyPage.objects.live().child_of(self).order_by("title"))
        return context


class AgencyPage(ShareImageMixin, Page):
    """One agency (WBMusiques, WBImages, ...): what it does and how to reach it.

    The page slug is the agency's stable identifier (``wbmusiques`` ...), used
    by the CRM mirror and the command line.
    """

    short_name = models.CharField(
        _("short name"),
        max_length=40,
        help_text=_("The acronym used in lists and badges, e.g. WBMusiques."),
    )
    sectors = ParentalManyToManyField(
        "core.Sector",
        blank=True,
        related_name="agencies",
        limit_choices_to=in_source_language,
        verbose_name=_("sectors"),
        help_text=_("The sectors this agency supports."),
    )
    introduction = models.TextField(
        _("introduction"), help_text=_("One or two sentences on the agency's mission.")
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("The agency's full presentation."),
    )
    website = models.URLField(_("website"), blank=True, help_text=_("The agency's own website."))
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
        help_text=_("The agency's logo; its description is used as alternative text."),
    )
    contact_email = models.EmailField(
        _("public contact email"),
        blank=True,
        help_text=_("A generic address of the agency (never a person's own address)."),
    )
    contact_phone = models.CharField(
        _("public contact phone"),
        max_length=40,
        blank=True,
        help_text=_("The agency's switchboard number, in international format."),
    )
    address = models.TextField(
        _("address"), blank=True, help_text=_("The agency's postal address, one line per row.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("short_name"),
        FieldPanel("introduction"),
        FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("address"),
            ],
            heading=_("Public contact"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    # The agency's name, slug, acronym and phone number are the same in every
    # language: kept in sync rather than offered for translation. The name
    # may still be overridden per language. Many-to-many fields are left out
    # by wagtail-localize unless named here.
    override_translatable_fields = [
        SynchronizedField("title"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("short_name", overridable=False),
        SynchronizedField("contact_phone", overridable=False),
        SynchronizedField("sectors", overridable=False),
    ]
    parent_page_types = ["agencies.AgencyIndexPage"]
    subpage_types: list[str] = []
    template = "agencies/agency_page.html"

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def page_image(self):
        """The agency's logo stands for the agency in link previews."""
        return self.logo

    def get_context(self, request, *args, **kwargs):
        # Editions and stories link to their agencies; the agency finds them
        # through those relations, so this app imports neither.
        story_model = self._meta.get_field("stories").related_model
        edition_model = self._meta.get_field("editions").related_model
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = with_card_images(
            story_model.objects.live()
            .filter(locale=self.locale, agencies__translation_key=self.translation_key)
            .order_by("-first_published_at")
            .distinct()
        )[:6]
        context["editions"] = (
            edition_model.objects.live()
            .filter(locale=self.locale)
            .filter(
                models.Q(host_agency__translation_key=self.translation_key)
                | models.Q(participating_agencies__translation_key=self.translation_key)
            )
            .select_related("venue")
            .distinct()
            .order_by("-start")[:6]
        )
        return context
