"""Reading pages: the article list, the article page with its layers and panels, entities, cables, the timeline."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from articles.models import (
    Article,
    CableReference,
    DateMention,
    Entity,
    Mention,
    Quote,
    ReviewState,
)
from articles.rendering import Layer, TimelineRow, lay_out_bars, lay_out_timeline, render_annotated


@dataclass(frozen=True)
class LayerKind:
    key: str
    name: str


# The layers of the article page, in legend order; `?hide=date,org` hides some of them.
LAYERS = (
    LayerKind("person", "people"),
    LayerKind("org", "organisations"),
    LayerKind("place", "places"),
    LayerKind("group", "groups & other"),
    LayerKind("date", "dates"),
    LayerKind("quote", "quotes"),
    LayerKind("cable", "cables"),
)
LAYER_KEYS = frozenset(layer.key for layer in LAYERS)
LAYER_FOR_LABEL = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# The side panels of the article page: the HTMX target names the partial to render.
PANELS = {"entity-panel": "entity", "quote-panel": "quote", "cable-panel": "ref"}
ARTICLE_LIST_FIELDS = ("title", "publication", "published", "status", "error", "source_name", "created")


def _may_read(request: HttpRequest) -> bool:
    return settings.ANONYMOUS_READ or request.user.is_authenticated


def readers_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Pages readable by anyone when ANONYMOUS_READ is on, else by signed-in users."""

    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _may_read(request):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _not_rejected[T: QuerySet](queryset: T) -> T:
    return queryset.exclude(review=ReviewState.REJECTED)


def _positive_int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 19 else None


# ---------------------------------------------------------------------------
# The article list


@require_GET
@readers_only
def article_list(request: HttpRequest) -> HttpResponse:
    """Newest first, filtered by publication and year, with counts of people, quotes and cables."""
    publication = request.GET.get("publication", "").strip()
    year = _positive_int(request.GET.get("year"))
    # A cable's own text is stored as an article of kind "cable"; it is listed under Cables.
    articles = Article.objects.newest_first().exclude(kind=Article.Kind.CABLE)
    if publication:
        articles = articles.filter(publication=publication)
    if year:
        articles = articles.filter(published__year=year)
    # Correlated subqueries rather than joins: three joined counts multiply each other's rows.
    articles = articles.annotate(
        people=_count_of(
            Mention.objects.filter(label=Entity.Kind.PERSON).exclude(review=ReviewState.REJECTED), "entity"
        ),
        quote_count=_count_of(_not_rejected(Quote.objects.all()), "pk"),
        cable_count=_count_of(_not_rejected(CableReference.objects.all()), "pk"),
    ).only(*ARTICLE_LIST_FIELDS)
    page = Paginator(articles, 25).get_page(request.GET.get("page"))
    filters = {k: v for k, v in (("publication", publication), ("year", year or "")) if v}
    context = {
        "page": page,
        "publications": list(
            Article.objects.exclude(publication="")
            .order_by("publication")
            .values_list("publication", flat=True)
            .distinct()
        ),
        "years": [d.year for d in Article.objects.dates("published", "year", order="DESC")],
        "publication": publication,
        "year": year,
        "filter_query": urlencode(filters),
    }
    return render(request, "articles/list.html", context)


