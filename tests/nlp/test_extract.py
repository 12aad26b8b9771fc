"""Boilerplate removal and metadata: small documents written for the test, plus the shared corpora."""

from __future__ import annotations

import collections
import datetime as dt
import gzip
import json
import re
import time
from pathlib import Path

import pytest

from articles.nlp.extract import clean_document
from articles.nlp.extract_boilerplate import boilerplate_mask
from articles.nlp.extract_html import visible_text
from articles.nlp.extract_text import reflow
from articles.nlp.types import SourceDocument

STORY = [
    "The minister said on Tuesday that the talks had broken down after the embassy refused to comment.",
    "Officials in the capital confirmed that a second round of negotiations would begin next month.",
    "The agreement, first reported last year, has been criticised by opposition parties.",
]


def _text(raw: str, kind: str = "text") -> str:
    return clean_document(SourceDocument(id="t", raw=raw, kind=kind)).text


def _tokens(text: str) -> collections.Counter[str]:
    return collections.Counter(re.findall(r"\w+", text.lower()))


def _f1(predicted: str, gold: str) -> float:
    p, g = _tokens(predicted), _tokens(gold)
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)


# --- plain text ---------------------------------------------------------------------------------------------


def test_clean_document_drops_paywall_block_after_story() -> None:
    raw = "\n".join(
        [
            *STORY,
            "You have reached your limit of 5 free articles this month.",
            "Subscribe now for unlimited access.",
            "Already a subscriber? Log in",
            "Premium Plan",
            "$9.99",
            "12 Months",
            "Exclusive stories from our newsroom",
            "Renews automatically, cancel anytime",
        ]
    )
    assert _text(raw) == "\n\n".join(STORY)


def test_clean_document_keeps_story_after_a_paywall_block_in_the_middle() -> None:
    raw = "\n".join([STORY[0], "Subscribe to continue reading", "Basic Plan", "$4/month", STORY[1], STORY[2]])
    assert _text(raw) == "\n\n".join(STORY)


def test_clean_document_keeps_prose_that_mentions_subscriptions() -> None:
    sentence = (
        "The newspaper said 40,000 readers had bought a digital subscription since the cables were published, "
        "and that many wrote in to ask the editors to subscribe them to a newsletter about the leaks."
    )
    assert _text(f"{STORY[0]}\n{sentence}") == f"{STORY[0]}\n\n{sentence}"


def test_clean_document_drops_share_and_read_more_lines_anywhere() -> None:
    raw = "\n".join([STORY[0], "Share on Facebook", "Read more: Another story about something", STORY[1]])
    assert _text(raw) == f"{STORY[0]}\n\n{STORY[1]}"


def test_clean_document_drops_author_promotion_and_headlines_of_other_stories_at_the_end() -> None:
    raw = "\n".join(
        [
            *STORY,
            "Mission Could Spot Signs of Life on Distant Moons",
            "Photos: The Icy Moons of the Outer Planets",
            "Jane Roe's book about the search for life is out now. Follow her on Twitter @janeroe.",
        ]
    )
    assert _text(raw) == "\n\n".join(STORY)


def test_clean_document_keeps_a_list_that_ends_the_story() -> None:
    tour = ["The Band Tour Dates", "June 9 – Tampa, FL @ Sun Arena", "June 12 – Dallas, TX @ Star Hall"]
    raw = "\n".join([*STORY, *tour])
    assert _text(raw) == "\n\n".join([*STORY, *tour])


def test_clean_document_reflows_hard_wrapped_lines() -> None:
    raw = (
        "Pakistan's army chief told the American general that his force would\n"
        "respond to an Indian attack, according to a cable released by\n"
        "WikiLeaks.\n"
        "The cable was sent from Islamabad in January 2009 and classified as\n"
        "secret by the embassy."
    )
    assert _text(raw) == (
        "Pakistan's army chief told the American general that his force would respond to an Indian attack, "
        "according to a cable released by WikiLeaks.\n\n"
        "The cable was sent from Islamabad in January 2009 and classified as secret by the embassy."
    )


def test_reflow_keeps_list_items_and_headings_as_paragraphs() -> None:
    lines = [
        "The cables describe three cases:",
        "- the seizure of a citizen in 2003",
        "- the arrest warrants for 13 agents",
        "South America",
        "President Lula says he is to register his protest at the",
        "arrest on his blog.",
    ]
    assert reflow(lines, markdown=False) == [
        "The cables describe three cases:",
        "the seizure of a citizen in 2003",
        "the arrest warrants for 13 agents",
        "South America",
        "President Lula says he is to register his protest at the arrest on his blog.",
    ]


