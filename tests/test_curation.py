"""Curation: merges, rejections, aliases and undo survive re-processing and are recorded."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from reversion.models import Revision

from articles import curation, services
from articles.models import Alias, Article, Entity, Mention, Quote, ReviewState
from articles.nlp import Annotation, EntityAnnotation, QuoteAnnotation, SourceDocument

pytestmark = pytest.mark.django_db

BODY = 'Gen Jane Roe met John Doe in Paris. "We agreed," Roe said. Jane Roe left.'


def machine_output() -> Annotation:
    """What the extraction produces for BODY: it wrongly keeps 'Gen Jane Roe' and 'Jane Roe' apart."""
    return Annotation(
        id="1",
        text=BODY,
        entities=(
            EntityAnnotation(0, 12, "Gen Jane Roe", "PERSON", "Gen Jane Roe"),
            EntityAnnotation(17, 25, "John Doe", "PERSON", "John Doe"),
            EntityAnnotation(29, 34, "Paris", "GPE", "Paris"),
            EntityAnnotation(49, 52, "Roe", "PERSON", "Gen Jane Roe"),
            EntityAnnotation(59, 67, "Jane Roe", "PERSON", "Jane Roe"),
        ),
        quotes=(QuoteAnnotation("We agreed", ((37, 46),), "Gen Jane Roe", "Roe", cue="said"),),
    )


@pytest.fixture
def curator():
    user = User.objects.create_user("cora", password="pw-long-enough-1", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="curate"))
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label__in=["articles", "reversion"]))
    return user


@pytest.fixture
def article():
    article, _ = services.add_article(document=SourceDocument(id="a", raw=BODY))
    services.save_annotations(article=article, annotation=machine_output())
    return article


def people_on_page(article: Article) -> set[str]:
    mentions = article.mentions.exclude(review=ReviewState.REJECTED).filter(label="PERSON")
    return set(mentions.values_list("entity__name", flat=True))


def test_merge_then_reprocess_keeps_one_person(article, curator):
    keep = Entity.objects.get(name="Jane Roe")
    curation.merge_entities(target=keep, others=[Entity.objects.get(name="Gen Jane Roe")], user=curator)
    assert people_on_page(article) == {"Jane Roe", "John Doe"}
    services.save_annotations(article=article, annotation=machine_output())
    assert people_on_page(article) == {"Jane Roe", "John Doe"}
    assert not Entity.objects.filter(name="Gen Jane Roe").exists()
    assert "Gen Jane Roe" in keep.aliases.values_list("name", flat=True)
    assert Quote.objects.get().speaker == keep


def test_reject_then_reprocess_keeps_the_rejection(article, curator):
    curation.set_review(items=Mention.objects.filter(text="Paris"), state=ReviewState.REJECTED, user=curator)
    services.save_annotations(article=article, annotation=machine_output())
    assert list(Mention.objects.filter(text="Paris").values_list("review", flat=True)) == [ReviewState.REJECTED]


def test_added_mention_survives_reprocessing(article, curator):
    doe = Entity.objects.get(name="John Doe")
    curation.add_mention(article=article, start=0, end=12, entity=doe, user=curator)  # a deliberate relabel
    services.save_annotations(article=article, annotation=machine_output())
    added = Mention.objects.get(article=article, start=0)
    assert (added.entity, added.review) == (doe, ReviewState.ADDED)


def test_a_curated_alias_links_a_newly_ingested_article(curator):
    roe = Entity.objects.create(name="Jane Roe", kind="PERSON")
    Alias.objects.create(entity=roe, name="Gen Jane Roe", curated=True)
    other, _ = services.add_article(document=SourceDocument(id="b", raw=BODY + " More."))
    services.save_annotations(article=other, annotation=machine_output())
    assert people_on_page(other) == {"Jane Roe", "John Doe"}


def test_undo_restores_the_state_before_a_merge(article, curator):
    keep = Entity.objects.get(name="Jane Roe")
    gone = Entity.objects.get(name="Gen Jane Roe")
    gone_pk = gone.pk
    curation.merge_entities(target=keep, others=[gone], user=curator)
    revision = Revision.objects.filter(comment__startswith="Merged").get()
    assert revision.user == curator
    curation.undo_revision(revision=revision, user=curator)
    assert people_on_page(article) == {"Jane Roe", "Gen Jane Roe", "John Doe"}
    restored = Entity.objects.get(pk=gone_pk)
    assert restored.mentions.count() == 2
    assert Quote.objects.get().speaker == restored
    assert "Gen Jane Roe" not in keep.aliases.values_list("name", flat=True)


def test_split_alias_makes_its_own_entity(article, curator):
    gen = Entity.objects.get(name="Gen Jane Roe")
    roe_alias = gen.aliases.get(name="Roe")
    new = curation.split_alias(alias=roe_alias, user=curator)
    assert new.name == "Roe"
    assert list(new.mentions.values_list("text", flat=True)) == ["Roe"]
    services.save_annotations(article=article, annotation=machine_output())
    assert Mention.objects.get(text="Roe").entity == new


def test_not_an_entity_rejects_mentions_and_is_never_linked_again(article, curator):
    curation.mark_not_an_entity(entity=Entity.objects.get(name="Paris"), user=curator)
    services.save_annotations(article=article, annotation=machine_output())
    assert list(Mention.objects.filter(text="Paris").values_list("review", flat=True)) == [ReviewState.REJECTED]


def test_admin_merge_action_merges_and_records_who(client, article, curator):
    client.force_login(curator)
    ids = list(Entity.objects.filter(name__in=["Jane Roe", "Gen Jane Roe"]).values_list("pk", flat=True))
    keep = Entity.objects.get(name="Jane Roe")
    url = reverse("admin:articles_entity_changelist")
    response = client.post(url, {"action": "merge", "_selected_action": ids})
    assert response.status_code == 200 and b"Choose the entity to keep" in response.content
    response = client.post(url, {"action": "merge", "_selected_action": ids, "target": keep.pk})
    assert response.status_code == 302
    assert people_on_page(article) == {"Jane Roe", "John Doe"}
    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert b"Merged Gen Jane Roe into Jane Roe" in history.content
    assert b"cora" in history.content


def test_admin_edit_of_a_quote_speaker_is_kept_and_recorded(client, article, curator):
    client.force_login(curator)
    quote = Quote.objects.get()
    doe = Entity.objects.get(name="John Doe")
    url = reverse("admin:articles_quote_change", args=[quote.pk])
    form = {
        "article": article.pk,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "spans": "[[37, 46]]",
        "speaker": doe.pk,
        "speaker_label": "",
        "speaker_text": "Roe",
        "cue": "said",
        "review": "auto",
    }
    assert client.post(url, form).status_code == 302
    services.save_annotations(article=article, annotation=machine_output())
    quote = Quote.objects.get()
    assert (quote.speaker, quote.review) == (doe, ReviewState.ACCEPTED)
    assert Revision.objects.filter(comment__contains="speaker", user=curator).exists()


@pytest.mark.parametrize(
    "url",
    ["/admin/", "/admin/articles/entity/", "/admin/articles/mention/", "/admin/reversion/revision/"],
)
def test_users_without_the_curator_permission_cannot_reach_curation(client, url):
    assert client.get(url).status_code == 302  # anonymous: to the sign-in page
    reader = User.objects.create_user("rita", password="pw-long-enough-1")
    reader.groups.add(Group.objects.get_or_create(name="readers")[0])
    client.force_login(reader)
    assert client.get(url).status_code in (302, 403)
    staff = User.objects.create_user("sam", password="pw-long-enough-1", is_staff=True)
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert b"Curate annotations" not in response.content


def test_reprocess_command_requires_ids_or_all():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="ids, or --all"):
        call_command("reprocess")
