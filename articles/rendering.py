"""The annotated body as HTML, and the geometry of the timeline pictures. The body is a security boundary.

Every character of user text passes through `escape` (the standard library's, which
Django's wraps: it escapes & < > " and '); markup comes only from the fixed tags built
here, so no annotation or body text can inject HTML.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import SafeString, mark_safe

# A paragraph break: the end of a line and any blank lines or indentation after it.
PARAGRAPH_BREAK = re.compile(r"[ \t]*\n\s*")


@dataclass(frozen=True)
class Layer:
    """One mark to draw over [start, end) of the body.

    `href` makes the mark a link (when it is not inside another link: links never nest);
    `link_attrs` are added only when it is drawn as a link. `label` is a short text drawn
    just after the mark's end (a quote's speaker), itself a link to `label_href` if given.
    """

    start: int
    end: int
    layer: str
    attrs: dict[str, str] = field(default_factory=dict)
    href: str = ""
    link_attrs: dict[str, str] = field(default_factory=dict)
    label: str = ""
    label_href: str = ""
    label_at: int = -1  # where the label goes, when not at `end` (after a closing quotation mark, say)

    @property
    def label_position(self) -> int:
        return self.end if self.label_at < 0 else self.label_at


def render_annotated(text: str, marks: Iterable[Layer], *, paragraphs: bool = False) -> SafeString:
    """HTML of `text` with every mark wrapped in its element; overlapping marks are split to nest properly.

    Marks that start earlier (and, at the same start, end later) are drawn outermost. With
    `paragraphs`, each line becomes a `<p>`; the line breaks stay between the paragraphs
    as text, so the page's text is exactly `text`.
    """
    n = len(text)
    # The original index breaks ties so equal spans keep the caller's order.
    valid = [(m.start, -m.end, i, m) for i, m in enumerate(marks) if 0 <= m.start < m.end <= n]
    valid.sort(key=lambda entry: entry[:3])
    breaks = [(b.start(), b.end()) for b in PARAGRAPH_BREAK.finditer(text)] if paragraphs else []
    break_starts = {s: e for s, e in breaks if e > s}
    cuts = {0, n}
    for start, neg_end, _, _ in valid:
        cuts.add(start)
        cuts.add(-neg_end)
    for s, e in breaks:
        cuts.add(s)
        cuts.add(e)

    starting: dict[int, list[tuple[int, int, int, Layer]]] = {}
    labels: dict[int, list[Layer]] = {}
    for entry in valid:
        starting.setdefault(entry[0], []).append(entry)
        mark = entry[3]
        if mark.label:
            at = mark.label_position if mark.end <= mark.label_position <= n else mark.end
            labels.setdefault(at, []).append(mark)
            cuts.add(at)
    boundaries = sorted(cuts)

    out: list[str] = []
    active: list[tuple[int, int, int, Layer]] = []  # marks covering the current segment, outermost first
    opened: list[tuple[tuple[int, int, int, Layer], bool]] = []  # elements open in `out`, and whether each is a link
    in_paragraph = False
    separator_end = -1

    def close_to(depth: int) -> None:
        while len(opened) > depth:
            (_, _, _, mark), is_link = opened.pop()
            out.append("</a>" if is_link else "</mark>")

    for position, following in zip(boundaries, boundaries[1:] + [None], strict=True):
        ended = [entry for entry in active if -entry[1] == position]
        if ended:
            active = [entry for entry in active if -entry[1] != position]
        for entry in starting.get(position, ()):
            insort(active, entry, key=lambda e: e[:3])
        if position in break_starts:
            separator_end = break_starts[position]
        in_separator = position < separator_end
        target = [] if in_separator or following is None else active

        common = 0
        while common < len(opened) and common < len(target) and opened[common][0] is target[common]:
            common += 1
        close_to(common)
        inside_link = any(is_link for _, is_link in opened)
        for mark in labels.get(position, ()):
            out.append(_label(mark, as_link=bool(mark.label_href) and not inside_link))
        if following is None:
            break
        if paragraphs:
            if in_separator and in_paragraph:
                out.append("</p>")
                in_paragraph = False
            elif not in_separator and not in_paragraph:
                out.append("<p>")
                in_paragraph = True
        for entry in target[common:]:
            as_link = bool(entry[3].href) and not inside_link
            out.append(_open_tag(entry[3], as_link=as_link))
            opened.append((entry, as_link))
            inside_link = inside_link or as_link
        out.append(escape(text[position:following]))
    close_to(0)
    if in_paragraph:
        out.append("</p>")
    return mark_safe("".join(out))  # noqa: S308 - every text segment and attribute above is escaped


def _attributes(attrs: dict[str, str]) -> str:
    return " ".join(f'{escape(k)}="{escape(v)}"' for k, v in attrs.items())


def _open_tag(mark: Layer, *, as_link: bool) -> str:
    classes = f"ann ann-{mark.layer}"
    attrs = {**mark.attrs, "class": f"{classes} {mark.attrs['class']}" if "class" in mark.attrs else classes}
    if as_link:
        return f'<a href="{escape(mark.href)}" {_attributes({**attrs, **mark.link_attrs})}>'
    return f"<mark {_attributes(attrs)}>"


def _label(mark: Layer, *, as_link: bool) -> str:
    css = f"ann-label ann-label-{escape(mark.layer)}"
    if as_link:
        attrs = _attributes({"class": css, "href": mark.label_href, **mark.link_attrs})
        return f"<a {attrs}>{escape(mark.label)}</a>"
    return f'<span class="{css}">{escape(mark.label)}</span>'


# ---------------------------------------------------------------------------
# Timeline: articles on a time axis with the dates they mention.


@dataclass(frozen=True)
class TimelineRow:
    """One article: where it was published and which dates it mentions (an article with neither is not drawn)."""

    url: str
    title: str
    published: dt.date | None
    mentioned: Sequence[tuple[dt.date, str]]  # (first day, the words in the text)


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Point:
    x: float
    label: str


@dataclass(frozen=True)
class PlacedRow:
    y: float
    url: str
    title: str
    published: Point | None
    mentioned: list[Point]
    span: tuple[float, float]


@dataclass(frozen=True)
class TimelinePicture:
    width: int
    height: int
    left: int
    right: int
    rows: list[PlacedRow]
    ticks: list[Tick]
    axis_y: float


def lay_out_timeline(
    rows: Sequence[TimelineRow], *, width: int = 880, left: int = 260, row_height: int = 26
) -> TimelinePicture | None:
    """Positions for the timeline SVG: one lane per article, years along the x axis. None when nothing is dated."""
    drawable = [r for r in rows if r.published or r.mentioned]
    if not drawable:
        return None
    days = [d for r in drawable for d in ([r.published] if r.published else []) + [m for m, _ in r.mentioned]]
    first_year, last_year = min(days).year, max(days).year + 1
    lo, hi = dt.date(first_year, 1, 1), dt.date(last_year, 1, 1)
    right = width - 16
    scale = (right - left) / max((hi - lo).days, 1)

    def x_of(day: dt.date) -> float:
        return round(left + (day - lo).days * scale, 1)

    top = 28
    placed: list[PlacedRow] = []
    for index, row in enumerate(drawable):
        y = top + index * row_height + row_height / 2
        mentioned = [Point(x_of(day), f"{words} ({day.isoformat()})") for day, words in row.mentioned]
        published = Point(x_of(row.published), f"published {row.published.isoformat()}") if row.published else None
        xs = [p.x for p in mentioned] + ([published.x] if published else [])
        placed.append(PlacedRow(y, row.url, row.title, published, mentioned, (min(xs), max(xs))))
    step = max(1, (last_year - first_year + 9) // 10)
    ticks = [Tick(x_of(dt.date(year, 1, 1)), str(year)) for year in range(first_year, last_year + 1, step)]
    height = top + len(drawable) * row_height + 8
    return TimelinePicture(width, height, left, right, placed, ticks, axis_y=top - 10)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    count: int
    show_label: bool
    label_x: float
    anchor: str


def lay_out_bars(counts: Sequence[tuple[str, int]], *, width: int = 560, height: int = 120) -> list[Bar]:
    """Bars for a small histogram of (label, count), scaled to the largest count; empty buckets get a stub.

    With many buckets only the first, the last and each January are labelled.
    """
    if not counts:
        return []
    biggest = max(c for _, c in counts) or 1
    slot = width / len(counts)
    bar_width = max(2.0, min(48.0, slot * 0.7))
    many = len(counts) > 12
    bars = []
    for i, (label, count) in enumerate(counts):
        h = round((height - 22) * count / biggest, 1) if count else 1.0
        x = round(i * slot + (slot - bar_width) / 2, 1)
        first, last = i == 0, i == len(counts) - 1
        anchor = "start" if many and first else "end" if many and last else "middle"
        label_x = x if anchor == "start" else x + bar_width if anchor == "end" else round(x + bar_width / 2, 1)
        show = not many or first or last or (label.startswith("Jan") and i > 1 and i < len(counts) - 2)
        bars.append(Bar(x, round(height - 22 - h, 1), bar_width, h, label, count, show, label_x, anchor))
    return bars
