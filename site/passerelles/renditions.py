"""Renditions of the public site made ahead of the visit, so that no visitor waits for them.

Wagtail makes a rendition the first time a template asks for it, inside that
request: a story card's AVIF files take about 0.4 s each to encode, so the
first visitor of a page after an image was uploaded (or its focal point
moved) waited seconds. Here every rendition a public page can ask of an image
(story card, story hero, share preview, agency logo) is made with Wagtail's
own `Image.get_renditions()` when the image is saved — in a background task
once the save is committed — and by `load_demo` for the demo's images.

It lives in the composition layer because it knows the specs of every page
type's templates (`core.images`) and of the share previews (`passerelles.sharing`).
"""

import logging

from django.db import transaction
from django_tasks import task
from wagtail.images import get_image_model

from core.images import CARD_RENDITIONS, HERO_RENDITIONS, LOGO_RENDITIONS
from passerelles.sharing import LOGO_RENDITION, SHARE_RENDITION

logger = logging.getLogger(__name__)

# An agency page's header shows its logo larger than the cards do.
AGENCY_LOGO_RENDITION = "max-320x160|preserve-svg"
# Raster images: any of them may become a story's image, a share image or a logo.
RASTER_SPECS: list[str] = [
    *CARD_RENDITIONS,
    *HERO_RENDITIONS,
    SHARE_RENDITION,
    LOGO_RENDITIONS[0],
    AGENCY_LOGO_RENDITION,
    LOGO_RENDITION,
]
# An SVG is only ever shown as itself (`preserve-svg`): cards and headers of agencies.
SVG_SPECS: list[str] = [LOGO_RENDITIONS[1], AGENCY_LOGO_RENDITION]


def public_specs(image) -> list[str]:
    """The filter specs the public templates may ask of `image`."""
    return SVG_SPECS if image.is_svg() else RASTER_SPECS


def prepare_renditions(image) -> int:
    """Make every rendition the public pages may ask of `image`; return how many were new.

    Idempotent: existing renditions are found (one query) and kept.
    """
    before = image.renditions.count()
    image.get_renditions(*public_specs(image))
    return image.renditions.count() - before


@task(backend="renditions", queue_name="renditions")
def prepare_image_renditions(image_id: int) -> int:
    """Background task: the public renditions of one image (0 when it was deleted meanwhile)."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return 0
    try:
        return prepare_renditions(image)
    except Exception:  # an unreadable file must not fail the queue; pages fall back as before
        logger.warning("Could not prepare renditions of image %s", image_id, exc_info=True)
        return 0


# What a rendition is made from: a save that names only other fields (Wagtail's own
# `file_hash`/`file_size` bookkeeping, which it saves while making renditions) queues nothing.
RENDITION_INPUTS = frozenset(
    {"file", "width", "height", "focal_point_x", "focal_point_y"}
    | {"focal_point_width", "focal_point_height"}
)


def image_saved(sender, instance, raw: bool = False, update_fields=None, **kwargs) -> None:
    """post_save of the image model: queue its renditions once the save is committed."""
    if raw or not instance.pk or not instance.file:
        return
    if update_fields is not None and not RENDITION_INPUTS.intersection(update_fields):
        return
    image_id = instance.pk
    transaction.on_commit(lambda: prepare_image_renditions.enqueue(image_id))


def prepare_demo_renditions() -> int:
    """Queue the public renditions of every image a page shows (`load_demo`); return how many.

    Images already done cost one query each; new ones are encoded by the task.
    """
    from django.apps import apps

    from agencies.models import AgencyPage
    from core.sharing import ShareImageMixin
    from stories.models import StoryPage

    fields: dict = {StoryPage: ["hero_image_id"], AgencyPage: ["logo_id"]}
    for model in apps.get_models():
        if issubclass(model, ShareImageMixin):
            fields.setdefault(model, []).append("share_image_id")
    used: set[int] = set()
    for model, names in fields.items():
        for row in model.objects.values_list(*names):
            used.update(pk for pk in row if pk)
    for image_id in sorted(used):
        prepare_image_renditions.enqueue(image_id)
    return len(used)
