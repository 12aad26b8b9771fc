"""Direct quotations and who said them: the mark scanner's runs grouped into quotes, then attributed."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from articles.nlp.cables import cable_mentions, country_of_post
from articles.nlp.entities_names import ABBREVIATED_TITLES, JOB_TITLE_HEADS, OFFICE_WORDS, one_of_a_people
from articles.nlp.quotes_scan import DOUBLE_MARKS, Run, paragraphs, scan, unmarked_runs
from articles.nlp.quotes_words import (
    AS_LABEL_VERBS,
    BODY_NOUNS,
    CABLE_NOUNS,
    CABLE_REPORT_NOUNS,
    COMPANY_NOUNS,
    CONTINUING_VERBS,
    CUE_VERBS,
    DESCRIBED_VERBS,
    DOCUMENT_NOUNS,
    DOCUMENT_VERB_FORMS,
    EVIDENCE_VERBS,
    FEMININE,
    FEMININE_NOUNS,
    FEMININE_TITLES,
    FINDING_VERBS,
    FUNCTION_WORDS,
    GROUP_NOUNS,
    GROUP_PRONOUNS,
    INSTITUTION_NOUNS,
    INTRODUCING_VERBS,
    ISSUE_VERBS,
    ISSUING_VERBS,
    LABEL_VERBS,
    MASCULINE,
    MASCULINE_NOUNS,
    MASCULINE_TITLES,
    MEMBER_ACRONYMS,
    NAMED_BODY_NOUNS,
    OBJECT_SENSE_VERBS,
    PERCEPTION_VERBS,
    PERSON_PRONOUNS,
    PLACE_PREPOSITIONS,
    POST_NOUNS,
    PRESS_NAME_WORDS,
    PUBLICATION_NOUNS,
    QUANTIFIERS,
    REPRESENTATIVE_NOUNS,
    ROLE_PREPOSITIONS,
    SELF_LABEL_VERBS,
    SENTENCE_CONNECTIVES,
    SHARE_WORDS,
    SMALL_WORDS,
    SOURCE_NOUNS,
    STATE_BODY_NOUNS,
    STATEMENT_NOUNS,
    STUDY_NOUNS,
    SURNAME_PARTICLES,
    THING_PARTICLES,
    THING_PRONOUNS,
    TITLES,
    UNDERTAKING_VERBS,
    VERDICT_NOUNS,
)
from articles.nlp.types import EntityAnnotation, QuoteAnnotation

# How far back (characters) a description looks for the person it describes.
_DESCRIPTION_LOOKBACK = 4000
_NEXT_WORD = re.compile(r"\s*(\w+)")
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CLIMB = frozenset({"conj", "xcomp", "advcl"})
_NAMING_LABELS = ("PERSON", "ORG", "NORP", "GPE")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")  # a word with a letter: dates and numbers in marks are not speech
_SPACE = re.compile(r"\s+")
_LEADING_PUNCTUATION = " \t\n-–—(“\"'‘"
_DASHES = frozenset({"-", "--", "—", "–", "―"})
# Nouns for words displayed rather than said, right before the quotation in its sentence.
_NAMED_AS_WORDS = re.compile(
    r"\b(?:slogans?|mottos?|mottoes|headlines?|banners?|captions?|taglines?|catchphrases?|hashtags?|titled|entitled)"
    r"\b[^.!?\"“”\n]{0,25}$",
    re.IGNORECASE,
)
# A person described by their age alone (`the 22-year-old`).
_AGE_DESCRIPTION = re.compile(r"(?i:the)\s+(?:\d+|[a-z]+(?:-[a-z]+)?)[- ]year[- ]old")
# A work named right before the quotation marks: what follows is its title (`her book "…"`).
_NAMING_VERBS = frozenset({"call", "name", "dub", "term", "title", "entitle", "nickname"})
_TITLED_BEFORE = re.compile(r"\b(?:headlined|titled|entitled|subtitled|captioned)\s*$", re.IGNORECASE)
_TITLE_AFTER = re.compile(
    r"[,\s]*(?:is|was|were|are)\s+(?:the\s+|a\s+)?(?:headline|title|heading|subject line|caption|name)\b",
    re.IGNORECASE,
)
_WORK_BEFORE = re.compile(
    r"\b(?:book|novel|memoir|biography|film|movie|documentary|album|song|single|musical|poem|essay|column|"
    r"painting|exhibition|installation|sculpture|opera|episode|sitcom|series|podcast|e-?book)\s*,?\s*$",
    re.IGNORECASE,
)
# A word or phrase mentioned as such just before the quotation marks (`the term "blog"`).
_MENTIONED_WORD = re.compile(
    r"\b(?:the|a|an|this|that)\s+(?:term|word|phrase|expression|acronym|abbreviation|neologism)\s*$", re.IGNORECASE
)
_CONJUNCTION = re.compile(r"\b(?:and|but|or|then|while|before|after|because)\b", re.IGNORECASE)
# a sentence's end: a stop and a space, not after a title's abbreviation or an initial (`Dr. Ann Varr`, `J. Varr`)
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])"
    + "".join(rf"(?<!\b{word.capitalize()})" for word in sorted(ABBREVIATED_TITLES | {"st", "jr", "sr"}))
    + r"[.!?]\s"
)

# A lone noun in marks counts as a quotation when its cue is at most this many steps above it in the parse
# (`called it a "disaster"`); deeper in a clause the cue reports it is a term (`groups dubbed "trailblazers"`),
# where other short phrases are still the speaker's (`said it would come "before long"`).
_CLOSE_CUE_HOPS = 1
# How far before a quotation a labelling verb may stand when the parse does not link them, in tokens.
_LABEL_WINDOW = 10
# How far the attribution looks around a quotation, in tokens.
_AFTER_WINDOW = 20
# Words that may stand between quoted words ending their sentence and the cue after them
# (`"…." Jane Doe, the union's general secretary, said`).
_ENDED_ATTRIBUTION_WORDS = 10
_BEFORE_WINDOW = 30
# The longest stretch between a closing mark and its cue when a subject's apposition comes between.
_LONG_SUBJECT_WINDOW = 45
_ANTECEDENT_SENTENCES = 8
# The most tokens looked back at for an antecedent (keeps a text without sentence ends linear).
_LOOKBACK_TOKENS = 300
# How many earlier speakers a pronoun may fall back on.
_RECENT_SPEAKERS = 20
# The most characters between two quotations for the second to inherit the first one's speaker.
_INHERIT_GAP = 250
# How many paragraphs back an unattributed quotation (not from a cable) looks for the last speaker.
_FALLBACK_PARAGRAPHS = 2


@dataclass
class _Attribution:
    speaker: str | None = None
    speaker_text: str = ""
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str = ""
    kind: str = "person"
    governed: bool = False  # the quoted words hang from the cue in the parse
    in_clause: bool = False  # the quoted words lie in the clause the cue heads (`X warns it is "grim"`)
    cue_at: int | None = None  # character offset of the cue token
    mentioned: bool = False  # the quoted words are a term the sentence talks about (`"blog" headed the list`)

    @property
    def found(self) -> bool:
        return bool(self.cue)

    @classmethod
    def naming(cls, entity: EntityAnnotation) -> _Attribution:
        """The speaker an entity mention names, by its canonical name."""
        return cls(entity.canonical, entity.text, entity.start, entity.end)

    @classmethod
    def written(cls, span: Span) -> _Attribution:
        """The speaker as the text writes them (a name the recogniser missed)."""
        return cls(span.text, span.text, span.start_char, span.end_char)


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
    unmarked = unmarked_runs(text, runs)
    if unmarked:
        runs = sorted(runs + unmarked, key=lambda run: run.open_mark)
    if not runs:
        return []
    candidates = {id(run) for run in unmarked}
    context = _Context(doc, text, entities, runs)
    groups = _join_split_quotes(context, [_Group([run]) for run in runs])
    for group in groups:
        group.attribution = context.attribute(group)
        group.attribution.mentioned = group.attribution.mentioned or context.is_subject_term(group)
        if not _is_scare_quote(text, group, context.about_cables):
            context.remember(group)
    # An unmarked paragraph is a quotation only when something attributes it (or it closes one).
    groups = [
        group
        for group in groups
        if not (
            len(group.runs) == 1
            and id(group.first) in candidates
            and not group.attribution.found
            and not _closes_previous(text, group.first)
        )
    ]
    groups = _keep_quotations(text, _join_continued_paragraphs(groups), context.about_cables)
    groups = _join_across_attribution(text, groups)
    for group in groups:
        found = group.attribution
        if (
            found.speaker_start is not None
            and found.speaker_end
            and any(found.speaker_start <= run.open_mark < found.speaker_end for run in group.runs)
        ):
            # `a "well-placed" contact claimed`: words quoted inside the subject are not that subject's
            group.attribution = _Attribution()
    _echoed_speakers(context, groups)
    _inherit_speakers(context, groups)
    _default_speakers(context, groups)
    for group in groups:
        if group.attribution.speaker:
            group.attribution.speaker = context.speaker_name(group.attribution.speaker)
    return [_annotation(text, group) for group in groups]


_COORDINATED = re.compile(r"[\s,;]*(?:(?:and|or|as well as)\s+)?(?:(?:a|an|the)\s+)?", re.IGNORECASE)


def _keep_quotations(text: str, groups: list[_Group], cables: bool = False) -> list[_Group]:
    """The groups that are quotations. A short phrase coordinated with a quotation just before it
    (`what he called "insults" and "third rate espionage"`) is one too, with the same speaker."""
    kept: list[_Group] = []
    previous: _Group | None = None
    for group in groups:
        if not _is_scare_quote(text, group, cables):
            kept.append(group)
            previous = group
            continue
        if (
            previous is not None
            and previous.attribution.found
            and previous.last.closed
            and previous is kept[-1]
            and group.first.paragraph == previous.last.paragraph
            and group.first.open_mark - previous.last.close_end <= 16
            and _COORDINATED.fullmatch(text, previous.last.close_end, group.first.open_mark)
            and any(_WORD.search(text, run.start, run.end) for run in group.runs)
        ):
            found = previous.attribution
            group.attribution = _Attribution(
                found.speaker, found.speaker_text, found.speaker_start, found.speaker_end, found.cue, found.kind
            )
            kept.append(group)
            previous = group
            continue
        previous = None
    return kept


def _closes_previous(text: str, run: Run) -> bool:
    """A run continuing the open quotation of the paragraph before: it ends with a closing mark."""
    return run.close_end > run.end and text[run.close_end - 1] in '"”»'


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
    if len(between) > 120 or _SENTENCE_END.search(between):
        return False
    conjunction = _CONJUNCTION.search(between)
    if conjunction is not None:
        # `"A", and told the police, "B"` joins two partial quotes, not one split quote; an `and` in the
        # speaker's apposition does not (`"A," Jo Varr, a teacher and writer, said, "B"`)
        cue = context.find_cue(first.close_end, second.open_mark)
        if cue is None or cue.idx < conjunction.start() + first.close_end:
            return False
        if "," not in text[first.close_end + conjunction.end() : cue.idx]:
            return False
    stripped = between.strip()
    if len(stripped) > 40 and _reads_as_title(text[first.start : first.end]):
        return False  # `the release of the "Afghan War Diaries", X, stating that, "…"`: a title, then a quote
    comma_before = text[first.start : first.end].endswith(",") or stripped.startswith(",")
    if not stripped.endswith((",", ":", "—", "–")):
        return False
    if stripped.endswith(":") and text[: first.open_mark].rstrip()[-1:] not in ("", ".", "!", "?", ":", '"', "”"):
        # `Reminded that X called him "a disgrace", Wenger added: "I don't …"`: a phrase quoted inside
        # a sentence, then a new quotation the colon introduces
        return False
    if comma_before:
        return context.find_cue(first.close_end, second.open_mark) is not None
    # `"we were astonished to learn" ambassador Murphy wrote, "how quickly …"`: one sentence
    # quoted in two pieces around its attribution (the first piece does not end the sentence).
    first_text = text[first.start : first.end].rstrip()
    if not first_text or first_text[-1] in ".!?" or len(between) > 60:
        return False
    second_text = text[second.start : second.end]
    if not second_text[:1].islower():
        return False
    if context.find_cue(first.close_end, second.open_mark) is not None:
        return True
    # `"public German reactions" to the vote, "have come …"`: the sentence's subject quoted apart
    # from its verb, with nothing but a modifier between.
    return context.parsed and not any(
        context.doc[index].pos_ in ("VERB", "AUX") for index in context.tokens(first.close_end, second.open_mark)
    )


def _join_continued_paragraphs(groups: list[_Group]) -> list[_Group]:
    """A paragraph that continues a quotation opens with a mark although the previous one never closed."""
    joined: list[_Group] = []
    for group in groups:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and not previous.last.closed
            and _continues(previous.last, group.first)
            and not _different_sources(previous.attribution, group.attribution)
        ):
            previous.runs.extend(group.runs)
            if not previous.attribution.found:
                previous.attribution = group.attribution
        else:
            joined.append(group)
    return joined


def _continues(previous: Run, current: Run) -> bool:
    """`current` opens the next paragraph of the quotation `previous` left open (or its paragraph
    break was lost and it opens right after the sentence that ended there)."""
    if current.continues:
        return current.paragraph == previous.paragraph and previous.close_end <= current.open_mark
    return current.at_paragraph_start and current.paragraph == previous.paragraph + 1


# The longest attribution sentence between two parts of one quotation (`"A," she said. "B"`).
_ATTRIBUTION_GAP = 120


def _join_across_attribution(text: str, groups: list[_Group]) -> list[_Group]:
    """`"A," she said. "B"`: a quotation right after an attribution sentence, with no cue of its own
    (or only that same one), goes on with the quotation that sentence attributes."""
    joined: list[_Group] = []
    for group in groups:
        previous = joined[-1] if joined else None
        if previous is not None and _continues_after_attribution(text, previous, group):
            previous.runs.extend(group.runs)
        else:
            joined.append(group)
    return joined


def _continues_after_attribution(text: str, previous: _Group, group: _Group) -> bool:
    before = previous.attribution
    if not before.found or before.cue_at is None or not previous.last.closed:
        return False
    gap_start, gap_end = previous.last.close_end, group.first.open_mark
    if not gap_start <= before.cue_at < gap_end or gap_end - gap_start > _ATTRIBUTION_GAP:
        return False
    if group.first.paragraph != previous.last.paragraph:
        return False  # a new paragraph is a new quotation, even when it has no cue of its own
    gap = text[gap_start:gap_end]
    if any(mark in gap for mark in DOUBLE_MARKS) or not gap.rstrip().endswith((".", "!", "?")):
        return False
    if _SENTENCE_END.search(gap.rstrip()[:-1]):
        return False  # more than the one attribution sentence
    if not text[previous.last.start : previous.last.end].rstrip().endswith((",", "?", "!", ".")):
        return False
    after = group.attribution
    if not after.found or after.cue_at == before.cue_at:
        return True
    # its cue may be another word of the same phrase: `the boss is quoted as saying.`
    return after.cue_at is not None and gap_start <= after.cue_at < gap_end and _same_phrase(text, before, after)


def _same_phrase(text: str, first: _Attribution, second: _Attribution) -> bool:
    """Two cues a few words apart with no comma between (`quoted as saying`)."""
    assert first.cue_at is not None and second.cue_at is not None
    low, high = sorted((first.cue_at, second.cue_at))
    between = text[low:high]
    return len(between) <= 20 and "," not in between


def _different_sources(first: _Attribution, second: _Attribution) -> bool:
    return first.found and second.found and first.speaker != second.speaker


def _prepositional_objects(token: Token, word: str, deps: tuple[str, ...] = ("prep",)) -> Iterator[list[Token]]:
    """For each preposition `word` hanging from `token`, the objects it governs (`of students` -> [students])."""
    for child in token.children:
        if child.dep_ in deps and child.lower_ == word:
            yield [grand for grand in child.children if grand.dep_ == "pobj"]


def _whole_of_part(subject: Token) -> Token:
    """`56% of students believed …`, `most of the residents said …`: the group a share of it speaks for."""
    if not (subject.lower_ in SHARE_WORDS or subject.like_num or subject.lower_ in QUANTIFIERS):
        return subject
    for objects in _prepositional_objects(subject, "of"):
        wholes = [noun for noun in objects if noun.pos_ in ("NOUN", "PROPN")]
        if wholes:
            return wholes[0]
    return subject


def _attributed_to(verb: Token) -> Token | None:
    """Who words are `attributed to`."""
    for names in _prepositional_objects(verb, "to", ("prep", "dative")):
        if names:
            return names[0]
    return None


def _verb_above(token: Token, steps: int = 4) -> Token | None:
    """The nearest verb governing `token`, climbing at most `steps` heads past its own; None if there is none."""
    head = token.head
    for _ in range(steps):
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            break
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None


def _bare_plural(noun: Token) -> bool:
    """A plural noun with no article or determiner (`pensioners`): people in general."""
    return noun.tag_ == "NNS" and not any(child.dep_ == "det" for child in noun.children)


def _bare_plural_object_of(subject: Token, preposition: Token) -> bool:
    """A bare plural right after a preposition, taken for the subject of the participle after it."""
    return (
        preposition.pos_ == "ADP"
        and _bare_plural(subject)
        and subject.left_edge.i == preposition.i + 1
        and _verb_above(preposition) is not None
    )


def _bare_plural_object(noun: Token) -> bool:
    """`attacked the plans for pensioners saying …`: people in general, the object of a preposition, are
    what a clause is about, not who speaks in it."""
    return noun.dep_ == "pobj" and _bare_plural(noun)


def _is_according_to(token: Token) -> bool:
    """The source named by `according to`: the sentence's speaker, as its subject would be."""
    preposition = token.head
    return (
        token.dep_ == "pobj"
        and preposition.lower_ == "to"
        and preposition.i > 0
        and token.doc[preposition.i - 1].lower_ == "according"
    )


