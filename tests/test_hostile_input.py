"""Hostile and broken input: each gets a clear refusal or a correct result, and nothing stored changes."""

from __future__ import annotations

import codecs
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import services
from articles.documents import read_bytes
from articles.models import Article, Mention
from articles.nlp import SourceDocument, annotate_documents

MB = 1024 * 1024

BAD_UPLOADS = {
    "empty.txt": (b"", "is empty"),
    "blank.txt": (b" \n\t \r\n ", "is empty"),
    "binary.txt": (bytes(range(256)) * 64, "binary"),
    "nul.md": (b"text\x00with\x00nuls" * 100, "binary"),
    "huge.txt": (b"word " * (11 * MB // 5), "limit"),
    "not-text.txt": (b"\x81\x8d\x8f\x90\x9d" * 50, "neither UTF-8"),
    "bad-bom.txt": (codecs.BOM_UTF8 + b"\xff\xfe broken", "not valid UTF-8"),
}

WEIRD_BUT_READABLE = {
    "truncated-utf8.txt": "Kabul café report".encode() + "é".encode()[:1],
    "utf16.txt": codecs.BOM_UTF16_LE + "Report from Kabul, 3 May 2009.".encode("utf-16-le"),
    "cp1252.txt": "He said “we will see” – in Paris.".encode("cp1252"),
    # A 1 MB line of long tokens: parsed in pieces, in seconds rather than minutes.
    "one-long-line.txt": (("x" * 49 + " ") * 20_000).encode(),
    "rtl.txt": "التقرير من القاهرة. The report came from Cairo on 4 June 2009.".encode(),
    "zero-width.txt": "Ja\u200bne Roe\u200d met John\ufeff Doe in Paris.".encode(),
    "nested.html": ("<div>" * 5000 + "<p>Deep text about Rome.</p>" + "</div>" * 5000).encode(),
    "hostile.html": (
        b"<html><body><script>alert(1)</script><iframe src='javascript:alert(1)'></iframe>"
        b"<p onclick='alert(1)'>The envoy said \"hello\" in <a href='javascript:alert(2)'>Rome</a>.</p>"
        b"<img src=x onerror=alert(1)></body></html>"
    ),
    "quotes.txt": ('"Unclosed quote starts here and never ends. ' + "“mixed” 'marks\" ”reversed“ " * 50).encode(),
    "many-quotes.txt": ('She said "yes." ' * 3000).encode(),
    "no-entities.txt": b"the and of to in is was it for on with as be at by this had not are but from or have",
}


@pytest.mark.parametrize("name", sorted(BAD_UPLOADS))
def test_bad_upload_gets_a_clear_message(name):
    data, message = BAD_UPLOADS[name]
    [result] = list(read_bytes(data, name=name, max_bytes=10 * MB))
    assert result.document is None
    assert message in result.error
    assert name in result.error


@pytest.mark.django_db
@pytest.mark.model
def test_bad_files_leave_stored_articles_untouched(tmp_path, settings):
    settings.INGEST_MAX_BYTES = 10 * MB
    existing, _ = services.add_article(document=SourceDocument(id="keep", raw="Jane Roe visited Paris."))
    services.process_articles([existing])
    before = list(Article.objects.values()), list(Mention.objects.values())
    for name, (data, _) in BAD_UPLOADS.items():
        (tmp_path / name).write_bytes(data)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(tmp_path), "--no-progress", stdout=StringIO(), stderr=err)
    assert (list(Article.objects.values()), list(Mention.objects.values())) == before
    for name in BAD_UPLOADS:
        assert name in err.getvalue()


@pytest.mark.django_db
@pytest.mark.model
def test_weird_but_readable_files_are_processed_with_spans_inside_the_body(tmp_path):
    for name, data in WEIRD_BUT_READABLE.items():
        (tmp_path / name).write_bytes(data)
    out = StringIO()
    call_command("ingest", str(tmp_path), "--no-progress", stdout=out, stderr=StringIO())
    assert f"{len(WEIRD_BUT_READABLE)} added, 0 already present, 0 failed" in out.getvalue()
    for article in Article.objects.all():
        assert article.status == Article.Status.DONE, (article.source_name, article.error)
        for model in (article.mentions, article.quotes, article.date_mentions, article.cable_references):
            for row in model.all():
                assert 0 <= row.start < row.end <= len(article.body)
    hostile = Article.objects.get(source_name__endswith="hostile.html")
    assert "alert(" not in hostile.body
    assert "Rome" in hostile.body


_TEXT = st.lists(
    st.sampled_from([*"abcdefgh ABCD.,;:!?\n\"'“”‘’«»()-–—0123456789/<>&", "Jane Roe", " said ", "cable", "\n\n"]),
    max_size=120,
).map("".join)


@pytest.mark.model
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=_TEXT, kind=st.sampled_from(["text", "markdown", "html"]))
def test_extraction_never_crashes_and_every_span_is_inside_the_body(raw, kind):
    [annotation] = list(annotate_documents([SourceDocument(id="x", raw=raw, kind=kind)]))
    n = len(annotation.text)
    for item in (*annotation.entities, *annotation.dates, *annotation.cables):
        assert 0 <= item.start < item.end <= n
        assert annotation.text[item.start : item.end] == item.text
    for quote in annotation.quotes:
        for start, end in quote.spans:
            assert 0 <= start < end <= n
