"""Plain text and Markdown to paragraphs of text and links, with the header's metadata.

Uploaded text comes hard-wrapped, with a header of loose lines (title, byline,
date, source) and sometimes Markdown or YAML front matter. The header goes to
metadata, wrapped lines are re-flowed into paragraphs, Markdown is reduced to
its text with link targets kept as spans.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field

from articles.nlp.extract_boilerplate import is_boilerplate_line, starts_block
from articles.nlp.extract_dates import is_date_line, parse_date

Segment = tuple[str, str | None]  # a run of text and the href of the link it belongs to (None outside links)
Paragraph = list[Segment]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_WORD = re.compile(r"\w+")
_TERMINAL = re.compile(r"[.!?…:][\"'”’)\]*_]*$")
_LIST_ITEM = re.compile(r"^\s{0,8}(?:[-*+•–]|\d{1,3}[.)])\s+(?=\S)")
_BULLET_ONLY = re.compile(r"^\s*[-*+•–]\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_HR = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_REF_DEF = re.compile(r"^\s{0,3}\[([^\]]{1,200})\]:\s*<?(\S+?)>?(?:\s+[\"'(].*)?\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")

# Header lines of reposted articles and text exports.
_BYLINE = re.compile(r"^(?:written |posted |reported )?by[:\s]\s*(?P<value>.{2,200})$", re.IGNORECASE)
_FIELD = re.compile(
    r"^(?P<key>source|url|link|canonical|author|authors|byline|date|published|posted|updated|publication|"
    r"publisher|title|headline)\s*:\s*(?P<value>.+)$",
    re.IGNORECASE,
)
_FROM = re.compile(r"^from(?:\s+(?P<value>.{1,80}?))?(?:\s+web\s?site)?\s*$", re.IGNORECASE)
_WEBSITE = re.compile(r"^(?P<value>.{1,80}?)\s+web\s?site\s*$|^web\s?site$", re.IGNORECASE)
_URL = re.compile(r"^<?(https?://\S+?)>?$")
# A line ending in one of these words goes on in the next line.
_CONTINUES = frozenset("a an and as at by for from in into of on or than that the to with without".split())
_HEADER_SCAN = 12
_NAME_JOINERS = frozenset("and of de da del della di van von der den la le du bin al y e".split())
# Capitalised words that begin a sentence after "By" rather than a name.
_NOT_NAMES = frozenset(
    "the a an this that these those then now far contrast comparison way law default chance night day mid late "
    "early next last most all some its his her their our my your one two using making taking".split()
)  # how many leading lines can be header

# Markdown inline syntax; bounded repetitions keep a hostile single line linear.
_MD_IMAGE = re.compile(
    r"!\[[^\[\]\n]{0,500}\]\(\s*<?[^)\s>\[\]]{0,2000}>?(?:\s+(?:\"[^\"\n]{0,300}\"|'[^'\n]{0,300}'))?\s*\)"
    r"|!\[[^\[\]\n]{0,500}\]\[[^\[\]\n]{0,200}\]"
)
_MD_LINK = re.compile(
    r"\[(?P<text>(?:[^\[\]\n]|\[[^\]\n]{0,200}\]){1,500})\]"
    r"(?:\(\s*<?(?P<href>[^)\s>\[\]]{0,2000})>?(?:\s+(?:\"[^\"\n]{0,300}\"|'[^'\n]{0,300}'|\([^)\n]{0,300}\)))?\s*\)"
    r"|\[(?P<ref>[^\]\n]{0,200})\])"
)
_MD_AUTOLINK = re.compile(r"<(?P<href>(?:https?|ftp|mailto):[^>\s]{1,2000})>")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.{1,300}?)(?<=\S)\1")
_MD_EM = re.compile(r"(?<![\w*])([*_])(?=[^\s*_])(.{1,300}?)(?<=[^\s*_])\1(?![\w*])")
_STRAY_EMPHASIS = re.compile(r"^[*_]{1,3}(?=[^\s*_])|(?<=\S)\s?[*_]{1,3}$")
_MD_STRIKE = re.compile(r"~~(?=\S)(.{1,500}?)(?<=\S)~~")
_MD_CODE = re.compile(r"`{1,3}([^`\n]{1,500})`{1,3}")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_HTML_BREAK = re.compile(r"<br\s*/?>|</?p\s*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]{0,30}(?:\s[^<>]{0,1000})?/?>")
# Links are held out of the text as private-use characters while emphasis is stripped around them.
_PLACEHOLDER = re.compile("[\ue000-\uf8ff]")
_MAX_LINKS = 0xF8FF - 0xE000


@dataclass
class TextResult:
    """What the text path hands back before boilerplate filtering and assembly."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    title: str = ""
    byline: str = ""
    publication: str = ""
    url: str = ""
    published: dt.date | None = None


