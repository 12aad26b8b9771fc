"""Search as chainable QuerySet methods: by person, by date (published, mentioned, cited cable), by words.

`Article.objects.mentioning(kayani).published_between("2009", "2010-06").matching("restraint")`

PostgreSQL gets the real thing (a stored, weighted `tsvector` with a GIN index, trigram similarity for
names); SQLite gets simpler equivalents that give the same answers on small collections. This module is
imported by `articles.models`, so it imports the models lazily inside the methods.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection, models
from django.db.models import Exists, F, FloatField, Func, OuterRef, Q, Value
from django.db.models.functions import Concat, Length, Substr

FULL_TEXT_CONFIG = "english"
# to_tsvector fails on a document whose vector passes 1 MB, and positions stop at 16,383 anyway:
# only this many characters of a body are indexed, so one huge upload cannot fail its own insert.
INDEXED_BODY_CHARS = 200_000
DATE_KINDS = ("published", "mentioned", "cable")
_PARTIAL_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*$")


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


class SearchDocument(Func):
    """The weighted search vector of an article (title A, body B) on PostgreSQL; NULL on other databases."""

    output_field = SearchVectorField()

    def as_postgresql(self, compiler, connection, **extra_context):
        title, title_params = compiler.compile(self.source_expressions[0])
        body, body_params = compiler.compile(self.source_expressions[1])
        sql = (
            f"(setweight(to_tsvector('{FULL_TEXT_CONFIG}'::regconfig, coalesce({title}, '')), 'A') || "
            f"setweight(to_tsvector('{FULL_TEXT_CONFIG}'::regconfig, left(coalesce({body}, ''), "
            f"{INDEXED_BODY_CHARS})), 'B'))"
        )
        return sql, [*title_params, *body_params]

    def as_sql(self, compiler, connection, **extra_context):
        return "NULL", []


# --- dates -------------------------------------------------------------------------------------


def date_bounds(value: str | dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day of `2009`, `2009-01`, `2009-01-24` or a date; None when empty.

    Raises ValueError for anything else, so forms can say what was wrong.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value, value
    match = _PARTIAL_DATE.match(value)
    if not match:
        raise ValueError(f"{value!r} is not a date like 2009, 2009-01 or 2009-01-24")
    year = int(match.group(1))
    month, day = (int(g) if g else None for g in match.groups()[1:])
    if year < 1 or (month is not None and not 1 <= month <= 12):
        raise ValueError(f"{value!r} is not a date like 2009, 2009-01 or 2009-01-24")
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if day is None:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    day_value = dt.date(year, month, day)  # ValueError for 2009-02-30
    return day_value, day_value


def _first_day(value: str | dt.date | None) -> dt.date | None:
    bounds = date_bounds(value)
    return bounds[0] if bounds else None


def _last_day(value: str | dt.date | None) -> dt.date | None:
    bounds = date_bounds(value)
    return bounds[1] if bounds else None


def _iso_lower_bound(field: str) -> Concat:
    """An ISO date of any precision padded to its first day: `2009` -> `2009-01-01`, `2009-03` -> `2009-03-01`."""
    return Concat(F(field), Substr(Value("0000-01-01"), Length(F(field)) + 1), output_field=models.CharField())


def _iso_upper_bound(field: str) -> Concat:
    """An ISO date of any precision padded to a day at or after its last: `2009-02` -> `2009-02-31`.

    Compared with `_iso_upper_limit(b)`, which writes a month's last day as 31 too, so string order
    decides "the whole period ends by b" without calendar arithmetic in SQL.
    """
    return Concat(F(field), Substr(Value("0000-12-31"), Length(F(field)) + 1), output_field=models.CharField())


def _iso_upper_limit(day: dt.date) -> str:
    last = calendar.monthrange(day.year, day.month)[1]
    return f"{day:%Y-%m}-31" if day.day == last else day.isoformat()


def _mentioned_ids(a: dt.date | None, b: dt.date | None) -> models.QuerySet:
    """Ids of articles naming a date that lies within [a, b]."""
    from articles.models import DateMention, ReviewState

    dates = DateMention.objects.filter(date_from__isnull=False).exclude(review=ReviewState.REJECTED)
    if a:
        dates = dates.filter(date_from__gte=a)
    if b:
        # date_from <= date_to, so `date_from <= b` is implied; stated, it bounds the index range scan.
        dates = dates.filter(date_to__lte=b, date_from__lte=b)
    return dates.values("article_id")


def _cable_ids(a: dt.date | None, b: dt.date | None) -> tuple[models.QuerySet, models.QuerySet]:
    """Ids of articles citing a cable of [a, b]: by the cable's own date, and by the date the article gives."""
    from articles.models import CableReference, ReviewState

    refs = CableReference.objects.exclude(review=ReviewState.REJECTED)
    known = refs.filter(cable__created__isnull=False)
    given = refs.filter(Q(cable__isnull=True) | Q(cable__created__isnull=True)).exclude(date="")
    if a:
        known = known.filter(cable__created__gte=dt.datetime.combine(a, dt.time.min, tzinfo=dt.UTC))
        given = given.alias(date_low=_iso_lower_bound("date")).filter(date_low__gte=a.isoformat())
    if b:
        end = dt.datetime.combine(b + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
        known = known.filter(cable__created__lt=end)
        given = given.alias(date_high=_iso_upper_bound("date")).filter(date_high__lte=_iso_upper_limit(b))
    return known.values("article_id"), given.values("article_id")


# --- words -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedQuery:
    """Words as websearch_to_tsquery reads them: AND by default, `or` between groups, "phrases", -negation."""

    groups: tuple[tuple[str, ...], ...]  # OR of ANDs; each item a word or phrase
    negated: tuple[str, ...]

    @property
    def terms(self) -> list[str]:
        return [t for group in self.groups for t in group]


# English stop words PostgreSQL's `english` configuration drops; SQLite drops them too so both agree.
STOP_WORDS = frozenset(
    "a an and are as at be but by for if in into is it no not of on or such that the their then there these "
    "they this to was will with".split()
)
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse_query(text: str) -> ParsedQuery:
    groups: list[list[str]] = [[]]
    negated: list[str] = []
    for match in _TOKEN.finditer(text or ""):
        minus, phrase, word = match.groups()
        if word is not None and word.lower() == "or":
            groups.append([])
            continue
        if word is not None:
            minus, term = ("-", word[1:]) if word.startswith("-") else ("", word)
        else:
            term = phrase
        term = " ".join(re.sub(r"[^\w\s'-]", " ", term).split()).strip("'-")
        if not term or term.lower() in STOP_WORDS:
            continue
        (negated if minus else groups[-1]).append(term)
    return ParsedQuery(tuple(tuple(g) for g in groups if g), tuple(negated))


# --- querysets ---------------------------------------------------------------------------------


def _ids(values: Any) -> list[int]:
    """Entity ids from an entity, an id, or an iterable of those."""
    if isinstance(values, models.QuerySet):
        return list(values.values_list("pk", flat=True))
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        values = [values]
    return [v.pk if isinstance(v, models.Model) else int(v) for v in values]


class ArticleSearchQuerySet(models.QuerySet):
    """Search filters on articles; every method returns a new QuerySet, so they chain in any order."""

    def mentioning(self, *entities: object) -> ArticleSearchQuerySet:
        """Articles naming every one of `entities`; an iterable in one argument means any of those entities."""
        from articles.models import Mention, ReviewState

        qs = self
        for group in entities:
            qs = qs.filter(
                Exists(
                    Mention.objects.filter(article=OuterRef("pk"), entity__in=_ids(group)).exclude(
                        review=ReviewState.REJECTED
                    )
                )
            )
        return qs

    def mentioning_name(self, name: str) -> ArticleSearchQuerySet:
        """Articles naming the entity (or entities) called `name` or with `name` as an alias."""
        from articles.models import Entity

        return self.mentioning(Entity.objects.named(name))

    def mentioning_kind(self, kind: str) -> ArticleSearchQuerySet:
        from articles.models import Mention, ReviewState

        mentions = Mention.objects.filter(article=OuterRef("pk"), label=kind).exclude(review=ReviewState.REJECTED)
        return self.filter(Exists(mentions))

    def published_between(
        self, start: str | dt.date | None = None, end: str | dt.date | None = None
    ) -> ArticleSearchQuerySet:
        return self.filter(self._published_q(_first_day(start), _last_day(end)))

    def mentions_dates_between(
        self, start: str | dt.date | None = None, end: str | dt.date | None = None
    ) -> ArticleSearchQuerySet:
        """Articles naming a date wholly within the range ("March 2009" is in 2009, not in 2009-03-15)."""
        a, b = _first_day(start), _last_day(end)
        if a is None and b is None:
            return self
        return self.filter(pk__in=_mentioned_ids(a, b))

    def cites_cables_between(
        self, start: str | dt.date | None = None, end: str | dt.date | None = None
    ) -> ArticleSearchQuerySet:
        """Articles citing a cable sent within the range (the cable's date, else the date the article gives it)."""
        a, b = _first_day(start), _last_day(end)
        if a is None and b is None:
            return self
        known, given = _cable_ids(a, b)
        return self.filter(pk__in=known.union(given))

    def dated_between(
        self,
        start: str | dt.date | None = None,
        end: str | dt.date | None = None,
        *,
        kinds: Iterable[str] = DATE_KINDS,
    ) -> ArticleSearchQuerySet:
        """Articles published, mentioning a date or citing a cable within the range (any of `kinds`)."""
        a, b = _first_day(start), _last_day(end)
        if a is None and b is None:
            return self
        kinds = set(kinds)
        # The other tables' article ids as one UNION (one hashed set, each part read from its own
        # index) rather than an OR of EXISTS, which makes PostgreSQL test every article.
        parts = []
        if "mentioned" in kinds:
            parts.append(_mentioned_ids(a, b))
        if "cable" in kinds:
            parts.extend(_cable_ids(a, b))
        condition = self._published_q(a, b) if "published" in kinds else Q(pk__in=[])
        if parts:
            condition |= Q(pk__in=parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0])
        return self.filter(condition)

    @staticmethod
    def _published_q(a: dt.date | None, b: dt.date | None) -> Q:
        q = Q()
        if a:
            q &= Q(published__gte=a)
        if b:
            q &= Q(published__lte=b)
        return q

    def in_publication(self, publication: str) -> ArticleSearchQuerySet:
        return self.filter(publication=publication)

    def citing_cables_from(self, origin: str) -> ArticleSearchQuerySet:
        from articles.models import CableReference, ReviewState

        refs = CableReference.objects.filter(article=OuterRef("pk")).exclude(review=ReviewState.REJECTED)
        refs = refs.filter(Q(cable__origin__iexact=origin) | Q(cable__isnull=True, origin__iexact=origin))
        return self.filter(Exists(refs))

    def matching(self, text: str) -> ArticleSearchQuerySet:
        """Articles containing the words (AND; `or`, "phrases" and -negation as on the web), with a `rank` alias.

        PostgreSQL: websearch_to_tsquery against the stored vector (stemmed, GIN index), ts_rank with
        title above body. SQLite: every word or phrase as a substring of the title or body, ranked by
        whether the title matches.
        """
        parsed = parse_query(text)
        if not parsed.groups and not parsed.negated:
            return self  # nothing searchable (punctuation, stop words): no filter and no rank
        if is_postgres():
            query = SearchQuery(text, search_type="websearch", config=FULL_TEXT_CONFIG)
            # An alias, not an annotation: the rank is computed only when a query orders by it.
            return self.filter(search_document=query).alias(rank=SearchRank(F("search_document"), query))
        condition = Q()
        for group in parsed.groups:
            all_terms = Q()
            for term in group:
                all_terms &= Q(title__icontains=term) | Q(body__icontains=term)
            condition |= all_terms
        qs = self.filter(condition)
        for term in parsed.negated:
            qs = qs.exclude(Q(title__icontains=term) | Q(body__icontains=term))
        if not parsed.terms:  # only negated words: every remaining article ranks alike
            return qs.alias(rank=Value(0.1, output_field=FloatField()))
        title_hits = Q()
        for term in parsed.terms:
            title_hits |= Q(title__icontains=term)
        rank = models.Case(models.When(title_hits, then=Value(1.0)), default=Value(0.1), output_field=FloatField())
        return qs.alias(rank=rank)

    def by_relevance(self) -> ArticleSearchQuerySet:
        """Best matches first (after `matching`), newest first among equals; newest first without words."""
        if "rank" not in self.query.annotations:
            return self.by_date()
        return self.order_by(F("rank").desc(), F("published").desc(nulls_last=True), "-pk")

    def by_date(self, *, newest_first: bool = True) -> ArticleSearchQuerySet:
        if newest_first:
            return self.order_by(F("published").desc(nulls_last=True), "-pk")
        return self.order_by(F("published").asc(nulls_last=True), "pk")


