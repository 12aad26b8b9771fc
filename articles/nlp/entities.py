"""Named entities: spaCy NER, then one label and one canonical name per entity across the document.

After `ner` (and the curated-alias ruler) the `entity_canonicalizer` component rewrites `doc.ents`:
split names are rejoined (`Gen Ashfaq` + `Pervez Kayani`), junk is dropped (`post-26/11`, `Subscribe`),
titles are stripped from the canonical name (stored as each span's `id_`), surnames and partial
names are linked to the full name, and every mention of one name gets the label most of its mentions
have. `extract_entities(doc)` then reads `doc.ents` into plain `EntityAnnotation`s.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from articles.nlp.entities_names import (
    ACRONYM_SKIP,
    AMBIGUOUS_TITLES,
    BOILERPLATE_WORDS,
    COUNTRY_ALIASES,
    JOB_TITLE_HEADS,
    LOCATIVE_PREPOSITIONS,
    LONGEST_TITLE,
    TITLE_PHRASES,
)
from articles.nlp.types import EntityAnnotation

KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})

CURATED_RULER = "curated_aliases"
CANONICALIZER = "entity_canonicalizer"
_DONE_KEY = "entities_canonicalized"

_URLISH = re.compile(r"(?:://|www\.|@|\.(?:com|org|net|gov|edu|co\.uk|in|pk)\b)", re.IGNORECASE)
_STRIP_CHARS = '()[]{}"“”‘’«»,;:'
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_SPACES = re.compile(r"\s+")


@dataclass
class _Mention:
    start: int  # token indices, end exclusive
    end: int
    label: str
    canonical: str = ""
    curated: bool = False


# ---------------------------------------------------------------- components


@Language.component(CANONICALIZER)
def entity_canonicalizer(doc: Doc) -> Doc:
    """Rewrite `doc.ents` in place: repaired spans, one label per name, canonical names as span ids."""
    mentions = [_Mention(ent.start, ent.end, ent.label_, ent.id_, bool(ent.id_)) for ent in doc.ents]
    others = [ent for ent in doc.ents if ent.label_ not in NAME_LABELS]
    mentions = [m for m in mentions if m.label in NAME_LABELS]
    text = doc.text  # built anew on every access
    mentions = _repair_spans(doc, text, mentions)
    for m in mentions:
        if not m.curated:
            m.canonical = canonical_name(doc[m.start : m.end].text, m.label)
    mentions = [m for m in mentions if m.curated or _is_plausible(doc, text, m)]
    _link_partial_names(doc, mentions)
    _vote_labels(mentions)
    spans = [Span(doc, m.start, m.end, label=m.label, span_id=m.canonical) for m in mentions]
    taken = {i for m in mentions for i in range(m.start, m.end)}
    spans += [ent for ent in others if not taken.intersection(range(ent.start, ent.end))]
    doc.ents = sorted(spans, key=lambda span: span.start)
    doc.user_data[_DONE_KEY] = True
    return doc


def add_components(nlp: Language) -> None:
    """Add the curated-alias ruler (disabled until aliases are set) and the canonicalizer after `ner`."""
    if "ner" not in nlp.pipe_names:
        return
    if CURATED_RULER not in nlp.component_names:
        nlp.add_pipe("entity_ruler", name=CURATED_RULER, after="ner", config={"overwrite_ents": True})
        # An empty ruler warns on every document (W036); it runs only while it holds patterns.
        nlp.disable_pipe(CURATED_RULER)
    if CANONICALIZER not in nlp.component_names:
        nlp.add_pipe(CANONICALIZER, last=True)


def set_curated_aliases(nlp: Language, aliases: Sequence[tuple[str, str, str]]) -> None:
    """Replace the ruler's patterns with curated (surface, canonical, label) triples; enables it if any."""
    if CURATED_RULER not in nlp.component_names:
        return
    ruler = nlp.get_pipe(CURATED_RULER)
    ruler.clear()
    if aliases:
        ruler.add_patterns(
            [{"label": label, "pattern": surface, "id": canonical} for surface, canonical, label in aliases]
        )
        if CURATED_RULER in nlp.disabled:
            nlp.enable_pipe(CURATED_RULER)
    elif CURATED_RULER not in nlp.disabled:
        nlp.disable_pipe(CURATED_RULER)