def extract_text(raw: str, *, markdown: bool) -> TextResult:
    """Paragraphs and header metadata of a plain-text or Markdown document."""
    text = _CONTROL.sub("", raw.replace("\r\n", "\n").replace("\r", "\n")).expandtabs(4)
    result = TextResult()
    if text.lstrip().startswith("---"):
        text = _front_matter(text.lstrip(), result)
        markdown = True
    lines = text.split("\n")
    if markdown:
        lines = _md_unescape_html(lines)
    title_before = result.title
    start = _take_title(lines, result, markdown=markdown)
    start, header = _take_header(lines, start, result)
    refs: dict[str, str] = {}
    if markdown:
        lines, refs = _collect_reference_definitions(lines[start:])
        start = 0
    paragraphs = header + reflow(lines[start:], markdown=markdown)
    if markdown:
        result.paragraphs = [p for p in (_md_inline(para, refs) for para in paragraphs) if p]
    else:
        result.paragraphs = [[(para, None)] for para in paragraphs]
    if not result.paragraphs and result.title and result.title != title_before:
        # A document that is one short line: that line is its body (and its title).
        result.paragraphs = [[(result.title, None)]]
    if result.title and len(result.paragraphs) > 1:
        first = "".join(text for text, _ in result.paragraphs[0]).strip()
        if first.casefold() == result.title.casefold():
            result.paragraphs = result.paragraphs[1:]
    return result


# --- front matter -------------------------------------------------------------------------------------------


def _front_matter(text: str, result: TextResult) -> str:
    """Read `title`, `date`, author and URL keys from YAML front matter; return the text after it.

    A small reader for the flat keys we need (PyYAML is not a dependency): scalars, quoted scalars,
    folded/literal blocks (`>`, `|`) and lists of scalars.
    """
    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return text
    values: dict[str, str | list[str]] = {}
    key = ""
    for line in lines[1:end]:
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line)
        if m and not line[0].isspace():
            key = m.group(1).lower()
            value = m.group(2).strip()
            values[key] = "" if value in (">", "|", ">-", "|-", ">+", "|+") else _yaml_scalar(value)
        elif key and line.strip():
            item = re.match(r"^\s*-\s+(.*)$", line)
            current = values.get(key)
            if item and (current == "" or isinstance(current, list)):
                values[key] = [*(current or []), _yaml_scalar(item.group(1))]
            elif isinstance(current, str):
                values[key] = f"{current} {line.strip()}".strip()
    result.title = _first_string(values, "title", "headline")
    result.byline = _first_string(values, "author_name", "author", "byline", "authors")
    result.publication = _first_string(values, "publication", "publisher", "site", "site_name")
    result.url = _first_string(values, "canonical_url", "canonical", "url", "link", "permalink")
    result.published = parse_date(_first_string(values, "date", "published", "pubdate", "publishdate"))
    return "\n".join(lines[end + 1 :])


