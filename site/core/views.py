"""Error pages in the visitor's language."""

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils import translation
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 404 page, in the language of the URL prefix (LocaleMiddleware set it)."""
    return defaults.page_not_found(request, exception, template_name="404.html")


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, in the language of the URL, rendered without touching the database.

    The database may be the reason for the error, so the template gets no
    context processors and no page: only the language taken from the path.
    """
    language = translation.get_language_from_path(request.path_info) or translation.get_language()
    with translation.override(language):
        template = loader.get_template("500.html")
        body = template.render({"LANGUAGE_CODE": language, "STATIC_URL": _static_url()})
    return HttpResponseServerError(body)


def _static_url() -> str:
    from django.conf import settings

    return settings.STATIC_URL
