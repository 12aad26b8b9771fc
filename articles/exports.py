"""Exports for use elsewhere: W3C Web Annotations (JSON-LD), quotes as CSV, search results as JSON lines.

Used by the API and by `manage.py export`; each function takes the rows and an absolute base URL (the
site's root, such as `https://cables.example.org`) so the identifiers they write are dereferenceable.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from articles.models import Article, CableReference, DateMention, Mention, Quote, ReviewState

WADM_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
WADM_PROFILE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
# Characters around a TextQuoteSelector's exact text that make it findable again in a changed text.
SELECTOR_CONTEXT = 32
CSV_COLUMNS = ("speaker", "quote", "article", "date", "url")


def absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def _selectors(body: str, start: int, end: int) -> list[dict]:
    return [
        {
            "type": "TextQuoteSelector",
            "exact": body[start:end],
            "prefix": body[max(0, start - SELECTOR_CONTEXT) : start],
            "suffix": body[end : end + SELECTOR_CONTEXT],
        },
        {"type": "TextPositionSelector", "start": start, "end": end},
    ]


def _target(source: str, body: str, start: int, end: int) -> dict:
    return {"type": "SpecificResource", "source": source, "selector": _selectors(body, start, end)}


def web_annotations(article: Article, *, base_url: str, include_text: bool = True) -> dict:
    """The article's annotations as a W3C Web Annotation collection (JSON-LD) on its clean body.

    Positions are Unicode code points into `body`, as the model stores them (the Web Annotation model
    counts code points too). With `include_text` the body travels along as `text`, so the selectors
    can be resolved without fetching the article.
    """
    source = absolute(base_url, article.get_absolute_url())
    collection_id = absolute(base_url, reverse("api:article_annotations", args=[article.pk]))
    body = article.body
    items: list[dict] = []

    def annotation(kind: str, pk: int, motivation: str, bodies: list[dict], targets: list[dict]) -> dict:
        return {
            "id": f"{collection_id}#{kind}-{pk}",
            "type": "Annotation",
            "motivation": motivation,
            "body": bodies,
            "target": targets[0] if len(targets) == 1 else targets,
        }

    mentions = article.mentions.exclude(review=ReviewState.REJECTED).select_related("entity").order_by("start")
    for m in mentions:
        items.append(
            annotation(
                "mention",
                m.pk,
                "identifying",
                [
                    {
                        "type": "SpecificResource",
                        "source": absolute(base_url, m.entity.get_absolute_url()),
                        "purpose": "identifying",
                    },
                    {"type": "TextualBody", "value": m.entity.name, "purpose": "tagging", "format": "text/plain"},
                    {"type": "TextualBody", "value": m.label, "purpose": "classifying", "format": "text/plain"},
                ],
                [_target(source, body, m.start, m.end)],
            )
        )
    quotes = article.quotes.exclude(review=ReviewState.REJECTED).select_related("speaker").order_by("start")
    for q in quotes:
        bodies: list[dict] = [{"type": "TextualBody", "value": "quotation", "purpose": "classifying"}]
        if q.speaker is not None:
            bodies.append(
                {
                    "type": "SpecificResource",
                    "source": absolute(base_url, q.speaker.get_absolute_url()),
                    "purpose": "identifying",
                }
            )
        if q.speaker_name:
            bodies.append({"type": "TextualBody", "value": f"said by {q.speaker_name}", "purpose": "describing"})
        spans = q.spans or [[q.start, q.end]]
        items.append(annotation("quote", q.pk, "describing", bodies, [_target(source, body, s, e) for s, e in spans]))
    for d in article.date_mentions.exclude(review=ReviewState.REJECTED).order_by("start"):
        value = d.value or "unanchored"
        items.append(
            annotation(
                "date",
                d.pk,
                "tagging",
                [{"type": "TextualBody", "value": value, "purpose": "tagging", "format": "text/plain"}],
                [_target(source, body, d.start, d.end)],
            )
        )
    references = article.cable_references.exclude(review=ReviewState.REJECTED).select_related("cable")
    for r in references.order_by("start"):
        bodies = []
        if r.cable is not None:
            bodies.append({"type": "SpecificResource", "source": absolute(base_url, r.cable.get_absolute_url())})
        label = r.reference_id or " ".join(p for p in ("cable", r.origin, r.date) if p)
        bodies.append({"type": "TextualBody", "value": label, "purpose": "describing", "format": "text/plain"})
        items.append(annotation("cable", r.pk, "linking", bodies, [_target(source, body, r.start, r.end)]))

    collection: dict = {
        "@context": [WADM_CONTEXT, {"text": "http://schema.org/text"}] if include_text else WADM_CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": f"Annotations of {article}",
        "total": len(items),
        "first": {"id": f"{collection_id}#page-1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    if include_text:
        collection["text"] = body
    return collection


def _csv_cell(value: str) -> str:
    # A cell starting with these is run as a formula by spreadsheets (CSV injection): quote it as text.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def write_quotes_csv(quotes: Iterable[Quote], out: IO[str], *, base_url: str) -> int:
    """Write one row per quote (speaker, quote, article, date, url) with a header; returns the row count."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for q in quotes:
        article = q.article
        writer.writerow(
            [
                _csv_cell(q.speaker_name),
                _csv_cell(q.text),
                _csv_cell(str(article)),
                article.published.isoformat() if article.published else "",
                absolute(base_url, article.get_absolute_url()),
            ]
        )
        count += 1
    return count


