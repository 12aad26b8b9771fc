"""Cables as records, and the references of articles resolved to them: by id, by link and by description.

A cable document is stored twice over: a `Cable` row with its metadata, and an `Article` of kind
"cable" holding its body, so that entities, quotes and dates are extracted, stored, curated and
searched by the same machinery as for news articles. A reference by description ("a US embassy
cable from Islamabad" about a meeting on January 24, 2009) is matched against the held cables by
origin, date and the people both texts name; each candidate carries a score and its evidence.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.db.models import Q

from articles.models import Article, Cable, CableCandidate, CableReference, DateMention, Entity, Mention, ReviewState
from articles.nlp.cabledocs import ParsedCable
from articles.nlp.cables import REFERENCE_ID, canonical_reference_id, origin_name
from articles.nlp.types import SourceDocument

Resolution = CableReference.Resolution

# A match by description is made only when the best candidate scores this much and leads the next by MARGIN;
# weaker candidates are shown for a curator to confirm.
ACCEPT_SCORE = 0.6
MARGIN = 0.15
MIN_CANDIDATE_SCORE = 0.25
MAX_CANDIDATES = 5
# How far after an event a cable reporting it is usually sent.
REPORTING_DAYS = 10
# People named this close to a reference are what it is about.
CONTEXT_CHARS = 600


class CableDocumentError(ValueError):
    """A cable document that cannot be stored; the message says why."""


# --------------------------------------------------------------------------- storing cables


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    # WikiLeaks pages show times without a zone; they are UTC like the date-time groups of the cables.
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def add_cable(*, parsed: ParsedCable, raw: str, source_name: str = "") -> tuple[Cable, bool]:
    """Store a parsed cable and its body as a queued article of kind "cable"; link references citing it.

    Returns (cable, created). A cable the collection already holds is left as it is (created False);
    one known only by reference gets its text.
    """
    from articles import services

    refid = canonical_reference_id(parsed.reference_id) if parsed.reference_id else None
    if not refid:
        raise CableDocumentError(f"{source_name or 'the cable'} has no reference id")
    existing = Cable.objects.filter(reference_id=refid).first()
    if existing is not None and existing.body is not None:
        return existing, False
    created = _utc(parsed.created)
    document = None
    if parsed.body.strip():
        document, _ = services.add_article(
            document=SourceDocument(
                id=refid,
                raw=parsed.body,
                kind=Article.Kind.CABLE,
                title=(parsed.subject or refid)[:500],
                publication=parsed.origin[:200],
                published=created.date() if created else None,
            ),
            source_name=source_name or refid,
        )
        if Cable.objects.filter(document=document).exclude(reference_id=refid).exists():
            document = None  # the same text is another cable's; one annotated copy is enough
    fields = {
        "origin": parsed.origin[:200],
        "created": created,
        "released": _utc(parsed.released),
        "classification": parsed.classification[:100],
        "subject": parsed.subject[:1000],
        "tags": list(parsed.tags),
        "body": parsed.body,
        "raw": raw,
        "header": parsed.header,
        "document": document,
    }
    try:
        with transaction.atomic():
            if existing is not None:
                Cable.objects.filter(pk=existing.pk).update(**fields)
                cable = Cable.objects.get(pk=existing.pk)
            else:
                cable = Cable.objects.create(reference_id=refid, **fields)
    except IntegrityError:
        # Another process stored the same cable between our lookup and insert.
        return Cable.objects.get(reference_id=refid), False
    link_cable(cable)
    return cable, True


# --------------------------------------------------------------------------- resolving references


def how_written(reference: CableReference) -> str:
    """Whether a reference carrying an id wrote the id out or linked to the cable's page."""
    for m in REFERENCE_ID.finditer(reference.text):
        if canonical_reference_id(m.group(0)) == reference.reference_id:
            return "id"  # Resolution.ID
    return "link"  # Resolution.LINK


def link_cable_references(references: Sequence[CableReference]) -> None:
    """Point each reference that carries a reference id at its Cable, when the collection holds it (no save)."""
    ids = {r.reference_id for r in references if r.reference_id}
    cables = {c.reference_id: c for c in Cable.objects.filter(reference_id__in=ids)} if ids else {}
    for reference in references:
        if reference.reference_id in cables:
            reference.cable = cables[reference.reference_id]
            reference.resolution = how_written(reference)
            reference.confidence = 1.0
            reference.evidence = []


