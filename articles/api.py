"""The read-only JSON API (django-ninja): articles, entities, quotes, cables, and the exports.

Served under /api/; the OpenAPI schema is /api/openapi.json and its browsable docs /api/docs.
Reading follows the pages' rule (anyone when ANONYMOUS_READ is on, else signed-in users): a session
cookie or `Authorization: Bearer <token>` from `manage.py api_token USER`.
"""

import datetime as dt
from typing import Any, Literal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import HttpBearer

from articles.exports import WADM_PROFILE, iter_jsonl, quotes_for_export, web_annotations, write_quotes_csv
from articles.models import Alias, Article, Cable, Entity, Quote, ReviewState, normalise_key
from articles.querysets import date_bounds
from articles.search import SearchParams, search_articles

TOKEN_SALT = "articles.api.token"
MAX_ID = 2**63 - 1  # larger ids cannot exist and would overflow the database's integer
MAX_PAGE = 10_000


# --- access --------------------------------------------------------------------------------------


def issue_api_token(user) -> str:
    """A bearer token for `user`: signed with SECRET_KEY, so rotating the key revokes every token."""
    return signing.dumps({"user": user.pk}, salt=TOKEN_SALT)


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        try:
            data = signing.loads(token, salt=TOKEN_SALT)
        except signing.BadSignature:
            return None
        user = get_user_model().objects.filter(pk=data.get("user"), is_active=True).first()
        if user is not None:
            request.user = user
        return user


def may_read(request: HttpRequest) -> bool:
    """The pages' read rule: anyone when ANONYMOUS_READ is on, else a signed-in (session) user."""
    return settings.ANONYMOUS_READ or request.user.is_authenticated


api = NinjaAPI(
    title="cables",
    version="1",
    description=(
        "Read-only access to articles about leaked diplomatic cables and their annotations. "
        "Ids are stable database ids (cables: their reference id). Lists are paginated with `page` "
        "and `page_size` (at most 100)."
    ),
    urls_namespace="api",
    auth=[BearerToken(), may_read],
)


class Pages(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=100)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=25, max_page_size=100, **kwargs)


def _clean(value: str | None) -> str:
    # PostgreSQL refuses NUL characters in text; nobody searches for them.
    return (value or "").replace("\x00", "").strip()


# --- schemas -------------------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: Any = Field(description="What was wrong: a message, or ninja's list of invalid parameters")


ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class ArticleOut(Schema):
    id: int
    title: str
    publication: str
    byline: str
    url: str = Field(description="Where the article was published, when known")
    published: dt.date | None
    status: str
    page: str = Field(description="The article's page on this site")

    @staticmethod
    def resolve_page(obj: Article | dict) -> str:
        return obj["page"] if isinstance(obj, dict) else obj.get_absolute_url()


class EntityRef(Schema):
    id: int
    name: str
    kind: str


class MentionOut(Schema):
    id: int
    start: int
    end: int
    text: str
    label: str
    review: str
    entity: EntityRef


class QuoteOut(Schema):
    id: int
    start: int
    end: int
    spans: list[list[int]]
    text: str
    speaker: EntityRef | None
    speaker_name: str
    speaker_inferred: bool
    cue: str
    review: str


class DateOut(Schema):
    id: int
    start: int
    end: int
    text: str
    value: str
    precision: str
    date_from: dt.date | None
    date_to: dt.date | None


class CableReferenceOut(Schema):
    id: int
    start: int
    end: int
    text: str
    reference_id: str
    origin: str
    date: str
    cable: str | None = Field(None, description="Reference id of the cable in the collection, if held")

    @staticmethod
    def resolve_cable(obj) -> str | None:
        return obj.cable.reference_id if obj.cable_id else None


class ArticleDetail(ArticleOut):
    language: str = Field(
        description="ISO 639-1 code of the text's language; outside English only quotations, dates and cable "
        "references are annotated"
    )
    body: str = Field(description="The clean text; every offset counts code points into it")
    mentions: list[MentionOut]
    quotes: list[QuoteOut]
    dates: list[DateOut]
    cable_references: list[CableReferenceOut]


class EntityOut(Schema):
    id: int
    name: str
    kind: str
    aliases: list[str]
    mention_count: int

    @staticmethod
    def resolve_aliases(obj: Entity | dict) -> list[str]:
        return obj["aliases"] if isinstance(obj, dict) else [a.name for a in obj.aliases.all()]


class ArticleQuote(Schema):
    id: int
    title: str
    published: dt.date | None


class QuoteListOut(QuoteOut):
    article: ArticleQuote


class EntityMention(Schema):
    id: int
    article_id: int
    start: int
    end: int
    text: str


class EntityDetail(EntityOut):
    mentions: list[EntityMention] = Field(description="The first 200 mentions; all through /api/articles?person=")
    quotes: list[QuoteListOut] = Field(description="The first 200 quotes; all through /api/quotes?speaker_id=")


