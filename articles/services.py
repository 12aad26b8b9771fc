"""Writes that touch several models: adding articles, storing their annotations, processing them."""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import (
    Alias,
    Article,
    CableReference,
    DateMention,
    Entity,
    Mention,
    Quote,
    ReviewState,
    content_hash,
    normalise_key,
)
from articles.nlp import Annotation, SourceDocument, annotate_documents

logger = logging.getLogger(__name__)

ENTITY_KINDS = frozenset(Entity.Kind.values)


def add_article(
    *, document: SourceDocument, source_name: str = "", uploaded_by: AbstractBaseUser | None = None
) -> tuple[Article, bool]:
    """Store a new queued article for `document`, or find the one with the same content. Returns (article, created)."""
    digest = content_hash(document.raw)
    existing = Article.objects.filter(content_hash=digest).first()
    if existing is not None:
        return existing, False
    article = Article(
        title=document.title[:500],
        publication=document.publication[:200],
        byline=document.byline[:300],
        url=document.url[:2000],
        published=document.published,
        source_name=(source_name or document.id)[:500],
        kind=document.kind,
        raw=document.raw,
        content_hash=digest,
        uploaded_by=uploaded_by if uploaded_by is not None and uploaded_by.is_authenticated else None,
    )
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:
        # Another process stored the same content between our lookup and insert.
        return Article.objects.get(content_hash=digest), False
    return article, True


def source_document(article: Article) -> SourceDocument:
    return SourceDocument(
        id=str(article.pk),
        raw=article.raw,
        kind=article.kind,
        title=article.title,
        publication=article.publication,
        byline=article.byline,
        url=article.url,
        published=article.published,
    )


def curated_aliases() -> list[tuple[str, str, str]]:
    """(surface, canonical name, kind) of every curated alias, for the pipeline's entity ruler."""
    rows = Alias.objects.filter(curated=True, entity__not_an_entity=False).values_list(
        "name", "entity__name", "entity__kind"
    )
    return [(surface, name, kind) for surface, name, kind in rows if surface.strip()]


def process_articles(articles: Sequence[Article], *, model: str | None = None) -> list[Article]:
    """Run extraction over `articles` in batches and store the results; failures are recorded per article."""
    if not articles:
        return []
    model = model or settings.SPACY_MODEL
    for article in articles:
        article.mark_processing()
    aliases = curated_aliases()
    by_id = {str(a.pk): a for a in articles}
    done: list[Article] = []
    try:
        annotations = annotate_documents(
            (source_document(a) for a in articles), model=model, aliases=aliases, batch_size=settings.NLP_BATCH_SIZE
        )
        for annotation in annotations:
            article = by_id[annotation.id]
            if annotation.error:
                article.mark_failed(annotation.error)
                continue
            try:
                save_annotations(article=article, annotation=annotation)
                done.append(article)
            except Exception as exc:  # one bad document must not stop the batch
                logger.exception("storing annotations of article %s failed", article.pk)
                article.mark_failed(f"{type(exc).__name__}: {exc}")
    except Exception as exc:
        logger.exception("extraction failed")
        for article in articles:
            if article not in done:
                article.mark_failed(f"{type(exc).__name__}: {exc}")
    return done


def process_article(*, article_id: int) -> Article:
    """Extract and store the annotations of one article (the task's body)."""
    article = Article.objects.get(pk=article_id)
    process_articles([article])
    article.refresh_from_db()
    return article


