"""Leaked cables as documents: WikiLeaks cable pages (HTML) and plain-text cables, parsed into their fields.

Every field is read from the document; a field the document does not give stays empty (or None).
The body keeps paragraph numbers and classification markings (`1. (C) Summary: ...`) and the
cable's own line breaks; page-break lines (`ISLAMABAD 00000365 002 OF 006`) are removed.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from articles.nlp.cables import canonical_reference_id, known_cable

_MONTHS = {m: i + 1 for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}


@dataclass(frozen=True)
class ParsedCable:
    """One cable's metadata and text.

    `created` is timezone-aware UTC when read from the cable's date-time group (`191617Z FEB 09`,
    plain-text cables) and naive when read from the WikiLeaks page, which shows no zone.
    """

    reference_id: str
    origin: str = ""  # "Embassy Islamabad", "Consulate Peshawar", "Secretary of State"
    created: dt.datetime | None = None
    released: dt.datetime | None = None
    classification: str = ""  # "SECRET//NOFORN", "CONFIDENTIAL", "UNCLASSIFIED"
    subject: str = ""
    tags: list[str] = field(default_factory=list)
    body: str = ""
    header: str = ""  # routing header: VZCZC..., FM ..., TO ..., INFO ...


# --------------------------------------------------------------------------- detection

_WIKILEAKS_TABLE = re.compile(r"<table\s+class=['\"]cable['\"]", re.IGNORECASE)
_DTG = re.compile(r"^[OPRZ]{1,2}\s+(\d{2})(\d{2})(\d{2})Z\s+([A-Z]{3})\s+(\d{2})\b", re.MULTILINE)
_FROM_LINE = re.compile(r"^FM\s+(.+?)\s*$", re.MULTILINE)
# "CONFIDENTIAL SECTION 01 OF 08 NEW DELHI 005135", "UNCLAS USEU BRUSSELS 000948", "S E C R E T ISLAMABAD 000365"
_CLASSIFICATION_LINE = re.compile(
    r"^(?P<level>UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET|TOP SECRET|U N C L A S|C O N F I D E N T I A L|S E C R E T)"
    r"(?:\s+E\s*F\s*T\s*O)?(?:\s+SECTION\s+\d+\s+OF\s+\d+)?\s+(?P<origin>[A-Z][A-Z .]*?)\s+(?P<serial>\d{3,7})\s*$",
    re.MULTILINE,
)
# "ISLAMABAD 00000365 002 OF 006", "UNVIE VIEN 00000285  036.2 OF 036"
_PAGE_BREAK = re.compile(r"[ \t]*(?P<origin>[A-Z][A-Z .]*?)[ \t]+\d{3,8}[ \t]+\d{3}(?:\.\d)?[ \t]+OF[ \t]+\d{3}[ \t]*")
_FIRST_LINE_ORIGIN = re.compile(r"^[^\n]*?(?:OF\s+\d+\s+)?(?P<origin>[A-Z][A-Z .]*?)\s+\d{3,7}\s*$", re.MULTILINE)


def is_cable_document(raw: str, filename: str = "") -> bool:
    """True for a WikiLeaks cable page or a plain-text cable (routing header, classification line, TAGS/SUBJECT)."""
    if _WIKILEAKS_TABLE.search(raw) and "<code><pre>" in raw:
        return True
    head = raw[:6000]
    if re.search(r"<html|<body|<p\b", head, re.IGNORECASE):
        return False
    signals = (
        bool(re.search(r"^VZCZC", head, re.MULTILINE)),
        bool(_DTG.search(head)),
        bool(_FROM_LINE.search(head)),
        bool(_CLASSIFICATION_LINE.search(head.replace("\r", ""))),
        bool(re.search(r"^\s*TAGS?\b", head, re.MULTILINE)),
        bool(re.search(r"^\s*SUBJ(?:ECT)?\s*:", head, re.MULTILINE)),
    )
    # A file named after a real cable (`09ISLAMABAD365.txt`) needs less evidence from its text.
    named_like_cable = bool(filename) and known_cable(PurePath(filename).stem) is not None
    return sum(signals) >= (2 if named_like_cable else 3)


def parse_cable(raw: str, filename: str = "") -> ParsedCable:
    """Parse either kind of cable document; `filename` (`09ISLAMABAD365.txt`) supplies the id when given."""
    if _WIKILEAKS_TABLE.search(raw):
        return _parse_wikileaks_html(raw)
    return _parse_plain_text(raw, filename)


def decode_cable_bytes(data: bytes) -> str:
    """Plain-text cables come as UTF-8 or Windows-1252 (the paragraph sign is byte 0xB6)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# --------------------------------------------------------------------------- WikiLeaks HTML


