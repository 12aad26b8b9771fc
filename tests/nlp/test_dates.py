"""Date expressions: explicit dates keep exactly their parts; relative ones need the article's date."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from articles.nlp.dates import extract_dates

ANCHOR = dt.date(2010, 12, 1)  # a Wednesday


def values(text: str, anchor: dt.date | None = ANCHOR) -> list[tuple[str, str | None, str | None]]:
    return [(d.text, d.value, d.precision) for d in extract_dates(text, anchor=anchor)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("met on January 24, 2009, in Islamabad", ("January 24, 2009", "2009-01-24", "day")),
        ("met on 24 January 2009 in Islamabad", ("24 January 2009", "2009-01-24", "day")),
        ("met on the 24th of January, 2009", ("the 24th of January, 2009", "2009-01-24", "day")),
        ("dated Jan. 24, 2009", ("Jan. 24, 2009", "2009-01-24", "day")),
        ("dated Sept. 3 2008", ("Sept. 3 2008", "2008-09-03", "day")),
        ("on Tuesday, March 3, 2009 he", ("Tuesday, March 3, 2009", "2009-03-03", "day")),
        ("created 2009-01-24 16:04", ("2009-01-24", "2009-01-24", "day")),
        ("signed 24/01/2009 in", ("24/01/2009", "2009-01-24", "day")),
        ("signed 01/24/2009 in", ("01/24/2009", "2009-01-24", "day")),
        ("in January 2009 the army", ("January 2009", "2009-01", "month")),
        ("in February of 2007 the", ("February of 2007", "2007-02", "month")),
        ("elected in 2008, he", ("2008", "2008", "year")),
    ],
)
def test_explicit_dates_are_normalised_with_their_precision(text: str, expected: tuple[str, str, str]) -> None:
    assert values(text) == [expected]


def test_month_without_day_is_never_given_a_day() -> None:
    [(_, value, precision)] = values("The offensive began in March 2009.")
    assert (value, precision) == ("2009-03", "month")


def test_ambiguous_numeric_date_has_no_value() -> None:
    assert values("signed 03/04/2009 in") == [("03/04/2009", None, "day")]


def test_impossible_date_is_not_reported() -> None:
    assert values("on February 30, 2009 nothing") == []


def test_prefixed_years_are_years() -> None:
    assert [v for _, v, _ in values("by mid-2009 and in post-2001 Afghanistan")] == ["2009", "2001"]


def test_year_range_gives_both_years() -> None:
    assert [v for _, v, _ in values("DG ISI from 2004-2007, then")] == ["2004", "2007"]


@pytest.mark.parametrize(
    "text",
    [
        "the move of 6,000 troops to the border",
        "he sent 2000 troops",
        "at 10:30 on the day",
        "call +92 51 2008 1234 or 555-2009-1234",
        "see page 2009 of the report",
        "a $2010 fee",
        "grew 5.7% year-on-year",
        "E.O. 12958: DECL: none",
        "he may go there",
        "the 1990s were hard",
        "FY2009 budget",
    ],
)
def test_numbers_that_are_not_dates_are_ignored(text: str) -> None:
    assert values(text) == []


def test_day_and_month_without_year_take_the_most_recent_past_occurrence() -> None:
    assert values("Qureshi met him on March 3 in Rawalpindi") == [("March 3", "2010-03-03", "day")]
    assert values("Qureshi met him on 20 November in Rawalpindi") == [("20 November", "2010-11-20", "day")]


def test_day_and_month_just_ahead_of_the_article_are_not_read_as_last_year() -> None:
    assert values("the talks on 3 December in Rawalpindi") == [("3 December", "2010-12-03", "day")]


def test_day_and_month_in_a_future_sentence_take_the_next_occurrence() -> None:
    assert values("He will travel to Washington on March 3") == [("March 3", "2011-03-03", "day")]


def test_a_list_of_upcoming_dates_goes_on_from_the_first() -> None:
    # Published 1 December 2010: the band will play in the spring and summer of 2011.
    text = (
        "The band will play again from March 9th, and the tour ends August 2nd.\n\n"
        "Tour dates\n\nMarch 9 – Leeds @ Town Hall\nMay 14 – St. Albans @ The Arena\nJuly 2 – York\n"
        "August 2 – Hull"
    )
    got = [value for _, value, _ in values(text)]
    assert got == ["2011-03-09", "2011-08-02", "2011-03-09", "2011-05-14", "2011-07-02", "2011-08-02"]


def test_a_day_in_a_later_sentence_is_not_pulled_forward_by_a_schedule() -> None:
    text = "The next hearing is scheduled for December 20. The lawyers met on November 18 to prepare."
    assert [value for _, value, _ in values(text)] == ["2010-12-20", "2010-11-18"]


def test_day_and_month_without_anchor_have_no_value() -> None:
    assert values("met on March 3 in Rawalpindi", anchor=None) == [("March 3", None, "day")]


def test_well_known_event_shorthand_is_its_date() -> None:
    assert values("tensions escalated post-26/11 amid") == [("26/11", "2008-11-26", "day")]
    assert values("after 9/11 the") == [("9/11", "2001-09-11", "day")]


def test_bare_day_month_numbers_are_not_dates() -> None:
    assert values("won 12/5 on the night") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said yesterday that", ("yesterday", "2010-11-30", "day")),
        ("will be announced tomorrow", ("tomorrow", "2010-12-02", "day")),
        ("sources said last night", ("last night", "2010-11-30", "day")),
        ("The talks last month failed", ("last month", "2010-11", "month")),
        ("The talks last year failed", ("last year", "2009", "year")),
        ("elections next year", ("next year", "2011", "year")),
        ("earlier this year the", ("earlier this year", "2010", "year")),
        ("said on Tuesday that", ("Tuesday", "2010-11-30", "day")),
        ("said last Wednesday that", ("last Wednesday", "2010-11-24", "day")),
        ("will meet on Friday", ("Friday", "2010-12-03", "day")),
        ("three days ago the", ("three days ago", "2010-11-28", "day")),
        ("two years ago the", ("two years ago", "2008", "year")),
        ("Seventeen years ago the", ("Seventeen years ago", "1993", "year")),
        ("in March the army", ("March", "2010-03", "month")),
        ("last December the army", ("last December", "2009-12", "month")),
    ],
)
def test_relative_expressions_are_anchored_to_the_article_date(text: str, expected: tuple[str, str, str]) -> None:
    assert values(text) == [expected]


def test_weeks_are_found_without_a_value() -> None:
    assert values("talks last week and two weeks ago") == [("last week", None, None), ("two weeks ago", None, None)]


def test_capitalised_relative_words_are_anchored() -> None:
    assert values("Last December the army") == [("Last December", "2009-12", "month")]
    assert values("In July, the army") == [("July", "2010-07", "month")]


def test_coordinated_months_share_the_year() -> None:
    assert values("cables from April and May 2009 said") == [
        ("April", "2009-04", "month"),
        ("May 2009", "2009-05", "month"),
    ]


def test_future_cue_reaches_across_the_sentence() -> None:
    text = "The bill will get top priority when the new House and the Senate convene in January."
    assert values(text) == [("January", "2011-01", "month")]


def test_a_past_relative_clause_cuts_off_the_future_cue() -> None:
    text = "The firm will offer its lander that the company unveiled in March, capable of carrying cargo."
    assert values(text) == [("March", "2010-03", "month")]


def test_relative_expressions_without_anchor_have_no_value() -> None:
    found = values("He said yesterday that last year on Tuesday", anchor=None)
    assert [v for _, v, _ in found] == [None, None, None]
    assert [t for t, _, _ in found] == ["yesterday", "last year", "Tuesday"]


def test_weekday_in_a_name_is_not_a_date() -> None:
    assert values("told the Sunday Times that") == []


def test_offsets_point_into_the_text() -> None:
    text = "Before that, on January 24, 2009, and again yesterday."
    for d in extract_dates(text, anchor=ANCHOR):
        assert text[d.start : d.end] == d.text


@pytest.mark.corpus
def test_seed_gold_dates_are_all_found(shared_dir) -> None:
    gold = json.loads((shared_dir / "evaldata" / "gold" / "seed-kayani.json").read_text(encoding="utf-8"))
    found = {d.value for d in extract_dates(gold["text"], anchor=dt.date(2010, 12, 1)) if d.value}
    want = {d["value"] for d in gold["dates"]}
    assert want <= found
    assert found - want == set()


def test_a_programme_called_today_is_no_date() -> None:
    text = "He told Radio 4's Today programme it was fine, and the paper was published today."
    assert values(text) == [("today", "2010-12-01", "day")]


@pytest.mark.model
def test_a_date_word_inside_a_name_is_no_date() -> None:
    from articles.nlp import SourceDocument, annotate_documents

    text = "Richardson, via USA Today, said that the linesman was wrong. The report came out today."
    [annotation] = list(annotate_documents([SourceDocument(id="t", raw=text, published=ANCHOR)]))
    assert [(d.text, d.value) for d in annotation.dates] == [("today", "2010-12-01")]
