"""HTML to paragraphs of text and links, with the page's metadata.

trafilatura finds the main text (it beats the other maintained extractors on
news pages and keeps links in its XML tree); we render its tree ourselves so
that link targets become spans in the final text instead of Markdown noise.
When it finds nothing, the page's visible text minus navigation is used.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
from dataclasses import dataclass, field

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.utils import load_html

from articles.nlp.extract_dates import parse_date
from articles.nlp.extract_text import Paragraph, Segment

logger = logging.getLogger(__name__)

# trafilatura's XML: elements that start a paragraph of their own.
_BLOCKS = frozenset({"p", "head", "item", "quote", "row", "code", "list", "table", "div", "body", "doc", "main"})
_SKIPPED = frozenset({"graphic", "fw", "note"})
_WS = re.compile(r"\s+")

# Fallback extractor: elements never shown as text, and containers whose
# class or id names them as page furniture.
_INVISIBLE = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "form",
    "button",
    "select",
    "textarea",
    "input",
    "nav",
    "header",
    "footer",
    "aside",
    "menu",
    "head",
)
_FURNITURE = re.compile(
    r"\b(nav|navbar|navigation|menu|breadcrumbs?|footer|header|masthead|sidebar|share|sharing|social|"
    r"comments?|cookie|consent|subscribe|subscription|newsletter|paywall|promo|related|recommended|"
    r"advert|ads?|banner|popup|modal|signup|login|toolbar|tags)\b",
    re.IGNORECASE,
)
_FALLBACK_BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "dd",
        "dt",
        "dl",
        "figure",
        "figcaption",
        "br",
        "hr",
        "body",
        "center",
    }
)


@dataclass
class HtmlResult:
    """What the HTML path hands back before boilerplate filtering and assembly."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    title: str = ""
    byline: str = ""
    publication: str = ""
    url: str = ""
    published: dt.date | None = None


def extract_html(raw: str) -> HtmlResult:
    """Main text of an HTML page as paragraphs, plus title, byline, site name, date and canonical URL."""
    result = HtmlResult()
    document = None
    try:
        page = load_html(raw)
        if page is not None:
            _drop_page_furniture(page)
            _quote_embedded_posts(page)
        document = trafilatura.bare_extraction(
            page if page is not None else raw,
            include_comments=False,
            include_links=True,
            include_tables=True,
            with_metadata=True,
        )
    except Exception:  # noqa: BLE001 - a hostile page must never crash ingestion
        logger.warning("trafilatura failed; falling back to the visible text", exc_info=True)
    if document is not None and not isinstance(document, dict):
        result.title = _clean_meta(document.title)
        result.byline = _unique_names(_clean_meta(document.author))
        result.publication = _clean_meta(document.sitename)
        result.url = _clean_meta(document.url)
        result.published = parse_date(document.date or "")
        if document.body is not None:
            result.paragraphs = render_tree(document.body)
    if not any(text.strip() for text, _ in _flatten(result.paragraphs)):
        result.paragraphs = visible_text(raw)
    if not any(text.strip() for text, _ in _flatten(result.paragraphs)):
        # libxml2 silently drops what is nested deeper than its limit: read such pages without a tree.
        result.paragraphs = stripped_text(raw)
    result.paragraphs = _drop_leading_title(result.paragraphs, result.title)
    return result


# Class or id words that mark a block beside the article: other stories, sign-up boxes, hover cards.
_BESIDE_THE_ARTICLE = frozenset(
    "latest recirc recirculation recommended recommendations taboola outbrain newsletter newsletters "
    "rollover tooltip popover cta promo promos related trending popular".split()
)
_CLASS_WORDS = re.compile(r"[a-z]+")
# Elements that hold the article itself, never dropped with a block beside it.
_ARTICLE_MARKS = re.compile(r"articlebody|article-body|story-body|entry-content|post-content", re.IGNORECASE)


