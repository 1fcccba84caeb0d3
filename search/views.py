"""Staff search in the Wagtail admin ("People & projects") and its JSON endpoints.

Every view requires the directory view permission (``people.view_person``);
anonymous and unprivileged requests are refused. Query strings are parsed
defensively: a page that is not a number, unknown filters or a hostile query
give a normal page, never an error.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from people import audit
from people.export import FORMATS, export_people
from people.models import Person

from .documents import FACETS
from .query import MAX_DEPTH, SearchQuery
from .service import search

FACET_LABELS = {
    "sector": _("Sector"),
    "agency": _("Agency"),
    "edition": _("Edition"),
    "country": _("Country"),
    "kind": _("Kind"),
    "stage": _("Stage"),
    "consent": _("Contact consent"),
}


def _require_directory(request: HttpRequest) -> None:
    if not request.user.has_perm("people.view_person"):
        raise PermissionDenied


def _int(value: str | None, default: int) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return default


def query_from_request(request: HttpRequest) -> SearchQuery:
    """The SearchQuery described by a request's query string (bad values ignored)."""
    params = request.GET
    return SearchQuery(
        text=params.get("q", "")[:500],
        kind=params.get("type", ""),
        filters={facet: params.getlist(facet) for facet in FACETS},
        cross_sector=params.get("cross_sector") == "1",
        sort=params.get("sort", "relevance"),
        page=max(1, min(_int(params.get("page"), 1), MAX_DEPTH)),
        per_page=max(1, _int(params.get("per_page"), 20)),  # SearchQuery caps it
    )


def search_view(request: HttpRequest) -> HttpResponse:
    """One search box, facets with counts, highlighted results."""
    _require_directory(request)
    query = query_from_request(request)
    audit.record_search(request.user, query.text, filters=query.filters)
    result = search(query)
    params = request.GET.copy()
    params.pop("page", None)
    pages = max(1, -(-result.total // query.per_page))
    return TemplateResponse(
        request,
        "search/admin/search.html",
        {
            "query": query,
            "result": result,
            "facet_groups": [
                (name, FACET_LABELS[name], result.facets.get(name, [])) for name in FACETS
            ],
            "base_query": params.urlencode(),
            "page": query.page,
            "pages": pages,
            "has_previous": query.page > 1,
            "has_next": query.page < pages and query.page * query.per_page < MAX_DEPTH,
        },
    )


def search_json(request: HttpRequest) -> JsonResponse:
    """The same search as JSON (for scripts and the page's own requests)."""
    _require_directory(request)
    query = query_from_request(request)
    audit.record_search(request.user, query.text, filters=query.filters)
    return JsonResponse(search(query).as_dict())


def autocomplete(request: HttpRequest) -> JsonResponse:
    """Up to eight suggestions for what is being typed."""
    _require_directory(request)
    text = request.GET.get("q", "")[:100]
    if len(text.strip()) < 2:
        return JsonResponse({"suggestions": []})
    audit.record_search(request.user, text)
    result = search(SearchQuery(text=text, per_page=8))
    return JsonResponse(
        {
            "suggestions": [
                {"kind": h.kind, "title": h.title, "subtitle": h.subtitle, "url": h.url}
                for h in result.hits
            ]
        }
    )


def export_results(request: HttpRequest) -> HttpResponse:
    """Export the people of the current results through the directory's export (logged)."""
    _require_directory(request)
    query = query_from_request(request)
    query.kind = "person"
    file_format = request.GET.get("format", "csv")
    if file_format not in FORMATS:
        file_format = "csv"
    ids = []
    page = 1
    while len(ids) < MAX_DEPTH:
        query.page, query.per_page = page, 100
        hits = search(query).hits
        ids += [h.object_id for h in hits]
        if len(hits) < 100:
            break
        page += 1
    queryset = Person.objects.filter(id__in=ids).order_by("last_name", "first_name", "id")
    data = export_people(queryset, file_format, user=request.user)
    response = HttpResponse(data, content_type=FORMATS[file_format]().get_content_type())
    response["Content-Disposition"] = f'attachment; filename="search-results.{file_format}"'
    return response
