"""A small collection for search, API and export tests: three finished articles about two people."""

from __future__ import annotations

import datetime as dt

from articles.models import Alias, Article, Cable, CableReference, DateMention, Entity, Mention, Quote
from articles.querysets import date_bounds
from tests.factories import ArticleFactory, EntityFactory


def mention(article: Article, entity: Entity, text: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = article.body.index(text, start + 1)
    return Mention.objects.create(
        article=article, entity=entity, start=start, end=start + len(text), text=text, label=entity.kind
    )


def date_mention(article: Article, text: str, value: str) -> DateMention:
    start = article.body.index(text)
    first, last = date_bounds(value)
    return DateMention.objects.create(
        article=article, start=start, end=start + len(text), text=text, value=value, date_from=first, date_to=last
    )


def cable_reference(article: Article, text: str, *, cable: Cable | None = None, date: str = "", origin: str = ""):
    start = article.body.index(text)
    return CableReference.objects.create(
        article=article,
        start=start,
        end=start + len(text),
        text=text,
        cable=cable,
        reference_id=cable.reference_id if cable else "",
        date=date,
        origin=origin,
    )


def build_world() -> dict:
    """Three finished articles about two people, plus a queued one that search never shows."""
    kayani = EntityFactory(name="Ashfaq Parvez Kayani")
    Alias.objects.create(entity=kayani, name="Kayani")
    Alias.objects.create(entity=kayani, name="Gen Kayani")
    zardari = EntityFactory(name="Asif Ali Zardari")
    islamabad = Entity.objects.create(name="Islamabad", kind=Entity.Kind.GPE)
    cable = Cable.objects.create(
        reference_id="09ISLAMABAD365", origin="Islamabad", created=dt.datetime(2009, 2, 20, 10, tzinfo=dt.UTC)
    )

    restraint = ArticleFactory(
        title="Kayani urges restraint",
        raw="r1",
        body=(
            "General Ashfaq Parvez Kayani urged restraint after the attacks in Islamabad. "
            'In March 2009 he told the ambassador: "We will not move troops." '
            "A cable, 09ISLAMABAD365, records the meeting."
        ),
        publication="The Guardian",
        published=dt.date(2010, 12, 1),
    )
    mention(restraint, kayani, "Ashfaq Parvez Kayani")
    mention(restraint, islamabad, "Islamabad")
    date_mention(restraint, "March 2009", "2009-03")
    cable_reference(restraint, "09ISLAMABAD365", cable=cable)
    quote_start = restraint.body.index("We will")
    Quote.objects.create(
        article=restraint,
        start=quote_start,
        end=quote_start + 23,
        spans=[[quote_start, quote_start + 23]],
        text="We will not move troops.",
        speaker=kayani,
    )

    economy = ArticleFactory(
        title="Zardari on the economy",
        raw="r2",
        body="President Asif Ali Zardari spoke about the economy and the budget for 2008.",
        publication="Dawn",
        published=dt.date(2009, 6, 15),
    )
    mention(economy, zardari, "Asif Ali Zardari")
    date_mention(economy, "2008", "2008")

    talks = ArticleFactory(
        title="Talks in Rawalpindi",
        raw="r3",
        body=(
            "Zardari and Kayani met in Rawalpindi. Both men called for restraint. "
            "A US embassy cable from Lahore in February 2009 described the talks."
        ),
        publication="The Guardian",
        published=dt.date(2011, 1, 5),
    )
    mention(talks, zardari, "Zardari")
    mention(talks, kayani, "Kayani")
    cable_reference(talks, "A US embassy cable from Lahore", date="2009-02", origin="Lahore")

    ArticleFactory(title="Restraint, queued", raw="r4", body="restraint restraint", status=Article.Status.QUEUED)
    return {"kayani": kayani, "zardari": zardari, "restraint": restraint, "economy": economy, "talks": talks}
