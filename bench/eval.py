"""`make eval`: score the annotation pipeline on the gold sets, beside the baselines.

    .venv/bin/python bench/eval.py [--split dev|test|fresh|fresh2|fresh3|all] [--skip-baselines] [--skip-extraction]

1. Materialises a temporary gold folder: the seed (../shared/evaldata/gold), the GUM
   gold (tests/gold/gum), and the hand-annotated cable articles, BBC news and news web
   pages (tests/gold/cables, news, web), whose `raw` is read from ../shared/<raw_path>
   (gunzipped for .gz) and checked against `raw_sha256`.
2. Runs `manage.py annotate <files> --json` over it and scores each split with
   ../shared/eval/score.py (called, never copied).
3. Baselines scored the same way: (a) plain spaCy NER of the same model over the same
   clean text (canonical = surface, no quotes); (b) textacy's direct_quotations, when
   textacy is installed.
4. The clean-body benchmark (../shared/corpus/article-extraction-benchmark): token
   P/R/F1 of articles.nlp.extract.clean_document against trafilatura.extract.

Prints one table per split and writes bench/out/eval.json. Third-party texts are read
from ../shared only and never written inside the project (the temporary folder is removed).
Exits 0 with a message when ../shared is absent, non-zero on a real error.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("CABLES_SHARED_DIR", PROJECT_DIR.parent / "shared"))
GOLD_DIR = PROJECT_DIR / "tests" / "gold"
OUT_DIR = PROJECT_DIR / "bench" / "out"
SCORER = SHARED_DIR / "eval" / "score.py"
EXTRACTION_DIR = SHARED_DIR / "corpus" / "article-extraction-benchmark"
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP")
PRODUCT = "cables annotate"
HELD_SPLITS = ("dev", "test", "fresh", "fresh2", "fresh3")
SUFFIX_KINDS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".txt": "text"}


class EvalError(Exception):
    """A real failure: bad gold, a changed corpus file, a crashing command."""


# --------------------------------------------------------------------------- gold


def load_split() -> dict[str, list[str]]:
    """dev (rules are developed on it), test (held out), fresh, fresh2 and fresh3 (held out, each added
    later and first scored on the code before rules were developed on its round of documents)."""
    split = json.loads((GOLD_DIR / "split.json").read_text(encoding="utf-8"))
    return {name: list(split.get(name, [])) for name in HELD_SPLITS}


def materialise_gold(folder: Path) -> dict[str, Path]:
    """Write every gold document, complete with `raw`, into `folder`; return id -> path."""
    sources = sorted((SHARED_DIR / "evaldata" / "gold").glob("*.json"))
    for kind in ("gum", "cables", "news", "web"):
        sources += sorted((GOLD_DIR / kind).glob("*.json"))
    paths: dict[str, Path] = {}
    for source in sources:
        doc = json.loads(source.read_text(encoding="utf-8"))
        if doc.get("format") != "cables-gold/1":
            raise EvalError(f"{source}: not a cables-gold/1 file")
        if "raw_path" in doc:
            raw_file = SHARED_DIR / doc["raw_path"]
            if not raw_file.is_file():
                raise EvalError(f"{source}: {raw_file} is missing")
            data = raw_file.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            if digest != doc.get("raw_sha256"):
                raise EvalError(f"{source}: {raw_file} changed (sha256 {digest} != {doc.get('raw_sha256')})")
            suffix = raw_file.suffix.lower()
            if suffix == ".gz":  # the extraction benchmark stores its pages gzip'd
                data, suffix = gzip.decompress(data), Path(raw_file.stem).suffix.lower()
            doc["raw"] = data.decode("utf-8")
            doc.setdefault("kind", SUFFIX_KINDS.get(suffix, "text"))
        if doc["id"] in paths:
            raise EvalError(f"{source}: duplicate gold id {doc['id']}")
        path = folder / f"{doc['id']}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        paths[doc["id"]] = path
    return paths


def split_folders(
    base: Path, paths: dict[str, Path], split: dict[str, list[str]], wanted: list[str]
) -> dict[str, Path]:
    """One folder of gold files per split (score.py takes a folder)."""
    folders = {}
    for name in wanted:
        ids = list(paths) if name == "all" else split[name]
        unknown = [i for i in ids if i not in paths]
        if unknown:
            raise EvalError(f"split.json lists ids with no gold file: {unknown}")
        folder = base / f"split-{name}"
        folder.mkdir()
        for doc_id in ids:
            (folder / f"{doc_id}.json").write_bytes(paths[doc_id].read_bytes())
        folders[name] = folder
    return folders


# --------------------------------------------------------------------------- systems


def run_product(paths: list[Path], pred_file: Path) -> float:
    """`manage.py annotate --json` over the gold files; returns seconds taken."""
    started = time.perf_counter()
    command = [sys.executable, "manage.py", "annotate", *map(str, paths), "--json"]
    result = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True)
    if result.returncode != 0:
        raise EvalError(f"manage.py annotate failed ({result.returncode}):\n{result.stderr[-3000:]}")
    pred_file.write_text(result.stdout, encoding="utf-8")
    return time.perf_counter() - started


def gold_texts(paths: dict[str, Path], product_pred: dict[str, dict]) -> dict[str, str]:
    """The clean body each baseline reads: the gold text, else the product's own clean body."""
    texts = {}
    for doc_id, path in paths.items():
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = gold.get("text") or product_pred.get(doc_id, {}).get("text")
        if not text:
            from articles.nlp.extract import clean_document
            from articles.nlp.types import SourceDocument

            text = clean_document(SourceDocument(id=doc_id, raw=gold["raw"], kind=gold.get("kind", "text"))).text
        texts[doc_id] = text
    return texts


