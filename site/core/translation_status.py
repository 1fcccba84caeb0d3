"""Where every page and snippet stands in each language.

For each source-language (French) page and translatable snippet, and each
other language: does a version exist, is it published, how many of its text
segments are translated, and has the French source changed since its
translations were last synced ("Sync translated pages" in wagtail-localize)?
Read by the admin report (Reports → Translation status) and by
``manage.py translation_status [--json]``, so both say the same.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

MISSING, DRAFT, PUBLISHED = "missing", "draft", "published"


@dataclass
class Version:
    """One object in one target language."""

    language: str
    instance: Model | None = None
    published: bool = False
    total_segments: int = 0
    translated_segments: int = 0

    @property
    def state(self) -> str:
        if self.instance is None:
            return MISSING
        return PUBLISHED if self.published else DRAFT

    @property
    def complete(self) -> bool:
        """Every text segment of the last synced source has a translation."""
        return self.instance is not None and self.translated_segments >= self.total_segments


@dataclass
class Status:
    """One source-language object and its versions in the other languages."""

    instance: Model
    source: TranslationSource | None
    changed_since_sync: bool
    versions: dict[str, Version] = field(default_factory=dict)

    @property
    def synced_at(self) -> datetime | None:
        return self.source.last_updated_at if self.source else None

    def up_to_date(self, language: str) -> bool:
        """Published, fully translated, and the source has not changed since the last sync."""
        version = self.versions[language]
        return version.state == PUBLISHED and version.complete and not self.changed_since_sync

    @property
    def needs_work(self) -> bool:
        return not all(self.up_to_date(language) for language in self.versions)


def target_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def translatable_snippet_models() -> list[type[Model]]:
    return [m for m in get_snippet_models() if issubclass(m, TranslatableMixin)]


def _content(instance: Model) -> dict:
    if isinstance(instance, ClusterableModel):
        return json.loads(instance.to_json())
    return json.loads(json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder))


def changed_since_sync(instance: Model, source: TranslationSource) -> bool:
    """True when a field that syncing carries to the translations differs from the last sync.

    Compares what wagtail-localize would copy (translatable and synchronised
    fields) in the source as saved now (for a page: its published version)
    with the content recorded at the last sync.
    """
    names = [f.field_name for f in get_translatable_fields(type(instance))]
    current, synced = _content(instance), json.loads(source.content_json)
    return any(_comparable(current.get(name)) != _comparable(synced.get(name)) for name in names)


def _comparable(value):
    """A field's serialised value without StreamField block ids (assigned when first saved)."""
    if isinstance(value, str) and value.startswith("[{"):
        try:
            value = json.loads(value)
        except ValueError:
            return value
    if isinstance(value, list):
        return [_comparable(item) for item in value]
    if isinstance(value, dict):
        return {key: _comparable(item) for key, item in value.items() if key != "id"}
    return value


def _source_objects() -> list[Model]:
    pages = (
        Page.objects.filter(locale__language_code=settings.LANGUAGE_CODE, depth__gt=1)
        .order_by("path")
        .specific()
    )
    snippets = [
        obj
        for model in translatable_snippet_models()
        for obj in model.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    ]
    return [*pages, *snippets]


def _versions(objects: list[Model], languages: list[str]) -> dict:
    """(model's base, translation key, language) -> the object in that language."""
    found = {}
    keys_by_model = defaultdict(set)
    for obj in objects:
        base = Page if isinstance(obj, Page) else type(obj)
        keys_by_model[base].add(obj.translation_key)
    for model, keys in keys_by_model.items():
        queryset = model.objects.filter(
            translation_key__in=keys, locale__language_code__in=languages
        ).select_related("locale")
        for obj in queryset:
            found[(model, obj.translation_key, obj.locale.language_code)] = obj
    return found


def _progress(sources: list[TranslationSource], languages: list[str]) -> dict:
    """(source id, language) -> (total string segments, translated ones), in two queries."""
    segments = defaultdict(set)
    for source_id, string_id, context_id in StringSegment.objects.filter(
        source__in=sources
    ).values_list("source_id", "string_id", "context_id"):
        segments[source_id].add((string_id, context_id))
    strings = {pair for pairs in segments.values() for pair in pairs}
    translated = defaultdict(set)
    for string_id, context_id, language in StringTranslation.objects.filter(
        translation_of_id__in={s for s, _ in strings},
        locale__language_code__in=languages,
        has_error=False,
    ).values_list("translation_of_id", "context_id", "locale__language_code"):
        translated[language].add((string_id, context_id))
    return {
        (source_id, language): (len(pairs), len(pairs & translated[language]))
        for source_id, pairs in segments.items()
        for language in languages
    }


def translation_status() -> list[Status]:
    """The status of every source-language page and translatable snippet, in tree order."""
    languages = target_languages()
    objects = _source_objects()
    versions = _versions(objects, languages)
    sources = {
        source.object_id: source
        for source in TranslationSource.objects.filter(
            object_id__in=[obj.translation_key for obj in objects],
            locale__language_code=settings.LANGUAGE_CODE,
        )
    }
    progress = _progress(list(sources.values()), languages)
    enabled = set(
        Translation.objects.filter(source__in=sources.values(), enabled=True).values_list(
            "source_id", "target_locale__language_code"
        )
    )
    statuses = []
    for obj in objects:
        source = sources.get(obj.translation_key)
        status = Status(
            instance=obj,
            source=source,
            changed_since_sync=bool(source) and changed_since_sync(obj, source),
        )
        base = Page if isinstance(obj, Page) else type(obj)
        for language in languages:
            other = versions.get((base, obj.translation_key, language))
            version = Version(language=language, instance=other)
            if other is not None:
                version.published = getattr(other, "live", True)
                if source is not None and (source.pk, language) in enabled:
                    total, done = progress.get((source.pk, language), (0, 0))
                    version.total_segments, version.translated_segments = total, done
            status.versions[language] = version
        statuses.append(status)
    return statuses


def as_json(statuses: list[Status]) -> dict:
    """The status as one JSON-serialisable document (see `manage.py translation_status --json`)."""
    languages = target_languages()
    summary = {
        language: {MISSING: 0, DRAFT: 0, PUBLISHED: 0, "up_to_date": 0} for language in languages
    }
    objects = []
    for status in statuses:
        obj = status.instance
        translations = {}
        for language, version in status.versions.items():
            summary[language][version.state] += 1
            summary[language]["up_to_date"] += status.up_to_date(language)
            translations[language] = {
                "state": version.state,
                "id": version.instance.pk if version.instance else None,
                "total_segments": version.total_segments,
                "translated_segments": version.translated_segments,
                "up_to_date": status.up_to_date(language),
            }
        objects.append(
            {
                "type": obj._meta.label_lower,
                "id": obj.pk,
                "title": str(obj.title if isinstance(obj, Page) else obj),
                "url": obj.url if isinstance(obj, Page) else None,
                "synced_at": status.synced_at.isoformat() if status.synced_at else None,
                "changed_since_sync": status.changed_since_sync,
                "translations": translations,
            }
        )
    return {
        "source_language": settings.LANGUAGE_CODE,
        "languages": languages,
        "objects": objects,
        "summary": summary,
    }
