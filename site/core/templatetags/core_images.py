"""The site's images from filters parsed once: story cards' and headers' pictures, logos."""

from django import template
from django.utils.safestring import SafeString

from core.images import (
    AGENCY_LOGO_FILTER,
    CARD_FILTERS,
    HERO_FILTERS,
    LOGO_FILTER,
    image_tag,
    picture,
)

register = template.Library()

CARD_SIZES = "(min-width: 72rem) 22rem, (min-width: 40rem) 45vw, 100vw"
HERO_SIZES = "(min-width: 72rem) 70rem, calc(100vw - 2rem)"


@register.simple_tag
def card_picture(image, eager: bool = False) -> SafeString:
    """A story card's picture, decorative (the title says it all), lazy unless `eager`."""
    attrs = {"sizes": CARD_SIZES, "class": "card-image", "alt": ""}
    if not eager:
        attrs.update(loading="lazy", decoding="async")
    return picture(image, CARD_FILTERS, attrs)


@register.simple_tag
def hero_picture(image, alt: str) -> SafeString:
    """A story's main picture, fetched first (it is the page's largest element)."""
    attrs = {"sizes": HERO_SIZES, "class": "hero", "alt": alt, "fetchpriority": "high"}
    return picture(image, HERO_FILTERS, attrs)


@register.simple_tag
def card_logo(image) -> SafeString:
    """An agency card's logo (an SVG stays SVG), decorative and lazy."""
    return image_tag(image, LOGO_FILTER, {"class": "agency-logo", "alt": "", "loading": "lazy"})


@register.simple_tag
def agency_logo(image) -> SafeString:
    """An agency page's logo in its header, with the image's own alternative text."""
    return image_tag(
        image, AGENCY_LOGO_FILTER, {"class": "agency-logo", "alt": image.default_alt_text}
    )