def resolve_references(*, article: Article, descriptions_only: bool = False) -> None:
    """Resolve the article's cable references: ids and links to held cables, descriptions to candidates.

    Automatic references get their cable; curated ones (accepted, added) keep the cable a curator
    chose and only get their candidate list refreshed. Rejected ones are left alone. Writes the
    references and replaces their candidates; call inside the transaction that holds the article.
    """
    references = list(article.cable_references.exclude(review=ReviewState.REJECTED))
    if not descriptions_only:
        by_id = [r for r in references if r.reference_id and r.cable_id is None and r.resolution != Resolution.CURATED]
        link_cable_references(by_id)
        for r in by_id:
            if r.cable_id is not None:
                r.save(update_fields=["cable", "resolution", "confidence", "evidence"])
    described = [r for r in references if not r.reference_id and (r.origin or r.date)]
    if not described:
        return
    context = _ArticleContext(article)
    rejected = set(
        CableCandidate.objects.filter(reference__in=described, rejected=True).values_list("reference_id", "cable_id")
    )
    new_candidates: list[CableCandidate] = []
    for reference in described:
        scored = [s for s in score_candidates(reference, context) if (reference.pk, s.cable.pk) not in rejected][
            :MAX_CANDIDATES
        ]
        new_candidates += [
            CableCandidate(reference=reference, cable=s.cable, score=s.score, evidence=s.evidence) for s in scored
        ]
        if reference.review != ReviewState.AUTO:
            continue  # a curator's decision stands; the candidates are there for them to reconsider
        best = scored[0] if scored else None
        runner_up = scored[1].score if len(scored) > 1 else 0.0
        if best is not None and best.score >= ACCEPT_SCORE and best.score - runner_up >= MARGIN:
            reference.cable = best.cable
            reference.resolution = Resolution.DESCRIPTION
            reference.confidence = round(best.score, 3)
            reference.evidence = best.evidence
        else:
            reference.cable = None
            reference.resolution = Resolution.NONE
            reference.confidence = None
            reference.evidence = []
        reference.save(update_fields=["cable", "resolution", "confidence", "evidence"])
    CableCandidate.objects.filter(reference__in=described, rejected=False).delete()
    CableCandidate.objects.bulk_create(new_candidates, ignore_conflicts=True)


@dataclasses.dataclass
class ScoredCable:
    cable: Cable
    score: float
    evidence: list[str]


