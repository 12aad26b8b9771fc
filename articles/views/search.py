"""The search page: one URL for the page and, for HTMX, the results fragment; plus person suggestions."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from articles.search import (
    CappedPaginator,
    SearchParams,
    facets,
    person_context,
    search_articles,
    snippets,
    suggest_entities,
)
from articles.views.reading import readers_only

PAGE_SIZE = 20
# Swap targets served as fragments: the results while typing, the whole form and results for facets.
PARTIALS = ("search-results", "search-page")


@require_GET
@readers_only
def search(request: HttpRequest) -> HttpResponse:
    params = SearchParams.from_mapping(request.GET)
    context: dict = {"params": params, "searched": not params.is_empty}
    if not params.is_empty:
        qs, people = search_articles(params)
        page = CappedPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
        articles = list(page.object_list)
        passages = snippets(articles, params.q)
        found = person_context(articles, people)
        context.update(
            page=page,
            results=[(a, passages.get(a.pk), found.get(a.pk, {})) for a in articles],
            people=people,
            facets=facets(qs),
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
