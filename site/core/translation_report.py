"""Reports → Translation status: `core.translation_status` in the admin, with links to act."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page

from .translation_access import may_translate
from .translation_status import target_languages, translation_status

PERMISSION = "wagtail_localize.submit_translation"


def _translate_url(obj) -> str:
    if isinstance(obj, Page):
        return reverse("wagtail_localize:submit_page_translation", args=[obj.pk])
    meta = obj._meta
    return reverse(
        "wagtail_localize:submit_snippet_translation",
        args=[meta.app_label, meta.model_name, obj.pk],
    )


def translation_status_view(request: HttpRequest) -> HttpResponse:
    """Every French page and snippet with its Dutch and English versions.

    ``?needs_work=1`` keeps the objects that are not up to date in some
    language. Links (edit, translate, sync) appear where the user may use them.
    """
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    needs_work = request.GET.get("needs_work") == "1"
    finder = AdminURLFinder(request.user)
    rows = []
    for status in translation_status():
        if needs_work and not status.needs_work:
            continue
        obj = status.instance
        allowed = may_translate(request.user, obj)
        missing = any(v.instance is None for v in status.versions.values())
        rows.append(
            {
                "status": status,
                "kind": obj._meta.verbose_name,
                "title": obj.get_admin_display_title() if isinstance(obj, Page) else str(obj),
                "edit_url": finder.get_edit_url(obj),
                "translate_url": _translate_url(obj) if allowed and missing else None,
                "sync_url": (
                    reverse("wagtail_localize:update_translations", args=[status.source.pk])
                    if allowed and status.source and status.changed_since_sync
                    else None
                ),
                "versions": [
                    {
                        "version": version,
                        "up_to_date": status.up_to_date(language),
                        "edit_url": finder.get_edit_url(version.instance)
                        if version.instance
                        else None,
                    }
                    for language, version in status.versions.items()
                ],
            }
        )
    return TemplateResponse(
        request,
        "core/admin/translation_status.html",
        {"rows": rows, "languages": target_languages(), "needs_work": needs_work},
    )
