"""URLs: the admin outside the language prefix, every public page inside it.

``/fr/…``, ``/nl/…`` and ``/en/…`` carry the language; a request for ``/``
is redirected by LocaleMiddleware to the prefix matching the browser's
Accept-Language header (French when nothing matches).
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core.icons import root_icon

# One admin: Wagtail's. Django's own admin site is not mounted (nothing needs
# it, and a second sign-in page would be a second door to guard).
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    re_path(r"^(?P<name>favicon\.ico|apple-touch-icon\.png)$", root_icon),
]

# Media from the app itself only in development and the browser tests;
# production serves MEDIA_ROOT from the web server.
if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += i18n_patterns(
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
