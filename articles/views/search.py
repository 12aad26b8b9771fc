"""The search page: one URL for the page and, for HTMX, the results fragment; plus person suggestions."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from articles.search import SearchParams, result_page, suggest_entities
from articles.views.reading import readers_only

# Swap targets served as fragments: the results while typing, the whole form and results for facets.
PARTIALS = ("search-results", "search-page")


@require_GET
@readers_only
def search(request: HttpRequest) -> HttpResponse:
    params = SearchParams.from_mapping(request.GET)
    context: dict = {"params": params, "searched": not params.is_empty}
    if not params.is_empty:
        found = result_page(params, request.GET.get("page"))
        context.update(
            page=found.page,
            results=found.results,
            people=found.people,
            facets=found.facets,
            query_string=_query_string(request, drop="page"),
            export_query=_query_string(request, drop="page", also=("sort",)),
        )
    template = "articles/search.html"
    if request.htmx and request.htmx.target in PARTIALS and not request.htmx.history_restore_request:
        template += f"#{request.htmx.target}"
    return render(request, template, context)


@require_GET
@readers_only
def person_suggestions(request: HttpRequest) -> HttpResponse:
    """<option>s for the person field's datalist: names and aliases resembling what was typed."""
    typed = [p for p in request.GET.getlist("person") if p.strip()]
    suggestions = suggest_entities(typed[-1], limit=10) if typed else []
    return render(request, "articles/search.html#person-suggestions", {"suggestions": suggestions})


def _query_string(request: HttpRequest, *, drop: str, also: tuple[str, ...] = ()) -> str:
    query = request.GET.copy()
    for name in (drop, *also):
        query.pop(name, None)
    return query.urlencode()
