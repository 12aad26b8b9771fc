"""Pages: the article list and the article page with its annotation layers."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from articles.models import Article, Cable, Entity, Mention, ReviewState
from articles.rendering import Layer, render_annotated

LAYER_FOR_LABEL = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "group"}


def _may_read(request: HttpRequest) -> bool:
    return settings.ANONYMOUS_READ or request.user.is_authenticated


def readers_only(view):
    """Pages readable by anyone when ANONYMOUS_READ is on, else by signed-in users."""

    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _may_read(request):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@require_GET
@readers_only
def article_list(request: HttpRequest) -> HttpResponse:
    articles = (
        Article.objects.newest_first()
        .annotate(
            people=Count(
                "mentions__entity",
                filter=Q(mentions__label="PERSON") & ~Q(mentions__review=ReviewState.REJECTED),
                distinct=True,
            ),
            quote_count=Count("quotes", filter=~Q(quotes__review=ReviewState.REJECTED), distinct=True),
            cable_count=Count("cable_references", distinct=True),
        )
        .only("title", "publication", "published", "status", "source_name", "created")
    )
    page = Paginator(articles, 25).get_page(request.GET.get("page"))
    return render(request, "articles/list.html", {"page": page})


@require_GET
@readers_only
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    mentions = list(article.mentions.exclude(review=ReviewState.REJECTED).select_related("entity").order_by("start"))
    quotes = list(article.quotes.exclude(review=ReviewState.REJECTED).select_related("speaker").order_by("start"))
    dates = list(article.date_mentions.exclude(review=ReviewState.REJECTED).order_by("start"))
    references = list(
        article.cable_references.exclude(review=ReviewState.REJECTED).select_related("cable").order_by("start")
    )
    marks: list[Layer] = []
    for q in quotes:
        for start, end in q.spans:
            marks.append(
                Layer(
                    start,
                    end,
                    "quote",
                    {"data-quote": str(q.pk), "title": f"Quote: {q.speaker_name or 'unknown speaker'}"},
                )
            )
    for m in mentions:
        layer = LAYER_FOR_LABEL.get(m.label, "other")
        marks.append(Layer(m.start, m.end, layer, {"data-entity": str(m.entity_id), "title": m.entity.name}))
    for d in dates:
        marks.append(Layer(d.start, d.end, "date", {"title": d.value or "date not anchored"}))
    for r in references:
        marks.append(Layer(r.start, r.end, "cable", {"title": r.reference_id or r.origin or "cable"}))
    speakers: dict[str, list] = {}
    for q in quotes:
        speakers.setdefault(q.speaker_name or "Unknown speaker", []).append(q)
    context = {
        "article": article,
        "body_html": render_annotated(article.body, marks),
        "quotes_by_speaker": sorted(speakers.items(), key=lambda kv: (-len(kv[1]), kv[0])),
        "people": _entities_of(mentions, {"PERSON"}),
        "organisations": _entities_of(mentions, {"ORG"}),
        "places": _entities_of(mentions, {"GPE", "LOC", "FAC"}),
        "references": references,
        "dates": dates,
    }
    return render(request, "articles/detail.html", context)


def _entities_of(mentions: list[Mention], labels: set[str]) -> list[tuple[Entity, int]]:
    counts: dict[int, tuple[Entity, int]] = {}
    for m in mentions:
        if m.label in labels:
            entity, n = counts.get(m.entity_id, (m.entity, 0))
            counts[m.entity_id] = (entity, n + 1)
    return sorted(counts.values(), key=lambda en: (-en[1], en[0].name))


@require_GET
@readers_only
def article_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The status badge of one article; HTMX polling stops (HTTP 286) once processing has finished."""
    article = get_object_or_404(Article.objects.only("status", "error"), pk=pk)
    response = render(request, "articles/_status.html", {"article": article})
    if request.htmx and article.is_finished:
        response.status_code = 286
    return response


@require_GET
@readers_only
def entity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entity = get_object_or_404(Entity, pk=pk)
    articles = (
        Article.objects.filter(mentions__entity=entity)
        .exclude(mentions__review=ReviewState.REJECTED)
        .distinct()
        .newest_first()
        .only("title", "published", "publication", "source_name", "created")
    )
    context = {
        "entity": entity,
        "aliases": list(entity.aliases.all()),
        "articles": articles[:50],
        "quotes": entity.quotes.exclude(review=ReviewState.REJECTED).select_related("article")[:50],
    }
    return render(request, "articles/entity.html", context)


@require_GET
@readers_only
def cable_detail(request: HttpRequest, reference_id: str) -> HttpResponse:
    cable = get_object_or_404(Cable, reference_id=reference_id)
    citing = Article.objects.filter(cable_references__cable=cable).distinct().only("title", "published", "source_name")
    return render(request, "articles/cable.html", {"cable": cable, "citing": citing})
