"""Search: the QuerySet methods, person suggestions and the search page, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from articles.models import Article, Entity, Mention
from articles.querysets import date_bounds, parse_query
from articles.search import SearchParams, search_articles, sentence_around, suggest_entities
from tests.factories import ArticleFactory
from tests.worlds import build_world, mention

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def titles(qs) -> set[str]:
    return {a.title for a in qs}


# --- parsing -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2009", (dt.date(2009, 1, 1), dt.date(2009, 12, 31))),
        ("2009-02", (dt.date(2009, 2, 1), dt.date(2009, 2, 28))),
        ("2008-2", (dt.date(2008, 2, 1), dt.date(2008, 2, 29))),
        ("2009-01-24", (dt.date(2009, 1, 24), dt.date(2009, 1, 24))),
        ("", None),
    ],
)
def test_date_bounds_cover_partial_dates(value, expected):
    assert date_bounds(value) == expected


@pytest.mark.parametrize("value", ["09", "2009-13", "2009-02-30", "last week", "2009/01"])
def test_date_bounds_reject_what_is_not_a_date(value):
    with pytest.raises(ValueError):
        date_bounds(value)


def test_parse_query_reads_phrases_negation_and_or():
    parsed = parse_query('"urged restraint" troops -cricket or the economy')
    assert parsed.groups == (("urged restraint", "troops"), ("economy",))
    assert parsed.negated == ("cricket",)


def test_sentence_around_cuts_the_sentence_holding_the_span():
    body = "First one. Then Kayani spoke. Last."
    start = body.index("Kayani")
    assert sentence_around(body, start, start + 6) == ("Then ", "Kayani", " spoke.")


# --- people --------------------------------------------------------------------------------------


def test_mentioning_an_entity_finds_its_articles(world):
    assert titles(Article.objects.mentioning(world["kayani"])) == {"Kayani urges restraint", "Talks in Rawalpindi"}


def test_mentioning_two_entities_needs_both(world):
    qs = Article.objects.mentioning(world["kayani"], world["zardari"])
    assert titles(qs) == {"Talks in Rawalpindi"}


def test_mentioning_a_list_means_any_of_them(world):
    qs = Article.objects.mentioning([world["kayani"], world["zardari"]])
    assert len(titles(qs)) == 3


def test_mentioning_ignores_rejected_mentions(world):
    Mention.objects.filter(article=world["talks"], entity=world["kayani"]).update(review="rejected")
    assert titles(Article.objects.mentioning(world["kayani"])) == {"Kayani urges restraint"}


@pytest.mark.parametrize("name", ["Ashfaq Parvez Kayani", "kayani", "Gen Kayani", "General Kayani", "Gen. KAYANI"])
def test_mentioning_name_accepts_names_aliases_and_titles(world, name):
    assert titles(Article.objects.mentioning_name(name)) == {"Kayani urges restraint", "Talks in Rawalpindi"}


def test_mentioning_an_unknown_name_finds_nothing(world):
    assert not Article.objects.mentioning_name("Musharraf").exists()


@pytest.mark.parametrize("typed", ["Kiyani", "Gen Kayani", "kaya", "Ashfaq Kayani", "Parvez"])
def test_suggestions_tolerate_titles_and_spellings(world, typed):
    suggestions = suggest_entities(typed)
    assert suggestions, typed
    assert suggestions[0].entity == world["kayani"]


def test_suggestions_find_surnames_by_prefix(world):
    assert suggest_entities("zard")[0].entity == world["zardari"]


def test_suggestions_for_nonsense_are_empty(world):
    assert suggest_entities("qqxxzz") == []
    assert suggest_entities("k") == []


def test_suggestions_skip_entities_marked_not_an_entity(world):
    Entity.objects.filter(pk=world["zardari"].pk).update(not_an_entity=True)
    assert all(s.entity != world["zardari"] for s in suggest_entities("Zardari"))


# --- dates ---------------------------------------------------------------------------------------


def test_published_between_takes_partial_dates_and_open_ends(world):
    assert titles(Article.objects.published_between("2010", "2010")) == {"Kayani urges restraint"}
    assert titles(Article.objects.published_between("2010-12")) == {"Kayani urges restraint", "Talks in Rawalpindi"}
    assert titles(Article.objects.published_between(None, "2009-06-15")) == {"Zardari on the economy"}
    assert not Article.objects.published_between("2009-06-16", "2010-11-30").exists()


def test_mentions_dates_between_needs_the_date_inside_the_range(world):
    assert titles(Article.objects.mentions_dates_between("2009")) == {"Kayani urges restraint"}
    assert titles(Article.objects.mentions_dates_between("2009-03", "2009-03")) == {"Kayani urges restraint"}
    # "March 2009" is not a statement about 15 March.
    assert not Article.objects.mentions_dates_between("2009-03-15", "2009-03-15").exists()
    assert titles(Article.objects.mentions_dates_between(None, "2008-12-31")) == {"Zardari on the economy"}


def test_cites_cables_between_uses_the_cable_date_or_the_date_given(world):
    both = {"Kayani urges restraint", "Talks in Rawalpindi"}
    assert titles(Article.objects.cites_cables_between("2009-02", "2009-02")) == both
    assert titles(Article.objects.cites_cables_between("2009-02-20", "2009-02-20")) == {"Kayani urges restraint"}
    assert titles(Article.objects.cites_cables_between("2009-02-21")) == set()
    assert titles(Article.objects.cites_cables_between("2009-01-01", "2009-02-28")) == both
    assert titles(Article.objects.cites_cables_between(None, "2009-02-27")) == {"Kayani urges restraint"}
    assert titles(Article.objects.cites_cables_between(None, "2009-02-19")) == set()


def test_dated_between_any_kind_is_the_union(world):
    assert titles(Article.objects.dated_between("2009", "2009")) == {
        "Kayani urges restraint",  # mentions March 2009, cites a February 2009 cable
        "Zardari on the economy",  # published 2009
        "Talks in Rawalpindi",  # cites a cable of February 2009
    }
    assert titles(Article.objects.dated_between("2009", "2009", kinds=["published"])) == {"Zardari on the economy"}
    assert titles(Article.objects.dated_between("2008", "2008", kinds=["mentioned"])) == {"Zardari on the economy"}


def test_dated_between_without_dates_filters_nothing(world):
    assert Article.objects.dated_between(None, None).count() == 4


# --- words ---------------------------------------------------------------------------------------


def test_matching_finds_words_in_title_or_body_and_ranks_the_title_first(world):
    qs = Article.objects.done().matching("restraint").by_relevance()
    assert [a.title for a in qs] == ["Kayani urges restraint", "Talks in Rawalpindi"]


def test_matching_phrases_negation_and_or(world):
    done = Article.objects.done()
    assert titles(done.matching('"urged restraint"')) == {"Kayani urges restraint"}
    assert titles(done.matching("restraint -Zardari")) == {"Kayani urges restraint"}
    assert titles(done.matching("troops or economy")) == {"Kayani urges restraint", "Zardari on the economy"}
    assert titles(done.matching("restraint Rawalpindi")) == {"Talks in Rawalpindi"}


def test_matching_nothing_is_empty(world):
    assert not Article.objects.matching("hovercraft").exists()


def test_filters_chain_in_any_order(world):
    kayani = world["kayani"]
    one = Article.objects.mentioning(kayani).published_between("2010", "2010").matching("restraint")
    other = Article.objects.matching("restraint").published_between("2010", "2010").mentioning(kayani)
    assert titles(one) == titles(other) == {"Kayani urges restraint"}
    assert not Article.objects.mentioning(world["zardari"]).matching("troops").exists()


def test_search_combines_people_dates_and_words(world):
    params = SearchParams.from_mapping({"person": ["Kayani", "Zardari"], "q": "restraint", "from": "2009"})
    qs, people = search_articles(params)
    assert titles(qs) == {"Talks in Rawalpindi"}
    assert [p.entities for p in people] == [[world["kayani"]], [world["zardari"]]]


def test_search_with_a_misspelt_person_uses_the_closest_name(world):
    qs, people = search_articles(SearchParams.from_mapping({"person": "Kiyani"}))
    assert not people[0].exact
    assert people[0].entities == [world["kayani"]]
    assert len(titles(qs)) == 2


def test_search_params_report_bad_values_instead_of_failing():
    params = SearchParams.from_mapping({"from": "soon", "dates": "tomorrow", "sort": "size", "kind": "X"})
    assert set(params.errors) == {"from", "dates", "sort", "kind"}
    assert (params.dates, params.sort, params.kind) == ("any", "relevance", "")


# --- the page ------------------------------------------------------------------------------------


def test_search_page_without_parameters_shows_the_form(client):
    response = client.get(reverse("articles:search"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="q"' in html and 'name="person"' in html and 'hx-push-url="true"' in html
    assert 'method="get"' in html  # works without JavaScript


def test_search_page_lists_matches_with_highlighted_snippets(client, world):
    html = client.get(reverse("articles:search"), {"q": "restraint"}).content.decode()
    assert "2 articles" in html
    assert "Kayani urges restraint" in html
    assert "<mark>restraint</mark>" in html
    assert "Restraint, queued" not in html


def test_search_page_shows_sentences_and_quotes_of_the_person(client, world):
    html = client.get(reverse("articles:search"), {"person": "Gen Kayani"}).content.decode()
    assert "<mark>Ashfaq Parvez Kayani</mark> urged restraint" in html
    assert "We will not move troops." in html


def test_search_page_says_which_person_a_misspelling_found(client, world):
    html = client.get(reverse("articles:search"), {"person": "Kiyani"}).content.decode()
    assert "No one is called “Kiyani”" in html
    assert "Ashfaq Parvez Kayani" in html


def test_search_page_shows_facet_counts(client, world):
    html = client.get(reverse("articles:search"), {"q": "restraint"}).content.decode()
    assert "The Guardian (2)" in html
    assert "2010 (1)" in html and "2011 (1)" in html
    assert "person (2)" in html
    assert "Islamabad (1)" in html and "Lahore (1)" in html


def test_facets_of_a_broad_search_are_counted_among_the_first_matches(client, monkeypatch):
    from articles import search

    monkeypatch.setattr(search, "FACET_CAP", 3)
    for n in range(5):
        ArticleFactory(title=f"Broad {n}", raw=f"b{n}", body="restraint", publication="The Daily")
    html = client.get(reverse("articles:search"), {"q": "restraint"}).content.decode()
    assert "The Daily (3)" in html
    assert "Counted among the first 3 matches." in html
    assert "5 articles" in html


def test_facets_of_a_narrow_search_are_exact(client, world):
    html = client.get(reverse("articles:search"), {"q": "restraint"}).content.decode()
    assert "Counted among the first" not in html


def test_search_page_facet_links_narrow_the_results(client, world):
    response = client.get(reverse("articles:search"), {"q": "restraint", "origin": "Lahore"})
    assert "1 article" in response.content.decode()
    assert "Talks in Rawalpindi" in response.content.decode()


def test_search_page_escapes_text_in_snippets(client):
    ArticleFactory(title="Markup", raw="m1", body="<script>alert(1)</script> restraint <b>bold</b>")
    html = client.get(reverse("articles:search"), {"q": "restraint"}).content.decode()
    snippet = html[html.index('class="snippet"') :]
    assert "<script>" not in snippet and "<b>" not in snippet  # escaped (SQLite) or dropped (ts_headline)
    assert "<mark>restraint</mark>" in snippet


def test_search_page_with_htmx_returns_the_results_fragment(client, world):
    response = client.get(
        reverse("articles:search"),
        {"q": "restraint"},
        headers={"HX-Request": "true", "HX-Target": "search-results"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="search-results"')
    assert "<form" not in html and "<html" not in html


def test_search_page_facet_clicks_get_the_form_and_results(client, world):
    response = client.get(
        reverse("articles:search"), {"q": "restraint"}, headers={"HX-Request": "true", "HX-Target": "search-page"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="search-page"')
    assert "<form" in html and "<html" not in html


def test_search_page_paginates(client):
    for n in range(25):
        ArticleFactory(title=f"Restraint {n}", raw=f"p{n}", body="restraint", published=dt.date(2010, 1, n + 1))
    first = client.get(reverse("articles:search"), {"q": "restraint", "sort": "newest"}).content.decode()
    assert "Page 1 of 2" in first and "Restraint 24" in first and "Restraint 0<" not in first
    second = client.get(reverse("articles:search"), {"q": "restraint", "sort": "newest", "page": 2}).content.decode()
    assert "Restraint 0<" in second
    assert "page=1" in second


def test_search_page_sorts_oldest_first(client, world):
    html = client.get(reverse("articles:search"), {"person": "Kayani", "sort": "oldest"}).content.decode()
    assert html.index("Kayani urges restraint") < html.index("Talks in Rawalpindi")


def test_search_page_reports_bad_dates(client, world):
    response = client.get(reverse("articles:search"), {"from": "last week", "q": "restraint"})
    assert response.status_code == 200
    assert "not a date like 2009" in response.content.decode()


def test_search_page_with_no_results_says_so(client, world):
    html = client.get(reverse("articles:search"), {"q": "restraint", "from": "1990", "to": "1991"}).content.decode()
    assert "0 articles" in html and "Nothing matches" in html


def test_search_page_queries_do_not_grow_with_results(client, world, django_assert_max_num_queries):
    for n in range(15):
        article = ArticleFactory(title=f"More {n}", raw=f"q{n}", body="Kayani asked for restraint.")
        mention(article, world["kayani"], "Kayani")
    with django_assert_max_num_queries(14):
        client.get(reverse("articles:search"), {"q": "restraint", "person": "Kayani"})


def test_search_page_follows_the_read_permission(client, settings):
    settings.ANONYMOUS_READ = False
    response = client.get(reverse("articles:search"), {"q": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_person_suggestions_fragment_is_a_datalist(client, world):
    response = client.get(reverse("articles:person-suggestions"), {"person": "Kiyani"}, headers={"HX-Request": "1"})
    html = response.content.decode()
    assert html.startswith('<datalist id="person-suggestions">')
    assert '<option value="Ashfaq Parvez Kayani">' in html


def test_navigation_links_to_search(client):
    assert b'href="/search/"' in client.get("/").content


@pytest.mark.parametrize("q", ["\x9b", "the", "!!!", '""'])
def test_matching_words_that_cannot_be_searched_filters_nothing(world, q):
    assert Article.objects.done().matching(q).by_relevance().count() == 3


def test_words_that_are_all_negated_exclude_without_error(world, client):
    kept = Article.objects.done().matching("-restraint").by_relevance()
    assert kept.count() == 1
    assert client.get(reverse("articles:search"), {"q": "-restraint"}).status_code == 200


def test_search_page_counts_big_results_only_up_to_the_cap(client, monkeypatch):
    from articles.search import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 3)
    for n in range(5):
        ArticleFactory(title=f"Capped {n}", raw=f"c{n}", body="restraint")
    html = client.get(reverse("articles:search"), {"q": "restraint"}).content.decode()
    assert "More than 3 articles" in html
    assert 'href="/api/articles.jsonl?q=restraint"' in html
