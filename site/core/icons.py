"""The icons browsers ask for at the site's root, served from the static files."""

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

ROOT_ICONS = {
    "favicon.ico": "image/x-icon",
    "apple-touch-icon.png": "image/png",
}


@require_safe
@cache_control(public=True, max_age=86400)
def root_icon(request: HttpRequest, name: str) -> FileResponse:
    """`/favicon.ico` and `/apple-touch-icon.png`: browsers and phones request them
    at the root whatever the page says, and a 404 there is a console error."""
    if name not in ROOT_ICONS:
        raise Http404(name)
    found = finders.find(name)
    if not found:
        raise Http404(name)
    return FileResponse(open(found, "rb"), content_type=ROOT_ICONS[name])  # noqa: SIM115