def spacy_model_name() -> str:
    return os.environ.get("SPACY_MODEL", "en_core_web_md")


def run_spacy_baseline(texts: dict[str, str], pred_file: Path, nlp) -> None:
    """Plain NER: every PERSON/ORG/GPE/NORP span, canonical = its surface text."""
    with pred_file.open("w", encoding="utf-8") as out:
        for doc_id, doc in zip(texts, nlp.pipe(texts.values(), batch_size=16), strict=True):
            entities = [
                {"start": e.start_char, "end": e.end_char, "text": e.text, "label": e.label_, "canonical": e.text}
                for e in doc.ents
                if e.label_ in ENTITY_LABELS
            ]
            dates = [
                {"start": e.start_char, "end": e.end_char, "text": e.text, "value": None}
                for e in doc.ents
                if e.label_ == "DATE"
            ]
            out.write(
                json.dumps(
                    {"id": doc_id, "text": doc.text, "entities": entities, "quotes": [], "dates": dates, "cables": []},
                    ensure_ascii=False,
                )
                + "\n"
            )


def run_textacy_baseline(texts: dict[str, str], pred_file: Path, nlp) -> dict[str, int]:
    """textacy.extract.triples.direct_quotations: quote content and speaker surface, no coreference.

    textacy refuses a document with an odd number of quotation marks (multi-paragraph quotes
    leave one open); such a document is retried paragraph by paragraph.
    """
    from textacy.extract.triples import direct_quotations

    def triples(doc) -> list[dict]:
        quotes = []
        for triple in direct_quotations(doc):
            content = triple.content
            text = content.text.strip().strip("\"'“”‘’").strip()
            speaker = " ".join(t.text for t in triple.speaker) or None
            quotes.append(
                {
                    "text": text,
                    "spans": [[content.start_char, content.end_char]],
                    "speaker": speaker,
                    "speaker_text": speaker or "",
                    "cue": " ".join(t.text for t in triple.cue),
                }
            )
        return quotes

    stats = Counter()
    with pred_file.open("w", encoding="utf-8") as out:
        for doc_id, doc in zip(texts, nlp.pipe(texts.values(), batch_size=16), strict=True):
            try:
                quotes = triples(doc)
            except ValueError:
                stats["documents retried by paragraph"] += 1
                quotes = []
                for paragraph in nlp.pipe(p for p in doc.text.split("\n") if p.strip()):
                    try:
                        quotes += triples(paragraph)
                    except ValueError:
                        stats["paragraphs refused"] += 1
            out.write(
                json.dumps(
                    {"id": doc_id, "text": doc.text, "entities": [], "quotes": quotes, "dates": [], "cables": []},
                    ensure_ascii=False,
                )
                + "\n"
            )
    return dict(stats)


