"""Exports: W3C Web Annotations, quotes as CSV, search results as JSON lines, and `manage.py export`."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from articles.exports import web_annotations, write_quotes_csv
from articles.models import Quote
from tests.factories import ArticleFactory, EntityFactory, QuoteFactory
from tests.worlds import build_world

pytestmark = pytest.mark.django_db
BASE = "https://cables.example.org"


@pytest.fixture
def world():
    return build_world()


def test_web_annotations_select_each_annotation_by_quote_and_position(world):
    article = world["restraint"]
    collection = web_annotations(article, base_url=BASE)
    assert collection["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["id"] == f"{BASE}/api/articles/{article.pk}/annotations"
    items = collection["first"]["items"]
    assert collection["total"] == len(items) == 5
    assert {i["motivation"] for i in items} == {"identifying", "describing", "tagging", "linking"}
    for item in items:
        targets = item["target"] if isinstance(item["target"], list) else [item["target"]]
        for target in targets:
            assert target["source"] == f"{BASE}/articles/{article.pk}/"
            quote, position = target["selector"]
            assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
            assert article.body[position["start"] : position["end"]] == quote["exact"]
            assert article.body[: position["start"]].endswith(quote["prefix"])
            assert article.body[position["end"] :].startswith(quote["suffix"])


def test_web_annotations_link_entities_and_cables(world):
    items = web_annotations(world["restraint"], base_url=BASE)["first"]["items"]
    mention = next(i for i in items if i["motivation"] == "identifying")
    assert mention["body"][0]["source"] == f"{BASE}/entities/{world['kayani'].pk}/"
    cable = next(i for i in items if i["motivation"] == "linking")
    assert cable["body"][0]["source"] == f"{BASE}/cables/09ISLAMABAD365/"


def test_web_annotations_of_a_split_quote_target_each_part():
    article = ArticleFactory(body='"We will," he said, "not move."', raw="split")
    QuoteFactory(article=article, start=1, end=29, spans=[[1, 8], [21, 29]], text="We will, not move.")
    item = web_annotations(article, base_url=BASE)["first"]["items"][0]
    assert [t["selector"][0]["exact"] for t in item["target"]] == ["We will", "not move"]


def test_web_annotations_can_leave_the_text_out(world):
    collection = web_annotations(world["restraint"], base_url=BASE, include_text=False)
    assert "text" not in collection
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"


def test_quotes_csv_neutralises_spreadsheet_formulas():
    article = ArticleFactory(body="=HYPERLINK(1) said", raw="formula", title="@sum")
    QuoteFactory(article=article, start=0, end=13, text="=HYPERLINK(1)", speaker=EntityFactory(name="Ann Bee"))
    out = io.StringIO()
    assert write_quotes_csv(Quote.objects.select_related("article", "speaker"), out, base_url=BASE) == 1
    row = list(csv.reader(io.StringIO(out.getvalue())))[1]
    assert row[:3] == ["Ann Bee", "'=HYPERLINK(1)", "'@sum"]


def test_export_command_writes_json_lines_of_a_search(world, capsys):
    call_command("export", "--format", "jsonl", "--q", "restraint", "--person", "Gen Kayani", "--sort", "oldest")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["title"] for line in lines] == ["Kayani urges restraint", "Talks in Rawalpindi"]
    assert lines[0]["entities"] and lines[0]["dates"][0]["value"] == "2009-03"


def test_export_command_writes_quotes_csv(world, tmp_path):
    path = tmp_path / "quotes.csv"
    call_command("export", "--format", "csv", "--base-url", BASE, "--output", str(path))
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert rows[0] == ["speaker", "quote", "article", "date", "url"]
    assert rows[1][0] == "Ashfaq Parvez Kayani" and rows[1][4] == f"{BASE}/articles/{world['restraint'].pk}/"


def test_export_command_writes_web_annotations(world, capsys):
    article = world["restraint"]
    call_command("export", "--format", "wadm", "--article", str(article.pk), "--without-text")
    (line,) = capsys.readouterr().out.splitlines()
    collection = json.loads(line)
    assert collection["type"] == "AnnotationCollection" and "text" not in collection


def test_export_command_filters_by_date_and_reports_bad_ones(world, capsys):
    call_command("export", "--format", "jsonl", "--from", "2011", "--dates", "published")
    assert [json.loads(x)["title"] for x in capsys.readouterr().out.splitlines()] == ["Talks in Rawalpindi"]
    with pytest.raises(CommandError, match="--from"):
        call_command("export", "--format", "jsonl", "--from", "someday")


def test_export_command_with_no_matches_writes_nothing(world, capsys):
    call_command("export", "--format", "jsonl", "--q", "hovercraft")
    assert capsys.readouterr().out == ""
