"""`make bench`: throughput and latency of cables, each figure beside a baseline measured in the same run.

Prints a table and writes bench/results.json. Needs ../shared (corpus articles) and PostgreSQL
(DATABASE_URL of a server where it may create and drop the database `cables_bench`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CABLES_SHARED_DIR", ROOT.parent / "shared"))
PY = sys.executable
PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
BENCH_DB = "cables_bench"
BENCH_URL = f"{PG_SERVER}/{BENCH_DB}"
WRK_SCRIPT = ROOT / "bench" / "p95.lua"

sys.path.insert(0, str(ROOT))


def corpus_files(limit: int) -> list[Path]:
    """Plain-text news articles from the corpus, in a stable order."""
    folder = SHARED / "corpus" / "bbc-news-2225"
    files = sorted(p for p in folder.rglob("*.txt") if p.name != "README.TXT")
    return files[:limit]


def words(paths: list[Path]) -> int:
    return sum(len(p.read_text(encoding="latin-1").split()) for p in paths)


def env_for(database_url: str, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"DATABASE_URL": database_url, "DEBUG": "false", "SECRET_KEY": "bench-" + "x" * 50, **extra})
    return env


def reset_database() -> None:
    admin = f"{PG_SERVER}/postgres"
    subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)"], check=True)
    subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {BENCH_DB}"], check=True)
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env_for(BENCH_URL), check=True)


def run_measured(cmds: list[list[str]], env: dict[str, str]) -> tuple[float, list[int]]:
    """Run commands in parallel; wall seconds and each process's peak RSS in MB.

    Their stderr (the workers log every task) goes to a temporary file, shown only on failure.
    """
    with tempfile.TemporaryDirectory(prefix="cables-bench-logs-") as log_dir:
        logs = [Path(log_dir) / f"{i}.log" for i in range(len(cmds))]
        start = time.perf_counter()
        procs = []
        for cmd, log in zip(cmds, logs, strict=True):
            with log.open("wb") as err:
                procs.append(subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err))
        peaks = []
        for proc, log in zip(procs, logs, strict=True):
            _, status, usage = os.wait4(proc.pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
                raise SystemExit(f"{' '.join(proc.args)} failed:\n{tail}")
            peaks.append(int(usage.ru_maxrss / 1024))
        return time.perf_counter() - start, peaks


def bench_pipeline(n: int, model: str) -> dict:
    """Words/s of the whole annotation (extraction + every stage) against plain nlp.pipe of the same model."""
    from articles.nlp import SourceDocument, annotate_documents
    from articles.nlp.pipeline import load_model, load_pipeline

    paths = corpus_files(n)
    texts = [p.read_text(encoding="latin-1") for p in paths]
    total = sum(len(t.split()) for t in texts)
    load_pipeline(model)  # load outside the timings
    plain = load_model(model)
    list(plain.pipe(texts[:20]))
    t0 = time.perf_counter()
    for _ in plain.pipe(texts, batch_size=32):
        pass
    plain_s = time.perf_counter() - t0
    docs = [SourceDocument(id=str(i), raw=t) for i, t in enumerate(texts)]
    t0 = time.perf_counter()
    for _ in annotate_documents(docs, model=model):
        pass
    ours_s = time.perf_counter() - t0
    return {
        "documents": n,
        "words": total,
        "plain_nlp_pipe_words_per_s": round(total / plain_s),
        "annotate_words_per_s": round(total / ours_s),
        "ratio": round(plain_s / ours_s, 3),
    }


def bench_ingestion(n: int, baseline_wps: float) -> dict:
    """End-to-end ingestion into PostgreSQL: one process, then two task workers."""
    paths = corpus_files(n)
    total = words(paths)
    tmp = Path(tempfile.mkdtemp(prefix="cables-bench-"))
    try:
        for i, p in enumerate(paths):
            shutil.copy(p, tmp / f"{i:05d}-{p.parent.name}-{p.name}")
        reset_database()
        seconds, [peak] = run_measured([[PY, "manage.py", "ingest", str(tmp), "--no-progress"]], env_for(BENCH_URL))
        one = {"seconds": round(seconds, 1), "words_per_s": round(total / seconds), "peak_rss_mb": peak}
        reset_database()
        subprocess.run(
            [PY, "manage.py", "ingest", str(tmp), "--queue", "--no-progress"],
            cwd=ROOT,
            env=env_for(BENCH_URL),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        worker = [PY, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0.1"]
        seconds, peaks = run_measured([worker, worker], env_for(BENCH_URL))
        two = {"seconds": round(seconds, 1), "words_per_s": round(total / seconds), "peak_rss_mb_per_worker": peaks}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {
        "documents": n,
        "words": total,
        "one_process": one,
        "two_workers": two,
        "ratio_one_process_to_plain_pipe": round(one["words_per_s"] / baseline_wps, 3),
        "ratio_two_workers_to_plain_pipe": round(two["words_per_s"] / baseline_wps, 3),
    }


def _django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cables.settings")
    os.environ["STATIC_MANIFEST"] = "false"
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,testserver"
    import django

    django.setup()


def make_big_article(annotations: int) -> tuple[int, int]:
    """An article with `annotations` marks of every layer; returns (article id, a person entity id)."""
    from articles.models import Article, CableReference, DateMention, Entity, Mention, Quote

    sentence = 'Jane Roe told John Doe in Paris on 3 May 2009 that "the talks went well" according to 09PARIS123. '
    body = sentence * (annotations // 5 + 1)
    article = Article.objects.create(title="Bench: a heavily annotated article", raw=body, body=body, status="done")
    jane, _ = Entity.objects.get_or_create(name="Jane Roe", kind="PERSON")
    paris, _ = Entity.objects.get_or_create(name="Paris", kind="GPE")
    mentions, quotes, dates, cables = [], [], [], []
    for k in range(annotations // 5):
        o = k * len(sentence)
        mentions.append(Mention(article=article, entity=jane, start=o, end=o + 8, text="Jane Roe", label="PERSON"))
        mentions.append(Mention(article=article, entity=paris, start=o + 26, end=o + 31, text="Paris", label="GPE"))
        q = sentence.index("the talks")
        quotes.append(
            Quote(
                article=article,
                text="the talks went well",
                spans=[[o + q, o + q + 19]],
                start=o + q,
                end=o + q + 19,
                speaker=jane,
            )
        )
        d = sentence.index("3 May")
        dates.append(
            DateMention(
                article=article, start=o + d, end=o + d + 10, text="3 May 2009", value="2009-05-03", precision="day"
            )
        )
        c = sentence.index("09PARIS")
        cables.append(
            CableReference(article=article, start=o + c, end=o + c + 10, text="09PARIS123", reference_id="09PARIS123")
        )
    Mention.objects.bulk_create(mentions)
    Quote.objects.bulk_create(quotes)
    DateMention.objects.bulk_create(dates)
    CableReference.objects.bulk_create(cables)
    return article.pk, jane.pk


def bench_render(annotations: int) -> dict:
    """Server time of the article page with `annotations` annotations, beside the same page with none."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article

    big, _ = make_big_article(annotations)
    plain = Article.objects.create(
        title="Bench: same body, no annotations",
        raw="plain " + str(big),
        body=Article.objects.get(pk=big).body,
        status="done",
    )
    client = Client()

    def timed(pk: int) -> tuple[float, int]:
        client.get(f"/articles/{pk}/")
        samples = []
        for _ in range(15):
            t0 = time.perf_counter()
            response = client.get(f"/articles/{pk}/")
            samples.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(f"/articles/{pk}/")
        return statistics.median(samples), len(queries)

    ms, queries = timed(big)
    base_ms, base_queries = timed(plain.pk)
    return {
        "annotations": annotations,
        "median_ms": round(ms, 1),
        "queries": queries,
        "baseline_no_annotations_median_ms": round(base_ms, 1),
        "baseline_queries": base_queries,
    }