def _cell_texts(table: str) -> list[str]:
    return [_strip_tags(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", table, re.DOTALL | re.IGNORECASE)]


def _strip_tags(fragment: str) -> str:
    # Visible text only: the classification link's title attribute is a site quirk that disagrees with it.
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _parse_wikileaks_html(raw: str) -> ParsedCable:
    table_match = re.search(r"<table\s+class=['\"]cable['\"].*?</table>", raw, re.DOTALL | re.IGNORECASE)
    cells = _cell_texts(table_match.group(0)) if table_match else []
    cells += [""] * (5 - len(cells))
    blocks = [
        html.unescape(re.sub(r"<[^>]+>", "", block)).replace("\r\n", "\n")
        for block in re.findall(r"<code><pre>(.*?)</pre></code>", raw, re.DOTALL | re.IGNORECASE)
    ]
    header = blocks[0].strip("\n") if len(blocks) > 1 else ""
    text = blocks[-1] if blocks else ""
    body = _clean_body(text)
    refid = canonical_reference_id(cells[0]) or cells[0]
    return ParsedCable(
        reference_id=refid,
        origin=cells[4],
        created=_site_datetime(cells[1]),
        released=_site_datetime(cells[2]),
        classification=cells[3],
        subject=_subject(body),
        tags=_tags(body),
        body=body,
        header=_clean_lines(header),
    )


def _site_datetime(value: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(value.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        return None


# --------------------------------------------------------------------------- plain text


def _parse_plain_text(raw: str, filename: str) -> ParsedCable:
    text = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    line = _CLASSIFICATION_LINE.search(text)
    header = text[: line.start()] if line else ""
    body_text = text[line.start() :] if line else text
    created = _dtg_datetime(header or text)
    refid = canonical_reference_id(PurePath(filename).stem) if filename else None
    if refid is None and line and created:
        origin_code = re.sub(r"[^A-Z]", "", line["origin"])
        refid = canonical_reference_id(f"{created.year % 100:02d}{origin_code}{line['serial']}")
    body = _clean_body(body_text)
    from_line = _FROM_LINE.search(header)
    return ParsedCable(
        reference_id=refid or "",
        origin=_origin_name(from_line.group(1)) if from_line else "",
        created=created,
        released=None,
        classification=_classification(line["level"], body) if line else "",
        subject=_subject(body),
        tags=_tags(body),
        body=body,
        header=_clean_lines(header),
    )


def _dtg_datetime(text: str) -> dt.datetime | None:
    m = _DTG.search(text)
    if not m or m.group(4) not in _MONTHS:
        return None
    day, hour, minute, month, yy = int(m[1]), int(m[2]), int(m[3]), _MONTHS[m[4]], int(m[5])
    year = 1900 + yy if yy > 50 else 2000 + yy
    try:
        return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)
    except ValueError:
        return None


_ORIGIN_PREFIXES = (
    ("AMEMBASSY ", "Embassy "),
    ("AMCONSUL ", "Consulate "),
    ("USMISSION ", "Mission "),
    ("AMCONSULATE ", "Consulate "),
    ("USOFFICE ", "Office "),
)


def _origin_name(sender: str) -> str:
    """`AMEMBASSY NEW DELHI` -> `Embassy New Delhi`; acronyms such as USEU or UNVIE stay upper case."""
    sender = " ".join(sender.split())
    if sender.startswith("SECSTATE"):
        return "Secretary of State"
    prefix = ""
    for raw_prefix, name in _ORIGIN_PREFIXES:
        if sender.startswith(raw_prefix):
            prefix, sender = name, sender[len(raw_prefix) :]
            break
    words = [w if re.fullmatch(r"(?:US|UN)[A-Z]{2,5}", w) else w.title() for w in sender.split()]
    return prefix + " ".join(words)


def _classification(level: str, body: str) -> str:
    level = level.replace(" ", "")
    level = "UNCLASSIFIED" if level.startswith("UNCLAS") else level
    # Handling caveats stand on their own lines between the classification line and the E.O. line.
    preamble = re.split(r"^\s*E\.?\s?O\.?\s+1\d{4}", body, maxsplit=1, flags=re.MULTILINE)[0]
    if re.search(r"^\s*NOFORN\s*$", preamble, re.MULTILINE):
        return f"{level}//NOFORN"
    if level == "UNCLASSIFIED" and re.search(r"^\s*(?:SENSITIVE|FOR OFFICIAL USE ONLY)\s*$", preamble, re.MULTILINE):
        return "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    return level


# --------------------------------------------------------------------------- shared


def _clean_lines(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


# What a line that opens a new block of the cable looks like: a paragraph (`¶2.`, `2.`), a heading
# underline, a label (`Classified By:`, `REF:`), or an upper-case section heading.
_BLOCK_START = re.compile(r"[ \t]*(?:\u00b6|\d{1,2}\.\s|-{3,}|[A-Z][A-Za-z/ ]{0,30}:|Classified\b|CLASSIFIED\b|REF\b)")


def _clean_body(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _drop_inline_page_breaks(text)
    lines = text.split("\n")
    kept: list[str] = []
    i = 0
    while i < len(lines):
        if not _PAGE_BREAK.fullmatch(lines[i]):
            kept.append(lines[i])
            i += 1
            continue
        # A page break and the blank lines around it belong to the printout. A blank line is kept only
        # where the text after the break opens a new block; a paragraph running over the break keeps
        # its hard wrap.
        while kept and not kept[-1].strip():
            kept.pop()
        i += 1
        while i < len(lines) and not lines[i].strip():
            i += 1
        if kept and i < len(lines) and _BLOCK_START.match(lines[i]):
            kept.append("")
    return _clean_lines("\n".join(kept).replace("\u00b6", ""))


def _drop_inline_page_breaks(text: str) -> str:
    """Remove a page-break marker run into a text line ("... WASHINGTON BRASILIA 00000351 001.2 OF 003").

    Only the origin words this cable's own page breaks or classification line use are recognised, so the
    marker is never confused with the words of the line it ends.
    """
    origins = {m.group("origin").strip() for line in text.split("\n") if (m := _PAGE_BREAK.fullmatch(line))}
    first = _FIRST_LINE_ORIGIN.search(text[:300])
    if first:
        origins.add(first.group("origin").strip())
    origins.discard("")
    if not origins:
        return text
    words = "|".join(re.escape(o) for o in sorted(origins, key=len, reverse=True))
    inline = rf"(?<=\S)[ \t]+(?:{words})[ \t]+\d{{5,8}}[ \t]+\d{{3}}(?:\.\d)?[ \t]+OF[ \t]+\d{{3}}(?!\w)[ \t]*"
    return re.sub(inline, " ", text)


def _subject(body: str) -> str:
    m = re.search(
        r"\bSUBJ(?:ECT)?\s*:[ \t]*(.*?)"
        r"(?=\n[ \t]*\n|\n[ \t]*(?:REF\b|Ref\b|Classified\s+By|CLASSIFIED\s+BY|\d{1,2}\.\s)|\Z)",
        body,
        re.DOTALL | re.IGNORECASE,
    )
    return " ".join(m.group(1).split()) if m else ""


_TAG = r"[A-Z][A-Z0-9]{1,5}"
_TAGS = re.compile(
    rf"(?:^|[ \t])TAGS?[ \t]*:?[ \t]+(?P<tags>{_TAG}(?:[ \t]*,?[ \t]*{_TAG})*,?)[ \t]*"
    rf"(?P<more>(?:\n[ \t]*{_TAG}(?:[ \t]*,?[ \t]*{_TAG})*,?[ \t]*(?=\n))*)",
    re.MULTILINE,
)


def _tags(body: str) -> list[str]:
    """`TAGS: PREL PGOV`, `TAGS PREL, PTER`, `TAG MASS, PREL`, continued on the next line when long."""
    m = _TAGS.search(body)
    if not m:
        return []
    return re.findall(_TAG, m.group("tags") + " " + m.group("more"))
