"""Staff search in the Wagtail admin ("People & projects") and its JSON endpoints.

Every view requires the directory view permission (``people.view_person``);
anonymous and unprivileged requests are refused, so searching by name, email
or phone is for directory readers only. Projects are shown only to users who
may also view projects (``people.view_project``), in results, suggestions and
facets alike. Query strings are parsed defensively: a page that is not a
number, unknown filters or a hostile query give a normal page, never an error.

Exporting the people of the results goes through the directory's export
jobs (`people.export_jobs`): the request only collects the ids (one
ids-only request to the backend) and queues the job; the worker writes the
file, the user follows it and downloads it from the Exports page, limited
per user and hour, recorded with the query in the audit trail. People who
refused contact are marked in the results and left out of mailings unless
the user ticks the box.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from people import audit, export_jobs
from people.models import Person
from people.views import ExportForm

from . import service
from .documents import FACETS
from .query import MAX_DEPTH, SearchQuery, SearchResult

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


def may_see_projects(request: HttpRequest) -> bool:
    return request.user.has_perm("people.view_project")


def query_from_request(request: HttpRequest) -> SearchQuery | None:
    """The SearchQuery described by a request's query string (bad values ignored).

    None when the request asks for projects only and the user may not see them.
    """
    query = _parse(request)
    if not may_see_projects(request):
        if query.kind == "project":
            return None
        query.kind = "person"
    return query


def _parse(request: HttpRequest) -> SearchQuery:
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


def _search(query: SearchQuery | None):
    if query is None:
        return SearchResult([], 0, {}, "none")
    return service.search(query)


def search_view(request: HttpRequest) -> HttpResponse:
    """One search box, facets with counts, highlighted results."""
    _require_directory(request)
    query = query_from_request(request)
    result = _search(query)
    query = query or _parse(request)
    audit.record_search(request.user, query.text, filters=query.filters)
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
            "projects": may_see_projects(request),
            "export_form": ExportForm(initial={"file_format": "xlsx"}),
            "export_max": MAX_DEPTH,
        },
    )


def search_json(request: HttpRequest) -> JsonResponse:
    """The same search as JSON (for scripts and the page's own requests)."""
    _require_directory(request)
    query = query_from_request(request)
    result = _search(query)
    query = query or _parse(request)
    audit.record_search(request.user, query.text, filters=query.filters)
    return JsonResponse(result.as_dict())


def autocomplete(request: HttpRequest) -> JsonResponse:
    """Up to eight people (and projects) whose names start with what is being typed.

    Asks the backend for names only: no facets, no total, no highlights.
    """
    _require_directory(request)
    text = request.GET.get("q", "")[:100]
    if len(text.strip()) < 2:
        return JsonResponse({"suggestions": []})
    audit.record_search(request.user, text)
    query = SearchQuery(text=text, kind="" if may_see_projects(request) else "person")
    return JsonResponse({"suggestions": service.suggest(query, limit=8)})


def export_results(request: HttpRequest) -> HttpResponse:
    """Queue an export of the people of the current results (POST; the query string is the
    search's). A GET leads back to the results.

    The ids come from one ids-only request to the backend, in result order (as
    many as paging could reach, `MAX_DEPTH`); the file is prepared by the
    export worker (see `people.export_jobs`).
    """
    _require_directory(request)
    back = f"{reverse('people_search')}?{request.GET.urlencode()}"
    if request.method != "POST":
        return redirect(back)
    form = ExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Choose a format and a purpose for the export."))
        return redirect(back)
    query = _parse(request)
    query.kind = "person"  # the people of the results, whichever type was shown
    ids = service.ids(query, limit=MAX_DEPTH)
    try:
        job = export_jobs.queue_export(
            request.user,
            Person.objects.filter(id__in=ids),
            form.cleaned_data["file_format"],
            purpose=form.cleaned_data["purpose"],
            include_refused=form.cleaned_data["include_refused"],
            search={"query": query.text, "filters": query.filters},
        )
    except export_jobs.ExportLimitReached as error:
        messages.error(request, str(error))
        return redirect(back)
    messages.success(
        request,
        ngettext(
            "The export of %(count)s person is being prepared; it will appear below.",
            "The export of %(count)s people is being prepared; it will appear below.",
            job.total,
        )
        % {"count": job.total},
    )
    return redirect("people_export")
