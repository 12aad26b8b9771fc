"""Boilerplate removal: the clean article body and its metadata, from HTML, Markdown or plain text.

HTML goes through trafilatura (extract_html), text and Markdown through our
header reader and re-flow (extract_text); both give paragraphs of (text, href)
segments, from which paywall / newsletter / share / navigation paragraphs are
dropped (extract_boilerplate) before the paragraphs are joined with blank lines
and link spans become offsets into the final text.
"""

from __future__ import annotations

import html
import logging
import re

from articles.nlp.extract_boilerplate import boilerplate_mask
from articles.nlp.extract_html import HtmlResult, extract_html
from articles.nlp.extract_text import Paragraph, TextResult, extract_text
from articles.nlp.types import CleanDocument, Link, SourceDocument

logger = logging.getLogger(__name__)

PARAGRAPH_SEPARATOR = "\n\n"
_WS = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
# Numeric character references left in a text file, and quotations typed with two apostrophes or
# backticks (`''control freak''`, ``so'') in place of the double mark.
_NUMERIC_ENTITY = re.compile(r"&#(\d{2,7});|&#[xX]([0-9a-fA-F]{2,6});")
_TYPED_QUOTES = re.compile(r"(?:''|``)(?=\S)([^'`\n]{1,300}?)(?<=\S)''(?!')")
_CABLE_HREF = re.compile(r"/cables?/|\b\d{2}[A-Z]{4,}\d{1,6}\b")
_WORDS = re.compile(r"\w+")
_MIN_LINK_RUN = 4  # so many link-only paragraphs in a row are a menu, not a story's list of sources
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_LOOKS_HTML = re.compile(r"^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^<>]{0,2000}>")
_INVISIBLE_ELEMENT = re.compile(r"<(script|style|noscript|template|iframe)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def clean_document(source: SourceDocument) -> CleanDocument:
    """Return the clean body of `source` (no side effects; `source.raw` is untouched)."""
    raw = source.raw or ""
    if not raw.strip():
        return CleanDocument(text="")
    if source.kind == "cable":
        # A cable's body is already clean (parsed by cabledocs); its line breaks and paragraph numbers are its text.
        return CleanDocument(text=raw, title=source.title, published=source.published)
    found: HtmlResult | TextResult
    try:
        if source.kind == "html" or (source.kind == "text" and _LOOKS_HTML.match(raw[:2000])):
            found = extract_html(raw)
        else:
            found = extract_text(raw, markdown=source.kind == "markdown")
    except Exception:  # noqa: BLE001 - ingestion must never crash on a document; keep its text
        logger.exception("extraction failed for %s; keeping the raw text", source.id)
        return CleanDocument(text=_last_resort(raw, html_like=source.kind == "html"))
    paragraphs = [para for para in (_normalise(p) for p in found.paragraphs) if para]
    mask = boilerplate_mask(["".join(text for text, _ in para) for para in paragraphs])
    mask = [
        (drop or menu) and not _links_to_cable(para)
        for para, drop, menu in zip(paragraphs, mask, link_list_mask(paragraphs), strict=True)
    ]
    text, links = assemble([para for para, drop in zip(paragraphs, mask, strict=True) if not drop])
    return CleanDocument(
        text=text,
        title=found.title,
        byline=found.byline,
        publication=found.publication,
        url=found.url,
        published=found.published,
        links=links,
    )


def _links_to_cable(paragraph: Paragraph) -> bool:
    """A "click here" line that links to a cable is how many articles cite it: the cables stage needs it."""
    return any(href and _CABLE_HREF.search(href) for _, href in paragraph)


def link_list_mask(paragraphs: list[Paragraph]) -> list[bool]:
    """Runs of short paragraphs that are mostly nothing but links (menus, tag clouds): navigation.

    A run may carry a few short unlinked labels ("Browse by tag") between its links.
    """
    linked = [_is_link_only(para) for para in paragraphs]
    short = [linked[i] or _is_label(para) for i, para in enumerate(paragraphs)]
    mask = [False] * len(paragraphs)
    start = 0
    while start < len(paragraphs):
        end = start
        while end < len(paragraphs) and short[end]:
            end += 1
        links = sum(linked[start:end])
        if links >= _MIN_LINK_RUN and links * 2 >= end - start:
            mask[start:end] = [True] * (end - start)
        start = end + 1
    return mask


def _is_label(paragraph: Paragraph) -> bool:
    text = "".join(t for t, _ in paragraph).strip()
    return len(_WORDS.findall(text)) <= 4 and not text.endswith((".", "!", "?", ":", '"', "”"))


def _is_link_only(paragraph: Paragraph) -> bool:
    linked = sum(len(text.strip()) for text, href in paragraph if href)
    total = sum(len(text.strip()) for text, _ in paragraph)
    return total > 0 and linked >= 0.8 * total and len(_WORDS.findall("".join(t for t, _ in paragraph))) <= 8


def _character(reference: re.Match[str]) -> str:
    """The character a numeric reference left in the text stands for (`&#243;` in a text export)."""
    code = int(reference.group(1)) if reference.group(1) else int(reference.group(2), 16)
    return chr(code) if 32 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else reference.group(0)


def _normalise(paragraph: Paragraph) -> Paragraph:
    """Collapse white space inside and across segments; drop empty segments; strip the paragraph's ends."""
    out: Paragraph = []
    at_space = True  # a paragraph starts without a leading space
    for text, href in paragraph:
        text = _WS.sub(" ", _CONTROL.sub("", text))
        text = _TYPED_QUOTES.sub(r'"\1"', _NUMERIC_ENTITY.sub(_character, text))
        if at_space:
            text = text.lstrip(" ")
        if not text:
            continue
        at_space = text.endswith(" ")
        out.append((text, href))
    while out and not out[-1][0].strip():
        out.pop()
    if out:
        last_text, last_href = out[-1]
        out[-1] = (last_text.rstrip(" "), last_href)
    return out


def assemble(paragraphs: list[Paragraph]) -> tuple[str, tuple[Link, ...]]:
    """Join paragraphs with blank lines; each link segment becomes a Link over its anchor text."""
    parts: list[str] = []
    links: list[Link] = []
    offset = 0
    for index, paragraph in enumerate(paragraphs):
        if index:
            parts.append(PARAGRAPH_SEPARATOR)
            offset += len(PARAGRAPH_SEPARATOR)
        for text, href in paragraph:
            if href:
                # The anchor is the words, not the white space around them.
                start = offset + len(text) - len(text.lstrip())
                end = offset + len(text.rstrip())
                if end > start:
                    if links and links[-1].href == href and links[-1].end == start:
                        start = links.pop().start  # one link split by inline markup
                    links.append(Link(start, end, href.strip()))
            parts.append(text)
            offset += len(text)
    return "".join(parts), tuple(links)


def _last_resort(raw: str, *, html_like: bool) -> str:
    if html_like:
        raw = _ANY_TAG.sub(" ", _INVISIBLE_ELEMENT.sub(" ", raw))
        raw = html.unescape(raw)
    paragraphs = (_WS.sub(" ", block).strip() for block in re.split(r"\n\s*\n", raw))
    return PARAGRAPH_SEPARATOR.join(p for p in paragraphs if p)
