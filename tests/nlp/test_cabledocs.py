"""Cable documents: WikiLeaks cable pages and plain-text cables parsed into their fields."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest

from articles.nlp.cabledocs import ParsedCable, decode_cable_bytes, is_cable_document, parse_cable

PAGE_BREAK = re.compile(r"^\s*[A-Z][A-Z .]*\s+\d{5,8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\s*$", re.MULTILINE)
INLINE_PAGE_BREAK = re.compile(r"\d{8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}")

WIKILEAKS_PAGE = """<html><body><div class='pane big'>
<h3>Viewing cable 09TESTPOST12, A TEST SUBJECT</h3>
<table class='cable'>
<tr><th>Reference ID</th><th>Created</th><th>Released</th><th>Classification</th><th>Origin</th></tr>
<tr>
<td><a href='/cable/2009/02/09TESTPOST12.html'>09TESTPOST12</a></td>
<td><a href='/date/2009-02_0.html'>2009-02-19 16:04</a></td>
<td><a href='/reldate/2010-11-30_0.html'>2010-11-30 21:09</a></td>
<td><a href='/classification/3_0.html' title='confidential'>SECRET//NOFORN</a></td>
<td><a href='/origin/66_0.html'>Embassy Testville</a></td>
</tr></table>
<code><pre>VZCZCXRO7004&#x000A;O 191617Z FEB 09&#x000A;FM AMEMBASSY TESTVILLE&#x000A;\
TO RUEHC/SECSTATE WASHDC IMMEDIATE 1530</pre></code>
<code><pre>S E C R E T SECTION 01 OF 02 TESTVILLE 000012 &#x000A;&#x000A;NOFORN&#x000A;SIPDIS &#x000A;&#x000A;\
EO 12958 DECL: 08/04/2018 &#x000A;TAGS PREL, PTER, &#x000A;PK &#x000A;\
SUBJECT: A TEST SUBJECT THAT &#x000A;WRAPS&#x000A;&#x000A;\
Classified By: Someone, for reasons 1.4 (b)(d)&#x000A;&#x000A;\
<a id='par1' href='#par1'>¶</a>1. (S) Summary. The first paragraph ends before a page&#x000A;\
TESTVILLE 00000012 002 OF 002&#x000A;break and goes on.&#x000A;&#x000A;\
<a id='par2' href='#par2'>¶</a>2. (C) The second paragraph.&#x000A;SMITH</pre></code>
</div></body></html>"""

PLAIN_CABLE = """
VZCZCXRO7165\r
OO RUEHBI\r
DE RUEHNE #0042/01 2020722\r
ZNY CCCCC ZZH\r
O 210722Z JUL 06\r
FM AMEMBASSY NEW TESTVILLE\r
TO RUEHC/SECSTATE WASHDC IMMEDIATE 6818\r
INFO RUEHBJ/AMEMBASSY BEIJING 3078\r
CONFIDENTIAL SECTION 01 OF 02 NEW TESTVILLE 000042 \r
 \r
SIPDIS \r
 \r
E.O. 12958: DECL: 07/11/2016 \r
TAGS: PREL PGOV IN\r
SUBJECT: A SUBJECT THAT \r
WRAPS \r
 \r
Classified By: A/PolCouns for Reasons 1.4 (B, D) \r
 \r
\u00b61.  (C) Summary: The first paragraph is hard \r
wrapped at sixty-five columns.  End Summary. \r
 \r
\u00b62.  (C) The second paragraph runs over a page \r
 \r
NEW TESTVILLE 00000042  002 OF 002 \r
 \r
 \r