def _drop_page_furniture(page: lxml_html.HtmlElement) -> None:
    """Remove blocks that sit beside the article (lists of other stories, newsletter boxes, pop-up cards),
    which trafilatura can take for part of it; a block holding much of the page's text is kept."""
    total = len(_WS.sub("", page.text_content() or "")) or 1
    for element in list(page.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None or element.tag in {"body", "html"}:
            continue
        marks = f"{element.get('class', '')} {element.get('id', '')}".casefold()
        if not _BESIDE_THE_ARTICLE.intersection(_CLASS_WORDS.findall(marks)) or _ARTICLE_MARKS.search(marks):
            continue
        if element.tag in {"article", "main"} or element.find(".//article") is not None:
            continue
        if element.find('.//*[@itemprop="articleBody"]') is not None:
            continue
        if len(_WS.sub("", element.text_content() or "")) > total * 0.5 or _holds_prose(element):
            continue
        element.drop_tree()


_EMBEDDED_POST = re.compile(r"\b(?:twitter-tweet|instagram-media)\b")
_POST_LINK = re.compile(r"\s*(?:pic\.twitter\.com/\S+|https?://t\.co/\S+)")


def _quote_embedded_posts(page: lxml_html.HtmlElement) -> None:
    """An embedded tweet (a blockquote with the post, then '— Name (@handle) date') is part of the story: it
    becomes a paragraph of the post's words, its author and date after them, where it stood."""
    for post in list(page.iter("blockquote")):
        if post.getparent() is None or not _EMBEDDED_POST.search(post.get("class", "")):
            continue
        paragraphs = post.findall(".//p")
        words = _WS.sub(" ", " ".join(p.text_content() for p in paragraphs)).strip()
        signed = _WS.sub(" ", post.text_content() or "").strip()
        signature = signed[len(_WS.sub(" ", " ".join(p.text_content() for p in paragraphs)).strip()) :].strip()
        words = _POST_LINK.sub("", words).strip()  # the picture's and the short links' addresses
        if not words or not signature.startswith(("—", "-", "–")):
            continue
        paragraph = lxml_html.Element("p")
        paragraph.text = f"{words} {signature}"  # (shown, not quoted: a post is a document of its own)
        # in place of the embed's own box too (`<div class="social-embed">`), which extractors drop as furniture
        node = post
        while (
            (parent := node.getparent()) is not None
            and parent.tag in {"div", "figure", "section", "span", "aside"}
            and _WS.sub("", _text_without_scripts(parent)) == _WS.sub("", signed)
        ):
            node = parent
        paragraph.tail = node.tail
        node.getparent().replace(node, paragraph)


def _text_without_scripts(element: lxml_html.HtmlElement) -> str:
    text = element.text_content() or ""
    for script in element.iter("script", "style"):
        text = text.replace(script.text or "", "", 1)
    return text


def _holds_prose(element: lxml_html.HtmlElement) -> bool:
    """Paragraphs of running text: one long one or three of some length, as an article has and a list of
    other stories or a sign-up box has not."""
    lengths = [len((paragraph.text_content() or "").split()) for paragraph in element.iter("p")]
    return any(length >= 60 for length in lengths) or sum(length >= 20 for length in lengths) >= 3


def _clean_meta(value: str | None) -> str:
    return _WS.sub(" ", value or "").strip()


def _unique_names(byline: str) -> str:
    """trafilatura joins the authors it finds with "; " and may find one twice in different case."""
    names: dict[str, str] = {}
    for name in byline.split(";"):
        if name.strip():
            names.setdefault(name.strip().casefold(), name.strip())
    return "; ".join(names.values())


def _flatten(paragraphs: list[Paragraph]) -> list[Segment]:
    return [segment for para in paragraphs for segment in para]


def _drop_leading_title(paragraphs: list[Paragraph], title: str) -> list[Paragraph]:
    """The headline goes to `title`; drop it where the body repeats it as its first paragraph."""
    if not paragraphs or not title:
        return paragraphs
    first = _WS.sub(" ", "".join(text for text, _ in paragraphs[0])).strip().casefold()
    if first and first == title.casefold():
        return paragraphs[1:]
    return paragraphs


class _Builder:
    """Collects (text, href) segments into paragraphs while walking a tree."""

    def __init__(self) -> None:
        self.paragraphs: list[Paragraph] = []
        self.current: Paragraph = []

    def text(self, value: str | None, href: str | None = None) -> None:
        if value:
            self.current.append((value, href))

    def brk(self) -> None:
        if any(text.strip() for text, _ in self.current):
            self.paragraphs.append(self.current)
        self.current = []

    def done(self) -> list[Paragraph]:
        self.brk()
        return self.paragraphs


def render_tree(body: etree._Element) -> list[Paragraph]:
    """Paragraphs of trafilatura's XML tree; `<ref target>` text carries its href."""
    return _walk(body, blocks=_BLOCKS, breaks=frozenset({"lb"}), link_tag="ref", link_attr="target")


def _walk(
    root: etree._Element, *, blocks: frozenset[str], breaks: frozenset[str], link_tag: str, link_attr: str
) -> list[Paragraph]:
    # iterwalk instead of recursion: hostile pages nest thousands of levels deep.
    builder = _Builder()
    hrefs: list[str | None] = [None]
    skipped_depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if skipped_depth or tag in _SKIPPED or not tag:
                skipped_depth += 1
                continue
            if tag in blocks or tag in breaks:
                builder.brk()
            href = hrefs[-1]
            if tag == link_tag:
                href = element.get(link_attr) or href
            elif tag == "cell":
                builder.text(" ")
            hrefs.append(href)
            builder.text(element.text, href)
            continue
        if skipped_depth:
            skipped_depth -= 1
            if skipped_depth:
                continue
        else:
            hrefs.pop()
            if tag in blocks:
                builder.brk()
        if element is not root:
            # An element's tail is text of its parent, so it carries the parent's link (if any).
            builder.text(element.tail, hrefs[-1])
    return builder.done()


_INVISIBLE_ELEMENT = re.compile(
    r"<(script|style|noscript|template|iframe|object|svg|head|nav|footer|aside|form)\b.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|section|article|main|li|ul|ol|h[1-6]|blockquote|pre|table|tr|td|th|dd|dt|dl|br|hr|figure|"
    r"figcaption|body|center)\b[^<>]{0,2000}>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(r"<[^<>]{0,2000}>|<!--.*?-->", re.DOTALL)


def stripped_text(raw: str) -> list[Paragraph]:
    """Text between the tags, block elements as paragraph breaks: the last resort when no parser copes."""
    text = _INVISIBLE_ELEMENT.sub(" ", raw)
    text = _BLOCK_TAG.sub("\n\n", text)
    text = html.unescape(_ANY_TAG.sub("", text))
    return [[(block, None)] for block in re.split(r"\n\s*\n", text) if block.strip()]


def visible_text(raw: str) -> list[Paragraph]:
    """The page's visible text minus scripts, forms and navigation: the fallback when extraction finds nothing."""
    try:
        parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True, encoding="utf-8")
        root = lxml_html.document_fromstring(raw.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        return []
    for bad in list(root.iter(*_INVISIBLE)):
        if bad.getparent() is not None:
            bad.drop_tree()
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        marks = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
        if element.get("hidden") is not None or element.get("aria-hidden") == "true" or _FURNITURE.search(marks):
            element.drop_tree()
    return _walk(root, blocks=_FALLBACK_BLOCKS, breaks=frozenset({"br", "hr"}), link_tag="a", link_attr="href")
