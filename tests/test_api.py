"""The read-only JSON API: every endpoint, pagination, permissions, the OpenAPI schema."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.contrib.auth import get_user_model

from articles.api import issue_api_token
from articles.models import Quote
from tests.factories import ArticleFactory
from tests.worlds import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def test_article_list_applies_the_search_filters(client, world):
    response = client.get("/api/articles", {"q": "restraint", "person": "Gen Kayani"})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    assert [a["title"] for a in data["items"]] == ["Kayani urges restraint", "Talks in Rawalpindi"]
    assert data["items"][0]["page"] == f"/articles/{world['restraint'].pk}/"


def test_article_list_takes_several_people_and_dates(client, world):
    response = client.get("/api/articles", {"person": ["Kayani", "Zardari"], "from": "2011", "dates": "published"})
    assert [a["id"] for a in response.json()["items"]] == [world["talks"].pk]


def test_article_list_rejects_bad_dates_with_422(client, world):
    response = client.get("/api/articles", {"from": "next tuesday"})
    assert response.status_code == 422
    assert "not a date" in response.content.decode()


def test_article_list_paginates(client):
    for n in range(30):
        ArticleFactory(raw=f"a{n}")
    first = client.get("/api/articles", {"page_size": 20}).json()
    second = client.get("/api/articles", {"page_size": 20, "page": 2}).json()
    assert first["count"] == second["count"] == 30
    assert len(first["items"]) == 20 and len(second["items"]) == 10
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}
    assert client.get("/api/articles", {"page_size": 1000}).status_code == 422


def test_article_list_queries_do_not_grow(client, django_assert_max_num_queries):
    for n in range(30):
        ArticleFactory(raw=f"b{n}")
    with django_assert_max_num_queries(3):
        client.get("/api/articles")


def test_article_detail_has_every_annotation_with_offsets(client, world):
    article = world["restraint"]
    data = client.get(f"/api/articles/{article.pk}").json()
    assert data["body"] == article.body
    mention = data["mentions"][0]
    assert article.body[mention["start"] : mention["end"]] == mention["text"] == "Ashfaq Parvez Kayani"
    assert mention["entity"] == {"id": world["kayani"].pk, "name": "Ashfaq Parvez Kayani", "kind": "PERSON"}
    assert data["quotes"][0]["speaker"]["id"] == world["kayani"].pk
    assert data["dates"][0]["value"] == "2009-03"
    assert data["cable_references"][0]["cable"] == "09ISLAMABAD365"


def test_article_detail_of_a_missing_article_is_404(client, world):
    assert client.get("/api/articles/999999").status_code == 404
    assert client.get(f"/api/articles/{2**70}").status_code == 422


def test_entity_list_and_detail(client, world):
    data = client.get("/api/entities", {"q": "kayani", "kind": "PERSON"}).json()
    assert data["count"] == 1
    kayani = data["items"][0]
    assert kayani["mention_count"] == 2
    assert set(kayani["aliases"]) == {"Kayani", "Gen Kayani"}
    detail = client.get(f"/api/entities/{kayani['id']}").json()
    assert {m["article_id"] for m in detail["mentions"]} == {world["restraint"].pk, world["talks"].pk}
    assert detail["quotes"][0]["text"] == "We will not move troops."


def test_quotes_filter_by_speaker_and_date(client, world):
    by_id = client.get("/api/quotes", {"speaker_id": world["kayani"].pk}).json()
    assert by_id["count"] == 1
    assert by_id["items"][0]["article"]["id"] == world["restraint"].pk
    assert client.get("/api/quotes", {"speaker": "Gen Kayani"}).json()["count"] == 1
    assert client.get("/api/quotes", {"speaker": "Kayani", "to": "2009"}).json()["count"] == 0
    assert client.get("/api/quotes", {"speaker": "Kayani", "from": "2010-12"}).json()["count"] == 1
    assert client.get("/api/quotes", {"from": "2010-13"}).status_code == 422


def test_cables_list_and_detail(client, world):
    data = client.get("/api/cables", {"origin": "islamabad", "from": "2009-02"}).json()
    assert [c["reference_id"] for c in data["items"]] == ["09ISLAMABAD365"]
    detail = client.get("/api/cables/09ISLAMABAD365").json()
    assert detail["cited_by"] == [world["restraint"].pk]
    assert client.get("/api/cables/NOSUCHCABLE").status_code == 404


def test_quotes_csv_export(client, world):
    response = client.get("/api/quotes.csv", {"speaker": "Kayani"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["speaker", "quote", "article", "date", "url"]
    assert rows[1] == [
        "Ashfaq Parvez Kayani",
        "We will not move troops.",
        "Kayani urges restraint",
        "2010-12-01",
        f"http://testserver/articles/{world['restraint'].pk}/",
    ]


def test_jsonl_export_of_a_search(client, world):
    response = client.get("/api/articles.jsonl", {"q": "restraint"})
    lines = [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]
    assert [line["title"] for line in lines] == ["Kayani urges restraint", "Talks in Rawalpindi"]
    assert lines[0]["quotes"][0]["speaker"] == "Ashfaq Parvez Kayani"


def test_web_annotations_endpoint(client, world):
    article = world["restraint"]
    response = client.get(f"/api/articles/{article.pk}/annotations")
    assert response["Content-Type"].startswith("application/ld+json")
    data = response.json()
    assert data["type"] == "AnnotationCollection" and data["text"] == article.body
    without = client.get(f"/api/articles/{article.pk}/annotations", {"include_text": "false"}).json()
    assert "text" not in without
    assert without["total"] == data["total"] == 5


def test_private_collection_needs_a_session_or_token(client, world, settings):
    settings.ANONYMOUS_READ = False
    for url in ("/api/articles", f"/api/articles/{world['restraint'].pk}", "/api/entities", "/api/quotes.csv"):
        assert client.get(url).status_code == 401, url
    user = get_user_model().objects.create_user("reader", password="x")
    token = issue_api_token(user)
    assert client.get("/api/articles", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert client.get("/api/articles", headers={"Authorization": "Bearer forged"}).status_code == 401
    client.force_login(user)
    assert client.get("/api/articles").status_code == 200


def test_inactive_users_tokens_stop_working(client, settings):
    settings.ANONYMOUS_READ = False
    user = get_user_model().objects.create_user("gone", password="x", is_active=False)
    response = client.get("/api/articles", headers={"Authorization": f"Bearer {issue_api_token(user)}"})
    assert response.status_code == 401


def test_openapi_schema_is_served_and_valid(client):
    from openapi_spec_validator import validate

    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert {"/api/articles", "/api/articles/{article_id}", "/api/entities", "/api/quotes", "/api/cables"} <= set(
        schema["paths"]
    )
    assert client.get("/api/docs").status_code == 200


def test_rejected_quotes_are_not_exported(client, world):
    Quote.objects.update(review="rejected")
    assert client.get("/api/quotes").json()["count"] == 0
    rows = list(csv.reader(io.StringIO(client.get("/api/quotes.csv").content.decode())))
    assert len(rows) == 1
