"""python manage.py annotate PATH… [--json]: run the extraction and print it, touching no database."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.documents import iter_paths, read_bytes, read_path
from articles.nlp import Annotation, annotate_documents


class Command(BaseCommand):
    help = "Annotate documents and print the result (one JSON line per document with --json)."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help="files, folders, or - for standard input")
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="print ../shared/eval/FORMAT.md JSON lines"
        )
        parser.add_argument("--model", default=None, help="spaCy model (default: the SPACY_MODEL setting)")

    def handle(self, *args, paths: list[str], as_json: bool, model: str | None, **options) -> None:
        documents = []
        failed = 0
        for given in paths:
            if given == "-":
                results = list(read_bytes(sys.stdin.buffer.read(), name="<stdin>", max_bytes=settings.INGEST_MAX_BYTES))
            elif not Path(given).exists():
                self.stderr.write(f"{given}: no such file or folder")
                failed += 1
                continue
            else:
                results = [r for p in iter_paths([given]) for r in read_path(p, max_bytes=settings.INGEST_MAX_BYTES)]
            for result in results:
                if result.error:
                    self.stderr.write(result.error)
                    failed += 1
                elif result.document is not None:
                    documents.append(result.document)
        for annotation in annotate_documents(documents, model=model or settings.SPACY_MODEL):
            if annotation.error:
                self.stderr.write(f"{annotation.id}: {annotation.error}")
                failed += 1
            if as_json:
                self.stdout.write(_dumps(annotation.to_json()))
            else:
                self.stdout.write(_summary(annotation))
        if failed:
            raise CommandError(f"{failed} document(s) could not be read or annotated", returncode=1)


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)


def _summary(annotation: Annotation) -> str:
    people = sorted({e.canonical for e in annotation.entities if e.label == "PERSON"})
    lines = [
        f"== {annotation.id}: {annotation.title or '(untitled)'}",
        f"   {len(annotation.text.split())} words, {len(annotation.entities)} entity mentions, "
        f"{len(annotation.quotes)} quotes, {len(annotation.dates)} dates, {len(annotation.cables)} cable references",
    ]
    if people:
        lines.append("   people: " + ", ".join(people))
    for quote in annotation.quotes:
        lines.append(f"   “{quote.text[:90]}” — {quote.speaker or 'unknown'}")
    return "\n".join(lines)
