"""`{% card_picture %}` and `{% hero_picture %}`: the site's two responsive pictures."""

from django import template
from django.utils.safestring import SafeString

from core.images import CARD_FILTERS, HERO_FILTERS, picture

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
