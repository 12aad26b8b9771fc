"""Direct quotations and who said them: the mark scanner's runs grouped into quotes, then attributed."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from articles.nlp.quotes_scan import Run, paragraphs, scan
from articles.nlp.types import EntityAnnotation, QuoteAnnotation

# Lemmas of verbs that introduce reported speech or writing.
CUE_VERBS = frozenset(
    """
    say tell add write state ask warn note claim explain insist recall recount observe declare announce
    argue reply respond answer continue conclude comment suggest admit acknowledge agree assert confirm
    deny describe emphasize emphasise stress report testify urge shout exclaim scream whisper mutter joke
    quip boast complain concede contend predict promise reveal remark reiterate tweet post caution vow
    plead demand cry yell maintain allege charge counter retort protest recommend quote read proclaim
    affirm mention inform advise remind assure concur disclose estimate lament muse opine pledge
    summarize summarise speculate surmise theorize theorise underline underscore wonder worry
    """.split()
)
# Nouns naming a document that can be quoted as a source ("the cable said", "according to the memo").
DOCUMENT_NOUNS = frozenset(
    """
    cable cablegram telegram memo memorandum report document dispatch despatch message communique
    communiqué letter email e-mail note transcript filing briefing assessment summary
    """.split()
)
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
# Evidence of a person's grammatical gender: the pronouns that follow their name, and titles.
_MASCULINE = frozenset({"he", "him", "his", "himself"})
_FEMININE = frozenset({"she", "her", "hers", "herself"})
_MASCULINE_TITLES = frozenset({"mr", "mr.", "sir", "lord", "king", "prince", "father", "brother"})
_FEMININE_TITLES = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "madam", "lady", "queen", "princess", "sister"})
_GROUP_PRONOUNS = frozenset({"they", "them"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CLIMB = frozenset({"conj", "xcomp", "advcl"})
_NAMING_LABELS = ("PERSON", "ORG", "NORP", "GPE")
_SMALL_WORDS = frozenset({"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "by", "with", "or"})
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")  # a word with a letter: dates and numbers in marks are not speech
_SPACE = re.compile(r"\s+")
_LEADING_PUNCTUATION = " \t\n-–—(“\"'‘"
_DASHES = frozenset({"-", "--", "—", "–", "―"})
_CONJUNCTION = re.compile(r"\b(?:and|but|or|then|while|before|after|because)\b", re.IGNORECASE)

# How far the attribution looks around a quotation, in tokens.
_AFTER_WINDOW = 20
_BEFORE_WINDOW = 30
_ANTECEDENT_SENTENCES = 8
# The most tokens looked back at for an antecedent (keeps a text without sentence ends linear).
_LOOKBACK_TOKENS = 300
# How many earlier speakers a pronoun may fall back on.
_RECENT_SPEAKERS = 20
# The most characters between two quotations for the second to inherit the first one's speaker.
_INHERIT_GAP = 250


@dataclass
class _Attribution:
    speaker: str | None = None
    speaker_text: str = ""
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str = ""
    kind: str = "person"

    @property
    def found(self) -> bool:
        return bool(self.cue)


@dataclass
class _Group:
    runs: list[Run]
    attribution: _Attribution = field(default_factory=_Attribution)

    @property
    def first(self) -> Run:
        return self.runs[0]

    @property
    def last(self) -> Run:
        return self.runs[-1]


def extract_quotes(doc: Doc, entities: Sequence[EntityAnnotation]) -> list[QuoteAnnotation]:
    """Quoted passages of `doc` (split, nested, multi-paragraph and unclosed ones), each with its speaker."""
    text = doc.text  # spaCy rebuilds Doc.text on every access: read it once
    runs = scan(text)
    if not runs:
        return []
    context = _Context(doc, text, entities, runs)
    groups = _join_split_quotes(context, [_Group([run]) for run in runs])
    for group in groups:
        group.attribution = context.attribute(group)
        if not _is_scare_quote(text, group):
            context.remember(group)
    groups = [group for group in _join_continued_paragraphs(groups) if not _is_scare_quote(text, group)]
    _inherit_speakers(context, groups)
    return [_annotation(text, group) for group in groups]


def _join_split_quotes(context: _Context, groups: list[_Group]) -> list[_Group]:
    """`"A," he said, "B."` is one quotation: join runs separated only by a short attribution."""
    text = context.text
    joined: list[_Group] = []
    for group in groups:
        previous = joined[-1] if joined else None
        if previous is not None and _is_split(context, text, previous.last, group.first):
            previous.runs.extend(group.runs)
        else:
            joined.append(group)
    return joined


def _is_split(context: _Context, text: str, first: Run, second: Run) -> bool:
    if not first.closed or first.paragraph != second.paragraph:
        return False
    between = text[first.close_end : second.open_mark]
    if len(between) > 120 or re.search(r"[.!?]\s", between) or _CONJUNCTION.search(between):
        return False  # `"A", and told the police, "B"` joins two partial quotes, not one split quote
    stripped = between.strip()
    comma_before = text[first.start : first.end].endswith(",") or stripped.startswith(",")
    if not comma_before or not stripped.endswith((",", ":", "—", "–")):
        return False
    return context.find_cue(first.close_end, second.open_mark) is not None


def _join_continued_paragraphs(groups: list[_Group]) -> list[_Group]:
    """A paragraph that continues a quotation opens with a mark although the previous one never closed."""
    joined: list[_Group] = []
    for group in groups:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and not previous.last.closed
            and group.first.at_paragraph_start
            and group.first.paragraph == previous.last.paragraph + 1
            and not _different_sources(previous.attribution, group.attribution)
        ):
            previous.runs.extend(group.runs)
            if not previous.attribution.found:
                previous.attribution = group.attribution
        else:
            joined.append(group)
    return joined


def _different_sources(first: _Attribution, second: _Attribution) -> bool:
    return first.found and second.found and first.speaker != second.speaker


def _inherit_speakers(context: _Context, groups: list[_Group]) -> None:
    """A quotation with no cue of its own, right after an attributed one, continues the same speaker.

    Only when nobody else can have spoken in between: the two are close and no other person is
    named between them.
    """
    for previous, group in zip(groups, groups[1:], strict=False):
        inherited = previous.attribution
        if group.attribution.found or inherited.speaker is None:
            continue
        gap_start, gap_end = previous.last.close_end, group.first.open_mark
        if group.first.paragraph - previous.last.paragraph > 1 or gap_end - gap_start > _INHERIT_GAP:
            continue
        named = context.entities_between(gap_start, gap_end, ("PERSON",))
        if all(entity.canonical == inherited.speaker for entity in named):
            group.attribution = _Attribution(inherited.speaker, kind=inherited.kind)


def _is_scare_quote(text: str, group: _Group) -> bool:
    """Scare quotes, titles and names in quotes: a word or two, or a few with no cue of their own."""
    if not any(_WORD.search(text, run.start, run.end) for run in group.runs):
        return True  # nothing but digits and punctuation
    if len(group.runs) > 1:
        return False
    inner = text[group.first.start : group.first.end]
    words = _WORD.findall(inner)
    if 2 <= len(words) <= 12 and all(word[0].isupper() or word in _SMALL_WORDS for word in words):
        return not inner.endswith((".", "!", "?"))  # a title or a name, unless it is a whole sentence
    if group.attribution.found:
        return len(words) <= 2 and not inner.endswith((",", ".", "!", "?"))
    return len(words) <= 4


def _annotation(text: str, group: _Group) -> QuoteAnnotation:
    spans: list[tuple[int, int]] = []
    for run in group.runs:
        start, end = run.start, run.end
        # The comma before an attribution (`"A," he said`) belongs to the sentence around the quote.
        while end > start and (text[end - 1] == "," or text[end - 1].isspace()):
            end -= 1
        if start < end:
            spans.append((start, end))
    if not spans:
        spans = [(group.first.start, group.first.end)]
    found = group.attribution
    speaker = _SPACE.sub(" ", found.speaker).strip() if found.speaker else None
    return QuoteAnnotation(
        text=" ".join(text[start:end] for start, end in spans),
        spans=tuple(spans),
        speaker=speaker or None,
        speaker_text=found.speaker_text,
        speaker_start=found.speaker_start,
        speaker_end=found.speaker_end,
        cue=found.cue,
        kind=found.kind,
    )


class _Context:
    """The parsed document with the lookups attribution needs, each built once in linear time."""

    def __init__(self, doc: Doc, text: str, entities: Sequence[EntityAnnotation], runs: list[Run]) -> None:
        self.doc = doc
        self.text = text
        self.parsed = doc.has_annotation("DEP")
        self.token_starts = [token.idx for token in doc]
        self.entities = sorted(entities, key=lambda entity: entity.start)
        self.entity_starts = [entity.start for entity in self.entities]
        self.by_surface = _names_by_surface(self.entities)
        spans = paragraphs(self.text) or [(0, len(self.text))]
        self.paragraph_starts = [start for start, _ in spans]
        self.paragraph_ends = [end for _, end in spans]
        self.sentence_starts = [sentence.start for sentence in doc.sents] if self.parsed else [0]
        self.quoted = self._quoted_tokens(runs)
        self.speakers: list[tuple[int, _Attribution]] = []  # (quote start, attribution) of earlier quotes
        self._genders: dict[str, int] | None = None

    def _quoted_tokens(self, runs: list[Run]) -> list[bool]:
        """Whether each token is inside a quotation or is one of its marks."""
        quoted = [False] * len(self.doc)
        for run in runs:
            for index in range(self._token_at(run.open_mark), self._token_before(run.close_end)):
                quoted[index] = True
        return quoted

    def paragraph_index(self, char: int) -> int:
        return max(bisect.bisect_right(self.paragraph_starts, char) - 1, 0)

    def paragraph(self, char: int) -> tuple[int, int]:
        index = self.paragraph_index(char)
        return self.paragraph_starts[index], self.paragraph_ends[index]

    def same_paragraph(self, first: int, second: int) -> bool:
        start, end = self.paragraph(min(first, second))
        return max(first, second) <= end

    def _token_at(self, char: int) -> int:
        """Index of the first token that ends after `char`."""
        index = bisect.bisect_right(self.token_starts, char) - 1
        if index < 0:
            return 0
        token = self.doc[index]
        return index if char < token.idx + len(token) else index + 1

    def _token_before(self, char: int) -> int:
        """Index one past the last token that starts before `char`."""
        return bisect.bisect_left(self.token_starts, char)

    def tokens(self, start: int, end: int) -> range:
        return range(self._token_at(start), self._token_before(end))

    def find_cue(self, start: int, end: int, reverse: bool = False) -> Token | None:
        indices = self.tokens(start, end)
        for index in reversed(indices) if reverse else indices:
            if not self.quoted[index] and self.is_cue(self.doc[index]):
                return self.doc[index]
        return None

    def is_cue(self, token: Token) -> bool:
        lower = token.lower_
        if lower == "according":
            return token.i + 1 < len(self.doc) and token.nbor().lower_ == "to"
        if lower == "words" and token.i >= 2 and token.nbor(-1).lower_ == "the" and token.nbor(-2).lower_ == "in":
            return token.i + 1 < len(self.doc) and token.nbor().lower_ == "of"
        if token.pos_ not in ("VERB", "AUX", "") and token.pos_:
            return False
        lemma = (token.lemma_ or lower).lower()
        return lemma in CUE_VERBS and lemma != "be"

    def remember(self, group: _Group) -> None:
        if group.attribution.speaker is not None:
            self.speakers.append((group.first.start, group.attribution))

    # --- finding the cue -------------------------------------------------------------------------

    def attribute(self, group: _Group) -> _Attribution:
        cue = self._cue_for(group)
        if cue is None:
            return _Attribution()
        found = self._speaker_of(cue, group)
        found.cue = self._cue_text(cue)
        return found

    def _cue_for(self, group: _Group) -> Token | None:
        for first, second in zip(group.runs, group.runs[1:], strict=False):
            if first.paragraph == second.paragraph:
                cue = self.find_cue(first.close_end, second.open_mark)
                if cue is not None:
                    return cue
        if self.parsed:
            cue = self._governing_cue(group)
            if cue is not None:
                return cue
        last, first_run = group.last, group.first
        if last.closed:
            cue = self.find_cue(last.close_end, self._after_limit(last.close_end))
            if cue is not None:
                return cue
            signed = self._signature(last)
            if signed is not None:
                return signed
        cue = self.find_cue(self._before_limit(first_run.open_mark), first_run.open_mark, reverse=True)
        if cue is not None:
            return cue
        return self._colon_cue(first_run) or self._previous_sentence_cue(first_run)

    def _signature(self, run: Run) -> Token | None:
        """The dash before a name that signs a quotation (`"…" – Jane Doe`)."""
        index = self._token_at(run.close_end)
        if index + 1 < len(self.doc) and self.doc[index].text in _DASHES and not self.quoted[index]:
            name = self.doc[index + 1]
            if self.same_paragraph(run.close_end, name.idx) and name.pos_ == "PROPN":
                return self.doc[index]
        return None

    def _governing_cue(self, group: _Group) -> Token | None:
        """The cue verb the quoted words hang from in the parse (`X said "…"`, `"…," X told Y`)."""
        for run in group.runs:
            for index in self.tokens(run.start, run.end):
                token = self.doc[index]
                head = token.head
                if head.i == token.i or self.quoted[head.i]:
                    continue
                for _ in range(4):
                    if not self.quoted[head.i] and self.is_cue(head):
                        return head if self._near(head, run) else None
                    if head.head.i == head.i:
                        break
                    head = head.head
                return None
        return None

    def _near(self, token: Token, run: Run) -> bool:
        """The cue lies in the quotation's own sentence stretch (not a sentence or paragraph away)."""
        low = self._before_limit(run.open_mark)
        high = self._after_limit(run.close_end) if run.closed else run.close_end
        return low <= token.idx < high

    def _after_limit(self, char: int) -> int:
        """Where the attribution after a closing mark can end: a sentence end, a new quotation or the paragraph end."""
        paragraph_end = self.paragraph(char)[1]
        count = 0
        for index in range(self._token_at(char), len(self.doc)):
            token = self.doc[index]
            if token.idx >= paragraph_end:
                return paragraph_end
            if token.is_space:
                continue  # a line break inside a hard-wrapped paragraph
            if self.quoted[index] or count >= _AFTER_WINDOW:
                return token.idx
            if token.text in (".", "!", "?", ";"):
                return token.idx + len(token)
            count += 1
        return len(self.text)

    def _before_limit(self, char: int) -> int:
        """Where the attribution before an opening mark can start: a sentence end, a quotation, the paragraph."""
        paragraph_start = self.paragraph(char)[0]
        count = 0
        for index in range(self._token_before(char) - 1, -1, -1):
            token = self.doc[index]
            if token.idx < paragraph_start:
                return paragraph_start
            if token.is_space:
                continue
            if self.quoted[index] or token.text in (".", "!", "?", ";"):
                return token.idx + len(token)
            count += 1
            if count >= _BEFORE_WINDOW:
                return token.idx
        return paragraph_start

    def _previous_sentence_cue(self, run: Run) -> Token | None:
        """A quotation that is a sentence of its own, right after `X said …` (or `X said.`), is X's."""
        start = self._before_limit(run.open_mark)
        if self.text[start : run.open_mark].strip(_LEADING_PUNCTUATION):
            return None  # the quotation is part of a sentence that has no cue
        end = self._end_of_text_before(start)
        if end == 0 or self.text[end - 1] not in ".!?":
            return None
        if self.paragraph_index(run.open_mark) - self.paragraph_index(end - 1) > 1:
            return None  # more than one paragraph back
        return self.find_cue(self._before_limit(end - 1), end - 1, reverse=True)

    def _end_of_text_before(self, char: int) -> int:
        """One past the last non-space character before `char` (0 if none); a local scan, not a copy."""
        while char > 0 and self.text[char - 1].isspace():
            char -= 1
        return char

    def _colon_cue(self, run: Run) -> Token | None:
        """`He said:` ending the previous paragraph or sentence introduces a quotation that opens one."""
        colon = self._end_of_text_before(run.open_mark) - 1
        if colon < 0 or self.text[colon] != ":":
            return None
        return self.find_cue(self._before_limit(colon), colon, reverse=True)

    def _cue_text(self, cue: Token) -> str:
        if cue.lower_ == "according":
            return "according to"
        if cue.lower_ == "words":
            return "in the words of"
        if cue.text in _DASHES:
            return cue.text
        particle = [child for child in cue.children if child.dep_ == "prt"]
        return cue.text + (" " + particle[0].text if particle else "")

    # --- finding the speaker ---------------------------------------------------------------------

    def _speaker_of(self, cue: Token, group: _Group) -> _Attribution:
        subject = self._subject(cue)
        if subject is None:
            return _Attribution()
        return self._resolve(subject, group)

    def _subject(self, cue: Token) -> Token | None:
        if cue.text in _DASHES:
            return self._next_nominal(cue)
        if cue.lower_ in ("according", "words"):
            preposition = cue.nbor()
            objects = [child for child in preposition.children if child.dep_ == "pobj"]
            if objects:
                return objects[0]
            return self._next_nominal(preposition)
        verb = cue
        for _ in range(4):
            subjects = [child for child in verb.children if child.dep_ in _SUBJECTS and not self.quoted[child.i]]
            if subjects:
                # Two subjects come from a title parsed apart from the name ("the army chief Gen X"):
                # the one naming someone wins, then the one nearest the verb.
                subject = min(subjects, key=lambda child: (self._entity_for(child) is None, abs(child.i - verb.i)))
                if subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                    return verb.head  # "Smith, who said …"
                return subject
            agents = [child for child in verb.children if child.dep_ == "agent"]
            objects = [child for agent in agents for child in agent.children if child.dep_ == "pobj"]
            if objects:
                return objects[0]  # "… was told by the minister"
            if verb.dep_ == "relcl":
                return verb.head
            # The climb may pass through a quoted verb (`X "walked in", and told them …`): only
            # subjects outside quotations count.
            if verb.dep_ not in _CLIMB or verb.head.i == verb.i:
                break
            if not self.same_paragraph(verb.idx, verb.head.idx):
                break  # the parser joined two paragraphs
            verb = verb.head
        return self._next_nominal(cue) if self._inverted(cue) else None

    def _inverted(self, cue: Token) -> bool:
        """`"…," said the envoy`: the cue comes straight after the quotation, so the subject follows it."""
        for index in range(cue.i - 1, max(cue.i - 4, -1), -1):
            token = self.doc[index]
            if self.quoted[index]:
                return True
            if not (token.is_space or token.is_punct):
                return False
        return False

    def _next_nominal(self, after: Token) -> Token | None:
        """The noun just after a cue with no parsed subject (`"…," said the envoy`)."""
        for index in range(after.i + 1, min(after.i + 7, len(self.doc))):
            token = self.doc[index]
            if token.is_space:
                continue
            if (
                self.quoted[index]
                or token.text in (".", "!", "?", ";")
                or not self.same_paragraph(after.idx, token.idx)
            ):
                return None
            if token.pos_ in ("PROPN", "NOUN", "PRON"):
                while token.dep_ in ("compound", "amod", "nmod", "poss") and token.head.i > token.i:
                    token = token.head
                return token
        return None

    def _resolve(self, subject: Token, group: _Group) -> _Attribution:
        lower = subject.lower_
        if subject.pos_ == "PRON" or lower in _PERSON_PRONOUNS | _GROUP_PRONOUNS | {"it", "i", "we"}:
            return self._resolve_pronoun(subject, group)
        if subject.pos_ != "PROPN" and (subject.lemma_.lower() in DOCUMENT_NOUNS or lower in DOCUMENT_NOUNS):
            return self._document(subject)
        entity = self._entity_for(subject)
        if entity is not None:
            return _Attribution(entity.canonical, entity.text, entity.start, entity.end)
        phrase = self._phrase(subject)
        if subject.pos_ == "PROPN":
            # A name the entity recogniser missed here but found elsewhere ("Rathbun wrote").
            name = self.doc[subject.i : subject.i + 1]
            for candidate in (phrase, name):
                canonical = self.by_surface.get(candidate.text)
                if canonical is not None:
                    return _Attribution(canonical, candidate.text, candidate.start_char, candidate.end_char)
        if subject.pos_ in ("PROPN", "NOUN") and not self.quoted[subject.i]:
            text = phrase.text
            speaker = re.sub(r"^(?:a|an|the)\s+", "", text, flags=re.IGNORECASE)
            return _Attribution(speaker or None, text, phrase.start_char, phrase.end_char)
        return _Attribution(None, phrase.text, phrase.start_char, phrase.end_char)

    def _phrase(self, head: Token) -> Span:
        """The words of a noun phrase up to its head, within the head's line (the parser crosses them)."""
        start = head.left_edge.i
        while start < head.i and not self.same_paragraph(self.doc[start].idx, head.idx):
            start += 1
        return self.doc[start : head.i + 1]

    def _document(self, noun: Token) -> _Attribution:
        phrase = self._phrase(noun)
        lemma = noun.lemma_.lower() if noun.lemma_.lower() in DOCUMENT_NOUNS else noun.lower_
        return _Attribution(f"the {lemma}", phrase.text, phrase.start_char, phrase.end_char, kind="document")

    def _entity_for(self, subject: Token) -> EntityAnnotation | None:
        """The entity naming the subject: covering its head, in apposition, or inside its noun phrase."""
        covering = self.entity_at(subject.idx)
        if covering is not None:
            return covering
        for child in subject.children:
            if child.dep_ == "appos":
                entity = self.entity_at(child.idx)
                if entity is not None:
                    return entity
        if subject.pos_ == "NOUN":
            # "the embassy spokesman Ali Khan": a title noun followed by the name it introduces.
            for index in range(subject.i + 1, min(subject.i + 3, len(self.doc))):
                entity = self.entity_at(self.doc[index].idx)
                if entity is not None and entity.label == "PERSON":
                    return entity
                if self.doc[index].text != ",":
                    break
        left, right = subject.left_edge.i, min(subject.right_edge.i, subject.left_edge.i + 15)
        for label in ("PERSON",):
            for index in range(left, right + 1):
                entity = self.entity_at(self.doc[index].idx)
                if entity is not None and entity.label == label:
                    return entity
        return None

    def entities_between(self, start: int, end: int, labels: tuple[str, ...]) -> list[EntityAnnotation]:
        first = bisect.bisect_left(self.entity_starts, start)
        last = bisect.bisect_left(self.entity_starts, end)
        return [entity for entity in self.entities[first:last] if entity.label in labels]

    def entity_at(self, char: int) -> EntityAnnotation | None:
        index = bisect.bisect_right(self.entity_starts, char) - 1
        if index >= 0 and char < self.entities[index].end and self.entities[index].label in _NAMING_LABELS:
            return self.entities[index]
        return None

    def _resolve_pronoun(self, pronoun: Token, group: _Group) -> _Attribution:
        lower = pronoun.lower_
        where = (pronoun.idx, pronoun.idx + len(pronoun))
        if lower == "it":
            document = self._recent_document(pronoun.i)
            if document is not None:
                found = self._document(document)
                return _Attribution(found.speaker, pronoun.text, *where, kind="document")
            labels: tuple[str, ...] = ("ORG",)
        elif lower in _PERSON_PRONOUNS:
            labels = ("PERSON",)
        elif lower in _GROUP_PRONOUNS:
            labels = ("PERSON", "ORG", "NORP", "GPE")
        else:
            return _Attribution(None, pronoun.text, *where)
        gender = 1 if lower in _MASCULINE else -1 if lower in _FEMININE else 0
        before = min(pronoun.idx, group.first.open_mark)
        entity = self._subject_before(before, labels, exclude=group, gender=gender)
        if entity is None and labels == ("PERSON",):
            for _, attribution in reversed(self.speakers[-_RECENT_SPEAKERS:]):
                if (
                    attribution.kind == "person"
                    and attribution.speaker
                    and self.compatible(attribution.speaker, gender)
                ):
                    return _Attribution(attribution.speaker, pronoun.text, *where)
        if entity is None:
            entity = self._mention_before(before, labels, gender)
        return _Attribution(entity.canonical if entity else None, pronoun.text, *where)

    def compatible(self, canonical: str, gender: int) -> bool:
        """Whether nothing in the document contradicts `gender` (1 he, -1 she, 0 unknown) for this person."""
        if not gender:
            return True
        if self._genders is None:
            self._genders = self._gender_evidence()
        return self._genders.get(canonical, 0) * gender >= 0

    def _gender_evidence(self) -> dict[str, int]:
        """Per person, the he-minus-she count of the pronouns after their name in sentences naming only
        them, plus their titles (Mr, Mrs)."""
        scores: dict[str, int] = {}
        people = [entity for entity in self.entities if entity.label == "PERSON"]
        starts = [entity.start for entity in people]
        for entity in people:
            index = self._token_at(entity.start) - 1
            if index >= 0:
                title = self.doc[index].lower_
                vote = 1 if title in _MASCULINE_TITLES else -1 if title in _FEMININE_TITLES else 0
                scores[entity.canonical] = scores.get(entity.canonical, 0) + vote
        for sentence in self.doc.sents if self.parsed else ():
            first = bisect.bisect_left(starts, sentence.start_char)
            last = bisect.bisect_left(starts, sentence.end_char)
            named = {entity.canonical for entity in people[first:last]}
            if len(named) != 1:
                continue
            canonical = named.pop()
            vote = 0
            for token in self.doc[self._token_at(people[first].end) : sentence.end]:
                if not self.quoted[token.i]:
                    vote += (token.lower_ in _MASCULINE) - (token.lower_ in _FEMININE)
            scores[canonical] = scores.get(canonical, 0) + vote
        return scores

    def _subject_before(
        self, char: int, labels: tuple[str, ...], exclude: _Group, gender: int = 0
    ) -> EntityAnnotation | None:
        """The entity that is the subject of the nearest sentence before `char` having one."""
        end_token = self._token_before(char)
        sentence = bisect.bisect_right(self.sentence_starts, max(end_token - 1, 0)) - 1
        inside = [(run.start, run.end) for run in exclude.runs]
        for number in range(sentence, max(sentence - _ANTECEDENT_SENTENCES, -1), -1):
            start = self.sentence_starts[number]
            end = self.sentence_starts[number + 1] if number + 1 < len(self.sentence_starts) else len(self.doc)
            best: tuple[int, EntityAnnotation] | None = None
            for index in range(max(start, end_token - _LOOKBACK_TOKENS), min(end, end_token)):
                token = self.doc[index]
                if token.dep_ not in _SUBJECTS or any(a <= token.idx < b for a, b in inside):
                    continue
                entity = self.entity_at(token.idx)
                if entity is None or entity.label not in labels or not self.compatible(entity.canonical, gender):
                    continue
                depth = _depth(token)
                if best is None or depth < best[0]:
                    best = (depth, entity)
            if best is not None:
                return best[1]
            if number == sentence:
                # No named subject in the pronoun's own sentence: a person named earlier in that
                # sentence ("X's sister asked him …, but he replied") is the nearest antecedent.
                sentence_start = self.doc[start].idx if start < len(self.doc) else char
                mentioned = self._mention_before(char, labels, gender)
                if mentioned is not None and mentioned.start >= sentence_start:
                    return mentioned
        return None

    def _mention_before(self, char: int, labels: tuple[str, ...], gender: int = 0) -> EntityAnnotation | None:
        index = bisect.bisect_left(self.entity_starts, char) - 1
        for entity in reversed(self.entities[max(0, index - 50) : index + 1]):
            if entity.label in labels and entity.end <= char and self.compatible(entity.canonical, gender):
                return entity
        return None

    def _recent_document(self, before: int) -> Token | None:
        sentence = bisect.bisect_right(self.sentence_starts, before) - 1
        start = self.sentence_starts[max(0, sentence - 3)]
        for index in range(before - 1, max(start, before - _LOOKBACK_TOKENS) - 1, -1):
            token = self.doc[index]
            if token.lemma_.lower() in DOCUMENT_NOUNS and token.pos_ in ("NOUN", "PROPN"):
                return token
        return None


def _names_by_surface(entities: Sequence[EntityAnnotation]) -> dict[str, str]:
    """Canonical person names by their surface forms and by their last word, where that is unambiguous."""
    names: dict[str, set[str]] = {}
    for entity in entities:
        if entity.label != "PERSON":
            continue
        for surface in (entity.text, entity.canonical, entity.canonical.split()[-1]):
            names.setdefault(surface, set()).add(entity.canonical)
    return {surface: next(iter(found)) for surface, found in names.items() if len(found) == 1}


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 20:
        token = token.head
        depth += 1
    return depth