def score(gold_folder: Path, pred_file: Path) -> dict:
    result = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(gold_folder), "--pred", str(pred_file), "--json"],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise EvalError(f"score.py failed on {pred_file.name}:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


# --------------------------------------------------------------------------- extraction benchmark


def _tokens(text: str) -> list[str]:
    # the same tokenisation as score.py's text figure (NFKC, casefold, \w+)
    import re
    import unicodedata

    return re.findall(r"\w+", unicodedata.normalize("NFKC", text or "").casefold())


def _prf(want: Counter, got: Counter) -> tuple[int, int, int]:
    tp = sum((want & got).values())
    return tp, sum(got.values()) - tp, sum(want.values()) - tp


def _figures(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def extraction_benchmark() -> dict:
    """Micro token P/R/F1 over the benchmark pages, plus the mean per-page F1."""
    import trafilatura

    from articles.nlp.extract import clean_document
    from articles.nlp.types import SourceDocument

    truth = json.loads((EXTRACTION_DIR / "ground-truth.json").read_text(encoding="utf-8"))
    systems = {"cables extract": Counter(), "trafilatura.extract": Counter()}
    per_page: dict[str, list[float]] = {name: [] for name in systems}
    failures: Counter = Counter()
    for page_id, item in sorted(truth.items()):
        path = EXTRACTION_DIR / "html" / f"{page_id}.html.gz"
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        want = Counter(_tokens(item["articleBody"]))
        outputs = {}
        try:
            outputs["cables extract"] = clean_document(SourceDocument(id=page_id, raw=html, kind="html")).text
        except Exception as error:  # one bad page must not hide the figure for the others
            failures[f"cables extract: {type(error).__name__}"] += 1
            outputs["cables extract"] = ""
        outputs["trafilatura.extract"] = trafilatura.extract(html) or ""
        for name, text in outputs.items():
            tp, fp, fn = _prf(want, Counter(_tokens(text)))
            tally = systems[name]
            tally["tp"] += tp
            tally["fp"] += fp
            tally["fn"] += fn
            per_page[name].append(_figures(tp, fp, fn)["f1"])
    result = {"pages": len(truth), "failures": dict(failures)}
    for name, tally in systems.items():
        figures = _figures(tally["tp"], tally["fp"], tally["fn"])
        figures["mean_page_f1"] = round(sum(per_page[name]) / len(per_page[name]), 4) if per_page[name] else 0.0
        result[name] = figures
    return result


# --------------------------------------------------------------------------- report

ROWS = [
    ("entities strict", lambda r: r["entities_strict"]),
    ("entities lenient", lambda r: r["entities_lenient"]),
    *[(f"  {label}", lambda r, label=label: r["entities_by_label"][label]) for label in ENTITY_LABELS],
    ("quotes detected", lambda r: r["quotes"]),
    ("quotes + speaker", lambda r: r["quotes_end_to_end"]),
    ("dates", lambda r: r["dates"]),
    ("cable ids", lambda r: r["cable_ids"]),
    ("cable origins", lambda r: r["cable_origins"]),
    ("text tokens", lambda r: r["text"]),
]


def print_split(name: str, scores: dict[str, dict], counts: dict) -> None:
    systems = list(scores)
    print(
        f"\n== split {name}: {counts['documents']} documents, {counts['entities']} gold entities, "
        f"{counts['quotes']} gold quotes, {counts['dates']} gold dates, {counts['cables']} gold cables"
    )
    header = f"{'':18}" + "".join(f" {s[:24]:>24}" for s in systems)
    print(header)
    print(f"{'':18}" + "".join(f" {'P     R     F1':>24}" for _ in systems))
    for label, get in ROWS:
        cells = []
        for system in systems:
            f = get(scores[system])
            if label == "text tokens" and system != PRODUCT:
                cells.append(" " + "n/a (reads gold text)".rjust(24))  # baselines never extract
                continue
            cells.append(
                " " + (f"{f['p']:.3f} {f['r']:.3f} {f['f1']:.3f}" if f["tp"] + f["fp"] + f["fn"] else "-").rjust(24)
            )
        print(f"{label:18}" + "".join(cells))
    print(f"{'speaker accuracy':18}" + "".join(f" {scores[s]['speaker_accuracy']:>24.3f}" for s in systems))
    missing = {s: len(scores[s]["missing_predictions"]) for s in systems if scores[s]["missing_predictions"]}
    if missing:
        print(f"missing predictions: {missing}")


def source_of(doc_id: str) -> str:
    """Which gold set a document belongs to, from its id prefix (seed-, gum-, bbc-, web-, goose-, else cables)."""
    prefixes = {"seed-": "seed", "gum-": "gum", "bbc-": "bbc news", "web-": "web news", "goose-": "news 2010"}
    return next((name for prefix, name in prefixes.items() if doc_id.startswith(prefix)), "cables")


def print_by_source(name: str, by_source: dict[str, dict]) -> None:
    """The product's main figures per gold set: GUM, BBC and web pages are general news; the cable
    gold is the target domain."""
    print(f"-- {PRODUCT} by gold set ({name}): F1 of entities strict / quotes / quotes+speaker / dates")
    for source, result in by_source.items():
        figures = [
            result["entities_strict"]["f1"],
            result["quotes"]["f1"],
            result["quotes_end_to_end"]["f1"],
            result["dates"]["f1"],
        ]
        print(f"   {source:8} {result['documents']:3} docs  " + "  ".join(f"{f:.3f}" for f in figures))


def gold_counts(folder: Path) -> dict:
    counts = Counter()
    for path in folder.glob("*.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        counts["documents"] += 1
        for key in ("entities", "quotes", "dates", "cables"):
            counts[key] += len(doc.get(key, []))
    return dict(counts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--split",
        choices=(*HELD_SPLITS, "all"),
        default="all",
        help="which gold split to score (all = each split, then all of them together)",
    )
    parser.add_argument("--skip-baselines", action="store_true")
    parser.add_argument("--skip-extraction", action="store_true")
    args = parser.parse_args()
    if not SHARED_DIR.is_dir() or not SCORER.is_file():
        print(f"eval skipped: {SHARED_DIR} (third-party corpora and the reference scorer) is absent")
        return 0
    sys.path.insert(0, str(PROJECT_DIR))
    wanted = [*HELD_SPLITS, "all"] if args.split == "all" else [args.split]
    report: dict = {"splits": {}, "notes": []}
    with tempfile.TemporaryDirectory(prefix="cables-eval-") as tmp:
        base = Path(tmp)
        gold_folder = base / "gold"
        gold_folder.mkdir()
        paths = materialise_gold(gold_folder)
        split = load_split()
        uncovered = set(paths).difference(*split.values())
        if uncovered:
            raise EvalError(f"split.json does not place these gold ids: {sorted(uncovered)}")
        folders = split_folders(base, paths, split, wanted)
        needed = sorted({i for name in wanted for i in (paths if name == "all" else split[name])})
        preds: dict[str, Path] = {}

        pred = base / "cables.jsonl"
        seconds = run_product([paths[i] for i in needed], pred)
        preds[PRODUCT] = pred
        report["notes"].append(f"manage.py annotate: {len(needed)} documents in {seconds:.1f} s")
        product_pred = {}
        for line in pred.read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc = json.loads(line)
                product_pred[str(doc.get("id"))] = doc

        if not args.skip_baselines:
            texts = gold_texts({i: paths[i] for i in needed}, product_pred)
            model = spacy_model_name()
            from articles.nlp.pipeline import load_model

            nlp = load_model(model)
            preds["spaCy NER only"] = base / "spacy.jsonl"
            run_spacy_baseline(texts, base / "spacy.jsonl", nlp)
            try:
                import textacy  # noqa: F401
            except ImportError as error:
                report["notes"].append(f"textacy baseline skipped: {error}")
            else:
                preds["textacy direct_quotations"] = base / "textacy.jsonl"
                stats = run_textacy_baseline(texts, base / "textacy.jsonl", nlp)
                if stats:
                    report["notes"].append(f"textacy: {stats}")

        for name in wanted:
            scores = {system: score(folders[name], file) for system, file in preds.items()}
            counts = gold_counts(folders[name])
            by_source = {}
            for source in ("seed", "gum", "bbc news", "web news", "news 2010", "cables"):
                subset = base / f"split-{name}-{source.replace(' ', '-')}"
                subset.mkdir()
                for path in folders[name].glob("*.json"):
                    if source_of(path.stem) == source:
                        (subset / path.name).write_bytes(path.read_bytes())
                if any(subset.iterdir()):
                    by_source[source] = score(subset, preds[PRODUCT])
            report["splits"][name] = {"gold": counts, "scores": scores, "by_source": by_source}
            print_split(name, scores, counts)
            print_by_source(name, by_source)

    if not args.skip_extraction:
        if EXTRACTION_DIR.is_dir():
            bench = extraction_benchmark()
            report["extraction"] = bench
            print(
                f"\n== clean-body benchmark: {bench['pages']} pages (article-extraction-benchmark), "
                "bag-of-tokens against the human article bodies"
            )
            print(f"{'':22} {'P':>6} {'R':>6} {'F1':>6} {'page F1':>8}")
            for system in ("cables extract", "trafilatura.extract"):
                f = bench[system]
                print(f"{system:22} {f['p']:6.3f} {f['r']:6.3f} {f['f1']:6.3f} {f['mean_page_f1']:8.3f}")
            if bench["failures"]:
                print(f"failures: {bench['failures']}")
        else:
            report["notes"].append(f"clean-body benchmark skipped: {EXTRACTION_DIR} is absent")
    for note in report["notes"]:
        print(note)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / "eval.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {(OUT_DIR / 'eval.json').relative_to(PROJECT_DIR)}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except EvalError as error:
        print(f"eval failed: {error}", file=sys.stderr)
        sys.exit(1)
