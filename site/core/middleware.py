"""Requests refused before they reach a view (too large, NUL bytes) and the CSP header.

PostgreSQL text cannot hold NUL, so such a value in a path or a query string
would turn into a server error deep in a query. No legitimate URL of the
site contains one: answer 400 with a translated message instead.

A request body larger than PASSERELLES_MAX_REQUEST_BYTES is refused with 413
from its declared length, before anything (CSRF, a form, an upload handler)
reads it. Django reads no body without a declared length.
"""

from collections.abc import Callable

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.http.response import HttpResponseBase
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's header, with the one allowance Wagtail's admin needs.

    The site's pages get CONTENT_SECURITY_POLICY as it is. Under the admin's
    URL, the directives in CONTENT_SECURITY_POLICY_ADMIN_REPLACE replace
    theirs: Wagtail 8 still initialises form widgets with inline scripts and
    its editors inject inline styles. Every other directive (sources from this
    site only, no plugin, no framing by others) holds for the admin too.
    """

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(reverse("wagtailadmin_home")):
            admin = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN_REPLACE", {})
            parts.replace = {**admin, **(parts.replace or {})}
        return parts


class LimitRequestSizeMiddleware:
    """Answer 413 Content Too Large when the declared body exceeds the configured cap."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponseBadRequest(_("The request's length is not a number."))
        limit = settings.PASSERELLES_MAX_REQUEST_BYTES
        if length > limit:
            return HttpResponse(
                _("The request is too large: at most %(size)s can be sent at once.")
                % {"size": filesizeformat(limit)},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class RejectNulBytesMiddleware:
    """Answer 400 Bad Request when the path or a query parameter contains a NUL byte."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(_("This address contains invalid characters."))
        return self.get_response(request)