class CableOut(Schema):
    reference_id: str
    origin: str
    created: dt.datetime | None
    released: dt.datetime | None
    classification: str
    subject: str
    tags: list[Any]


class CableDetail(CableOut):
    body: str | None
    cited_by: list[int] = Field(description="Ids of the articles citing this cable")


class ArticleFilters(Schema):
    q: str = Field("", description='Words: AND by default, `or`, "phrases", -negation')
    person: list[str] = Field([], description="Name or alias; repeat for articles naming several people")
    from_: str = Field("", alias="from", description="2009, 2009-01 or 2009-01-24")
    to: str = Field("", description="2009, 2009-01 or 2009-01-24")
    dates: Literal["any", "published", "mentioned", "cable"] = "any"
    sort: Literal["relevance", "newest", "oldest"] = "relevance"
    publication: str = ""
    kind: Literal["", "PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "OTHER"] = ""
    origin: str = Field("", description="Articles citing cables from this embassy or city")


def _search(filters: ArticleFilters) -> QuerySet[Article]:
    params = SearchParams.from_mapping(
        {
            "q": _clean(filters.q),
            "person": [_clean(p) for p in filters.person],
            "from": _clean(filters.from_),
            "to": _clean(filters.to),
            "dates": filters.dates,
            "sort": filters.sort,
            "publication": _clean(filters.publication),
            "kind": filters.kind,
            "origin": _clean(filters.origin),
        }
    )
    if params.errors:
        raise HttpError(422, "; ".join(f"{k}: {v}" for k, v in params.errors.items()))
    return search_articles(params)[0]


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


# --- articles ------------------------------------------------------------------------------------


@api.get("/articles", response={200: list[ArticleOut], **ERRORS}, tags=["articles"], summary="Search articles")
@paginate(Pages)
def list_articles(request: HttpRequest, filters: Query[ArticleFilters]):
    """Finished articles matching the search page's filters, best match or newest first."""
    return _search(filters).only("title", "publication", "byline", "url", "published", "status")


@api.get("/articles.jsonl", tags=["exports"], summary="Export a search as JSON lines", response={200: None, **ERRORS})
def export_articles_jsonl(request: HttpRequest, filters: Query[ArticleFilters]):
    """Every article of the search with its annotations, one JSON object per line (not paginated)."""
    lines = iter_jsonl(_search(filters), base_url=_base_url(request))
    response = StreamingHttpResponse(lines, content_type="application/jsonl; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="articles.jsonl"'
    return response


@api.get(
    "/articles/{article_id}",
    response={200: ArticleDetail, **ERRORS},
    tags=["articles"],
    summary="An article with its annotations",
)
def get_article(request: HttpRequest, article_id: int = Path(..., ge=1, le=MAX_ID)):
    article = get_object_or_404(Article.objects.defer("raw", "search_document"), pk=article_id)
    kept = ~Q(review=ReviewState.REJECTED)
    return {
        **{f: getattr(article, f) for f in ("id", "title", "publication", "byline", "url", "published", "status")},
        "page": article.get_absolute_url(),
        "language": article.language,
        "body": article.body,
        "mentions": list(article.mentions.filter(kept).select_related("entity").order_by("start")),
        "quotes": list(article.quotes.filter(kept).select_related("speaker").order_by("start")),
        "dates": list(article.date_mentions.filter(kept).order_by("start")),
        "cable_references": list(article.cable_references.filter(kept).select_related("cable").order_by("start")),
    }


@api.get(
    "/articles/{article_id}/annotations",
    tags=["exports"],
    summary="An article's annotations as W3C Web Annotations",
    response={200: None, **ERRORS},
    url_name="article_annotations",
)
def get_article_annotations(
    request: HttpRequest,
    article_id: int = Path(..., ge=1, le=MAX_ID),
    include_text: bool = Query(True, description="Embed the clean body as `text`"),
):
    """An AnnotationCollection (JSON-LD) with TextQuoteSelector and TextPositionSelector on the clean body."""
    article = get_object_or_404(Article.objects.defer("raw", "search_document"), pk=article_id)
    data = web_annotations(article, base_url=_base_url(request), include_text=include_text)
    return JsonResponse(data, content_type=WADM_PROFILE, json_dumps_params={"ensure_ascii": False})


# --- entities ------------------------------------------------------------------------------------


def _entities() -> QuerySet[Entity]:
    return (
        Entity.objects.filter(not_an_entity=False)
        .annotate(mention_count=Count("mentions", filter=~Q(mentions__review=ReviewState.REJECTED)))
        .prefetch_related("aliases")
    )


@api.get(
    "/entities",
    response={200: list[EntityOut], **ERRORS},
    tags=["entities"],
    summary="People, organisations and places",
)
@paginate(Pages)
def list_entities(
    request: HttpRequest,
    q: str = Query("", description="Part of a name or alias"),
    kind: Literal["", "PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "OTHER"] = "",
):
    entities = _entities()
    key = normalise_key(_clean(q))
    if key:
        aliased = Alias.objects.filter(entity=OuterRef("pk"), key__contains=key)
        entities = entities.filter(Q(key__contains=key) | Q(Exists(aliased)))
    if kind:
        entities = entities.filter(kind=kind)
    return entities.order_by("name", "pk")


@api.get(
    "/entities/{entity_id}",
    response={200: EntityDetail, **ERRORS},
    tags=["entities"],
    summary="An entity, its mentions and quotes",
)
def get_entity(request: HttpRequest, entity_id: int = Path(..., ge=1, le=MAX_ID)):
    entity = get_object_or_404(_entities(), pk=entity_id)
    kept = ~Q(review=ReviewState.REJECTED)
    quotes = entity.quotes.filter(kept).select_related("article", "speaker").order_by("article_id", "start")[:200]
    return {
        "id": entity.pk,
        "name": entity.name,
        "kind": entity.kind,
        "aliases": [a.name for a in entity.aliases.all()],
        "mention_count": entity.mention_count,
        "mentions": list(entity.mentions.filter(kept).order_by("article_id", "start")[:200]),
        "quotes": list(quotes),
    }


# --- quotes --------------------------------------------------------------------------------------


class QuoteFilters(Schema):
    speaker_id: int | None = Field(None, ge=1, le=MAX_ID, description="Id of the speaking entity")
    speaker: str = Field("", description="Name or alias of the speaker")
    from_: str = Field("", alias="from", description="Published from: 2009, 2009-01 or 2009-01-24")
    to: str = Field("", description="Published until")


def _quotes(filters: QuoteFilters) -> QuerySet[Quote]:
    quotes = Quote.objects.exclude(review=ReviewState.REJECTED).filter(article__status=Article.Status.DONE)
    if filters.speaker_id is not None:
        quotes = quotes.filter(speaker_id=filters.speaker_id)
    if name := _clean(filters.speaker):
        quotes = quotes.filter(Q(speaker__in=Entity.objects.named(name)) | Q(speaker_label__iexact=name))
    try:
        start, end = date_bounds(_clean(filters.from_)), date_bounds(_clean(filters.to))
    except ValueError as exc:
        raise HttpError(422, str(exc)) from None
    if start:
        quotes = quotes.filter(article__published__gte=start[0])
    if end:
        quotes = quotes.filter(article__published__lte=end[1])
    return quotes


@api.get("/quotes", response={200: list[QuoteListOut], **ERRORS}, tags=["quotes"], summary="Quotes by speaker and date")
@paginate(Pages)
def list_quotes(request: HttpRequest, filters: Query[QuoteFilters]):
    """Quotes, oldest article first; `from`/`to` apply to the article's publication date."""
    return (
        _quotes(filters)
        .select_related("speaker", "article")
        .order_by("article__published", "article_id", "start", "pk")
    )


@api.get("/quotes.csv", tags=["exports"], summary="Quotes as CSV", response={200: None, **ERRORS})
def export_quotes_csv(request: HttpRequest, filters: Query[QuoteFilters]):
    """speaker, quote, article, date, url: one row per quote."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="quotes.csv"'
    write_quotes_csv(quotes_for_export(_quotes(filters)), response, base_url=_base_url(request))
    return response


# --- cables --------------------------------------------------------------------------------------


@api.get("/cables", response={200: list[CableOut], **ERRORS}, tags=["cables"], summary="Cables in the collection")
@paginate(Pages)
def list_cables(
    request: HttpRequest,
    origin: str = Query("", description="Embassy or city, such as Islamabad"),
    from_: str = Query("", alias="from", description="Sent from: 2009, 2009-01 or 2009-01-24"),
    to: str = Query("", description="Sent until"),
):
    cables = Cable.objects.defer("raw", "body").order_by("-created", "reference_id")
    if origin := _clean(origin):
        cables = cables.filter(origin__iexact=origin)
    try:
        start, end = date_bounds(_clean(from_)), date_bounds(_clean(to))
    except ValueError as exc:
        raise HttpError(422, str(exc)) from None
    if start:
        cables = cables.filter(created__gte=dt.datetime.combine(start[0], dt.time.min, tzinfo=dt.UTC))
    if end:
        cables = cables.filter(
            created__lt=dt.datetime.combine(end[1] + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
        )
    return cables


@api.get(
    "/cables/{reference_id}",
    response={200: CableDetail, **ERRORS},
    tags=["cables"],
    summary="A cable and the articles citing it",
)
def get_cable(request: HttpRequest, reference_id: str = Path(..., max_length=40)):
    cable = get_object_or_404(Cable.objects.defer("raw"), reference_id=_clean(reference_id))
    cited_by = (
        Article.objects.filter(cable_references__cable=cable, status=Article.Status.DONE)
        .exclude(cable_references__review=ReviewState.REJECTED)
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return {**{f: getattr(cable, f) for f in CableDetail.model_fields if f != "cited_by"}, "cited_by": list(cited_by)}