def _count_of(rows: QuerySet, field: str) -> Coalesce:
    counted = (
        rows.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=Count(field, distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


@require_GET
@readers_only
def article_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The status badge of one article; HTMX polling stops (HTTP 286) once processing has finished."""
    article = get_object_or_404(Article.objects.only("status", "error"), pk=pk)
    response = render(request, "articles/_status.html", {"article": article})
    if request.htmx and article.is_finished:
        response.status_code = 286
    return response


# ---------------------------------------------------------------------------
# The article page


def _hidden_layers(request: HttpRequest) -> list[str]:
    asked = {part.strip() for value in request.GET.getlist("hide") for part in value.split(",")}
    return [layer.key for layer in LAYERS if layer.key in asked]


class ReaderUrls:
    """URLs of one article page that keep the hidden layers, opening at most one panel."""

    def __init__(self, article: Article, hidden: Iterable[str]) -> None:
        self.base = article.get_absolute_url()
        self.hidden = list(hidden)
        self.here = self.page()  # the page as it is, with no panel open
        self._cache: dict[tuple[str, int, str], str] = {}

    def page(self, *, hidden: Iterable[str] | None = None, fragment: str = "", **panel: int) -> str:
        hide = list(self.hidden if hidden is None else hidden)
        params = [("hide", ",".join(hide))] if hide else []
        params += [(key, str(value)) for key, value in panel.items()]
        query = f"?{urlencode(params, safe=',')}" if params else ""
        return f"{self.base}{query}{'#' + fragment if fragment else ''}"

    @property
    def sep(self) -> str:
        """What joins one more parameter to `page()`."""
        return "&" if self.hidden else "?"

    def panel(self, **panel: int) -> str:
        """The fragment URL HTMX asks for: no hidden layers, which only matter to the whole page."""
        key, value = next(iter(panel.items()))
        return f"{self.base}?{key}={value}"

    def opening(self, key: str, value: int, fragment: str) -> str:
        """`page()` with one panel open, memoised: an entity named 50 times gets one URL built."""
        cache_key = (key, value, fragment)
        if cache_key not in self._cache:
            self._cache[cache_key] = f"{self.here}{self.sep}{key}={value}#{fragment}"
        return self._cache[cache_key]


@require_GET
@readers_only
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The article with its layers; `?entity=`, `?quote=`, `?ref=` open a panel, which HTMX fetches alone."""
    article = get_object_or_404(Article.objects.defer("raw"), pk=pk)
    hidden = _hidden_layers(request)
    urls = ReaderUrls(article, hidden)
    target = request.htmx.target if request.htmx else None
    if target in PANELS:
        context = {"article": article, "urls": urls, **_panel_context(request, article, PANELS[target])}
        return render(request, f"articles/detail.html#{target}", context)

    mentions = list(
        _not_rejected(article.mentions)
        .select_related("entity")
        .only("start", "end", "label", "entity__name", "entity__kind")
        .order_by("start")
    )
    quotes = list(_not_rejected(article.quotes).select_related("speaker").order_by("start"))
    dates = list(_not_rejected(article.date_mentions).only("start", "end", "text", "value").order_by("start"))
    references = list(_not_rejected(article.cable_references).select_related("cable").order_by("start"))
    context = {
        "article": article,
        "urls": urls,
        "body_html": render_annotated(
            article.body,
            annotation_layers(article.body, urls, mentions, quotes, dates, references, hidden),
            paragraphs=True,
        ),
        "layers": [
            {
                "key": layer.key,
                "name": layer.name,
                "hidden": layer.key in hidden,
                "url": urls.page(
                    hidden=[k for k in hidden if k != layer.key] if layer.key in hidden else [*hidden, layer.key]
                ),
            }
            for layer in LAYERS
        ],
        "hidden": hidden,
        "quotes_by_speaker": _quotes_by_speaker(quotes),
        "quote_count": len(quotes),
        "people_count": len({m.entity_id for m in mentions if m.label == Entity.Kind.PERSON}),
        "named": [
            ("person", "People", _entities_of(mentions, {"PERSON"})),
            ("org", "Organisations", _entities_of(mentions, {"ORG"})),
            ("place", "Places", _entities_of(mentions, PLACE_LABELS)),
        ],
        "references": references,
        "cited": _distinct_references(references),
        "dates": dates,
        "dates_mentioned": _distinct_dates(dates),
    }
    for name in ("entity", "quote", "ref"):
        context.update(_panel_context(request, article, name))
    return render(request, "articles/detail.html", context)


def annotation_layers(
    body: str,
    urls: ReaderUrls,
    mentions: Iterable[Mention],
    quotes: Iterable[Quote],
    dates: Iterable[DateMention],
    references: Iterable[CableReference],
    hidden: Iterable[str] = (),
) -> list[Layer]:
    """The marks of every layer; entities and cable references link to their panels, quotes carry their speaker."""
    hidden = set(hidden)
    marks: list[Layer] = []

    def link(target: str, url: str, layer: str) -> dict[str, str]:
        attrs = {"hx-get": url, "hx-target": f"#{target}", "hx-swap": "outerHTML"}
        if layer in hidden:
            attrs["tabindex"] = "-1"
        return attrs

    for q in quotes:
        speaker = q.speaker_name or "unknown speaker"
        title = f"Quoted: {speaker}"
        if q.speaker_inferred:
            title += " (inferred from the sentences around the quote: no attribution verb)"
            speaker += "?"
        parts = sorted(tuple(part) for part in (q.spans or [[q.start, q.end]]))
        for i, (start, end) in enumerate(parts):
            last = i == len(parts) - 1
            marks.append(
                Layer(
                    start,
                    end,
                    "quote",
                    {"data-quote": str(q.pk), "title": title},
                    label=speaker if last else "",
                    label_at=_after_closing_marks(body, end) if last else -1,
                    label_href=urls.opening("quote", q.pk, "quote-panel"),
                    link_attrs={**link("quote-panel", urls.panel(quote=q.pk), "quote"), "data-quote": str(q.pk)},
                )
            )
    for m in mentions:
        layer = LAYER_FOR_LABEL.get(m.label, "group")
        marks.append(
            Layer(
                m.start,
                m.end,
                layer,
                {"data-entity": str(m.entity_id), "title": f"{m.entity.name} · {m.entity.get_kind_display()}"},
                href=urls.opening("entity", m.entity_id, "entity-panel"),
                link_attrs=link("entity-panel", urls.panel(entity=m.entity_id), layer),
            )
        )
    for d in dates:
        marks.append(Layer(d.start, d.end, "date", {"title": d.value or "date not anchored"}))
    for r in references:
        marks.append(
            Layer(
                r.start,
                r.end,
                "cable",
                {"data-ref": str(r.pk), "title": r.reference_id or r.origin or "a cable"},
                href=urls.opening("ref", r.pk, "cable-panel"),
                link_attrs=link("cable-panel", urls.panel(ref=r.pk), "cable"),
            )
        )
    return marks


CLOSING = re.compile(r"""[,.;:!?]{0,2}["'”’»]{1,2}[,.;:!?]?|[,.;:!?]{1,2}""")


def _after_closing_marks(body: str, end: int) -> int:
    """Where a quote's speaker label reads best: after the closing quotation mark and punctuation that follow it."""
    match = CLOSING.match(body, end)
    return match.end() if match else end


def _distinct_references(references: list[CableReference]) -> list[tuple[CableReference, int]]:
    """Each cable once (the first reference to it, and how often it is cited); vague references each on their own."""
    seen: dict[object, list] = {}
    for r in references:
        key = r.cable_id or r.reference_id or ("text", r.pk)
        seen.setdefault(key, [r, 0])[1] += 1
    return [(r, n) for r, n in seen.values()]


def _distinct_dates(dates: list[DateMention]) -> list[tuple[DateMention, int]]:
    seen: dict[str, list] = {}
    for d in dates:
        seen.setdefault(d.value or d.text, [d, 0])[1] += 1
    return sorted(((d, n) for d, n in seen.values()), key=lambda dn: (dn[0].value or "9999", dn[0].start))


def _quotes_by_speaker(quotes: list[Quote]) -> list[tuple[str, Entity | None, list[Quote]]]:
    groups: dict[str, tuple[Entity | None, list[Quote]]] = {}
    for q in quotes:
        groups.setdefault(q.speaker_name or "Unknown speaker", (q.speaker, []))[1].append(q)
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] == "Unknown speaker", -len(kv[1][1]), kv[0]))
    return [(name, entity, qs) for name, (entity, qs) in ordered]


