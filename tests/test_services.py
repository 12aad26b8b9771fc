"""Adding articles and storing their annotations."""

import pytest

from articles import services
from articles.models import Alias, Article, Entity, Mention, Quote, ReviewState
from articles.nlp import Annotation, EntityAnnotation, QuoteAnnotation, SourceDocument
from articles.nlp.types import DateAnnotation

pytestmark = pytest.mark.django_db

BODY = 'Jane Roe met John Doe in Paris on 3 May 2009. "We agreed," Roe said.'


def annotation(**overrides) -> Annotation:
    fields = {
        "id": "1",
        "text": BODY,
        "entities": (
            EntityAnnotation(0, 8, "Jane Roe", "PERSON", "Jane Roe"),
            EntityAnnotation(13, 21, "John Doe", "PERSON", "John Doe"),
            EntityAnnotation(25, 30, "Paris", "GPE", "Paris"),
            EntityAnnotation(62, 65, "Roe", "PERSON", "Jane Roe"),
        ),
        "quotes": (QuoteAnnotation("We agreed", ((49, 58),), "Jane Roe", "Roe", cue="said"),),
        "dates": (DateAnnotation(34, 44, "3 May 2009", "2009-05-03", "day"),),
    }
    fields.update(overrides)
    return Annotation(**fields)


def test_add_article_finds_the_same_content_again():
    doc = SourceDocument(id="a", raw="Some text\r\nabout cables.")
    first, created = services.add_article(document=doc)
    again, created_again = services.add_article(document=SourceDocument(id="b", raw="Some text\nabout cables.\n"))
    assert created and not created_again
    assert again.pk == first.pk
    assert Article.objects.count() == 1


def test_saved_annotations_link_mentions_to_one_entity_with_aliases():
    article, _ = services.add_article(document=SourceDocument(id="a", raw=BODY))
    services.save_annotations(article=article, annotation=annotation())
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    jane = Entity.objects.get(name="Jane Roe")
    assert jane.mentions.count() == 2
    assert set(jane.aliases.values_list("name", flat=True)) == {"Roe"}
    quote = Quote.objects.get()
    assert quote.speaker == jane
    assert article.date_mentions.get().date_from.isoformat() == "2009-05-03"


def stored_with_paris_rejected() -> Article:
    """BODY stored with its annotations, and a curator's rejection of the mention of Paris."""
    article, _ = services.add_article(document=SourceDocument(id="a", raw=BODY))
    services.save_annotations(article=article, annotation=annotation())
    rejected = Mention.objects.get(text="Paris")
    rejected.review = ReviewState.REJECTED
    rejected.save()
    return article


def test_reprocessing_replaces_automatic_annotations_but_keeps_curated_ones():
    article = stored_with_paris_rejected()
    services.save_annotations(article=article, annotation=annotation())
    paris = Mention.objects.filter(article=article, text="Paris")
    assert [m.review for m in paris] == [ReviewState.REJECTED]
    assert Mention.objects.filter(article=article).count() == 4


def test_entity_marked_not_an_entity_is_never_linked_again():
    Entity.objects.create(name="Paris", kind="GPE", not_an_entity=True)
    article, _ = services.add_article(document=SourceDocument(id="a", raw=BODY))
    services.save_annotations(article=article, annotation=annotation())
    assert not Mention.objects.filter(text="Paris").exists()


def test_a_curated_alias_maps_a_new_canonical_name_to_the_existing_entity():
    jane = Entity.objects.create(name="Jane Roe", kind="PERSON")
    Alias.objects.create(entity=jane, name="J. Roe", curated=True)
    ents = (EntityAnnotation(0, 8, "Jane Roe", "PERSON", "J. Roe"),)
    article, _ = services.add_article(document=SourceDocument(id="a", raw=BODY))
    services.save_annotations(article=article, annotation=annotation(entities=ents))
    assert Mention.objects.get().entity == jane
    assert ("J. Roe", "Jane Roe", "PERSON") in services.curated_aliases()


def test_a_country_written_differently_in_two_articles_is_one_entity_of_the_library():
    for key, written in (("a", "US"), ("b", "America")):
        body = f"{written} said so."
        article, _ = services.add_article(document=SourceDocument(id=key, raw=body))
        ents = (EntityAnnotation(0, len(written), written, "GPE", written),)
        services.save_annotations(article=article, annotation=annotation(text=body, entities=ents, quotes=(), dates=()))
    country = Entity.objects.get(kind="GPE")
    assert country.name == "United States"
    assert country.mentions.count() == 2
    assert set(country.aliases.values_list("name", flat=True)) == {"US", "America"}


@pytest.mark.model
def test_process_articles_runs_the_real_pipeline():
    article, _ = services.add_article(document=SourceDocument(id="a", raw="Angela Merkel visited Paris in June 2009."))
    services.process_articles([article])
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    assert article.body.startswith("Angela Merkel")
    assert article.mentions.filter(label="PERSON").exists()


@pytest.mark.model
def test_an_article_in_another_language_is_stored_with_its_language_and_no_names():
    raw = (
        "Der Botschafter schrieb im Jahr 2009, die Regierung sei tief gespalten und der Minister Karl Varr "
        "habe kaum noch Einfluss auf die Entscheidungen im Kabinett. Die Depesche wurde am Montag von "
        "mehreren Zeitungen veröffentlicht, die das Ministerium um eine Stellungnahme baten."
    )
    article, _ = services.add_article(document=SourceDocument(id="de", raw=raw))
    services.process_articles([article])
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    assert (article.language, article.other_language) == ("de", "German")
    assert not article.mentions.exists()


def shifted(by: int, **overrides) -> Annotation:
    """The same annotations on a body that gained `by` characters before it."""
    base = annotation()
    return annotation(
        text="x" * (by - 2) + "\n\n" + BODY,
        entities=tuple(EntityAnnotation(e.start + by, e.end + by, e.text, e.label, e.canonical) for e in base.entities),
        quotes=tuple(
            QuoteAnnotation(q.text, tuple((s + by, e + by) for s, e in q.spans), q.speaker, q.speaker_text, cue=q.cue)
            for q in base.quotes
        ),
        dates=tuple(DateAnnotation(d.start + by, d.end + by, d.text, d.value, d.precision) for d in base.dates),
        **overrides,
    )


def test_curation_moves_with_its_words_when_the_body_gains_lines():
    article = stored_with_paris_rejected()
    accepted = Quote.objects.get()
    accepted.review = ReviewState.ACCEPTED
    accepted.save()
    # re-processed by a pipeline that keeps a byline line at the top of the body
    services.save_annotations(article=article, annotation=shifted(20))
    article.refresh_from_db()
    paris = Mention.objects.get(article=article, text="Paris")
    assert paris.review == ReviewState.REJECTED
    assert article.body[paris.start : paris.end] == "Paris"
    quote = Quote.objects.get(article=article)
    assert quote.review == ReviewState.ACCEPTED
    assert [article.body[s:e] for s, e in quote.spans] == [BODY[s:e] for s, e in annotation().quotes[0].spans]
    assert Mention.objects.filter(article=article).count() == 4


def test_curation_whose_words_are_gone_from_the_new_body_is_dropped():
    article = stored_with_paris_rejected()
    other = 'Jane Roe met John Doe in Lyon on 3 May 2009. "We agreed," Roe said.'
    services.save_annotations(article=article, annotation=annotation(text=other, entities=annotation().entities[:2]))
    assert not Mention.objects.filter(article=article, text="Paris").exists()