def extract_entities(doc: Doc) -> list[EntityAnnotation]:
    """Entity mentions of `doc` with one canonical name and label per entity (canonicalizes if not yet done)."""
    if not doc.user_data.get(_DONE_KEY):
        entity_canonicalizer(doc)
    return [
        EntityAnnotation(ent.start_char, ent.end_char, ent.text, ent.label_, ent.id_ or canonical_name(ent.text))
        for ent in doc.ents
        if ent.label_ in KEPT_LABELS
    ]


# ---------------------------------------------------------------- names


@functools.lru_cache(maxsize=4096)
def _norm(text: str) -> str:
    """Case-folded form used to compare names: no full stops, no leading 'the', single spaces."""
    text = unicodedata.normalize("NFKC", text).casefold().replace(".", "")
    text = _SPACES.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


def _title_length(words: list[str], start: int) -> int:
    """How many words from `start` form a title ('Lt Gen', 'Secretary of State'); 0 if none."""
    lowered = [w.casefold().rstrip(".") for w in words]
    for size in range(min(LONGEST_TITLE, len(words) - start), 0, -1):
        if tuple(lowered[start : start + size]) in TITLE_PHRASES:
            return size
    return 0


def strip_titles(name: str) -> str:
    """Drop leading titles, ranks and honorifics, and a 'Country/Demonym Title' prefix, keeping a name."""
    words = name.split()
    start = 0
    while start < len(words) - 1:
        size = _title_length(words, start)
        if not size or start + size >= len(words):
            break
        start += size
    # "Afghan Ambassador Hamdullah Mohib", "US Army chief ...": one qualifier word before a title
    if start == 0 and len(words) >= 3:
        size = _title_length(words, 1)
        if size and 1 + size < len(words) and words[1].casefold().rstrip(".") not in AMBIGUOUS_TITLES:
            start = 1 + size
    return " ".join(words[start:])


def canonical_name(surface: str, label: str = "PERSON") -> str:
    """The canonical form of one mention: titles, possessive, brackets and country variants normalised."""
    name = _SPACES.sub(" ", surface.replace("(", " ").replace(")", " ")).strip(_STRIP_CHARS + " ")
    name = _POSSESSIVE.sub("", name).strip(_STRIP_CHARS + " ")
    if label == "PERSON":
        name = strip_titles(name)
    if name.split(" ", 1)[0] in {"the", "The"} and (label != "ORG" or _norm(name) in COUNTRY_ALIASES):
        name = name.split(" ", 1)[1] if " " in name else name
    if label in {"GPE", "ORG", "PERSON", "LOC"} and _norm(name) in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[_norm(name)]
    if label == "NORP":
        name = _singular_demonym(name)
    return name.strip()


def _singular_demonym(name: str) -> str:
    """'Indians' -> 'Indian', 'Pakistanis' -> 'Pakistani'; 'Swiss' and 'Chinese' stay as they are."""
    head, _, last = name.rpartition(" ")
    if len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is")) and last[:1].isupper():
        last = last[:-1]
    elif len(last) > 4 and last.endswith("is") and last[-3:-2] not in "aeiou":
        last = last[:-1]  # Pakistanis, Israelis, Iraqis
    return f"{head} {last}".strip()


# ---------------------------------------------------------------- span repair


def _is_title_token(token: Token) -> bool:
    return (token.lower_.rstrip("."),) in TITLE_PHRASES


def _repair_spans(doc: Doc, text: str, mentions: list[_Mention]) -> list[_Mention]:
    """Trim and split spans, join names the model split, and drop organisation fragments of job titles."""
    repaired: list[_Mention] = []
    for m in _trimmed(doc, mentions):
        prev = repaired[-1] if repaired else None
        if prev and not m.curated and not prev.curated and _should_join(doc, text, prev, m):
            prev.end = m.end
            prev.label = "PERSON"
            continue
        if m.label == "ORG" and not m.curated and _is_job_title_fragment(doc, m):
            first = doc[m.start]
            if _norm(first.text) in COUNTRY_ALIASES:
                repaired.append(_Mention(m.start, m.start + 1, "GPE"))
            elif any(e.label_ == "NORP" and e.text == first.text for e in doc.ents):
                repaired.append(_Mention(m.start, m.start + 1, "NORP"))
            continue
        repaired.append(m)
    return repaired


