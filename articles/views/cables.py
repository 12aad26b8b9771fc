"""Cable pages: the list of held cables, one cable with its annotated text and who cites it, and unheld ids."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from articles.models import Article, Cable, CableCandidate, CableReference, ReviewState
from articles.nlp.cables import canonical_reference_id, known_cable
from articles.rendering import Layer, render_annotated
from articles.views.reading import LAYER_FOR_LABEL, readers_only

CABLES_PER_PAGE = 50
CABLE_LIST_FIELDS = ("reference_id", "origin", "created", "classification", "subject", "tags")


def known_month(reference_id: str) -> dt.date | None:
    """The first day of the month the release dates a cable to, for an id of the release (held or not)."""
    month = known_cable(reference_id) if reference_id else None
    return dt.date(month[0], month[1], 1) if month else None


def cable_reference_context(reference: CableReference) -> dict:
    """What `_cable_reference.html` shows for a reference: its cable, else its candidates, else the index's month."""
    candidates = []
    if reference.cable_id is None:
        candidates = list(
            CableCandidate.objects.filter(reference=reference, rejected=False)
            .select_related("cable")
            .defer("cable__body", "cable__raw", "cable__header")
            .order_by("-score")
        )
        # A cable of the same id the reference is not linked to (a curator unlinked it): the obvious suggestion.
        same = Cable.objects.filter(reference_id=reference.reference_id).first() if reference.reference_id else None
        if same is not None:
            same_id = CableCandidate(reference=reference, cable=same, score=1.0, evidence=["the same reference id"])
            candidates.insert(0, same_id)
    return {
        "reference": reference,
        "candidates": candidates,
        "known_month": None if reference.cable_id else known_month(reference.reference_id),
    }


# ---------------------------------------------------------------------------
# The list


@require_GET
@readers_only
def cable_list(request: HttpRequest) -> HttpResponse:
    """Held cables, newest first, filtered by origin, classification, year and tag; HTMX gets the results alone."""
    origin = request.GET.get("origin", "").strip()
    classification = request.GET.get("classification", "").strip()
    tag = request.GET.get("tag", "").strip().upper()
    year_text = request.GET.get("year", "").strip()
    year = int(year_text) if year_text.isdigit() and len(year_text) == 4 else None
    held = Cable.objects.held()
    cables = held.order_by("-created", "reference_id")
    if origin:
        cables = cables.filter(origin=origin)
    if classification:
        cables = cables.filter(classification=classification)
    if year:
        cables = cables.filter(created__year=year)
    if tag:
        cables = cables.with_tag(tag)
    citing = (
        CableReference.objects.filter(cable=OuterRef("pk"))
        .exclude(review=ReviewState.REJECTED)
        .exclude(article__kind=Article.Kind.CABLE)
        .order_by()
        .values("cable")
        .annotate(n=Count("article", distinct=True))
        .values("n")
    )
    cables = cables.annotate(citing_count=Coalesce(Subquery(citing, output_field=IntegerField()), 0)).only(
        *CABLE_LIST_FIELDS
    )
    page = Paginator(cables, CABLES_PER_PAGE).get_page(request.GET.get("page"))
    filters = {
        k: v
        for k, v in (("origin", origin), ("classification", classification), ("year", year or ""), ("tag", tag))
        if v
    }
    context = {
        "page": page,
        "origin": origin,
        "classification": classification,
        "year": year,
        "tag": tag,
        "filter_query": urlencode(filters),
        "origins": list(held.exclude(origin="").order_by("origin").values_list("origin", flat=True).distinct()),
        "classifications": list(
            held.exclude(classification="")
            .order_by("classification")
            .values_list("classification", flat=True)
            .distinct()
        ),
        "years": [d.year for d in held.dates("created", "year", order="DESC")],
    }
    template = "articles/cable_list.html#cable-results" if request.htmx else "articles/cable_list.html"
    return render(request, template, context)


