"""Reading uploaded files into SourceDocuments: formats, encodings and refusals. No Django here."""

from __future__ import annotations

import codecs
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from articles.nlp.types import SourceDocument

SUFFIX_KINDS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
STRUCTURED_SUFFIXES = {".json", ".jsonl"}
ACCEPTED_SUFFIXES = frozenset(SUFFIX_KINDS) | STRUCTURED_SUFFIXES

# Characters that never appear in text but fill binary files.
_CONTROL = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x20)) - {0x1B}


class DocumentError(ValueError):
    """A document cannot be read; the message says why, in words a user understands."""


@dataclass(frozen=True)
class ReadResult:
    """One document read from a file, or the reason it could not be."""

    name: str
    document: SourceDocument | None = None
    error: str = ""


def decode_bytes(data: bytes, *, name: str = "the file") -> str:
    """Decode an upload: BOMs first, then UTF-8, then Windows-1252; refuse binary and empty data."""
    if not data.strip():
        raise DocumentError(f"{name} is empty")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise DocumentError(
                    f"{name} starts with a {encoding.upper()} marker but is not valid {encoding.upper()}"
                ) from None
            return _check_text(text, name)
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{name} is a binary file, not text")
    try:
        return _check_text(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    # Not UTF-8: the common legacy encoding of news text is Windows-1252 (a superset of Latin-1
    # for printable characters). Anything with bytes undefined there is not text we can read.
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise DocumentError(f"{name} is neither UTF-8, UTF-16 nor Windows-1252 text") from None
    return _check_text(text, name)


def _check_text(text: str, name: str) -> str:
    if not text.strip():
        raise DocumentError(f"{name} is empty")
    sample = text[:65536]
    control = sum(1 for ch in sample if ord(ch) in _CONTROL)
    if control > max(8, len(sample) // 100):
        raise DocumentError(f"{name} is a binary file, not text")
    return text


def kind_for(name: str, text: str) -> str:
    """The document kind from the file name, sniffing for HTML when the name says nothing."""
    kind = SUFFIX_KINDS.get(Path(name).suffix.lower())
    if kind:
        return kind
    head = text.lstrip()[:500].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    return "text"


def _parse_date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def document_from_mapping(item: dict, *, fallback_id: str) -> SourceDocument:
    """A SourceDocument from a JSON object: a gold file or one line of a .jsonl upload."""
    raw = item.get("raw") or item.get("text") or item.get("body") or ""
    if not isinstance(raw, str) or not raw.strip():
        raise DocumentError("has no text (expected a 'raw', 'text' or 'body' field)")
    kind = item.get("kind") if item.get("kind") in ("text", "markdown", "html") else kind_for("", raw)
    return SourceDocument(
        id=str(item.get("id") or fallback_id),
        raw=raw,
        kind=kind,
        title=str(item.get("title") or ""),
        publication=str(item.get("publication") or ""),
        byline=str(item.get("byline") or ""),
        url=str(item.get("url") or ""),
        published=_parse_date(item.get("published")),
    )


def read_bytes(data: bytes, *, name: str, max_bytes: int) -> Iterator[ReadResult]:
    """Every document in one file's bytes (several for .jsonl), or the reason it cannot be read."""
    if len(data) > max_bytes:
        yield ReadResult(name, error=f"{name} is {len(data) / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit")
        return
    suffix = Path(name).suffix.lower()
    try:
        text = decode_bytes(data, name=name)
    except DocumentError as exc:
        yield ReadResult(name, error=str(exc))
        return
    stem = Path(name).stem
    if suffix == ".json":
        try:
            item = json.loads(text)
            if not isinstance(item, dict):
                raise DocumentError("is JSON but not an object")
            yield ReadResult(name, document=document_from_mapping(item, fallback_id=stem))
        except (json.JSONDecodeError, DocumentError) as exc:
            yield ReadResult(name, error=f"{name}: {exc}")
        return
    if suffix == ".jsonl":
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            label = f"{name} line {number}"
            try:
                item = json.loads(line)
                if not isinstance(item, dict):
                    raise DocumentError("is JSON but not an object")
                yield ReadResult(label, document=document_from_mapping(item, fallback_id=f"{stem}-{number}"))
            except (json.JSONDecodeError, DocumentError) as exc:
                yield ReadResult(label, error=f"{label}: {exc}")
        return
    yield ReadResult(name, document=SourceDocument(id=stem, raw=text, kind=kind_for(name, text)))


def iter_paths(paths: list[str]) -> Iterator[Path]:
    """Files named on the command line, folders walked recursively in a stable order."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in ACCEPTED_SUFFIXES and not child.name.startswith("."):
                    yield child
        else:
            yield path


def read_path(path: Path, *, max_bytes: int) -> Iterator[ReadResult]:
    """Every document in a file on disk, or the reason it cannot be read."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield ReadResult(name, error=f"{name} is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ReadResult(name, error=f"{name}: {exc.strerror or exc}")
        return
    yield from read_bytes(data, name=name, max_bytes=max_bytes)
