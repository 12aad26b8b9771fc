"""References to leaked diplomatic cables: reference ids, links to cable pages and descriptions.

A reference id (`09ISLAMABAD365`: two-digit year, origin, serial) only counts when the shipped index
of the 2010-2011 release (articles/data/refids.txt.gz, see `known_cable`) knows it, so lookalikes
such as part numbers or made-up ids are not reported. Descriptions (`a US embassy cable from
Islamabad`, `a February 2007 cable`) carry the origin and date the words give: after "from", a
sender in the same sentence ("diplomats in Moscow wrote in a cable", "the US ambassador to France"),
or, for a cable introduced there, the country its sentence (else the few before) is about
(`cable_places`: Spain -> Madrid).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import gzip
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from articles.nlp import cable_places, dates
from articles.nlp.types import CableReferenceAnnotation, Link

REFID_INDEX = Path(__file__).resolve().parent.parent / "data" / "refids.txt.gz"

# Origins spelled differently in ids than in the index (the index uses the newer form).
_ORIGIN_VARIANTS = {"SECSTATE": "STATE", "SECSTATEWASHDC": "STATE", "USMISSIONUSUNNEWYORK": "USUNNEWYORK"}

# How an origin code reads as a place; codes not listed read as the title-cased code (ISLAMABAD -> Islamabad).
_ORIGIN_NAMES = {
    "ABUDHABI": "Abu Dhabi",
    "ADDISABABA": "Addis Ababa",
    "AITTAIPEI": "Taipei",
    "BANDARSERIBEGAWAN": "Bandar Seri Begawan",
    "BUENOSAIRES": "Buenos Aires",
    "CAPETOWN": "Cape Town",
    "CDGENEVA": "Geneva",
    "CHIANGMAI": "Chiang Mai",
    "CIUDADJUAREZ": "Ciudad Juarez",
    "DARESSALAAM": "Dar es Salaam",
    "HOCHIMINHCITY": "Ho Chi Minh City",
    "HONGKONG": "Hong Kong",
    "IRANRPODUBAI": "Dubai",
    "KUALALUMPUR": "Kuala Lumpur",
    "LAPAZ": "La Paz",
    "NEWDELHI": "New Delhi",
    "NUEVOLAREDO": "Nuevo Laredo",
    "OSAKAKOBE": "Osaka",
    "PHNOMPENH": "Phnom Penh",
    "PONTADELGADA": "Ponta Delgada",
    "PORTAUPRINCE": "Port-au-Prince",
    "PORTLOUIS": "Port Louis",
    "PORTMORESBY": "Port Moresby",
    "PORTOFSPAIN": "Port of Spain",
    "RIODEJANEIRO": "Rio de Janeiro",
    "RPODUBAI": "Dubai",
    "SANJOSE": "San Jose",
    "SANSALVADOR": "San Salvador",
    "SANTODOMINGO": "Santo Domingo",
    "SAOPAULO": "Sao Paulo",
    "STATE": "Washington",
    "STPETERSBURG": "St Petersburg",
    "TELAVIV": "Tel Aviv",
    "THEHAGUE": "The Hague",
    "UNESCOPARIS": "Paris",
    "UNROME": "Rome",
    "UNVIEVIENNA": "Vienna",
    "USEUBRUSSELS": "Brussels",
    "USNATO": "Brussels",
    "USOSCE": "Vienna",
    "USTRGENEVA": "Geneva",
    "USUNNEWYORK": "New York",
    "WASHDC": "Washington",
}
# Place names written in articles that are not spelled like an origin code.
_PLACE_ALIASES = {
    "WASHINGTON": "Washington",
    "DELHI": "New Delhi",
    "NEWYORK": "New York",
    "BOMBAY": "Mumbai",
    "MEXICOCITY": "Mexico",
    "GUATEMALACITY": "Guatemala",
    "PANAMACITY": "Panama",
    "KUWAITCITY": "Kuwait",
    "SANAA": "Sanaa",
    "SANA": "Sanaa",
    "STATEDEPARTMENT": "Washington",
    "SECRETARYOFSTATE": "Washington",
}

# Two-digit year, origin (letters, optionally split by single spaces: "09 NEW DELHI 5135"), serial.
REFERENCE_ID = re.compile(r"(?<![\w/-])(?<!\S#)(\d{2}) ?([A-Z]{2,}(?: [A-Z]{2,}){0,2}) ?(\d{1,7})(?!\w)")
_LOOSE_ID = re.compile(r"(\d{2})([A-Za-z]{2,})(\d{1,7})")
# /cable/2009/02/09ISLAMABAD365.html, also the broken /cables/... form, absolute URLs and no extension.
_CABLE_HREF = re.compile(r"/cables?/(?:\d{4}/\d{1,2}/)?([0-9]{2}[A-Za-z]{2,}[0-9]{1,7})(?:\.html?\b|(?!\w|\.\w))")


# --------------------------------------------------------------------------- reference id index


class _RefidIndex:
    """Serials per `YYORIGIN` prefix, sorted, with the month of each; built once from the data file."""

    def __init__(self, path: Path) -> None:
        # Compact arrays rather than a dict of 250,000 strings: a few MB in memory, loaded in well under a second.
        self.serials: dict[str, array[int]] = {}
        self.months: dict[str, bytes] = {}
        with gzip.open(path, "rt", encoding="ascii") as lines:
            for line in lines:
                prefix, _, pairs = line.rstrip("\n").partition("\t")
                numbers = pairs.replace(":", " ").split()
                self.serials[prefix] = array("I", map(int, numbers[0::2]))
                self.months[prefix] = bytes(map(int, numbers[1::2]))
        self.origins = {prefix[2:] for prefix in self.serials}
        counts: dict[str, int] = {}
        for prefix, serials in self.serials.items():
            counts[prefix[2:]] = counts.get(prefix[2:], 0) + len(serials)
        # An origin spelled in one cable only is mostly a garbled header (BEIJIG, SOIA), not a place to name.
        self.places = {origin for origin, n in counts.items() if n > 1}

    def month(self, prefix: str, serial: int) -> int | None:
        serials = self.serials.get(prefix)
        if not serials:
            return None
        i = bisect.bisect_left(serials, serial)
        if i < len(serials) and serials[i] == serial:
            return self.months[prefix][i]
        return None


@functools.cache
def _index() -> _RefidIndex:
    return _RefidIndex(REFID_INDEX)


def _full_year(yy: int) -> int:
    # The release spans 1966-2010: two-digit years above 50 are 19xx.
    return 1900 + yy if yy > 50 else 2000 + yy


def canonical_reference_id(candidate: str) -> str | None:
    """`09 ISLAMABAD 000365`, `09secstate1234` -> `09ISLAMABAD365`, `09STATE1234`; None when not id-shaped."""
    compact = re.sub(r"\s+", "", candidate.strip())
    m = _LOOSE_ID.fullmatch(compact)
    if not m:
        return None
    origin = m.group(2).upper()
    origin = _ORIGIN_VARIANTS.get(origin, origin)
    return f"{m.group(1)}{origin}{int(m.group(3))}"


def known_cable(refid: str) -> tuple[int, int] | None:
    """(year, month) of a cable of the 2010-2011 release, None for an id the release does not have."""
    canonical = canonical_reference_id(refid)
    if canonical is None:
        return None
    m = _LOOSE_ID.fullmatch(canonical)
    assert m is not None
    month = _index().month(m.group(1) + m.group(2), int(m.group(3)))
    if month is None:
        return None
    return _full_year(int(m.group(1))), month


def origin_name(code: str) -> str:
    """The place an origin code stands for: NEWDELHI -> New Delhi, STATE -> Washington."""
    code = _ORIGIN_VARIANTS.get(code, code)
    return _ORIGIN_NAMES.get(code) or code.title()


def _place_key(words: str) -> str:
    folded = unicodedata.normalize("NFKD", words)
    return "".join(c for c in folded if c.isalpha()).upper()


@functools.cache
def _posts() -> dict[str, str]:
    return {code: names[0] for code, names, _ in cable_places.COUNTRIES if names}


def country_of_post(place: str) -> str | None:
    """The country whose capital (the city of the US embassy there) `place` names: `Nairobi` -> Kenya."""
    return _posts().get(_place_key(place))


def canonical_place(words: str) -> str | None:
    """A place named in text as it reads canonically (`Brasília` -> `Brasilia`), if it is a cable origin."""
    key = _place_key(words)
    if len(key) < 3:
        return None
    if key in _PLACE_ALIASES:
        return _PLACE_ALIASES[key]
    if key in _ORIGIN_NAMES:
        return _ORIGIN_NAMES[key]
    if key in _index().places and key not in _NOT_PLACES:
        return origin_name(key)
    return None


def resolve_place(words: str) -> str | None:
    """A cable origin named by a post (`Islamabad`) or by its country (`Pakistan` -> `Islamabad`)."""
    name = canonical_place(words)
    if name:
        return name
    code = cable_places.country_origin_code(words, names_only=True)
    return origin_name(code) if code else None


# Origin codes of the index that are not place names someone would write after "a cable from".
_NOT_PLACES = {"STATE", "USNATO", "USOSCE", "FESTTWO", "FSINFATC", "FSCCHARLESTON", "BAU", "NOFORNMOGADISHU"}


# --------------------------------------------------------------------------- descriptions

_DIPLOMATIC = (
    r"leaked|secret|classified|confidential|sensitive|diplomatic|US|U\.S\.|U\.S|American|America's|"
    r"United\s+States|embassy|Embassy|consulate|Consulate|consular|State\s+Department(?:'s)?|Department|"
    r"WikiLeaks(?:')?|Wikileaks(?:')?|Cablegate|ambassador's|embassy's|mission|unclassified|internal"
)
_GENERIC = (
    r"a|A|an|the|one|another|two|three|four|five|six|several|many|some|these|those|this|its|their|his|her|"
    r"other|latest|new|recent|earlier|later|previous|subsequent|same|separate|further|more|such|thousands|"
    r"hundreds|dozens|undated|follow-up|[A-Z][a-z]+\s+\d{4}|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{1,2},\s+\d{4}|"
    r"(?:19|20)\d{2}|[A-Z][a-z]+(?:-[a-z]+)?|[A-Z][a-z]+\s+[A-Z][a-z]+"
)
_CABLE_WORD = re.compile(r"\b[Cc]ables?\b")
# A word that is part of a web address up to the point it reaches.
_IN_ADDRESS = re.compile(r"\S*(?:/|www\.)")
_LEAK_WORD = re.compile(r"\b(?:cablegate|wikileaks)\b", re.IGNORECASE)
_DETERMINER = re.compile(r"a|an|the|one|another|two|three|four|five|six|several|many|some|these|those|this|its|their")
_MODIFIER_WORD = re.compile(rf"(?<![\w.-])(?:{_DIPLOMATIC}|{_GENERIC})\s+$")
_STRONG_MODIFIER = re.compile(rf"^(?:{_DIPLOMATIC})$")

# Other senses of "cable": things before it and after it that make it hardware, television or a person.
_OTHER_SENSE_BEFORE = re.compile(
    r"(?:network|ethernet|fib(?:re|er)|optic(?:al)?|power|electric(?:al)?|undersea|submarine|copper|coaxial|"
    r"hdmi|usb|telephone|phone|steel|wire|jumper|charging|data|broadband|basic|pay|digital|high-voltage|"
    r"transatlantic|subsea|internet|extension|audio|video|speaker|printer|tow|bike|brake|lift|suspension|"
    r"vince|mr|dr|secretary|minister)\W*$",
    re.IGNORECASE,
)
_OTHER_SENSE_AFTER = re.compile(
    r"^(?:-\w|\s+(?:tv|television|channel|channels|network|networks|news|operator|operators|company|companies|"
    r"provider|providers|car|cars|way|guy|box|boxes|modem|modems|internet|broadband|subscriber|subscribers|"
    r"subscription|industry|ties|tie|knit|stitch|bill|bills|package|packages|service|services|line|lines|"
    r"system|systems|connection|connections|giant|firm|firms|show|shows|host|viewers|market|access|"
    r"television's|lock|locks|stayed|laying|layer|ship|bridge|management)\b)",
    re.IGNORECASE,
)
_DOCUMENT_SIGNALS = re.compile(
    r"WikiLeaks|Wikileaks|Cablegate|State Department|diplomatic|embassy|Embassy|consulate|ambassador", re.UNICODE
)
_PLACE = r"[A-Z][\w'’.-]*(?:\s+(?:de|es|do|da|au|of|[A-Z][\w'’.-]*)){0,3}"
# Who published the cable, said between the cable and its sender ("a cable released by WikiLeaks from ...").
_PUBLISHED_BY = (
    r"(?:(?:released|published|leaked|obtained|made\s+public)\s+by\s+(?:the\s+)?[A-Z][\w']*(?:\s+[A-Z][\w']*)?,?\s+)?"
)
_COMPLEMENT = re.compile(
    r"(?:\s*,)?\s+" + _PUBLISHED_BY + r"(?:(?:(?:that|which)\s+(?:was\s+|were\s+)?)?"
    r"(?:sent|written|signed|issued|dispatched|filed|cabled|came|comes|originating|originated|coming)\s+)?"
    r"(?:from|by|out\s+of|quoted|quoting|quotes|cited|citing|cites)\s+"
    r"(?:the\s+)?(?:(?:then|former|acting|deputy|top|senior|US|U\.S\.|American|United\s+States)[\s-]+)*"
    r"(?:(?:embassy|Embassy|consulate(?:\s+general)?|Consulate(?:\s+General)?|mission|ambassador|Ambassador|envoy|"
    r"charg[eé]\s+d'affaires|diplomats?|officials?|chief\s+of\s+mission|consul(?:\s+general)?)\s+"
    r"(?:(?:in|at|to)\s+)?)?"
    rf"(?P<place>{_PLACE})"
)
# Other words for the cables themselves; they count only with an embassy-like sender ("reports from the
# US ambassador in Tunis", "documents that were sent from the US Embassy in Kathmandu").
_DOCUMENT_WORD = re.compile(
    r"\b(?:documents?|reports?|memos?|memoranda|dispatch(?:es)?|telegrams?|messages?|communiqu[eé]s?)"
    r"(?=(?:\s+(?:that|which)\s+(?:were|was))?\s+(?:sent\s+|written\s+|filed\s+)?(?:from|by)\s+(?:the\s+)?"
    r"(?:(?:then|former|acting|deputy|top|senior|US|U\.S\.|American|United\s+States)[\s-]+)*"
    r"(?:embassy|Embassy|consulate|Consulate|ambassador|Ambassador|envoy|mission|Mission|chief\s+of\s+mission)\b)"
)
# Dispatches, telegrams and memos also count when sent from a post by name ("a 2009 dispatch from Kabul"), in a
# text about cables only: a reporter's dispatch from Kabul reads the same.
_DISPATCH_FROM = re.compile(r"\b(?:dispatch(?:es)?|telegrams?|memos?)(?=\s+(?:sent\s+)?from\s+[A-Z])")
_OTHER_CABLE_WORD = re.compile(
    r"\b(?i:a|an|one|another|the)\s+(?:(?:secret|confidential|classified|diplomatic|leaked)\s+)?"
    r"(?:dispatch|memo|telegram)\b"
)
_DOCUMENT_COMPLEMENT_PREFIX = re.compile(r"\s+(?:that|which)\s+(?:were|was)(?=\s)")
_DATED = re.compile(r"\s*,?\s+(?:dated|of|from|on)\s+")
_SENT_IN = re.compile(r"\s*,?\s+in\s+")
# Who wrote a cable, named elsewhere in its sentence ("diplomats in Moscow wrote in a cable", "the US
# ambassador to France, in a cable to Washington", "the Madrid embassy said in a cable").
_SENDER = re.compile(
    r"(?:(?:(?:US|U\.S\.|American|United\s+States)[\s-]+)?"
    r"\b(?i:embassy|consulate(?:\s+general)?|mission|ambassador|envoy|charg[eé]\s+d'affaires|diplomats?|"
    r"chief\s+of\s+mission|consul(?:\s+general)?)"
    r"|(?:US|U\.S\.|American)\s+officials)"
    rf"\s+(?:in|at|to)\s+(?:the\s+)?(?P<place>{_PLACE})"
    rf"|\b(?i:the|its|a)\s+(?:(?:US|U\.S\.|American)\s+)?(?!(?:US|U\.S\.|American)\s)(?P<post>{_PLACE})\s+"
    r"(?:embassy|consulate)\b"
)
# A sender the cable was sent to, not from ("a cable asked diplomats in ...", "a cable to the embassy in ...").
_ADDRESSEE = re.compile(
    r"(?:\bto|ask(?:ed|ing)|instruct(?:ed|ing)|t(?:old|elling)|order(?:ed|ing)|urg(?:ed|ing)|direct(?:ed|ing)|"
    r"task(?:ed|ing)|request(?:ed|ing))\s+(?:the\s+|all\s+|its\s+)?$"
)
# A sentence where the cable goes to a post: its places say where it went, not where it came from.
_SENT_TO_POST = re.compile(
    r"(?:\bto|ask(?:ed|ing)|instruct(?:ed|ing)|t(?:old|elling)|order(?:ed|ing)|urg(?:ed|ing)|direct(?:ed|ing)|"
    r"task(?:ed|ing)|request(?:ed|ing))\s+(?:the\s+|all\s+|its\s+)?(?:(?:US|U\.S\.|American)\s+)?"
    r"(?:embass(?:y|ies)|consulates?|diplomats|posts|missions?|ambassadors?|envoys?)\b"
)
# A place named near a cable: a country, or a post after "in"/"from"/"at" ("the situation in Lagos").
_NEAR_POST = re.compile(rf"\b(?:in|from|at)\s+(?P<place>{_PLACE})")
_NOT_CONTEXT_ORIGINS = {"Washington", "New York"}
# Where sentences end: after . ! or ? (and a closing quote), before what starts a sentence; or at a line break.
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n+")
_ABBREVIATION = re.compile(
    r"(?:^|\s)(?:[A-Z]|[A-Za-z]+\.[A-Za-z.]+|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sen|Rep|St|No|Jr|Sr|Gov|Prof|Capt|Adm|Maj|Sgt|Mt)$"
)


def extract_cable_references(
    text: str, *, links: Iterable[Link] = (), anchor: dt.date | None = None
) -> list[CableReferenceAnnotation]:
    """Cable references in `text`: known ids written out, links to cable pages, and descriptions."""
    found: list[CableReferenceAnnotation] = []
    for link in links:
        ref = _link_reference(link, text)
        if ref is not None:
            found.append(ref)
    # Ids written out, and cable page addresses written out in the text (the id is the reference's span).
    written = [(m.start(), m.end(), m.group(0)) for m in REFERENCE_ID.finditer(text)]
    written += [(m.start(1), m.end(1), m.group(1)) for m in _CABLE_HREF.finditer(text)]
    for start, end, words in sorted(written):
        refid = canonical_reference_id(words)
        if refid is None or _overlaps(found, start, end):
            continue
        month = known_cable(refid)
        if month is None:
            continue
        found.append(_id_annotation(start, end, text, refid, month))
    found.extend(_descriptions(text, found, anchor))
    return _merge_described_ids(text, sorted(found, key=lambda c: (c.start, c.end)))


def _merge_described_ids(text: str, found: list[CableReferenceAnnotation]) -> list[CableReferenceAnnotation]:
    """`a 2009 cable (09ISLAMABAD365)` is one reference: the description joins the id that follows it."""
    merged: list[CableReferenceAnnotation] = []
    for ref in found:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.reference_id is None
            and ref.reference_id is not None
            and re.fullmatch(r"\s*[(,:]?\s*#?", text[previous.end : ref.start])
        ):
            date = previous.date if previous.date and ref.date and previous.date.startswith(ref.date) else ref.date
            end = ref.end + (
                1 if text[previous.end : ref.start].strip() == "(" and text[ref.end : ref.end + 1] == ")" else 0
            )
            merged[-1] = CableReferenceAnnotation(
                previous.start, end, text[previous.start : end], ref.reference_id, ref.origin, date
            )
            continue
        merged.append(ref)
    return merged


def _overlaps(found: list[CableReferenceAnnotation], start: int, end: int) -> bool:
    return any(f.start < end and start < f.end for f in found)


def _id_annotation(start: int, end: int, text: str, refid: str, month: tuple[int, int]) -> CableReferenceAnnotation:
    m = _LOOSE_ID.fullmatch(refid)
    assert m is not None
    return CableReferenceAnnotation(
        start,
        end,
        text[start:end],
        reference_id=refid,
        origin=origin_name(m.group(2)),
        date=f"{month[0]}-{month[1]:02d}",
    )


def _link_reference(link: Link, text: str) -> CableReferenceAnnotation | None:
    m = _CABLE_HREF.search(link.href)
    if not m:
        return None
    refid = canonical_reference_id(m.group(1))
    if refid is None:
        return None
    month = known_cable(refid)
    if month is None:
        return None
    return _id_annotation(link.start, link.end, text, refid, month)


class _Candidate(NamedTuple):
    start: int
    end: int
    strong: bool  # a description that stands alone, not an anaphor ("a 2009 cable", not "the cable")
    origin: str | None
    date: str | None
    word: int  # where the cable noun is
    single: bool  # one cable ("a cable", "the cable") or a dated batch, not the release as a whole


def _descriptions(
    text: str, found: list[CableReferenceAnnotation], anchor: dt.date | None
) -> list[CableReferenceAnnotation]:
    candidates: list[_Candidate] = []
    for m in _CABLE_WORD.finditer(text):
        if _overlaps(found, m.start(), m.end()) or not _diplomatic_sense(text, m.start(), m.end()):
            continue
        start, strong, place_before = _extend_left(text, m.start())
        end, place, date_value = _extend_right(text, m.end(), anchor)
        place = place or place_before or _state_department_cable(text, start, m)
        if _overlaps(found, start, end):
            start, end = m.start(), m.end()  # a link or id next to the word keeps its own span
        date_value = date_value or _date_within(text, start, m.start(), anchor)
        strong = strong or place is not None or date_value is not None
        # one cable, a dated batch, or cables its sender wrote ("the embassy in Madrid reported in cables")
        single = (
            date_value is not None
            or m.group(0).lower() == "cable"
            or (start == m.start() and text[max(0, start - 3) : start] == "in ")
        )
        candidates.append(_Candidate(start, end, strong, place, date_value, m.start(), single))
    for m in _DOCUMENT_WORD.finditer(text):
        if _overlaps(found, m.start(), m.end()):
            continue
        after = _DOCUMENT_COMPLEMENT_PREFIX.match(text, m.end())
        end, place, date_value = _extend_right(text, after.end() if after else m.end(), anchor)
        if place is None:
            continue
        start, _, _ = _extend_left(text, m.start())
        candidates.append(_Candidate(start, end, True, place, date_value, m.start(), False))
    for m in _DISPATCH_FROM.finditer(text):
        if _overlaps(found, m.start(), m.end()) or any(c.start <= m.start() < c.end for c in candidates):
            continue
        end, place, date_value = _extend_right(text, m.end(), anchor)
        if place is None:
            continue
        start, _, _ = _extend_left(text, m.start())
        date_value = date_value or _date_within(text, start, m.start(), anchor)  # "a 2009 dispatch from X"
        candidates.append(_Candidate(start, end, False, place, date_value, m.start(), False))
    # Anaphoric mentions ("the cable said") only count in a text that is about leaked cables.
    about_cables = bool(found) or any(c.strong for c in candidates) or bool(_DOCUMENT_SIGNALS.search(text))
    if about_cables and candidates:
        # there, a dispatch, memo or telegram whose sender the sentence names is a cable too ("diplomats in
        # Ottawa wrote in a dispatch", "one dispatch, sent by the mission in Geneva")
        for m in _OTHER_CABLE_WORD.finditer(text):
            if _overlaps(found, m.start(), m.end()) or any(c.start <= m.start() < c.end for c in candidates):
                continue
            end, place, date_value = _extend_right(text, m.end(), anchor)
            start = m.start()
            others = [(o.start, o.end) for o in candidates]
            place = place or _sender_origin(text, _sentence_starts(text), start, end, others)
            if place is not None:
                candidates.append(_Candidate(start, end, False, place, date_value, m.start(), True))
    sentences = _sentence_starts(text)
    out: list[CableReferenceAnnotation] = []
    for c in candidates:
        origin, sender = c.origin, None
        if origin is None and c.single:
            # Only for one cable or a dated batch: an ambassador named beside "the leaked cables" need not
            # have written them.
            others = [(o.start, o.end) for o in candidates if o is not c]
            origin = sender = _sender_origin(text, sentences, c.start, c.end, others)
        if not (c.strong or about_cables or sender):
            continue  # a named sender makes even a text with no other sign of leaks about a cable
        if (
            origin is None
            and c.single
            and (c.date or re.match(r"(?:a|an|one|another)\b", text[c.start : c.word], re.I))
            and not _inside_quotation(text, c.start)
        ):
            # Only a cable introduced here ("a 2009 cable", "another cable"): "the cable" points back to one
            # whose origin was given, or not, where it was introduced. Not inside quoted words either: their
            # countries are the quoted source's subject, not the article's account of the cable.
            origin = _context_origin(text, sentences, c.word)
        out.append(CableReferenceAnnotation(c.start, c.end, text[c.start : c.end], origin=origin, date=c.date))
    return out


def _state_department_cable(text: str, start: int, word: re.Match[str]) -> str | None:
    """`a State Department cable` (one cable, not the whole release) was sent from Washington."""
    if word.group(0).lower() == "cable" and re.search(r"\bState\s+Department(?:'s)?\s", text[start : word.start()]):
        return "Washington"
    return None


def _sentence_starts(text: str) -> list[int]:
    starts = [0]
    for m in _SENTENCE_END.finditer(text):
        if m.group(0)[0] == "." and _ABBREVIATION.search(text[max(0, m.start() - 20) : m.start()]):
            continue
        starts.append(m.end())
    return starts


def _sentence_of(text: str, sentences: list[int], position: int) -> tuple[int, int]:
    """Index of the sentence holding `position` and where that sentence ends."""
    i = bisect.bisect_right(sentences, position) - 1
    return i, sentences[i + 1] if i + 1 < len(sentences) else len(text)


def _sender_origin(text: str, sentences: list[int], start: int, end: int, others: list[tuple[int, int]]) -> str | None:
    """The post of a sender named in the reference's sentence (outside other references), the one nearest it."""
    i, sentence_end = _sentence_of(text, sentences, start)
    sentence_start = sentences[i]
    best: tuple[int, str] | None = None
    for m in _SENDER.finditer(text, sentence_start, sentence_end):
        if _ADDRESSEE.search(text[max(sentence_start, m.start() - 30) : m.start()]):
            continue
        if any(a < m.end() and m.start() < b for a, b in [(start, end), *others]):
            continue  # a reference's own complement already had its say
        if m.group("place"):
            name = _leading_place(m.group("place"), resolve_place)
        else:
            name = _leading_place(m.group("post"), canonical_place)
        if name is None or name in _NOT_CONTEXT_ORIGINS:
            continue  # an embassy in Washington is another country's
        distance = start - m.end() if m.end() <= start else m.start() - end
        if best is None or distance < best[0]:
            best = (distance, name)
    return best[1] if best else None


