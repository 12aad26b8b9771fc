"""Cable references: known reference ids, links to cable pages, and descriptions of cables."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import gzip
import json
import random
from html.parser import HTMLParser
from pathlib import Path

import pytest

from articles.nlp import build_refid_index, cable_places
from articles.nlp.cables import (
    REFID_INDEX,
    cable_mentions,
    canonical_reference_id,
    extract_cable_references,
    known_cable,
    origin_name,
    resolve_place,
)
from articles.nlp.types import CableReferenceAnnotation, Link

ANCHOR = dt.date(2010, 12, 1)


def refs(text: str, links: tuple[Link, ...] = ()) -> list[CableReferenceAnnotation]:
    return extract_cable_references(text, links=links, anchor=ANCHOR)


def shipped_ids() -> list[tuple[str, int]]:
    """Every (reference id, month) in the shipped index, read straight from the data file."""
    rows: list[tuple[str, int]] = []
    with gzip.open(REFID_INDEX, "rt", encoding="ascii") as lines:
        for line in lines:
            prefix, _, pairs = line.rstrip("\n").partition("\t")
            for pair in pairs.split():
                serial, _, month = pair.partition(":")
                rows.append((f"{prefix}{serial}", int(month)))
    return rows


# --------------------------------------------------------------------------- ids


@pytest.mark.parametrize(
    ("candidate", "canonical"),
    [
        ("09ISLAMABAD365", "09ISLAMABAD365"),
        ("09ISLAMABAD000365", "09ISLAMABAD365"),
        ("09 ISLAMABAD 365", "09ISLAMABAD365"),
        ("09SECSTATE80163", "09STATE80163"),
        ("09islamabad365", "09ISLAMABAD365"),
        ("ISLAMABAD365", None),
        ("2009ISLAMABAD365", None),
    ],
)
def test_reference_ids_are_canonicalised(candidate: str, canonical: str | None) -> None:
    assert canonical_reference_id(candidate) == canonical


def test_known_cable_gives_year_and_month_of_a_real_id() -> None:
    refid, month = random.Random(7).choice(shipped_ids())
    year = known_cable(refid)
    assert year is not None
    assert year[1] == month
    assert str(year[0])[2:] == refid[:2]


def test_known_cable_accepts_variant_spellings_of_a_real_id() -> None:
    refid, _ = random.Random(3).choice([r for r in shipped_ids() if "STATE" in r[0]])
    year, serial = refid[:2], refid[2 + len("STATE") :]
    assert known_cable(f"{year}SECSTATE{int(serial):06d}") == known_cable(refid) is not None


def test_known_cable_rejects_lookalikes() -> None:
    real = dict(shipped_ids())
    rng = random.Random(11)
    lookalikes: list[str] = []
    for refid in rng.sample(sorted(real), 300):
        prefix = refid.rstrip("0123456789")
        serial = int(refid[len(prefix) :])
        for candidate in (f"{prefix}{serial + 100000}", f"{prefix[:2]}{prefix[2:]}X{serial}", f"{prefix}{serial}0000"):
            if candidate not in real:
                lookalikes.append(candidate)
    assert lookalikes
    assert [c for c in lookalikes if known_cable(c) is not None] == []
    assert known_cable("not an id") is None


def test_id_in_text_is_a_reference_with_origin_and_month() -> None:
    refid, month = next((r, m) for r, m in shipped_ids() if r.startswith("09ISLAMABAD"))
    [found] = refs(f"The message {refid} was sent by the embassy.")
    assert (found.text, found.reference_id, found.origin, found.date) == (
        refid,
        refid,
        "Islamabad",
        f"2009-{month:02d}",
    )


def test_description_followed_by_its_id_is_one_reference() -> None:
    refid, month = next((r, m) for r, m in shipped_ids() if r.startswith("09ISLAMABAD"))
    [found] = refs(f"In a 2009 embassy cable ({refid}), the ambassador wrote")
    assert (found.text, found.reference_id, found.origin, found.date) == (
        f"a 2009 embassy cable ({refid})",
        refid,
        "Islamabad",
        f"2009-{month:02d}",
    )


def test_id_with_spaces_and_leading_zeros_is_resolved() -> None:
    refid, _ = next((r, m) for r, m in shipped_ids() if r.startswith("06NEWDELHI"))
    serial = int(refid[len("06NEWDELHI") :])
    [found] = [r for r in refs(f"see 06 NEW DELHI {serial:06d} for details") if r.reference_id]
    assert found.reference_id == refid
    assert found.origin == "New Delhi"


def test_unknown_id_shaped_string_is_not_a_reference() -> None:
    real = {r for r, _ in shipped_ids()}
    fake = next(f"09ISLAMABAD{n}" for n in range(100, 9999) if f"09ISLAMABAD{n}" not in real)
    assert [r.reference_id for r in refs(f"The code {fake} and part 10AB1234 and ISO9001.")] == []


def test_cable_links_give_reference_ids() -> None:
    refid, month = next((r, m) for r, m in shipped_ids() if r.startswith("09ISLAMABAD"))
    text = "Qureshi asked for helicopters (click here) and again (see this)."
    links = (
        Link(text.index("click here"), text.index("click here") + 10, f"/cable/2009/{month:02d}/{refid}.html"),
        Link(text.index("see this"), text.index("see this") + 8, f"http://cablegate.wikileaks.org/cables/{refid}.html"),
        Link(0, 6, "http://example.org/cable-tv.html"),
    )
    found = [r for r in refs(text, links) if r.reference_id]
    assert [(r.text, r.reference_id) for r in found] == [("click here", refid), ("see this", refid)]


def test_link_to_an_unknown_cable_is_not_a_reference() -> None:
    text = "the leaked cable (here)"
    links = (Link(18, 22, "/cable/2009/02/09ISLAMABAD99999999.html"),)
    assert [r.reference_id for r in refs(text, links)] == [None]


# --------------------------------------------------------------------------- descriptions


@pytest.mark.parametrize(
    ("text", "span", "origin", "date"),
    [
        ("said a US embassy cable from Islamabad, released", "a US embassy cable from Islamabad", "Islamabad", None),
        ("according to leaked US cables.", "leaked US cables", None, None),
        ("a February 2007 cable from Berlin said", "a February 2007 cable from Berlin", "Berlin", "2007-02"),
        (
            "in a cable sent by the US ambassador in Brasília dated 15 January 2010, he",
            "a cable sent by the US ambassador in Brasília dated 15 January 2010",
            "Brasilia",
            "2010-01-15",
        ),
        ("according to State Department cables.", "State Department cables", None, None),
        ("in cables from the US embassy in New Delhi", "cables from the US embassy in New Delhi", "New Delhi", None),
        ("the Tel Aviv embassy cable said", "the Tel Aviv embassy cable", "Tel Aviv", None),
        ("a 2009 cable quoted the deputy chief of mission in Paris", None, "Paris", "2009"),
        (
            "The cables, sent by the US embassy in Riyadh, show",
            "The cables, sent by the US embassy in Riyadh",
            "Riyadh",
            None,
        ),
        (
            "The cable, which came from the US embassy in London, discussed",
            "The cable, which came from the US embassy in London",
            "London",
            None,
        ),
        ("One cable, from the embassy in Moscow, calls", "One cable, from the embassy in Moscow", "Moscow", None),
        (
            "A cable released by WikiLeaks from the American embassy in Harare criticised",
            "A cable released by WikiLeaks from the American embassy in Harare",
            "Harare",
            None,
        ),
        ("The London embassy's cable described", "The London embassy's cable", "London", None),
        (
            "A cable sent from Moscow in February 2007 warned",
            "A cable sent from Moscow in February 2007",
            "Moscow",
            "2007-02",
        ),
        ("Cables from Baghdad in 2007 show", "Cables from Baghdad in 2007", "Baghdad", "2007"),
        ("The cable from Kabul in the spring said", "The cable from Kabul", "Kabul", None),
    ],
)
def test_descriptions_give_origin_and_date(text: str, span: str | None, origin: str | None, date: str | None) -> None:
    [found] = refs(text)
    if span is not None:
        assert found.text == span
    assert text[found.start : found.end] == found.text
    assert (found.origin, found.date, found.reference_id) == (origin, date, None)


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        ("relying on reports from the US ambassador in Tunis about", "Tunis"),
        ("2,600 documents that were sent from the US Embassy in Kathmandu", "Kathmandu"),
    ],
)
def test_other_words_for_cables_count_with_an_embassy_sender(text: str, origin: str) -> None:
    [found] = refs(text)
    assert found.origin == origin


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        ("Diplomats in Vilnius wrote in a cable that the mayor was corrupt.", "Vilnius"),
        ("The US ambassador to Portugal, in a cable to Washington, called the minister vain.", "Lisbon"),
        ("In a cable, the embassy in Ankara said the minister was unreliable.", "Ankara"),
        ("American officials in Baghdad told Washington in a 2008 cable that the militia grew.", "Baghdad"),
        ("The cable, dated 12 March 2009, was sent by the US ambassador to Saudi Arabia.", "Riyadh"),
        ("Several cables from the Madrid embassy describe the case.", "Madrid"),
        ("The Brasilia embassy wrote in a 2008 cable that the minister was an ally.", "Brasilia"),
        ("The US embassy in Madrid reported in cables that prosecutors were under pressure.", "Madrid"),
        ("A cable from Peru, released by WikiLeaks, said the army would hold back.", "Lima"),
        ("The warning appeared in a State Department cable released by WikiLeaks.", "Washington"),
        ("A cable signed by the Secretary of State asked for data, WikiLeaks showed.", "Washington"),
    ],
)
def test_the_sender_named_around_a_cable_gives_its_origin(text: str, origin: str) -> None:
    [found] = refs(text)
    assert found.origin == origin


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        ("According to WikiLeaks, a 2009 dispatch from Kabul described the deputy as corrupt.", "Kabul"),
        ("According to a secret memo from the US mission in Geneva, the talks stalled.", "Geneva"),
    ],
)
def test_dispatches_and_memos_from_a_post_are_references(text: str, origin: str) -> None:
    [found] = refs(text)
    assert found.origin == origin


def test_a_dispatch_keeps_the_year_written_before_it() -> None:
    [found] = refs("According to WikiLeaks, a 2009 dispatch from Kabul described the deputy as corrupt.")
    assert found.date == "2009"


def test_a_dispatch_from_a_city_in_a_text_not_about_leaks_is_not_a_reference() -> None:
    assert refs("Our reporter filed a dispatch from Kabul about the weather.") == []


@pytest.mark.parametrize(
    "text",
    [
        "WikiLeaks published thousands of State Department cables, the US ambassador in Oslo said.",
        "In a cable sent to the embassy in Kabul, leaked by WikiLeaks, the department asked for details.",
        "Leaked by WikiLeaks, one cable asked diplomats in Quito to collect credit card numbers.",
        "Diplomats in Washington read a WikiLeaks cable with interest.",
    ],
)
def test_places_a_cable_was_sent_to_or_merely_mentions_are_not_its_origin(text: str) -> None:
    assert {r.origin for r in refs(text)} == {None}


def test_a_new_cable_takes_the_origin_of_the_country_its_sentence_is_about() -> None:
    text = "WikiLeaks released more. A 2008 cable said Portuguese ministers distrusted the Spanish plan."
    [*_, found] = refs(text)
    assert (found.text, found.origin, found.date) == ("A 2008 cable", "Lisbon", "2008")


def test_a_new_cable_takes_the_country_most_named_just_before_it() -> None:
    text = (
        "Chilean judges opened a case against two soldiers. A visiting Peruvian lawyer watched. "
        "Chilean prosecutors later tried to close it. "
        "A May 2007 WikiLeaks cable quoted the ambassador as saying the charges must go."
    )
    [found] = refs(text)
    assert (found.origin, found.date) == ("Santiago", "2007-05")


def test_a_cable_inside_quoted_words_takes_no_origin_from_the_countries_around_it() -> None:
    text = 'WikiLeaks cables were published. Chilean anger "grew because, according to a 2006 cable, it was ignored."'
    assert [(r.origin, r.date) for r in refs(text)] == [(None, None), (None, "2006")]


def test_an_anaphoric_cable_takes_no_origin_from_the_countries_around_it() -> None:
    text = "WikiLeaks cables were published. Chilean judges objected. The cable said they were wrong."
    assert [r.origin for r in refs(text)] == [None, None]


def test_abbreviations_do_not_end_the_sentence_of_a_sender() -> None:
    [found] = refs("A cable released by WikiLeaks quoted the U.S. Ambassador to Ghana, who was blunt.")
    assert found.origin == "Accra"


def test_every_country_maps_to_a_post_of_the_release() -> None:
    for code, names, demonyms in cable_places.COUNTRIES:
        assert known_origin(code), code
        for word in (*names, *demonyms):
            assert cable_places.country_origin_code(word) == code
            assert cable_places.country_pattern().fullmatch(word)


def test_countries_resolve_by_name_only_and_are_case_sensitive() -> None:
    assert resolve_place("Spain") == "Madrid" == origin_name("MADRID")
    assert resolve_place("Spanish") is None
    assert cable_places.country_origin_code("Saudis") == "RIYADH"
    assert cable_places.country_pattern().search("a roast turkey with polish") is None


def known_origin(code: str) -> bool:
    return any(line.startswith(f"{yy:02d}{code}\t") for yy in range(100) for line in _index_lines())


@functools.cache
def _index_lines() -> tuple[str, ...]:
    with gzip.open(REFID_INDEX, "rt", encoding="ascii") as lines:
        return tuple(line.partition("\t")[0] + "\t" for line in lines)


def test_reports_without_an_embassy_sender_are_not_references() -> None:
    assert refs("The report from the committee said") == []


def test_anaphoric_cable_counts_in_a_text_about_leaked_cables() -> None:
    text = 'According to leaked US cables, he agreed. "We will help," the cable said.'
    assert [r.text for r in refs(text)] == ["leaked US cables", "the cable"]


@pytest.mark.parametrize(
    "text",
    [
        "Business Secretary Vince Cable said the coalition would hold.",
        "Mr Cable told the Commons that tuition fees would rise.",
        "Plug the network cables into the switch.",
        "Buy Ethernet cables and a fibre-optic cable.",
        "The cable TV company raised prices for cable subscribers.",
        "We took the cable car up the mountain.",
        "Undersea cables carry most internet traffic.",
    ],
)
def test_other_senses_of_cable_are_not_references(text: str) -> None:
    assert refs(text) == []


def test_generic_cable_in_a_text_not_about_leaks_is_not_a_reference() -> None:
    assert refs("The cable snapped and the bridge swayed.") == []


# --------------------------------------------------------------------------- the shipped index


def test_build_refid_index_groups_ids_and_skips_garbled_rows(tmp_path: Path) -> None:
    source = tmp_path / "cable2month.csv.gz"
    with gzip.open(source, "wt", encoding="ascii") as out:
        out.write("09ISLAMABAD365,2\n09ISLAMABAD10,1\n06SECTION01OF02HARARE628,4\n7575LIBREVILLE1895,3\n")
    target = tmp_path / "refids.txt.gz"
    assert build_refid_index.build_index(source, target) == (2, 2)
    with gzip.open(target, "rt") as written:
        assert written.read() == "09ISLAMABAD\t10:1 365:2\n"


def test_shipped_index_is_small() -> None:
    assert REFID_INDEX.stat().st_size < 3_000_000


@pytest.mark.corpus
def test_shipped_index_knows_every_well_formed_id_of_the_release(shared_dir: Path) -> None:
    source = shared_dir / "corpus" / "cablegate-refid-index" / "cable2month.csv.gz"
    checked = 0
    with gzip.open(source, "rt", encoding="ascii") as rows:
        for row in rows:
            refid, _, month = row.strip().partition(",")
            if canonical_reference_id(refid) != refid:
                continue  # the garbled ids the index leaves out
            found = known_cable(refid)
            assert found is not None and found[1] == int(month), refid
            checked += 1
    assert checked > 250_000


# --------------------------------------------------------------------------- measured on real articles


class _ArticleText(HTMLParser):
    """A quick HTML -> (text, links) for the tests; the product's extraction lives in extract.py."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.size = 0
        self.links: list[Link] = []
        self._open: list[tuple[int, str]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._skip += 1
        elif tag == "a":
            self._open.append((self.size, dict(attrs).get("href") or ""))
        elif tag in {"p", "br", "div", "h2", "h3", "li"}:
            self._add("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._skip -= 1
        elif tag == "a" and self._open:
            start, href = self._open.pop()
            if href and self.size > start:
                self.links.append(Link(start, self.size, href))

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._add(data)

    def _add(self, chunk: str) -> None:
        self.parts.append(chunk)
        self.size += len(chunk)


def article_text_and_links(raw: str) -> tuple[str, tuple[Link, ...]]:
    parser = _ArticleText()
    parser.feed(raw[raw.find("<div class='pane big'") :])  # the article pane, not the site's sidebar
    parser.close()
    return "".join(parser.parts), tuple(parser.links)


@pytest.mark.corpus
def test_linked_cable_ids_of_the_wikileaks_articles_are_found(shared_dir: Path) -> None:
    folder = shared_dir / "corpus" / "wikileaks-cablegate-articles-2010"
    tp = fp = fn = 0
    with open(folder / "linked_cables.csv", encoding="utf-8") as index:
        for row in csv.DictReader(index):
            text, links = article_text_and_links((folder / row["file"]).read_text(encoding="utf-8"))
            want = set(row["linked_cable_ids"].split())
            got = {r.reference_id for r in extract_cable_references(text, links=links) if r.reference_id}
            tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"wikileaks articles cable ids: P={precision:.3f} R={recall:.3f} tp={tp} fp={fp} fn={fn}")
    assert precision >= 0.95 and recall >= 0.95


@pytest.mark.corpus
def test_seed_gold_cable_references_are_found(shared_dir: Path) -> None:
    gold = json.loads((shared_dir / "evaldata" / "gold" / "seed-kayani.json").read_text(encoding="utf-8"))
    found = extract_cable_references(gold["text"], anchor=dt.date(2010, 12, 1))
    texts = {r.text for r in found}
    origins = {r.origin for r in found}
    for cable in gold["cables"]:
        assert cable["text"] in texts
        if cable["origin"]:
            assert cable["origin"] in origins
    assert {r.reference_id for r in found} == {c["reference_id"] for c in gold["cables"]}


@pytest.mark.corpus
def test_reposted_news_articles_give_sensible_references(shared_dir: Path) -> None:
    folder = shared_dir / "corpus" / "cable-news-reposts-2010-2011"
    found = [r for path in sorted(folder.glob("*.md")) for r in refs(path.read_text(encoding="utf-8"))]
    assert found
    lowered = [r.text.lower() for r in found]
    assert not any("ethernet" in t or "vince" in t for t in lowered)
    assert all("cable" in t or r.reference_id or r.origin for t, r in zip(lowered, found, strict=True))


def test_the_word_cables_inside_a_web_address_is_no_reference() -> None:
    text = (
        "Students told to avoid WikiLeaks documents, The Guardian, 5 December 2010: "
        "http://www.guardian.co.uk/media/2010/dec/05/columbia-students-wikileaks-cables [15] Transcript."
    )
    assert refs(text) == []


def test_cable_mentions_count_the_leaked_cables_only() -> None:
    assert cable_mentions("Business Secretary Vince Cable said so. Mr Cable left.") == 0
    assert cable_mentions("WikiLeaks released the cables. One cable was secret.") == 3


@pytest.mark.parametrize(
    ("sentence", "origin"),
    [
        ("US diplomats in Nairobi wrote in a dispatch that the minister was weak.", "Nairobi"),
        ("One dispatch, sent by the US mission in Geneva, called the report flawed.", "Geneva"),
    ],
)
def test_a_dispatch_with_its_sender_named_is_a_cable_in_a_text_about_cables(sentence: str, origin: str) -> None:
    text = "The leaked US embassy cables published by WikiLeaks cover the region. " + sentence
    found = extract_cable_references(text)
    assert origin in {reference.origin for reference in found}
    # in a text about something else, a reporter's dispatch is no cable
    assert extract_cable_references("Our reporter filed a dispatch from Nairobi on Monday.") == []
