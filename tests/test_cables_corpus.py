"""Cables from the shared corpora through `ingest`, and other senses of "cable", with the real pipeline."""

from __future__ import annotations

import csv
import datetime as dt
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from articles import services
from articles.models import Article, Cable, CableReference, Mention
from articles.nlp import SourceDocument

pytestmark = pytest.mark.django_db


def ingest(*paths: Path | str, queue: bool = False) -> str:
    out = StringIO()
    call_command(
        "ingest", *map(str, paths), "--no-progress", *(["--queue"] if queue else []), stdout=out, stderr=StringIO()
    )
    return out.getvalue()


def index_rows(shared_dir: Path) -> list[dict[str, str]]:
    with open(shared_dir / "corpus" / "cablegate-wikileaks-html" / "index.csv", encoding="utf-8") as index:
        return list(csv.DictReader(index))


def utc(value: str) -> dt.datetime:
    return dt.datetime.strptime(value, "%Y-%m-%d %H:%M").replace(tzinfo=dt.UTC)


@pytest.mark.corpus
def test_every_cable_of_both_folders_is_ingested_once_with_its_metadata(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus"
    html_folder, text_folder = corpus / "cablegate-wikileaks-html" / "cables", corpus / "cablegate-plaintext"
    n_html, n_text = len(list(html_folder.glob("*.html"))), len(list(text_folder.glob("*.txt")))
    # The folders also hold a SOURCE.md, which is a document but not a cable: name the cable files.
    files = sorted(html_folder.glob("*.html")) + sorted(text_folder.glob("*.txt"))
    out = ingest(*files, queue=True)
    total = n_html + n_text
    assert f"{total} added, 0 already present, 0 failed (cables: {total} added, 0 already present)" in out
    assert Cable.objects.count() == total
    assert Article.objects.filter(kind=Article.Kind.CABLE).count() == total

    for row in index_rows(shared_dir):
        cable = Cable.objects.get(reference_id=row["ref_id"])
        where = row["ref_id"]
        assert cable.created == utc(row["created"]), where
        assert cable.released == utc(row["released"]), where
        assert cable.classification == row["classification"], where
        assert cable.origin == row["origin"], where
        # The index's regex missed tags continued on the next line; it is a prefix of ours.
        want_tags = row["tags"].replace(",", " ").split()
        assert cable.tags[: len(want_tags)] == want_tags, where
        want_subject = re.sub(r"\s+\S+\s+\d{5,8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\s*$", "", row["subject"])
        assert cable.subject == (want_subject or row["title_h3"]), where
        assert cable.document.body == "" and cable.document.raw == cable.body, where  # queued, not yet processed
        assert cable.raw.lstrip().startswith("<"), where

    for path in sorted(text_folder.glob("*.txt")):
        cable = Cable.objects.get(reference_id=path.stem)
        assert cable.created.tzinfo is not None and cable.created.utcoffset() == dt.timedelta(0), path.name
        assert cable.released is None and cable.header.startswith("VZCZC"), path.name
        assert cable.origin and cable.classification and cable.subject and cable.tags, path.name

    out = ingest(*files, queue=True)
    assert f"0 added, {total} already present, 0 failed (cables: 0 added, {total} already present)" in out
    assert Cable.objects.count() == total


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("refid", "origin", "created", "classification", "tags", "subject", "opening"),
    [
        (
            "06NEWDELHI5135",
            "Embassy New Delhi",
            dt.datetime(2006, 7, 21, 7, 22, tzinfo=dt.UTC),
            "CONFIDENTIAL",
            ["PREL", "PGOV", "PTER", "PINR", "IN"],
            "INDIA'S NATIONAL SECURITY ADVISORY BOARD: ADVISING THE ADVISORS",
            "1. (C) Summary",
        ),
        (
            "09UNVIEVIENNA289",
            "Mission UNVIE Vienna",
            dt.datetime(2009, 6, 19, 15, 59, tzinfo=dt.UTC),
            "SECRET//NOFORN",
            ["PREL", "PARM", "SY", "KN", "IAEA", "KNNP"],
            "IAEA/SYRIA/BOARD OF GOVERNORS: CONCERN OVER NEW URANIUM FINDINGS, HEIGHTENED ATTACKS ON ISRAEL, "
            "ISRAEL VERSUS DG FIREWORKS",
            "1. (C) Summary",
        ),
        (
            "09ISLAMABAD365",
            "Embassy Islamabad",
            dt.datetime(2009, 2, 19, 16, 4, tzinfo=dt.UTC),
            "SECRET",
            ["PREL", "PTER", "PGOV", "MOPS", "MARR", "EAID", "PK"],
            "SCENESETTER FOR GENERAL KAYANI’S VISIT TO WASHINGTON",
            "1. (S) Summary",
        ),
    ],
)
def test_real_cables_keep_every_field_and_their_paragraph_markings(
    shared_dir: Path, refid, origin, created, classification, tags, subject, opening
) -> None:
    corpus = shared_dir / "corpus"
    path = next(
        p
        for p in (
            corpus / "cablegate-plaintext" / f"{refid}.txt",
            corpus / "cablegate-wikileaks-html" / "cables" / f"{refid}.html",
        )
        if p.exists()
    )
    ingest(path, queue=True)
    cable = Cable.objects.get()
    assert (cable.reference_id, cable.origin, cable.created, cable.classification, cable.tags, cable.subject) == (
        refid,
        origin,
        created,
        classification,
        tags,
        subject,
    )
    number, marking = opening.split(" ", 1)
    assert re.search(rf"^{re.escape(number)}\s+{re.escape(marking)}", cable.body, re.MULTILINE), cable.body[:600]


@pytest.mark.corpus
@pytest.mark.model
def test_an_article_linking_to_cables_resolves_to_the_cables_held(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus"
    with open(corpus / "wikileaks-cablegate-articles-2010" / "linked_cables.csv", encoding="utf-8") as f:
        linked = {row["file"]: set(row["linked_cable_ids"].split()) for row in csv.DictReader(f)}
    name = "EUA-criticam-Plano-Nacional-de.html"
    held = sorted(linked[name])[:1]
    ingest(corpus / "wikileaks-cablegate-articles-2010" / name)
    assert not CableReference.objects.filter(cable__isnull=False).exists()
    # The cable arrives after the article that cites it: the reference is linked then.
    ingest(*(corpus / "cablegate-wikileaks-html" / "cables" / f"{refid}.html" for refid in held))
    article = Article.objects.get(kind=Article.Kind.HTML)
    resolved = set(article.cable_references.filter(cable__isnull=False).values_list("cable__reference_id", flat=True))
    assert resolved == set(held)
    assert set(article.cable_references.filter(cable__isnull=False).values_list("resolution", flat=True)) == {"link"}
    # The cable's own text went through the same extraction as an article.
    document = Cable.objects.get().document
    assert document.status == Article.Status.DONE and document.body == Cable.objects.get().body
    assert Mention.objects.filter(article=document).exists()


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Business secretary Vince Cable said on Tuesday that the coalition would press on with the reform. "
        "Cable told MPs the plan was sound.",
        "The office was rewired last week. Engineers laid new network cables and fibre-optic cables under the floor.",
    ],
)
def test_articles_about_other_cables_get_no_cable_reference(text: str) -> None:
    article, _ = services.add_article(document=SourceDocument(id="x", raw=text))
    services.process_articles([article])
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    assert not article.cable_references.exists()
