"""Every gold file in tests/gold is well formed, placed in exactly one split, and (for cable
gold) still matches the third-party text it was annotated on."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

GOLD_DIR = Path(__file__).resolve().parent / "gold"
GOLD_FILES = sorted(GOLD_DIR.glob("*/*.json"))
LABELS = {"PERSON", "ORG", "GPE", "NORP"}
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SEED_IDS = {"seed-kayani"}  # read from ../shared/evaldata/gold, not stored here


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_gold_files_exist():
    assert len(GOLD_FILES) >= 24


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_file_is_well_formed(path):
    doc = load(path)
    assert doc["format"] == "cables-gold/1"
    assert doc["id"] == path.stem
    assert doc.get("text") or doc.get("raw_path"), "needs a text or a raw_path into ../shared"
    for entity in doc["entities"]:
        assert entity["name"].strip() and entity["label"] in LABELS
        assert isinstance(entity["aliases"], list)
    for quote in doc["quotes"]:
        assert quote["text"].strip() and quote["kind"] in ("person", "organisation", "document")
        assert quote["speaker"] is None or quote["speaker"].strip()
        assert isinstance(quote["speaker_aliases"], list)
    for date in doc["dates"]:
        assert date["text"] and ISO.match(date["value"])
    for cable in doc["cables"]:
        assert cable["text"] and "reference_id" in cable and "origin" in cable


@pytest.mark.parametrize("path", sorted(GOLD_DIR.glob("gum/*.json")), ids=lambda p: p.stem)
def test_gum_gold_quotes_and_dates_are_in_the_text(path):
    doc = load(path)
    words = set(re.findall(r"\w+", doc["text"]))
    for quote in doc["quotes"]:
        assert set(re.findall(r"\w+", quote["text"])) <= words
    for date in doc["dates"]:
        assert date["text"] in doc["text"]


RAW_PATH_GOLD = [path for folder in ("cables", "news", "web") for path in sorted(GOLD_DIR.glob(f"{folder}/*.json"))]


@pytest.mark.parametrize("path", RAW_PATH_GOLD, ids=lambda p: p.stem)
def test_cable_gold_ships_no_third_party_text(path):
    doc = load(path)
    assert "raw" not in doc and "text" not in doc
    assert doc["raw_path"].startswith("corpus/") and len(doc["raw_sha256"]) == 64


def test_split_places_every_gold_file_once():
    split = load(GOLD_DIR / "split.json")
    names = ("dev", "test", "fresh", "fresh2", "fresh3")
    placed = [doc_id for name in names for doc_id in split.get(name, [])]
    assert len(placed) == len(set(placed)), "a gold id sits in two splits"
    ids = {path.stem for path in GOLD_FILES} | SEED_IDS
    assert set(placed) == ids
    assert set(split) <= {"rule", *names}


@pytest.mark.corpus
@pytest.mark.parametrize("path", RAW_PATH_GOLD, ids=lambda p: p.stem)
def test_cable_gold_raw_matches_the_shared_corpus(path, shared_dir):
    doc = load(path)
    raw = shared_dir / doc["raw_path"]
    assert raw.is_file()
    assert hashlib.sha256(raw.read_bytes()).hexdigest() == doc["raw_sha256"]


@pytest.mark.corpus
def test_gum_gold_is_reproduced_by_the_converter(shared_dir, tmp_path):
    source = shared_dir / "evaldata" / "gum-news"
    result = subprocess.run(
        [sys.executable, str(GOLD_DIR / "convert_gum.py"), "--source", str(source), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    for committed in sorted(GOLD_DIR.glob("gum/*.json")):
        assert (tmp_path / committed.name).read_text(encoding="utf-8") == committed.read_text(encoding="utf-8")