def _date_range(value: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day an ISO value of any precision covers."""
    if not value:
        return None, None
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            day = dt.date(*parts)
            return day, day
        if len(parts) == 2:
            return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], calendar.monthrange(*parts)[1])
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    except (ValueError, TypeError):
        return None, None


def _overlaps_curated(start: int, end: int, curated: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in curated)


class _EntityCache:
    """Entities found by canonical name, kind or curated alias, created on first use."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], Entity | None] = {}

    def get(self, name: str, kind: str) -> Entity | None:
        kind = kind if kind in ENTITY_KINDS else Entity.Kind.OTHER
        key = normalise_key(name)
        if not key:
            return None
        if (key, kind) in self._cache:
            return self._cache[(key, kind)]
        entity = Entity.objects.filter(key=key, kind=kind).first()
        if entity is None:
            alias = Alias.objects.filter(key=key, entity__kind=kind).select_related("entity").first()
            entity = alias.entity if alias else None
        if entity is None:
            entity, _ = Entity.objects.get_or_create(key=key, kind=kind, defaults={"name": name})
        result = None if entity.not_an_entity else entity
        self._cache[(key, kind)] = result
        return result


def save_annotations(*, article: Article, annotation: Annotation) -> None:
    """Replace the article's automatic annotations with `annotation`'s; curated ones stay as they are."""
    body = annotation.text
    with transaction.atomic():
        Article.objects.select_for_update().filter(pk=article.pk).first()
        body_changed = article.body != body
        if body_changed and article.body:
            # Offsets of curated annotations refer to the old body; they cannot be kept on a new one.
            for model in (Mention, Quote, CableReference, DateMention):
                model.objects.filter(article=article).delete()
        else:
            for model in (Mention, Quote, CableReference, DateMention):
                model.objects.filter(article=article, review=ReviewState.AUTO).delete()
        curated_mentions = list(Mention.objects.filter(article=article).values_list("start", "end"))
        curated_quotes = list(Quote.objects.filter(article=article).values_list("start", "end"))
        curated_dates = list(DateMention.objects.filter(article=article).values_list("start", "end"))
        curated_cables = list(CableReference.objects.filter(article=article).values_list("start", "end"))

        entities = _EntityCache()
        mentions: list[Mention] = []
        new_aliases: dict[tuple[int, str], Alias] = {}
        seen_spans: set[tuple[int, int, int]] = set()
        for ent in annotation.entities:
            if _overlaps_curated(ent.start, ent.end, curated_mentions):
                continue
            entity = entities.get(ent.canonical, ent.label)
            if entity is None or (ent.start, ent.end, entity.pk) in seen_spans:
                continue
            seen_spans.add((ent.start, ent.end, entity.pk))
            label = ent.label if ent.label in ENTITY_KINDS else Entity.Kind.OTHER
            mentions.append(
                Mention(article=article, entity=entity, start=ent.start, end=ent.end, text=ent.text[:500], label=label)
            )
            alias_key = normalise_key(ent.text)
            if alias_key and alias_key != entity.key:
                new_aliases.setdefault((entity.pk, alias_key), Alias(entity=entity, name=ent.text[:300]))
        Mention.objects.bulk_create(mentions)
        for alias in new_aliases.values():
            alias.key = normalise_key(alias.name)
        Alias.objects.bulk_create(new_aliases.values(), ignore_conflicts=True)

        quotes = []
        for q in annotation.quotes:
            if not q.spans or _overlaps_curated(q.start, q.end, curated_quotes):
                continue
            speaker = None
            label = ""
            if q.speaker:
                if q.kind == "person":
                    speaker = entities.get(q.speaker, Entity.Kind.PERSON)
                if speaker is None:
                    label = q.speaker[:300]
            quotes.append(
                Quote(
                    article=article,
                    text=q.text,
                    spans=[list(s) for s in q.spans],
                    start=q.start,
                    end=q.end,
                    speaker=speaker,
                    speaker_text=q.speaker_text[:300],
                    speaker_label=label,
                    cue=q.cue[:100],
                )
            )
        Quote.objects.bulk_create(quotes)

        dates = []
        for d in annotation.dates:
            if _overlaps_curated(d.start, d.end, curated_dates):
                continue
            date_from, date_to = _date_range(d.value)
            dates.append(
                DateMention(
                    article=article,
                    start=d.start,
                    end=d.end,
                    text=d.text[:200],
                    value=(d.value or "")[:10],
                    precision=d.precision or "",
                    date_from=date_from,
                    date_to=date_to,
                )
            )
        DateMention.objects.bulk_create(dates)

        from articles.cables import link_cable_references

        references = [
            CableReference(
                article=article,
                start=c.start,
                end=c.end,
                text=c.text[:500],
                reference_id=c.reference_id or "",
                origin=(c.origin or "")[:200],
                date=(c.date or "")[:10],
            )
            for c in annotation.cables
            if not _overlaps_curated(c.start, c.end, curated_cables)
        ]
        link_cable_references(references)
        CableReference.objects.bulk_create(references)

        article.body = body
        article.title = article.title or annotation.title[:500]
        article.byline = article.byline or annotation.byline[:300]
        article.publication = article.publication or annotation.publication[:200]
        article.url = article.url or annotation.url[:2000]
        article.published = article.published or annotation.published
        article.status = Article.Status.DONE
        article.error = ""
        article.processed = timezone.now()
        article.save()
