"""Named entities: spaCy NER, then one label and one canonical name per entity across the document.

After `ner` (and the curated-alias ruler) the `entity_canonicalizer` component rewrites `doc.ents`:
split names are rejoined (`Gen Tariq` + `Mahmood Qureshi`), junk is dropped (`post-9/11`, `Subscribe`),
titles are stripped from the canonical name (stored as each span's `id_`), surnames and partial
names are linked to the full name, and every mention of one name gets the label most of its mentions
have. `extract_entities(doc)` then reads `doc.ents` into plain `EntityAnnotation`s.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span, Token

from articles.nlp.entities_names import (
    ACRONYM_SKIP,
    AMBIGUOUS_TITLES,
    BOILERPLATE_WORDS,
    CAPTION_WORDS,
    COUNTRIES,
    COUNTRY_ALIASES,
    DEMONYMS,
    FOREIGN_ARTICLES,
    GIVEN_NAME_COUNTRIES,
    HYPHEN_SUFFIXES,
    JOB_TITLE_HEADS,
    LOCATIVE_PREPOSITIONS,
    LONGEST_TITLE,
    PERSON_TITLES,
    PORTFOLIO_WORDS,
    POST_NOMINALS,
    STYLES_OF_ONE_NAME,
    TITLE_PHRASES,
)
from articles.nlp.types import EntityAnnotation

SCORED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})

CURATED_RULER = "curated_aliases"
CANONICALIZER = "entity_canonicalizer"
# Written into each output span's kb_id: which canonicals this stage computed (and may recompute, e.g.
# after the pipeline joins the Docs of a long text's pieces) and which came from curated aliases.
_AUTO_KB = "cables:auto"
_CURATED_KB = "cables:curated"

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
    mentions = [_Mention(ent.start, ent.end, ent.label_, ent.id_, _is_curated(ent)) for ent in doc.ents]
    others = [ent for ent in doc.ents if ent.label_ not in NAME_LABELS]
    mentions = [m for m in mentions if m.label in NAME_LABELS]
    text = doc.text  # built anew on every access
    mentions = _repair_spans(doc, text, mentions)
    for m in mentions:
        if not m.curated:
            m.canonical = canonical_name(doc[m.start : m.end].text, m.label)
            m.label, m.canonical = _known_place_or_group(m.label, m.canonical)
    mentions = [m for m in mentions if m.curated or _is_plausible(doc, text, m)]
    _drop_bare_possessive_s(doc, mentions)
    _relabel_hidden_persons(doc, mentions)
    _relabel_titles_of_papers(mentions)
    _link_partial_names(doc, mentions)
    _vote_labels(mentions)
    _keep_plural_only_groups(doc, mentions)
    spans = [
        Span(doc, m.start, m.end, label=m.label, span_id=m.canonical, kb_id=_CURATED_KB if m.curated else _AUTO_KB)
        for m in mentions
    ]
    taken = {i for m in mentions for i in range(m.start, m.end)}
    spans += [ent for ent in others if not taken.intersection(range(ent.start, ent.end))]
    doc.ents = sorted(spans, key=lambda span: span.start)
    return doc


def _is_curated(ent: Span) -> bool:
    """A span the curated-alias ruler named (it sets the id), as opposed to one this stage named before."""
    return ent.kb_id_ == _CURATED_KB or (bool(ent.id_) and ent.kb_id_ != _AUTO_KB)


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
    assert isinstance(ruler, EntityRuler)
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
    if any(ent.label_ in NAME_LABELS and ent.kb_id_ not in {_AUTO_KB, _CURATED_KB} for ent in doc.ents):
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
        if start + size == len(words) - 1 and " ".join(words[start : start + size]).casefold() in STYLES_OF_ONE_NAME:
            break  # "Prince Andrew" is what he is called
        start += size
    # "Swedish Ambassador Ken Ota", "US Army chief ...": one qualifier word before a title
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
    """'Indians' -> 'Indian', 'Poles' -> 'Polish', 'Tories' -> 'Tory'; 'Swiss' and 'Chinese' stay as they are."""
    if name.casefold() in DEMONYMS:
        return DEMONYMS[name.casefold()]
    head, _, last = name.rpartition(" ")
    if last.casefold() in DEMONYMS:
        last = DEMONYMS[last.casefold()]
    elif len(last) > 4 and last.endswith("ies") and last[:1].isupper():
        last = last[:-3] + "y"
    elif len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is")) and last[:1].isupper():
        last = last[:-1]
    return f"{head} {last}".strip()


def _known_place_or_group(label: str, canonical: str) -> tuple[str, str]:
    """Countries are GPE and demonyms NORP whatever the model said ('Sri Lanka' tagged PERSON)."""
    if canonical in COUNTRIES or canonical in COUNTRY_ALIASES.values():
        if label == "PERSON" and canonical in GIVEN_NAME_COUNTRIES:
            return label, canonical
        return ("GPE" if label in {"PERSON", "ORG", "LOC", "NORP", "FAC"} else label), canonical
    if label in {"PERSON", "ORG", "GPE", "LOC"} and canonical.casefold() in DEMONYMS:
        return "NORP", DEMONYMS[canonical.casefold()]
    return label, canonical


def _drop_bare_possessive_s(doc: Doc, mentions: list[_Mention]) -> None:
    """'Freedonias ports', 'President Ramos brother': a possessive written without its apostrophe."""
    known = {m.canonical for m in mentions} | COUNTRIES
    surnames = {m.canonical.split()[-1] for m in mentions if m.label == "PERSON" and " " in m.canonical}
    for m in mentions:
        name = m.canonical
        if m.curated or len(name) < 4 or not name.endswith("s") or name.endswith("ss") or name in surnames:
            continue
        following = doc[m.end] if m.end < len(doc) else None
        if following is None or not following.is_alpha:
            continue  # a possessive is followed by what is owned
        if name[:-1] in known or name[:-1].split()[-1] in surnames:
            m.canonical = name[:-1]
            m.label, m.canonical = _known_place_or_group(m.label, m.canonical)


# ---------------------------------------------------------------- span repair


def _is_title_token(token: Token) -> bool:
    return (token.lower_.rstrip("."),) in TITLE_PHRASES


def _repair_spans(doc: Doc, text: str, mentions: list[_Mention]) -> list[_Mention]:
    """Trim and split spans, join names the model split, and drop organisation fragments of job titles."""
    repaired: list[_Mention] = []
    for m in _trimmed(doc, mentions):
        prev = repaired[-1] if repaired else None
        if (
            prev
            and prev.label == "PERSON"
            and m.start - prev.end <= 1
            and doc[m.start : m.end].text.replace(".", "") in POST_NOMINALS
        ):
            continue  # "Jane Doe, QC": letters after a name are no organisation
        if prev and not m.curated and not prev.curated and _should_join(doc, text, prev, m):
            prev.end = m.end
            prev.label = "PERSON"
            continue
        if m.label != "PERSON" and not m.curated and _ends_a_title(doc, m):
            continue  # "State" of "Secretary of State"
        if m.label == "ORG" and not m.curated and _is_job_title_fragment(doc, m):
            first = doc[m.start]
            if _norm(first.text) in COUNTRY_ALIASES:
                repaired.append(_Mention(m.start, m.start + 1, "GPE"))
            elif any(e.label_ == "NORP" and e.text == first.text for e in doc.ents):
                repaired.append(_Mention(m.start, m.start + 1, "NORP"))
            continue
        repaired.append(m)
    for m in repaired:
        # "Prince Andrew", "Queen Rania": a royal style the model left outside a lone given name
        if m.label == "PERSON" and not m.curated and m.end - m.start == 1 and m.start > 0:
            style = doc[m.start - 1]
            if style.is_title and style.lower_ in STYLES_OF_ONE_NAME and style.ent_iob_ != "I" and not style.ent_type_:
                m.start -= 1
    return repaired


_DEMONYM_ENDINGS = ("an", "ians", "ans", "ese", "ish", "i", "is", "ic", "ch", "s")
_NAME_PARTICLES = frozenset("al el de da di du van von der den bin ibn bint le la del dos das ter ben".split())


def _is_lowercase_word(token: Token) -> bool:
    """A lowercase word that cannot begin or end a name ('nonpartisan', 'image'); particles excepted."""
    return token.is_lower and token.text.replace("-", "").isalpha() and token.lower_ not in _NAME_PARTICLES


def _words_of(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Token ranges of the white-space separated words in [start, end) ("Wai-kit" is one word)."""
    words: list[tuple[int, int]] = []
    first = start
    for i in range(start, end):
        if doc[i].whitespace_ or i == end - 1:
            words.append((first, i + 1))
            first = i + 1
    return words


