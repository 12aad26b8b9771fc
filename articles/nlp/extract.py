"""Boilerplate removal: the clean article body and its metadata, from HTML, Markdown or plain text."""

from __future__ import annotations

import datetime as dt
import re

from articles.nlp.types import CleanDocument, SourceDocument

# Lines that begin the subscription / paywall / newsletter blocks news sites
# append after the story. Everything from the first such line on is dropped
# when what follows it is mostly short promotional lines.
_BOILERPLATE_START = re.compile(
    r"^\s*(you['’]ve reached your limit|subscribe (now|today|to read)|already (a )?subscri|"
    r"sign up for (our|the) newsletter|log in to continue|to continue reading|"
    r"this (article|story) is for subscribers)",
    re.IGNORECASE,
)


def clean_document(source: SourceDocument) -> CleanDocument:
    """Return the clean body of `source` (no side effects; `source.raw` is untouched)."""
    if source.kind == "html":
        return _clean_html(source.raw)
    return CleanDocument(text=_clean_text(source.raw))


def _clean_text(raw: str) -> str:
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    for line in lines:
        if _BOILERPLATE_START.match(line):
            break
        kept.append(line.strip())
    paragraphs = [p for p in "\n".join(kept).split("\n") if p.strip()]
    return "\n\n".join(paragraphs)


def _clean_html(raw: str) -> CleanDocument:
    import trafilatura

    text = trafilatura.extract(raw, include_comments=False, include_tables=False) or ""
    meta = trafilatura.extract_metadata(raw)
    published = None
    if meta is not None and meta.date:
        try:
            published = dt.date.fromisoformat(meta.date[:10])
        except ValueError:
            published = None
    return CleanDocument(
        text=_clean_text(text),
        title=(meta.title or "") if meta else "",
        byline=(meta.author or "") if meta else "",
        publication=(meta.sitename or "") if meta else "",
        url=(meta.url or "") if meta else "",
        published=published,
    )
