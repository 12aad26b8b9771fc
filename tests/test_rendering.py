"""render_annotated: escaped text, properly nested marks, links that never nest; the timeline geometry."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

from django.utils.html import escape
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.rendering import Layer, TimelineRow, lay_out_bars, lay_out_timeline, render_annotated

VOID = {"br", "img", "input", "meta", "link", "hr"}


class Tree(HTMLParser):
    """Parses rendered HTML strictly: every end tag closes the innermost open element; records each mark's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.mark_text: dict[str, list[str]] = {}
        self.labels: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in VOID:
            self.errors.append(f"unexpected <{tag}>")
            return
        if tag == "a" and any(t == "a" for t, _ in self.stack):
            self.errors.append("a link inside a link")
        if tag == "p" and any(t == "p" for t, _ in self.stack):
            self.errors.append("a paragraph inside a paragraph")
        self.stack.append((tag, attributes))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> does not close {self.stack[-1][0] if self.stack else 'anything'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        if any("ann-label" in (attrs.get("class") or "") for _, attrs in self.stack):
            self.labels.append(data)
            return
        self.text.append(data)
        for _, attrs in self.stack:
            if mark_id := attrs.get("data-i"):
                self.mark_text.setdefault(mark_id, []).append(data)


def parse(html: str) -> Tree:
    tree = Tree()
    tree.feed(html)
    tree.close()
    assert not tree.errors, tree.errors
    assert not tree.stack, f"unclosed: {tree.stack}"
    return tree


def test_marks_wrap_their_text():
    html = render_annotated("Jane Roe spoke.", [Layer(0, 8, "person", {"data-entity": "3"})])
    assert html == '<mark data-entity="3" class="ann ann-person">Jane Roe</mark> spoke.'


def test_a_person_inside_a_quote_nests_inside_it():
    text = 'She said "Kayani agreed" then.'
    html = render_annotated(text, [Layer(9, 24, "quote"), Layer(10, 16, "person", href="/e/1")])
    assert html == (
        'She said <mark class="ann ann-quote">&quot;<a href="/e/1" class="ann ann-person">Kayani</a>'
        " agreed&quot;</mark> then."
    )


def test_partly_overlapping_marks_are_split_so_they_nest():
    html = render_annotated("abcdef", [Layer(0, 4, "x", {"data-i": "1"}), Layer(2, 6, "y", {"data-i": "2"})])
    tree = parse(html)
    assert "".join(tree.mark_text["1"]) == "abcd"
    assert "".join(tree.mark_text["2"]) == "cdef"


def test_links_never_nest_the_outer_link_wins():
    text = "a US embassy cable from Islamabad"
    html = render_annotated(text, [Layer(0, len(text), "cable", href="/c/1"), Layer(24, 33, "place", href="/e/9")])
    parse(html)
    assert html.count("<a ") == 1
    assert '<mark class="ann ann-place">Islamabad</mark>' in html


def test_markup_in_text_and_attributes_is_escaped():
    text = "<script>alert(1)</script> and <img src=x onerror=alert(1)>"
    html = render_annotated(text, [Layer(0, 8, "person", {"title": '"><script>x</script>'}, href='javascript:"')])
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'title="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in html


def test_label_follows_the_mark_and_is_escaped():
    text = '"We wait," he said.'
    html = render_annotated(text, [Layer(1, 8, "quote", label="<b>Kayani</b>", label_href="?quote=1", label_at=10)])
    assert html.startswith(
        '&quot;<mark class="ann ann-quote">We wait</mark>,&quot;<a class="ann-label ann-label-quote"'
    )
    assert "&lt;b&gt;Kayani&lt;/b&gt;</a> he said." in html


def test_paragraphs_keep_the_line_breaks_between_them():
    html = render_annotated("One.\n\nTwo words.", [Layer(0, 9, "quote")], paragraphs=True)
    assert html == (
        '<p><mark class="ann ann-quote">One.</mark></p>\n\n<p><mark class="ann ann-quote">Two</mark> words.</p>'
    )


def test_marks_outside_the_text_are_ignored():
    assert render_annotated("abc", [Layer(2, 9, "x"), Layer(3, 3, "y"), Layer(-1, 2, "z")]) == "abc"


def test_empty_text_renders_nothing():
    assert render_annotated("", [], paragraphs=True) == ""


alphabet = st.sampled_from(list("ab <>&\"'“”‘’=/\n\t") + ["<script>", "</p>", "&amp;", "\u00e9", "\U0001f600"])
texts = st.lists(alphabet, max_size=60).map("".join)


@st.composite
def text_and_marks(draw):
    text = draw(texts)
    n = len(text)
    spans = draw(st.lists(st.tuples(st.integers(0, max(n, 1)), st.integers(0, max(n, 1))), max_size=12))
    layers = st.sampled_from(["person", "org", "place", "date", "quote", "cable"])
    marks = []
    for i, (a, b) in enumerate(spans):
        start, end = min(a, b), max(a, b)
        if start == end or end > n:
            continue
        href = draw(st.sampled_from(["", "/e/1", '/x?"<>']))
        label = draw(st.sampled_from(["", "", "Kayani", '<b>"x"</b>']))
        label_at = draw(st.integers(end, n)) if label else -1
        marks.append(
            Layer(
                start, end, draw(layers), {"data-i": str(i)}, href=href, label=label, label_href=href, label_at=label_at
            )
        )
    return text, marks


@settings(max_examples=300, deadline=None)
@given(text_and_marks(), st.booleans())
def test_rendering_keeps_the_text_and_nests_every_mark(case, paragraphs):
    text, marks = case
    html = render_annotated(text, marks, paragraphs=paragraphs)
    # Stripped of its tags (and of the speaker labels), the HTML is exactly the escaped text:
    # nothing added, nothing unescaped.
    without_labels = re.sub(r'<(a|span) class="ann-label[^>]*>[^<]*</\1>', "", html)
    assert re.sub(r"<[^>]*>", "", without_labels) == escape(text)
    tree = parse(html)
    assert "".join(tree.text) == text
    assert len(tree.labels) == sum(1 for m in marks if m.label)
    # Every mark, however split, covers exactly its own characters (paragraph breaks aside).
    for mark in marks:
        expected = text[mark.start : mark.end]
        got = "".join(tree.mark_text.get(mark.attrs["data-i"], []))
        if paragraphs:
            assert re.sub(r"\s", "", got) == re.sub(r"\s", "", expected)
        else:
            assert got == expected


def test_timeline_places_points_in_time_order():
    rows = [
        TimelineRow("/a/1/", "One", dt.date(2010, 12, 1), [(dt.date(2009, 1, 24), "January 24, 2009")]),
        TimelineRow("/a/2/", "Two", None, []),
    ]
    picture = lay_out_timeline(rows)
    assert picture is not None
    assert len(picture.rows) == 1
    row = picture.rows[0]
    assert row.published is not None
    assert picture.left <= row.mentioned[0].x < row.published.x <= picture.right
    assert [t.label for t in picture.ticks] == ["2009", "2010", "2011"]


def test_timeline_of_undated_articles_is_none():
    assert lay_out_timeline([TimelineRow("/a/", "x", None, [])]) is None


def test_bars_scale_to_the_largest_count():
    bars = lay_out_bars([("2009", 2), ("2010", 4), ("2011", 0)])
    assert bars[1].height == 98
    assert bars[0].height == 49
    assert bars[2].height == 1  # a stub marks the empty year
    assert all(b.show_label for b in bars)
