"""Publication dates as written in page metadata and article headers."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")
_MDY = re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.IGNORECASE)
_DMY = re.compile(_WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})", re.I)

_ISO_LINE = re.compile(_ISO.pattern + r"(?:[T ][\d:.]+\s*(?:[+-]\d{2}:?\d{2}|Z|UTC|GMT)?)?", re.IGNORECASE)


def is_date_line(line: str) -> bool:
    """A line that is nothing but a date ("November 29, 2010", "Monday 6 December 2010", "2010-12-02 20:42")."""
    stripped = line.strip().rstrip(".")
    return len(stripped) <= 60 and any(p.fullmatch(stripped) for p in (_MDY, _DMY, _ISO_LINE))


def parse_date(value: str) -> dt.date | None:
    """The first date written in `value` (ISO, 'Month D, YYYY' or 'D Month YYYY'), or None."""
    found = [m for m in (pattern.search(value) for pattern in (_ISO, _MDY, _DMY)) if m]
    if not found:
        return None
    match = min(found, key=lambda m: m.start())
    month = match.group("month")
    try:
        number = int(month) if month.isdigit() else MONTHS[month.lower().rstrip(".")]
        return dt.date(int(match.group("year")), number, int(match.group("day")))
    except (ValueError, KeyError):
        return None
