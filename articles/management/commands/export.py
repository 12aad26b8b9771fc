"""Export annotations for use elsewhere: a search as JSON lines, its quotes as CSV, Web Annotations."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.exports import iter_jsonl, quotes_for_export, web_annotations, write_quotes_csv
from articles.models import Article, Quote
from articles.search import DATE_CHOICES, SORTS, SearchParams, search_articles


class Command(BaseCommand):
    help = (
        "Write a search result as JSON lines (--format jsonl), its quotes as CSV (csv) or its articles' "
        "annotations as W3C Web Annotation collections, one JSON-LD document a line (wadm). "
        "Without filters every finished article is exported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["jsonl", "csv", "wadm"], required=True)
        parser.add_argument("--q", default="", help="words, as on the search page")
        parser.add_argument("--person", action="append", default=[], help="name or alias; repeat for several")
        parser.add_argument("--from", dest="start", default="", help="2009, 2009-01 or 2009-01-24")
        parser.add_argument("--to", dest="end", default="")
        parser.add_argument("--dates", choices=DATE_CHOICES, default="any")
        parser.add_argument("--sort", choices=SORTS, default="newest")
        parser.add_argument("--publication", default="")
        parser.add_argument("--origin", default="", help="articles citing cables from this place")
        parser.add_argument("--article", type=int, action="append", default=[], help="only these article ids")
        parser.add_argument("--without-text", action="store_true", help="wadm: leave the article text out")
        parser.add_argument("--base-url", default="http://localhost:8000", help="site root for the URLs written")
        parser.add_argument("--output", "-o", default="-", help="file to write (default: standard output)")

    def handle(self, *args, **options) -> None:
        params = SearchParams.from_mapping(
            {
                "q": options["q"],
                "person": options["person"],
                "from": options["start"],
                "to": options["end"],
                "dates": options["dates"],
                "sort": options["sort"],
                "publication": options["publication"],
                "origin": options["origin"],
            }
        )
        if params.errors:
            raise CommandError("; ".join(f"--{k}: {v}" for k, v in params.errors.items()))
        articles = Article.objects.done() if params.is_empty else search_articles(params)[0]
        if params.is_empty:
            articles = articles.defer("raw", "search_document").by_date(newest_first=params.sort != "oldest")
        if options["article"]:
            articles = articles.filter(pk__in=options["article"])
        base_url = options["base_url"].rstrip("/")
        out = sys.stdout if options["output"] == "-" else open(options["output"], "w", encoding="utf-8", newline="")  # noqa: SIM115
        try:
            count = 0
            if options["format"] == "jsonl":
                for line in iter_jsonl(articles, base_url=base_url):
                    out.write(line)
                    count += 1
            elif options["format"] == "csv":
                quotes = quotes_for_export(Quote.objects.filter(article__in=articles.order_by().values("pk")))
                count = write_quotes_csv(quotes.iterator(chunk_size=1000), out, base_url=base_url)
            else:
                for article in articles.iterator(chunk_size=100):
                    collection = web_annotations(article, base_url=base_url, include_text=not options["without_text"])
                    out.write(json.dumps(collection, ensure_ascii=False) + "\n")
                    count += 1
        finally:
            if out is not sys.stdout:
                out.close()
        self.stderr.write(f"exported {count} {'quotes' if options['format'] == 'csv' else 'articles'}")
