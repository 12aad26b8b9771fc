"""Reading uploads: encodings, formats and the refusals users see."""

import codecs
import json

import pytest

from articles.documents import DocumentError, decode_bytes, kind_for, read_bytes

MB = 1024 * 1024


def test_utf8_text_is_read_as_is():
    assert decode_bytes("Café “quoted”".encode()) == "Café “quoted”"


def test_utf16_with_bom_is_decoded():
    data = codecs.BOM_UTF16_LE + "Kabul, 2009".encode("utf-16-le")
    assert decode_bytes(data) == "Kabul, 2009"


def test_windows_1252_falls_back_with_curly_quotes_intact():
    data = "He said “no” – café".encode("cp1252")
    assert decode_bytes(data) == "He said “no” – café"


def test_empty_and_whitespace_files_are_refused_by_name():
    for data in (b"", b"  \n\t  "):
        with pytest.raises(DocumentError, match="notes.txt is empty"):
            decode_bytes(data, name="notes.txt")


def test_binary_file_is_refused():
    with pytest.raises(DocumentError, match="binary"):
        decode_bytes(bytes(range(256)) * 10, name="image.png")


def test_bytes_undefined_in_every_accepted_encoding_are_refused():
    with pytest.raises(DocumentError, match="neither UTF-8"):
        decode_bytes(b"abc \x81\x8d\x8f\x90\x9d def", name="odd.txt")


def test_oversized_file_gets_a_clear_message():
    [result] = list(read_bytes(b"a" * (2 * MB), name="big.txt", max_bytes=MB))
    assert result.document is None
    assert "over the 1.0 MB limit" in result.error


def test_jsonl_gives_one_document_per_line_and_reports_bad_lines():
    lines = [json.dumps({"title": "One", "text": "First body."}), "{not json", json.dumps({"text": "Second."})]
    results = list(read_bytes("\n".join(lines).encode(), name="batch.jsonl", max_bytes=MB))
    assert [r.document.title for r in results if r.document] == ["One", ""]
    assert [r.name for r in results if r.error] == ["batch.jsonl line 2"]


def test_gold_json_uses_its_raw_and_id():
    data = json.dumps({"format": "cables-gold/1", "id": "doc-1", "raw": "Body <b>x</b>", "text": "Body x"})
    [result] = list(read_bytes(data.encode(), name="doc.json", max_bytes=MB))
    assert result.document.id == "doc-1"
    assert result.document.raw == "Body <b>x</b>"


def test_kind_comes_from_the_suffix_or_sniffing():
    assert kind_for("a.md", "") == "markdown"
    assert kind_for("a.htm", "") == "html"
    assert kind_for("upload", "<!DOCTYPE html><html><body>x</body></html>") == "html"
    assert kind_for("upload", "Just words.") == "text"
