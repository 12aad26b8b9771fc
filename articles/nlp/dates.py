"""Date expressions normalised to ISO with their precision.

Explicit dates (`January 24, 2009`, `24 Jan. 2009`, `2009-01-24`, `24/01/2009`, `January 2009`,
`in 2009`) keep exactly the parts they give: a month without a day has month precision, never a
made-up first of the month. Expressions that need the article's date (`yesterday`, `last week`,
`on Tuesday`, `March 3`, `last year`) are anchored to `anchor` and get `value=None` without one.
Weeks (`last week`, `two weeks ago`) are found but get `value=None`: the output has no week
precision, and the month or year around a week would be a guess at what the writer meant.

Decades (`the 1990s`) are not reported: the output format has no decade precision.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from articles.nlp.types import DateAnnotation

_MONTH_NUMBERS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
# Capitalised month names; abbreviations optionally with a full stop. "May" only as the full word.
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_FULL_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d{2}|20\d{2})"
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "a dozen": 12,
}  # fmt: skip

# Day/month shorthands that name one well-known event rather than a day of any year.
_EVENT_SHORTHANDS = {"9/11": "2001-09-11", "7/7": "2005-07-07", "26/11": "2008-11-26"}

# Nouns after a bare four-digit number that make it a quantity, not a year ("2000 troops").
_QUANTITY_NOUNS = (
    r"troops|soldiers|people|men|women|children|persons|dollars|rupees|euros|pounds|yuan|tonnes|tons|km|"
    r"kilometres|kilometers|miles|metres|meters|feet|hours|minutes|votes|members|pages|words|units|cases|"
    r"cables|documents|refugees|families|workers|policemen|militants|fighters|acres|barrels|vehicles|homes"
)
_FUTURE_CUE = re.compile(r"\b(?:will|'ll|shall|to be held|plans? to|is to|are to|scheduled|due|expected to)\b[^.;]*$")

_PAST_RELATIVE = re.compile(
    r"\b(?:that|which|who)\s+(?:\w+\s+){0,3}?(?:\w+ed|was|were|had|did|said|made|took|gave|came|went|began|became)\b"
    r"[^,;]*$"
)
_DAY_MDY = re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+(?P<day>\d{{1,2}}){_ORDINAL}(?:,\s*|\s+){_YEAR}(?![\d,]\d)")
_DAY_DMY = re.compile(
    rf"\b(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<day>\d{{1,2}}){_ORDINAL}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}(?![\d,]\d)"
)
_ISO = re.compile(r"(?<![\w/.-])(?P<year>1[89]\d{2}|20\d{2})-(?P<mm>\d{2})-(?P<dd>\d{2})(?![\w/-])")
_NUMERIC = re.compile(
    r"(?<![\w/.-])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<year>1[89]\d{2}|20\d{2})(?![\w/])"
)
_EVENT = re.compile(r"(?<![\w/])(?:9/11|7/7|26/11)(?![\w/])")
_MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}(?![\d,]\d)")
_DAY_MD = re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+(?P<day>\d{{1,2}}){_ORDINAL}(?![\w:/]|[.,]\d|\s*-\s*\d)")
_DAY_DM = re.compile(rf"(?<![\w$£€.,/-])(?:the\s+)?(?P<day>\d{{1,2}}){_ORDINAL}(?:\s+of)?\s+{_MONTH}(?!\w)")
_MONTH_ONLY = re.compile(
    r"\b(?:(?P<rel>(?i:last|next|this|in|since|until|till|by|during|from|through|before|after|early|late|of))\s+"
    rf"|(?P<mid>(?i:mid)-))(?:early\s+|late\s+|mid-)?{_FULL_MONTH}(?![\w-])"
)
# "April and May 2009": the first month shares the year written after the second.
_MONTH_PAIR = re.compile(
    rf"\b{_MONTH}(?=\s*(?:and|or|to|through|until|-|–)\s*{_MONTH.replace('?P<month>', '?:')},?\s+{_YEAR}(?![\d,]\d))"
)
# A year is not part of a longer number, amount, time or phone number; "2004-2007" is two years.
_YEAR_ONLY = re.compile(
    r"(?:(?<=\b(?:mid|pre)-)|(?<=\bpost-)|(?<![\w$£€./,:-]))"
    + _YEAR
    + r"(?![\w%]|[.,:]\d|[-/](?!(?:1[89]|20)\d\d(?![\w-]))\d)"
)
_YEAR_RANGE_END = re.compile(r"(?<=(?:1[89]|20)\d\d)[-–](?=(?:1[89]\d{2}|20\d{2})(?![\w%-]|[.,:]\d))")
_ONE_DAY = re.compile(
    r"\b(?P<word>yesterday|today|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening))\b", re.IGNORECASE
)
_PERIOD = re.compile(
    r"\b(?P<rel>last|this|next|past|earlier\s+this|later\s+this|the\s+previous|the\s+following)\s+"
    r"(?P<unit>week|month|year)\b",
    re.IGNORECASE,
)
_AGO = re.compile(
    r"\b(?P<n>\d{1,2}|a\s+dozen|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)\s+"
    r"(?P<unit>day|week|month|year)s?\s+ago\b",
    re.IGNORECASE,
)
_WEEKDAY_REF = re.compile(rf"\b(?:(?P<rel>(?i:last|next|this|on|since|until|by|from))\s+)?{_WEEKDAY}(?!\s+[A-Z])(?!\w)")


def extract_dates(text: str, *, anchor: dt.date | None = None) -> list[DateAnnotation]:
    """Date expressions in `text`; `anchor` (the article's date) resolves relative ones."""
    found: list[DateAnnotation] = []
    taken: list[tuple[int, int]] = []
    for start, end, value, precision in _candidates(text, anchor):
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        if precision == _INVALID:
            continue  # "February 30, 2009": no date, and its year is not a date either
        found.append(DateAnnotation(start, end, text[start:end], value, precision))
    return sorted(found, key=lambda d: d.start)


Candidate = tuple[int, int, str | None, str | None]
_INVALID = "invalid"


def _candidates(text: str, anchor: dt.date | None) -> Iterator[Candidate]:
    """Every reading, most specific pattern first (an earlier one wins an overlap)."""
    for m in _ISO.finditer(text):
        value = _iso_day(int(m["year"]), int(m["mm"]), int(m["dd"]))
        if value:
            yield m.start(), m.end(), value, "day"
    for m in _NUMERIC.finditer(text):
        a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
        if a > 12 or a == b:
            value = _iso_day(year, b, a)
        elif b > 12:
            value = _iso_day(year, a, b)
        else:  # 03/04/2009: day-first or month-first cannot be told apart
            yield m.start(), m.end(), None, "day"
            continue
        if value:
            yield m.start(), m.end(), value, "day"
    for pattern in (_DAY_MDY, _DAY_DMY):
        for m in pattern.finditer(text):
            value = _iso_day(int(m["year"]), _month(m["month"]), int(m["day"]))
            yield m.start(), m.end(), value, "day" if value else _INVALID
    for m in _EVENT.finditer(text):
        yield m.start(), m.end(), _EVENT_SHORTHANDS[m.group(0)], "day"
    for m in _MONTH_PAIR.finditer(text):
        yield m.start(), m.end(), f"{int(m['year']):04d}-{_month(m['month']):02d}", "month"
    for m in _MONTH_YEAR.finditer(text):
        yield m.start(), m.end(), f"{int(m['year']):04d}-{_month(m['month']):02d}", "month"
    yield from _day_months(text, anchor)
    for m in _MONTH_ONLY.finditer(text):
        yield from _month_only(text, m, anchor)
    yield from _years(text)
    yield from _relative(text, anchor)


def _month(name: str) -> int:
    return _MONTH_NUMBERS[name.rstrip(".").lower()]


def _iso_day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _future(text: str, start: int) -> bool:
    """Whether the sentence points ahead of the date: a future cue before it, not cut off by a relative
    clause in the past (`will offer the lander that the company unveiled in May`)."""
    cue = _FUTURE_CUE.search(text[max(0, start - 200) : start])
    return cue is not None and not _PAST_RELATIVE.search(cue.group())


def _day_months(text: str, anchor: dt.date | None) -> Iterator[Candidate]:
    """Month-day dates without a year, in text order. A list of upcoming dates (`June 10 Houston,
    June 12 Dallas, …`) goes on from the one before it: each is the next such day after it."""
    matches = sorted((m for pattern in (_DAY_MD, _DAY_DM) for m in pattern.finditer(text)), key=lambda m: m.start())
    previous: tuple[int, dt.date] | None = None
    seen: dict[tuple[int, int], dt.date] = {}  # a day named again is the same day (`June 9th` … `June 9 –`)
    for m in matches:
        after = None
        if (
            previous is not None
            and anchor is not None
            and previous[1] >= anchor
            and m.start() - previous[0] <= _SCHEDULE_GAP
            and not _SENTENCE_END.search(text, previous[0], m.start())
        ):
            after = previous[1]
        key = (_month(m["month"]), int(m["day"]))
        if key in seen:
            value: str | None = seen[key].isoformat()
            yield m.start(), m.end(), value, "day"
        else:
            candidate = _day_month(text, m, anchor, after)
            if candidate is None:
                continue
            yield candidate
            value = candidate[2]
        if value is not None:
            previous = (m.end(), dt.date.fromisoformat(value))
            seen.setdefault(key, previous[1])


# The longest stretch of text between two dates of one schedule, which no sentence end interrupts.
_SCHEDULE_GAP = 200
_SENTENCE_END = re.compile(r"(?<![A-Z])(?<![A-Z][a-z])[.!?](?:\s|$)")  # not after `St.`, `Mt.`, `U.S.`


def _day_month(text: str, m: re.Match[str], anchor: dt.date | None, after: dt.date | None) -> Candidate | None:
    month, day = _month(m["month"]), int(m["day"])
    if not 1 <= day <= 31:
        return None
    if anchor is None:
        return m.start(), m.end(), None, "day"
    past, future = _occurrence(anchor, month, day, -1), _occurrence(anchor, month, day, 1)
    if past is None or future is None:
        return None  # 30 February
    if after is not None:
        following = _occurrence(after, month, day, 1)
        if following is not None and (following - after).days <= 183:
            return m.start(), m.end(), following.isoformat(), "day"
    # The most recent past occurrence, unless the sentence points ahead, or the past one is most of a
    # year back while the next is days away (nobody writes "14 December" on 5 December for last year's).
    ahead = _future(text, m.start()) or ((anchor - past).days > 300 and (future - anchor).days <= 31)
    return m.start(), m.end(), (future if ahead else past).isoformat(), "day"


def _occurrence(anchor: dt.date, month: int, day: int, direction: int) -> dt.date | None:
    """The nearest date with this month and day on or before (-1) / on or after (+1) the anchor."""
    for step in range(5):  # 29 February recurs within four years
        value = _iso_day(anchor.year + direction * step, month, day)
        if value is None:
            continue
        date = dt.date.fromisoformat(value)
        if (date <= anchor) if direction < 0 else (date >= anchor):
            return date
    return None


def _month_only(text: str, m: re.Match[str], anchor: dt.date | None) -> Iterator[Candidate]:
    rel = (m["rel"] or "").lower()
    start = m.start() if rel in {"last", "next", "this"} or m["mid"] else m.start("month")
    if m["month"] == "May" and rel in {"by", "of", "from", "before", "after", "this"}:
        return  # "by May", "of May", "from May": too often the name (Theresa May) or the verb
    if anchor is None:
        yield start, m.end(), None, "month"
        return
    month = _month(m["month"])
    if rel == "this":
        year = anchor.year
    elif rel == "next" or (rel not in {"last", "since"} and _future(text, m.start())):
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel == "last":
        year = anchor.year if month < anchor.month else anchor.year - 1
    else:
        year = anchor.year if month <= anchor.month else anchor.year - 1
    yield start, m.end(), f"{year:04d}-{month:02d}", "month"


def _years(text: str) -> Iterator[Candidate]:
    for m in _YEAR_ONLY.finditer(text):
        after = text[m.end() : m.end() + 20]
        before = text[max(0, m.start() - 12) : m.start()]
        if re.match(rf"\s+(?:{_QUANTITY_NOUNS})\b", after, re.IGNORECASE):
            continue
        if re.search(r"(?:\b(?:No|no|nos?|page|pages|p|pp|para|paras|Rs|US\$|Dh|Nos)\.?|#|\d)\s*$", before):
            continue
        if re.match(r"s\b|'s\b", after):
            continue  # "1990s" is a decade, not a year
        yield m.start(), m.end(), m["year"], "year"
    for m in _YEAR_RANGE_END.finditer(text):
        # The second year of "2004-2007" (the first is found above).
        yield from ((s + m.end(), e + m.end(), v, p) for s, e, v, p in _years(text[m.end() : m.end() + 4]))


def _shift_month(date: dt.date, months: int) -> tuple[int, int]:
    index = date.year * 12 + date.month - 1 + months
    return index // 12, index % 12 + 1


_PROGRAMME_AFTER = re.compile(r"\s+(?:programme|program|show|newspaper|paper)\b", re.IGNORECASE)


def _relative(text: str, anchor: dt.date | None) -> Iterator[Candidate]:
    for m in _ONE_DAY.finditer(text):
        if _PROGRAMME_AFTER.match(text, m.end()) and m["word"][:1].isupper():
            continue  # "Radio 4's Today programme", "the Today show": a title, not a day
        word = m["word"].lower()
        offset = -1 if word in {"yesterday"} or word.startswith("last") else 1 if word == "tomorrow" else 0
        yield m.start(), m.end(), (anchor + dt.timedelta(days=offset)).isoformat() if anchor else None, "day"
    for m in _PERIOD.finditer(text):
        rel, unit = " ".join(m["rel"].lower().split()), m["unit"].lower()
        step = -1 if rel in {"last", "past", "the previous"} else 1 if rel in {"next", "the following"} else 0
        if rel in {"the previous", "the following"}:
            continue  # relative to a narrated date, not to the article's
        if anchor is None:
            yield m.start(), m.end(), None, {"week": None, "month": "month", "year": "year"}[unit]
        elif unit == "year":
            yield m.start(), m.end(), f"{anchor.year + step:04d}", "year"
        elif unit == "month":
            year, month = _shift_month(anchor, step)
            yield m.start(), m.end(), f"{year:04d}-{month:02d}", "month"
        else:
            yield m.start(), m.end(), None, None  # a week is no day, month or year
    for m in _AGO.finditer(text):
        n_word, unit = m["n"].lower(), m["unit"].lower()
        n = int(n_word) if n_word.isdigit() else _NUMBER_WORDS[" ".join(n_word.split())]
        if anchor is None:
            yield m.start(), m.end(), None, {"day": "day", "week": None, "month": "month", "year": "year"}[unit]
        elif unit == "day":
            yield m.start(), m.end(), (anchor - dt.timedelta(days=n)).isoformat(), "day"
        elif unit == "week":
            yield m.start(), m.end(), None, None
        elif unit == "month":
            year, month = _shift_month(anchor, -n)
            yield m.start(), m.end(), f"{year:04d}-{month:02d}", "month"
        else:
            yield m.start(), m.end(), f"{anchor.year - n:04d}", "year"
    for m in _WEEKDAY_REF.finditer(text):
        rel = (m["rel"] or "").lower()
        start = m.start() if rel in {"last", "next", "this"} else m.start("weekday")
        if anchor is None:
            yield start, m.end(), None, "day"
            continue
        weekday = _WEEKDAYS.index(m["weekday"].lower())
        back = (anchor.weekday() - weekday) % 7
        if rel == "next" or (rel != "last" and _future(text, m.start())):
            date = anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
        elif rel == "last":
            date = anchor - dt.timedelta(days=back or 7)
        else:
            date = anchor - dt.timedelta(days=back)
        yield start, m.end(), date.isoformat(), "day"