# ---------------------------------------------------------------------------
# One cable


@require_GET
@readers_only
def cable_detail(request: HttpRequest, reference_id: str) -> HttpResponse:
    """A held cable with its annotated text, or what the index knows of a real cable the collection lacks."""
    canonical = canonical_reference_id(reference_id)
    if canonical and canonical != reference_id:
        return redirect("articles:cable", reference_id=canonical, permanent=True)
    cable = Cable.objects.select_related("document").filter(reference_id=reference_id).first()
    month = known_month(reference_id)
    if cable is None and month is None:
        raise Http404("No such cable")
    referring = (
        CableReference.objects.filter(cable=cable) if cable is not None else CableReference.objects.none()
    ) | CableReference.objects.filter(reference_id=reference_id)
    referring_articles = list(
        Article.objects.filter(pk__in=referring.exclude(review=ReviewState.REJECTED).values("article_id"))
        .select_related("cable_record")
        .newest_first()
        .only(
            "title",
            "source_name",
            "publication",
            "published",
            "kind",
            "cable_record__reference_id",
            "cable_record__subject",
        )
    )
    context = {
        "cable": cable,
        "reference_id": reference_id,
        "known_month": month,
        "held": cable is not None and cable.body is not None,
        "citing": [a for a in referring_articles if a.kind != Article.Kind.CABLE],
        "cited_by_cables": [a.cable_record for a in referring_articles if a.kind == Article.Kind.CABLE],
        "body_html": None,
        "cites": [],
    }
    if cable is not None and cable.document is not None and cable.document.status == Article.Status.DONE:
        document = cable.document
        references = list(
            document.cable_references.exclude(review=ReviewState.REJECTED).select_related("cable").order_by("start")
        )
        context["body_html"] = render_annotated(document.body, cable_layers(document, references))
        context["cites"] = _distinct_cited(references)
    return render(request, "articles/cable.html", context)


def cable_layers(document: Article, references: list[CableReference]) -> list[Layer]:
    """Marks over a cable's text: people, places and organisations link to their pages, cited cables to theirs."""
    marks: list[Layer] = []
    for q in document.quotes.exclude(review=ReviewState.REJECTED).select_related("speaker").order_by("start"):
        for start, end in sorted(tuple(part) for part in (q.spans or [[q.start, q.end]])):
            marks.append(Layer(start, end, "quote", {"title": f"Quoted: {q.speaker_name or 'unknown speaker'}"}))
    mentions = (
        document.mentions.exclude(review=ReviewState.REJECTED)
        .select_related("entity")
        .only("start", "end", "label", "entity__name", "entity__kind")
        .order_by("start")
    )
    for m in mentions:
        marks.append(
            Layer(
                m.start,
                m.end,
                LAYER_FOR_LABEL.get(m.label, "group"),
                {"title": f"{m.entity.name} · {m.entity.get_kind_display()}"},
                href=m.entity.get_absolute_url(),
            )
        )
    for d in document.date_mentions.exclude(review=ReviewState.REJECTED).only("start", "end", "value"):
        marks.append(Layer(d.start, d.end, "date", {"title": d.value or "date not anchored"}))
    for r in references:
        refid = r.cable.reference_id if r.cable else r.reference_id
        href = r.cable.get_absolute_url() if r.cable else (reverse("articles:cable", args=[refid]) if refid else "")
        marks.append(Layer(r.start, r.end, "cable", {"title": refid or r.origin or "a cable"}, href=href))
    return marks


def _distinct_cited(references: list[CableReference]) -> list[dict]:
    seen: dict[str, dict] = {}
    for r in references:
        refid = r.cable.reference_id if r.cable else r.reference_id
        if refid and refid not in seen:
            month = None if r.cable else known_month(refid)
            seen[refid] = {"reference_id": refid, "cable": r.cable, "known_month": month}
    return list(seen.values())
