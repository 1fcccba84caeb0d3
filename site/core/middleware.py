"""Refuse requests carrying NUL bytes before they reach the database.

PostgreSQL text cannot hold NUL, so such a value in a path or a query string
would turn into a server error deep in a query. No legitimate URL of the
site contains one: answer 400 with a translated message instead.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _


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