def test_reflow_joins_blank_line_paragraphs_of_a_fixed_width_text() -> None:
    wrapped = ["A" * 60 + " ends here.", "b" * 70, "c" * 20 + "."]
    text = "\n".join(wrapped) + "\n\n" + "\n".join(wrapped) + "\n\n" + "\n".join(wrapped)
    assert len(reflow(text.split("\n"), markdown=False)) == 3


def test_clean_document_reads_header_lines_into_metadata_and_keeps_what_the_article_prints() -> None:
    raw = "\n".join(
        [
            "# Cables Reveal a Secret Plan",
            "",
            "> Source: https://example.org/cables/plan.htm",
            "",
            "by Jane Reporter",
            "Staff Writer",
            "February 28, 2011",
            "from",
            "Example News",
            "Website",
            *STORY,
        ]
    )
    clean = clean_document(SourceDocument(id="t", raw=raw, kind="markdown"))
    assert clean.title == "Cables Reveal a Secret Plan"
    assert clean.byline == "Jane Reporter"
    assert clean.published == dt.date(2011, 2, 28)
    assert clean.publication == "Example News"
    assert clean.url == "https://example.org/cables/plan.htm"
    # the byline and dateline are the article's own words; the export's source field is not
    header = ["by Jane Reporter", "Staff Writer", "February 28, 2011", "from", "Example News", "Website"]
    assert clean.text == "\n\n".join(header + STORY)


def test_clean_document_reads_byline_date_and_publication_on_one_line() -> None:
    raw = "Short Headline Here\n\nby Jane Reporter November 29, 2010 from Example Website\n" + "\n".join(STORY)
    clean = clean_document(SourceDocument(id="t", raw=raw, kind="text"))
    assert (clean.title, clean.byline, clean.publication) == ("Short Headline Here", "Jane Reporter", "Example")
    assert clean.published == dt.date(2010, 11, 29)
    assert clean.text.startswith("by Jane Reporter November 29, 2010 from Example Website\n\n" + STORY[0])


def test_clean_document_keeps_a_long_first_line_as_body() -> None:
    clean = clean_document(SourceDocument(id="t", raw="\n".join(STORY), kind="text"))
    assert clean.title == ""
    assert clean.text.startswith(STORY[0])


def test_clean_document_keeps_a_one_line_document() -> None:
    assert _text("Cable leak") == "Cable leak"


def test_clean_document_returns_empty_text_for_empty_or_whitespace_input() -> None:
    for raw in ("", "   \n\t\n  ", "\r\n\r\n"):
        for kind in ("text", "markdown", "html"):
            assert clean_document(SourceDocument(id="t", raw=raw, kind=kind)).text == ""


def test_clean_document_handles_a_huge_single_line_quickly() -> None:
    raw = "word " * 200_000 + "[link](http://example.org/x) *emph* " * 2_000
    for kind in ("text", "markdown"):
        started = time.perf_counter()
        text = _text(raw, kind)
        assert time.perf_counter() - started < 5
        assert len(text) > 1_000_000
        assert "\n" not in text


def test_clean_document_survives_markdown_built_to_backtrack() -> None:
    started = time.perf_counter()
    _text("[a](" * 20_000 + "*a " * 20_000 + "![x](" * 20_000, "markdown")
    assert time.perf_counter() - started < 5


# --- Markdown -----------------------------------------------------------------------------------------------


def test_clean_document_reads_front_matter_and_reduces_markdown() -> None:
    raw = (
        "---\n"
        "title: >\n"
        "  WikiLeaks: a long\n"
        "  folded title\n"
        'subtitle: "A standfirst that is not body"\n'
        'date: "2010-12-02 20:10:29 +0000"\n'
        "author_name: Jane Reporter\n"
        "tags:\n"
        " - imported\n"
        "---\n"
        "\n"
        "Whether you regard him as a [feckless self-aggrandiser](http://example.org/a) or a **champion**,\n"
        "few can _dispute_ it. ![a photo](http://example.org/p.jpg)\n"
        "\n"
        "## A subheading\n"
        "\n"
        "See the [cable][1] and <http://example.org/c>.\n"
        "\n"
        "[1]: /cable/2009/02/09ISLAMABAD365.html\n"
    )
    clean = clean_document(SourceDocument(id="t", raw=raw, kind="markdown"))
    assert clean.title == "WikiLeaks: a long folded title"
    assert clean.published == dt.date(2010, 12, 2)
    assert clean.byline == "Jane Reporter"
    assert clean.text == (
        "Whether you regard him as a feckless self-aggrandiser or a champion, few can dispute it.\n\n"
        "A subheading\n\n"
        "See the cable and http://example.org/c."
    )
    anchors = {clean.text[link.start : link.end]: link.href for link in clean.links}
    assert anchors == {
        "feckless self-aggrandiser": "http://example.org/a",
        "cable": "/cable/2009/02/09ISLAMABAD365.html",
        "http://example.org/c": "http://example.org/c",
    }