class _ArticleContext:
    """What a description is matched with: the people the article names, and where."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.people: list[tuple[int, int, str]] = list(
            Mention.objects.filter(article=article, label=Entity.Kind.PERSON)
            .exclude(review=ReviewState.REJECTED)
            .values_list("start", "entity_id", "entity__name")
        )

    def people_near(self, reference: CableReference) -> tuple[dict[int, str], dict[int, str]]:
        """(people named near the reference, people named anywhere in the article)."""
        near = {
            entity: name
            for start, entity, name in self.people
            if reference.start - CONTEXT_CHARS <= start <= reference.end + CONTEXT_CHARS
        }
        return near, {entity: name for _, entity, name in self.people}


def cable_place(cable: Cable) -> str:
    """The place a cable was sent from, as descriptions name it (09ISLAMABAD365 -> Islamabad)."""
    m = re.fullmatch(r"\d{2}([A-Z]+)\d+", cable.reference_id)
    return origin_name(m.group(1)) if m else cable.origin


def _parse_iso(value: str) -> tuple[int, ...]:
    try:
        return tuple(int(p) for p in value.split("-"))
    except ValueError:
        return ()


def score_candidates(reference: CableReference, context: _ArticleContext) -> list[ScoredCable]:
    """Held cables the description may mean, best first, each with its score (0-1) and evidence."""
    date_parts = _parse_iso(reference.date) if reference.date else ()
    cables = Cable.objects.held().exclude(document=context.article).defer("body", "raw", "header")
    if reference.origin:
        key = re.sub(r"[^A-Za-z]", "", reference.origin).upper()
        cables = cables.filter(Q(origin__icontains=reference.origin) | Q(reference_id__icontains=key))
    elif len(date_parts) >= 2:
        # Without an origin only a day or month narrows it (a year fits too many cables).
        cables = cables.filter(created__year__gte=date_parts[0] - 1, created__year__lte=date_parts[0] + 1)
    else:
        return []
    cables = [c for c in cables[:2000] if not reference.origin or cable_place(c) == reference.origin]
    if not cables:
        return []
    documents = [c.document_id for c in cables if c.document_id]
    people_in: dict[int, set[int]] = defaultdict(set)
    for document_id, entity_id in (
        Mention.objects.filter(article_id__in=documents, label=Entity.Kind.PERSON)
        .exclude(review=ReviewState.REJECTED)
        .values_list("article_id", "entity_id")
    ):
        people_in[document_id].add(entity_id)
    mentions_date: set[int] = set()
    if reference.date:
        mentions_date = set(
            DateMention.objects.filter(article_id__in=documents, value=reference.date)
            .exclude(review=ReviewState.REJECTED)
            .values_list("article_id", flat=True)
        )
    near, everywhere = context.people_near(reference)
    scored = []
    for cable in cables:
        evidence: list[str] = []
        score = 0.0
        if reference.origin:
            score += 0.35
            evidence.append(f"sent from {reference.origin} ({cable.origin or cable_place(cable)})")
        date_score, date_evidence = _date_score(reference.date, date_parts, cable, cable.document_id in mentions_date)
        score += date_score
        evidence += date_evidence
        shared_near = people_in[cable.document_id] & set(near)
        shared_far = (people_in[cable.document_id] & set(everywhere)) - shared_near
        if shared_near or shared_far:
            people_score = min(0.3, 0.15 * len(shared_near) + 0.075 * len(shared_far))
            score += people_score
            names = sorted({near.get(e) or everywhere[e] for e in shared_near | shared_far})
            evidence.append("both name " + ", ".join(names[:6]))
        if reference.date and date_score == 0 and not (shared_near or shared_far):
            continue  # a date the cable contradicts, and nothing else in its favour
        if not reference.origin and not (date_score and shared_near):
            continue  # without an origin, the date and the people named around the reference must both agree
        score = min(1.0, score)
        if score >= MIN_CANDIDATE_SCORE:
            scored.append(ScoredCable(cable, round(score, 3), evidence))
    scored.sort(key=lambda s: (-s.score, s.cable.reference_id))
    return scored


def _date_score(value: str, parts: tuple[int, ...], cable: Cable, mentions: bool) -> tuple[float, list[str]]:
    if not parts or cable.created is None:
        return 0.0, []
    sent = cable.created.date()
    if len(parts) == 3:
        try:
            day = dt.date(*parts)
        except ValueError:
            return 0.0, []
        if sent == day:
            return 0.35, [f"sent on {value}"]
        after = (sent - day).days
        evidence = []
        score = 0.0
        if 0 < after <= REPORTING_DAYS:
            score = 0.3 * (1 - after / (REPORTING_DAYS + 1))
            evidence.append(f"sent {sent.isoformat()}, {after} day{'s' if after > 1 else ''} after {value}")
        if mentions:
            score = max(score, 0.25)
            evidence.append(f"the cable mentions {value}")
        return min(0.35, score + (0.05 if mentions and after > 0 else 0.0)), evidence
    if len(parts) == 2:
        if (sent.year, sent.month) == parts:
            return 0.3, [f"sent in {value}"]
        if mentions:
            return 0.15, [f"the cable mentions {value}"]
        return 0.0, []
    if sent.year == parts[0]:
        return 0.1, [f"sent in {value}"]
    return 0.0, []


# --------------------------------------------------------------------------- when a cable arrives


def link_cable(cable: Cable) -> int:
    """Point references citing `cable` by id at it and re-resolve descriptions it may match; returns articles."""
    by_id = CableReference.objects.filter(reference_id=cable.reference_id, cable__isnull=True).exclude(
        Q(review=ReviewState.REJECTED) | Q(resolution=Resolution.CURATED)
    )
    for reference in by_id:
        reference.cable = cable
        reference.resolution = how_written(reference)
        reference.confidence = 1.0
        reference.save(update_fields=["cable", "resolution", "confidence"])
    place = cable_place(cable)
    year = str(cable.created.year) if cable.created else None
    possible = Q(origin=place)
    if year:
        possible |= Q(origin="", date__startswith=year)
    article_ids = set(
        CableReference.objects.filter(possible, reference_id="")
        .exclude(review=ReviewState.REJECTED)
        .exclude(article__cable_record=cable)
        .values_list("article_id", flat=True)
    )
    for article_id in sorted(article_ids):
        with transaction.atomic():
            # The article's lock: re-processing it at the same time would replace these references.
            article = Article.objects.select_for_update().filter(pk=article_id).first()
            if article is not None:
                resolve_references(article=article, descriptions_only=True)
    return len(article_ids)


def after_annotations(article: Article) -> None:
    """Once a cable's own text is annotated, the people it names can confirm descriptions of it."""
    if article.kind != Article.Kind.CABLE:
        return
    cable = Cable.objects.filter(document=article).first()
    if cable is not None:
        link_cable(cable)
