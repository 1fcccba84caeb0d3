"""URLs: the admin outside the language prefix, every public page inside it.

``/fr/…``, ``/nl/…`` and ``/en/…`` carry the language; a request for ``/``
is redirected by LocaleMiddleware to the prefix matching the browser's
Accept-Language header (French when nothing matches).
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from core.icons import root_icon
from passerelles.feeds import StoriesFeed, editions_calendar
from passerelles.site_search import search_view
from passerelles.sitemaps import MultilingualSitemap, robots_txt

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

# Sitemap (every language, with hreflang alternates) and robots.txt naming it.
urlpatterns += [
    path(
        "sitemap.xml",
        sitemap_views.sitemap,
        {"sitemaps": {"pages": MultilingualSitemap}},
        name="sitemap",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
]

# Under the language prefix: feeds and the search page list that language
# only; the search page's address is translated (/fr/recherche/, /nl/zoeken/).
urlpatterns += i18n_patterns(
    path("feeds/stories/", StoriesFeed(), name="stories_feed"),
    path("calendar/editions.ics", editions_calendar, name="editions_calendar"),
    path(_("search/"), search_view, name="site_search"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