break and ends. \r
SMITH\r
"""


def test_wikileaks_page_fields_are_read_from_the_page() -> None:
    cable = parse_cable(WIKILEAKS_PAGE)
    assert cable == ParsedCable(
        reference_id="09TESTPOST12",
        origin="Embassy Testville",
        created=dt.datetime(2009, 2, 19, 16, 4),
        released=dt.datetime(2010, 11, 30, 21, 9),
        classification="SECRET//NOFORN",  # the visible text, not the link's title attribute
        subject="A TEST SUBJECT THAT WRAPS",
        tags=["PREL", "PTER", "PK"],
        body=cable.body,
        header="VZCZCXRO7004\nO 191617Z FEB 09\nFM AMEMBASSY TESTVILLE\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 1530",
    )


def test_wikileaks_body_keeps_paragraph_numbers_and_drops_page_breaks() -> None:
    body = parse_cable(WIKILEAKS_PAGE).body
    assert "1. (S) Summary. The first paragraph ends before a page\nbreak and goes on." in body
    assert "2. (C) The second paragraph." in body
    assert "00000012" not in body and "¶" not in body and "<a" not in body


def test_plain_text_cable_fields_are_read_from_the_header() -> None:
    cable = parse_cable(PLAIN_CABLE, "06NEWTESTVILLE42.txt")
    assert cable.reference_id == "06NEWTESTVILLE42"
    assert cable.origin == "Embassy New Testville"
    assert cable.created == dt.datetime(2006, 7, 21, 7, 22, tzinfo=dt.UTC)
    assert cable.released is None
    assert cable.classification == "CONFIDENTIAL"
    assert cable.subject == "A SUBJECT THAT WRAPS"
    assert cable.tags == ["PREL", "PGOV", "IN"]
    assert cable.header.startswith("VZCZCXRO7165\nOO RUEHBI")
    assert cable.header.endswith("INFO RUEHBJ/AMEMBASSY BEIJING 3078")


def test_plain_text_cable_id_comes_from_the_header_without_a_file_name() -> None:
    assert parse_cable(PLAIN_CABLE).reference_id == "06NEWTESTVILLE42"


def test_plain_text_body_keeps_hard_wraps_and_drops_page_breaks() -> None:
    body = parse_cable(PLAIN_CABLE).body
    assert body.startswith("CONFIDENTIAL SECTION 01 OF 02 NEW TESTVILLE 000042\n")
    assert "1.  (C) Summary: The first paragraph is hard\nwrapped at sixty-five columns." in body
    assert "2.  (C) The second paragraph runs over a page\nbreak and ends." in body
    assert "00000042" not in body and "\r" not in body


def test_plain_text_caveats_are_part_of_the_classification() -> None:
    noforn = PLAIN_CABLE.replace("SIPDIS \r", "NOFORN \r\nSIPDIS \r")
    assert parse_cable(noforn).classification == "CONFIDENTIAL//NOFORN"
    sensitive = PLAIN_CABLE.replace("CONFIDENTIAL SECTION", "UNCLAS SECTION").replace("SIPDIS \r", "SENSITIVE \r")
    assert parse_cable(sensitive).classification == "UNCLASSIFIED//FOR OFFICIAL USE ONLY"


def test_missing_fields_stay_empty() -> None:
    bare = "VZCZC\nO 210722Z JUL 06\nFM AMEMBASSY TESTVILLE\nUNCLAS TESTVILLE 000001\n\n1. Text only.\n"
    cable = parse_cable(bare)
    assert (cable.subject, cable.tags, cable.released) == ("", [], None)
    assert cable.reference_id == "06TESTVILLE1"


def test_a_file_named_after_a_real_cable_needs_less_evidence() -> None:
    fragment = "O 191617Z FEB 09\nFM AMEMBASSY ISLAMABAD\n\n1. (C) Text.\n"
    assert not is_cable_document(fragment, "notes.txt")
    assert is_cable_document(fragment, "09ISLAMABAD365.txt")


def test_cable_documents_are_told_from_other_documents() -> None:
    assert is_cable_document(WIKILEAKS_PAGE, "09TESTPOST12.html")
    assert is_cable_document(PLAIN_CABLE, "06NEWTESTVILLE42.txt")
    article = "<html><body><p>According to a leaked US embassy cable from Islamabad, TAGS: none.</p></body></html>"
    assert not is_cable_document(article, "story.html")
    assert not is_cable_document("Vince Cable said on Tuesday that SUBJECT: fees.\n", "story.txt")


# --------------------------------------------------------------------------- every cable of the corpora


def wikileaks_rows(shared_dir: Path) -> list[dict[str, str]]:
    with open(shared_dir / "corpus" / "cablegate-wikileaks-html" / "index.csv", encoding="utf-8") as index:
        return list(csv.DictReader(index))


@pytest.mark.corpus
def test_every_wikileaks_cable_page_matches_its_index_row(shared_dir: Path) -> None:
    folder = shared_dir / "corpus" / "cablegate-wikileaks-html"
    rows = wikileaks_rows(shared_dir)
    assert len(rows) == len(list((folder / "cables").glob("*.html"))) > 100
    for row in rows:
        raw = (folder / row["file"]).read_text(encoding="utf-8")
        cable = parse_cable(raw)
        where = row["ref_id"]
        assert is_cable_document(raw, row["file"]), where
        assert cable.reference_id == row["ref_id"], where
        assert cable.created == dt.datetime.strptime(row["created"], "%Y-%m-%d %H:%M"), where
        assert cable.released == dt.datetime.strptime(row["released"], "%Y-%m-%d %H:%M"), where
        assert cable.classification == row["classification"], where
        assert cable.origin == row["origin"], where
        # The index was made by a regex that missed tags continued on the next line or written `TAG`.
        want_tags = row["tags"].replace(",", " ").split()
        assert cable.tags[: len(want_tags)] == want_tags, where
        assert cable.tags, where
        # The index's subject sometimes carries a page-break marker or is blank where the page wrote
        # `Subject:`; the page heading (title_h3) then gives it.
        want_subject = re.sub(r"\s+\S+\s+\d{5,8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\s*$", "", row["subject"])
        assert cable.subject == (want_subject or row["title_h3"]), where
        assert not PAGE_BREAK.search(cable.body) and not INLINE_PAGE_BREAK.search(cable.body), where
        assert cable.header, where  # the routing header, or the site's note that only an extract exists
        assert "<" not in cable.body and "&#x" not in cable.body, where


@pytest.mark.corpus
def test_every_plain_text_cable_is_parsed_from_its_header(shared_dir: Path) -> None:
    paths = sorted((shared_dir / "corpus" / "cablegate-plaintext").glob("*.txt"))
    assert len(paths) > 10
    for path in paths:
        raw = decode_cable_bytes(path.read_bytes())
        cable = parse_cable(raw, path.name)
        where = path.name
        assert is_cable_document(raw, path.name), where
        assert cable.reference_id == path.stem == parse_cable(raw).reference_id, where
        assert cable.created is not None and cable.created.tzinfo is dt.UTC, where
        assert str(cable.created.year)[2:] == path.stem[:2], where
        assert cable.origin and cable.classification and cable.subject and cable.tags, where
        assert cable.released is None, where
        assert cable.header.startswith("VZCZC"), where
        if re.search(r"^\u00b6\d{1,2}\.", raw, re.MULTILINE):
            assert re.search(r"^\d{1,2}\.\s+", cable.body, re.MULTILINE), where
        assert not PAGE_BREAK.search(cable.body) and not INLINE_PAGE_BREAK.search(cable.body), where
        assert "\r" not in cable.body and "\u00b6" not in cable.body, where


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "origin", "created", "classification", "tags", "subject"),
    [
        (
            "06NEWDELHI5135",
            "Embassy New Delhi",
            dt.datetime(2006, 7, 21, 7, 22, tzinfo=dt.UTC),
            "CONFIDENTIAL",
            ["PREL", "PGOV", "PTER", "PINR", "IN"],
            "INDIA'S NATIONAL SECURITY ADVISORY BOARD: ADVISING THE ADVISORS",
        ),
        (
            "07BOGOTA1165",
            "Embassy Bogota",
            dt.datetime(2007, 2, 16, 19, 2, tzinfo=dt.UTC),
            "UNCLASSIFIED",
            ["PGOV", "CO"],
            "COLOMBIA REQUESTS SUPPORT FOR CANDIDATE FOR INTERAMERICAN JUDICIAL COMMITTEE",
        ),
        (
            "09UNVIEVIENNA289",
            "Mission UNVIE Vienna",
            dt.datetime(2009, 6, 19, 15, 59, tzinfo=dt.UTC),
            "SECRET//NOFORN",
            ["PREL", "PARM", "SY", "KN", "IAEA", "KNNP"],
            "IAEA/SYRIA/BOARD OF GOVERNORS: CONCERN OVER NEW URANIUM FINDINGS, HEIGHTENED ATTACKS ON ISRAEL, "
            "ISRAEL VERSUS DG FIREWORKS",
        ),
        (
            "09USEUBRUSSELS948",
            "USEU Brussels",
            dt.datetime(2009, 7, 8, 15, 35, tzinfo=dt.UTC),
            "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
            ["ECON", "EFIN", "ETRD", "EIND", "ECIN", "EAGR", "EINV", "ETTC", "OECD", "PREL", "EUN"],
            "TEC STAKEHOLDERS PRAISE DAY-LONG OUTREACH EVENT",
        ),
    ],
)
def test_plain_text_cables_match_their_headers(
    shared_dir: Path,
    name: str,
    origin: str,
    created: dt.datetime,
    classification: str,
    tags: list[str],
    subject: str,
) -> None:
    raw = decode_cable_bytes((shared_dir / "corpus" / "cablegate-plaintext" / f"{name}.txt").read_bytes())
    cable = parse_cable(raw, f"{name}.txt")
    assert (cable.origin, cable.created, cable.classification, cable.tags, cable.subject) == (
        origin,
        created,
        classification,
        tags,
        subject,
    )


@pytest.mark.corpus
def test_news_articles_are_not_cable_documents(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus"
    paths = sorted((corpus / "wikileaks-cablegate-articles-2010").glob("*.html"))
    paths += sorted((corpus / "cable-news-reposts-2010-2011").glob("*.md"))
    paths += sorted((corpus / "felix-newspaper-2010").glob("2010-12-*.md"))
    assert len(paths) > 30
    for path in paths:
        assert not is_cable_document(path.read_text(encoding="utf-8", errors="replace"), path.name), path.name