def test_clean_document_keeps_ordered_item_numbers_and_censored_words() -> None:
    raw = "# Title\n\nNotes\n\n1. BBC News, Where the leaked cables came from.\n2. A second note about f**k ups.\n"
    assert _text(raw, "markdown") == (
        "Notes\n\n1. BBC News, Where the leaked cables came from.\n\n2. A second note about f**k ups."
    )


# --- HTML ---------------------------------------------------------------------------------------------------


def _page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body><article>{body}</article></body></html>"


def test_clean_document_html_returns_plain_text_without_scripts_or_handlers() -> None:
    body = (
        "<h1>Headline</h1>"
        f"<p>{STORY[0]} <img src=x onerror=\"alert('pwned')\"></p>"
        "<script>document.write('injected script text')</script>"
        f"<p onclick=\"alert('click')\">{STORY[1]}</p>"
        '<iframe src="http://evil.example/">iframe fallback text</iframe>'
        f"<style>p {{ color: red }}</style><p>{STORY[2]}</p>"
    )
    text = _text(_page(body), "html")
    for paragraph in STORY:
        assert paragraph in text
    for junk in ("alert", "pwned", "injected", "iframe fallback", "color", "<", ">"):
        assert junk not in text


def test_clean_document_html_maps_links_to_offsets_in_the_clean_text() -> None:
    body = (
        f"<p>{STORY[0]}</p>"
        '<p>According to <a href="/cable/2009/02/09ISLAMABAD365.html">a <b>cable</b> from Islamabad</a>, '
        'the general <a href="https://example.org/said">said</a> he would respond to an Indian attack.</p>'
        f"<p>{STORY[1]}</p>"
    )
    clean = clean_document(SourceDocument(id="t", raw=_page(body), kind="html"))
    anchors = [(clean.text[link.start : link.end], link.href) for link in clean.links]
    assert ("a cable from Islamabad", "/cable/2009/02/09ISLAMABAD365.html") in anchors
    assert ("said", "https://example.org/said") in anchors
    assert "\n\n" in clean.text and "[" not in clean.text


def test_clean_document_html_reads_page_metadata() -> None:
    head = (
        "<title>Cable shows restraint | Example Times</title>"
        '<meta property="og:title" content="Cable shows restraint">'
        '<meta property="og:site_name" content="Example Times">'
        '<meta name="author" content="Jane Reporter">'
        '<meta property="article:published_time" content="2010-12-01T10:00:00Z">'
        '<link rel="canonical" href="https://example.org/2010/12/01/cable-shows-restraint">'
    )
    clean = clean_document(SourceDocument(id="t", raw=_page("".join(f"<p>{p}</p>" for p in STORY), head), kind="html"))
    assert clean.title == "Cable shows restraint"
    assert clean.publication == "Example Times"
    assert clean.byline == "Jane Reporter"
    assert clean.published == dt.date(2010, 12, 1)
    assert clean.url == "https://example.org/2010/12/01/cable-shows-restraint"
    assert clean.text == "\n\n".join(STORY)


def test_clean_document_html_leaves_out_other_stories_sign_up_boxes_and_hover_cards() -> None:
    teasers = "".join(
        f'<li><h3><a href="/news/{n}">Striker {n} signs a new deal with the club</a></h3>'
        f"<h4>The forward had been linked with a move abroad all summer long</h4></li>"
        for n in range(5)
    )
    story = [
        *STORY,
        "A spokesman for the ministry declined to say when the delegation would return to the capital.",
        "Diplomats from both sides have met four times since the spring without reaching a settlement.",
        "Analysts expect the question of border crossings to dominate the next round of discussions.",
    ]
    body = (
        f"<p>{story[0]}</p>"
        '<div class="person-rollover-card"><p>Jane Reporter has covered diplomacy since 2001.</p></div>'
        + "".join(f"<p>{paragraph}</p>" for paragraph in story[1:])
        + '<section class="Newsletter-container"><h3>Morning Briefing Newsletter</h3>'
        "<p>Get the day's big stories and the fun stuff you love delivered to your inbox every morning.</p></section>"
        f'<div class="latest-news-box"><h2>Our Latest Stories</h2><ul>{teasers}</ul></div>'
    )
    text = _text(_page(body), "html")
    assert text == "\n\n".join(story)


