"""The search page's reads: parameters, person suggestions, the result set, facets, snippets, context.

The filtering itself is the QuerySet methods in `articles.querysets`; this module turns request
parameters into a chain of them and gathers what a result page shows beside each article.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery, TrigramWordSimilarity
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, NullIf
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Alias, Article, CableReference, Entity, Mention, Quote, ReviewState
from articles.querysets import DATE_KINDS, FULL_TEXT_CONFIG, date_bounds, is_postgres, name_key, parse_query

SORTS = ("relevance", "newest", "oldest")
DATE_CHOICES = ("any", *DATE_KINDS)
# Trigram word similarity at which a name counts as a match: "kiyani" ~ "kayani" scores 0.4.
NAME_SIMILARITY = 0.3
MAX_PEOPLE = 5
# Results are counted exactly up to this many; beyond it the page says "more than 1,000". Counting
# every match of a broad search costs more than finding the page shown (the export gives them all).
COUNT_CAP = 1000
# Facets count the publication, year, names and cable origins of at most this many matches.
FACET_CAP = COUNT_CAP
PAGE_SIZE = 20
_MARK_OPEN, _MARK_CLOSE = "\x02", "\x03"


@dataclass
class SearchParams:
    q: str = ""
    people: list[str] = field(default_factory=list)
    start: str = ""
    end: str = ""
    dates: str = "any"
    sort: str = "relevance"
    publication: str = ""
    kind: str = ""
    origin: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, data: Mapping) -> SearchParams:
        """Read a QueryDict (or a dict of str / list values); bad values become `errors`, never exceptions."""

        def one(name: str) -> str:
            value = data.get(name, "")
            if isinstance(value, list | tuple):
                value = value[-1] if value else ""
            return str(value or "").strip()[:500]

        if hasattr(data, "getlist"):
            people = data.getlist("person")
        else:
            raw = data.get("person") or []
            people = [raw] if isinstance(raw, str) else list(raw)
        params = cls(
            q=one("q"),
            people=[p.strip()[:200] for p in people if p and p.strip()][:MAX_PEOPLE],
            start=one("from"),
            end=one("to"),
            dates=one("dates") or "any",
            sort=one("sort") or "relevance",
            publication=one("publication"),
            kind=one("kind"),
            origin=one("origin"),
        )
        for name, value in (("from", params.start), ("to", params.end)):
            try:
                date_bounds(value)
            except ValueError as exc:
                params.errors[name] = str(exc)
        if params.dates not in DATE_CHOICES:
            params.errors["dates"] = f"dates must be one of {', '.join(DATE_CHOICES)}"
            params.dates = "any"
        if params.sort not in SORTS:
            params.errors["sort"] = f"sort must be one of {', '.join(SORTS)}"
            params.sort = "relevance"
        if params.kind and params.kind not in Entity.Kind.values:
            params.errors["kind"] = f"kind must be one of {', '.join(Entity.Kind.values)}"
            params.kind = ""
        return params

    @property
    def is_empty(self) -> bool:
        return not (self.q or self.people or self.start or self.end or self.publication or self.kind or self.origin)

    def valid_start(self) -> str:
        return "" if "from" in self.errors else self.start

    def valid_end(self) -> str:
        return "" if "to" in self.errors else self.end


@dataclass
class PersonMatch:
    """What one `person` parameter resolved to: the entities searched for, and how."""

    text: str
    entities: list[Entity]
    exact: bool


@dataclass
class Suggestion:
    entity: Entity
    matched: str  # the name or alias that matched
    score: float


# --- people ------------------------------------------------------------------------------------


def suggest_entities(term: str, *, limit: int = 10, kinds: Iterable[str] | None = None) -> list[Suggestion]:
    """Entities whose name or an alias resembles `term`, best first; titles in `term` are ignored.

    PostgreSQL: trigram word similarity over the normalised keys (GIN trigram indexes). SQLite: word
    prefixes, then close spellings by difflib over the names.
    """
    key = name_key(term, strip_titles=True)
    if len(key) < 2:
        return []
    kinds = list(kinds) if kinds else None
    if is_postgres():
        found = _similar_names_postgres(key, kinds, limit * 3)
    else:
        found = _similar_names_sqlite(key, kinds, limit * 3)
    best: dict[int, tuple[float, str]] = {}
    for entity_id, matched, score in found:
        if entity_id not in best or score > best[entity_id][0]:
            best[entity_id] = (score, matched)
    entities = Entity.objects.in_bulk(list(best))
    suggestions = [
        Suggestion(entities[pk], matched, score)
        for pk, (score, matched) in best.items()
        if pk in entities and not entities[pk].not_an_entity
    ]
    # Closest spelling first; among equals people before other kinds, then the plainest name (counting
    # each candidate's mentions to rank by popularity cost more than the whole lookup at 100,000 articles).
    suggestions.sort(
        key=lambda s: (-round(s.score, 2), s.entity.kind != Entity.Kind.PERSON, len(s.entity.name), s.entity.name)
    )
    return suggestions[:limit]


def _similar_names_postgres(key: str, kinds: list[str] | None, limit: int) -> list[tuple[int, str, float]]:
    entities = Entity.objects.filter(not_an_entity=False)
    aliases = Alias.objects.filter(entity__not_an_entity=False)
    if kinds:
        entities, aliases = entities.filter(kind__in=kinds), aliases.filter(entity__kind__in=kinds)
    with transaction.atomic():
        # `%>` uses the trigram index at this threshold; SET LOCAL ends with the transaction.
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL pg_trgm.word_similarity_threshold = %s", [str(NAME_SIMILARITY)])
        rows = list(
            entities.filter(key__trigram_word_similar=key)
            .annotate(score=TrigramWordSimilarity(key, "key"))
            .order_by("-score")
            .values_list("pk", "name", "score")[:limit]
        )
        rows += list(
            aliases.filter(key__trigram_word_similar=key)
            .annotate(score=TrigramWordSimilarity(key, "key"))
            .order_by("-score")
            .values_list("entity_id", "name", "score")[:limit]
        )
    return rows


def _similar_names_sqlite(key: str, kinds: list[str] | None, limit: int) -> list[tuple[int, str, float]]:
    entities = Entity.objects.filter(not_an_entity=False)
    aliases = Alias.objects.filter(entity__not_an_entity=False)
    if kinds:
        entities, aliases = entities.filter(kind__in=kinds), aliases.filter(entity__kind__in=kinds)
    prefix = Q(key__startswith=key) | Q(key__contains=f" {key}")
    rows = [
        (pk, name, 1.0 if k == key or k.endswith(f" {key}") else 0.9)
        for pk, name, k in entities.filter(prefix).values_list("pk", "name", "key")[:limit]
    ]
    rows += [
        (pk, name, 1.0 if k == key or k.endswith(f" {key}") else 0.9)
        for pk, name, k in aliases.filter(prefix).values_list("entity_id", "name", "key")[:limit]
    ]
    if len(rows) < limit:
        # Close spellings ("kiyani" for "kayani"): compare with each run of as many words as the term has.
        typed = key.split()
        candidates = list(entities.values_list("pk", "name", "key")[:20000])
        candidates += list(aliases.values_list("entity_id", "name", "key")[:20000])
        for pk, name, k in candidates:
            words = k.split()
            if all(any(w.startswith(t) for w in words) for t in typed):  # "ashfaq kayani"
                rows.append((pk, name, 0.85))
                continue
            runs = [k] + [" ".join(words[i : i + len(typed)]) for i in range(max(1, len(words) - len(typed) + 1))]
            score = max(difflib.SequenceMatcher(None, key, run).ratio() for run in runs)
            if score >= 0.75:
                rows.append((pk, name, score * 0.8))
    return rows


def resolve_person(text: str) -> PersonMatch:
    """The entities a `person` parameter means: exact name or alias, else the closest name."""
    exact = list(Entity.objects.named(text))
    if exact:
        return PersonMatch(text, exact, exact=True)
    suggestions = suggest_entities(text, limit=1)
    return PersonMatch(text, [s.entity for s in suggestions], exact=False)


# --- the result set ----------------------------------------------------------------------------


def search_articles(params: SearchParams) -> tuple[QuerySet[Article], list[PersonMatch]]:
    """The finished articles matching `params`, ordered as asked, and what each person resolved to."""
    qs = Article.objects.done().defer("raw", "search_document")
    people = [resolve_person(p) for p in params.people]
    for person in people:
        qs = qs.mentioning(person.entities) if person.entities else qs.none()
    kinds = DATE_KINDS if params.dates == "any" else (params.dates,)
    qs = qs.dated_between(params.valid_start() or None, params.valid_end() or None, kinds=kinds)
    if params.publication:
        qs = qs.in_publication(params.publication)
    if params.kind:
        qs = qs.mentioning_kind(params.kind)
    if params.origin:
        qs = qs.citing_cables_from(params.origin)
    if params.q:
        qs = qs.matching(params.q)
    if params.sort == "relevance" and params.q:
        qs = qs.by_relevance()
    else:
        qs = qs.by_date(newest_first=params.sort != "oldest")
    return qs, people


class CappedPaginator(Paginator):
    """A paginator that counts at most COUNT_CAP + 1 results; `capped` says whether there are more."""

    cap = COUNT_CAP

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap


def facets(qs: QuerySet[Article], *, cap: int | None = None, ids: list[int] | None = None) -> dict:
    """Counts of the result set by publication, year, entity kind and cable origin (top ten each).

    Counted among the first `cap` matches (FACET_CAP): a broad search's facets would otherwise cost
    a join over tens of thousands of articles. `sampled` says whether the counts are partial.
    `ids`, when given, are the result's first ids already fetched (at least `cap + 1` if there are more).
    """
    cap = FACET_CAP if cap is None else cap
    if ids is None:
        ids = list(qs.order_by().values_list("pk", flat=True)[: cap + 1])
    sampled = len(ids) > cap
    ids = ids[:cap]
    among = _one_of(ids)
    # One row per article, and one per (article, label) and (article, origin): counted here, which
    # costs less than four GROUP BY queries over the same thousand ids.
    publications: Counter[str] = Counter()
    years: Counter[int] = Counter()
    for publication, published in Article.objects.filter(pk__in=among).values_list("publication", "published"):
        if publication:
            publications[publication] += 1
        if published:
            years[published.year] += 1
    kinds = Counter(
        label
        for _, label in Mention.objects.filter(article__in=among)
        .exclude(review=ReviewState.REJECTED)
        .order_by()
        .values_list("article", "label")
        .distinct()
    )
    origins = Counter(
        where
        for _, where in CableReference.objects.filter(article__in=among)
        .exclude(review=ReviewState.REJECTED)
        .annotate(where=Coalesce(NullIf("cable__origin", Value("")), NullIf("origin", Value(""))))
        .exclude(where=None)
        .order_by()
        .values_list("article", "where")
        .distinct()
    )
    labels = dict(Entity.Kind.choices)

    def top(counts: Counter, n: int) -> list[tuple[Any, int]]:
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]

    return {
        "publication": top(publications, 10),
        "year": [(str(year), n) for year, n in sorted(years.items(), reverse=True)[:15]],
        "kind": [(labels.get(label, label), n, label) for label, n in top(kinds, len(kinds))],
        "origin": top(origins, 10),
        "sampled": sampled,
        "cap": cap,
    }


def _one_of(ids: list[int]) -> list[int] | RawSQL:
    """`pk__in` for a long list of ids: one array parameter on PostgreSQL rather than a thousand."""
    if is_postgres() and len(ids) > 50:
        return RawSQL("SELECT unnest(%s::bigint[])", (ids,))
    return ids


@dataclass
class ResultPage:
    """Everything one page of search results shows: the articles with their passages, and the facets."""

    page: Page
    people: list[PersonMatch]
    results: list[tuple[Article, SafeString | None, dict]]
    facets: dict


class _RankedResults:
    """The results as the paginator sees them: the first ids in result order, fetched by one query.

    A page within those ids is read by primary key; a page beyond them (past the count cap) runs the
    search again with OFFSET, as a QuerySet would.
    """

    def __init__(self, qs: QuerySet[Article], ids: list[int]) -> None:
        self.qs, self.ids = qs, ids

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index: slice) -> list[Article]:
        if index.stop is not None and index.stop > len(self.ids) > CappedPaginator.cap:
            return list(self.qs[index])
        wanted = self.ids[index]
        rows = Article.objects.defer("raw", "search_document").in_bulk(wanted)
        return [rows[pk] for pk in wanted if pk in rows]


def result_page(params: SearchParams, page_number: object = 1, *, per_page: int = PAGE_SIZE) -> ResultPage:
    """One page of results for `params`: what the search page runs, and what the benchmark times.

    One query fetches the first COUNT_CAP + 1 matching ids in result order: they give the count, the
    page's rows (read by primary key) and the facets (counted among those first matches), so the
    search itself runs once.
    """
    qs, people = search_articles(params)
    cap = CappedPaginator.cap
    ids = list(qs.values_list("pk", flat=True)[: max(cap, FACET_CAP) + 1])
    paginator = CappedPaginator(_RankedResults(qs, ids), per_page)
    paginator.count = min(len(ids), cap + 1)  # type: ignore[misc]  # what CappedPaginator.count would say
    page = paginator.get_page(page_number)
    articles = list(page.object_list)
    passages = snippets(articles, params.q)
    found = person_context(articles, people)
    results = [(a, passages.get(a.pk), found.get(a.pk, {})) for a in articles]
    return ResultPage(page=page, people=people, results=results, facets=facets(qs, ids=ids) if ids else {})


# --- what each result shows ----------------------------------------------------------------------


def snippets(articles: list[Article], q: str) -> dict[int, SafeString]:
    """Highlighted passages of each article's body for the words of `q` (escaped, matches in <mark>)."""
    if not articles or not parse_query(q).terms:
        return {}
    if is_postgres():
        query = SearchQuery(q, search_type="websearch", config=FULL_TEXT_CONFIG)
        rows = Article.objects.filter(pk__in=[a.pk for a in articles]).annotate(
            headline=SearchHeadline(
                "body",
                query,
                config=FULL_TEXT_CONFIG,
                start_sel=_MARK_OPEN,
                stop_sel=_MARK_CLOSE,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
        raw = dict(rows.values_list("pk", "headline"))
    else:
        raw = {a.pk: _plain_headline(a.body, parse_query(q).terms) for a in articles}
    return {pk: _marked(text) for pk, text in raw.items() if text}


def _plain_headline(body: str, terms: list[str], width: int = 110) -> str:
    lowered = body.lower()
    hits = [(lowered.find(t.lower()), t) for t in terms]
    hits = [(i, t) for i, t in hits if i >= 0]
    if not hits:
        return body[: width * 2]
    first = min(i for i, _ in hits)
    start = max(0, first - width)
    end = min(len(body), first + width)
    text = body[start:end]
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    text = pattern.sub(lambda m: f"{_MARK_OPEN}{m.group(0)}{_MARK_CLOSE}", text)
    return ("…" if start else "") + text + ("…" if end < len(body) else "")


def _marked(text: str) -> SafeString:
    """Escape all of `text`, then turn the sentinel characters into <mark> tags (this is the only markup)."""
    escaped = str(escape(text))
    return mark_safe(escaped.replace(_MARK_OPEN, "<mark>").replace(_MARK_CLOSE, "</mark>"))  # noqa: S308


_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+|\n+")


def sentence_around(body: str, start: int, end: int, limit: int = 320) -> tuple[str, str, str]:
    """The sentence holding body[start:end], as (before, match, after), cut to about `limit` characters."""
    left = 0
    for m in _SENTENCE_END.finditer(body, 0, start):
        left = m.end()
    m = _SENTENCE_END.search(body, end)
    right = m.start() + 1 if m else len(body)
    before, after = body[left:start], body[end:right]
    room = max(0, limit - (end - start)) // 2
    if len(before) > room:
        before = "…" + before[-room:]
    if len(after) > room:
        after = after[:room] + "…"
    return before.lstrip(), body[start:end], after.rstrip()


def person_context(articles: list[Article], people: list[PersonMatch], *, per_article: int = 3) -> dict[int, dict]:
    """For each article: the sentences naming the searched people and those people's quotes in it."""
    entity_ids = [e.pk for p in people for e in p.entities]
    if not articles or not entity_ids:
        return {}
    by_pk = {a.pk: a for a in articles}
    context: dict[int, dict] = {pk: {"sentences": [], "quotes": []} for pk in by_pk}
    mentions = (
        Mention.objects.filter(article__in=list(by_pk), entity__in=entity_ids)
        .exclude(review=ReviewState.REJECTED)
        .order_by("article", "start")
        .values_list("article", "start", "end")
    )
    seen: set[tuple[int, str]] = set()
    for article_id, start, end in mentions:
        entry = context[article_id]
        if len(entry["sentences"]) >= per_article:
            continue
        before, match, after = sentence_around(by_pk[article_id].body, start, end)
        if (article_id, before + match + after) in seen:
            continue
        seen.add((article_id, before + match + after))
        entry["sentences"].append((before, match, after))
    quotes = (
        Quote.objects.filter(article__in=list(by_pk), speaker__in=entity_ids)
        .exclude(review=ReviewState.REJECTED)
        .select_related("speaker")
        .order_by("article", "start")
    )
    for quote in quotes:
        if len(context[quote.article_id]["quotes"]) < per_article:
            context[quote.article_id]["quotes"].append(quote)
    return context
