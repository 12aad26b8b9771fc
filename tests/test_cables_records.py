"""Cables as records: storing cable documents, resolving references to them, curating matches, their pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from articles import cables, curation, services
from articles.models import Article, Cable, CableCandidate, CableReference, Entity, ReviewState
from articles.nlp import Annotation, CableReferenceAnnotation, DateAnnotation, EntityAnnotation, SourceDocument
from articles.nlp.cabledocs import ParsedCable
from articles.nlp.types import Link

pytestmark = pytest.mark.django_db

CABLE_BODY = (
    "S E C R E T ISLAMABAD 000999\n\n"
    "SUBJECT: GENERAL ROE ON THE BORDER\n\n"
    "1. (S) Summary: On January 24, 2009 the Ambassador met\n"
    "General Jane Roe, who said the army would hold the border.\n"
)


def parsed(refid: str = "09ISLAMABAD999", *, created: dt.datetime | None = None, body: str = CABLE_BODY):
    return ParsedCable(
        reference_id=refid,
        origin="Embassy Islamabad",
        created=created or dt.datetime(2009, 1, 26, 10, 5),  # naive, as WikiLeaks pages show it
        released=dt.datetime(2010, 11, 30, 21, 9),
        classification="SECRET",
        subject="GENERAL ROE ON THE BORDER",
        tags=["PREL", "PK"],
        body=body,
        header="VZCZCXYZ0000\nFM AMEMBASSY ISLAMABAD",
    )


def annotate_cable(cable: Cable, *, people: tuple[str, ...] = ("Jane Roe",)) -> None:
    """What the pipeline would find in the cable's text: the people it names and the meeting's date."""
    body = cable.document.body or cable.document.raw
    entities = tuple(
        EntityAnnotation(body.index(name), body.index(name) + len(name), name, "PERSON", name)
        for name in people
        if name in body
    )
    day = body.index("January 24, 2009")
    dates = (DateAnnotation(day, day + 16, "January 24, 2009", "2009-01-24", "day"),)
    services.save_annotations(
        article=cable.document, annotation=Annotation(id="c", text=body, entities=entities, dates=dates)
    )


STORY = (
    "General Jane Roe told the ambassador the army would hold the border, "
    "according to a US embassy cable from Islamabad about a meeting on January 24, 2009. "
    "The cable 09ISLAMABAD999 says more."
)


def story(text: str = STORY, *, origin: str = "Islamabad", date: str = "2009-01-24", links=()) -> Article:
    """A news article with a person, a reference by description and one by id, as the pipeline gives them."""
    article, _ = services.add_article(document=SourceDocument(id="s", raw=text))
    described = text.index("a US embassy cable from Islamabad")
    refs = [CableReferenceAnnotation(described, described + 33, text[described : described + 33], None, origin, date)]
    if "09ISLAMABAD999" in text:
        at = text.index("09ISLAMABAD999")
        refs.append(CableReferenceAnnotation(at, at + 14, "09ISLAMABAD999", "09ISLAMABAD999", "Islamabad", "2009-01"))
    refs += [
        CableReferenceAnnotation(link.start, link.end, text[link.start : link.end], "09ISLAMABAD999") for link in links
    ]
    roe = text.index("Jane Roe")
    annotation = Annotation(
        id="s",
        text=text,
        entities=(EntityAnnotation(roe, roe + 8, "Jane Roe", "PERSON", "Jane Roe"),),
        cables=tuple(sorted(refs, key=lambda r: r.start)),
        links=tuple(links),
    )
    services.save_annotations(article=article, annotation=annotation)
    return article


def described(article: Article) -> CableReference:
    return article.cable_references.get(reference_id="")


@pytest.fixture
def curator():
    user = User.objects.create_user("cora", password="pw-long-enough-1", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label__in=["articles", "reversion"]))
    return user


# ---------------------------------------------------------------------------
# Storing cables


def test_add_cable_stores_metadata_in_utc_and_its_text_as_a_cable_document():
    cable, created = cables.add_cable(parsed=parsed(), raw="<html>the page</html>", source_name="x.html")
    assert created
    cable.refresh_from_db()
    assert cable.created == dt.datetime(2009, 1, 26, 10, 5, tzinfo=dt.UTC)
    assert cable.released == dt.datetime(2010, 11, 30, 21, 9, tzinfo=dt.UTC)
    assert (cable.origin, cable.classification, cable.subject, cable.tags) == (
        "Embassy Islamabad",
        "SECRET",
        "GENERAL ROE ON THE BORDER",
        ["PREL", "PK"],
    )
    assert cable.body == CABLE_BODY and "1. (S) Summary" in cable.body
    assert cable.header.startswith("VZCZC")
    document = cable.document
    assert document.kind == Article.Kind.CABLE and document.raw == CABLE_BODY
    assert document.status == Article.Status.QUEUED
    assert document.published == dt.date(2009, 1, 26)


def test_aware_created_times_are_stored_as_utc():
    plus_two = dt.timezone(dt.timedelta(hours=2))
    cable, _ = cables.add_cable(parsed=parsed(created=dt.datetime(2009, 1, 26, 12, 5, tzinfo=plus_two)), raw="r")
    cable.refresh_from_db()
    assert cable.created == dt.datetime(2009, 1, 26, 10, 5, tzinfo=dt.UTC)


def test_adding_a_held_cable_again_changes_nothing():
    first, _ = cables.add_cable(parsed=parsed(), raw="r")
    again, created = cables.add_cable(parsed=parsed(body=CABLE_BODY + "\nChanged."), raw="r2")
    assert not created and again.pk == first.pk
    assert Cable.objects.get().body == CABLE_BODY
    assert Article.objects.count() == 1


def test_a_cable_known_only_by_reference_gets_its_text():
    Cable.objects.create(reference_id="09ISLAMABAD999", body=None)
    cable, created = cables.add_cable(parsed=parsed(), raw="r")
    assert created and cable.body == CABLE_BODY and cable.document is not None
    assert Cable.objects.count() == 1


def test_a_cable_without_a_reference_id_is_refused():
    with pytest.raises(cables.CableDocumentError):
        cables.add_cable(parsed=parsed(refid=""), raw="r")


# ---------------------------------------------------------------------------
# Resolving references by id and link


def test_references_by_id_and_link_are_linked_when_the_cable_arrives_later():
    text = STORY + " Read it here."
    here = text.index("here")
    article = story(text, links=(Link(here, here + 4, "/cable/2009/01/09ISLAMABAD999.html"),))
    assert not article.cable_references.filter(cable__isnull=False).exists()
    cable, _ = cables.add_cable(parsed=parsed(), raw="r")
    by_id = article.cable_references.get(text="09ISLAMABAD999")
    by_link = article.cable_references.get(text="here")
    assert (by_id.cable, by_id.resolution, by_id.confidence) == (cable, "id", 1.0)
    assert (by_link.cable, by_link.resolution) == (cable, "link")


def test_references_to_a_held_cable_are_linked_when_the_article_is_processed():
    cable, _ = cables.add_cable(parsed=parsed(), raw="r")
    article = story()
    reference = article.cable_references.get(reference_id="09ISLAMABAD999")
    assert (reference.cable, reference.resolution) == (cable, "id")


# ---------------------------------------------------------------------------
# Resolving references by description


def test_description_resolves_by_origin_date_and_people_with_its_evidence():
    cable, _ = cables.add_cable(parsed=parsed(), raw="r")
    annotate_cable(cable)
    reference = described(story())
    assert reference.cable == cable
    assert reference.resolution == "description"
    assert reference.confidence >= cables.ACCEPT_SCORE
    evidence = " ".join(reference.evidence)
    assert "Islamabad" in evidence and "2009-01-24" in evidence and "Jane Roe" in evidence


def test_description_is_resolved_when_the_cable_is_annotated_after_the_article():
    article = story()
    assert described(article).cable is None
    cable, _ = cables.add_cable(parsed=parsed(), raw="r")
    annotate_cable(cable)
    assert described(article).cable == cable


def test_description_fitting_two_cables_equally_is_left_to_a_curator():
    for refid in ("09ISLAMABAD998", "09ISLAMABAD999"):
        cable, _ = cables.add_cable(parsed=parsed(refid, body=CABLE_BODY.replace("000999", refid[-3:])), raw=refid)
        annotate_cable(cable)
    reference = described(story())
    assert reference.cable is None and reference.resolution == ""
    assert [c.cable.reference_id for c in reference.candidates.all()] == ["09ISLAMABAD998", "09ISLAMABAD999"]
    assert all(c.evidence for c in reference.candidates.all())


def test_description_from_another_origin_matches_nothing():
    cable, _ = cables.add_cable(parsed=parsed(), raw="r")
    annotate_cable(cable)
    reference = described(story(origin="Kabul"))
    assert reference.cable is None and not reference.candidates.exists()


def test_description_without_origin_or_date_is_not_guessed():
    cable, _ = cables.add_cable(parsed=parsed(), raw="r")
    annotate_cable(cable)
    reference = described(story(origin="", date=""))
    assert reference.cable is None and not reference.candidates.exists()


def test_a_date_alone_needs_the_people_to_agree():
    cable, _ = cables.add_cable(parsed=parsed(), raw="r")
    annotate_cable(cable, people=())
    reference = described(story(origin=""))
    assert reference.cable is None and not reference.candidates.exists()


# ---------------------------------------------------------------------------
# Curation of matches


def two_candidate_story() -> CableReference:
    for refid in ("09ISLAMABAD998", "09ISLAMABAD999"):
        cable, _ = cables.add_cable(parsed=parsed(refid, body=CABLE_BODY.replace("000999", refid[-3:])), raw=refid)
        annotate_cable(cable)
    return described(story(STORY.replace(" The cable 09ISLAMABAD999 says more.", "")))


def reprocess(article: Article) -> None:
    """Store the same machine output again, as re-processing does."""
    services.save_annotations(
        article=article,
        annotation=Annotation(
            id="s",
            text=article.body,
            entities=tuple(
                EntityAnnotation(m.start, m.end, m.text, m.label, m.entity.name) for m in article.mentions.all()
            ),
            cables=tuple(
                CableReferenceAnnotation(r.start, r.end, r.text, r.reference_id or None, r.origin, r.date)
                for r in article.cable_references.all()
            ),
        ),
    )


def test_confirming_the_best_candidate_links_it_and_survives_reprocessing(curator):
    reference = two_candidate_story()
    curation.confirm_cable_match(reference=reference, user=curator)
    reprocess(reference.article)
    reference = CableReference.objects.get(pk=reference.pk)
    assert reference.cable.reference_id == "09ISLAMABAD998"
    assert reference.review == ReviewState.ACCEPTED and reference.resolution == "curated"


def test_rejecting_a_match_survives_reprocessing_and_is_never_suggested_again(curator):
    cable, _ = cables.add_cable(parsed=parsed(), raw="r")
    annotate_cable(cable)
    reference = described(story())
    assert reference.cable == cable
    curation.reject_cable_match(reference=reference, user=curator)
    reprocess(reference.article)
    annotate_cable(cable)  # the cable processed again re-resolves the descriptions it may match
    reference = CableReference.objects.get(pk=reference.pk)
    assert reference.cable is None and reference.review == ReviewState.ACCEPTED
    assert CableCandidate.objects.get(reference=reference).rejected


def test_admin_confirm_action_confirms_the_match_and_records_who(client, curator):
    cable, _ = cables.add_cable(parsed=parsed(), raw="r")
    annotate_cable(cable)
    reference = described(story())
    client.force_login(curator)
    url = reverse("admin:articles_cablereference_changelist")
    response = client.post(url, {"action": "confirm_cable", "_selected_action": [reference.pk]})
    assert response.status_code == 302
    reference.refresh_from_db()
    assert reference.review == ReviewState.ACCEPTED and reference.cable == cable
    history = client.get(reverse("admin:articles_article_history", args=[reference.article_id]))
    assert b"Confirmed 09ISLAMABAD999" in history.content and b"cora" in history.content


def test_admin_reference_page_lists_candidates_with_evidence(client, curator):
    reference = two_candidate_story()
    client.force_login(curator)
    html = client.get(reverse("admin:articles_cablereference_change", args=[reference.pk])).content.decode()
    assert "09ISLAMABAD998" in html and "Jane Roe" in html


# ---------------------------------------------------------------------------
# Pages


def test_cable_page_shows_metadata_annotated_text_and_citing_articles(client):
    cable, _ = cables.add_cable(parsed=parsed(), raw="r")
    annotate_cable(cable)
    article = story()
    html = client.get(cable.get_absolute_url()).content.decode()
    assert "GENERAL ROE ON THE BORDER" in html and "Embassy Islamabad" in html and "SECRET" in html
    assert "26 January 2009 10:05 UTC" in html
    roe = Entity.objects.get(name="Jane Roe")
    assert f'<a href="{roe.get_absolute_url()}" title="Jane Roe · person" class="ann ann-person">Jane Roe</a>' in html
    assert '<mark title="2009-01-24" class="ann ann-date">January 24, 2009</mark>' in html
    assert "1. (S) Summary" in html
    assert f'href="{article.get_absolute_url()}"' in html


def test_page_of_a_real_cable_not_held_says_what_the_index_knows(client):
    html = client.get(reverse("articles:cable", args=["09ISLAMABAD365"])).content.decode()
    assert "Known from the index: released, dated" in html and "February 2009" in html and "not held" in html


def test_page_of_a_lookalike_id_is_not_found(client):
    assert client.get(reverse("articles:cable", args=["09ISLAMABAD170"])).status_code == 404
    assert client.get(reverse("articles:cable", args=["nonsense"])).status_code == 404


def test_cable_page_redirects_to_the_canonical_id(client):
    response = client.get(reverse("articles:cable", args=["09islamabad00365"]))
    assert response.status_code == 301 and response["Location"] == reverse("articles:cable", args=["09ISLAMABAD365"])


def test_article_panel_of_a_real_cable_not_held_shows_its_month(client):
    text = "The cable 09ISLAMABAD365 records the meeting, says a US embassy cable from Islamabad. Jane Roe."
    article, _ = services.add_article(document=SourceDocument(id="s", raw=text))
    at = text.index("09ISLAMABAD365")
    services.save_annotations(
        article=article,
        annotation=Annotation(
            id="s", text=text, cables=(CableReferenceAnnotation(at, at + 14, "09ISLAMABAD365", "09ISLAMABAD365"),)
        ),
    )
    reference = article.cable_references.get()
    url = f"{article.get_absolute_url()}?ref={reference.pk}"
    html = client.get(url, headers={"HX-Request": "true", "HX-Target": "cable-panel"}).content.decode()
    assert "Known from the index" in html and "February 2009" in html and "not held" in html


def test_article_panel_shows_candidates_with_their_evidence(client):
    reference = two_candidate_story()
    url = f"{reference.article.get_absolute_url()}?ref={reference.pk}"
    html = client.get(url, headers={"HX-Request": "true", "HX-Target": "cable-panel"}).content.decode()
    assert "Possibly" in html and "09ISLAMABAD998" in html and "09ISLAMABAD999" in html
    assert "both name Jane Roe" in html


def many_cables(n: int) -> None:
    for i in range(n):
        Cable.objects.create(
            reference_id=f"0{i % 2 + 8}TESTPOST{i + 1}",
            origin="Embassy Testpost" if i % 3 else "Consulate Elsewhere",
            classification="SECRET" if i % 2 else "CONFIDENTIAL",
            created=dt.datetime(2008 + i % 2, 1 + i % 12, 1, tzinfo=dt.UTC),
            tags=["PREL", "PGOV"] if i % 2 else ["ECON"],
            subject=f"Subject {i}",
            body=f"Body {i}",
        )


def test_cable_list_filters_by_origin_classification_year_and_tag(client):
    many_cables(12)
    url = reverse("articles:cables")

    def ids(**params) -> set[str]:
        page = client.get(url, params).context["page"]
        return {c.reference_id for c in page.object_list}

    assert len(ids()) == 12
    assert all(
        Cable.objects.get(reference_id=r).origin == "Consulate Elsewhere" for r in ids(origin="Consulate Elsewhere")
    )
    assert ids(classification="SECRET") == ids(tag="PREL") == ids(year="2009")
    assert len(ids(tag="prel")) == 6 and ids(tag="ECON").isdisjoint(ids(tag="PREL"))
    assert ids(tag="PRE") == set()
    assert ids(origin="Embassy Testpost", tag="ECON", year="2008") == {
        c.reference_id for c in Cable.objects.filter(origin="Embassy Testpost", tags=["ECON"])
    }


def test_cable_list_is_paginated_and_serves_its_results_to_htmx(client):
    many_cables(cables_per_page := 52)
    url = reverse("articles:cables")
    first = client.get(url).context["page"]
    assert len(first.object_list) == 50 and first.paginator.count == cables_per_page
    html = client.get(url, {"page": 2}, headers={"HX-Request": "true"}).content.decode()
    assert html.strip().startswith('<div id="cable-results"') and "Page 2 of 2" in html


def test_cable_list_queries_do_not_grow_with_the_page(client, django_assert_num_queries):
    many_cables(5)
    client.get(reverse("articles:cables"))  # warm up sessions and content types
    with django_assert_num_queries(5):
        client.get(reverse("articles:cables"))
    many_cables_more = 30
    for i in range(many_cables_more):
        Cable.objects.create(reference_id=f"07OTHER{i + 1}", origin="Embassy Other", body="b")
    with django_assert_num_queries(5):
        client.get(reverse("articles:cables"))


def test_cable_documents_are_not_listed_as_articles(client):
    cables.add_cable(parsed=parsed(), raw="r")
    story()
    titles = [str(a) for a in client.get(reverse("articles:list")).context["page"].object_list]
    assert "GENERAL ROE ON THE BORDER" not in titles and len(titles) == 1


def test_a_date_and_the_people_named_near_it_suggest_a_cable_without_deciding():
    cable, _ = cables.add_cable(parsed=parsed(), raw="r")
    annotate_cable(cable)
    reference = described(story(origin="", date="2009-01-26"))
    assert reference.cable is None
    candidate = reference.candidates.get()
    assert candidate.cable == cable and "sent on 2009-01-26" in candidate.evidence
