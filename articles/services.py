"""Writes that touch several models: adding articles, storing their annotations, processing them."""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import logging
from collections.abc import Callable, Iterable, Sequence

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import F, Q
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
from articles.nlp import Annotation, SourceDocument, annotate_documents, standard_name

logger = logging.getLogger(__name__)

ENTITY_KINDS = frozenset(Entity.Kind.values)
# Plain strings: type checkers without Django stubs read TextChoices members as tuples.
OTHER_KIND: str = "OTHER"
PERSON_KIND: str = "PERSON"

# Errors that say the database is unreachable, not that the document is bad: the article is not marked
# failed for them (that write would fail too); the task gives it back to the queue instead.
TRANSIENT_DATABASE_ERRORS = (OperationalError, InterfaceError)


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
            except TRANSIENT_DATABASE_ERRORS:
                raise
            except Exception as exc:  # one bad document must not stop the batch
                logger.exception("storing annotations of article %s failed", article.pk)
                article.mark_failed(f"{type(exc).__name__}: {exc}")
    except TRANSIENT_DATABASE_ERRORS:
        raise
    except Exception as exc:
        logger.exception("extraction failed")
        for article in articles:
            if article not in done:
                article.mark_failed(f"{type(exc).__name__}: {exc}")
    return done


def process_article(*, article_id: int) -> Article:
    """Claim one queued article and extract and store its annotations (the task's body).

    An article another worker holds, or one already finished, is returned as it is: two tasks for the
    same document (a double upload, a retry racing a sweep) process it once.
    """
    article = claim_article(article_id=article_id)
    if article is None:
        return Article.objects.get(pk=article_id)
    process_articles([article])
    article.refresh_from_db()
    return article


def _lease_seconds() -> int:
    return settings.PROCESSING_LEASE_SECONDS


def claim_article(*, article_id: int) -> Article | None:
    """Mark a queued article (or one whose worker's lease expired) processing under a new lease.

    Returns the article, or None when another worker holds it or it has finished. The claim is one
    conditional UPDATE, so of two workers racing for the same row exactly one sees a row changed:
    PostgreSQL re-checks the WHERE clause after the first writer commits, SQLite serialises writers.
    """
    now = timezone.now()
    claimable = Q(status=Article.Status.QUEUED) | Q(status=Article.Status.PROCESSING, lease_expires__lt=now)
    claimed = (
        Article.objects.filter(pk=article_id)
        .filter(claimable)
        .update(
            status=Article.Status.PROCESSING,
            error="",
            lease_expires=now + dt.timedelta(seconds=_lease_seconds()),
            attempts=F("attempts") + 1,
            updated=now,
        )
    )
    return Article.objects.get(pk=article_id) if claimed else None


def release_article(*, article_id: int, error: str) -> bool:
    """Give a processing article back to the queue after a transient error; fail it once out of attempts.

    Returns True when it should be retried (queued again), False when it was marked failed.
    """
    article = Article.objects.get(pk=article_id)
    if article.status != Article.Status.PROCESSING:
        return False
    if article.attempts >= settings.PROCESSING_MAX_ATTEMPTS:
        article.mark_failed(f"gave up after {article.attempts} attempts: {error}")
        return False
    Article.objects.filter(pk=article_id, status=Article.Status.PROCESSING).update(
        status=Article.Status.QUEUED, error=error[:5000], lease_expires=None, updated=timezone.now()
    )
    return True


def retry_article(*, article: Article) -> bool:
    """Queue a failed article (or one whose worker stopped) again with a fresh allowance of attempts.

    Returns False, changing nothing, when the article is neither failed nor stalled.
    """
    now = timezone.now()
    retryable = Q(status=Article.Status.FAILED) | Q(status=Article.Status.PROCESSING, lease_expires__lt=now)
    changed = (
        Article.objects.filter(pk=article.pk)
        .filter(retryable)
        .update(status=Article.Status.QUEUED, error="", lease_expires=None, attempts=0, updated=now)
    )
    article.refresh_from_db()
    return bool(changed)