def _inherit_speakers(context: _Context, groups: list[_Group]) -> None:
    """A quotation with no cue of its own, right after an attributed one, continues the same speaker.

    Only when nobody else can have spoken in between: the two are close and no other person is
    named between them.
    """
    for previous, group in zip(groups, groups[1:], strict=False):
        inherited = previous.attribution
        if inherited.speaker is None or group.attribution.speaker is not None:
            continue
        gap_start, gap_end = previous.last.close_end, group.first.open_mark
        if group.attribution.found and not _goes_on(group.attribution, gap_end - gap_start):
            continue
        if group.first.paragraph - previous.last.paragraph > 1 or gap_end - gap_start > _INHERIT_GAP:
            continue
        named = [
            entity
            for entity in context.entities_between(gap_start, gap_end, ("PERSON",))
            if context.acts(entity)  # `as officials did with Spain's Garzón` names no new speaker
        ]
        if all(entity.canonical == inherited.speaker for entity in named):
            group.attribution = _Attribution(inherited.speaker, kind=inherited.kind)


def _quoted_words(text: str, group: _Group) -> str:
    return " ".join(word.casefold() for run in group.runs for word in _WORD.findall(text, run.start, run.end))


def _echoed_speakers(context: _Context, groups: list[_Group]) -> None:
    """A quotation with no cue in its own paragraph that repeats the words of one attributed elsewhere (a
    heading or a pull quote over the paragraph that quotes them in full) is that speaker's."""
    text = context.text
    attributed = [(_quoted_words(text, group), group) for group in groups if group.attribution.speaker]
    for group in groups:
        found = group.attribution
        if found.cue_at is not None and context.same_paragraph(found.cue_at, group.first.open_mark):
            continue
        start, end = context.paragraph(group.first.open_mark)
        if group.last.paragraph != group.first.paragraph or _WORD.search(
            text[start : group.first.open_mark] + text[group.last.close_end : end]
        ):
            continue  # a paragraph of its own, nothing but the quoted words
        words = _quoted_words(text, group)
        if words.count(" ") < 2:
            continue  # three words at least: fewer may be anyone's
        source = next((other for full, other in attributed if other is not group and f" {words} " in f" {full} "), None)
        if source is not None:
            group.attribution = _Attribution(source.attribution.speaker, kind=source.attribution.kind)


def _goes_on(found: _Attribution, gap: int) -> bool:
    """`"…", adding "…"`: a participle cue with no subject of its own, close after a quotation, goes on
    with whoever spoke it."""
    return found.cue.lower().endswith("ing") and not found.speaker_text and gap <= _INHERIT_GAP // 2


def _default_speakers(context: _Context, groups: list[_Group]) -> None:
    """The likeliest speaker of each quotation the rules left without one (sets their attribution)."""
    if context.about_cables:
        _default_to_the_cable(groups)
    else:
        _default_to_recent_person(context, groups)


def _default_to_the_cable(groups: list[_Group]) -> None:
    """In an article about leaked cables, a quotation with no speaker quotes the cables: such articles
    name the people they quote, and quote the documents they are about without a cue."""
    for group in groups:
        found = group.attribution
        if found.speaker is None and not (found.found and found.speaker_text):
            # (`"…," one wrote on a microblog`: a cue whose subject names nobody is nobody's, not the cable's)
            group.attribution = _Attribution(
                "the cable", found.speaker_text, found.speaker_start, found.speaker_end, found.cue, "document"
            )


def _default_to_recent_person(context: _Context, groups: list[_Group]) -> None:
    """A quotation with no cue at all goes on with the person quoted last, a paragraph or two before;
    failing that, it is the words of the person the sentences just before it are about."""
    previous: str | None = None
    previous_paragraph = -_FALLBACK_PARAGRAPHS - 1
    previous_end = 0
    for group in groups:
        found = group.attribution
        if found.speaker is not None:
            if found.kind == "person":
                previous, previous_paragraph = found.speaker, group.last.paragraph
                previous_end = group.last.close_end
            continue
        if found.found:
            continue  # a cue whose subject names nobody (`one reader wrote`): better no speaker
        # `Jane Doe criticised the system. "…"`: the person a sentence of the quotation's own
        # paragraph, after the last quotation, is about speaks rather than the one quoted before.
        entity = context.subject_nearby(group)
        if (
            entity is not None
            and entity.start >= previous_end
            and context.same_paragraph(entity.start, group.first.open_mark)
        ):
            group.attribution = _Attribution(entity.canonical)
            continue
        if previous is not None and group.first.paragraph - previous_paragraph <= _FALLBACK_PARAGRAPHS:
            group.attribution = _Attribution(previous)
            continue
        entity = context.subject_nearby(group)
        if entity is not None:
            group.attribution = _Attribution(entity.canonical)


def _reads_as_title(inner: str) -> bool:
    """A few capitalised words with no sentence's end: a title or a name in marks (`"Afghan War Diaries"`)."""
    words = _WORD.findall(inner)
    return (
        2 <= len(words) <= 8
        and all(word[0].isupper() or word in SMALL_WORDS for word in words)
        and not inner.rstrip(" ,").endswith((".", "!", "?"))
    )


def _is_scare_quote(text: str, group: _Group, cables: bool = False) -> bool:
    """Scare quotes, titles and names in quotes: a word or two, or a few with no cue of their own
    (`cables`: the text is about leaked cables, whose wording it quotes)."""
    if not any(_WORD.search(text, run.start, run.end) for run in group.runs):
        return True  # nothing but digits and punctuation
    if len(group.runs) > 1:
        return False
    if not group.attribution.cue and _NAMED_AS_WORDS.search(
        text, max(0, group.first.open_mark - 40), group.first.open_mark
    ):
        return True  # `the slogan: "It's not racist to …"`, `a headline reading "…"`: words shown, not said
    if _WORK_BEFORE.search(text, max(0, group.first.open_mark - 40), group.first.open_mark):
        return True  # `In her book "A Paradise Built in Hell," she wrote`: a title
    if _TITLED_BEFORE.search(text, max(0, group.first.open_mark - 20), group.first.open_mark) or (
        group.last.closed and _TITLE_AFTER.match(text, group.last.close_end)
    ):
        return True  # `Headlined "…," the cable says`, `"…" is the headline on one section`: a title
    inner = text[group.first.start : group.first.end]
    words = _WORD.findall(inner)
    if group.attribution.mentioned or (
        len(words) <= 3 and _MENTIONED_WORD.search(text, max(0, group.first.open_mark - 30), group.first.open_mark)
    ):
        return True  # `the term "blog"`, `said "blog" headed the list`: a word talked about, not said
    if 2 <= len(words) <= 12 and all(word[0].isupper() or word in SMALL_WORDS for word in words):
        # a title or a name, unless it is a whole sentence someone is quoted saying (American
        # punctuation puts a title's full stop inside the marks: `singles like "What a Fool Believes."`)
        return not (inner.endswith((".", "!", "?")) and group.attribution.found)
    if group.attribution.governed:
        # `described it as "laughable"`: a short phrase its speaker is quoted for; a lone function
        # word (`told the police "everything"`) is emphasis, not a quotation.
        return len(words) == 1 and words[0].lower() in FUNCTION_WORDS
    if group.attribution.in_clause:
        # `Ms Varr warns, is "grim"`, `the spokesman said the rule was "rather vague"`: words in the
        # clause of a cue are its speaker's, however few
        return len(words) == 1 and words[0].lower() in FUNCTION_WORDS
    if group.attribution.found:
        return len(words) <= 2 and not inner.endswith((",", ".", "!", "?"))
    if cables and len(words) >= 2 and _reports_cables(text, group):
        # in a passage on what the cables say, a phrase in marks with no cue is their wording
        # (`the cable says the two exchanged "lavish gifts"`); elsewhere in the article, and for a
        # lone word, marks may be the writer's irony
        return False
    return len(words) <= 4


def _passive(verb: Token) -> bool:
    return any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children)


def _gerund_subject(token: Token) -> Token | None:
    """The subject of an -ing form the tagger took for a noun: its subject, or the name it made a
    modifier of it (`with Minister X warning of …`)."""
    for child in token.children:
        if child.dep_ == "nsubj" or (child.dep_ == "compound" and child.pos_ == "PROPN" and child.i == token.i - 1):
            return child
    return None


def _gerund_cue(token: Token) -> bool:
    """A cue verb's -ing form with a subject of its own, tagged as a noun (`X warning of …`)."""
    lower = token.lower_
    if not lower.endswith("ing") or _gerund_subject(token) is None:
        return False
    stem = lower[:-3]
    undoubled = stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem
    return any(verb in CUE_VERBS and verb != "be" for verb in (stem, stem + "e", undoubled))