_NAME_PARTICLES = frozenset("al el de da di du van von der den bin ibn bint le la del dos das ter ben".split())


def _is_lowercase_word(token: Token) -> bool:
    """A lowercase word that cannot begin or end a name ('nonpartisan', 'image'); particles excepted."""
    return token.is_lower and token.text.replace("-", "").isalpha() and token.lower_ not in _NAME_PARTICLES


def _trimmed(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Cut spans at line breaks, lowercase edge words and an inner possessive ("DAB's Starry Lee")."""
    labels_by_text = {ent.text: ent.label_ for ent in doc.ents}
    result: list[_Mention] = []
    for m in mentions:
        if m.curated:
            result.append(m)
            continue
        # a name never runs across a line break: keep the longest line (the later one on a tie)
        pieces: list[tuple[int, int]] = []
        start = m.start
        for i in range(m.start, m.end):
            if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
                if not doc[i].is_space:
                    pieces.append((start, i + 1))
                start = i + 1
        pieces.append((start, m.end))
        start, end = max((p for p in pieces if p[1] > p[0]), key=lambda p: (p[1] - p[0], p[0]), default=(0, 0))
        while start < end and (_is_lowercase_word(doc[start]) or doc[start].is_punct or doc[start].is_space):
            start += 1
        while end > start and (_is_lowercase_word(doc[end - 1]) or doc[end - 1].is_space):
            end -= 1
        owner = next((i for i in range(start + 1, end - 1) if doc[i].tag_ == "POS"), None)
        if owner is not None and m.label in {"PERSON", "ORG"}:
            owner_text = doc[start:owner].text
            if owner_text in labels_by_text and labels_by_text[owner_text] in NAME_LABELS:
                result.append(_Mention(start, owner, labels_by_text[owner_text]))
            start = owner + 1
        if start < end:
            result.append(_Mention(start, end, m.label))
    return result


def _gap(doc: Doc, text: str, left: _Mention, right: _Mention) -> str:
    return text[doc[left.end - 1].idx + len(doc[left.end - 1]) : doc[right.start].idx]


def _should_join(doc: Doc, text: str, left: _Mention, right: _Mention) -> bool:
    """Two adjacent name spans that are one person: 'Gen Ashfaq' 'Pervez Kayani', 'Asif Ali) Zardari'."""
    if right.label != "PERSON" or left.label not in {"PERSON", "NORP", "GPE", "ORG"}:
        return False
    gap = _gap(doc, text, left, right)
    if "\n" in gap or gap.strip(" ()") or right.start - left.end > 2:
        return False
    if left.label == "PERSON":
        return True
    # a title the model labelled as something else, directly before a person ("Gen" tagged ORG)
    return all(_is_title_token(t) for t in doc[left.start : left.end])


def _is_job_title_fragment(doc: Doc, m: _Mention) -> bool:
    """An ORG cut out of a capitalised job title: 'Indian External' in 'Indian External Affairs Minister'."""
    i = m.end
    seen_name_word = False
    while i < len(doc) and i < m.end + 4 and doc[i].is_title:
        if doc[i].lower_ in JOB_TITLE_HEADS:
            return seen_name_word
        seen_name_word = True
        i += 1
    return False


# ---------------------------------------------------------------- filtering


def _is_plausible(doc: Doc, text: str, m: _Mention) -> bool:
    """False for things NER tags that are no names: dates, numbers, page furniture, URLs, lowercase words."""
    name = m.canonical
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 2 or not any(ch.isupper() for ch in name):
        return False
    if _norm(name) in BOILERPLATE_WORDS:
        return False
    if any(ch.isdigit() for ch in name) and ("/" in name or m.label in {"PERSON", "NORP", "GPE"}):
        return False
    span = doc[m.start : m.end]
    if any(t.like_url or t.like_email for t in span):
        return False
    left = text.rfind(" ", 0, span.start_char) + 1
    right = text.find(" ", span.end_char)
    chunk = text[left : right if right >= 0 else len(text)]
    if _URLISH.search(chunk) and not _URLISH.search(span.text):
        return False  # part of an address such as www.example.com/name or name@example.org
    if (
        m.label == "PERSON"
        and name.casefold() == span.text.casefold()
        and _title_length(name.split(), 0) == len(name.split())
    ):
        return False  # a bare title ("President")
    return not (m.label == "PERSON" and all(w[:1].islower() for w in name.split()))


# ---------------------------------------------------------------- linking and labels


def _words(name: str) -> list[str]:
    return _norm(name).replace("-", " ").split()


def _link_partial_names(doc: Doc, mentions: list[_Mention]) -> None:
    """Give surnames, first names and partial names the canonical of the full name they belong to."""
    persons = [m for m in mentions if m.label == "PERSON" and len(_words(m.canonical)) >= 2]
    orgs = [m for m in mentions if m.label == "ORG" and len(_words(m.canonical)) >= 2]
    # longer names first, so that a partial name is resolved before the single words inside it
    for m in sorted(mentions, key=lambda m: -len(_words(m.canonical))):
        if m.curated:
            continue
        words = _words(m.canonical)
        if not words:
            continue
        target = _closest(m, [p for p in persons if _is_part(words, _words(p.canonical), suffix=True)])
        if target is not None and _may_be_person(doc, m, words):
            m.canonical, m.label = target.canonical, "PERSON"
            continue
        if m.label == "PERSON":
            target = _closest(m, [p for p in persons if _is_part(words, _words(p.canonical), suffix=False)])
            if target is not None:
                m.canonical = target.canonical
                continue
        if m.label == "ORG":
            org = _closest(m, [o for o in orgs if _is_org_part(words, o.canonical)])
            if org is not None:
                m.canonical = org.canonical


def _is_part(words: list[str], full: list[str], *, suffix: bool) -> bool:
    """Whether `words` is a proper tail (surname) or head (given names) of the name `full`."""
    if len(words) >= len(full):
        return False
    return full[-len(words) :] == words if suffix else full[: len(words)] == words


def _may_be_person(doc: Doc, m: _Mention, words: list[str]) -> bool:
    """A mention labelled otherwise may still be a surname, unless it reads as a place or a country."""
    if m.label == "PERSON":
        return True
    if m.label == "NORP" or " ".join(words) in COUNTRY_ALIASES or len(words) > 1:
        return False
    before = doc[m.start - 1].lower_ if m.start > 0 else ""
    return not (m.label in {"GPE", "LOC", "FAC"} and before in LOCATIVE_PREPOSITIONS)


def _is_org_part(words: list[str], full_name: str) -> bool:
    """'Central Command' of 'US Central Command'; an acronym of the organisation's initials ('AFP')."""
    full = _words(full_name)
    if len(words) >= len(full):
        return False
    if full[-len(words) :] == words:
        prefix = " ".join(full[: len(full) - len(words)])
        return prefix in COUNTRY_ALIASES or prefix.endswith(("an", "ian", "ese", "ish", "i"))
    if len(words) == 1 and 2 <= len(words[0]) <= 6:
        initials = "".join(w[0] for w in full if w not in ACRONYM_SKIP)
        return words[0] == initials
    return False


def _closest(m: _Mention, candidates: list[_Mention]) -> _Mention | None:
    """The candidate naming a different entity nearest before `m` (else nearest after)."""
    names = {c.canonical for c in candidates}
    if not candidates or m.canonical in names:
        return None
    before = [c for c in candidates if c.start < m.start]
    if before:
        return max(before, key=lambda c: c.start)
    return min(candidates, key=lambda c: c.start)


def _vote_labels(mentions: list[_Mention]) -> None:
    """Give every mention of one canonical name the label most of its mentions carry."""
    votes: dict[str, Counter[str]] = {}
    first: dict[str, str] = {}
    for m in mentions:
        weight = 100 if m.curated else 1
        votes.setdefault(m.canonical, Counter())[m.label] += weight
        first.setdefault(m.canonical, m.label)
    for m in mentions:
        if _norm(m.canonical) in COUNTRY_ALIASES or m.canonical in COUNTRY_ALIASES.values():
            if m.label in {"ORG", "PERSON", "LOC"}:
                m.label = "GPE"
            continue
        counts = votes[m.canonical]
        best = max(counts.values())
        tied = [label for label, n in counts.items() if n == best]
        m.label = first[m.canonical] if first[m.canonical] in tied else tied[0]
