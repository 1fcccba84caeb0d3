"""Shared content of the public site: the sectors of the network."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


def in_source_language() -> models.Q:
    """Limit editors' choices to source-language objects (French).

    Relations are stored once, against the source language, and shown in the
    visitor's language at render time; offering the Dutch and English copies
    too would list every agency or sector three times.
    """
    from django.conf import settings

    return models.Q(locale__language_code=settings.LANGUAGE_CODE)


class Sector(TranslatableMixin, models.Model):
    """One of the seven sectors the agencies work in (design, music, ...).

    Translatable with wagtail-localize; the slug is shared by every language so
    that filters in shareable URLs (``?sector=music``) work in all three.
    """

    name = models.CharField(
        _("name"), max_length=100, help_text=_("The sector's name as shown to visitors.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_("Stable identifier used in filter URLs; the same in every language."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position of the sector in lists and filters.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_sector_slug_per_locale")
        ]

    def __str__(self) -> str:
        return self.name
