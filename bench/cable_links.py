"""How well articles resolve to the cables they cite: precision and recall against linked_cables.csv.

Ingests the two cable folders and the WikiLeaks Cablegate articles into a temporary SQLite database
(the real pipeline, as `python manage.py ingest` runs it), then compares, per article, the held cables
its references resolve to with the cables `linked_cables.csv` lists for it (those the collection holds).
Also ingests the republished news articles, which describe cables that are not held, and counts the
matches by description there: every one of them is wrong.

    .venv/bin/python bench/cable_links.py [--keep DB]
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from collections import Counter
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CABLES_SHARED_DIR", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", help="SQLite file to keep the database in (default: a temporary file)")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="cable-links-")
    database = Path(args.keep or Path(folder) / "bench.sqlite3").resolve()
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cables.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from articles.models import Article, CableReference

    call_command("migrate", verbosity=0)
    cable_files = sorted((CORPUS / "cablegate-wikileaks-html" / "cables").glob("*.html"))
    cable_files += sorted((CORPUS / "cablegate-plaintext").glob("*.txt"))
    article_folder = CORPUS / "wikileaks-cablegate-articles-2010"
    article_files = sorted(article_folder.glob("*.html"))
    repost_files = sorted(p for p in (CORPUS / "cable-news-reposts-2010-2011").glob("*.md") if p.name != "SOURCE.md")
    started = time.perf_counter()
    for files in (cable_files, article_files, repost_files):
        out = StringIO()
        call_command("ingest", *map(str, files), "--no-progress", stdout=out, stderr=StringIO())
        print("ingest:", out.getvalue().strip())
    print(f"ingested in {time.perf_counter() - started:.0f} s into {database}")

    with open(article_folder / "linked_cables.csv", encoding="utf-8") as f:
        gold = {row["file"]: set(row["linked_cable_ids"].split()) for row in csv.DictReader(f)}
    from articles.models import Cable

    held = set(Cable.objects.held().values_list("reference_id", flat=True))
    true_positives = predicted = expected = 0
    by_resolution: Counter[str] = Counter()
    wrong: list[str] = []
    missed: list[str] = []
    for path in article_files:
        article = Article.objects.get(source_name=str(path))
        references = CableReference.objects.filter(article=article, cable__isnull=False).exclude(review="rejected")
        found: dict[str, str] = {}
        for refid, resolution in references.values_list("cable__reference_id", "resolution"):
            found.setdefault(refid, resolution)
        want = gold.get(path.name, set()) & held
        true_positives += len(set(found) & want)
        predicted += len(found)
        expected += len(want)
        for refid, resolution in found.items():
            by_resolution[resolution] += 1
            if refid not in want:
                wrong.append(f"{path.name}: {refid} ({resolution})")
        missed += [f"{path.name}: {refid}" for refid in sorted(want - set(found))]
    precision = true_positives / predicted if predicted else 1.0
    recall = true_positives / expected if expected else 1.0
    print()
    print(f"articles: {len(article_files)}, cables held: {len(held)}, cited cables held (gold): {expected}")
    print(f"resolved (article, cable) pairs: {predicted}  by resolution: {dict(by_resolution)}")
    print(f"precision {precision:.3f}  recall {recall:.3f}  ({true_positives} correct)")
    for line in wrong:
        print("  not in linked_cables.csv:", line)
    for line in missed:
        print("  missed:", line)

    reposts = Article.objects.filter(source_name__in=[str(p) for p in repost_files])
    references = CableReference.objects.filter(article__in=reposts)
    described = references.filter(reference_id="")
    print()
    print(
        f"republished articles: {reposts.count()}, cable references {references.count()}, "
        f"by description {described.count()} (with origin or date: "
        f"{described.exclude(origin='', date='').count()}), "
        f"matched by description: {described.filter(cable__isnull=False).count()} (all wrong: none is held), "
        f"with candidates: {described.filter(candidates__isnull=False).distinct().count()}"
    )


if __name__ == "__main__":
    main()