def _reports_cables(text: str, group: _Group) -> bool:
    """Whether the sentence around a quotation speaks of the cables, their writers or their posts."""
    start = max(text.rfind(". ", 0, group.first.open_mark), text.rfind("\n", 0, group.first.open_mark), 0)
    ends = [i for i in (text.find(". ", group.last.end), text.find("\n", group.last.end)) if i >= 0]
    end = min(ends) if ends else len(text)
    return _CABLE_CONTEXT.search(text, start, end) is not None


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
        self.runs = runs
        self.spoken: list[tuple[int, int]] = []  # runs of earlier quotations attributed to people
        self.run_marks = [run.open_mark for run in runs]
        self.speakers: list[tuple[int, _Attribution]] = []  # (quote start, attribution) of earlier quotes
        self._genders: dict[str, int] | None = None
        self._governed = self._in_clause = False
        self._close_cue = False
        self._topic: str | None = None
        self._name_cues: set[int] = set()  # names standing for a cue (`Jane Doe: "…"`)
        self._person_names: dict[str, str] | None = None
        self.about_cables = cable_mentions(text) >= 2

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

    def find_cue(self, start: int, end: int, reverse: bool = False, introducing: bool = False) -> Token | None:
        indices = self.tokens(start, end)
        for index in reversed(indices) if reverse else indices:
            if not self.quoted[index] and (self.is_cue(self.doc[index]) or (introducing and self._introduces(index))):
                return self.doc[index]
        return None

    def _introduces(self, index: int) -> bool:
        """`X spoke to reporters.`: a verb of talking with its own subject, introducing what follows."""
        token = self.doc[index]
        return (
            token.pos_ == "VERB"
            and (token.lemma_ or token.lower_).lower() in INTRODUCING_VERBS
            and any(child.dep_ == "nsubj" for child in token.children)
        )

    def is_cue(self, token: Token) -> bool:
        lower = token.lower_
        if lower == "according":
            return token.i + 1 < len(self.doc) and token.nbor().lower_ == "to"
        if lower == "words" and token.i >= 2 and token.nbor(-1).lower_ == "the" and token.nbor(-2).lower_ == "in":
            return token.i + 1 < len(self.doc) and token.nbor().lower_ == "of"
        if token.tag_ == "NNS" and self._inverted_noun_cue(token):
            return True
        if token.pos_ == "NOUN" and _gerund_cue(token):
            return True  # `with Minister X warning of "…"`: a participle the tagger took for a noun
        if token.pos_ == "NOUN" and token.lemma_.lower() in VERDICT_NOUNS:
            return self._verdict_holder(token) is not None
        if lower == "attributed":
            return _attributed_to(token) is not None  # `a quote attributed to Thomas Jefferson`
        if token.dep_ == "amod":
            return False  # `the inadequately informed editor`, `a written reply`: adjectives
        if (
            token.is_title
            and lower in ("said", "says", "told", "added", "asked", "wrote")
            and token.i + 1 < len(self.doc)
            and (named := self.entity_at(self.doc[token.i + 1].idx)) is not None
            and named.label == "PERSON"
        ):
            return True  # `"…," Said Darren Manning`: a cue capitalised by mistake, the speaker after it
        if token.is_title and self._continues_after_quotation(token):
            return False  # `"…," Yelling told BBC Sport`: a capitalised word going on the sentence is a name
        if token.pos_ not in ("VERB", "AUX", "") and token.pos_:
            return False
        lemma = (token.lemma_ or lower).lower()
        if lemma == "point":
            return any(child.dep_ == "prt" and child.lower_ == "out" for child in token.children)
        if lemma == "fear":
            # `X feared Y would "take him out"`: a fear told; not `fears heights and "…"`
            return any(child.dep_ == "ccomp" for child in token.children)
        if lemma in FINDING_VERBS:
            # `"…," the inquiry found`: a study's finding is what it says; a person's is not, nor one
            # reported by someone else (`she said the study found …`).
            return token.dep_ != "ccomp" and any(
                child.dep_ == "nsubj" and child.lemma_.lower() in DOCUMENT_NOUNS | SOURCE_NOUNS | STUDY_NOUNS
                for child in token.children
            )
        if (
            lemma == "put"
            and token.i >= 2
            and any(child.dep_ == "dobj" and child.lower_ == "it" for child in token.children)
        ):
            # `As Jo Varr put it, "…"`
            return any(child.dep_ == "mark" and child.lower_ == "as" for child in token.children) or (
                token.left_edge.lower_ == "as"
            )
        if lemma in ISSUE_VERBS:
            # `X issued a statement (that) "…"`, `X put out a statement`; not `X put an appeal on a board`
            if lemma == "put" and not any(child.dep_ == "prt" and child.lower_ == "out" for child in token.children):
                return False
            return any(child.dep_ == "dobj" and child.lemma_.lower() in STATEMENT_NOUNS for child in token.children)
        if lemma in OBJECT_SENSE_VERBS and self._object_sense(token):
            return False
        if lemma in UNDERTAKING_VERBS and any(child.dep_ == "xcomp" for child in token.children):
            return False  # `the US had agreed to release the four`: consent to act, not words
        if token.dep_ == "relcl" and self._thing_relative(token):
            return False  # `ignoring e-mails that claim you have won`: no one speaks
        if lemma == "ask" and any(child.dep_ == "prep" and child.lower_ == "for" for child in token.children):
            return False  # `asked for a debate` is a request, not words
        return lemma in CUE_VERBS and lemma != "be"

    def _inverted_noun_cue(self, token: Token) -> bool:
        """`"…," Jane Doe, a first year student, states, "…"`: a cue verb the tagger took for a plural
        noun, set off by commas after an apposition."""
        lower = token.lower_
        return (
            lower.endswith("s")
            and lower[:-1] in CUE_VERBS
            and 0 < token.i < len(self.doc) - 1
            and token.nbor(-1).text == ","
            and token.nbor(1).text in (",", ".", ":")
        )

    def _object_sense(self, verb: Token) -> bool:
        """`add more content`, `can be read by`, `charge it up`: the verb acts on a thing, says nothing."""
        for child in verb.children:
            if child.dep_ in ("auxpass", "nsubjpass", "agent"):
                return True
            if child.dep_ == "prt" and child.lower_ in THING_PARTICLES:
                return True
            if (
                child.dep_ == "dobj"
                and (child.pos_ == "NOUN" or child.lower_ in THING_PRONOUNS)
                and not self.quoted[child.i]
                and child.lemma_.lower() not in STATEMENT_NOUNS | DOCUMENT_NOUNS
            ):
                return True
        return False

    def is_subject_term(self, group: _Group) -> bool:
        """`X said "blog" headed the list`: a word or two in marks that is the subject of a verb after
        them is a term the sentence talks about."""
        if len(group.runs) > 1 or not self.parsed:
            return False
        indices = self.tokens(group.first.start, group.first.end)
        words = [self.doc[index] for index in indices if not self.doc[index].is_punct]
        if not 1 <= len(words) <= 3:
            return False
        inside = range(group.first.open_mark, group.first.close_end)
        heads = [token for token in words if token.head.idx not in inside]
        # a bare term: no article or modifier of its own outside the marks (not `the "failure" of X was`)
        return (
            len(heads) == 1
            and heads[0].dep_ in ("nsubj", "nsubjpass")
            and heads[0].head.i > heads[0].i
            and all(child.idx in inside for child in heads[0].children)
        )

    def remember(self, group: _Group) -> None:
        if group.attribution.speaker is not None:
            self.speakers.append((group.first.start, group.attribution))
            if group.attribution.kind == "person":
                # Names in a person's own words are who they talk about, not antecedents; words
                # quoted from a document ("Kayani asked …," the cable said) narrate, so they count.
                self.spoken.extend((run.start, run.end) for run in group.runs)

    def acts(self, entity: EntityAnnotation) -> bool:
        """Whether a mention names someone who may speak: a subject, an agent (`made by X`) or a
        possessor (`X's call`); not an object (`did with Spain's Garzón`). Unparsed text: always."""
        if not self.parsed:
            return True
        tokens = self.tokens(entity.start, entity.end)
        return any(
            token.dep_ in _SUBJECTS
            or token.dep_ in ("ROOT", "poss")
            or (token.dep_ == "pobj" and token.head.dep_ == "agent")
            or (token.dep_ == "appos" and token.head.dep_ in _SUBJECTS)  # `His friend, Jane Doe, blames …`
            for token in (self.doc[index] for index in tokens)
        )

    def in_spoken(self, char: int) -> bool:
        index = bisect.bisect_right(self.spoken, (char, len(self.text) + 1)) - 1
        return index >= 0 and self.spoken[index][0] <= char < self.spoken[index][1]

    # --- finding the cue -------------------------------------------------------------------------

    def attribute(self, group: _Group) -> _Attribution:
        self._governed = self._in_clause = False
        cue = self._cue_for(group)
        if cue is None:
            source = self._document_subject(group)
            if source is None:
                return _Attribution()
            # `Cables detail allegations of "lavish gifts"`: words quoted in a sentence about what a
            # leaked document says are the document's.
            found = self._document(source)
            found.governed = True
            return found
        found = self._speaker_of(cue, group)
        if found.speaker is None and self._passive_label(cue) and group.last.closed:
            # `Fees were likely to be seen as "stunts", MPs said`: whoever says so after the words
            later = self.find_cue(group.last.close_end, self._after_limit(group.last.close_end))
            between = self.text[group.last.close_end : later.idx] if later is not None else ""
            if (
                later is not None
                and later.sent == cue.sent
                and later.dep_ != "relcl"  # not `labelled "…" by X who said …`
                and not re.search(r"\bby\b", between)
            ):
                tagged = self._speaker_of(later, group)
                if tagged.speaker is not None:
                    cue, found = later, tagged
        if found.speaker is None and self._passive_label(cue) and cue.dep_ == "ccomp" and self.is_cue(cue.head):
            # `Jo Varr said it was seen as "a joke"`: the one saying so
            outer = self._speaker_of(cue.head, group)
            if outer.speaker is not None:
                cue, found = cue.head, outer
        if found.speaker is None and self._passive_label(cue) and cue.lemma_.lower() in _NAMING_VERBS:
            found.mentioned = True  # `the condition is called "hay lung"`: a name for a thing, said by no one
        found.cue = self._cue_text(cue)
        found.governed = self._governed
        found.in_clause = self._in_clause
        found.cue_at = cue.idx
        return found

    def _cue_for(self, group: _Group) -> Token | None:
        for first, second in zip(group.runs, group.runs[1:], strict=False):
            if first.paragraph == second.paragraph:
                cue = self.find_cue(first.close_end, second.open_mark)
                if cue is not None:
                    return cue
        if self.parsed:
            self._close_cue = False
            cue = self._governing_cue(group)
            if cue is not None:
                self._governed, self._in_clause = self._close_cue, not self._lone_noun(group)
                return self._citing_cue(cue, group.last)
        last, first_run = group.last, group.first
        if last.closed:
            cue = self.find_cue(last.close_end, self._after_limit(last.close_end)) or self._late_cue(last)
            ended = self.text[last.start : last.end].rstrip().endswith((".", "!", "?"))
            if cue is not None and ended and self._cue_opening_sentence(first_run) is not None:
                cue = None  # `As Jo Varr put it, "…." Quill wrote …`: the sentence's own cue, before the words
            if (
                cue is not None
                and not (ended and (self._far_after(last, cue) or self._opens_next_sentence(last)))
                and not self._reports_other(cue, ended)
                and not self._introduces_colon(cue)
            ):
                return cue
            signed = self._signature(last)
            if signed is not None:
                return signed
        before = self._before_limit(first_run.open_mark)
        cue = self.find_cue(before, first_run.open_mark, reverse=True)
        if cue is not None:
            return cue
        if self.parsed:
            # `she called the release of the materials, "an attack …"`: a labelling verb just before.
            indices = self.tokens(before, first_run.open_mark)
            for index in list(reversed(indices))[:_LABEL_WINDOW]:
                if not self.quoted[index] and self._is_label_verb(self.doc[index]):
                    self._governed = True
                    return self.doc[index]
        return self._colon_cue(first_run) or self._previous_sentence_cue(first_run)

    def _cue_opening_sentence(self, run: Run) -> Token | None:
        """A cue in the words of the sentence before the quotation opens (`As X put it, "…"`)."""
        cue = self.find_cue(self._before_limit(run.open_mark), run.open_mark, reverse=True)
        if cue is None or not self.parsed or cue.sent.end_char < run.open_mark:
            return None
        return cue

    def _document_subject(self, group: _Group) -> Token | None:
        """A leaked document as the subject of the sentence holding a one-run quotation, before it."""
        if not (self.parsed and self.about_cables) or len(group.runs) > 1:
            return None
        index = self._token_at(group.first.start)
        if index >= len(self.doc):
            return None
        sentence = self.doc[index].sent
        for child in sentence.root.children:
            if (
                child.dep_ in ("nsubj", "nsubjpass")
                and child.idx < group.first.open_mark
                and not self.quoted[child.i]
                and child.lemma_.lower() in CABLE_NOUNS
            ):
                return child
        # `Cables detail allegations of "…"`, which the tagger read as a noun phrase: the sentence
        # opens with the documents and a verb of reporting
        words = [token for token in sentence if not token.is_punct and not token.is_space][:5]
        for first, second in zip(words, words[1:], strict=False):
            if first.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "NUM") or self.quoted[first.i]:
                break
            if first.lower_.rstrip("s") in CABLE_NOUNS and second.lower_ in DOCUMENT_VERB_FORMS:
                return first if first.idx < group.first.open_mark else None
        return None

    def _reports_other(self, cue: Token, ended: bool = False) -> bool:
        """`"…" The envoy told reporters that talks would resume.`: a cue after a quotation whose own
        reported clause follows it reports that clause, not the quotation before. After a quotation
        that ended its sentence, a reported clause quoted in its turn counts too (`"…." He did admit
        that owners have "partly lost control"`)."""
        if not self.parsed:
            return False
        # `"…" Mr X agreed and said the figures were wrong`: the verbs joined with the cue count too.
        verbs = [cue, *(child for child in cue.children if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"))]
        if ended and self._quotes_own_words(cue):
            return True  # `"…." The filing described her as "…"`: the cue has quoted words of its own
        return any(
            child.dep_ == "ccomp" and child.i > cue.i and (ended or not self.quoted[child.i])
            for verb in verbs
            for child in verb.children
        )

    def _quotes_own_words(self, cue: Token) -> bool:
        """Whether quoted words hang from the cue later in its own sentence, a sentence that opens
        after the quotation being attributed (not `"…?" he asked. "…"`, which goes on quoting)."""
        sentence = cue.sent
        if self.quoted[sentence.start] or self.doc[sentence.start].is_punct:
            return False
        return any(
            self.quoted[token.i] and not token.is_punct for token in cue.subtree if cue.i < token.i < sentence.end
        )

    def _far_after(self, run: Run, cue: Token) -> bool:
        """`"… stay quiet." The idea of free speech, which …, we all agree`: after quoted words that end
        their sentence, an attribution follows at once (`said X`, `the minister said`)."""
        between = [
            index
            for index in self.tokens(run.close_end, cue.idx)
            if not self.doc[index].is_space and not self.doc[index].is_punct
        ]
        return len(between) > _ENDED_ATTRIBUTION_WORDS and not (
            self._after_long_subject(cue, run) and self.entities_between(run.close_end, cue.idx, ("PERSON",))
        )

    def _opens_next_sentence(self, run: Run) -> bool:
        """`"… see how it is." But later, according to X, …`: after quoted words ending their sentence, a
        sentence opening with a connective: what follows is not their attribution."""
        following = _NEXT_WORD.match(self.text, run.close_end)
        return following is not None and following.group(1) in SENTENCE_CONNECTIVES

    def _introduces_colon(self, cue: Token) -> bool:
        """`"…?" On immigration, teacher Jane Doe said: "…"`: a cue ending in a colon introduces the words
        after it, not the quotation before it."""
        for token in self.doc[cue.i + 1 : cue.i + 4]:
            if token.text == ":":
                return True
            if token.is_punct or self.quoted[token.i]:
                return False
        return False

    def _signature(self, run: Run) -> Token | None:
        """The dash before a name that signs a quotation (`"…" – Jane Doe`)."""
        index = self._token_at(run.close_end)
        if index + 1 < len(self.doc) and self.doc[index].text in _DASHES and not self.quoted[index]:
            name = self.doc[index + 1]
            if self.same_paragraph(run.close_end, name.idx) and name.pos_ == "PROPN":
                return self.doc[index]
        return None

    def _citing_cue(self, cue: Token, last: Run) -> Token:
        """`the cables reveal "…", X declared`: documents that reveal or show something are evidence in
        what someone says; the quoted words are theirs."""
        lemma = (cue.lemma_ or cue.lower_).lower()
        documents = DOCUMENT_NOUNS | CABLE_NOUNS
        if self._place_reported_by_person(cue):
            # `Pompeo said that Washington had concluded the settlements were "…"`: he says it
            return cue.head
        if lemma not in EVIDENCE_VERBS or not (
            any(child.dep_ == "nsubj" and child.lemma_.lower() in documents for child in cue.children)
            or (cue.i > 0 and cue.nbor(-1).lemma_.lower() in documents)  # the parser lost the subject
        ):
            return cue
        if last.closed:
            after = self.find_cue(last.close_end, self._after_limit(last.close_end))
            if after is not None and not self._reports_other(after):
                return after
        head = cue
        for _ in range(3):
            if head.dep_ not in ("ccomp", "conj") or head.head.i == head.i:
                break
            head = head.head
            if not self.quoted[head.i] and self.is_cue(head) and self.same_paragraph(head.idx, cue.idx):
                return head
        return cue

    def _place_reported_by_person(self, cue: Token) -> bool:
        """A cue whose subject is a country or a city (`Washington had concluded`) inside what a named
        person is reported saying."""
        head = cue.head
        if cue.dep_ != "ccomp" or head.i == cue.i or self.quoted[head.i] or not self.is_cue(head):
            return False
        subjects = [child for child in cue.children if child.dep_ == "nsubj"]
        speakers = [child for child in head.children if child.dep_ == "nsubj"]
        if not subjects or not speakers or not self.same_paragraph(head.idx, cue.idx):
            return False
        place = self.entity_at(subjects[0].idx)
        person = self._entity_for(speakers[0])
        return place is not None and place.label == "GPE" and person is not None and person.label == "PERSON"

    def _passive_label(self, cue: Token) -> bool:
        """A labelling or cue verb in the passive with no one doing it (`to be seen as`, `was called`)."""
        return _passive(cue) and not any(child.dep_ == "agent" for child in cue.children)

    def _lone_noun(self, group: _Group) -> bool:
        """`groups dubbed "trailblazers"`, `claims that "offshoring" …`: one noun in marks is a term."""
        indices = [i for i in self.tokens(group.first.start, group.first.end) if not self.doc[i].is_punct]
        return len(indices) == 1 and self.doc[indices[0]].pos_ in ("NOUN", "PROPN")

    def _governing_cue(self, group: _Group) -> Token | None:
        """The cue verb the quoted words hang from in the parse (`X said "…"`, `"…," X told Y`)."""
        for run in group.runs:
            for index in self.tokens(run.start, run.end):
                token = self.doc[index]
                head = token.head
                if head.i == token.i or self.quoted[head.i]:
                    continue
                hops = 0
                for _ in range(4):
                    # `the Quill Party's "heavy-handed" reply`, `"lavish" Tory pledges`: a quoted word
                    # describing a noun judges it; the words are not that response's or promise's own
                    judged = head.i == token.head.i and token.dep_ == "amod"
                    if (
                        not self.quoted[head.i]
                        and not judged
                        and (
                            (self.is_cue(head) and not self._passive_clause(head))
                            or self._is_label_verb(head)
                            or self._owned_statement(head) is not None
                        )
                    ):
                        # A quoted word naming the noun after it (`the "History" section`) is a name.
                        self._close_cue = hops <= _CLOSE_CUE_HOPS and token.dep_ != "compound"
                        return head if self._near(head, run) else None
                    if head.head.i == head.i:
                        break
                    # `described X as "…"` is as close as `called X "…"`; so is a coordinated clause,
                    # and the passive clause the parser hung the words from (`called the way the staff
                    # were informed "shocking"`)
                    hops += head.lower_ != "as" and head.dep_ != "conj" and not self._passive_clause(head)
                    head = head.head
                return None
        return None

    @staticmethod
    def _passive_clause(verb: Token) -> bool:
        """`the manner in which the staff were informed "…"`: a passive relative clause is no source."""
        return verb.dep_ == "relcl" and _passive(verb)

    def _with_subject(self, verb: Token) -> Token | None:
        """`with one member of staff privately telling Felix …`: the noun after "with" acts the participle."""
        index = verb.i - 1
        while index >= 0 and self.doc[index].pos_ == "ADV":
            index -= 1
        for token in self.doc[max(index - 8, 0) : index + 1]:
            if (
                token.dep_ == "pobj"
                and token.head.lower_ == "with"
                and token.right_edge.i == index
                and token.pos_ in ("NOUN", "PROPN", "PRON")
                and not self.quoted[token.i]
            ):
                return token
        return None

    def _owned_statement(self, token: Token) -> Token | None:
        """The owner of a statement noun the quotation hangs from (`Murphy's call to "…"`)."""
        if token.pos_ != "NOUN" or token.lemma_.lower() not in STATEMENT_NOUNS | {"word", "remark"}:
            return None
        owners = [child for child in token.children if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN")]
        return owners[0] if owners else None

    def _is_label_verb(self, token: Token) -> bool:
        """`called it "…"`, but not a name given by a participle (`a group called "Anonymous"`)."""
        if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("acl", "amod"):
            return False
        if token.i > 0 and token.nbor(-1).text in ("-", "‐"):
            return False  # `the so-called "experts"`
        lemma = (token.lemma_ or token.lower_).lower()
        if lemma in AS_LABEL_VERBS:
            # `referred to Tehran as "evil"`, not `referred a reporter to …` or `refers to "route out"`; the
            # parser may hang the `as` on the object (`sees the lineup as its "weak spot"`)
            objects = [child for child in token.children if child.dep_ == "dobj"]
            return any(child.lower_ == "as" for head in (token, *objects) for child in head.children)
        if lemma in SELF_LABEL_VERBS and _passive(token):
            return False  # `can no longer be accused of taking refuge in their "gilded cages"`: no one says it
        return lemma in LABEL_VERBS

    def _near(self, token: Token, run: Run) -> bool:
        """The cue lies in the quotation's own sentence stretch (not a sentence or paragraph away)."""
        low = self._before_limit(run.open_mark)
        high = self._after_limit(run.close_end) if run.closed else run.close_end
        return low <= token.idx < high or (run.closed and self._after_long_subject(token, run))

    def _late_cue(self, run: Run) -> Token | None:
        """A cue beyond the usual window after a closing mark, its subject's apposition between."""
        if not self.parsed or not run.closed:
            return None
        end = min(self.paragraph(run.close_end)[1], len(self.text))
        for index in self.tokens(run.close_end, end)[:_LONG_SUBJECT_WINDOW]:
            token = self.doc[index]
            if self.quoted[index] or token.text in (".", "!", "?", ";"):
                return None
            if self.is_cue(token) and self._after_long_subject(token, run):
                return token
        return None

    def _after_long_subject(self, cue: Token, run: Run) -> bool:
        """`"…," Jane Doe, a scientist at the X Center in Y, said`: the cue follows its subject's
        long apposition, in the same sentence and paragraph, with no other quotation or sentence
        end between the closing mark and the cue."""
        if cue.idx < run.close_end or not self.same_paragraph(run.close_end, cue.idx):
            return False
        between = self.tokens(run.close_end, cue.idx)
        if len(between) > _LONG_SUBJECT_WINDOW:
            return False
        if any(self.quoted[index] or self.doc[index].text in (".", "!", "?", ";") for index in between):
            return False
        # the subject is there: parsed as the cue's, or a person named in the stretch
        return any(child.dep_ == "nsubj" and child.i < cue.i for child in cue.children) or bool(
            self.entities_between(run.close_end, cue.idx, ("PERSON",))
        )

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
        cue = self.find_cue(self._before_limit(end - 1), end - 1, reverse=True, introducing=True)
        while cue is not None and cue.dep_ == "relcl":
            # `… linesman Andy Davis, who had advised the referee. "…"`: a relative clause is background,
            # not who speaks next
            cue = self.find_cue(self._before_limit(end - 1), cue.idx, reverse=True, introducing=True)
        return cue

    def _name_before_colon(self, start: int, colon: int) -> Token | None:
        """`Jane Doe: "…"`: a person's name alone before the colon (an interview or a caption) speaks."""
        entity = self.entity_at(self._end_of_text_before(colon) - 1)
        if entity is None or entity.label != "PERSON" or entity.end != self._end_of_text_before(colon):
            return None
        before = self.text[start : entity.start].strip(_LEADING_PUNCTUATION).split()
        if len(before) > 1 or (before and before[0].lower().rstrip(".") not in TITLES):
            return None
        index = self._token_before(entity.end) - 1
        if index < 0 or self.quoted[index]:
            return None
        self._name_cues.add(index)
        return self.doc[index]

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
        start = self._before_limit(colon)
        speaker = self._name_before_colon(start, colon)
        if speaker is not None:
            return speaker
        cue = self.find_cue(start, colon, reverse=True)
        if cue is None and self.parsed and self.paragraph_index(colon) != self.paragraph_index(run.open_mark):
            # `Iran's spokesman thundered:` closing a paragraph: any verb with a subject introduces it.
            for index in list(reversed(self.tokens(start, colon)))[:2]:
                token = self.doc[index]
                if token.pos_ == "VERB" and not self.quoted[index] and any(c.dep_ == "nsubj" for c in token.children):
                    return token
        return cue

    def _cue_text(self, cue: Token) -> str:
        if cue.i in self._name_cues:
            return ":"  # a name before a colon
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
        if cue.tag_ == "VBG" and self._cannot_speak(subject):
            # `The rumours started after a statement Jane Doe made on her show, saying …`: the parser hung
            # the participle on a thing; the person acting in the sentence says it.
            person = self._acting_person_before(cue)
            if person is not None:
                return _Attribution.naming(person)
        if (
            cue.dep_ == "ccomp"
            and self._cannot_speak(subject)
            and not any(child.lower_ == "of" for child in subject.children)  # not `56% of students`
            and self.is_cue(cue.head)
            and not self.quoted[cue.head.i]
            and cue.head.i < cue.i
        ):
            # `He says evidence from the regions suggests "…"`: a thing cannot be the source of words
            # reported by someone; the one reporting them is
            return self._speaker_of(cue.head, group)
        return self._resolve(subject, group)

    def _cannot_speak(self, noun: Token) -> bool:
        """A common noun for a thing: no role, body, group, document or statement, and no name on it."""
        lemma = noun.lemma_.lower()
        return (
            not self.quoted[noun.i]
            and lemma not in BODY_NOUNS | NAMED_BODY_NOUNS | CABLE_NOUNS
            and self._names_a_thing(noun)
        )

    def _names_a_thing(self, noun: Token) -> bool:
        """A common noun that is not a person, a role, a group, an organisation, a document or a statement."""
        lemma = noun.lemma_.lower()
        return (
            noun.pos_ == "NOUN"
            and not _is_role_noun(noun)
            and lemma not in DOCUMENT_NOUNS | SOURCE_NOUNS | STATEMENT_NOUNS | STUDY_NOUNS | GROUP_NOUNS
            and lemma not in COMPANY_NOUNS | PUBLICATION_NOUNS
            and self._entity_for(noun) is None
        )

    def _acting_person_before(self, cue: Token) -> EntityAnnotation | None:
        """The last person named as acting in the cue's sentence before it."""
        sentence = cue.sent
        people = [
            entity
            for entity in self.entities_between(sentence.start_char, cue.idx, ("PERSON",))
            if not self._is_quoted_char(entity.start) and self.acts(entity)
        ]
        return people[-1] if people else None

    def _subject(self, cue: Token) -> Token | None:
        if cue.i in self._name_cues:
            return cue  # `Jane Doe: "…"`
        if cue.text in _DASHES:
            return self._next_nominal(cue)
        if cue.lower_ in ("according", "words"):
            preposition = cue.nbor()
            objects = [child for child in preposition.children if child.dep_ == "pobj"]
            if objects:
                return objects[0]
            return self._next_nominal(preposition)
        if cue.pos_ == "NOUN" and _gerund_cue(cue):
            return _gerund_subject(cue)
        if cue.pos_ == "NOUN" and cue.lemma_.lower() in VERDICT_NOUNS:
            return self._verdict_holder(cue)
        if cue.lower_ == "attributed":
            return _attributed_to(cue)
        owner = self._owned_statement(cue)
        if owner is not None:
            return owner
        reported = self._quoted_as(cue)
        if reported is not None:
            return reported
        if (cue.lemma_ or cue.lower_).lower() in ("quote", "cite") and any(
            child.lower_ == "as" for child in cue.children
        ):
            # `"…," PTI quoted him as saying`: the one quoted, not the agency quoting
            for child in cue.children:
                if child.dep_ == "dobj" and (self._entity_for(child) is not None or child.lower_ in PERSON_PRONOUNS):
                    return child
        verb = cue
        if cue.tag_ == "VBG" and not any(child.dep_ in _SUBJECTS for child in cue.children):
            actor = self._with_subject(cue)
            if actor is not None:
                return actor
        for step in range(4):
            agents = [child for child in verb.children if child.dep_ == "agent"]
            objects = [child for agent in agents for child in agent.children if child.dep_ == "pobj"]
            if objects:
                return objects[0]  # "… was told by the minister", "was derided by Murphy as …"
            if step == 0 and any(child.dep_ == "nsubjpass" for child in verb.children):
                if (verb.lemma_ or verb.lower_).lower() in ("quote", "cite") and any(
                    child.lower_ == "as" for child in verb.children
                ):
                    # `"…," the Arsenal boss is quoted as saying`: the one quoted speaks
                    return next(child for child in verb.children if child.dep_ == "nsubjpass")
                if (verb.lemma_ or verb.lower_).lower() in ("say", "report", "understand") and any(
                    child.dep_ == "xcomp" and child.lemma_.lower() in CUE_VERBS | LABEL_VERBS | {"express", "voice"}
                    for child in verb.children
                ):
                    # `X, who is said to have expressed concern that "…"`: hearsay about X's own words
                    reported = next(child for child in verb.children if child.dep_ == "nsubjpass")
                    if reported.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                        return self._who_refers_to(verb.head)
                    return reported
                # `X is described as "…"`: X is who is talked about; the source is elsewhere.
                return self._passive_source(verb)
            if (
                step > 0
                and cue.tag_ == "VBG"
                and verb.dep_ == "ccomp"
                and self.is_cue(verb.head)
                and not self.quoted[verb.head.i]
            ):
                # `She said he had acted "wisely", adding …`: the participle goes on with what she
                # said, though the parser hangs it from the reported clause.
                verb = verb.head
                continue
            # (`He did, however, admit …` hangs the subject from the auxiliary)
            heads = [verb, *(child for child in verb.children if child.dep_ == "aux" and child.i < verb.i)]
            subjects = [
                child
                for head in heads
                for child in head.children
                if child.dep_ in _SUBJECTS and not self.quoted[child.i] and self.same_paragraph(child.idx, verb.idx)
            ]
            if subjects:
                # Two subjects come from a title parsed apart from the name ("the army chief Gen X"):
                # the one naming someone wins, then the one nearest the verb.
                subject = min(subjects, key=lambda child: (self._entity_for(child) is None, abs(child.i - verb.i)))
                if (
                    subject.tag_ == "DT"
                    and any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)
                    and verb.head.i != verb.i
                ):
                    verb = verb.head  # `X had this to say:`: X speaks
                    continue
                if subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                    if subject.lower_ == "who":
                        return self._who_refers_to(verb.head)
                    return verb.head  # "Smith, who said …"
                if self._object_taken_for_subject(verb, subject):
                    verb = _verb_above(verb) or verb  # `X left the party saying …`: X says it, not the party
                    continue
                return subject
            if verb.dep_ == "relcl":
                return verb.head
            if step == 0 and verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.lemma_.lower() in DESCRIBED_VERBS:
                # `his nurse, Jane Doe, described as a "voluptuous blonde"`: she is described, by whoever
                # the passage reports
                return self._passive_source(verb)
            if step == 0 and verb.dep_ == "acl" and verb.tag_ == "VBN":
                # `Jane Doe, from Leeds, asked of the war: "…"`, parsed as a participle of the name
                person = self._entity_for(verb.head)
                if person is not None and person.label == "PERSON":
                    return verb.head
            if verb.dep_ == "acl" and verb.tag_ == "VBG":
                # `a statement saying …` is the statement's; `welcomed the vote saying …` is the welcomer's.
                noun = verb.head
                lemma = noun.lemma_.lower()
                if (
                    noun.pos_ in ("PROPN", "PRON")
                    or self._entity_for(noun) is not None
                    or lemma in DOCUMENT_NOUNS
                    or lemma in SOURCE_NOUNS
                    or lemma in STATEMENT_NOUNS
                    or (_is_role_noun(noun) and not _bare_plural_object(noun))
                ) and not any(self.quoted[index] for index in range(noun.left_edge.i, noun.i)):
                    # (`a report into the "failing" agency noting …`: a noun with quoted words is talked
                    # about, not a source)
                    return noun
                head = _verb_above(noun, steps=3)
                if head is None or not self.same_paragraph(head.idx, verb.idx):
                    break
                verb = head
                continue
            # The climb may pass through a quoted verb (`X "walked in", and told them …`): only
            # subjects outside quotations count.
            if (
                verb.dep_ == "ccomp"
                and (self.quoted[verb.i] or (verb.i > 0 and verb.nbor(-1).lower_ in ("and", "but")))
                and self.is_cue(verb.head)
                and not self.quoted[verb.head.i]
            ):
                # `He said, "…" and alleged that …`: a second cue joined by "and" to the cue or to the
                # quoted words it reports
                pass
            elif verb.dep_ not in _CLIMB or verb.head.i == verb.i:
                break
            if not self.same_paragraph(verb.idx, verb.head.idx):
                break  # the parser joined two paragraphs
            verb = verb.head
        if self._inverted(cue):
            return self._next_nominal(cue)
        found = self._positional_subject(cue) or self._parenthetical_speaker(cue)
        if found is None and cue.tag_ == "VBG":
            # `he made the announcement at the airport, stating the airport represents "…"`, the
            # participle misparsed as a clause's subject: the sentence's own subject states it
            root = cue.sent.root
            subjects = [child for child in root.children if child.dep_ in _SUBJECTS and child.i < cue.i]
            if root.i < cue.i and subjects and not self.quoted[subjects[0].i]:
                return subjects[0]
        return found

    def _parenthetical_speaker(self, cue: Token) -> Token | None:
        """`In their view, said Mr Doe, the systems were …`: a cue set off by commas, its speaker named
        right after it (the parser may hang the name on the clause that follows)."""
        if cue.i == 0 or self.doc[cue.i - 1].text != ",":
            return None
        index = cue.i + 1
        while index < len(self.doc) and self.doc[index].lower_.rstrip(".") in TITLES:
            index += 1
        entity = self.entity_at(self.doc[index].idx) if index < len(self.doc) else None
        if entity is None or entity.label != "PERSON":
            return None
        last = self._token_before(entity.end) - 1
        return self.doc[last] if last + 1 < len(self.doc) and self.doc[last + 1].text == "," else None

    def _positional_subject(self, verb: Token) -> Token | None:
        """A name right before a verb the parser left without a subject (`President Lula says`)."""
        if verb.i == 0 or any(child.dep_ in _SUBJECTS for child in verb.children):
            return None
        before = self.doc[verb.i - 1]
        if before.text == "," and verb.i >= 2:
            before = self.doc[verb.i - 2]  # `High Court judge Sheikh Azmat Saeed, said`
        if not self.quoted[before.i] and before.pos_ == "PROPN":
            entity = self.entity_at(before.idx)
            if entity is not None and entity.label in ("PERSON", "ORG"):
                return before
        return self._subject_after_quotation(verb)

    def _who_refers_to(self, noun: Token) -> Token:
        """`Smith, who said …`; but `a spokesman for the Acme Association, who argues …` and `Khan, with
        less to say on the network than on the sites' lack of encryption, who said …`, parsed with `who`
        on the nearest noun: the person or role before it when that noun is neither."""
        named = self._entity_for(noun)
        if (named is not None and named.label == "PERSON") or _is_role_noun(noun) or noun.pos_ == "PRON":
            return noun
        sentence_start = noun.sent.start
        for index in range(noun.i - 1, max(sentence_start, noun.i - 40) - 1, -1):
            token = self.doc[index]
            if self.quoted[index]:
                continue
            entity = self.entity_at(token.idx)
            if (entity is not None and entity.label == "PERSON") or (token.pos_ == "NOUN" and _is_role_noun(token)):
                return token
        return noun

    def _continues_after_quotation(self, token: Token) -> bool:
        """Whether `token` comes right after quoted words closed by a comma (`"…," X`), mid-sentence."""
        index = token.i - 1
        while index >= 0 and self.doc[index].is_space:
            index -= 1
        if index < 1 or self.doc[index].text not in DOUBLE_MARKS:
            return False
        before = self.doc[index - 1].text
        return before == "," or (before in ("'", "’") and index >= 2 and self.doc[index - 2].text == ",")

    def _thing_relative(self, verb: Token) -> bool:
        """A relative clause (`that claim …`, `which says …`) on a noun for a thing that cannot speak: not a
        person, a role, a group, an organisation, a document or a statement."""
        noun = verb.head
        relative = any(child.dep_ in _SUBJECTS and child.tag_ in ("WDT", "WP") for child in verb.children)
        return relative and noun.tag_ != "NNP" and self._names_a_thing(noun)

    @staticmethod
    def _verdict_holder(noun: Token) -> Token | None:
        """`"…," is the dry assessment of Jane Doe`, `The verdict of the judge was: "…"`: whose verdict."""
        if noun.dep_ not in ("attr", "nsubj") or noun.head.lemma_.lower() != "be":
            return None
        for holders in _prepositional_objects(noun, "of"):
            if holders and holders[0].pos_ in ("PROPN", "NOUN"):
                return holders[0]
        return None

    @staticmethod
    def _object_taken_for_subject(verb: Token, subject: Token) -> bool:
        """`X left the party saying …`, parsed with `the party` as the participle's subject: the words right
        after a verb that has a subject and no object of its own are that verb's object."""
        head = verb.head
        if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and _bare_plural_object_of(subject, head):
            return True  # `attacked the plans for pensioners saying …`
        return (
            verb.tag_ == "VBG"
            and verb.dep_ in ("ccomp", "advcl", "xcomp")
            and head.i < subject.i < verb.i
            and subject.left_edge.i == head.i + 1
            and head.pos_ == "VERB"
            and head.lemma_.lower() not in PERCEPTION_VERBS  # `heard the minister saying …`: the minister
            and any(child.dep_ == "nsubj" for child in head.children)
            and not any(child.dep_ in ("dobj", "dative") for child in head.children)
        )

    def _subject_after_quotation(self, verb: Token) -> Token | None:
        """`"…," lead author Jane Doe, a scientist at the X Center in Y, said`: the first person named
        after the closing mark, when only that apposition stands between it and the verb."""
        index = verb.i - 1
        while index >= 0 and verb.i - index <= _LONG_SUBJECT_WINDOW:
            token = self.doc[index]
            if token.text in (".", "!", "?", ";") or token.is_space:
                return None
            if self.quoted[index] or token.text in DOUBLE_MARKS:
                start = token.idx + len(token)
                persons = self.entities_between(start, verb.idx, ("PERSON",))
                return self.doc[self._token_before(persons[0].end) - 1] if persons else None
            index -= 1
        return None

    def _quoted_as(self, cue: Token) -> Token | None:
        """`the cable quoted Ambassador X as saying "…"`: X when named (or a pronoun), else the quoting source."""
        head = cue.head
        if cue.tag_ != "VBG" or head.lower_ != "as" or head.head.i == head.i:
            return None
        verb = head.head
        if (verb.lemma_ or verb.lower_).lower() not in ("quote", "cite", "describe", "report"):
            return None
        objects = [child for child in verb.children if child.dep_ in ("dobj", "nsubjpass")]
        for target in objects:
            if self._entity_for(target) is not None or target.lower_ in PERSON_PRONOUNS:
                return target
            if target.dep_ == "nsubjpass" and target.pos_ == "NOUN" and _is_role_noun(target):
                return target  # `the Arsenal boss is quoted as saying`
        subjects = [child for child in verb.children if child.dep_ in ("nsubj", "agent")]
        if subjects and subjects[0].dep_ == "agent":
            pobj = [child for child in subjects[0].children if child.dep_ == "pobj"]
            return pobj[0] if pobj else None
        if not subjects and not objects and verb.dep_ == "conj":
            # `X reaffirmed his position and was quoted as saying …`: the subject the two verbs share
            shared = [child for child in verb.head.children if child.dep_ in _SUBJECTS]
            return shared[0] if shared else None
        return subjects[0] if subjects else None

    def _passive_source(self, verb: Token) -> Token | None:
        """The source of a passive cue without an agent: `according to …` in its sentence, or the
        document the text was just talking about."""
        sentence = verb.sent
        low, high = max(sentence.start, verb.i - _BEFORE_WINDOW * 2), min(sentence.end, verb.i + _AFTER_WINDOW * 2)
        for token in self.doc[low:high]:
            if token.lower_ == "according" and token.i + 1 < len(self.doc) and token.nbor().lower_ == "to":
                objects = [child for child in token.nbor().children if child.dep_ == "pobj"]
                if objects:
                    return objects[0]
        for token in self.doc[low:high]:
            # `X was described as "…" in the cable`: the document the words appear in.
            if (
                token.dep_ == "pobj"
                and token.head.lower_ == "in"
                and token.lemma_.lower() in DOCUMENT_NOUNS
                and token.pos_ == "NOUN"
                and not self.quoted[token.i]
            ):
                return token
        document = self._recent_document(verb.i)
        if document is None and self.about_cables:
            # `X was dubbed "…"` in a passage on what the cables revealed: the cables said it.
            for index in range(verb.i - 1, max(verb.i - _LOOKBACK_TOKENS, 0) - 1, -1):
                token = self.doc[index]
                if token.pos_ == "NOUN" and token.lemma_.lower() in CABLE_NOUNS and not self.quoted[index]:
                    return token
        return document

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
        """The noun just after a cue with no parsed subject (`"…," said the envoy`); a person named in the
        phrase after it (`implored guitar-toting campaigner Barry Lim`)."""
        for index in range(after.i + 1, min(after.i + 10, len(self.doc))):
            token = self.doc[index]
            ends = self.quoted[index] or token.text in (".", "!", "?", ";", ",")
            if ends or (token.pos_ in ("VERB", "AUX") and token.dep_ != "amod"):
                break  # (a participle modifying the noun, `guitar-toting`, is part of the phrase)
            entity = self.entity_at(token.idx)
            if entity is not None and entity.label == "PERSON":
                return self.doc[self._token_before(entity.end) - 1]
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
        subject = self._appositive_speaker(_whole_of_part(subject))
        if (
            subject.lower_.rstrip(".") in TITLES
            and subject.i + 2 < len(self.doc)
            and self.doc[subject.i + 1].text == "."
        ):
            # `said Navy Capt. Terry Varr`, the abbreviation's full stop taken for a sentence end
            titled = self.entity_at(self.doc[subject.i + 2].idx)
            if titled is not None and titled.label == "PERSON":
                return _Attribution.naming(titled)
        lower = subject.lower_
        if subject.pos_ == "PRON" or lower in PERSON_PRONOUNS | GROUP_PRONOUNS | {"it", "i", "we"}:
            return self._resolve_pronoun(subject, group)
        lemma = subject.lemma_.lower()
        if subject.pos_ != "PROPN" and (
            lemma in DOCUMENT_NOUNS or lower in DOCUMENT_NOUNS or (self.about_cables and lemma in CABLE_NOUNS)
        ):
            issued = None if self.about_cables and lemma in CABLE_NOUNS else self._issued_by(subject, group)
            if issued is None and not (self.about_cables and lemma in CABLE_NOUNS | CABLE_REPORT_NOUNS):
                # `"…," Varr's message read`: a person's own letter, message or email speaks for them
                for child in subject.children:
                    owner = self.entity_at(child.idx) if child.dep_ == "poss" else None
                    if owner is not None and owner.label == "PERSON":
                        return _Attribution.naming(owner)
            return issued or self._document(subject)
        if (
            self.about_cables
            and subject.pos_ == "NOUN"
            and lemma in POST_NOUNS
            and not any(child.dep_ == "poss" for child in subject.children)  # (`Ecuador's embassy said`)
        ):
            # `"…," the embassy observed`: in an article about the cables, the post speaks through them
            phrase = self._phrase(subject)
            return _Attribution("the cable", phrase.text, phrase.start_char, phrase.end_char, kind="document")
        if subject.pos_ not in ("PROPN", "PRON") and subject.is_title and self._continues_after_quotation(subject):
            # `"…," Yelling told BBC Sport`: a surname the tagger read as a word
            span = self.doc[subject.i : subject.i + 1]
            return self._known_name(span) or _Attribution(subject.text, subject.text, span.start_char, span.end_char)
        if subject.pos_ in ("PROPN", "NOUN") and self.about_cables:
            # `the 2009 Cablegate file 09BERLIN1271`: a cable's reference or title names the cable.
            covering = self.entity_at(subject.idx)
            if covering is None or covering.label != "PERSON":
                for token in subject.children:
                    if token.dep_ == "compound" and token.lemma_.lower() in CABLE_NOUNS and token.i < subject.i:
                        return self._document(token)
        if _is_national_epithet(subject):
            # `"…," said the American`: the person reported as speaking just before, or the one the
            # text is about (not merely the last person named: that may be someone else altogether)
            stands_for = self._epithet_person(subject, group)
            if stands_for is not None:
                return _Attribution(stands_for, subject.text, subject.idx, subject.idx + len(subject))
        entity = self._entity_for(subject)
        if entity is not None:
            return _Attribution.naming(entity)
        named = self._appositive_name(subject)
        if named is not None:
            return self._known_name(named) or _Attribution.written(named)
        phrase = self._phrase(subject)
        if _AGE_DESCRIPTION.fullmatch(phrase.text):
            # `"…," the 22-year-old told reporters`: the person the text was just about
            before = min(subject.idx, group.first.open_mark)
            person = self._antecedent_before(before, ("PERSON",), exclude=group)
            if isinstance(person, EntityAnnotation):
                return _Attribution(person.canonical, phrase.text, phrase.start_char, phrase.end_char)
        if subject.pos_ == "PROPN":
            # A name the entity recogniser missed here but found elsewhere ("Rathbun wrote").
            found = self._known_name(phrase)
            if found is not None:
                return found
        if subject.pos_ == "NOUN" and lemma in SOURCE_NOUNS:
            owner = self._owner(subject)
            if owner is None:
                issued = self._issued_by(subject, group)
                if issued is not None:
                    return issued
            if owner is not None and owner.label == "GPE" and lemma in STATE_BODY_NOUNS:
                # `Russia's foreign ministry said`: a body of the state speaks, named as written
                words = [token for token in phrase if token.pos_ != "DET"]
                if words:
                    body = self.text[words[0].idx : subject.idx + len(subject)]
                    return _Attribution(body, phrase.text, phrase.start_char, phrase.end_char)
            if owner is not None:
                return _Attribution.naming(owner)
            name = self._owner_name(subject)
            if name is not None:
                return _Attribution.written(name)
        if subject.pos_ == "NOUN" and not _is_role_noun(subject) and lemma not in SOURCE_NOUNS:
            # `Politico thinks that the leak reveals "…"`: a thing reports what the one who thinks it says.
            cue = subject.head
            if cue.dep_ == "ccomp" and cue.head.i != cue.i and not self.quoted[cue.head.i]:
                for child in cue.head.children:
                    entity = self._entity_for(child) if child.dep_ == "nsubj" and not self.quoted[child.i] else None
                    if entity is not None:
                        return _Attribution.naming(entity)
        if subject.pos_ == "NOUN" and not self.quoted[subject.i]:
            described = self._described(subject, phrase)
            if described is not None:
                return _Attribution(described.canonical, phrase.text, phrase.start_char, phrase.end_char)
            earlier = self._described_before(subject, phrase)
            if earlier is not None:
                return _Attribution(earlier, phrase.text, phrase.start_char, phrase.end_char)
        if subject.pos_ in ("PROPN", "NOUN") and not self.quoted[subject.i]:
            words = list(phrase)
            if subject.pos_ == "PROPN":
                # A name is its proper nouns: `the campaigning Sunday Leader` is "Sunday Leader".
                first = len(words) - 1
                while first > 0 and words[first - 1].pos_ == "PROPN":
                    first -= 1
                words = words[first:]
            while len(words) > 1 and (words[0].lower_ in QUANTIFIERS or words[0].pos_ in ("DET", "NUM")):
                words = words[1:]
            end = self._name_tail(subject) if subject.pos_ == "PROPN" else self._role_tail(subject, phrase)
            speaker = self.text[words[0].idx : end] if words else ""
            return _Attribution(speaker or None, phrase.text, phrase.start_char, phrase.end_char)
        return _Attribution(None, phrase.text, phrase.start_char, phrase.end_char)

    def _appositive_speaker(self, subject: Token) -> Token:
        """`In a meeting with Admiral X, General Y asked …`, parsed as X with Y in apposition: two people
        named side by side are two people, and the one just before the verb acts."""
        appositions = [child for child in subject.children if child.dep_ == "appos"]
        if not appositions or subject.head.i == subject.i:
            return subject
        last = appositions[-1]
        named, other = self._entity_for(subject), self._entity_for(last)
        if (
            named is not None
            and other is not None
            and named.label == other.label == "PERSON"
            and named.canonical != other.canonical
            and last.right_edge.i + 1 == subject.head.i
        ):
            return last
        return subject

    def _name_tail(self, head: Token) -> int:
        """Where a name ends that goes on after its head (`High Commissioner for Human Rights`)."""
        end = head.idx + len(head)
        for child in head.rights:
            if child.dep_ != "prep" or child.lower_ not in ("of", "for", "on"):
                break
            tail = list(child.subtree)
            if len(tail) < 2 or not all(t.pos_ in ("PROPN", "ADP", "DET", "CCONJ") for t in tail[1:]):
                break
            if tail[-1].pos_ != "PROPN" or not self.same_paragraph(head.idx, tail[-1].idx):
                break
            end = tail[-1].idx + len(tail[-1])
        return end

    def _role_tail(self, noun: Token, phrase: Span) -> int:
        """Where a role ends that names the body it serves (`a spokesman for the Oxford University
        Press`, `a senior official at the Treasury`): the speaker as the text describes them."""
        preposition = next(noun.rights, None)
        body_noun = noun.lemma_.lower() in STATE_BODY_NOUNS | BODY_NOUNS | NAMED_BODY_NOUNS | {"government"}
        if not (_is_role_noun(noun) or body_noun) or preposition is None or preposition.dep_ != "prep":
            return phrase.end_char
        body = next((token for token in preposition.children if token.dep_ == "pobj"), None)
        if (
            preposition.lower_ == "of"
            and body is not None
            and body.pos_ == "NOUN"
            and body.i == preposition.i + 1
            and not self.quoted[body.i]
        ):
            # `the head of news`, `the director of communications`: the role and its field
            return body.idx + len(body)
        if (
            body is not None
            and preposition.lower_ in ("for", "of", "at")
            and body.pos_ == "NOUN"
            and body.lemma_.lower() in INSTITUTION_NOUNS
            and any(child.lower_ == "the" for child in body.children)
            and not self.quoted[body.i]
        ):
            return body.idx + len(body)  # `a spokeswoman for the police`
        if (
            preposition.lower_ not in ROLE_PREPOSITIONS
            or body is None
            or body.pos_ != "PROPN"
            or self.quoted[body.i]
            or any(
                token.is_punct and token.text not in ("'", "’", "-", "&") for token in self.doc[preposition.i : body.i]
            )
            or not self.same_paragraph(noun.idx, body.idx)
        ):
            return phrase.end_char
        return self._name_tail(body)

    def _described_before(self, noun: Token, phrase: Span) -> str | None:
        """`The spokesman said` after `A spokesman for the Home Office said`: a definite role points
        back to the fuller description of the speaker quoted with that role just before."""
        if phrase[0].lower_ != "the" or not _is_role_noun(noun) or noun.tag_ != "NN":
            return None
        if any(child.dep_ in ("poss", "prep", "compound", "amod") for child in noun.children):
            return None
        role = re.compile(
            rf"(?:^|\s){re.escape(noun.lower_)}(?:\s(?:{'|'.join(ROLE_PREPOSITIONS)})\s.+)?$", re.IGNORECASE
        )
        for start, attribution in reversed(self.speakers[-_RECENT_SPEAKERS:]):
            if noun.idx - start > _DESCRIPTION_LOOKBACK // 4:
                break
            speaker = attribution.speaker or ""
            if speaker.lower() != noun.lower_ and role.search(speaker):
                return speaker
        return None

    def _appositive_name(self, subject: Token) -> Span | None:
        """`The shadow secretary for health, Jane Doe, said`: a name in apposition to a role that the
        recogniser missed (two or more capitalised proper nouns)."""
        if not (_is_role_noun(subject) or subject.lower_ in TITLES):
            return None
        for child in subject.children:
            if child.dep_ != "appos" or child.pos_ != "PROPN" or self.quoted[child.i]:
                continue
            start = child.i
            while start > 0 and self.doc[start - 1].pos_ == "PROPN" and self.doc[start - 1].head.i == child.i:
                start -= 1
            words = self.doc[start : child.i + 1]
            if len(words) >= 2 and all(word.text.istitle() for word in words) and words[0].lower_ not in TITLES:
                return words
        return None

    def _known_name(self, phrase: Span) -> _Attribution | None:
        """A person's name inside a proper-noun phrase, found by a surface form named elsewhere."""
        candidates = (
            [phrase]
            + [phrase[i : i + 2] for i in range(len(phrase) - 1)]
            + [phrase[i : i + 1] for i in range(len(phrase))]
        )
        for candidate in candidates[:40]:
            canonical = self.by_surface.get(candidate.text)
            if canonical is not None:
                return _Attribution(canonical, candidate.text, candidate.start_char, candidate.end_char)
        return None

    def _owner(self, noun: Token) -> EntityAnnotation | None:
        """The entity owning or naming a source noun: its possessor or a name before it."""
        for index in range(noun.left_edge.i, noun.i):
            entity = self.entity_at(self.doc[index].idx)
            if entity is not None and entity.label in _NAMING_LABELS:
                if entity.label == "NORP" and self.doc[index].dep_ in ("amod", "compound", "nmod", "conj", "cc"):
                    continue  # `the French foreign ministry` is described, not named, by `French`
                return entity
        return None

    def _issued_by(self, noun: Token, group: _Group) -> _Attribution | None:
        """Who a statement or report comes from: a body or person named after it (`a statement from Acme
        said`, `a report by Amnesty International`), its owner's pronoun (`Their statement read`), or the
        subject issuing it (`The government issued a statement: "…"`)."""
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                for name in child.children:
                    entity = self.entity_at(name.idx) if name.dep_ == "pobj" else None
                    if entity is not None and entity.label in ("ORG", "PERSON"):
                        return _Attribution.naming(entity)
                    if entity is None and name.dep_ == "pobj" and name.pos_ == "PROPN" and not self.quoted[name.i]:
                        # `a statement from Hertfordshire Constabulary`, a name the recogniser missed
                        first = name.i
                        while first > name.left_edge.i and self.doc[first - 1].pos_ == "PROPN":
                            first -= 1
                        span = self.doc[first : name.i + 1]
                        return _Attribution.written(span)
            if child.dep_ == "poss" and child.pos_ == "PRON" and child.lower_ in ("their", "its"):
                # `The government issued a statement: "…" Their statement also read "…"`: the body quoted
                # just before
                recent = self._recent_source(group)
                if recent is not None and recent.kind != "document":
                    return _Attribution(recent.speaker, child.text, child.idx, child.idx + len(child))
        verb = noun.head
        if noun.dep_ == "dobj" and verb.lemma_.lower() in ISSUING_VERBS:
            issuers = [child for child in verb.children if child.dep_ == "nsubj" and not self.quoted[child.i]]
            if issuers and issuers[0].lemma_.lower() not in DOCUMENT_NOUNS:
                found = self._resolve(issuers[0], group)
                if found.speaker:
                    return found
        if any(child.dep_ == "det" and child.lower_ == "the" for child in noun.children):
            # `Acme issued a statement on Tuesday. "…," the statement said.`, `according to a USSS
            # statement …. "…," according to the statement`: the one issued or owned just before
            lemma = noun.lemma_.lower()
            for token in reversed(self.doc[max(noun.i - _LOOKBACK_TOKENS // 3, 0) : noun.i]):
                if token.lemma_.lower() != lemma or self.quoted[token.i]:
                    continue
                if token.is_title and token.pos_ == "PROPN":
                    continue  # `the station's Morning Money Report`: a programme's name, not the report
                if self.paragraph_index(noun.idx) - self.paragraph_index(token.idx) > 1:
                    break
                owner = self._owner(token)
                if owner is not None and owner.label in ("ORG", "PERSON"):
                    return _Attribution.naming(owner)
                owner_name = self._owner_name(token) if owner is None else None
                if owner_name is not None:
                    return _Attribution.written(owner_name)
                if (token.dep_ == "dobj" and token.head.lemma_.lower() in ISSUING_VERBS) or any(
                    child.dep_ == "prep" and child.lower_ in ("from", "by") for child in token.children
                ):
                    return self._issued_by(token, group)
                break
        return None

    def _owner_name(self, noun: Token) -> Span | None:
        """The proper name owning or naming a source noun when no entity covers it: the possessor
        (`PC World's recent analysis`) or the name before the noun (`the Times of India newspaper`)."""
        for child in noun.children:
            if child.dep_ == "poss" and child.pos_ == "PROPN" and child.i < noun.i:
                words = [t for t in child.subtree if t.dep_ != "case" and not t.is_punct]
                if words:
                    return self.doc[words[0].i : words[-1].i + 1]
        start = noun.left_edge.i
        while start < noun.i and (self.doc[start].pos_ in ("DET", "NUM") or self.doc[start].lower_ in QUANTIFIERS):
            start += 1
        name = self.doc[start : noun.i]
        if (
            start < noun.i
            and name[0].pos_ == "PROPN"
            and name[-1].pos_ == "PROPN"
            and all(t.pos_ in ("PROPN", "ADP", "DET") and not t.is_punct for t in name)
        ):
            return name
        return None

    def _described(self, noun: Token, phrase: Span) -> EntityAnnotation | None:
        """The person a description stands for (`the ambassador wrote`): the nearest person named
        before it with that word beside the name, else, for a definite singular description, the
        person the document is about when they were named just before."""
        lemma = noun.lemma_.lower()
        # Every modifier must be beside the name too: "the prime minister" is not any minister.
        # A nationality is not: "the South African archbishop" is "Archbishop Desmond Tutu".
        modifiers = {
            child.lower_
            for child in noun.children
            if child.dep_ in ("amod", "compound", "nmod") and child.i < noun.i and not self._national(child)
        }
        lowest = noun.idx - _DESCRIPTION_LOOKBACK
        index = bisect.bisect_left(self.entity_starts, noun.idx) - 1
        checked = 0
        # `Spanish daily ABC accuses …. "…," the paper says`: a publication is an organisation
        label = "ORG" if lemma in PUBLICATION_NOUNS | COMPANY_NOUNS | BODY_NOUNS | NAMED_BODY_NOUNS else "PERSON"
        while index >= 0 and checked < 80 and self.entities[index].start >= lowest:
            entity = self.entities[index]
            index -= 1
            if entity.label != label or self.quoted[min(self._token_at(entity.start), len(self.doc) - 1)]:
                continue
            checked += 1
            first, last = self._token_at(entity.start), self._token_before(entity.end)
            nearby = [self.doc[near] for near in range(max(first - 5, 0), min(last + 5, len(self.doc)))]
            nearby = [
                token
                for token in nearby
                if not first <= token.i < last
                and token.i != noun.i
                and not self.quoted[token.i]
                and not (token.dep_ == "compound" and not first <= token.head.i < last)
                # the word is the name's title or apposition, or the name is the word's apposition
                and (
                    first <= token.head.i < last
                    # (the name owning the word is someone else: `Varr's source`)
                    or any(self.doc[k].head.i == token.i and self.doc[k].dep_ != "poss" for k in range(first, last))
                    # `Ambassador to Berlin Philip Murphy`, the place glued to the name by the recogniser
                    or (token.i == first - 2 and self.doc[first - 1].lower_ in PLACE_PREPOSITIONS)
                )
            ]
            named = self._bears_title(entity, (lemma, noun.lower_)) or any(
                token.lemma_.lower() == lemma or token.lower_ == noun.lower_ for token in nearby
            )
            if named and modifiers <= {token.lower_ for token in nearby}:
                return entity
        definite = phrase[0].lower_ in ("the", "this", "that", "these", "those")
        if not definite:
            return self._titled_next(noun) if phrase[0].lower_ in ("a", "an") else None
        if label == "ORG" and noun.tag_ == "NN":
            # the newspaper (magazine, broadcaster) acting in the sentences just before
            recent = self.entities_between(max(noun.idx - _INHERIT_GAP * 2, 0), noun.idx, ("ORG",))
            for entity in reversed(recent):
                if (
                    not self._is_quoted_char(entity.start)
                    and self.acts(entity)
                    and (
                        lemma in COMPANY_NOUNS | BODY_NOUNS
                        # `the ministry said` is the Ministry of Defence, not any body acting before
                        or (lemma in NAMED_BODY_NOUNS and lemma in entity.canonical.lower().split())
                        or (lemma in PUBLICATION_NOUNS and self._is_publication(entity))
                    )
                ):
                    return entity
            return None
        if noun.tag_ in ("NNS", "NNPS"):
            if label != "ORG" and not _is_role_noun(noun):
                return None  # `the cuts`: no one
            # `the civil liberties' watchdogs wrote`: the organisation quoted just before.
            organisations = {entity.canonical: entity for entity in self.entities if entity.label == "ORG"}
            for start, attribution in reversed(self.speakers[-_RECENT_SPEAKERS:]):
                if noun.idx - start > _DESCRIPTION_LOOKBACK // 2:
                    break
                if attribution.speaker in organisations:
                    return organisations[attribution.speaker]
            return None
        if not _is_role_noun(noun) or any(child.dep_ == "poss" for child in noun.children):
            return None  # `the minister's spokesman` is someone else than the minister
        if any(child.dep_ == "dobj" and child.lower_ in ("him", "her") for child in noun.head.children):
            return None  # `the former ambassador described him as …`: the one talked about is `him`
        if lemma in JOB_TITLE_HEADS and any(
            child.dep_ in ("amod", "nmod", "compound") and child.i < noun.i and self._national(child)
            for child in noun.children
        ):
            # `what the Zemblan foreign minister called "…"`: a country's office holder, not the person
            # last named (an epithet is: `"…," says the Zemblan coder`)
            return None
        recent = self._people_before(noun)
        if not recent:
            return None
        # `Jane Doe said the team would understand if Roe left. "…," said the champion`: the person
        # reported as speaking just before, described rather than named again.
        speaker = self._speaker_just_before(noun, recent)
        if speaker is None and any(self._national(child) for child in noun.children if child.i < noun.i):
            # `"…," says the Zemblan hacker` after paragraphs of one man's words: that man
            speaker = self._last_quoted_person(noun, recent)
        if speaker is not None and not self._own_referent(noun, speaker) and not self.other_office(speaker, noun):
            return speaker
        topic = self.topic_person()
        if (
            topic is not None
            and recent[-1].canonical == topic
            and not self._own_referent(noun, recent[-1])
            and not self.other_office(recent[-1], noun)
        ):
            return recent[-1]
        return None

    def other_office(self, entity: EntityAnnotation, noun: Token) -> bool:
        """`Prime Minister Jo Varr said …. The home secretary …`: the person was given an office
        (written as their title) that is not the one the description names."""
        lemma = noun.lemma_.lower()
        if lemma not in OFFICE_WORDS:
            return False
        modifiers = {child.lower_ for child in noun.children if child.dep_ in ("amod", "compound") and child.i < noun.i}
        for mention in self.entities:
            if mention.canonical != entity.canonical or mention.label != "PERSON":
                continue
            title = self._title_before(mention)
            if title and any(word in OFFICE_WORDS for word in title):
                return lemma not in title or not modifiers <= set(title)
        return False

    def _title_before(self, mention: EntityAnnotation) -> list[str]:
        """The capitalised title words written just before a name, or opening it (`Prime Minister`)."""
        first = self._token_at(mention.start)
        words = [token.lower_ for token in self.doc[first : self._token_before(mention.end)]]
        first_name = mention.canonical.split(" ", 1)[0].lower()
        inside = words[: words.index(first_name)] if first_name in words else []
        index = first - 1
        before: list[str] = []
        while index >= 0 and first - index <= 3 and self.doc[index].is_title and not self.doc[index].ent_type_:
            before.insert(0, self.doc[index].lower_)
            index -= 1
        # `Jo Varr, the prime minister, said`: an office in apposition
        head = self.doc[max(self._token_before(mention.end) - 1, first)]
        for child in head.children:
            if child.dep_ == "appos" and child.lemma_.lower() in OFFICE_WORDS:
                before += [
                    word.lower_ for word in child.children if word.dep_ in ("amod", "compound") and word.i < child.i
                ]
                before.append(child.lemma_.lower())
        return before + inside

    def _own_referent(self, noun: Token, candidate: EntityAnnotation) -> bool:
        """`A man fell ill …. The patient went to his doctor …. "…," the patient wrote`: a role the
        text has used for someone it does not name, and never beside the candidate's name, is that
        someone."""
        lemma = noun.lemma_.lower()
        unnamed = False
        for token in self.doc[: noun.i]:
            if token.lemma_.lower() != lemma or token.pos_ not in ("NOUN", "PROPN") or self.quoted[token.i]:
                continue  # (a title counts: `Ambassador Ana Reyes`)
            sentence = token.sent
            people = self.entities_between(sentence.start_char, sentence.end_char, ("PERSON",))
            beside = self.entities_between(
                self.doc[max(token.i - 4, 0)].idx, self.doc[min(token.i + 4, len(self.doc) - 1)].idx, ("PERSON",)
            )
            if any(person.canonical == candidate.canonical for person in beside):
                return False  # `Ambassador to Berlin Ana Reyes`, `ambassador Reyes`
            unnamed = unnamed or not people
        return unnamed

    def _titled_next(self, noun: Token) -> EntityAnnotation | None:
        """`a judge claimed … "urban savages". Judge Ann Roe made her remarks …`: an indefinite role
        that the next sentence names, with the role as the name's title."""
        if noun.tag_ != "NN" or not _is_role_noun(noun):
            return None
        sentence = noun.sent
        if sentence.end >= len(self.doc):
            return None
        following = self.doc[sentence.end].sent
        role = (noun.lower_, noun.lemma_.lower())
        for entity in self.entities_between(following.start_char, following.end_char, ("PERSON",)):
            if self._bears_title(entity, role):
                return entity
        return None

    def _bears_title(self, entity: EntityAnnotation, role: tuple[str, ...]) -> bool:
        """`Archbishop Desmond Tutu`, `Judge Ann Roe`: the role written as the name's title, inside the
        recognised name or just before it."""
        words = entity.text.split()
        if len(words) > 1 and words[0].lower() in role and not entity.canonical.lower().startswith(words[0].lower()):
            return True
        first = self._token_at(entity.start)
        if first > 0 and self.doc[first - 1].lower_ in role:
            return True
        # `Ambassador to Berlin Philip Murphy`: the title and the post it serves, then the name
        index = first - 1
        while index > 0 and first - index <= 4 and self.doc[index].pos_ == "PROPN":
            index -= 1
        return (
            index > 0
            and index < first - 1
            and self.doc[index].lower_ in ROLE_PREPOSITIONS + ("in",)
            and self.doc[index - 1].lower_ in role
        )

    def _national(self, token: Token) -> bool:
        """A word of a nationality or country name (`South African`, `US`)."""
        entity = self.entity_at(token.idx)
        return entity is not None and entity.label in ("NORP", "GPE")

    def _is_publication(self, entity: EntityAnnotation) -> bool:
        """An organisation the text shows to be a newspaper, magazine or broadcaster: by a word beside
        it (`Spanish daily ABC`, `the newspaper El Pais`) or by its name (`The Sunday Times`)."""
        if any(word in PRESS_NAME_WORDS for word in entity.canonical.split()):
            return True
        first = self._token_at(entity.start)
        last = self._token_before(entity.end)
        beside = [*self.doc[max(first - 2, 0) : first], *self.doc[last : min(last + 1, len(self.doc))]]
        return any(token.lemma_.lower() in PUBLICATION_NOUNS for token in beside)

    def _people_before(self, noun: Token) -> list[EntityAnnotation]:
        """The people named, outside quotations, in the stretch before a description."""
        recent = self.entities_between(max(noun.idx - _INHERIT_GAP * 4, 0), noun.idx, ("PERSON",))
        return [entity for entity in recent if not self._is_quoted_char(entity.start)]

    def _speaker_just_before(self, noun: Token, recent: list[EntityAnnotation]) -> EntityAnnotation | None:
        """Of the last three people named, the last reported as speaking, if in this paragraph or the one
        before."""
        for entity in reversed(recent[-3:]):
            if self._reported_speaker(entity):
                close = self.paragraph_index(noun.idx) - self.paragraph_index(entity.start) <= 1
                return entity if close else None
        return None

    def _epithet_person(self, noun: Token, group: _Group) -> str | None:
        recent = self._people_before(noun)
        speaker = self._speaker_just_before(noun, recent)
        if speaker is not None:
            return speaker.canonical
        quoted_last = self._last_quoted_person(noun, recent)
        if quoted_last is not None:
            return quoted_last.canonical
        topic = self.topic_person()
        if topic is not None and topic in {entity.canonical for entity in recent[-3:]}:
            return topic
        # the person the sentence before is about (`Manager Jo Varr will discipline X. The Scot …`)
        before = self._antecedent_before(noun.idx, ("PERSON",), exclude=group, own=False)
        return before.canonical if isinstance(before, EntityAnnotation) else None

    def _last_quoted_person(self, noun: Token, recent: list[EntityAnnotation]) -> EntityAnnotation | None:
        """The person whose quotation came last, when they are among the last three people named before a
        description of someone (`"…," says the Zemblan hacker` after three paragraphs of his words)."""
        if not self.speakers:
            return None
        start, last = self.speakers[-1]
        if last.kind != "person" or noun.idx - start > _INHERIT_GAP * 4:
            return None
        return next((entity for entity in reversed(recent[-3:]) if entity.canonical == last.speaker), None)

    def _reported_speaker(self, entity: EntityAnnotation) -> bool:
        """The mention is the subject of a cue verb (`Jane Doe said …`), or of one that introduces
        speech (`Jane Doe spoke to reporters`)."""
        if not self.parsed:
            return False
        for index in self.tokens(entity.start, entity.end):
            token = self.doc[index]
            if (
                token.dep_ == "nsubj"
                and token.head.i != token.i
                and (self.is_cue(token.head) or token.head.lemma_.lower() in INTRODUCING_VERBS)
            ):
                return True
        return False

    def speaker_name(self, canonical: str) -> str:
        """The speaker as named in the output: a person's name completed (`person_name`), and a capital
        speaking for its government named as the country (`Nairobi called it …` -> Kenya)."""
        if any(entity.label == "GPE" and entity.canonical == canonical for entity in self.entities):
            return country_of_post(canonical) or canonical
        return self.person_name(canonical)

    def person_name(self, canonical: str) -> str:
        """A person's name as the speaker: without a place the recogniser glued on before it
        ("Berlin Philip Murphy" after "Ambassador to"), and a lone surname completed when the
        document names exactly one person with it."""
        if self._person_names is None:
            self._person_names = self._person_name_fixes()
        return self._person_names.get(canonical, canonical)

    def _person_name_fixes(self) -> dict[str, str]:
        fixes: dict[str, str] = {}
        people = [entity for entity in self.entities if entity.label == "PERSON"]
        places = {entity.text for entity in self.entities if entity.label in ("GPE", "LOC")}
        for entity in people:
            words = entity.canonical.split()
            if len(words) < 3 or entity.canonical in fixes or not entity.text.startswith(words[0]):
                continue
            before = self.text[max(entity.start - 6, 0) : entity.start].split()
            if words[0] in places or (before and before[-1].lower() in PLACE_PREPOSITIONS):
                fixes[entity.canonical] = " ".join(words[1:])
        for entity in people:
            # A verb glued to the end of a name ("Matthew Ingram Writing in a blog post").
            words = entity.canonical.split()
            last = self._token_before(entity.end) - 1
            if (
                len(words) >= 3
                and entity.canonical not in fixes
                and 0 <= last < len(self.doc)
                and self.doc[last].text == words[-1]
                and self.doc[last].tag_ == "VBG"
            ):
                fixes[entity.canonical] = " ".join(words[:-1])
        # The fullest form of a name the document gives ("Hillary Rodham Clinton" for "Hillary Clinton").
        longest: dict[tuple[str, str], str] = {}
        for entity in people:
            words = fixes.get(entity.canonical, entity.canonical).split()
            if len(words) >= 2:
                key = (words[0], words[-1])
                if len(" ".join(words)) > len(longest.get(key, "")):
                    longest[key] = " ".join(words)
        for entity in people:
            name = fixes.get(entity.canonical, entity.canonical)
            words = name.split()
            if len(words) >= 2 and longest[(words[0], words[-1])] != name:
                fixes[entity.canonical] = longest[(words[0], words[-1])]
        full: dict[str, set[str]] = {}
        for entity in people:
            name = fixes.get(entity.canonical, entity.canonical)
            if " " in name:
                full.setdefault(name.split()[-1], set()).add(name)
                particle, _, rest = name.split()[-1].partition("-")
                if rest and particle.lower() in SURNAME_PARTICLES:
                    full.setdefault(rest, set()).add(name)  # `Jubeir` of `Adel al-Jubeir`
        # Names the recogniser missed or mislabelled: two capitalised proper nouns ("Shashi Tharoor").
        doc = self.doc
        for index in range(len(doc) - 1):
            first, second = doc[index], doc[index + 1]
            if (
                first.pos_ == "PROPN"
                and second.pos_ == "PROPN"
                and first.text.istitle()
                and second.text.istitle()
                and first.lower_.rstrip(".") not in TITLES
                and not (index + 2 < len(doc) and doc[index + 2].pos_ == "PROPN")
                and (index == 0 or doc[index - 1].pos_ != "PROPN")
            ):
                full.setdefault(second.text, set()).add(f"{first.text} {second.text}")
        for canonical in {entity.canonical for entity in self.entities} | {
            entity.text for entity in self.entities if entity.label == "PERSON"
        }:
            if " " not in canonical and len(full.get(canonical, ())) == 1 and canonical not in fixes:
                fixes[canonical] = next(iter(full[canonical]))
        # A style with one name ("Sir Digby" after "Sir Digby Jones"): the one full name it shortens.
        names = {fixes.get(entity.canonical, entity.canonical) for entity in people}
        for entity in people:
            words = entity.canonical.split()
            if len(words) != 2 or words[0].lower().rstrip(".") not in TITLES or entity.canonical in fixes:
                continue
            longer = {
                name
                for name in names
                if len(name.split()) >= 2
                and name.split()[0].lower().rstrip(".") not in TITLES
                and words[1] in (name.split()[0], name.split()[-1])
            }
            if len(longer) == 1:
                fixes[entity.canonical] = longer.pop()
        # A people quoted as a group by the plural the text gives them ("the Americans", not "American").
        for entity in self.entities:
            plural = entity.text[4:] if entity.text.lower().startswith("the ") else entity.text
            if entity.label == "NORP" and plural.endswith("s") and plural.rstrip("s") == entity.canonical:
                fixes.setdefault(entity.canonical, plural)
        return fixes

    def topic_person(self) -> str | None:
        """The person the document names most often, when they are named clearly more than anyone else."""
        if self._topic is None:
            counts: dict[str, int] = {}
            for entity in self.entities:
                if entity.label == "PERSON":
                    counts[entity.canonical] = counts.get(entity.canonical, 0) + 1
            ranked = sorted(counts.items(), key=lambda item: -item[1])
            if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
                self._topic = ranked[0][0]
            else:
                self._topic = ""
        return self._topic or None

    def _phrase(self, head: Token) -> Span:
        """The words of a noun phrase up to its head, within the head's line (the parser crosses them)."""
        start = head.left_edge.i
        while start < head.i and (
            not self.same_paragraph(self.doc[start].idx, head.idx) or self.doc[start].is_punct or self.quoted[start]
        ):
            start += 1
        return self.doc[start : head.i + 1]

    def _document(self, noun: Token) -> _Attribution:
        phrase = self._phrase(noun)
        lemma = noun.lower_  # as written ("the communiqués"), unless it is a leaked cable
        if self.about_cables and {noun.lemma_.lower(), noun.lower_} & (CABLE_NOUNS | CABLE_REPORT_NOUNS):
            lemma = "cable"  # (`The report of the meeting sent to Washington said`: a report on the cables is one)
        return _Attribution(f"the {lemma}", phrase.text, phrase.start_char, phrase.end_char, kind="document")

    def _entity_for(self, subject: Token) -> EntityAnnotation | None:
        """The entity naming the subject: covering its head, in apposition, or inside its noun phrase."""
        covering = self.entity_at(subject.idx)
        if covering is not None:
            if covering.label != "PERSON":
                # `says Jane Doe of IT firm Acme`, parsed with the firm as the subject: the person speaks;
                # so does the one in apposition (`Acme's Chief of Operations, Jane Doe, said`).
                person = self._person_of(subject) or self._in_apposition(subject, ("PERSON",))
                if person is not None:
                    return person
            return covering
        entity = self._in_apposition(subject)
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
        # `X's spokesman` or `X's lawyer` speaks for X but is not X; `X's statement` is X's.
        others: set[int] = set()
        if subject.lemma_.lower() not in STATEMENT_NOUNS | DOCUMENT_NOUNS | SOURCE_NOUNS | {"word", "remark"}:
            others = {token.i for child in subject.children if child.dep_ == "poss" for token in child.subtree}
        if subject.lemma_.lower() in REPRESENTATIVE_NOUNS:
            # `a Globex spokesperson`, `a Jane Doe aide`: whoever they speak for, they are someone else
            others |= {token.i for child in subject.children if child.dep_ == "compound" for token in child.subtree}
        # a clause about the subject, or about a word of its phrase, names others (`says King, who describes
        # Butters as …`, `one user on Zorbo, which is Zembla's version of Twitter, posted`)
        others |= {
            token.i
            for word in subject.subtree
            if word.dep_ in ("relcl", "acl") and word.i != subject.i
            for token in word.subtree
        }
        for label in ("PERSON",):
            for index in range(left, right + 1):
                entity = self.entity_at(self.doc[index].idx)
                if entity is not None and entity.label == label and index not in others:
                    return entity
        return None

    def _in_apposition(self, subject: Token, labels: tuple[str, ...] | None = None) -> EntityAnnotation | None:
        """The first entity (of `labels`, if given) naming a word in apposition to the subject."""
        for child in subject.children:
            if child.dep_ == "appos":
                entity = self.entity_at(child.idx)
                if entity is not None and (labels is None or entity.label in labels):
                    return entity
        return None

    def _person_of(self, subject: Token) -> EntityAnnotation | None:
        """A person named in the subject's phrase before it and followed by `of`/`from`/`at`."""
        for index in range(subject.left_edge.i, subject.i):
            entity = self.entity_at(self.doc[index].idx)
            if entity is None or entity.label != "PERSON":
                continue
            after = self._token_at(entity.end)
            if after < subject.i and self.doc[after].lower_ in ("of", "from", "at"):
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
        lower = _POSSESSIVE_PRONOUNS.get(pronoun.lower_, pronoun.lower_)  # `Their statement read`: they
        where = (pronoun.idx, pronoun.idx + len(pronoun))
        reporter = self._reporting_subject(pronoun)
        if reporter is not None and lower in ("it", "they"):
            # `The ministry said it viewed the move as "…"`: the body that says so
            found = self._resolve(reporter, group)
            if found.speaker is not None:
                return _Attribution(found.speaker, pronoun.text, *where, kind=found.kind)
        if lower == "it":
            source = self._recent_source(group)
            topic = self._previous_subject(pronoun)
            if source is not None and not (
                topic is not None and source.speaker_start is not None and topic.start > source.speaker_start
            ):
                # (a body the sentence before is about, named since, is "it" instead: `The Institute said
                # taxes must rise. It also said …`)
                return _Attribution(source.speaker, pronoun.text, *where, kind=source.kind)
            if topic is not None:
                return _Attribution(topic.canonical, pronoun.text, *where)
            document = self._recent_document(pronoun.i)
            if document is not None:
                found = self._document(document)
                return _Attribution(found.speaker, pronoun.text, *where, kind="document")
            labels: tuple[str, ...] = ("ORG", "GPE")
        elif lower in PERSON_PRONOUNS:
            labels = ("PERSON",)
        elif lower in GROUP_PRONOUNS:
            labels = ("PERSON", "ORG", "NORP")  # a country is "it"
        else:
            return _Attribution(None, pronoun.text, *where)
        gender = 1 if lower in MASCULINE else -1 if lower in FEMININE else 0
        before = min(pronoun.idx, group.first.open_mark)
        if labels == ("PERSON",):
            going_on = self._speaker_going_on(pronoun, before, gender)
            if going_on is not None:
                return _Attribution(going_on, pronoun.text, *where)
        antecedent = self._antecedent_before(
            before,
            labels,
            exclude=group,
            gender=gender,
            roles=labels == ("PERSON",),
            own=pronoun.idx < before + 1,
            plural=lower in GROUP_PRONOUNS,
        )
        if isinstance(antecedent, Token):
            # `A ministry spokeswoman confirmed …. "…," she said.`: the person as the text describes them
            organisation = self.entity_at(antecedent.idx - 2) if antecedent.idx >= 2 else None
            if (
                organisation is not None
                and organisation.label == "ORG"
                and not self.text[organisation.end : antecedent.idx].strip()
            ):
                speaker = self.text[organisation.start : antecedent.idx + len(antecedent)]
                return _Attribution(_SPACE.sub(" ", speaker), pronoun.text, *where)
            described = self._resolve(antecedent, group)
            named = any(entity.canonical == described.speaker for entity in self.entities)
            # `he` is no body: not the department a noun before it stood for
            body = labels == ("PERSON",) and any(
                entity.canonical == described.speaker and entity.label != "PERSON" for entity in self.entities
            )
            if (named or not self._definite(antecedent)) and not body:
                return _Attribution(described.speaker, pronoun.text, *where)
            # `The veteran game maker says he …`: a definite description points back to someone named
            # (not to someone holding another office: `Prime Minister X …. The home secretary … She`)
            role = antecedent
            antecedent = self._antecedent_before(before, labels, exclude=group, gender=gender, own=False)
            if isinstance(antecedent, EntityAnnotation) and self.other_office(antecedent, role):
                return _Attribution(described.speaker, pronoun.text, *where)
        entity = antecedent if not isinstance(antecedent, Token) else None
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
            # (not the one met in a participle's clause before the pronoun: `After meeting X, he …`)
            while entity is not None and self._object_of_participle(entity):
                entity = self._mention_before(entity.start, labels, gender)
        return _Attribution(entity.canonical if entity else None, pronoun.text, *where)

    def _reporting_subject(self, pronoun: Token) -> Token | None:
        """The subject of a cue whose reported clause the pronoun is the subject of (`The ministry said it
        …`), when that subject is a noun naming no person."""
        clause = pronoun.head
        if pronoun.dep_ not in _SUBJECTS or clause.dep_ != "ccomp" or not self.is_cue(clause.head):
            return None
        for child in clause.head.children:
            if child.dep_ in _SUBJECTS and child.pos_ in ("NOUN", "PROPN") and not self.quoted[child.i]:
                entity = self._entity_for(child)
                return child if entity is None or entity.label != "PERSON" else None
        return None

    def _speaker_going_on(self, pronoun: Token, before: int, gender: int) -> str | None:
        """`"…," said Jane Doe. He added: "…"`: a pronoun adding to what was just quoted is its speaker,
        unless someone else acting is named since."""
        if pronoun.head.lemma_.lower() not in CONTINUING_VERBS or not self.speakers:
            return None
        start, found = self.speakers[-1]
        if found.kind != "person" or not found.speaker or before - start > _INHERIT_GAP * 2 or start > before:
            return None
        if not self.compatible(found.speaker, gender):
            return None
        others = [
            entity
            for entity in self.entities_between(start, before, ("PERSON",))
            if entity.canonical != found.speaker and self.acts(entity) and not self._is_quoted_char(entity.start)
        ]
        return None if others else found.speaker

    def _recent_source(self, group: _Group) -> _Attribution | None:
        """`"…," said the magazine. "…," it concluded.`: the source quoted just before, when that is a
        thing (a document, an organisation, a publication), not a person."""
        if not self.speakers:
            return None
        start, found = self.speakers[-1]
        if group.first.open_mark - start > _INHERIT_GAP * 2 or found.speaker_start is None or not found.speaker_end:
            return None
        if found.kind == "document":
            return found
        entity = self.entity_at(found.speaker_start)
        if entity is not None:
            return found if entity.label != "PERSON" else None
        head = self.doc[max(self._token_before(found.speaker_end) - 1, 0)]
        if head.lower_ == "it" or (head.pos_ == "NOUN" and not _is_role_noun(head)):
            return found
        return None

    def _previous_subject(self, pronoun: Token) -> EntityAnnotation | None:
        """`China has been tight-lipped. It called …`: the organisation or country that is the main
        subject of the sentence before (a document there wins instead: `A cable …. It said`)."""
        if not self.parsed:
            return None
        sentence = bisect.bisect_right(self.sentence_starts, pronoun.i) - 1
        for number in range(sentence - 1, max(sentence - 3, -1), -1):
            start = self.sentence_starts[number]
            end = self.sentence_starts[number + 1] if number + 1 < len(self.sentence_starts) else len(self.doc)
            if end - start > _LOOKBACK_TOKENS:
                return None
            roots = [token for token in self.doc[start:end] if token.dep_ == "ROOT" and not self.quoted[token.i]]
            subjects = [child for root in roots[:1] for child in root.children if child.dep_ in _SUBJECTS]
            if not subjects:
                continue
            subject = subjects[0]
            if subject.lower_ == "it":
                continue  # `China …. It has also …. It called …`
            if subject.lemma_.lower() in DOCUMENT_NOUNS or self.quoted[subject.i]:
                return None
            entity = self.entity_at(subject.idx)
            if entity is not None and entity.label in ("ORG", "GPE"):
                return entity
            return None
        return None

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
                vote = 1 if title in MASCULINE_TITLES else -1 if title in FEMININE_TITLES else 0
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
                    vote += (token.lower_ in MASCULINE) - (token.lower_ in FEMININE)
            scores[canonical] = scores.get(canonical, 0) + vote
        return scores

    def _subject_before(
        self, char: int, labels: tuple[str, ...], exclude: _Group, gender: int = 0
    ) -> EntityAnnotation | None:
        """The entity that is the subject of the nearest sentence before `char` having one."""
        found = self._antecedent_before(char, labels, exclude, gender)
        return found if isinstance(found, EntityAnnotation) else None

    def _antecedent_before(
        self,
        char: int,
        labels: tuple[str, ...],
        exclude: _Group,
        gender: int = 0,
        roles: bool = False,
        own: bool = True,
        plural: bool = False,
    ) -> EntityAnnotation | Token | None:
        """The entity that is the subject of the nearest sentence before `char` having one; with `roles`,
        also a person described by their role (`a ministry spokeswoman`), returned as the noun."""
        end_token = self._token_before(char)
        sentence = bisect.bisect_right(self.sentence_starts, max(end_token - 1, 0)) - 1
        inside = [(run.start, run.end) for run in self._whole_quotation(exclude)]
        for number in range(sentence, max(sentence - _ANTECEDENT_SENTENCES, -1), -1):
            start = self.sentence_starts[number]
            end = self.sentence_starts[number + 1] if number + 1 < len(self.sentence_starts) else len(self.doc)
            best: tuple[int, EntityAnnotation | Token | None] | None = None
            chain = MASCULINE if gender > 0 else FEMININE if gender < 0 else frozenset()
            # `they` is the group acting in the sentence, when there is one, not one person named in it
            group_acting = plural and self._group_antecedent_in(start, end, end_token)
            for index in range(max(start, end_token - _LOOKBACK_TOKENS), min(end, end_token)):
                token = self.doc[index]
                if any(a <= token.idx < b for a, b in inside) or (self.quoted[index] and self.in_spoken(token.idx)):
                    continue
                if (
                    token.dep_ not in _SUBJECTS
                    and not (
                        index + 1 < len(self.doc)
                        and self.doc[index + 1].pos_ == "VERB"
                        and self._positional_subject(self.doc[index + 1]) is token
                    )
                    and not _is_according_to(token)  # `…, according to editor Jane Doe. "…" She added`
                ):
                    continue
                # (a title parsed as the head, `Course Representative Jane Doe said`, names her too)
                entity = self.entity_at(token.idx) or (self._entity_for(token) if token.pos_ == "PROPN" else None)
                candidate: EntityAnnotation | Token | None
                if (
                    entity is None
                    and roles
                    and token.lower_ in chain
                    and not self.quoted[index]
                    and (index == start or token.head.dep_ == "ROOT")
                ):
                    # `He pointed out that X …`: the same person again, named further back (not a pronoun
                    # in a clause before the name it anticipates: `Asked whether he …, Mr X told …`)
                    candidate = None
                elif entity is None:
                    if plural and self._group_antecedent(token):
                        candidate = token  # `Researchers studied …. "…," they said`
                    elif roles and (self._role_antecedent(token, gender) or self._known_person(token, gender)):
                        candidate = token
                    else:
                        continue
                elif group_acting and entity.label == "PERSON":
                    continue
                elif roles and entity.label == "NORP" and _is_national_epithet(token):
                    candidate = token  # `The Scot defended him. … He said`: resolved as a description
                elif roles and entity.label == "ORG" and (role := self._role_after(entity, gender)) is not None:
                    candidate = role
                elif entity.label not in labels or not self.compatible(entity.canonical, gender):
                    continue
                else:
                    candidate = entity
                depth = _depth(token)
                if best is None or depth < best[0]:
                    best = (depth, candidate)
            if best is not None and best[1] is not None:
                return best[1]
            if best is not None:
                continue
            if number == sentence and own:
                # No named subject in the pronoun's own sentence: a person named earlier in that
                # sentence ("X's sister asked him …, but he replied") is the nearest antecedent,
                # unless a pronoun of theirs is the subject before it ("He added that he had announced
                # Y's departure …"): that one goes back further.
                sentence_start = self.doc[start].idx if start < len(self.doc) else char
                mentioned = self._mention_before(char, labels, gender)
                if (
                    mentioned is not None
                    and mentioned.start >= sentence_start
                    and not any(a <= mentioned.start < b for a, b in inside)
                    and not self._pronoun_subject_between(start, mentioned.start, gender)
                    and not self._object_of_participle(mentioned)
                ):
                    return mentioned
        return None

    def _object_of_participle(self, entity: EntityAnnotation) -> bool:
        """`After meeting with Governor X …, he announced`: the one met in a participle's clause before the
        main clause is not who `he` is."""
        token = self.doc[self._token_before(entity.end) - 1]
        if token.dep_ not in ("pobj", "dobj"):
            return False
        for _ in range(4):
            token = token.head
            if token.tag_ == "VBG" and token.dep_ in ("pcomp", "advcl"):
                return True
            if token.dep_ == "ROOT":
                break
        return False

    def _definite(self, noun: Token) -> bool:
        """Whether a noun phrase opens with a definite article or a demonstrative (`the game maker`)."""
        first = self._phrase(noun)[0]
        return first.lower_ in ("the", "this", "that")

    def _group_antecedent(self, noun: Token) -> bool:
        """A plural noun for people who can speak together (`researchers`, `officials`, `police`)."""
        if noun.pos_ not in ("NOUN", "PROPN") or self.quoted[noun.i]:
            return False
        lemma = noun.lemma_.lower()
        return (
            lemma in GROUP_NOUNS
            or noun.lower_ in MEMBER_ACRONYMS
            or (noun.tag_ in ("NNS", "NNPS") and _is_role_noun(noun))
        )

    def _group_antecedent_in(self, start: int, end: int, end_token: int) -> bool:
        return any(
            token.dep_ in _SUBJECTS and self._group_antecedent(token) for token in self.doc[start : min(end, end_token)]
        )

    def _known_person(self, token: Token, gender: int) -> bool:
        """A name the recogniser missed here but gave elsewhere as a person's (`says King, 30`)."""
        if token.pos_ != "PROPN" or self.quoted[token.i]:
            return False
        found = self._known_name(self._phrase(token))
        return found is not None and found.speaker is not None and self.compatible(found.speaker, gender)

    def _role_antecedent(self, noun: Token, gender: int) -> bool:
        """A singular noun naming a person by their role, of no other gender than the pronoun's."""
        if noun.pos_ != "NOUN" or noun.tag_ != "NN" or self.quoted[noun.i] or not _is_role_noun(noun):
            return False
        lemma = noun.lemma_.lower()
        if lemma.endswith("woman") or lemma in FEMININE_TITLES | FEMININE_NOUNS:
            own = -1
        elif lemma.endswith("man") or lemma in MASCULINE_TITLES | MASCULINE_NOUNS:
            own = 1
        else:
            own = 0
        return own * gender >= 0

    def _role_after(self, organisation: EntityAnnotation, gender: int) -> Token | None:
        """`A Department of X spokeswoman confirmed …`, its noun parsed apart from the name before it."""
        index = self._token_at(organisation.end)
        while index < len(self.doc) and self.doc[index].is_space:
            index += 1
        if index < len(self.doc) and self._role_antecedent(self.doc[index], gender):
            return self.doc[index]
        return None

    def _pronoun_subject_between(self, start: int, char: int, gender: int) -> bool:
        """Whether a personal pronoun of `gender` is a subject between token `start` and `char`."""
        pronouns = MASCULINE if gender > 0 else FEMININE if gender < 0 else MASCULINE | FEMININE
        for token in self.doc[start : self._token_at(char)]:
            if token.dep_ in _SUBJECTS and token.lower_ in pronouns and not self.quoted[token.i]:
                return True
        return False

    def subject_nearby(self, group: _Group) -> EntityAnnotation | None:
        """The person who is the subject of a sentence just before the quotation, in its paragraph or
        the one before."""
        entity = self._subject_before(group.first.open_mark, ("PERSON",), exclude=group)
        if entity is None or self.paragraph_index(group.first.open_mark) - self.paragraph_index(entity.start) > 1:
            return None
        return entity

    def _whole_quotation(self, group: _Group) -> list[Run]:
        """The group's runs and the paragraphs of the same quotation before it (left open, continued)."""
        runs = list(group.runs)
        index = bisect.bisect_left(self.run_marks, group.first.open_mark) - 1
        current = group.first
        while index >= 0 and len(runs) < 50:
            previous = self.runs[index]
            if previous.closed or not _continues(previous, current):
                break
            runs.append(previous)
            current = previous
            index -= 1
        return runs

    def _mention_before(self, char: int, labels: tuple[str, ...], gender: int = 0) -> EntityAnnotation | None:
        index = bisect.bisect_left(self.entity_starts, char) - 1
        for entity in reversed(self.entities[max(0, index - 50) : index + 1]):
            if entity.label in labels and entity.end <= char and self.compatible(entity.canonical, gender):
                return entity
        return None

    def _is_quoted_char(self, char: int) -> bool:
        """Whether the token at `char` lies inside a quotation (names in quoted words are not antecedents)."""
        index = self._token_at(char)
        return index < len(self.quoted) and self.quoted[index]

    def _recent_document(self, before: int) -> Token | None:
        sentence = bisect.bisect_right(self.sentence_starts, before) - 1
        start = self.sentence_starts[max(0, sentence - 3)]
        for index in range(before - 1, max(start, before - _LOOKBACK_TOKENS) - 1, -1):
            token = self.doc[index]
            if self.quoted[index]:
                continue  # `"There are consistent reports …," it said`: a word of the quote is not its source
            if token.lemma_.lower() in DOCUMENT_NOUNS and token.pos_ in ("NOUN", "PROPN"):
                return token
        return None


_ROLE_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "ee", "eur", "ief")
_CABLE_CONTEXT = re.compile(
    r"\b(?:cables?|cablegrams?|memos?|dispatch(?:es)?|telegrams?|diplomats?|embass(?:y|ies)|ambassadors?|"
    r"envoys?|consulates?)\b",
    re.IGNORECASE,
)
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they"}
_ROLE_NOUNS = frozenset(
    """
    envoy diplomat official aide chief head leader boss founder spokesperson representative delegate
    secretary premier president minister judge king queen prince princess general activist expert
    champion captain coach star veteran athlete source contact
    """.split()
)


def _is_role_noun(noun: Token) -> bool:
    """Whether a noun plausibly names a person by their role (`the ambassador`, `the whistleblower`) or,
    singular after "the", by their nationality (`the Scot`, `the Brazilian`, `the Dutchman`)."""
    lemma = noun.lemma_.lower()
    return (
        lemma in _ROLE_NOUNS
        or (len(lemma) > 4 and lemma.endswith(_ROLE_SUFFIXES) and lemma not in SOURCE_NOUNS)
        or _is_national_epithet(noun)
    )


def _is_national_epithet(noun: Token) -> bool:
    return (
        noun.tag_ in ("NN", "NNP")
        and one_of_a_people(noun.text)
        and any(child.dep_ == "det" and child.lower_ == "the" for child in noun.children)
    )


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