def bench_http(article_id: int, entity_id: int) -> dict:
    """Requests/s and p95 under load from wrk, against gunicorn with production settings on PostgreSQL."""
    if not shutil.which("wrk"):
        return {"skipped": "wrk is not installed (apt-get install wrk)"}
    port = "8765"
    env = env_for(BENCH_URL, ALLOWED_HOSTS="127.0.0.1", SECURE_COOKIES="false", CONN_MAX_AGE="60")
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen(
        [
            str(Path(PY).parent / "gunicorn"),
            "cables.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "error",
        ],
        cwd=ROOT,
        env=env,
    )
    results: dict = {}
    try:
        for _ in range(50):
            try:
                subprocess.run(
                    ["curl", "-sf", f"http://127.0.0.1:{port}/static/css/cables.css"], check=True, capture_output=True
                )
                break
            except subprocess.CalledProcessError:
                time.sleep(0.2)
        targets = {
            "baseline: static CSS file": "/static/css/cables.css",
            "article page": f"/articles/{article_id}/",
            "entity page": f"/entities/{entity_id}/",
            "search": "/search/?q=talks&person=Jane+Roe",
        }
        for name, url in targets.items():
            for clients in (8, 32):
                out = subprocess.run(
                    ["wrk", "-t2", f"-c{clients}", "-d8s", "-s", str(WRK_SCRIPT), f"http://127.0.0.1:{port}{url}"],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                figures = json.loads(out.strip().splitlines()[-1])
                results[f"{name} @ {clients}"] = figures
    finally:
        server.terminate()
        server.wait()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default=os.environ.get("SPACY_MODEL", "en_core_web_md"))
    parser.add_argument("--pipeline-docs", type=int, default=500)
    parser.add_argument("--ingest-docs", type=int, default=1000)
    parser.add_argument("--skip-search", action="store_true")
    parser.add_argument("--table", action="store_true", help="print the table of the last run (results.json) again")
    args = parser.parse_args()
    if args.table:
        print_table(json.loads((ROOT / "bench" / "results.json").read_text()))
        return
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} is absent: the benchmark reads corpus articles from there")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    results: dict = {"commit": commit.strip(), "model": args.model, "cpus": os.cpu_count()}
    started = time.perf_counter()

    print(f"pipeline: annotate vs plain nlp.pipe over {args.pipeline_docs} articles …", flush=True)
    results["pipeline"] = bench_pipeline(args.pipeline_docs, args.model)
    print(f"ingestion: {args.ingest_docs} articles into PostgreSQL, 1 process and 2 workers …", flush=True)
    results["ingestion"] = bench_ingestion(args.ingest_docs, results["pipeline"]["plain_nlp_pipe_words_per_s"])
    print("article page with 500 annotations …", flush=True)
    _django(BENCH_URL)
    results["render"] = bench_render(500)
    from articles.models import Article, Entity

    article_id = Article.objects.filter(title__startswith="Bench: a heavily").values_list("pk", flat=True).first()
    entity_id = Entity.objects.filter(name="Jane Roe").values_list("pk", flat=True).first()
    print("pages under load (gunicorn + wrk) …", flush=True)
    results["http"] = bench_http(article_id, entity_id)
    if not args.skip_search and (ROOT / "bench" / "search_bench.py").exists():
        print("search at 100,000 articles …", flush=True)
        subprocess.run([PY, "bench/search_bench.py"], cwd=ROOT, env=env_for(BENCH_URL), check=True)
        search_json = ROOT / "bench" / "out" / "search.json"
        if search_json.exists():
            results["search"] = json.loads(search_json.read_text())
    results["total_seconds"] = round(time.perf_counter() - started)
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2))
    print_table(results)