def _leading_place(words: str, resolve: Callable[[str], str | None]) -> str | None:
    """The place named by the longest run of leading words ("New Delhi said" -> New Delhi)."""
    parts = words.split()
    for n in range(len(parts), 0, -1):
        name = resolve(" ".join(parts[:n]).rstrip(".,;:'’"))
        if name:
            return name
    return None


def _places_in(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Countries (as their embassy's post) and posts after "in"/"from"/"at" between start and end."""
    places: list[tuple[int, str]] = []
    for m in cable_places.country_pattern().finditer(text, start, end):
        code = cable_places.country_origin_code(m.group(0))
        if code:
            places.append((m.start(), origin_name(code)))
    for m in _NEAR_POST.finditer(text, start, end):
        name = _leading_place(m.group("place"), canonical_place)
        if name and name not in _NOT_CONTEXT_ORIGINS:
            places.append((m.start("place"), name))
    return sorted(places)


def _inside_quotation(text: str, position: int) -> bool:
    """Whether `position` falls between quotation marks opened earlier in its paragraph."""
    paragraph = text[text.rfind("\n", 0, position) + 1 : position]
    return paragraph.count('"') % 2 == 1 or paragraph.count("“") > paragraph.count("”")


def _context_origin(text: str, sentences: list[int], position: int) -> str | None:
    """Where one cable came from when the words around it say so only by naming the country.

    The cable's own sentence decides first (most named, then first named); else the three before it
    (most named, then nearest).
    """
    i, sentence_end = _sentence_of(text, sentences, position)
    if _SENT_TO_POST.search(text, sentences[i], sentence_end):
        return None
    own = _places_in(text, sentences[i], sentence_end)
    if own:
        counts = Counter(name for _, name in own)
        return max(own, key=lambda p: (counts[p[1]], -p[0]))[1]
    before = _places_in(text, sentences[max(0, i - 3)], sentences[i])
    if before:
        counts = Counter(name for _, name in before)
        return max(before, key=lambda p: (counts[p[1]], p[0]))[1]
    return None


def cable_mentions(text: str) -> int:
    """How often the text speaks of leaked cables: the word in its diplomatic sense (not Vince Cable or a
    network cable), Cablegate and WikiLeaks."""
    words = sum(1 for m in _CABLE_WORD.finditer(text) if _diplomatic_sense(text, m.start(), m.end()))
    return words + len(_LEAK_WORD.findall(text))


def _diplomatic_sense(text: str, start: int, end: int) -> bool:
    word_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    if text[end : end + 1] == "/" or _IN_ADDRESS.match(text, word_start, start):
        return False  # inside an address (".../cable/2009/02/...", ".../dec/05/students-wikileaks-cables")
    before = text[max(0, start - 30) : start]
    if _OTHER_SENSE_BEFORE.search(before) or _OTHER_SENSE_AFTER.match(text[end : end + 30]):
        return False
    if text[start] == "C" and not _sentence_start(text, start):
        # "Cable" capitalised mid-sentence is a name (Vince Cable) unless a headline-style modifier precedes it.
        previous = re.search(r"(\S+)\s+$", before)
        if not previous or not _STRONG_MODIFIER.match(previous.group(1)):
            return False
    return True


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?\n:"


def _extend_left(text: str, start: int) -> tuple[int, bool, str | None]:
    """Take in the modifiers before "cable": determiners, adjectives, dates, the origin ("an Islamabad cable")."""
    strong = False
    place: str | None = None
    while True:
        window = text[max(0, start - 40) : start]
        m = _MODIFIER_WORD.search(window)
        if not m:
            return start, strong, place
        word = m.group(0).strip()
        if _STRONG_MODIFIER.match(word) or _is_date_words(word):
            strong = True
        elif word[0].isupper() and _DETERMINER.fullmatch(word.lower()):
            # "A 2009 cable" opening a sentence: the determiner is the description's first word.
            if not _sentence_start(text, start - len(window) + m.start()):
                return start, strong, place
        elif word[0].isupper():
            # A capitalised word before the cable is kept only as an origin ("the Islamabad embassy cable").
            name = canonical_place(word)
            if name is None and " " in word:
                # "The London": the place is the last word, the determiner before it starts the description.
                last = word.rsplit(" ", 1)[1]
                name = canonical_place(last)
                if name is not None:
                    start = start - len(window) + m.start() + m.group(0).rindex(last)
                    place = place or name
                    continue
            if name is None:
                return start, strong, place
            place = place or name
        start = start - len(window) + m.start()
        if _sentence_start(text, start):
            return start, strong, place


def _is_date_words(words: str) -> bool:
    return bool(re.fullmatch(r"(?:\d{1,2}\s+)?[A-Z][a-z]+\s+(?:\d{1,2},\s+)?\d{4}|(?:19|20)\d{2}", words)) and bool(
        dates.extract_dates(words)
    )


def _extend_right(text: str, end: int, anchor: dt.date | None) -> tuple[int, str | None, str | None]:
    place: str | None = None
    date_value: str | None = None
    m = _COMPLEMENT.match(text, end)
    if m:
        words = m.group("place").split()
        # The longest run of leading words that names a known place ("Sao Paulo", "New Delhi", "Islamabad").
        for n in range(len(words), 0, -1):
            candidate = " ".join(words[:n]).rstrip(".,;:'’")
            name = resolve_place(candidate)
            if name:
                place = name
                end = m.start("place") + len(candidate)
                post = re.match(r"\s+(?:embassy|Embassy|consulate|Consulate|mission|Mission)\b", text[end:])
                end += post.end() if post else 0
                break
    d = _DATED.match(text, end) or _SENT_IN.match(text, end)
    if d:
        # "dated 3 May 2009", "of March 2009"; after "in" a year will do ("sent from Ankara in 2004")
        precisions = {"day", "month", "year"} if d.re is _SENT_IN else {"day", "month"}
        for found in dates.extract_dates(text[d.end() : d.end() + 40], anchor=anchor):
            if found.start == 0 and found.value and found.precision in precisions:
                date_value = found.value
                end = d.end() + found.end
            break
    return end, place, date_value


def _date_within(text: str, start: int, end: int, anchor: dt.date | None) -> str | None:
    for found in dates.extract_dates(text[start:end], anchor=anchor):
        if found.value:
            return found.value
    return None
