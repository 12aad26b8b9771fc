"""The article list and article page."""

import pytest
from django.urls import reverse

from articles.models import Article
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
