"""Card images of page listings, fetched in a fixed number of queries."""

from django.db.models import Prefetch, QuerySet
from wagtail.images import get_image_model

CARD_RENDITION = "fill-480x300"


def with_card_images(pages: QuerySet) -> QuerySet:
    """Pages with their `hero_image` and its card rendition in two queries, not one per card."""
    return pages.prefetch_related(
        Prefetch(
            "hero_image",
            queryset=get_image_model().objects.prefetch_renditions(CARD_RENDITION),
        )
    )
