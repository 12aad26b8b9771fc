"""Curation services: merge, split, rename, accept, reject and add annotations, each recorded and revertible.

Every service runs inside one django-reversion revision carrying the curator and a comment;
objects that had no recorded version yet are snapshotted first, so the state before the
change is always kept and `undo_revision` can restore it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

import reversion
from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from reversion.models import Revision, Version

from articles.models import (
    Alias,
    Article,
    Cable,
    CableCandidate,
    CableReference,
    CurationDeletion,
    DateMention,
    Entity,
    Mention,
    Quote,
    ReviewState,
    normalise_key,
)

Curatable = Mention | Quote | CableReference | DateMention


class CurationError(ValueError):
    """A curation that cannot be done as asked; the message says why."""


@contextmanager
def recorded(*, user: AbstractBaseUser | None, comment: str, touching: Iterable[models.Model] = ()) -> Iterator[None]:
    """Run a curation as one revision (who, when, what), holding every touched object's state after it.

    Objects that had no recorded version are snapshotted first in a revision of their own, so
    the state before the change is always on record; objects deleted by the curation keep
    their last state in the revision, which is what `undo_revision` restores them from.
    """
    touching = [obj for obj in touching if obj.pk is not None]
    keys = [(type(obj), obj.pk) for obj in touching]
    unrecorded = [obj for obj in touching if not Version.objects.get_for_object(obj).exists()]
    with transaction.atomic():
        if unrecorded:
            with reversion.create_revision(atomic=False):
                _set_meta(user, f"State before: {comment}")
                for obj in unrecorded:
                    reversion.add_to_revision(obj)
        with reversion.create_revision(atomic=False):
            _set_meta(user, comment)
            for obj in touching:
                reversion.add_to_revision(obj)
            yield
            # Replace the state before with the state after for every object that still exists.
            for model, pk in keys:
                fresh = model._default_manager.filter(pk=pk).first()
                if fresh is not None:
                    reversion.add_to_revision(fresh)
                else:
                    reversion.add_meta(CurationDeletion, model_label=model._meta.label, object_id=str(pk))


def _set_meta(user: AbstractBaseUser | None, comment: str) -> None:
    if user is not None and user.is_authenticated:
        reversion.set_user(user)
    reversion.set_comment(comment[:1000])


def merge_entities(*, target: Entity, others: Sequence[Entity], user: AbstractBaseUser | None) -> Entity:
    """Move the mentions, quotes and aliases of `others` to `target`; their names become its aliases; delete them."""
    others = [e for e in others if e.pk != target.pk]
    if not others:
        raise CurationError("choose at least one other entity to merge into the target")
    names = ", ".join(e.name for e in others)
    touching: list[models.Model] = [target, *others, *target.aliases.all()]
    for other in others:
        touching += [*other.mentions.all(), *other.quotes.all(), *other.aliases.all()]
    articles = Article.objects.filter(mentions__entity__in=others).distinct()
    touching += list(articles)
    with recorded(user=user, comment=f"Merged {names} into {target.name}", touching=touching):
        existing_alias_keys = set(target.aliases.values_list("key", flat=True))
        for other in others:
            target_spans = set(
                Mention.objects.filter(entity=target, article__in=other.mentions.values("article")).values_list(
                    "article_id", "start", "end"
                )
            )
            for mention in other.mentions.all():
                if (mention.article_id, mention.start, mention.end) in target_spans:
                    mention.delete()  # the same words were already linked to the target
                    continue
                mention.entity = target
                if mention.review == ReviewState.AUTO:
                    mention.review = ReviewState.ACCEPTED
                mention.save()
            for quote in other.quotes.all():
                quote.speaker = target
                if quote.review == ReviewState.AUTO:
                    quote.review = ReviewState.ACCEPTED
                quote.save(update_fields=["speaker", "review"])
            for alias in other.aliases.all():
                if alias.key in existing_alias_keys or alias.key == target.key:
                    alias.delete()
                    continue
                alias.entity = target
                alias.curated = True
                alias.save()
                existing_alias_keys.add(alias.key)
            if other.key not in existing_alias_keys and other.key != target.key:
                Alias.objects.create(entity=target, name=other.name, curated=True)
                existing_alias_keys.add(other.key)
            other.delete()
    return target


def split_alias(*, alias: Alias, user: AbstractBaseUser | None) -> Entity:
    """Make `alias` an entity of its own: its mentions move there and it stops being linked to the old one."""
    source = alias.entity
    new = Entity.objects.filter(key=alias.key, kind=source.kind).first()
    mentions = [m for m in Mention.objects.filter(entity=source) if normalise_key(m.text) == alias.key]
    touching = [source, alias, *mentions, *Article.objects.filter(mentions__in=mentions).distinct()]
    with recorded(user=user, comment=f"Split {alias.name} off {source.name}", touching=touching):
        if new is None:
            new = Entity.objects.create(name=alias.name, kind=source.kind)
        for mention in mentions:
            mention.entity = new
            mention.review = ReviewState.ACCEPTED
            mention.save()
        alias.delete()
        # A curated alias of itself makes later extractions link the name to the new entity.
        Alias.objects.get_or_create(entity=new, key=alias.key, defaults={"name": alias.name, "curated": True})
        reversion.add_to_revision(new)
    return new


def mark_not_an_entity(*, entity: Entity, user: AbstractBaseUser | None) -> None:
    """Reject every mention of `entity` and never link its name again."""
    mentions = list(entity.mentions.all())
    with recorded(user=user, comment=f"Marked {entity.name} as not an entity", touching=[entity, *mentions]):
        entity.not_an_entity = True
        entity.save()
        for mention in mentions:
            mention.review = ReviewState.REJECTED
            mention.save()


def set_review(*, items: Iterable[Curatable], state: str, user: AbstractBaseUser | None) -> int:
    """Accept or reject annotations; accepted and rejected ones survive re-processing as they are."""
    if state not in (ReviewState.ACCEPTED, ReviewState.REJECTED):
        raise CurationError(f"unknown review state {state!r}")
    items = list(items)
    if not items:
        return 0
    articles = {item.article for item in items}
    verb = "Accepted" if state == ReviewState.ACCEPTED else "Rejected"
    kinds = {str(type(item)._meta.verbose_name_plural) for item in items}
    with recorded(user=user, comment=f"{verb} {len(items)} {'/'.join(sorted(kinds))}", touching=[*items, *articles]):
        for item in items:
            item.review = state
            item.save(update_fields=["review"])
    return len(items)


def _check_span(article: Article, start: int, end: int) -> str:
    if not (0 <= start < end <= len(article.body)):
        raise CurationError(f"the span {start}-{end} is outside the article's text (0-{len(article.body)})")
    return article.body[start:end]


def add_mention(*, article: Article, start: int, end: int, entity: Entity, user: AbstractBaseUser | None) -> Mention:
    """Add a mention the machine missed; it is kept through re-processing."""
    text = _check_span(article, start, end)
    with recorded(user=user, comment=f"Added mention {text!r} of {entity.name}", touching=[article, entity]):
        mention = Mention.objects.create(
            article=article,
            entity=entity,
            start=start,
            end=end,
            text=text[:500],
            label=entity.kind,
            review=ReviewState.ADDED,
        )
        if normalise_key(text) != entity.key:
            Alias.objects.get_or_create(
                entity=entity, key=normalise_key(text), defaults={"name": text, "curated": True}
            )
    return mention


def add_quote(
    *,
    article: Article,
    start: int,
    end: int,
    speaker: Entity | None,
    user: AbstractBaseUser | None,
    speaker_label: str = "",
) -> Quote:
    """Add a quote the machine missed, with its speaker; it is kept through re-processing."""
    text = _check_span(article, start, end).strip("\"“”' ")
    if not text:
        raise CurationError("the selected text holds no words")
    with recorded(user=user, comment=f"Added quote {text[:60]!r}", touching=[article]):
        return Quote.objects.create(
            article=article,
            text=text,
            spans=[[start, end]],
            start=start,
            end=end,
            speaker=speaker,
            speaker_label="" if speaker else speaker_label[:300],
            review=ReviewState.ADDED,
        )


def record_edit(*, obj: models.Model, user: AbstractBaseUser | None, comment: str) -> None:
    """Save an object edited by a curator (rename, kind, span, label, speaker) as one recorded change."""
    before = type(obj)._default_manager.filter(pk=obj.pk).first() if obj.pk else None
    touching: list[models.Model] = [before] if before is not None else []
    if isinstance(obj, Curatable):
        touching.append(obj.article)
        if obj.review == ReviewState.AUTO:
            obj.review = ReviewState.ACCEPTED
    with recorded(user=user, comment=comment, touching=touching):
        obj.save()
        reversion.add_to_revision(obj)


def _previous_version(content_type_id: int, object_id: str, revision: Revision) -> Version | None:
    """The last recorded state of an object before `revision`."""
    return (
        Version.objects.filter(content_type_id=content_type_id, object_id=object_id, revision__lt=revision)
        .order_by("-revision_id")
        .first()
    )


def undo_revision(*, revision: Revision, user: AbstractBaseUser | None) -> None:
    """Put every object a curation changed back as it was before it; objects it created are removed."""
    with transaction.atomic():
        restore: list[Version] = []
        created: list[Version] = []
        for version in revision.version_set.all():
            previous = _previous_version(version.content_type_id, version.object_id, revision)
            (restore if previous is not None else created).append(previous or version)
        for deletion in revision.deletions.all():
            content_type = ContentType.objects.get_for_model(apps.get_model(deletion.model_label))
            previous = _previous_version(content_type.pk, deletion.object_id, revision)
            if previous is not None:
                restore.append(previous)
        with reversion.create_revision(atomic=False):
            _set_meta(user, f"Undid: {revision.get_comment()}")
            for version in created:
                version._model._default_manager.filter(pk=version.object_id).delete()
            # Entities and articles before the rows that point at them.
            restore.sort(key=lambda v: 0 if v._model in (Entity, Article) else 1)
            for version in restore:
                manager = version._model._default_manager
                fields = {k: v for k, v in version.field_dict.items() if k != version._model._meta.pk.attname}
                # Update in place what still exists (an article's version holds only its metadata);
                # re-create what the curation deleted.
                if not manager.filter(pk=version.object_id).update(**fields):
                    version.revert()
                obj = version._model._default_manager.filter(pk=version.object_id).first()
                if obj is not None:
                    reversion.add_to_revision(obj)


def confirm_cable_match(
    *, reference: CableReference, user: AbstractBaseUser | None, cable: Cable | None = None
) -> CableReference:
    """Confirm the cable a reference means (`cable`, else its match, else its best candidate); kept on re-processing."""
    if cable is None:
        cable = reference.cable
    if cable is None:
        best = reference.candidates.filter(rejected=False).select_related("cable").order_by("-score").first()
        if best is None:
            raise CurationError(f"“{reference.text}” has no cable or candidate to confirm")
        cable = best.cable
    with recorded(
        user=user,
        comment=f"Confirmed {cable.reference_id} for “{reference.text[:60]}”",
        touching=[reference, reference.article],
    ):
        if reference.cable_id != cable.pk:
            reference.resolution = CableReference.Resolution.CURATED
            candidate = reference.candidates.filter(cable=cable).first()
            reference.evidence = candidate.evidence if candidate else []
            reference.confidence = candidate.score if candidate else None
        reference.cable = cable
        reference.review = ReviewState.ACCEPTED
        reference.save(update_fields=["cable", "resolution", "evidence", "confidence", "review"])
        reference.candidates.filter(cable=cable).update(rejected=False)
    return reference


def reject_cable_match(*, reference: CableReference, user: AbstractBaseUser | None) -> CableReference:
    """Say a reference does not mean the cable it was matched to; it is never matched to that cable again."""
    cable = reference.cable
    if cable is None:
        raise CurationError(f"“{reference.text}” is not matched to a cable")
    candidates = list(reference.candidates.filter(cable=cable))
    with recorded(
        user=user,
        comment=f"Rejected {cable.reference_id} for “{reference.text[:60]}”",
        touching=[reference, reference.article, *candidates],
    ):
        candidate, _ = CableCandidate.objects.get_or_create(
            reference=reference, cable=cable, defaults={"score": reference.confidence or 0.0}
        )
        candidate.rejected = True
        candidate.save(update_fields=["rejected"])
        reference.cable = None
        reference.resolution = CableReference.Resolution.CURATED
        reference.confidence = None
        reference.evidence = []
        # Accepted: the reference itself is right and stays through re-processing, without this cable.
        reference.review = ReviewState.ACCEPTED
        reference.save(update_fields=["cable", "resolution", "confidence", "evidence", "review"])
    return reference