def _yaml_scalar(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return html.unescape(value.strip())


def _first_string(values: dict[str, str | list[str]], *keys: str) -> str:
    for key in keys:
        value = values.get(key)
        if isinstance(value, list):
            # Lists of ids ("rsp07") are not names; keep only entries that read as names.
            value = ", ".join(v for v in value if " " in v.strip())
        if value and value.lower() not in ("null", "~", "none"):
            return re.sub(r"\s+", " ", value).strip()
    return ""


# --- title and header ---------------------------------------------------------------------------------------


def _take_title(lines: list[str], result: TextResult, *, markdown: bool) -> int:
    """Move a leading headline into `result.title`; return the index of the first line after it."""
    i = _skip_blank(lines, 0)
    if i >= len(lines):
        return i
    heading = _MD_HEADING.match(lines[i])
    if heading and heading.group(2) and len(heading.group(1)) <= 2:
        parts = [heading.group(2)]
        j = i + 1
        # A long headline wraps onto the next lines (until a blank line or the header).
        while j < len(lines) and j <= i + 3 and lines[j].strip() and not _is_header_line(lines[j]):
            if _MD_HEADING.match(lines[j]) or _LIST_ITEM.match(lines[j]) or _QUOTE.match(lines[j]):
                break
            parts.append(lines[j].strip())
            j += 1
        _set_title(result, " ".join(parts))
        return j
    first = lines[i].strip()
    nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
    if i + 1 < len(lines) and _SETEXT.match(lines[i + 1]) and lines[i + 1].strip().startswith("="):
        _set_title(result, first)
        return i + 2
    if result.title:
        return i
    words = len(_WORD.findall(first))
    if not (1 <= words <= 20 and len(first) <= 160) or re.search(r"[.,;:]$", first):
        return i
    if not nxt or _is_header_line(nxt) or (nxt[:1].isupper() and heading_like(first) and i + 2 < len(lines)):
        _set_title(result, first)
        return i + 1
    return i


def _set_title(result: TextResult, title: str) -> None:
    title = re.sub(r"\s+", " ", _strip_md_inline(title)).strip()
    if not result.title:
        result.title = title


def _skip_blank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def _is_header_line(line: str) -> bool:
    stripped = _QUOTE.sub("", line.strip()).strip()
    return (
        bool(
            ((m := _BYLINE.match(stripped)) is not None and _names_people(m.group("value")))
            or _FIELD.match(stripped)
            or _FROM.match(stripped)
            or _WEBSITE.match(stripped)
            or is_date_line(stripped)
        )
        and len(_WORD.findall(stripped)) <= 16
    )


def _names_people(value: str) -> bool:
    """'Jane Reporter, Staff Writer' rather than 'the time the cables were published' (a sentence starting "By")."""
    value = re.split(r"\s+from\s+|\s*\d", value, maxsplit=1, flags=re.IGNORECASE)[0].strip()
    words = re.findall(r"[^\W\d_][\w.'’-]*", value)
    if not words or not words[0][0].isupper() or words[0].lower() in _NOT_NAMES or value.endswith(("?", "!")):
        return False
    content = [w for w in words if w.lower() not in _NAME_JOINERS]
    return sum(w[0].isupper() for w in content) >= 0.7 * len(content)


def _take_header(lines: list[str], start: int, result: TextResult) -> tuple[int, list[str]]:
    """Read byline, date, source and publication lines at the top into `result`; return where the rest of the
    body starts, and the header lines the article itself prints (`by Jane Reporter`, `December 10, 2010`), which
    stay at the top of the body, one to a paragraph. Fields of an export (`Source: https://…`) do not."""
    i = start
    body_start = start
    pending: list[str] = []  # short unknown lines, header only if a header line follows them
    printed: list[str] = []
    scanned = 0
    while i < len(lines) and scanned < _HEADER_SCAN:
        stripped = _QUOTE.sub("", lines[i].strip()).strip()
        i += 1
        if not stripped:
            continue
        scanned += 1
        if _is_header_line(stripped):
            _read_header_line(stripped, lines[i].strip() if i < len(lines) else "", pending, result)
            if not _FIELD.match(stripped):
                printed += [*pending, stripped]
            pending = []
            body_start = i
            continue
        if len(_WORD.findall(stripped)) <= 4 and not _TERMINAL.search(stripped) and body_start > start:
            pending.append(stripped)
            continue
        break
    return body_start, printed


def _read_header_line(line: str, following: str, pending: list[str], result: TextResult) -> None:
    if (m := _FIELD.match(line)) is not None:
        key, value = m.group("key").lower(), m.group("value").strip()
        if key in ("source", "url", "link", "canonical") and (url := _URL.match(value)):
            result.url = result.url or url.group(1)
        elif key in ("source", "publication", "publisher"):
            result.publication = result.publication or value
        elif key in ("author", "authors", "byline"):
            result.byline = result.byline or value
        elif key in ("title", "headline"):
            result.title = result.title or value
        else:
            result.published = result.published or parse_date(value)
        return
    if (m := _BYLINE.match(line)) is not None:
        value = m.group("value")
        # "by A. Writer November 29, 2010 from Some Website" carries three fields on one line.
        from_part = re.search(r"\s+from\s+(.+)$", value, re.IGNORECASE)
        if from_part:
            result.publication = result.publication or _publication(from_part.group(1))
            value = value[: from_part.start()]
        date = parse_date(value)
        if date:
            result.published = result.published or date
            value = re.split(
                r"\s+(?:on\s+)?(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?(?:\d{1,2}\s+)?"
                r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d",
                value,
                flags=re.I,
            )[0]
        result.byline = result.byline or value.strip(" ,;-")
        return
    if is_date_line(line):
        result.published = result.published or parse_date(line)
        return
    if (m := _FROM.match(line)) is not None:
        if m.group("value"):
            result.publication = result.publication or _publication(m.group("value"))
        elif following and not _is_header_line(following) and len(_WORD.findall(following)) <= 6:
            pass  # "from" alone: the publication is on the next line(s), read with "Website" below
        return
    if (m := _WEBSITE.match(line)) is not None:
        name = m.group("value") or (pending[-1] if pending else "")
        result.publication = result.publication or _publication(name)


def _publication(value: str) -> str:
    return re.sub(r"\s+web\s?site$", "", value.strip(), flags=re.IGNORECASE).strip(" ,;-")


# --- re-flow ------------------------------------------------------------------------------------------------


def heading_like(line: str) -> bool:
    """A short line in title case or capitals, without sentence punctuation at its end."""
    words = line.split()
    if not words or len(words) > 10 or len(line) > 90 or _TERMINAL.search(line) or line.endswith(","):
        return False
    if not (line[0].isupper() or line[0].isdigit()) or words[-1].lower() in _CONTINUES:
        return False
    if line.isupper():
        return True
    return all(not w[:1].isalpha() or w[:1].isupper() for w in words if len(w) > 3)


def reflow(lines: list[str], *, markdown: bool) -> list[str]:
    """Join hard-wrapped lines into paragraphs; list items, headings and quotes stay paragraphs of their own."""
    nonblank = [len(line.strip()) for line in lines if line.strip()]
    if not nonblank:
        return []
    blocks = sum(1 for i, line in enumerate(lines) if line.strip() and (i == 0 or not lines[i - 1].strip()))
    # Blank lines separate paragraphs when there are enough of them for the line count.
    blank_mode = blocks >= 3 and blocks * 12 >= len(nonblank)
    width = sorted(nonblank)[int(len(nonblank) * 0.9)]
    hard_wrapped = width <= 100 and sum(n >= 0.6 * width for n in nonblank) >= 0.5 * len(nonblank)

    paragraphs: list[str] = []
    current: list[str] = []
    kind = ""  # "", "item" or "quote": what the current paragraph is

    def flush() -> None:
        nonlocal current, kind
        if current:
            paragraphs.append(_join_lines(current))
        current, kind = [], ""

    in_fence = False
    for raw_line in lines:
        line = raw_line.strip()
        if markdown and _FENCE.match(raw_line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            if line:
                paragraphs.append(line)
            continue
        if not line:
            flush()
            continue
        if _HR.match(raw_line) or _BULLET_ONLY.match(raw_line) or (markdown and _TABLE_RULE.match(raw_line)):
            flush()
            continue
        if markdown and (m := _MD_HEADING.match(raw_line)):
            flush()
            if m.group(2):
                paragraphs.append(m.group(2))
            continue
        if markdown and _SETEXT.match(raw_line) and current and len(current) == 1:
            flush()  # the line above was a setext heading
            continue
        if markdown and _QUOTE.match(raw_line):
            line = _QUOTE.sub("", line).strip()
            if kind != "quote":
                flush()
                kind = "quote"
            if not line:
                flush()
                continue
            current.append(line)
            continue
        if markdown and line.startswith("|") and line.endswith("|"):
            flush()
            paragraphs.append(" ".join(cell.strip() for cell in line.strip("|").split("|") if cell.strip()))
            continue
        if _LIST_ITEM.match(raw_line) and not (
            current and kind != "item" and _dash_continuation(raw_line, current[-1])
        ):
            flush()
            kind = "item"
            # A bullet is syntax; an ordered item's number is part of its text ("1. BBC News, ...").
            current.append(_LIST_ITEM.sub("", raw_line, count=1).strip() if _is_bullet(raw_line) else line)
            continue
        if current and (kind == "quote" or (kind == "item" and not raw_line[:1].isspace() and line[:1].isupper())):
            flush()
        if current and _breaks_before(current, line, blank_mode=blank_mode, hard_wrapped=hard_wrapped, width=width):
            flush()
        current.append(line)
    flush()
    return [p for p in paragraphs if p.strip()]


def _dash_continuation(line: str, prev: str) -> bool:
    """A wrapped line that starts with a dash standing for an em dash ("- as is the ..."), not a list item."""
    return bool(re.match(r"^\s*[-–]\s+[a-z]", line)) and not _TERMINAL.search(prev)


def _is_bullet(line: str) -> bool:
    return bool(re.match(r"^\s*[-*+•–]\s", line))


def _breaks_before(current: list[str], line: str, *, blank_mode: bool, hard_wrapped: bool, width: int) -> bool:
    prev = current[-1]
    # Capitals, digits, currency...: anything but a lower-case word carrying on a wrapped sentence.
    starts_upper = not line.lstrip("\"'“‘([")[:1].islower()
    if not starts_upper:
        return False
    if len(current) == 1 and (
        heading_like(prev) or _is_fragment(prev) or starts_block(prev) or is_boilerplate_line(prev)
    ):
        return True
    if len(line) <= 80 and (starts_block(line) or is_boilerplate_line(line)):
        return True  # keep a promo line apart from the story so that it can be dropped alone
    if not _TERMINAL.search(prev):
        return False
    if blank_mode and hard_wrapped:
        # Inside a blank-line separated paragraph only a short last line ends a paragraph.
        return len(prev) < 0.6 * width
    return True


def _is_fragment(line: str) -> bool:
    """A few words that do not start with a letter ("$4/month", "12 Months"): a line of its own."""
    return len(line.split()) <= 4 and not line[0].isalpha() and not _TERMINAL.search(line)


def _join_lines(lines: list[str]) -> str:
    out = lines[0]
    for line in lines[1:]:
        # "well-" + "known" was one word broken by the wrap.
        if re.search(r"[a-z]-$", out) and line[:1].islower():
            out += line
        else:
            out += " " + line
    return re.sub(r"[ \t]+", " ", out).strip()


# --- Markdown inline ----------------------------------------------------------------------------------------


def _md_unescape_html(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        if "<" in line:
            line = _HTML_BREAK.sub(" ", line)
            line = _HTML_TAG.sub("", line)
        if "&" in line:
            line = html.unescape(line)
        out.append(line)
    return out


def _collect_reference_definitions(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    refs: dict[str, str] = {}
    kept = []
    for line in lines:
        m = _REF_DEF.match(line)
        if m:
            refs[m.group(1).strip().lower()] = m.group(2)
        else:
            kept.append(line)
    return kept, refs


def _strip_md_inline(text: str) -> str:
    return "".join(t for t, _ in _md_inline(text, {}))


def _md_inline(text: str, refs: dict[str, str]) -> Paragraph:
    """Reduce Markdown inline syntax to text; links become segments carrying their href."""
    text = _PLACEHOLDER.sub("", text)
    text = _MD_IMAGE.sub("", text)
    links: list[Segment] = []

    def hold(match: re.Match[str]) -> str:
        href = match.group("href")
        if href is None:
            href = refs.get((match.group("ref") or match.group("text")).strip().lower())
            if href is None:
                return match.group(0)
        if len(links) >= _MAX_LINKS:
            return match.group("text")
        links.append((_md_emphasis(match.group("text")), href))
        return chr(0xE000 + len(links) - 1)

    def hold_auto(match: re.Match[str]) -> str:
        if len(links) >= _MAX_LINKS:
            return match.group("href")
        links.append((match.group("href"), match.group("href")))
        return chr(0xE000 + len(links) - 1)

    if "[" in text:
        text = _MD_LINK.sub(hold, text)
    if "<" in text:
        text = _MD_AUTOLINK.sub(hold_auto, text)
    text = _md_emphasis(text)
    segments: Paragraph = []
    position = 0
    for m in _PLACEHOLDER.finditer(text):
        if m.start() > position:
            segments.append((text[position : m.start()], None))
        index = ord(m.group(0)) - 0xE000
        if index < len(links):
            segments.append(links[index])
        position = m.end()
    if position < len(text):
        segments.append((text[position:], None))
    return segments if any(t.strip() for t, _ in segments) else []


def _md_emphasis(text: str) -> str:
    if "`" in text:
        text = _MD_CODE.sub(r"\1", text)
    markers = text.count("*") + text.count("_")
    # A line thick with markers is not prose with emphasis (and would make the scan quadratic).
    if markers and markers * 10 < len(text) + 100:
        text = _MD_STRONG.sub(r"\2", text)
        text = _MD_EM.sub(r"\2", text)
    # Emphasis opened in one paragraph and closed in another ("_Dear Sir, _" ... "_Yours._") leaves stray marks.
    text = _STRAY_EMPHASIS.sub("", text)
    if "~~" in text:
        text = _MD_STRIKE.sub(r"\1", text)
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    return text
