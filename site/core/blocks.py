"""StreamField blocks shared by the page types."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class QuoteBlock(blocks.StructBlock):
    """A pull quote with its attribution."""

    text = blocks.TextBlock(
        label=_("quote"), help_text=_("The words quoted, without quotation marks.")
    )
    attribution = blocks.CharBlock(
        label=_("attribution"), required=False, help_text=_("Who said it, and in what role.")
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "core/blocks/quote.html"


class BodyBlock(blocks.StreamBlock):
    """Free body text: headings, paragraphs, images and quotes."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        form_classname="title",
        icon="title",
        template="core/blocks/heading.html",
        help_text=_("A section heading (shown as a level-2 heading)."),
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Running text. Links should say where they lead."),
    )
    image = ImageBlock(label=_("Image"), help_text=_("An image with its alternative text."))
    quote = QuoteBlock()


class ProgrammeItemBlock(blocks.StructBlock):
    """One moment of an edition's programme."""

    time = blocks.TimeBlock(label=_("time"), help_text=_("Start time of this moment."))
    title = blocks.CharBlock(label=_("title"), help_text=_("What happens, in a few words."))
    description = blocks.TextBlock(
        label=_("description"), required=False, help_text=_("Optional details: speakers, room.")
    )

    class Meta:
        icon = "time"
        label = _("Programme item")
        template = "core/blocks/programme_item.html"


class ProgrammeBlock(blocks.StreamBlock):
    """The running order of an edition."""

    item = ProgrammeItemBlock()


class GalleryBlock(blocks.StreamBlock):
    """Images of a story."""

    image = ImageBlock(label=_("Image"), help_text=_("An image with its alternative text."))