def _is_lowercase_run(doc: Doc, start: int, end: int) -> bool:
    tokens = [t for t in doc[start:end] if not t.is_punct]
    return bool(tokens) and all(_is_lowercase_word(t) for t in tokens)


def _is_prefix_word(doc: Doc, start: int, end: int) -> bool:
    """Punctuation, or a word opened by a lowercase prefix ('pro-Moscow', 'ex-Marine') before a name."""
    first = doc[start]
    if all(t.is_punct for t in doc[start:end]):
        return True
    return end - start > 2 and _is_lowercase_word(first) and doc[start + 1].text == "-" and end > start + 2


def _trimmed(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Cut spans at line breaks, lowercase edge words and an inner possessive ("Labour's Ana Reyes")."""
    labels_by_text = {ent.text: ent.label_ for ent in doc.ents}
    result: list[_Mention] = []
    for m in mentions:
        if m.curated:
            result.append(m)
            continue
        # a name never runs across a line break: keep the longest line; on a tie the one named elsewhere too
        pieces: list[tuple[int, int]] = []
        start = m.start
        for i in range(m.start, m.end):
            if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
                pieces.append((start, i if doc[i].is_space else i + 1))
                start = i + 1
        pieces.append((start, m.end))
        start, end = max(
            (p for p in pieces if p[1] > p[0]),
            key=lambda p: (p[1] - p[0], doc[p[0] : p[1]].text in labels_by_text, -p[0]),
            default=(0, 0),
        )
        # the model sometimes stops inside a hyphenated word ("Lam Wai" of "Lam Wai-kit")
        while (
            end + 1 < len(doc)
            and end > start
            and not doc[end - 1].whitespace_
            and doc[end].text == "-"
            and not doc[end].whitespace_
            and doc[end + 1].is_alpha
            and doc[end + 1].ent_iob_ != "B"
            and not doc[end + 1].is_sent_start
        ):
            end += 2
        words = _words_of(doc, start, end)
        # a leading "the" stays in the span, as the model put it (the canonical name drops it)
        while (
            words
            and doc[words[0][0]].lower_ != "the"
            and (_is_lowercase_run(doc, *words[0]) or _is_prefix_word(doc, *words[0]))
        ):
            words.pop(0)
        while words and _is_lowercase_run(doc, *words[-1]):
            words.pop()
        while len(words) > 1 and doc[words[-1][0] : words[-1][1]].text.lower() in CAPTION_WORDS:
            words.pop()
        if m.label == "PERSON" and len(words) >= 3:
            first = doc[words[0][0] : words[0][1]].text
            if first in COUNTRIES or labels_by_text.get(first) == "GPE":
                words.pop(0)  # "Ambassador to Lisbon Ana Reyes" tagged as one person
        if words and m.label != "PERSON":
            # "Lisbon-based", "US-led": the place or group without the compound's second half
            last_start, last_end = words[-1]
            for i in range(last_start + 1, last_end - 1):
                if doc[i].text == "-" and doc[i + 1].is_lower and doc[i + 1].lower_ in HYPHEN_SUFFIXES:
                    words[-1] = (last_start, i)
                    break
        if not words:
            continue
        start, end = words[0][0], words[-1][1]
        owner = next((i for i in range(start + 1, end - 1) if doc[i].lower_ in {"'s", "’s"}), None)
        if owner is not None and m.label in {"PERSON", "ORG"}:
            owner_text = doc[start:owner].text
            if owner_text in labels_by_text and labels_by_text[owner_text] in NAME_LABELS:
                result.append(_Mention(start, owner, labels_by_text[owner_text]))
            start = owner + 1
        # a photo credit ("Reuters/File/Ana Reyes") names several things: one mention per part
        cuts = [i for i in range(start, end) if doc[i].text == "/"]
        for a, b in zip([start, *(i + 1 for i in cuts)], [*cuts, end], strict=True):
            if a < b and doc[a:b].text.lower() not in CAPTION_WORDS:
                result.append(_Mention(a, b, m.label))
    return result


def _gap(doc: Doc, text: str, left: _Mention, right: _Mention) -> str:
    return text[doc[left.end - 1].idx + len(doc[left.end - 1]) : doc[right.start].idx]


def _should_join(doc: Doc, text: str, left: _Mention, right: _Mention) -> bool:
    """Two adjacent name spans that are one person: 'Gen Tariq' 'Mahmood Qureshi', 'Imran Ali) Sheikh'."""
    if right.label != "PERSON" or left.label not in {"PERSON", "NORP", "GPE", "ORG"}:
        return False
    if doc[left.end - 1].lower_ in {"'s", "’s", "'", "’"}:
        return False  # "Labour's" + "Ana Reyes": an owner and a person
    gap = _gap(doc, text, left, right)
    if "\n" in gap or gap.strip(" ()") or right.start - left.end > 2:
        return False
    if left.label == "PERSON":
        return True
    # a title the model labelled as something else, directly before a person ("Gen" tagged ORG)
    return all(_is_title_token(t) for t in doc[left.start : left.end])


def _ends_a_title(doc: Doc, m: _Mention) -> bool:
    """A short mention that completes a title with the words before it ('Secretary of State')."""
    if m.end - m.start > 2:
        return False
    for before in range(1, LONGEST_TITLE):
        if m.start - before < 0:
            break
        words = tuple(t.lower_.rstrip(".") for t in doc[m.start - before : m.end])
        if words in TITLE_PHRASES:
            return True
    return False


def _is_job_title_fragment(doc: Doc, m: _Mention) -> bool:
    """An ORG cut out of a capitalised job title: 'Freedonian Home' in 'Freedonian Home Affairs Minister'."""
    i = m.end
    # "Microsoft President" is an organisation before a title; "Home Affairs Minister" is a title
    seen_name_word = doc[m.end - 1].lower_ in PORTFOLIO_WORDS
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
    if _in_code_list(text, span.start_char, span.end_char):
        return False
    left = text.rfind(" ", 0, span.start_char) + 1
    right = text.find(" ", span.end_char)
    chunk = text[left : right if right >= 0 else len(text)]
    if _URLISH.search(chunk) and not _URLISH.search(span.text):
        return False  # part of an address such as www.example.com/name or name@example.org
    # not a bare title ("President")
    return not (m.label == "PERSON" and _title_length(name.split(), 0) == len(name.split()))


# ---------------------------------------------------------------- linking and labels


def _line_around(text: str, start: int, end: int) -> tuple[int, int]:
    return text.rfind("\n", 0, start) + 1, (text.find("\n", end) + 1 or len(text) + 1) - 1


def _is_code_line(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= 20 and not any(ch.islower() for ch in line)


def _in_code_list(text: str, start: int, end: int) -> bool:
    """A mention alone on a line among other short all-capital lines: a list of tags or codes, not prose."""
    line_start, line_end = _line_around(text, start, end)
    if text[line_start:line_end].strip() != text[start:end] or not _is_code_line(text[start:end]):
        return False
    # only reached for a short capitalised line on its own, so slicing the text here stays cheap
    before = next((line for line in reversed(text[:line_start].splitlines()) if line.strip()), "")
    after = next((line for line in text[line_end:].splitlines() if line.strip()), "")
    return _is_code_line(before) and _is_code_line(after)


def _words(name: str) -> list[str]:
    return _norm(name).replace("-", " ").split()


def _relabel_hidden_persons(doc: Doc, mentions: list[_Mention]) -> None:
    """Names the model called something else but the text shows are people.

    'Ambassador Ken Ota' tagged ORG behind a person's title; 'Amina Yusuf' tagged ORG where
    'Yusuf' alone is tagged PERSON elsewhere in the document.
    """
    surnames = {_norm(m.canonical) for m in mentions if m.label == "PERSON" and " " not in m.canonical.strip()}
    for m in mentions:
        if m.curated or m.label == "PERSON" or _norm(m.canonical) in COUNTRY_ALIASES:
            continue
        words = m.canonical.split()
        if not 1 <= len(words) <= 4 or not all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words):
            continue
        before = doc[m.start - 1] if m.start > 0 else None
        after_title = before is not None and before.is_title and before.lower_.rstrip(".") in PERSON_TITLES
        known_surname = 2 <= len(words) <= 3 and m.label != "NORP" and _norm(words[-1]) in surnames
        if after_title or known_surname:
            m.label = "PERSON"


def _relabel_titles_of_papers(mentions: list[_Mention]) -> None:
    """'Die Zeit', 'Le Monde': two words opened by a foreign article name a publication, not a person."""
    long_names = [_words(m.canonical) for m in mentions if m.label == "PERSON" and len(m.canonical.split()) > 2]
    for m in mentions:
        words = m.canonical.split()
        if m.curated or m.label != "PERSON" or len(words) != 2 or words[0] not in FOREIGN_ARTICLES:
            continue
        if not any(full[-2:] == _words(m.canonical) for full in long_names):  # "Marine Le Pen" keeps "Le Pen"
            m.label = "ORG"


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
        if m.label == "PERSON":  # given names alone ("Leila"), or a name cut short ("Kim Jong" of "Kim Jong Un")
            heads = [p for p in persons if _is_part(words, _words(p.canonical), suffix=False)]
            if len(words) > 1:
                heads = [p for p in heads if len(_words(p.canonical)) == len(words) + 1]
            target = _closest(m, heads)
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
    if " ".join(words) in COUNTRY_ALIASES or len(words) > 1:
        return False
    if m.label == "NORP" and words[0].endswith(_DEMONYM_ENDINGS):
        return False
    before = doc[m.start - 1].lower_ if m.start > 0 else ""
    return not (m.label in {"GPE", "LOC", "FAC"} and before in LOCATIVE_PREPOSITIONS)


def _is_org_part(words: list[str], full_name: str) -> bool:
    """'Northern Command' of 'US Northern Command'; an acronym of the organisation's initials ('NFU')."""
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


def _keep_plural_only_groups(doc: Doc, mentions: list[_Mention]) -> None:
    """A group written only in the plural keeps it ('the Poles', 'Muslims'); with the adjective too, the adjective."""
    groups: dict[str, list[_Mention]] = {}
    for m in mentions:
        if m.label == "NORP" and not m.curated:
            groups.setdefault(m.canonical, []).append(m)
    for canonical, group in groups.items():
        surfaces = [canonical_name(doc[m.start : m.end].text, "GPE") for m in group]
        if all(s.casefold() != canonical.casefold() and s[:1].isupper() and s.endswith("s") for s in surfaces):
            for m in group:
                m.canonical = surfaces[0]


def _vote_labels(mentions: list[_Mention]) -> None:
    """Give every mention of one canonical name the label most of its mentions carry."""
    votes: dict[str, dict[str, float]] = {}  # canonical -> label -> summed weight
    first: dict[str, str] = {}
    for m in mentions:
        # the person reading gets more weight: the model rarely calls a non-person PERSON
        weight = 100.0 if m.curated else 1.5 if m.label == "PERSON" else 1.0
        counts = votes.setdefault(m.canonical, {})
        counts[m.label] = counts.get(m.label, 0.0) + weight
        first.setdefault(m.canonical, m.label)
    for m in mentions:
        if _norm(m.canonical) in COUNTRY_ALIASES or m.canonical in COUNTRY_ALIASES.values():
            if m.label in {"ORG", "PERSON", "LOC"}:
                m.label = "GPE"
            continue
        counts = votes[m.canonical]
        best = max(counts.values())
        tied = [label for label, n in counts.items() if n == best]
        # on a tie a name label (PERSON, ORG, GPE, NORP) beats a facility or location, else the first mention wins
        named = [label for label in tied if label in SCORED_LABELS] or tied
        m.label = first[m.canonical] if first[m.canonical] in named else named[0]
