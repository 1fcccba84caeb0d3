"""Translating demo objects through wagtail-localize, as an editor would.

The demo content is written in French with its Dutch and English versions
side by side. Instead of copying pages by hand, each French object becomes a
wagtail-localize translation source; the Dutch and English strings are
recorded as its string translations, then wagtail-localize creates and
publishes the translated objects. Editors therefore find the demo
translations in the usual "Translate" screens, synchronised with the source.
"""

import html
import json
from collections.abc import Mapping

from django.db import transaction
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue


class TranslationMemory:
    """French text → {language: text}, fed from the demo content."""

    def __init__(self) -> None:
        self._entries: dict[str, dict[str, str]] = {}
        self.missing: set[tuple[str, str]] = set()

    def add(self, texts: Mapping[str, str]) -> None:
        """Remember one text in every language (a dict with fr, nl and en)."""
        self._entries[_key(texts["fr"])] = dict(texts)

    def lookup(self, french: str, language: str) -> str | None:
        """The translation of `french` into `language`, or None when unknown."""
        entry = self._entries.get(_key(french))
        return entry.get(language) if entry else None


def _key(text: str) -> str:
    return " ".join(html.unescape(text).split())


@transaction.atomic
def translate(
    instance: TranslatableMixin, locales: list[Locale], memory: TranslationMemory
) -> list[str]:
    """Create the translations of `instance` in `locales` that do not exist yet.

    Existing translations are left alone, so running the demo loader again
    changes nothing, and an editor's later corrections are never overwritten.
    Strings the memory does not know keep the French text (names, numbers).
    """
    created = []
    for locale in locales:
        if instance.has_translation(locale):
            continue
        source, _ = TranslationSource.get_or_create_from_instance(instance)
        for segment in StringSegment.objects.filter(source=source).select_related(
            "string", "context"
        ):
            french = segment.string.data
            text = memory.lookup(french, locale.language_code)
            if text is None:
                memory.missing.add((french, locale.language_code))
                continue
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": StringValue.from_plaintext(text).data,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )
        # Synchronised text an editor may override per language (a street name).
        for segment in OverridableSegment.objects.filter(source=source).select_related("context"):
            value = segment.data
            text = memory.lookup(value, locale.language_code) if isinstance(value, str) else None
            if text is not None and text != value:
                SegmentOverride.objects.update_or_create(
                    locale=locale, context=segment.context, defaults={"data_json": json.dumps(text)}
                )
        translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
        translation.save_target(publish=True)
        created.append(locale.language_code)
    return created


@transaction.atomic
def retranslate(
    instance: TranslatableMixin, locales: list[Locale], memory: TranslationMemory
) -> list[str]:
    """Bring the existing translations of `instance` up to its current source text.

    As an editor's *Sync translated pages*: the source is read again, new
    strings the memory knows get their translation, and each existing
    translation is published again. Strings already translated keep their
    translation.
    """
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    updated = []
    for locale in locales:
        translation = Translation.objects.filter(source=source, target_locale=locale).first()
        if translation is None:
            continue
        for segment in StringSegment.objects.filter(source=source).select_related(
            "string", "context"
        ):
            text = memory.lookup(segment.string.data, locale.language_code)
            if text is not None:
                # get_or_create: a translation already made (by an editor too) stays.
                StringTranslation.objects.get_or_create(
                    translation_of=segment.string,
                    locale=locale,
                    context=segment.context,
                    defaults={
                        "data": StringValue.from_plaintext(text).data,
                        "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    },
                )
        translation.save_target(publish=True)
        updated.append(locale.language_code)
    return updated
