"""Find quoted passages by their quotation marks: plain text in, character spans out (no spaCy).

The scanner works paragraph by paragraph so a missing closing mark can swallow at most the rest of
its paragraph. Double marks (straight or curly) are the quote marks; single curly marks count only
outside double quotes and only when they open at a word boundary and close before a non-letter, so
apostrophes never do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Double quotation marks, straight and curly, in every language's form the scanner knows.
DOUBLE_MARKS = '"“”„«»'
_DOUBLE_MARKS = re.compile(f"[{DOUBLE_MARKS}]")
_SINGLE_MARKS = re.compile(r"[‘’]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
# The end of a quoted sentence right before the next opening mark (`…inflated. "`).
_SENTENCE_BREAK = re.compile(r"\w[\w)’']*[.!?…]['’)]*\s+\Z")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")

# Characters after which a mark opens a quotation (besides white space and the start of a paragraph).
_OPEN_CONTEXT = frozenset("([{—–-/‘“'\"")
# Characters before which a mark closes a quotation (besides white space and the end of a paragraph).
_CLOSE_CONTEXT = frozenset(".,;:!?)]}—–-…’'”\"")

# Roles of a mark, decided from the characters around it.
_OPEN, _CLOSE, _EITHER = 1, 2, 3

# An unclosed quotation longer than this is cut at a sentence end instead of running to the paragraph
# end: a stray mark must not turn a long unbroken text into one quotation.
MAX_UNCLOSED_CHARS = 800
# Nested opening marks tolerated in one paragraph before the scanner stops nesting (keeps it linear).
_MAX_RESTARTS = 8


@dataclass
class Run:
    """One stretch of quoted text between an opening mark and its closing mark (or a recovery point)."""

    open_mark: int  # index of the opening mark
    start: int  # first character after the opening mark
    end: int  # the closing mark's index (or where the run was cut off)
    close_end: int  # first character after the closing mark (== end when unclosed)
    paragraph: int
    closed: bool
    at_paragraph_start: bool  # the opening mark is the paragraph's first character
    # The opening mark follows the end of a sentence of a quotation left open just before it
    # (`…inflated. "However, …"`): a new paragraph of the same quotation, its paragraph break lost.
    continues: bool = False


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph (start, end) ranges: blank-line separated blocks, else lines unless they are hard-wrapped."""
    blocks = _split(text, _BLANK_LINE) if _BLANK_LINE.search(text) else [(0, len(text))]
    result: list[tuple[int, int]] = []
    for start, end in blocks:
        lines = _split_lines(text, start, end)
        if len(lines) > 1 and not _hard_wrapped(text, lines):
            result.extend(lines)
        else:
            result.append((start, end))
    return [(s, e) for s, e in (_strip(text, s, e) for s, e in result) if s < e]


