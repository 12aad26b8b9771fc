"""The ingest and annotate commands."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article

pytestmark = [pytest.mark.django_db, pytest.mark.model]

STORY = 'Gen Maria Lopez said on March 3, 2009: "We will not move the troops." The cable 09MADRID123 said so.'


def run(*args) -> tuple[str, str, int]:
    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        code = 0
    except CommandError as exc:
        code = exc.returncode
        err.write(str(exc))
    return out.getvalue(), err.getvalue(), code


def test_ingest_adds_processes_and_is_idempotent(tmp_path):
    (tmp_path / "one.txt").write_text("Headline\n\n" + STORY)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "two.md").write_text("# Two\n\nAnother story about Rome.")
    out, _, code = run("ingest", str(tmp_path), "--no-progress")
    assert code == 0
    assert "2 added, 0 already present, 0 failed" in out
    assert set(Article.objects.values_list("status", flat=True)) == {"done"}
    out, _, _ = run("ingest", str(tmp_path), "--no-progress")
    assert "0 added, 2 already present, 0 failed" in out
    assert Article.objects.count() == 2


def test_ingest_reports_bad_files_by_name_and_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 story about Lisbon.".encode("latin-1"))
    (tmp_path / "good.txt").write_text(STORY)
    out, err, code = run("ingest", str(tmp_path), "--no-progress")
    assert code == 1
    assert "2 added, 0 already present, 2 failed" in out
    assert "empty.txt is empty" in err
    assert "binary.txt is a binary file" in err
    latin = Article.objects.get(raw__contains="Café")
    assert latin.title == "Café story about Lisbon.", "an untitled text is headed by its opening words"


def test_ingest_refuses_a_file_over_the_limit(tmp_path, settings):
    settings.INGEST_MAX_BYTES = 1000
    (tmp_path / "huge.txt").write_text("word " * 1000)
    out, err, code = run("ingest", str(tmp_path / "huge.txt"), "--no-progress")
    assert code == 1
    assert "over the" in err and "limit" in err
    assert Article.objects.count() == 0


def test_ingest_queue_hands_work_to_the_task_workers(tmp_path):
    (tmp_path / "one.txt").write_text(STORY)
    out, _, code = run("ingest", str(tmp_path), "--queue", "--no-progress")
    assert code == 0
    assert Article.objects.get().status == Article.Status.QUEUED


def test_annotate_prints_one_json_line_per_document_without_touching_the_database(tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.json").write_text(json.dumps({"id": "gold-b", "raw": "Paris is in France."}))
    out, _, code = run("annotate", str(tmp_path / "a.txt"), str(tmp_path / "b.json"), "--json")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [d["id"] for d in lines] == ["a", "gold-b"]
    first = lines[0]
    assert {"text", "entities", "quotes", "dates", "cables"} <= first.keys()
    for entity in first["entities"]:
        assert first["text"][entity["start"] : entity["end"]] == entity["text"]
    assert Article.objects.count() == 0