def print_table(r: dict) -> None:
    p = r["pipeline"]
    print(f"\ncables benchmark — commit {r['commit']}, model {r['model']}, {r['cpus']} CPUs, {r['total_seconds']} s")
    print("\n| measure | figure | baseline (same run) | ratio |\n|---|---|---|---|")
    print(
        f"| annotate, {p['documents']} articles | {p['annotate_words_per_s']:,} words/s "
        f"| plain nlp.pipe {p['plain_nlp_pipe_words_per_s']:,} words/s | {p['ratio']} |"
    )
    i = r["ingestion"]
    print(
        f"| ingest, {i['documents']} articles, 1 process | {i['one_process']['words_per_s']:,} words/s, "
        f"peak {i['one_process']['peak_rss_mb']} MB | plain nlp.pipe | {i['ratio_one_process_to_plain_pipe']} |"
    )
    print(
        f"| ingest, {i['documents']} articles, 2 workers | {i['two_workers']['words_per_s']:,} words/s, "
        f"peak {i['two_workers']['peak_rss_mb_per_worker']} MB/worker | plain nlp.pipe "
        f"| {i['ratio_two_workers_to_plain_pipe']} |"
    )
    d = r["render"]
    print(
        f"| article page, {d['annotations']} annotations | {d['median_ms']} ms, {d['queries']} queries "
        f"| no annotations {d['baseline_no_annotations_median_ms']} ms | "
        f"{round(d['median_ms'] / max(d['baseline_no_annotations_median_ms'], 0.01), 2)} |"
    )
    for name, f in r.get("http", {}).items():
        if isinstance(f, dict):
            print(f"| {name} clients | {f['rps']:,.0f} req/s, p95 {f['p95_ms']:.1f} ms, {f['errors']} errors | | |")
    s = r.get("search")
    if s:
        articles = s.get("loaded", {}).get("articles", "?")
        print(f"\nsearch at {articles:,} articles (whole result page, {s.get('runs', '?')} runs each)\n")
        print("| search | p50 ms | p95 ms | naive p95 ms (same run) | ratio |\n|---|---|---|---|---|")
        naive = {row["search"].removesuffix(" (naive)"): row for row in s["results"] if "(naive)" in row["search"]}
        for row in s["results"]:
            if "(naive)" in row["search"]:
                continue
            base = naive.get(row["search"]) or naive.get(row["search"].split(",")[0])
            base_p95 = f"{base['p95_ms']:,}" if base else "–"
            ratio = f"{base['p95_ms'] / row['p95_ms']:.0f}× faster" if base and row["p95_ms"] else "–"
            print(f"| {row['search']} | {row['p50_ms']} | {row['p95_ms']} | {base_p95} | {ratio} |")


if __name__ == "__main__":
    main()
