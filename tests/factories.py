"""factory_boy factories for the domain models."""

from __future__ import annotations

import factory

from articles.models import Article, Entity, Mention, Quote


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article number {n}")
    raw = factory.Sequence(lambda n: f"Article number {n}\n\nThe body of article {n} says little.")
    body = factory.LazyAttribute(lambda a: a.raw)
    status = Article.Status.DONE


class EntityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entity
        django_get_or_create = ("name", "kind")

    name = factory.Sequence(lambda n: f"Person Number{n}")
    kind = Entity.Kind.PERSON


class MentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mention

    article = factory.SubFactory(ArticleFactory)
    entity = factory.SubFactory(EntityFactory)
    start = 0
    end = 7
    text = factory.LazyAttribute(lambda m: m.article.body[m.start : m.end])
    label = factory.LazyAttribute(lambda m: m.entity.kind)


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    article = factory.SubFactory(ArticleFactory)
    start = 0
    end = 7
    spans = factory.LazyAttribute(lambda q: [[q.start, q.end]])
    text = factory.LazyAttribute(lambda q: q.article.body[q.start : q.end])
