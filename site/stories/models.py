"""Stories: collaborations that came out of the network, told in public."""

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import BodyBlock, GalleryBlock
from core.collaboration import CollaborationKind, CollaborationStage
from core.editorial import LinkedPermissionsMixin
from core.images import with_card_images
from core.localization import localized_objects, localized_pages
from core.models import Sector, in_source_language
from core.sharing import ShareImageMixin
from editions.models import EditionPage

STORIES_PER_PAGE = 9


class StoryIndexPage(ShareImageMixin, Page):
    """Lists the stories, filterable by sector, kind and edition, paginated.

    Filters live in the query string (``?sector=music&kind=touring&page=2``)
    so a filtered list can be shared. Unknown values simply match nothing and
    a bad page number shows the first page: never a server error.
    """

    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("A short text shown above the stories.")
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.StoryPage"]
    max_count_per_parent = 1
    template = "stories/story_index_page.html"

    class Meta:
        verbose_name = _("story index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = with_card_images(StoryPage.objects.live().child_of(self))

        sector = request.GET.get("sector", "")
        kind = request.GET.get("kind", "")
        edition = request.GET.get("edition", "")
        if sector:
            stories = stories.filter(sectors__slug=sector)
        if kind:
            stories = stories.filter(kind=kind)
        if edition:
            # Slugs may differ per language; match the edition by its
            # translation key so links from any language tree work.
            stories = stories.filter(
                origin_edition__translation_key__in=EditionPage.objects.filter(
                    slug=edition, locale=self.locale
                ).values("translation_key")
            )
        stories = stories.distinct().order_by("-first_published_at", "-id")

        paginator = Paginator(stories, STORIES_PER_PAGE)
        context["page_obj"] = paginator.page(
            _page_number(request.GET.get("page"), paginator.num_pages)
        )
        context["stories"] = context["page_obj"].object_list
        context["filters"] = {"sector": sector, "kind": kind, "edition": edition}
        context["sector_options"] = Sector.objects.filter(locale=self.locale)
        context["kind_options"] = CollaborationKind.choices
        # A title and a slug per option: the programme, body and recap stay unread.
        context["edition_options"] = (
            EditionPage.objects.live()
            .filter(locale=self.locale)
            .defer("programme", "body", "recap")
            .order_by("-start")
        )
        query = request.GET.copy()
        query.pop("page", None)
        context["filter_query"] = query.urlencode()
        return context


def _page_number(raw: str | None, num_pages: int) -> int:
    """The requested page number, or 1 when it is missing, not a number or out of range."""
    try:
        number = int(raw or 1)
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= num_pages else 1


class StoryPage(LinkedPermissionsMixin, ShareImageMixin, Page):
    """One collaboration told in public: who met whom, what came of it.

    The groups of the agencies involved may edit it; it is reviewed with the
    workflow of the agency its author works for (``core.editorial``).
    """

    permission_links = ("agencies",)

    summary = models.TextField(
        _("summary"), help_text=_("Two or three sentences shown in lists and at the top.")
    )
    body = StreamField(
        BodyBlock(), blank=True, verbose_name=_("body"), help_text=_("The story itself.")
    )
    origin_edition = models.ForeignKey(
        "editions.EditionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        limit_choices_to=in_source_language,
        verbose_name=_("edition where it began"),
        help_text=_("The networking evening where the people first met."),
    )
    sectors = ParentalManyToManyField(
        "core.Sector",
        blank=True,
        related_name="stories",
        limit_choices_to=in_source_language,
        verbose_name=_("sectors"),
        help_text=_("The sectors involved; two or more make it a cross-sector story."),
    )
    kind = models.CharField(
        _("kind of collaboration"),
        max_length=20,
        choices=CollaborationKind.choices,
        help_text=_("What the collaboration is."),
    )
    stage = models.CharField(
        _("stage"),
        max_length=20,
        choices=CollaborationStage.choices,
        default=CollaborationStage.EARLY,
        help_text=_("How far the collaboration has come."),
    )
    agencies = ParentalManyToManyField(
        "agencies.AgencyPage",
        blank=True,
        related_name="stories",
        limit_choices_to=in_source_language,
        verbose_name=_("agencies involved"),
        help_text=_("The agencies that helped or followed the collaboration."),
    )
    quote = models.TextField(
        _("quote"), blank=True, help_text=_("A sentence from one of the people involved.")
    )
    quote_attribution = models.CharField(
        _("quote attribution"),
        max_length=200,
        blank=True,
        help_text=_("Who said it, e.g. “Set designer, Liège”."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
        help_text=_("Shown at the top and in lists; its description is the alternative text."),
    )
    hero_image_alt = models.CharField(
        _("main image alternative text"),
        max_length=255,
        blank=True,
        help_text=_(
            "What the main image shows, in this page's language. Leave empty to use the "
            "image's own description."
        ),
    )
    gallery = StreamField(
        GalleryBlock(),
        blank=True,
        verbose_name=_("images"),
        help_text=_("More images of the collaboration."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("hero_image_alt"),
        MultiFieldPanel(
            [
                FieldPanel("origin_edition"),
                FieldPanel("kind"),
                FieldPanel("stage"),
                FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
                FieldPanel("agencies", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("The collaboration"),
        ),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("quote"), FieldPanel("quote_attribution")], heading=_("Quote")),
        FieldPanel("gallery"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("quote"),
        index.FilterField("kind"),
        index.FilterField("stage"),
    ]
    # wagtail-localize leaves many-to-many fields out; synchronise them so a
    # change in French reaches the translations with "Sync translated pages".
    override_translatable_fields = [
        SynchronizedField("sectors", overridable=False),
        SynchronizedField("agencies", overridable=False),
    ]
    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types: list[str] = []
    template = "stories/story_page.html"

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def page_image(self):
        """The story's main image illustrates it in link previews."""
        return self.hero_image

    @property
    def is_cross_sector(self) -> bool:
        """A story is cross-sector when it involves two or more sectors."""
        return self.sectors.count() >= 2

    @cached_property
    def localized_agencies(self) -> list:
        """The agencies involved, by title, in this page's language where translated.

        Read once per page object: the page body and its JSON-LD author both use it.
        """
        # Links only (title, URL): their bodies are not decoded.
        agencies = sorted(self.agencies.all().defer_streamfields(), key=lambda a: a.title)
        localized = localized_pages(agencies, self.locale)
        return [localized[a.translation_key] for a in agencies]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sectors = list(self.sectors.all())
        context["story_sectors"] = localized_objects(sectors, self.locale)
        context["story_agencies"] = self.localized_agencies
        context["cross_sector"] = len(sectors) >= 2
        edition = self.origin_edition
        if edition is not None:
            edition = localized_pages([edition], self.locale)[edition.translation_key]
        context["edition"] = edition
        if self.hero_image:
            context["hero_alt"] = self.hero_image_alt or self.hero_image.default_alt_text
        return context
