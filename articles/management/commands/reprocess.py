"""python manage.py reprocess [--all | ID…]: run extraction again; curated annotations stay as curated."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles import services
from articles.models import Article


class Command(BaseCommand):
    help = "Re-run extraction on articles. Accepted, corrected, added and rejected annotations are kept."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ids", nargs="*", type=int, help="article ids")
        parser.add_argument("--all", action="store_true", help="every article")
        parser.add_argument("--batch-size", type=int, default=64)

    def handle(self, *args, ids: list[int], all: bool, batch_size: int, **options) -> None:
        if all == bool(ids):
            raise CommandError("give article ids, or --all")
        queryset = Article.objects.order_by("pk") if all else Article.objects.filter(pk__in=ids).order_by("pk")
        missing = set(ids) - set(queryset.values_list("pk", flat=True)) if ids else set()
        if missing:
            self.stderr.write(f"no such article: {', '.join(map(str, sorted(missing)))}")
        done = failed = 0
        batch: list[Article] = []
        for article in queryset.iterator(chunk_size=batch_size):
            batch.append(article)
            if len(batch) >= batch_size:
                ok = services.process_articles(batch)
                done, failed, batch = done + len(ok), failed + len(batch) - len(ok), []
        if batch:
            ok = services.process_articles(batch)
            done, failed = done + len(ok), failed + len(batch) - len(ok)
        self.stdout.write(f"{done} re-processed, {failed} failed")
        if failed or missing:
            raise CommandError(f"{failed + len(missing)} article(s) not re-processed", returncode=1)