def _split(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    position = 0
    for match in pattern.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return spans


def _split_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    position = start
    while position < end:
        newline = text.find("\n", position, end)
        if newline < 0:
            lines.append((position, end))
            break
        lines.append((position, newline))
        position = newline + 1
    return lines


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Lines wrapped at a fixed width: mostly short and mostly ending mid-sentence."""
    stripped = [text[s:e].rstrip() for s, e in lines]
    stripped = [line for line in stripped if line]
    if len(stripped) < 3:
        return False
    short = sum(len(line) < 100 for line in stripped)
    open_ended = sum(line[-1] not in '.!?:"”’)' for line in stripped)
    return short >= 0.6 * len(stripped) and open_ended >= 0.4 * len(stripped)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _role(text: str, position: int, start: int, end: int) -> int:
    before = text[position - 1] if position > start else " "
    after = text[position + 1] if position + 1 < end else " "
    opens = (before.isspace() or before in _OPEN_CONTEXT) and not after.isspace()
    closes = not before.isspace() and (after.isspace() or after in _CLOSE_CONTEXT)
    if opens and not closes:
        return _OPEN
    if closes and not opens:
        return _CLOSE
    mark = text[position]
    if mark in "“„«":
        return _OPEN
    if mark in "”»":
        return _CLOSE
    return _EITHER


def scan(text: str) -> list[Run]:
    """Every quoted run in `text`, in order; nested quotations stay inside the run that holds them."""
    runs: list[Run] = []
    for number, (start, end) in enumerate(paragraphs(text)):
        double = _scan_double(text, start, end, number)
        runs.extend(_merge_sorted(double, _scan_single(text, start, end, number, double)))
    return runs


def _scan_double(text: str, start: int, end: int, paragraph: int) -> list[Run]:
    marks = [(m.start(), _role(text, m.start(), start, end)) for m in _DOUBLE_MARKS.finditer(text, start, end)]
    runs: list[Run] = []
    continuations: set[int] = set()
    index, restarts = 0, 0
    while index < len(marks):
        position, role = marks[index]
        index += 1
        if role == _CLOSE:
            continue  # a stray closing mark (or an inch sign) outside any quotation
        depth, first_nested, closed_at = 1, -1, -1
        while index < len(marks):
            mark_position, mark_role = marks[index]
            index += 1
            if mark_role == _OPEN and restarts < _MAX_RESTARTS:
                depth += 1
                if depth == 2 and first_nested < 0:
                    first_nested = index - 1
            else:
                depth -= 1
                if depth == 0:
                    closed_at = mark_position
                    break
        if closed_at >= 0:
            runs.append(_run(text, position, closed_at, closed_at + 1, paragraph, True, start))
            continue
        if first_nested >= 0:
            # The quotation never closed although a later one opened and maybe closed: the first one
            # was left unclosed, so it ends where the next one opens and scanning resumes there.
            restarts += 1
            cut = marks[first_nested][0]
            runs.append(_run(text, position, cut, cut, paragraph, False, start))
            if _SENTENCE_BREAK.search(text, position + 1, cut):
                continuations.add(cut)
            index = first_nested
            continue
        runs.append(_unclosed(text, position, end, paragraph, start))
    for run in runs:
        run.continues = run.open_mark in continuations
    return [run for run in runs if run.start < run.end]


def _run(text: str, mark: int, end: int, close_end: int, paragraph: int, closed: bool, para_start: int) -> Run:
    inner_start, inner_end = _strip(text, mark + 1, end)
    if not closed:
        close_end = inner_end
    return Run(mark, inner_start, inner_end, close_end, paragraph, closed, mark == para_start)


def _unclosed(text: str, mark: int, end: int, paragraph: int, para_start: int) -> Run:
    if end - mark > MAX_UNCLOSED_CHARS:
        limit = mark + MAX_UNCLOSED_CHARS
        cut = mark + 1
        for match in _SENTENCE_END.finditer(text, mark + 1, limit):
            cut = match.start() + 1
        end = cut if cut > mark + 1 else limit
    return _run(text, mark, end, end, paragraph, False, para_start)


def _scan_single(text: str, start: int, end: int, paragraph: int, double: list[Run]) -> list[Run]:
    """Quotations in single curly marks, looked for only outside the double-quoted runs."""
    runs: list[Run] = []
    gaps = _gaps(start, end, [(run.open_mark, max(run.close_end, run.end)) for run in double])
    for gap_start, gap_end in gaps:
        opened = -1
        for match in _SINGLE_MARKS.finditer(text, gap_start, gap_end):
            position = match.start()
            before = text[position - 1] if position > start else " "
            after = text[position + 1] if position + 1 < end else " "
            if opened < 0:
                if text[position] == "‘" and (before.isspace() or before in _OPEN_CONTEXT) and after.isalnum():
                    opened = position
            elif text[position] == "’" and not before.isspace() and not after.isalnum():
                runs.append(_run(text, opened, position, position + 1, paragraph, True, start))
                opened = -1
    return [run for run in runs if run.start < run.end]


def _gaps(start: int, end: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    gaps: list[tuple[int, int]] = []
    position = start
    for taken_start, taken_end in taken:
        if taken_start > position:
            gaps.append((position, taken_start))
        position = max(position, taken_end)
    if position < end:
        gaps.append((position, end))
    return gaps


def _merge_sorted(first: list[Run], second: list[Run]) -> list[Run]:
    return sorted(first + second, key=lambda run: run.open_mark) if second else first


# The longest paragraph introducing an unmarked quotation (`The Guardian noted:`).
_INTRO_CHARS = 300


# What a paragraph of quoted sentences ends with.
_SENTENCE_ENDS = frozenset(".!?…'’)]")


# `The paper noted: The close ties between …`: a reporting verb, a colon, then a capitalised sentence
_INLINE_INTRO = re.compile(r"(?<=[a-z]): (?=[A-Z][a-z])")
_INLINE_CUE = re.compile(
    r"\b(?:said|says|noted|notes|wrote|writes|added|adds|stated|states|declared|explained|told|tells|warned|"
    r"argued|observed|concluded|reported|reads|read|commented|remarked)\b(?:\s+\S+){0,6}$",
    re.IGNORECASE,
)
_INLINE_END = re.compile(r"[.!?](?=\s+[A-Z]|\s*$)")
_INLINE_INTRO_CHARS = 100
_INLINE_MIN_WORDS = 8


def _inline_unmarked(text: str, start: int, end: int, number: int) -> list[Run]:
    """Sentences quoted after a short introduction and a colon inside a paragraph with no quotation
    marks, as reposted articles print them once their marks are lost (the caller keeps only those with a
    cue before the colon)."""
    found: list[Run] = []
    for intro in _INLINE_INTRO.finditer(text, start, end):
        sentence_start = max(text.rfind(". ", start, intro.start()) + 2, start)
        if intro.start() - sentence_start > _INLINE_INTRO_CHARS or not _INLINE_CUE.search(
            text, sentence_start, intro.start()
        ):
            continue
        close = _INLINE_END.search(text, intro.end(), end)
        stop = close.end() if close else end
        if len(text[intro.end() : stop].split()) >= _INLINE_MIN_WORDS:
            found.append(Run(intro.end(), intro.end(), stop, stop, number, True, True))
    return found


def unmarked_runs(text: str, runs: list[Run]) -> list[Run]:
    """Quotations whose marks were lost or left out, as candidate runs (the caller keeps only those
    it can attribute):

    - a paragraph with no quotation marks after a paragraph ending in a colon (`X noted:` then the
      words), as reposted articles print them once their marks are lost;
    - a paragraph that continues a quotation left open at the end of the paragraph before, and
      closes it with its only mark at its end.
    """
    spans = paragraphs(text)
    unclosed_at_end = {run.paragraph for run in runs if not run.closed}
    has_runs = {run.paragraph for run in runs}
    found: list[Run] = []
    if spans and 0 not in has_runs and not _DOUBLE_MARKS.search(text, spans[0][0], spans[0][1]):
        found += _inline_unmarked(text, spans[0][0], spans[0][1], 0)
    for number in range(1, len(spans)):
        start, end = spans[number]
        previous_start, previous_end = spans[number - 1]
        marks = [m.start() for m in _DOUBLE_MARKS.finditer(text, start, end)]
        if (
            not marks
            and text[previous_end - 1] == ":"
            and previous_end - previous_start <= _INTRO_CHARS
            and number - 1 not in has_runs
            and len(text[start:end].split()) >= 5
            and text[start:end].rstrip()[-1:] in _SENTENCE_ENDS  # not a list of points (`also said:` then items)
        ):
            found.append(Run(start, start, end, end, number, True, True))
        elif not marks and number not in has_runs:
            found += _inline_unmarked(text, start, end, number)
        elif (
            number - 1 in unclosed_at_end
            and number not in has_runs
            and len(marks) == 1
            and marks[0] >= end - 2
            and marks[0] > start
        ):
            inner_end = _strip(text, start, marks[0])[1]
            if start < inner_end:
                found.append(Run(start, start, inner_end, marks[0] + 1, number, True, True))
    return found
