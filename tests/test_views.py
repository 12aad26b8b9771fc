"""Reading pages: the article list, the article page and its panels, entities, the timeline."""

import datetime as dt
import itertools
import re

import pytest
from django.urls import reverse

from articles.models import Alias, Article, Cable, CableReference, DateMention, Entity, Quote, ReviewState
from tests.factories import ArticleFactory, EntityFactory, MentionFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def test_home_page_lists_articles_linking_to_their_pages(client):
    article = ArticleFactory(title="Envoys and generals")
    response = client.get("/")
    assert response.status_code == 200
    assert b"Envoys and generals" in response.content
    assert f'href="/articles/{article.pk}/"'.encode() in response.content


def test_article_list_queries_do_not_grow_with_articles(client, django_assert_max_num_queries):
    for _ in range(30):
        MentionFactory()
    with django_assert_max_num_queries(4):
        client.get("/")


def test_article_page_shows_the_text_with_its_annotations(client):
    article = ArticleFactory(body="Jane Roe said hello to the press.", raw="x1")
    person = EntityFactory(name="Jane Roe")
    MentionFactory(article=article, entity=person, start=0, end=8)
    QuoteFactory(article=article, start=14, end=19, speaker=person)
    response = client.get(reverse("articles:detail", args=[article.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="ann ann-person"' in html
    assert 'class="ann ann-quote"' in html
    assert "Jane Roe" in html


def test_article_page_escapes_markup_in_the_body(client):
    article = ArticleFactory(body='<script>alert(1)</script> and <img src=x onerror="alert(1)">', raw="x2")
    html = client.get(reverse("articles:detail", args=[article.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def test_status_partial_stops_polling_when_done(client):
    article = ArticleFactory(status=Article.Status.DONE)
    response = client.get(reverse("articles:status", args=[article.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 286
    queued = ArticleFactory(status=Article.Status.QUEUED)
    response = client.get(reverse("articles:status", args=[queued.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b"hx-get" in response.content


def test_private_collection_sends_visitors_to_sign_in(client, settings):
    settings.ANONYMOUS_READ = False
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# ---------------------------------------------------------------------------
# Helpers: an article with one annotation of every layer.

KAYANI_BODY = (
    'Gen Kayani told Petraeus on January 24, 2009 that Pakistan "would respond to an Indian attack," '
    "according to a US embassy cable from Islamabad, 09ISLAMABAD365.\n"
    '"If there is any clue," he said, "please share it with us."'
)


_serial = itertools.count()


def annotated_article(body: str = KAYANI_BODY, *, extra_people: int = 0, **fields) -> dict:
    article = ArticleFactory(body=body, raw=f"{body} {next(_serial)}", **fields)
    kayani = EntityFactory(name="Ashfaq Parvez Kayani")
    Alias.objects.get_or_create(entity=kayani, name="Gen Kayani")
    petraeus = EntityFactory(name="David Petraeus")
    pakistan = EntityFactory(name="Pakistan", kind=Entity.Kind.GPE)
    islamabad = EntityFactory(name="Islamabad", kind=Entity.Kind.GPE)
    for entity, words in ((kayani, "Gen Kayani"), (petraeus, "Petraeus"), (pakistan, "Pakistan")):
        start = body.index(words)
        MentionFactory(article=article, entity=entity, start=start, end=start + len(words))
    start = body.index("Islamabad")
    MentionFactory(article=article, entity=islamabad, start=start, end=start + 9)
    date_start = body.index("January 24, 2009")
    DateMention.objects.create(
        article=article,
        start=date_start,
        end=date_start + 16,
        text="January 24, 2009",
        value="2009-01-24",
        precision="day",
        date_from=dt.date(2009, 1, 24),
        date_to=dt.date(2009, 1, 24),
    )
    q1_start = body.index("would respond")
    q1 = QuoteFactory(article=article, start=q1_start, end=q1_start + 33, speaker=kayani, cue="told")
    part1 = (body.index("If there"), body.index("If there") + len("If there is any clue,"))
    part2 = (body.index("please share"), body.index("please share") + len("please share it with us."))
    q2 = QuoteFactory(
        article=article,
        start=part1[0],
        end=part2[1],
        spans=[list(part1), list(part2)],
        speaker=kayani,
        cue="said",
        text="If there is any clue, please share it with us.",
    )
    cable, _ = Cable.objects.get_or_create(
        reference_id="09ISLAMABAD365", defaults={"origin": "Islamabad", "subject": "Kayani on restraint"}
    )
    ref_start = body.index("a US embassy cable")
    vague = CableReference.objects.create(
        article=article,
        start=ref_start,
        end=ref_start + len("a US embassy cable from Islamabad"),
        text="a US embassy cable from Islamabad",
        origin="Islamabad",
    )
    id_start = body.index("09ISLAMABAD365")
    exact = CableReference.objects.create(
        article=article,
        start=id_start,
        end=id_start + 14,
        text="09ISLAMABAD365",
        reference_id="09ISLAMABAD365",
        cable=cable,
    )
    for i in range(extra_people):
        MentionFactory(article=article, entity=EntityFactory(), start=i % 50, end=i % 50 + 3)
    return {
        "article": article,
        "kayani": kayani,
        "petraeus": petraeus,
        "q1": q1,
        "q2": q2,
        "cable": cable,
        "vague": vague,
        "exact": exact,
    }


def detail_url(article, **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("articles:detail", args=[article.pk]) + (f"?{query}" if query else "")


def htmx_get(client, url: str, target: str):
    return client.get(url, headers={"HX-Request": "true", "HX-Target": target})


# ---------------------------------------------------------------------------
# The article list


def test_article_list_shows_counts_of_people_quotes_and_cables(client):
    data = annotated_article(title="Kayani told Petraeus")
    html = client.get("/").content.decode()
    assert "Kayani told Petraeus" in html
    assert "<strong>2</strong> people" in html
    assert "<strong>2</strong> quotes" in html
    assert "<strong>2</strong> cable references" in html
    assert data["article"].get_absolute_url() in html


def test_article_list_puts_the_newest_first(client):
    ArticleFactory(title="Older story", published=dt.date(2009, 1, 1))
    ArticleFactory(title="Newer story", published=dt.date(2011, 1, 1))
    html = client.get("/").content.decode()
    assert html.index("Newer story") < html.index("Older story")


def test_article_list_filters_by_publication_and_year(client):
    ArticleFactory(title="Guardian 2010", publication="The Guardian", published=dt.date(2010, 12, 1))
    ArticleFactory(title="Guardian 2011", publication="The Guardian", published=dt.date(2011, 2, 1))
    ArticleFactory(title="Dawn 2010", publication="Dawn", published=dt.date(2010, 12, 2))
    html = client.get("/", {"publication": "The Guardian", "year": "2010"}).content.decode()
    assert "Guardian 2010" in html
    assert "Guardian 2011" not in html
    assert "Dawn 2010" not in html
    assert '<option value="Dawn">' in html
    assert '<option value="2011">' in html


def test_article_list_is_paginated_keeping_the_filters(client):
    for i in range(27):
        ArticleFactory(title=f"Story {i}", publication="Dawn")
    html = client.get("/", {"publication": "Dawn"}).content.decode()
    assert "Page 1 of 2" in html
    assert 'href="?publication=Dawn&amp;page=2"' in html
    assert client.get("/", {"publication": "Dawn", "page": 2}).content.decode().count('class="article-item"') == 2


def test_article_list_polls_the_status_of_articles_still_processing(client):
    article = ArticleFactory(title="Still working", status=Article.Status.PROCESSING)
    html = client.get("/").content.decode()
    assert f'hx-get="{reverse("articles:status", args=[article.pk])}"' in html
    assert 'hx-trigger="every 2s"' in html


def test_article_list_queries_are_fixed_however_many_annotations(client, django_assert_num_queries):
    annotated_article(extra_people=40)
    for _ in range(10):
        MentionFactory()
    with django_assert_num_queries(4):
        client.get("/", {"publication": "", "year": ""})


# ---------------------------------------------------------------------------
# The article page


def test_article_page_marks_every_layer_and_links_entities_to_their_panel(client):
    data = annotated_article()
    article = data["article"]
    html = client.get(detail_url(article)).content.decode()
    for layer in ("person", "place", "date", "quote", "cable"):
        assert f"ann ann-{layer}" in html
    kayani = data["kayani"]
    assert f'href="{detail_url(article, entity=kayani.pk)}#entity-panel"' in html
    assert f'hx-get="{detail_url(article, entity=kayani.pk)}"' in html
    assert 'hx-target="#entity-panel"' in html


def test_article_page_shows_the_speaker_beside_each_quote_once(client):
    data = annotated_article()
    html = client.get(detail_url(data["article"])).content.decode()
    # The split quote is marked in both parts but labelled once, after its last part.
    assert html.count(f'data-quote="{data["q2"].pk}" title=') == 2
    assert html.count('class="ann-label ann-label-quote"') == 2
    assert 'attack</mark>,&quot;<a class="ann-label ann-label-quote"' in html
    assert ">Ashfaq Parvez Kayani</a> according to" in html


def test_article_page_marks_a_speaker_inferred_without_an_attribution_verb(client):
    data = annotated_article()
    Quote.objects.filter(pk=data["q2"].pk).update(cue="")
    html = client.get(detail_url(data["article"])).content.decode()
    assert ">Ashfaq Parvez Kayani?</a>" in html  # the guessed speaker after the second quote
    assert ">Ashfaq Parvez Kayani</a> according to" in html  # the stated one stays plain
    assert '<span class="cue cue-inferred"' in html
    panel = htmx_get(client, detail_url(data["article"], quote=data["q2"].pk), "quote-panel").content.decode()
    assert "(inferred from the sentences around the quote)" in panel
    # A curator who accepts the speaker makes it a stated one.
    Quote.objects.filter(pk=data["q2"].pk).update(review=ReviewState.ACCEPTED)
    assert ">Ashfaq Parvez Kayani?</a>" not in client.get(detail_url(data["article"])).content.decode()


def test_article_page_links_do_not_nest_inside_a_cable_reference(client):
    data = annotated_article()
    html = client.get(detail_url(data["article"])).content.decode()
    start = html.index('data-ref="')
    inner = html[start : html.index("</a>", start)]
    assert "<a " not in inner
    assert '<mark data-entity="' in inner


def test_article_page_legend_toggles_keep_the_state_in_the_url(client):
    data = annotated_article()
    article = data["article"]
    html = client.get(detail_url(article, hide="date,org")).content.decode()
    assert 'class="body hide-org hide-date"' in html
    # Each toggle is a link to the page with that layer flipped, so it works without JavaScript.
    assert f'href="{detail_url(article, hide="org")}" data-layer="date"' in html
    assert f'href="{detail_url(article, hide="org,date,person")}" data-layer="person"' in html
    assert 'data-layer="date"\n             role="button" aria-pressed="false"' in html


def test_article_page_hidden_layers_leave_the_tab_order(client):
    data = annotated_article()
    html = client.get(detail_url(data["article"], hide="person")).content.decode()
    start = html.index('class="ann ann-person"')
    tag = html[html.rindex("<a ", 0, start) : html.index(">", start)]
    assert 'tabindex="-1"' in tag


def test_article_page_groups_quotes_by_speaker(client):
    data = annotated_article()
    html = client.get(detail_url(data["article"])).content.decode()
    section = html[html.index('id="quotes-panel"') :]
    assert "Ashfaq Parvez Kayani" in section
    assert "“If there is any clue, please share it with us.”" in section


def test_article_page_renders_markup_in_the_raw_text_as_text(client):
    body = "Headline <script>alert(1)</script> then <img src=x onerror=alert(1)> end."
    article = ArticleFactory(title="<script>alert(2)</script>", body=body, raw=body)
    EntityFactory(name="<img src=y onerror=alert(3)>")
    MentionFactory(article=article, entity=Entity.objects.get(name__startswith="<img"), start=0, end=8)
    html = client.get(detail_url(article)).content.decode()
    assert "<script>alert" not in html
    assert "<img src=" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_article_page_has_no_inline_script(client):
    data = annotated_article()
    html = client.get(detail_url(data["article"])).content.decode()
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag
    assert " on" + "click=" not in html


def test_article_page_queries_are_fixed_however_many_annotations(client, django_assert_num_queries):
    small = annotated_article()["article"]
    with django_assert_num_queries(5) as few:
        client.get(detail_url(small))
    Entity.objects.all().delete()
    big = annotated_article(extra_people=80)["article"]
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(detail_url(big))


def test_article_page_with_a_panel_open_queries_are_fixed(client, django_assert_num_queries):
    data = annotated_article(extra_people=30)
    article, kayani = data["article"], data["kayani"]
    with django_assert_num_queries(10):
        client.get(detail_url(article, entity=kayani.pk))


# ---------------------------------------------------------------------------
# Panels: the same URL serves the page and, for HTMX, the panel alone


def test_entity_panel_is_a_fragment_for_htmx(client):
    data = annotated_article()
    other = ArticleFactory(title="Another Kayani story")
    MentionFactory(article=other, entity=data["kayani"], start=0, end=5)
    response = htmx_get(client, detail_url(data["article"], entity=data["kayani"].pk), "entity-panel")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith('<section id="entity-panel"')
    assert "<html" not in html
    assert "Ashfaq Parvez Kayani" in html
    assert "Gen Kayani" in html  # the alias
    assert "person" in html
    assert "Another Kayani story" in html
    assert "would respond to an Indian attack" in html  # the entity's quotes
    assert f'href="{data["kayani"].get_absolute_url()}"' in html


def test_entity_panel_opens_in_the_full_page_without_javascript(client):
    data = annotated_article()
    html = client.get(detail_url(data["article"], entity=data["kayani"].pk)).content.decode()
    assert "<html" in html
    assert '<section id="entity-panel" class="panel panel-entity' in html
    assert '<section id="quote-panel" class="panel" hidden>' in html


def test_quote_panel_shows_speaker_cue_and_their_other_quotes(client):
    data = annotated_article()
    html = htmx_get(client, detail_url(data["article"], quote=data["q1"].pk), "quote-panel").content.decode()
    assert html.strip().startswith('<section id="quote-panel"')
    assert "Ashfaq Parvez Kayani" in html
    assert "<dd>told</dd>" in html
    assert "If there is any clue" in html


def test_quote_panel_of_another_articles_quote_is_not_found(client):
    data = annotated_article()
    stranger = QuoteFactory()
    response = htmx_get(client, detail_url(data["article"], quote=stranger.pk), "quote-panel")
    assert response.status_code == 404


def test_cable_panel_shows_the_cable_it_refers_to(client):
    data = annotated_article()
    html = htmx_get(client, detail_url(data["article"], ref=data["exact"].pk), "cable-panel").content.decode()
    assert html.strip().startswith('<section id="cable-panel"')
    assert "Kayani on restraint" in html
    assert f'href="{data["cable"].get_absolute_url()}"' in html


def test_cable_panel_of_a_vague_reference_says_what_the_text_says(client):
    data = annotated_article()
    html = htmx_get(client, detail_url(data["article"], ref=data["vague"].pk), "cable-panel").content.decode()
    assert "a US embassy cable from Islamabad" in html
    assert "<dd>Islamabad</dd>" in html


def test_cable_panel_lists_candidates_by_reference_id(client):
    data = annotated_article()
    ref = data["exact"]
    ref.cable = None
    ref.save()
    html = htmx_get(client, detail_url(data["article"], ref=ref.pk), "cable-panel").content.decode()
    assert "Possibly" in html
    assert "09ISLAMABAD365" in html


# ---------------------------------------------------------------------------
# Entity page and timeline


def test_entity_page_profiles_a_person(client):
    data = annotated_article(published=dt.date(2010, 12, 1))
    html = client.get(data["kayani"].get_absolute_url()).content.decode()
    assert "Ashfaq Parvez Kayani" in html
    assert "Gen Kayani" in html
    assert "would respond to an Indian attack" in html
    assert "David Petraeus" in html  # named alongside
    assert "<svg" in html
    assert f'<a href="{data["article"].get_absolute_url()}" class="point">' in html


def test_entity_page_queries_are_fixed_however_many_annotations(client, django_assert_num_queries):
    data = annotated_article(extra_people=5)
    with django_assert_num_queries(7) as few:
        client.get(data["kayani"].get_absolute_url())
    more = annotated_article(extra_people=60, title="More")
    QuoteFactory(article=more["article"], speaker=data["kayani"])
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(data["kayani"].get_absolute_url())


def test_timeline_links_each_point_to_its_article(client):
    data = annotated_article(published=dt.date(2010, 12, 1), title="Timeline story")
    html = client.get(reverse("articles:timeline")).content.decode()
    assert "<svg" in html
    assert f'<a href="{data["article"].get_absolute_url()}" class="point">' in html
    assert "January 24, 2009 (2009-01-24)" in html


def test_timeline_of_one_person_shows_only_their_articles(client):
    data = annotated_article(published=dt.date(2010, 12, 1), title="About Kayani")
    ArticleFactory(title="About nobody", published=dt.date(2011, 1, 1))
    html = client.get(reverse("articles:timeline"), {"entity": data["kayani"].pk}).content.decode()
    assert "About Kayani" in html
    assert "About nobody" not in html


def test_article_page_says_when_the_text_is_not_in_english(client):
    portuguese = ArticleFactory(body="O embaixador escreveu.", raw="x-pt", language="pt", status=Article.Status.DONE)
    english = ArticleFactory(body="The ambassador wrote.", raw="x-en", language="en", status=Article.Status.DONE)
    html = client.get(reverse("articles:detail", args=[portuguese.pk])).content.decode()
    assert "Written in Portuguese" in html
    html = client.get(reverse("articles:detail", args=[english.pk])).content.decode()
    assert "Written in" not in html