def test_clean_document_html_keeps_an_article_whose_container_has_a_furniture_word() -> None:
    body = "".join(f"<p>{p}</p>" for p in STORY)
    raw = f'<html><body><div class="related-wrap"><div class="story">{body}</div></div></body></html>'
    assert _text(raw, "html") == "\n\n".join(STORY)


def test_clean_document_html_keeps_an_article_in_a_promo_wrapper_on_a_page_full_of_other_text() -> None:
    story = [f"{sentence} It was the {n}th such meeting this year." for n, sentence in enumerate(STORY * 2, 4)]
    links = "".join(
        f"<li><a href='/s/{n}'>Another headline number {n} about something else</a></li>" for n in range(60)
    )
    raw = (
        f"<html><body><nav><ul>{links}</ul></nav>"
        f'<div class="promo-wrapper"><div class="story">{"".join(f"<p>{p}</p>" for p in story)}</div></div>'
        f"<footer><ul>{links}</ul></footer></body></html>"
    )
    assert _text(raw, "html") == "\n\n".join(story)


def test_visible_text_drops_scripts_and_navigation() -> None:
    raw = (
        "<html><body><nav><a href='/'>Home</a><a href='/world'>World</a></nav>"
        "<div class='share-bar'>Share</div><script>var x = 1;</script>"
        "<div>Short <a href='/cable/1'>note</a>.</div><footer>Copyright notice</footer></body></html>"
    )
    assert visible_text(raw) == [[("Short ", None), ("note", "/cable/1"), (".", None)]]


def test_clean_document_html_keeps_a_page_without_an_article() -> None:
    assert "Short note." in _text("<html><body><div>Short note.</div></body></html>", "html")


def test_clean_document_html_survives_malformed_and_deeply_nested_markup() -> None:
    broken = "<html><body><p>Unclosed <b>bold <i>italic <p>next &amp; more &#x41; <<<>>> </div></span>"
    assert "Unclosed bold italic" in _text(broken, "html")
    nested = "<html><body>" + "<div>" * 5000 + "<p>Deep text here.</p>" + "</div>" * 5000 + "</body></html>"
    assert _text(nested, "html") == "Deep text here."


def test_boilerplate_mask_keeps_prose_paragraphs() -> None:
    assert boilerplate_mask([*STORY, "Advertisement", "Follow us on Twitter"]) == [False] * 3 + [True] * 2


# --- shared corpora -----------------------------------------------------------------------------------------


@pytest.mark.corpus
def test_seed_body_matches_its_gold_text(shared_dir: Path) -> None:
    seed = json.loads((shared_dir / "evaldata/gold/seed-kayani.json").read_text())
    assert _f1(_text(seed["raw"]), seed["text"]) >= 0.99


@pytest.mark.corpus
def test_benchmark_token_f1_is_at_least_trafilaturas(shared_dir: Path) -> None:
    import trafilatura

    folder = shared_dir / "corpus/article-extraction-benchmark"
    truth = json.loads((folder / "ground-truth.json").read_text())
    ours = theirs = 0.0
    sample = sorted(truth)[::4]  # a quarter of the pages keeps the test under a few seconds
    for key in sample:
        page = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        gold = truth[key]["articleBody"]
        ours += _f1(_text(page, "html"), gold)
        theirs += _f1(trafilatura.extract(page) or "", gold)
    assert ours / len(sample) >= theirs / len(sample)


@pytest.mark.corpus
def test_goose_pages_start_with_the_expected_body(shared_dir: Path) -> None:
    recalls = []
    for path in sorted((shared_dir / "corpus/goose3-news-pages-2010-2011").glob("*.json")):
        prefix = json.loads(path.read_text())["expected"]["cleaned_text"]
        text = _text(path.with_suffix(".html").read_text("utf-8", "replace"), "html")
        gold = _tokens(prefix)
        recalls.append(sum((_tokens(text) & gold).values()) / max(1, sum(gold.values())))
    assert sum(recalls) / len(recalls) >= 0.95


@pytest.mark.corpus
def test_reposted_articles_lose_nothing_but_their_header(shared_dir: Path) -> None:
    for path in sorted((shared_dir / "corpus/cable-news-reposts-2010-2011").glob("*.md"))[:6]:
        if path.name == "SOURCE.md":
            continue
        raw = path.read_text()
        clean = clean_document(SourceDocument(id=path.stem, raw=raw, kind="markdown"))
        assert clean.title and clean.published and clean.publication
        body = raw.split("\n", 12)[-1]  # past the header
        missing = _tokens(body) - _tokens(clean.text)
        assert sum(missing.values()) <= 12, (path.name, missing)