def _entities_of(mentions: list[Mention], labels: set[str] | frozenset[str]) -> list[tuple[Entity, int]]:
    counts: dict[int, tuple[Entity, int]] = {}
    for m in mentions:
        if m.label in labels:
            entity, n = counts.get(m.entity_id, (m.entity, 0))
            counts[m.entity_id] = (entity, n + 1)
    return sorted(counts.values(), key=lambda en: (-en[1], en[0].name))


def _panel_context(request: HttpRequest, article: Article, name: str) -> dict:
    """The context of one side panel, asked for by `?entity=`, `?quote=` or `?ref=` (empty when not asked)."""
    pk = _positive_int(request.GET.get(name))
    if pk is None:
        if request.htmx and request.htmx.target in PANELS:
            raise Http404("No such panel")
        return {}
    if name == "entity":
        return {"entity_panel": _entity_panel(article, pk)}
    if name == "quote":
        return {"quote_panel": _quote_panel(article, pk)}
    return {"cable_panel": _cable_panel(article, pk)}


def _entity_panel(article: Article, pk: int) -> dict:
    entity = get_object_or_404(Entity.objects.prefetch_related("aliases"), pk=pk)
    here = _not_rejected(Mention.objects.filter(article=article, entity=entity)).count()
    others = (
        Article.objects.filter(mentions__entity=entity)
        .exclude(pk=article.pk)
        .distinct()
        .newest_first()
        .only(*ARTICLE_LIST_FIELDS)
    )
    return {
        "entity": entity,
        "aliases": [a for a in entity.aliases.all() if a.name != entity.name],
        "mentions_here": here,
        "other_articles": list(others[:8]),
        "quotes": list(_not_rejected(entity.quotes).select_related("article").order_by("-article__published")[:6]),
    }


def _quote_panel(article: Article, pk: int) -> dict:
    quote = get_object_or_404(_not_rejected(article.quotes).select_related("speaker"), pk=pk)
    if quote.speaker_id:
        same_speaker = _not_rejected(Quote.objects.filter(speaker_id=quote.speaker_id))
    elif quote.speaker_label:
        same_speaker = _not_rejected(article.quotes.filter(speaker__isnull=True, speaker_label=quote.speaker_label))
    else:
        same_speaker = Quote.objects.none()
    others = same_speaker.exclude(pk=quote.pk).select_related("article").order_by("article_id", "start")
    return {"quote": quote, "other_quotes": list(others[:10])}


