#!/usr/bin/env python
"""Search at 100,000 articles: generate them into PostgreSQL from the corpus, time the searches.

    .venv/bin/python bench/search_bench.py        # DATABASE_URL defaults to …/cables_bench

Articles are real sentences from ../shared/corpus (BBC news 2004-2005, Felix 2010, cable news reposts)
reassembled, so word and name frequencies are the corpus's. Names are found with a cheap capitalised-run
gazetteer (no spaCy), dates with regular expressions, and one article in seven cites a real Cablegate
reference id (cable2month.csv.gz). Everything is loaded with COPY; the GIN index is built after the load.

Then each search runs RUNS times with varied parameters through the same QuerySet methods the page
uses (first page of 20 plus the total count), beside the naive `icontains` version of the same search,
and prints p50/p95 with the plan of one run. Figures go to bench/out/search.json.

The target database is emptied first: the script refuses a database whose name lacks "bench".
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import os
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
# The product's settings turn JIT and parallel workers off for PostgreSQL sessions (cables/settings.py,
# DATABASE_SESSION_OPTIONS); the benchmark measures with those settings.
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/cables_bench"
os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cables.settings")
CORPUS = Path(os.environ.get("CABLES_SHARED_DIR", PROJECT.parent / "shared")) / "corpus"
OUT = PROJECT / "bench" / "out" / "search.json"

MONTHS = "January February March April May June July August September October November December".split()
MONTH_NUMBER = {m: i + 1 for i, m in enumerate(MONTHS)}
DATE_RE = re.compile(
    r"\b(?:(?P<day>[12]?\d|3[01]) )?(?P<month>" + "|".join(MONTHS) + r")(?: (?P<myear>(?:19|20)\d\d))\b"
    r"|\b(?P<year>(?:199|200|201)\d)\b"
)
CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?(?:\s+(?:[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?|[A-Z]\.))*")
NOT_NAMES = (
    set(
        "The A An In On At But And He She It This That These Those His Her Its Their They We I You Mr Mrs Ms Dr "
        "Sir Lord If When While After Before As For From With Without Under Over However Meanwhile Last Next "
        "One Two Three Some Many Most Other Another There Here What Why How Who Where Yet Also Such All Both".split()
    )
    | set(MONTHS)
    | set("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
)
ORG_WORDS = set(
    "Party Bank Council Ministry Corporation Association Club United Group Commission Office Agency Union "
    "Committee Department Institute University College Times News Service Airways Motors Records Festival "
    "League Federation Foundation Company Court Parliament Assembly Army Police Board Authority Inc Ltd".split()
)
PLACES = set(
    "Afghanistan Africa America Argentina Asia Australia Austria Baghdad Beijing Belgium Berlin Brazil Britain "
    "Brussels Canada China Dublin Egypt England Europe France Gaza Germany Greece Hong India Indonesia Iran "
    "Iraq Ireland Islamabad Israel Italy Japan Jerusalem Kabul Karachi Kenya Korea Lahore Lebanon Libya London "
    "Madrid Manchester Mexico Moscow Nigeria Pakistan Palestine Paris Poland Riyadh Rome Russia Scotland "
    "Spain Sudan Sweden Switzerland Syria Tehran Tokyo Turkey Ukraine Venezuela Wales Washington Yemen "
    "Zimbabwe Edinburgh Liverpool Glasgow Cardiff Belfast Delhi Mumbai Sydney Ankara Cairo Tripoli".split()
)
PUBLICATIONS = [
    ("The Guardian", 30), ("The New York Times", 22), ("Der Spiegel", 12), ("El País", 9), ("Le Monde", 8),
    ("Dawn", 7), ("The Hindu", 6), ("Aftenposten", 4), ("Folha de S.Paulo", 4), ("Al Akhbar", 3),
    ("The Telegraph", 3), ("BBC News", 3), ("Felix", 2), ("The Express Tribune", 2), ("Svenska Dagbladet", 1),
]  # fmt: skip
# Published years weighted towards the cable releases of late 2010 and 2011.
YEARS = [(2004, 4), (2005, 5), (2006, 4), (2007, 4), (2008, 5), (2009, 7), (2010, 30), (2011, 28), (2012, 8),
         (2013, 5)]  # fmt: skip
NAIVE_RUNS = 5
FULL_TEXT_WORDS = (
    "restraint nuclear embassy election economy diplomat troops oil sanctions corruption minister militants "
    "ambassador cable secret negotiations refugees budget intelligence border military pipeline strike "
    "treaty weapons protest parliament investment tax inflation"
).split()


# --- generation ----------------------------------------------------------------------------------


def corpus_documents() -> list[tuple[str, list[str]]]:
    """(headline, sentences) of each corpus document used as material."""
    docs = []
    split = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[A-Z\"“])")
    paths = sorted((CORPUS / "bbc-news-2225").glob("*/*.txt"))
    paths += sorted((CORPUS / "felix-newspaper-2010").glob("*.md"))
    paths += sorted((CORPUS / "cable-news-reposts-2010-2011").glob("*.md"))
    for path in paths:
        if path.name in {"SOURCE.md", "README.TXT"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        lines = [ln.strip().lstrip("#>*- ").strip() for ln in text.splitlines()]
        lines = [ln for ln in lines if ln and not ln.startswith(("---", "title:", "date:", "url:", "![", "["))]
        if len(lines) < 3:
            continue
        title = lines[0][:200]
        sentences = []
        for paragraph in lines[1:]:
            for s in split.split(paragraph):
                s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s).strip()
                if 40 <= len(s) <= 400:
                    sentences.append(s)
        if len(sentences) >= 4:
            docs.append((title, sentences))
    return docs


class Gazetteer:
    """Names found as capitalised runs, with a kind guessed from their words, and surname aliases."""

    def __init__(self, docs: list[tuple[str, list[str]]]) -> None:
        counts: Counter[str] = Counter()
        for _, sentences in docs:
            for s in sentences:
                for run in self._runs(s):
                    counts[run] += 1
        self.entities: list[tuple[str, str]] = []  # (name, kind)
        self.index: dict[str, int] = {}
        keys: dict[tuple[str, str], int] = {}
        for name, n in counts.most_common():
            words = name.split()
            if n < 2 or len(words) > 4:
                continue
            if len(words) == 1 and name not in PLACES:
                continue
            kind = "GPE" if name in PLACES else "ORG" if words[-1] in ORG_WORDS else "PERSON"
            key = (_key(name), kind)
            if key in keys:  # "Jean-Pierre Jeunet" and "Jean Pierre Jeunet" are one entity
                self.index[name] = keys[key]
                continue
            keys[key] = self.index[name] = len(self.entities)
            self.entities.append((name, kind))
        # A surname alone names the person when only one known person has it.
        by_surname: dict[str, list[int]] = {}
        for i, (name, kind) in enumerate(self.entities):
            if kind == "PERSON" and len(name.split()) >= 2:
                by_surname.setdefault(name.split()[-1], []).append(i)
        self.aliases = {
            s: ids[0] for s, ids in by_surname.items() if len(ids) == 1 and s not in self.index and s not in NOT_NAMES
        }

    @staticmethod
    def _runs(sentence: str):
        for m in CAPITALISED_RUN.finditer(sentence):
            words = m.group(0).split()
            while words and words[0] in NOT_NAMES:
                words = words[1:]
            if words:
                yield " ".join(words)

    def find(self, sentence: str) -> list[tuple[int, int, int, str]]:
        """(start, end, entity index, text) of each name in the sentence."""
        found = []
        for m in CAPITALISED_RUN.finditer(sentence):
            text = m.group(0)
            start = m.start()
            words = text.split()
            while words and words[0] in NOT_NAMES:
                start = sentence.index(words[1], start) if len(words) > 1 else m.end()
                words = words[1:]
            name = " ".join(words)
            if name in self.index:
                found.append((start, start + len(name), self.index[name], name))
            elif name in self.aliases:
                found.append((start, start + len(name), self.aliases[name], name))
            else:
                for w in words:  # a place inside a longer run: "Pakistan Army", "London Mayor"
                    if w in PLACES and w in self.index:
                        at = sentence.index(w, start)
                        found.append((at, at + len(w), self.index[w], w))
                        break
        return found


def find_dates(sentence: str) -> list[tuple[int, int, str, str, dt.date, dt.date]]:
    """(start, end, text, value, first day, last day) of each date expression."""
    found = []
    for m in DATE_RE.finditer(sentence):
        if m.group("month"):
            year, month = int(m.group("myear")), MONTH_NUMBER[m.group("month")]
            if m.group("day"):
                try:
                    day = dt.date(year, month, int(m.group("day")))
                except ValueError:
                    continue
                found.append((m.start(), m.end(), m.group(0), day.isoformat(), day, day))
            else:
                last = (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)
                found.append((m.start(), m.end(), m.group(0), f"{year}-{month:02d}", dt.date(year, month, 1), last))
        else:
            year = int(m.group("year"))
            found.append((m.start(), m.end(), m.group(0), str(year), dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return found


def cable_index(rng: random.Random) -> list[tuple[str, str, dt.date]]:
    """Real Cablegate reference ids of 2003-2010 with their origin and a date in their month."""
    rows = []
    with gzip.open(CORPUS / "cablegate-refid-index" / "cable2month.csv.gz", "rt") as f:
        for line in f:
            ref, month = line.strip().split(",")
            m = re.match(r"^(\d\d)([A-Z]+)\d+$", ref)
            if not m or not 3 <= int(m.group(1)) <= 10:
                continue
            year = 2000 + int(m.group(1))
            origin = m.group(2).title()
            rows.append((ref, origin, dt.date(year, int(month), rng.randint(1, 28))))
    rng.shuffle(rows)
    return rows[:60000]


def weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def generate(n_articles: int, seed: int):
    """Yield each article with its annotations, as plain tuples ready for COPY."""
    rng = random.Random(seed)
    docs = corpus_documents()
    gazetteer = Gazetteer(docs)
    sentences = [s for _, ss in docs for s in ss]
    names = {s: gazetteer.find(s) for s in sentences}
    dates = {s: find_dates(s) for s in sentences}
    cables = cable_index(rng)
    return rng, docs, gazetteer, names, dates, cables


# --- loading -------------------------------------------------------------------------------------


def load(n_articles: int, seed: int) -> dict:
    from django.db import connection

    started = time.perf_counter()
    rng, docs, gazetteer, names, dates, cables = generate(n_articles, seed)
    prepared = time.perf_counter() - started
    now = dt.datetime.now(dt.UTC)
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE articles_article, articles_entity, articles_alias, articles_cable, articles_mention, "
            "articles_quote, articles_datemention, articles_cablereference RESTART IDENTITY CASCADE"
        )
        cursor.execute("DROP INDEX IF EXISTS articles_article_search_gin")
        cursor.execute("SET maintenance_work_mem = '512MB'")
    raw = connection.connection  # psycopg 3 connection: COPY straight from Python rows
    added_defaults = _default_new_columns(raw)

    with raw.cursor() as cur:
        with cur.copy("COPY articles_entity (id, name, kind, key, not_an_entity, created) FROM STDIN") as copy:
            for i, (name, kind) in enumerate(gazetteer.entities, start=1):
                copy.write_row((i, name, kind, _key(name), False, now))
        with cur.copy("COPY articles_alias (entity_id, name, key, curated) FROM STDIN") as copy:
            for surname, i in gazetteer.aliases.items():
                copy.write_row((i + 1, surname, _key(surname), False))
        with cur.copy("COPY articles_cable (id, reference_id, origin, created, classification, subject, tags, raw) "
                      "FROM STDIN") as copy:  # fmt: skip
            for i, (ref, origin, day) in enumerate(cables, start=1):
                created = dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC)
                copy.write_row((i, ref, origin, created, "CONFIDENTIAL", "", "[]", ""))

    mentions, date_rows, references = [], [], []
    by_doc = [ss for _, ss in docs]
    with raw.cursor() as cur:
        columns = (
            "id, title, publication, byline, url, published, source_name, kind, raw, body, content_hash, "
            "status, error, created, updated, processed"
        )
        with cur.copy(f"COPY articles_article ({columns}) FROM STDIN") as copy:
            for article_id in range(1, n_articles + 1):
                doc = rng.randrange(len(docs))
                own = by_doc[doc]
                take = rng.randint(6, 18)
                first = rng.randrange(max(1, len(own) - take + 1))
                chosen = own[first : first + take]
                chosen += [rng.choice(by_doc[rng.randrange(len(docs))]) for _ in range(rng.randint(1, 6))]
                body_parts, offset = [], 0
                for k, sentence in enumerate(chosen):
                    if k and k % 3 == 0:
                        body_parts.append("\n\n")
                        offset += 2
                    elif k:
                        body_parts.append(" ")
                        offset += 1
                    for start, end, entity, text in names[sentence]:
                        mentions.append(
                            (article_id, entity + 1, offset + start, offset + end, text, gazetteer.entities[entity][1])
                        )
                    for start, end, text, value, first_day, last_day in dates[sentence]:
                        precision = {4: "year", 7: "month"}.get(len(value), "day")
                        date_rows.append(
                            (article_id, offset + start, offset + end, text, value, precision, first_day, last_day)
                        )
                    body_parts.append(sentence)
                    offset += len(sentence)
                if rng.random() < 1 / 7:
                    for _ in range(rng.choice((1, 1, 1, 2, 3))):
                        cable_no = rng.randrange(len(cables))
                        ref, origin, day = cables[cable_no]
                        month = MONTHS[day.month - 1]
                        text = (
                            f"According to cable {ref}, sent from {origin} in {month} {day.year}, "
                            "the embassy was told little."
                        )
                        start = offset + 2
                        body_parts.append("\n\n" + text)
                        references.append(
                            (article_id, cable_no + 1, start + 19, start + 19 + len(ref), ref, ref, origin, "")
                        )
                        at = start + text.index(month)
                        value = f"{day.year}-{day.month:02d}"
                        last = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1) - dt.timedelta(days=1)
                        first = day.replace(day=1)
                        date_rows.append(
                            (article_id, at, at + len(month) + 5, f"{month} {day.year}", value, "month", first, last)
                        )
                        offset = start + len(text)
                body = "".join(body_parts)
                title = docs[doc][0]
                year = weighted(rng, YEARS)
                published = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
                digest = hashlib.sha256(f"{article_id}:{body}".encode()).hexdigest()
                copy.write_row((
                    article_id, title, weighted(rng, PUBLICATIONS), "", "", published, f"bench-{article_id}",
                    "text", body, body, digest, "done", "", now, now, now,
                ))  # fmt: skip
    loaded_articles = time.perf_counter() - started
    with raw.cursor() as cur:
        with cur.copy(
            'COPY articles_mention (article_id, entity_id, start, "end", text, label, review) FROM STDIN'
        ) as copy:
            for row in mentions:
                copy.write_row((*row, "auto"))
        with cur.copy("COPY articles_datemention (article_id, start, \"end\", text, value, precision, date_from, "
                      "date_to, review) FROM STDIN") as copy:  # fmt: skip
            for row in date_rows:
                copy.write_row((*row, "auto"))
        with cur.copy("COPY articles_cablereference (article_id, cable_id, start, \"end\", text, reference_id, "
                      "origin, date, review) FROM STDIN") as copy:  # fmt: skip
            for row in references:
                copy.write_row((*row, "auto"))
        for table in ("articles_article", "articles_entity", "articles_cable"):
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    with connection.cursor() as cursor:
        index_started = time.perf_counter()
        cursor.execute("CREATE INDEX articles_article_search_gin ON articles_article USING gin (search_document)")
        gin_seconds = time.perf_counter() - index_started
    with raw.cursor() as cur:
        for table, column in added_defaults:
            cur.execute(f'ALTER TABLE {table} ALTER COLUMN "{column}" DROP DEFAULT')
    # VACUUM as autovacuum would soon: it sets the visibility map, which index-only scans need.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return {
        "articles": n_articles,
        "entities": len(gazetteer.entities),
        "aliases": len(gazetteer.aliases),
        "cables": len(cables),
        "mentions": len(mentions),
        "date_mentions": len(date_rows),
        "cable_references": len(references),
        "corpus_documents": len(docs),
        "seconds_prepare": round(prepared, 1),
        "seconds_articles": round(loaded_articles - prepared, 1),
        "seconds_gin_index": round(gin_seconds, 1),
        "seconds_total": round(time.perf_counter() - started, 1),
    }


# Columns this script writes; required columns colleagues add later get an empty default for the load.
COPIED = {
    "articles_entity": "id name kind key not_an_entity created",
    "articles_alias": "entity_id name key curated",
    "articles_cable": "id reference_id origin created classification subject tags raw",
    "articles_article": "id title publication byline url published source_name kind raw body content_hash status "
    "error created updated processed",
    "articles_mention": "article_id entity_id start end text label review",
    "articles_datemention": "article_id start end text value precision date_from date_to review",
    "articles_cablereference": "article_id cable_id start end text reference_id origin date review",
}
EMPTY = {
    "text": "''",
    "character varying": "''",
    "jsonb": "'{}'",
    "json": "'{}'",
    "boolean": "false",
    "integer": "0",
    "bigint": "0",
    "smallint": "0",
    "timestamp with time zone": "now()",
    "date": "now()",
}


def _default_new_columns(raw) -> list[tuple[str, str]]:
    """Give required columns the load does not write a temporary empty default; returns them."""
    added = []
    with raw.cursor() as cur:
        for table, columns in COPIED.items():
            cur.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s "
                "AND is_nullable = 'NO' AND column_default IS NULL AND is_generated = 'NEVER' "
                "AND identity_generation IS NULL",
                [table],
            )
            for column, data_type in cur.fetchall():
                if column not in columns.split() and data_type in EMPTY:
                    cur.execute(f'ALTER TABLE {table} ALTER COLUMN "{column}" SET DEFAULT {EMPTY[data_type]}')
                    added.append((table, column))
    return added


def _key(name: str) -> str:
    from articles.models import normalise_key

    return normalise_key(name)


# --- measuring -----------------------------------------------------------------------------------


def _p(values: list[float], q: float) -> float:
    values = sorted(values)
    return round(values[max(0, int(len(values) * q + 0.5) - 1)], 1)


def measure(label: str, make_qs, params: list, runs: int, whole_page=None) -> dict:
    """Time what a result page costs.

    For the product's searches `whole_page` is `articles.search.result_page`, exactly what the search
    page runs: its 20 rows, the count (capped at 1,000), snippets, people's sentences and the facets.
    Beside it: the 20 rows alone and the rows with an exact count. A naive search is timed as its
    rows plus the capped count.
    """
    from articles.search import COUNT_CAP

    page_ms, capped_ms, exact_ms = [], [], []
    warm = 3
    if "naive" in label:
        # A naive search reads every body (seconds each): a few runs tell its story.
        runs, warm = min(runs, NAIVE_RUNS), 1
    for i in range(runs + warm):
        p = params[i % len(params)]
        qs = make_qs(p)
        started = time.perf_counter()
        rows = list(qs[:20])
        paged = time.perf_counter()
        if whole_page is None:
            qs.order_by()[: COUNT_CAP + 1].count()
        counted = time.perf_counter()
        total = qs.count()
        exact = time.perf_counter()
        if whole_page is not None:
            whole_started = time.perf_counter()
            whole_page(p)
            whole = time.perf_counter() - whole_started
        else:
            whole = counted - started
        if i >= warm:  # the first runs warm the cache
            page_ms.append((paged - started) * 1000)
            capped_ms.append(whole * 1000)
            exact_ms.append((paged - started + exact - counted) * 1000)
    # One plan per search; the index a rare term uses and the scan a frequent one gets both show
    # when the parameters differ (the planner reads the whole table for a term in 15% of articles).
    plan = make_qs(params[0]).explain()
    if len(params) > 1 and params[-1] != params[0]:
        plan += "\n-- and for " + repr(params[-1]) + ":\n" + make_qs(params[-1]).explain()
    return {
        "search": label,
        "p50_ms": _p(capped_ms, 0.5),
        "p95_ms": _p(capped_ms, 0.95),
        "max_ms": round(max(capped_ms), 1),
        "page_only_p50_ms": _p(page_ms, 0.5),
        "page_only_p95_ms": _p(page_ms, 0.95),
        "exact_count_p50_ms": _p(exact_ms, 0.5),
        "exact_count_p95_ms": _p(exact_ms, 0.95),
        "runs": len(page_ms),
        "last_rows": len(rows),
        "last_total": total,
        "indexes": sorted(set(re.findall(r"Index (?:Only )?Scan(?: Backward)? (?:using|on) (\S+)", plan))),
        "plan": plan,
    }


def benchmark(runs: int, seed: int) -> list[dict]:
    from django.db.models import Count, Q

    from articles.models import Article, Entity
    from articles.search import SearchParams, result_page, search_articles

    rng = random.Random(seed + 1)
    people = list(
        Entity.objects.filter(kind="PERSON").annotate(n=Count("mentions")).filter(n__gte=20).order_by("-n")[:400]
    )
    # Searches people make: mostly well-known names, some rarer ones.
    names = [p.name for p in rng.sample(people[:60], min(20, len(people[:60])))]
    names += [p.name for p in rng.sample(people[60:], min(20, len(people[60:])))]
    ranges = []
    for _ in range(40):
        year = rng.choice(range(2004, 2013))
        if rng.random() < 0.5:
            ranges.append((str(year), str(year)))
        else:
            month = rng.randint(1, 12)
            ranges.append((f"{year}-{month:02d}", f"{year}-{month:02d}"))
    words = [rng.choice(FULL_TEXT_WORDS) for _ in range(39)] + ["restraint"]
    # Combined searches that find something: a person, the year of one of their articles, a word in it.
    combined = []
    for name in names:
        article = Article.objects.mentioning_name(name).order_by("?").only("body", "published").first()
        candidates = re.findall(r"\b[a-z]{6,}\b", article.body)
        year = str(article.published.year)
        combined.append((name, (year, year), rng.choice(candidates) if candidates else "restraint"))

    def via_search(params: dict):
        return search_articles(SearchParams.from_mapping(params))[0]

    def page_of(make_params):
        return lambda p: result_page(SearchParams.from_mapping(make_params(p)))

    person, dates = (lambda n: {"person": n}), (lambda r: {"from": r[0], "to": r[1]})
    words_, newest = (lambda w: {"q": w}), (lambda w: {"q": w, "sort": "newest"})
    everything = lambda c: {"person": c[0], "from": c[1][0], "to": c[1][1], "q": c[2]}  # noqa: E731

    done = Article.objects.filter(status="done")
    results = [
        measure("person", lambda n: via_search(person(n)), names, runs, page_of(person)),
        measure("person (naive)", lambda n: done.filter(body__icontains=n).order_by("-published"), names, runs),
        measure("date range", lambda r: via_search(dates(r)), ranges, runs, page_of(dates)),
        measure(
            "date range (naive)",
            lambda r: done.filter(Q(published__year=r[0][:4]) | Q(body__icontains=r[0][:4])).order_by("-published"),
            ranges,
            runs,
        ),
        measure("full text", lambda w: via_search(words_(w)), words, runs, page_of(words_)),
        measure("full text, newest first", lambda w: via_search(newest(w)), words, runs, page_of(newest)),
        measure("full text (naive)", lambda w: done.filter(body__icontains=w).order_by("-published"), words, runs),
        measure("person + dates + words", lambda c: via_search(everything(c)), combined, runs, page_of(everything)),
        measure(
            "person + dates + words (naive)",
            lambda c: (
                done.filter(body__icontains=c[0], body__contains=c[1][0][:4])
                .filter(body__icontains=c[2])
                .order_by("-published")
            ),
            combined,
            runs,
        ),
    ]
    return results


def ensure_database() -> str:
    import psycopg
    from django.conf import settings

    name = settings.DATABASES["default"]["NAME"]
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("The benchmark needs PostgreSQL: set DATABASE_URL=postgres://…/cables_bench")
    if "bench" not in name:
        sys.exit(f"Refusing to empty database {name!r}: use one whose name contains 'bench'")
    db = settings.DATABASES["default"]
    conninfo = {k: v for k, v in {"host": db["HOST"], "port": db["PORT"], "user": db["USER"]}.items() if v}
    with psycopg.connect(dbname="postgres", autocommit=True, password=db["PASSWORD"] or None, **conninfo) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    return name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40, help="timed runs per search")
    parser.add_argument("--seed", type=int, default=2010)
    parser.add_argument("--reuse", action="store_true", help="keep the articles already loaded")
    args = parser.parse_args()

    import django

    django.setup()
    name = ensure_database()
    from django.core.management import call_command
    from django.db import connection

    from articles.models import Article

    call_command("migrate", verbosity=0)
    if args.reuse and Article.objects.count() == args.articles:
        loaded = {"articles": args.articles, "reused": True}
    else:
        print(f"Loading {args.articles:,} articles into {name} …", flush=True)
        loaded = load(args.articles, args.seed)
        print(json.dumps(loaded), flush=True)
    results = benchmark(args.runs, args.seed)

    print()
    print("p50/p95: the whole result page (articles.search.result_page: 20 rows, count up to 1,000, snippets,")
    print("people's sentences, facets); naive rows: 20 rows + count up to 1,000; exact count and rows alone beside")
    print(f"{'search':32} {'p50':>7} {'p95':>7} {'p95 exact':>10} {'p95 page':>9} {'total':>7}  indexes in one plan")
    for r in results:
        print(
            f"{r['search']:32} {r['p50_ms']:7.1f} {r['p95_ms']:7.1f} {r['exact_count_p95_ms']:10.1f} "
            f"{r['page_only_p95_ms']:9.1f} {r['last_total']:7}  {', '.join(r['indexes']) or 'none (sequential scan)'}"
        )
    for r in results:
        if "naive" not in r["search"]:
            print(f"\n== plan: {r['search']}\n{r['plan']}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "command": ".venv/bin/python bench/search_bench.py " + " ".join(sys.argv[1:]),
                "database_url": os.environ["DATABASE_URL"].split("@")[-1],
                "measured": "wall clock through Django: p50/p95 = articles.search.result_page, all the search "
                "page's reads (20 rows, count capped at 1,000, snippets, people's sentences, facets over the first "
                "1,000 matches); naive rows: 20 rows + capped count; exact_count_* = rows + exact count; "
                "page_only_* = the 20 rows alone",
                "runs": args.runs,
                "cpus": os.cpu_count(),
                "postgres": version,
                "loaded": loaded,
                "results": results,
            },
            indent=2,
        )
    )
    print(f"\nwrote {OUT.relative_to(PROJECT)}")


if __name__ == "__main__":
    main()
