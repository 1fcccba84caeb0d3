"""The home page of each language tree."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from agencies.models import AgencyPage
from core.images import with_card_images, with_logos
from core.sharing import ShareImageMixin
from editions.models import EditionPage
from stories.models import StoryPage


class HomePage(ShareImageMixin, Page):
    """The entry of one language: introduction, next edition, latest stories, agencies.

    One home page per language, directly under the root; French is the source
    and Dutch and English are its wagtail-localize translations.
    """

    introduction = RichTextField(
        _("introduction"),
        features=["bold", "italic", "link"],
        help_text=_("What Passerelles is, in a few sentences."),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "agencies.AgencyIndexPage",
        "editions.EditionIndexPage",
        "stories.StoryIndexPage",
        "outcomes.ImpactPage",
    ]
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["next_edition"] = (
            EditionPage.objects.live()
            .filter(locale=self.locale, start__gte=timezone.now())
            .select_related("venue")
            .order_by("start")
            .first()
        )
        context["latest_stories"] = with_card_images(
            StoryPage.objects.live().descendant_of(self).order_by("-first_published_at")
        )[:3]
        context["agencies"] = with_logos(
            AgencyPage.objects.live().descendant_of(self).order_by("title")
        )
        return context