def _cable_panel(article: Article, pk: int) -> dict:
    from articles.views.cables import cable_reference_context

    reference = get_object_or_404(_not_rejected(article.cable_references).select_related("cable"), pk=pk)
    # Stored candidates with their scores and evidence; the index's month for a real id not held.
    return cable_reference_context(reference)


# ---------------------------------------------------------------------------
# Entities, cables and the timeline


# People named alongside an entity are counted over its newest articles, up to this many.
CO_MENTION_ARTICLES = 2000


@require_GET
@readers_only
def entity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A profile: aliases, mentions over time, articles, quotes, people most often named alongside."""
    entity = get_object_or_404(Entity, pk=pk)
    mentions = _not_rejected(Mention.objects.filter(entity=entity))
    # The entity's articles are read first (at most CO_MENTION_ARTICLES of them, the newest): a
    # literal list keeps the later queries' plans cheap even before the database has statistics.
    article_ids = list(
        Article.objects.filter(pk__in=mentions.values("article_id"))
        .newest_first()
        .values_list("pk", flat=True)[:CO_MENTION_ARTICLES]
    )
    articles = list(
        Article.objects.filter(pk__in=article_ids[:100])
        .annotate(n=Count("mentions", filter=Q(mentions__entity=entity) & ~Q(mentions__review=ReviewState.REJECTED)))
        .newest_first()
        .only(*ARTICLE_LIST_FIELDS)
    )
    co_mentioned = list(
        Entity.objects.filter(
            kind=Entity.Kind.PERSON,
            mentions__article__in=article_ids,
            mentions__review__in=[s for s in ReviewState.values if s != ReviewState.REJECTED],
            not_an_entity=False,
        )
        .exclude(pk=entity.pk)
        .annotate(shared=Count("mentions__article", distinct=True))
        .order_by("-shared", "name")[:12]
    )
    context = {
        "entity": entity,
        "aliases": [a for a in entity.aliases.all() if a.name != entity.name],
        "articles": articles,
        "mention_total": sum(a.n for a in articles),
        "quotes": list(_not_rejected(entity.quotes).select_related("article").order_by("-article__published")[:50]),
        "co_mentioned": co_mentioned,
        "bars": _mentions_over_time(articles),
        "timeline": _timeline(articles[:40]),
    }
    return render(request, "articles/entity.html", context)


def _mentions_over_time(articles: list[Article]) -> list:
    """Mentions per month of publication (per year when they span more than two years), gaps included."""
    dated = [(a.published, a.n) for a in articles if a.published]
    if not dated:
        return []
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    by_year = (last.year - first.year) > 2
    counts: Counter[tuple[int, int]] = Counter()
    for day, n in dated:
        counts[(day.year, 1 if by_year else day.month)] += n
    buckets: list[tuple[str, int]] = []
    year, month = first.year, 1 if by_year else first.month
    while (year, month) <= (last.year, 1 if by_year else last.month):
        label = str(year) if by_year else dt.date(year, month, 1).strftime("%b %Y")
        buckets.append((label, counts[(year, month)]))
        if by_year:
            year += 1
        else:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return lay_out_bars(buckets)


def _timeline(articles: list[Article]):
    """The timeline picture of `articles`: each one's publication date and the dates it mentions."""
    mentioned: dict[int, list[tuple[dt.date, str]]] = {}
    dates = (
        _not_rejected(DateMention.objects.filter(article__in=[a.pk for a in articles], date_from__isnull=False))
        .order_by("date_from")
        .values_list("article_id", "date_from", "text")
    )
    for article_id, day, text in dates:
        mentioned.setdefault(article_id, []).append((day, text))
    rows = [TimelineRow(a.get_absolute_url(), str(a), a.published, mentioned.get(a.pk, [])) for a in articles]
    return lay_out_timeline(rows)


@require_GET
@readers_only
def timeline(request: HttpRequest) -> HttpResponse:
    """Articles on a time axis with the dates they mention: the whole collection, or those naming `?entity=`."""
    articles = Article.objects.done().newest_first()
    entity = None
    if entity_id := _positive_int(request.GET.get("entity")):
        entity = get_object_or_404(Entity, pk=entity_id)
        articles = articles.filter(pk__in=_not_rejected(Mention.objects.filter(entity=entity)).values("article_id"))
    shown = list(articles.only(*ARTICLE_LIST_FIELDS)[:80])
    return render(
        request,
        "articles/timeline.html",
        {"entity": entity, "timeline": _timeline(shown), "shown": len(shown), "total": articles.count()},
    )