def requeue_stale_articles(*, pending_ids: Iterable[int] = ()) -> list[int]:
    """Recover documents whose worker stopped: queue them again (or fail them once out of attempts).

    Stale are processing articles whose lease expired (a killed worker), processing articles with no
    lease untouched for a lease's length (a killed `ingest`), and queued articles older than a lease
    with no pending task (`pending_ids`; the process died between commit and enqueue). Returns the
    ids now queued, for the caller to enqueue.
    """
    now = timezone.now()
    cutoff = now - dt.timedelta(seconds=_lease_seconds())
    stale = Article.objects.filter(
        Q(status=Article.Status.PROCESSING)
        & (Q(lease_expires__lt=now) | Q(lease_expires__isnull=True, updated__lt=cutoff))
    )
    requeued: list[int] = []
    for article in stale.only("pk", "attempts"):
        if article.attempts >= settings.PROCESSING_MAX_ATTEMPTS:
            article.mark_failed(f"gave up after {article.attempts} attempts: the worker stopped while processing it")
            continue
        # Conditional, so a worker that claimed it again meanwhile keeps it.
        if stale.filter(pk=article.pk).update(status=Article.Status.QUEUED, lease_expires=None, updated=now):
            requeued.append(article.pk)
    pending = set(pending_ids)
    orphans = Article.objects.filter(status=Article.Status.QUEUED, updated__lt=cutoff).exclude(pk__in=pending)
    requeued.extend(pk for pk in orphans.values_list("pk", flat=True) if pk not in requeued)
    return requeued


def opening_words(body: str, limit: int = 90) -> str:
    """A stand-in headline for a document that has none: the start of its first paragraph."""
    first = body.strip().split("\n", 1)[0].strip()
    if len(first) <= limit:
        return first
    cut = first.rfind(" ", 0, limit)
    return first[: cut if cut > 0 else limit].rstrip(",;: ") + "…"


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


def _offset_mover(old: str, new: str) -> Callable[[int, int], tuple[int, int] | None]:
    """A function taking a span of `old` to the same characters in `new`, or None where they are not kept
    whole (each span must lie within one stretch the two texts share)."""
    if (shift := new.find(old)) >= 0:
        return lambda start, end: (start + shift, end + shift)
    blocks: list[tuple[int, int, int]] = []  # matched on the first call: an article with no curation needs none

    def move(start: int, end: int) -> tuple[int, int] | None:
        if not blocks:
            blocks.extend(difflib.SequenceMatcher(None, old, new).get_matching_blocks())
        for a, b, size in blocks:
            if a <= start and end <= a + size:
                return start - a + b, end - a + b
        return None

    return move


def _carry_curation_over(article: Article, old: str, new: str) -> None:
    move = _offset_mover(old, new)
    for model in (Mention, CableReference, DateMention):
        for record in model.objects.filter(article=article):
            moved = move(record.start, record.end)
            if moved is None:
                record.delete()
            else:
                record.start, record.end = moved
                record.save(update_fields=["start", "end"])
    for quote in Quote.objects.filter(article=article):
        spans = [move(start, end) for start, end in quote.spans or [[quote.start, quote.end]]]
        kept = [span for span in spans if span is not None]
        if len(kept) < len(spans) or not kept:
            quote.delete()
            continue
        quote.start, quote.end = move(quote.start, quote.end) or (kept[0][0], kept[-1][1])
        quote.spans = [list(span) for span in kept]
        quote.save(update_fields=["start", "end", "spans"])


def _overlaps_curated(start: int, end: int, curated: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in curated)


class _EntityCache:
    """Entities found by canonical name, kind or curated alias, created on first use."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], Entity | None] = {}

    def get(self, name: str, kind: str) -> Entity | None:
        kind = kind if kind in ENTITY_KINDS else OTHER_KIND
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
        for model in (Mention, Quote, CableReference, DateMention):
            model.objects.filter(article=article, review=ReviewState.AUTO).delete()
        if body_changed and article.body:
            # Curated annotations move with their words to the new body (lines added before them, a
            # paragraph re-flowed elsewhere); one whose words are gone is dropped.
            _carry_curation_over(article, article.body, body)
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
            # a country is one entry of the library however an article writes it ("US", "America")
            name = standard_name(ent.canonical) if ent.label == "GPE" else ent.canonical
            entity = entities.get(name, ent.label)
            if entity is None or (ent.start, ent.end, entity.pk) in seen_spans:
                continue
            seen_spans.add((ent.start, ent.end, entity.pk))
            label = ent.label if ent.label in ENTITY_KINDS else OTHER_KIND
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
                    speaker = entities.get(q.speaker, PERSON_KIND)
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

        from articles import cables

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
        cables.link_cable_references(references)
        CableReference.objects.bulk_create(references)
        # Descriptions are matched with the people just stored, and their candidates need the references' keys.
        cables.resolve_references(article=article, descriptions_only=True)

        article.body = body
        article.language = annotation.language[:8]
        article.title = article.title or annotation.title[:500] or opening_words(body)
        article.byline = article.byline or annotation.byline[:300]
        article.publication = article.publication or annotation.publication[:200]
        article.url = article.url or annotation.url[:2000]
        article.published = article.published or annotation.published
        article.status = Article.Status.DONE
        article.error = ""
        article.processed = timezone.now()
        article.lease_expires = None
        article.save()
    # Outside the transaction: it takes the locks of the articles citing the cable, one at a time.
    cables.after_annotations(article)
