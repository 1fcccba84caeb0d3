"""Images of page listings and pages: responsive renditions, fetched in a fixed number of queries.

Cards and heroes are `<picture>` elements (Wagtail's `{% picture %}`): AVIF
for browsers that take it, JPEG for the others, each at two or three widths
with `sizes`, so a phone downloads a small file and a wide screen a sharp one.
`fill` crops around the image's focal point, which editors set in the admin.
The specs below are the ones the templates use, expanded as Wagtail expands
them, so prefetching finds every rendition a card needs.
"""

from django.db.models import Prefetch, QuerySet
from django.utils.safestring import SafeString, mark_safe
from wagtail.images import get_image_model
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

# The cards and the story hero render these (core/templatetags/core_images.py).
CARD_SPECS = ["fill-{400x250,800x500}", "format-{avif,jpeg}"]
HERO_SPECS = ["fill-{480x300,800x500,1200x750}", "format-{avif,jpeg}"]
CARD_RENDITIONS: list[str] = Filter.expand_spec(CARD_SPECS)
HERO_RENDITIONS: list[str] = Filter.expand_spec(HERO_SPECS)
# Parsed once per process. `{% picture %}` parses its specs again for every image it
# renders (eight operations, each checked with `inspect`, per card): with a list of
# twelve cards that was most of the page's rendering time.
CARD_FILTERS: list[Filter] = [Filter(spec) for spec in CARD_RENDITIONS]
HERO_FILTERS: list[Filter] = [Filter(spec) for spec in HERO_RENDITIONS]
# An agency's logo on its card and in its page's header. `preserve-svg` (keep an SVG
# as SVG) reduces to these very specs for any image, so they are given without it.
LOGO_FILTER = Filter("max-240x120")
AGENCY_LOGO_FILTER = Filter("max-320x160")
# Agency logos: an SVG stays SVG (`preserve-svg`), a raster logo is scaled down.
# Wagtail stores an SVG's rendition without the `preserve-svg` part: prefetch both.
LOGO_RENDITIONS = ["max-240x120", "max-240x120|preserve-svg"]


def _renditions(specs: list[str]) -> QuerySet:
    """The renditions of the given specs (Wagtail finds them in an image's prefetched
    `renditions`, and asks the database no more)."""
    return get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs)


def with_card_images(pages: QuerySet) -> QuerySet:
    """Story cards' pages with their `hero_image` (joined), its card renditions and their
    sectors: three queries for the whole list, however many cards it has."""
    # A card shows no body nor gallery: not reading them spares decoding their JSON.
    return (
        pages.select_related("hero_image")
        .defer("body", "gallery")
        .prefetch_related(
            Prefetch("hero_image__renditions", queryset=_renditions(CARD_RENDITIONS)),
            "sectors",
        )
    )


def with_logos(pages: QuerySet) -> QuerySet:
    """Agency pages with their logo (joined) and its card rendition: two queries in all."""
    return (
        pages.select_related("logo")
        .defer("body")
        .prefetch_related(Prefetch("logo__renditions", queryset=_renditions(LOGO_RENDITIONS)))
    )


def picture(image, filters: list[Filter], attrs: dict[str, str]) -> SafeString:
    """`image` as Wagtail's `{% picture %}` renders it (AVIF `<source>`, JPEG `<img>` with
    `srcset`), from filters parsed once; renditions come from the image's prefetched ones,
    else from Wagtail's rendition cache or the database, and are made when missing."""
    if not image:
        return mark_safe("")  # noqa: S308 -- empty
    renditions = get_renditions_or_not_found(image, filters)
    return mark_safe(Picture(renditions, dict(attrs)).__html__())  # noqa: S308 -- Wagtail escapes


def image_tag(image, filter: Filter, attrs: dict[str, str]) -> SafeString:
    """`image` as Wagtail's `{% image %}` renders it, from a filter parsed once; the
    rendition comes from the image's prefetched ones when there are."""
    if not image:
        return mark_safe("")  # noqa: S308 -- empty
    rendition = get_renditions_or_not_found(image, [filter])[filter.spec]
    return rendition.img_tag(dict(attrs))
