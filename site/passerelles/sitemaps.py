"""The sitemap (every live public page, its translations as hreflang alternates) and robots.txt.

Built on ``wagtail.contrib.sitemaps``: Wagtail's sitemap lists the pages of
the site's root, which is the French home; here every language tree is
listed, and each URL names its translations (``<xhtml:link rel="alternate"
hreflang="nl" …>``, French also as ``x-default``), as search engines expect
from a multilingual site.
"""

from collections import defaultdict

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from passerelles.sharing import absolute

DEFAULT_LANGUAGE = "fr"


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap over every language tree, with hreflang alternates."""

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_trees = Q()
        for root in roots:
            in_trees |= Q(path__startswith=root.path)
        return (
            Page.objects.live()
            .public()
            .filter(in_trees)
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
        )

    def _urls(self, page, protocol, domain):
        # Every language of every page, once: one query, then grouped by
        # translation key to give each URL its alternates.
        pages = list(self.items())
        location = {p.pk: absolute(self.request, p.get_url(self.request) or "") for p in pages}
        by_key: dict = defaultdict(list)
        for p in pages:
            if location[p.pk]:
                by_key[p.translation_key].append(p)
        urls = []
        for item in self.paginator.page(page).object_list:
            if not location[item.pk]:
                continue
            group = sorted(by_key[item.translation_key], key=lambda p: p.locale.language_code)
            alternates = [
                {"lang_code": p.locale.language_code, "location": location[p.pk]} for p in group
            ]
            default = next((a for a in alternates if a["lang_code"] == DEFAULT_LANGUAGE), None)
            if default and len(alternates) > 1:
                alternates.append({"lang_code": "x-default", "location": default["location"]})
            urls.append(
                {
                    "item": item,
                    "location": location[item.pk],
                    "lastmod": item.last_published_at or item.latest_revision_created_at,
                    "alternates": alternates if len(group) > 1 else [],
                }
            )
        self.latest_lastmod = max((u["lastmod"] for u in urls if u["lastmod"]), default=None)
        return urls


def robots_txt(request: HttpRequest) -> HttpResponse:
    """robots.txt: everything public may be crawled, the admin may not; names the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
