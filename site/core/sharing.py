"""What editors control about how a page looks when it is shared.

Wagtail's *Promote* tab already holds the page title for search engines
(``seo_title``) and the description (``search_description``). This mixin adds
the one thing Wagtail lacks: an optional image for link previews (Open Graph
and Twitter cards). When it is empty, the page's own picture is used (a
story's main image, an agency's logo); see ``passerelles.sharing``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page


class ShareImageMixin(models.Model):
    """An optional share image, edited in the Promote tab next to the search description."""

    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("share image"),
        help_text=_(
            "Shown when the page is shared on social networks and in messaging apps "
            "(cropped to 1200 × 630). Leave empty to use the page's own image."
        ),
    )

    promote_panels = Page.promote_panels + [
        MultiFieldPanel([FieldPanel("share_image")], heading=_("Sharing")),
    ]

    class Meta:
        abstract = True

    def page_image(self):
        """The page's own picture for previews when no share image is chosen (None by default)."""
        return None