def quotes_for_export(quotes: QuerySet[Quote]) -> QuerySet[Quote]:
    return (
        quotes.exclude(review=ReviewState.REJECTED)
        .select_related("speaker", "article")
        .only(
            "text",
            "speaker_label",
            "speaker__name",
            "article__title",
            "article__source_name",
            "article__published",
        )
        .order_by("article__published", "article_id", "start")
    )


def article_record(article: Article, *, base_url: str) -> dict:
    """One search result with its annotations, as written to a JSON lines export."""
    return {
        "id": article.pk,
        "title": article.title,
        "publication": article.publication,
        "byline": article.byline,
        "published": article.published.isoformat() if article.published else None,
        "source_url": article.url,
        "url": absolute(base_url, article.get_absolute_url()),
        "entities": sorted(
            {(m.entity_id, m.entity.name, m.label) for m in article.mentions.all()}, key=lambda e: (e[1], e[0])
        ),
        "quotes": [
            {"text": q.text, "speaker": q.speaker_name, "speaker_id": q.speaker_id, "start": q.start, "end": q.end}
            for q in article.quotes.all()
        ],
        "dates": [
            {"text": d.text, "value": d.value, "start": d.start, "end": d.end} for d in article.date_mentions.all()
        ],
        "cables": [
            {"text": r.text, "reference_id": r.reference_id, "origin": r.origin, "date": r.date}
            for r in article.cable_references.all()
        ],
    }


def with_annotations(articles: QuerySet[Article]) -> QuerySet[Article]:
    """Prefetch what `article_record` reads, rejected annotations left out."""
    return articles.prefetch_related(
        Prefetch("mentions", Mention.objects.exclude(review=ReviewState.REJECTED).select_related("entity")),
        Prefetch("quotes", Quote.objects.exclude(review=ReviewState.REJECTED).select_related("speaker")),
        Prefetch("date_mentions", DateMention.objects.exclude(review=ReviewState.REJECTED)),
        Prefetch("cable_references", CableReference.objects.exclude(review=ReviewState.REJECTED)),
    )


def iter_jsonl(articles: QuerySet[Article], *, base_url: str, chunk_size: int = 200) -> Iterator[str]:
    """One JSON line per article of the result, in its order; prefetches in chunks so memory stays flat."""
    for article in with_annotations(articles).iterator(chunk_size=chunk_size):
        yield json.dumps(article_record(article, base_url=base_url), ensure_ascii=False) + "\n"
