"""python manage.py ingest PATH… [-]: add articles and cable documents from files, folders or stdin and process them."""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from articles import services
from articles.cables import CableDocumentError, add_cable
from articles.documents import ReadResult, iter_paths, read_bytes, read_path
from articles.models import Article
from articles.nlp.cabledocs import is_cable_document, parse_cable
from articles.tasks import enqueue_processing

# Documents added in one run after which PostgreSQL's statistics are refreshed (ANALYZE).
ANALYZE_AFTER = 200


class Command(BaseCommand):
    help = (
        "Add articles from .txt, .md, .html, .json and .jsonl files, folders (recursive) or - for stdin; "
        "cable documents (WikiLeaks cable pages, plain-text cables) are stored as cables."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help="files, folders, or - for standard input")
        parser.add_argument("--queue", action="store_true", help="hand processing to the task workers")
        parser.add_argument("--batch-size", type=int, default=64, help="documents per nlp.pipe batch")
        parser.add_argument("--no-progress", action="store_true", help="never show a progress bar")

    def handle(self, *args, paths: list[str], queue: bool, batch_size: int, no_progress: bool, **options) -> None:
        max_bytes = settings.INGEST_MAX_BYTES
        results = self._read(paths, max_bytes)
        added = present = failed = 0
        cables_added = cables_present = 0
        pending: list[Article] = []
        show_progress = not no_progress and sys.stderr.isatty()
        progress = None
        if show_progress:
            from tqdm import tqdm

            progress = tqdm(total=len(results), unit="doc", file=sys.stderr)

        def flush() -> int:
            if not pending:
                return 0
            done = services.process_articles(pending)
            lost = len(pending) - len(done)
            for article in pending:
                if article not in done:
                    article.refresh_from_db()
                    self.stderr.write(f"{article.source_name}: processing failed: {article.error}")
            pending.clear()
            return lost

        for result in results:
            if progress:
                progress.update(1)
            if result.error:
                failed += 1
                self.stderr.write(result.error)
                continue
            assert result.document is not None
            if is_cable_document(result.document.raw, Path(result.name).name):
                try:
                    cable, created = add_cable(
                        parsed=parse_cable(result.document.raw, Path(result.name).name),
                        raw=result.document.raw,
                        source_name=result.name,
                    )
                except CableDocumentError as exc:
                    failed += 1
                    self.stderr.write(str(exc))
                    continue
                cables_added += created
                cables_present += not created
                if cable.document is None:
                    added += created
                    present += not created
                    continue
                article = cable.document
            else:
                article, created = services.add_article(document=result.document, source_name=result.name)
            if not created:
                present += 1
                if article.status in (Article.Status.QUEUED, Article.Status.FAILED) and not queue:
                    pending.append(article)
                continue
            added += 1
            if queue:
                enqueue_processing(article.pk)
            else:
                pending.append(article)
                if len(pending) >= batch_size:
                    failed += flush()
        failed += flush()
        if progress:
            progress.close()
        if added + cables_added >= ANALYZE_AFTER and connection.vendor == "postgresql":
            # A bulk load leaves the planner without statistics until autovacuum comes round.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        summary = f"{added} added, {present} already present, {failed} failed"
        if cables_added or cables_present:
            summary += f" (cables: {cables_added} added, {cables_present} already present)"
        self.stdout.write(summary)
        if failed:
            raise CommandError(f"{failed} document(s) failed", returncode=1)

    def _read(self, paths: list[str], max_bytes: int) -> list[ReadResult]:
        results: list[ReadResult] = []
        for given in paths:
            if given == "-":
                results.extend(read_bytes(sys.stdin.buffer.read(), name="<stdin>", max_bytes=max_bytes))
                continue
            if not Path(given).exists():
                results.append(ReadResult(given, error=f"{given}: no such file or folder"))
                continue
            for path in iter_paths([given]):
                results.extend(read_path(path, max_bytes=max_bytes))
        return results