def test_clean_document_keeps_a_click_here_line_that_links_to_a_cable() -> None:
    body = (
        "".join(f"<p>{p}</p>" for p in STORY)
        + '<p><a href="/cable/2005/10/05BRASILIA2767.html">Click here</a> to read the cable.</p>'
    )
    clean = clean_document(SourceDocument(id="t", raw=_page(body), kind="html"))
    assert [clean.text[link.start : link.end] for link in clean.links] == ["Click here"]


def test_clean_document_drops_a_menu_of_links() -> None:
    menu = "".join(f'<li><a href="/tag/{tag}.html">{tag}</a></li>' for tag in ("PREL", "PGOV", "PHUM", "MARR", "ECON"))
    body = f"<ul>{menu}</ul>" + "".join(f"<p>{p}</p>" for p in STORY)
    assert _text(_page(body), "html") == "\n\n".join(STORY)


def test_clean_document_keeps_a_first_sentence_that_starts_with_by() -> None:
    raw = "By the time the cables were published in November, the embassy\nhad already warned the ministry."
    clean = clean_document(SourceDocument(id="t", raw=raw, kind="text"))
    assert clean.byline == ""
    assert clean.text == raw.replace("\n", " ")


@pytest.mark.model
def test_a_paragraph_opening_with_a_name_keeps_it_as_the_subject_of_its_sentence() -> None:
    # The paragraph before has no full stop: the parser must not make the name its object.
    from articles.nlp import SourceDocument, annotate_documents

    raw = (
        "Headline here\n\n"
        "The editor said he saw \u201cno reason to reply\u201d, but refused to comment further\n\n"
        "Ruth Okafor, the director of the campaign, was asked to explain the comments. "
        "She said that she saw the week as \u201canti-western, due to some of the events\u201d."
    )
    (annotation,) = annotate_documents([SourceDocument(id="p", raw=raw)])
    assert [q.speaker for q in annotation.quotes][-1] == "Ruth Okafor"


def test_typed_double_quotes_and_numeric_references_become_characters() -> None:
    raw = "Headline\n\nHe was an abrasive, impulsive ''control freak''. Rooney se volvi&#243; loco, it's said.\n"
    text = clean_document(SourceDocument(id="q", raw=raw, kind="text")).text
    assert 'impulsive "control freak".' in text
    assert "volvió loco, it's said." in text


@pytest.mark.model
def test_a_dateline_is_a_date_of_the_article_and_its_byline_names_a_person() -> None:
    from articles.nlp import SourceDocument, annotate_documents

    raw = (
        "Zemblan Ferry Rescued Off the Coast\n"
        "by Tomas Quillby\n"
        "Monday, May 18, 2015\n"
        "On Friday, fishermen rescued forty people whose ferry sank off the coast of Zembla.\n"
    )
    (annotation,) = annotate_documents([SourceDocument(id="p", raw=raw, kind="text")])
    assert annotation.published == dt.date(2015, 5, 18)
    assert annotation.byline == "Tomas Quillby"
    assert {d.value for d in annotation.dates} == {"2015-05-18", "2015-05-15"}
    assert ("PERSON", "Tomas Quillby") in {(e.label, e.canonical) for e in annotation.entities}


def test_an_embedded_post_stays_in_the_story_with_its_author_and_date() -> None:
    raw = (
        "<html><head><title>Zemblan campaign</title></head><body><article><h1>Zemblan campaign</h1>"
        "<p>The governor launched a campaign on Monday, and people online had opinions about it right away.</p>"
        '<div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en" dir="ltr">What a slogan, '
        'honestly. <a href="https://t.co/x">pic.twitter.com/x</a></p>&mdash; Jo Varr (@jovarr) '
        '<a href="https://twitter.com/jovarr/status/1">November 18, 2019</a></blockquote>'
        '<script async src="https://platform.twitter.com/widgets.js"></script></div>'
        "<p>The campaign cost the state nearly half a million dollars, officials said on Tuesday.</p>"
        "</article></body></html>"
    )
    paragraphs = clean_document(SourceDocument(id="t", raw=raw, kind="html")).text.split("\n\n")
    assert "What a slogan, honestly. — Jo Varr (@jovarr) November 18, 2019" in paragraphs
    assert paragraphs.index("What a slogan, honestly. — Jo Varr (@jovarr) November 18, 2019") == 1