class EntitySearchQuerySet(models.QuerySet):
    def named(self, name: str) -> EntitySearchQuerySet:
        """Entities whose canonical name or an alias is `name`, titles ignored (`Gen Kayani` finds Kayani)."""
        from articles.models import Alias

        keys = {key for key in (name_key(name), name_key(name, strip_titles=True)) if key}
        if not keys:
            return self.none()
        aliased = Alias.objects.filter(entity=OuterRef("pk"), key__in=keys)
        return self.filter(Q(key__in=keys) | Q(Exists(aliased))).filter(not_an_entity=False)


def name_key(name: str, *, strip_titles: bool = False) -> str:
    """The lookup key of a name (see `normalise_key`), optionally without leading titles such as `Gen`."""
    from articles.models import normalise_key

    key = normalise_key(name)
    if strip_titles:
        words = key.split()
        words = _strip_titles(words)
        key = " ".join(words)
    return key


def _strip_titles(words: list[str]) -> list[str]:
    from articles.nlp.entities_names import TITLE_PHRASES

    longest = max(len(p) for p in TITLE_PHRASES)
    changed = True
    while changed and len(words) > 1:
        changed = False
        for size in range(min(longest, len(words) - 1), 0, -1):
            if tuple(words[:size]) in TITLE_PHRASES:
                words = words[size:]
                changed = True
                break
    return words
