"""Direct quotations and who said them: the mark scanner's runs grouped into quotes, then attributed."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from articles.nlp.quotes_scan import Run, scan
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
_GROUP_PRONOUNS = frozenset({"they", "them"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CLIMB = frozenset({"conj", "xcomp", "advcl"})
_NAMING_LABELS = ("PERSON", "ORG", "NORP", "GPE")
_SMALL_WORDS = frozenset({"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "by", "with", "or"})
_WORD = re.compile(r"\w+")

# How far the attribution looks around a quotation, in tokens.
_AFTER_WINDOW = 20
_BEFORE_WINDOW = 30
_ANTECEDENT_SENTENCES = 8


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
    runs = scan(doc.text)
    if not runs:
        return []
    context = _Context(doc, entities, runs)
    groups = _join_split_quotes(context, [_Group([run]) for run in runs])
    for group in groups:
        group.attribution = context.attribute(group)
        context.remember(group)
    groups = _join_continued_paragraphs(groups)
    _inherit_speakers(groups)
    return [_annotation(doc.text, group) for group in groups if not _is_scare_quote(doc.text, group)]


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
    if len(between) > 120 or re.search(r"[.!?]\s", between):
        return False
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


def _inherit_speakers(groups: list[_Group]) -> None:
    """A quotation with no cue of its own, right after an attributed one, continues the same speaker."""
    for previous, group in zip(groups, groups[1:], strict=False):
        if group.attribution.found or previous.attribution.speaker is None:
            continue
        if group.first.paragraph - previous.last.paragraph <= 1:
            inherited = previous.attribution
            group.attribution = _Attribution(inherited.speaker, kind=inherited.kind)


def _is_scare_quote(text: str, group: _Group) -> bool:
    """Scare quotes, titles and names in quotes: a word or two, or a few with no cue of their own."""
    if len(group.runs) > 1:
        return False
    inner = text[group.first.start : group.first.end]
    words = _WORD.findall(inner)
    if group.attribution.found:
        return len(words) <= 2 and not inner.endswith((",", ".", "!", "?"))
    if len(words) <= 4:
        return True
    return len(words) <= 8 and all(word[0].isupper() or word.lower() in _SMALL_WORDS for word in words)


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
    return QuoteAnnotation(
        text=" ".join(text[start:end] for start, end in spans),
        spans=tuple(spans),
        speaker=found.speaker,
        speaker_text=found.speaker_text,
        speaker_start=found.speaker_start,
        speaker_end=found.speaker_end,
        cue=found.cue,
        kind=found.kind,
    )


class _Context:
    """The parsed document with the lookups attribution needs, each built once in linear time."""

    def __init__(self, doc: Doc, entities: Sequence[EntityAnnotation], runs: list[Run]) -> None:
        self.doc = doc
        self.text = doc.text
        self.parsed = doc.has_annotation("DEP")
        self.token_starts = [token.idx for token in doc]
        self.entities = sorted(entities, key=lambda entity: entity.start)
        self.entity_starts = [entity.start for entity in self.entities]
        self.sentence_starts = [sentence.start for sentence in doc.sents] if self.parsed else [0]
        self.quoted = self._quoted_tokens(runs)
        self.speakers: list[tuple[int, _Attribution]] = []  # (quote start, attribution) of earlier quotes

    def _quoted_tokens(self, runs: list[Run]) -> list[bool]:
        """Whether each token is inside a quotation or is one of its marks."""
        quoted = [False] * len(self.doc)
        for run in runs:
            for index in range(self._token_at(run.open_mark), self._token_before(run.close_end)):
                quoted[index] = True
        return quoted

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
        cue = self.find_cue(self._before_limit(first_run.open_mark), first_run.open_mark, reverse=True)
        if cue is not None:
            return cue
        return self._colon_cue(first_run)

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
        """Where the attribution after a closing mark can end: a sentence end, a new quotation or a newline."""
        for count, index in enumerate(range(self._token_at(char), len(self.doc))):
            token = self.doc[index]
            if self.quoted[index] or "\n" in token.text or count >= _AFTER_WINDOW:
                return token.idx
            if token.text in (".", "!", "?", ";"):
                return token.idx + len(token)
        return len(self.text)

    def _before_limit(self, char: int) -> int:
        count = 0
        index = self._token_before(char) - 1
        limit = 0
        while index >= 0:
            token = self.doc[index]
            if self.quoted[index] or "\n" in token.text or token.text in (".", "!", "?", ";"):
                limit = token.idx + len(token)
                break
            count += 1
            if count >= _BEFORE_WINDOW:
                limit = token.idx
                break
            index -= 1
        newline = self.text.rfind("\n", limit, char)
        return newline + 1 if newline >= 0 else limit

    def _colon_cue(self, run: Run) -> Token | None:
        """`He said:` ending the previous paragraph or sentence introduces a quotation that opens one."""
        before = self.text[: run.open_mark].rstrip()
        if not before.endswith(":"):
            return None
        colon = len(before) - 1
        return self.find_cue(self._before_limit(colon), colon, reverse=True)

    def _cue_text(self, cue: Token) -> str:
        if cue.lower_ == "according":
            return "according to"
        if cue.lower_ == "words":
            return "in the words of"
        particle = [child for child in cue.children if child.dep_ == "prt"]
        return cue.text + (" " + particle[0].text if particle else "")

    # --- finding the speaker ---------------------------------------------------------------------

    def _speaker_of(self, cue: Token, group: _Group) -> _Attribution:
        subject = self._subject(cue)
        if subject is None:
            return _Attribution()
        return self._resolve(subject, group)

    def _subject(self, cue: Token) -> Token | None:
        if cue.lower_ in ("according", "words"):
            preposition = cue.nbor()
            objects = [child for child in preposition.children if child.dep_ == "pobj"]
            if objects:
                return objects[0]
            return self._next_nominal(preposition)
        verb = cue
        for _ in range(4):
            subjects = [child for child in verb.children if child.dep_ in _SUBJECTS]
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
            if verb.dep_ not in _CLIMB or verb.head.i == verb.i:
                break
            verb = verb.head
        return self._next_nominal(cue)

    def _next_nominal(self, after: Token) -> Token | None:
        """The noun just after a cue with no parsed subject (`"…," said the envoy`)."""
        for index in range(after.i + 1, min(after.i + 7, len(self.doc))):
            token = self.doc[index]
            if self.quoted[index] or token.text in (".", "!", "?", ";", "\n"):
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
        if subject.lemma_.lower() in DOCUMENT_NOUNS or lower in DOCUMENT_NOUNS:
            return self._document(subject)
        entity = self._entity_for(subject)
        if entity is not None:
            return _Attribution(entity.canonical, entity.text, entity.start, entity.end)
        phrase = self.doc[subject.left_edge.i : subject.i + 1]
        if subject.pos_ in ("PROPN", "NOUN") and not self.quoted[subject.i]:
            text = phrase.text
            speaker = re.sub(r"^(?:a|an|the)\s+", "", text, flags=re.IGNORECASE)
            return _Attribution(speaker or None, text, phrase.start_char, phrase.end_char)
        return _Attribution(None, phrase.text, phrase.start_char, phrase.end_char)

    def _document(self, noun: Token) -> _Attribution:
        phrase = self.doc[noun.left_edge.i : noun.i + 1]
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
        before = min(pronoun.idx, group.first.open_mark)
        entity = self._subject_before(before, labels, exclude=group)
        if entity is None and labels == ("PERSON",):
            for _, attribution in reversed(self.speakers):
                if attribution.kind == "person" and attribution.speaker:
                    return _Attribution(attribution.speaker, pronoun.text, *where)
        if entity is None:
            entity = self._mention_before(before, labels)
        return _Attribution(entity.canonical if entity else None, pronoun.text, *where)

    def _subject_before(self, char: int, labels: tuple[str, ...], exclude: _Group) -> EntityAnnotation | None:
        """The entity that is the subject of the nearest sentence before `char` having one."""
        end_token = self._token_before(char)
        sentence = bisect.bisect_right(self.sentence_starts, max(end_token - 1, 0)) - 1
        inside = [(run.start, run.end) for run in exclude.runs]
        for number in range(sentence, max(sentence - _ANTECEDENT_SENTENCES, -1), -1):
            start = self.sentence_starts[number]
            end = self.sentence_starts[number + 1] if number + 1 < len(self.sentence_starts) else len(self.doc)
            best: tuple[int, EntityAnnotation] | None = None
            for index in range(start, min(end, end_token)):
                token = self.doc[index]
                if token.dep_ not in _SUBJECTS or any(a <= token.idx < b for a, b in inside):
                    continue
                entity = self.entity_at(token.idx)
                if entity is None or entity.label not in labels:
                    continue
                depth = _depth(token)
                if best is None or depth < best[0]:
                    best = (depth, entity)
            if best is not None:
                return best[1]
        return None

    def _mention_before(self, char: int, labels: tuple[str, ...]) -> EntityAnnotation | None:
        index = bisect.bisect_left(self.entity_starts, char) - 1
        for entity in reversed(self.entities[max(0, index - 50) : index + 1]):
            if entity.label in labels and entity.end <= char:
                return entity
        return None

    def _recent_document(self, before: int) -> Token | None:
        sentence = bisect.bisect_right(self.sentence_starts, before) - 1
        start = self.sentence_starts[max(0, sentence - 3)]
        for index in range(before - 1, start - 1, -1):
            token = self.doc[index]
            if token.lemma_.lower() in DOCUMENT_NOUNS and token.pos_ in ("NOUN", "PROPN"):
                return token
        return None


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 20:
        token = token.head
        depth += 1
    return depth
