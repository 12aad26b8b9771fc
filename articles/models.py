"""Articles, the entities and cables they mention, and every annotation with its offsets."""

from __future__ import annotations

import hashlib
import unicodedata

import reversion
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from articles.querysets import ArticleSearchQuerySet, EntitySearchQuerySet, SearchDocument


def content_hash(raw: str) -> str:
    """The identity of an upload: the same text (whatever its line endings) is the same article."""
    normalised = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def normalise_key(name: str) -> str:
    """Lookup key for names: NFKC, case-folded, punctuation dropped, spaces collapsed."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = "".join(ch if ch.isalnum() or ch.isspace() else " " for ch in text)
    return " ".join(text.split())


class ReviewState(models.TextChoices):
    AUTO = "auto", "automatic"
    ACCEPTED = "accepted", "accepted"
    REJECTED = "rejected", "rejected"
    ADDED = "added", "added by a curator"


class ArticleQuerySet(ArticleSearchQuerySet):
    def done(self) -> ArticleQuerySet:
        return self.filter(status=Article.Status.DONE)

    def newest_first(self) -> ArticleQuerySet:
        return self.order_by(F("published").desc(nulls_last=True), "-created")


class Article(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued"
        PROCESSING = "processing"
        DONE = "done"
        FAILED = "failed"

    class Kind(models.TextChoices):
        TEXT = "text"
        MARKDOWN = "markdown"
        HTML = "html"
        # The body of a cable document, annotated like an article; its metadata lives on the Cable.
        CABLE = "cable"

    title = models.CharField(max_length=500, blank=True)
    publication = models.CharField(max_length=200, blank=True, db_index=True)
    byline = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    published = models.DateField(null=True, blank=True, db_index=True)
    source_name = models.CharField(max_length=500, blank=True, help_text="File name or source of the upload")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TEXT)
    raw = models.TextField(help_text="Exactly what was uploaded; never modified")
    body = models.TextField(blank=True, help_text="Clean text every annotation offset refers to")
    language = models.CharField(
        max_length=8, blank=True, help_text="ISO 639-1 code of the language the text is written in"
    )
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED, db_index=True)
    error = models.TextField(blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    created = models.DateTimeField(default=timezone.now, db_index=True)
    updated = models.DateTimeField(auto_now=True)
    processed = models.DateTimeField(null=True, blank=True)
    # A worker holds a processing article until its lease expires; a worker killed mid-document leaves
    # an expired lease behind, and `requeue_stale` (or a retry) queues the article again.
    lease_expires = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Times a worker has started processing it")
    # Weighted tsvector of title and body for full-text search (PostgreSQL; NULL on SQLite). GIN-indexed
    # in migration 0003_search outside Meta.indexes, as SQLite cannot create that index.
    search_document = models.GeneratedField(
        expression=SearchDocument("title", "body"), output_field=SearchVectorField(), db_persist=True
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        # PostgreSQL also gets article_done_newest (migration 0004), which SQLite cannot express.
        indexes = [models.Index(fields=["status", "created"])]
        permissions = [("curate", "Can curate annotations in the admin")]

    def __str__(self) -> str:
        return self.title or self.source_name or f"Article {self.pk}"

    def save(self, *args, **kwargs) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.raw)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", args=[self.pk])

    @property
    def other_language(self) -> str:
        """The name of the language the text is written in, when that is not English ("" otherwise)."""
        from articles.nlp.language import ENGLISH, language_name

        return language_name(self.language) if self.language and self.language != ENGLISH else ""

    def mark_processing(self) -> None:
        self.status = self.Status.PROCESSING
        self.error = ""
        self.save(update_fields=["status", "error", "updated"])

    def mark_failed(self, error: str) -> None:
        self.status = self.Status.FAILED
        self.error = error[:5000]
        self.save(update_fields=["status", "error", "updated"])

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class Entity(models.Model):
    class Kind(models.TextChoices):
        PERSON = "PERSON", "person"
        ORG = "ORG", "organisation"
        GPE = "GPE", "country, city or state"
        NORP = "NORP", "nationality or group"
        LOC = "LOC", "place"
        FAC = "FAC", "building or facility"
        EVENT = "EVENT", "event"
        OTHER = "OTHER", "other"

    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices, db_index=True)
    key = models.CharField(max_length=300, editable=False, db_index=True)
    not_an_entity = models.BooleanField(
        default=False, help_text="A curator decided this name is not an entity; it is never suggested again"
    )
    created = models.DateTimeField(default=timezone.now)

    objects = EntitySearchQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "entities"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["key", "kind"], name="entity_unique_key_kind")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.key = normalise_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:entity", args=[self.pk])


class Alias(models.Model):
    """A surface form of an entity ("Kayani", "Gen Kayani"). Curated aliases feed new extractions."""

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)
    key = models.CharField(max_length=300, editable=False, db_index=True)
    curated = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "aliases"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["entity", "key"], name="alias_unique_per_entity")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.key = normalise_key(self.name)
        super().save(*args, **kwargs)


class SpanModel(models.Model):
    """An annotation occupying [start, end) of its article's body."""

    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="%(class)s_start_before_end"),
            models.CheckConstraint(condition=Q(start__gte=0), name="%(class)s_start_not_negative"),
        ]


class Mention(SpanModel):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="mentions")
    text = models.CharField(max_length=500)
    label = models.CharField(max_length=10, choices=Entity.Kind.choices)
    review = models.CharField(max_length=10, choices=ReviewState.choices, default=ReviewState.AUTO, db_index=True)

    class Meta(SpanModel.Meta):
        ordering = ["article", "start"]
        constraints = [
            *SpanModel.Meta.constraints,
            models.UniqueConstraint(fields=["article", "start", "end", "entity"], name="mention_unique_span"),
        ]
        indexes = [models.Index(fields=["entity", "article"])]

    def __str__(self) -> str:
        return f"{self.text} → {self.entity}"


class Quote(SpanModel):
    """A direct quotation; `spans` lists each part of a split quote, `start`/`end` their extent."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField()
    spans = models.JSONField(default=list, help_text="[[start, end], …] of each quoted part")
    speaker = models.ForeignKey(Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes")
    speaker_text = models.CharField(max_length=300, blank=True, help_text="The words naming the speaker")
    speaker_label = models.CharField(
        max_length=300, blank=True, help_text="Speaker when it is not an entity, such as 'the cable'"
    )
    cue = models.CharField(max_length=100, blank=True)
    review = models.CharField(max_length=10, choices=ReviewState.choices, default=ReviewState.AUTO, db_index=True)

    class Meta(SpanModel.Meta):
        ordering = ["article", "start"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def speaker_name(self) -> str:
        return self.speaker.name if self.speaker else self.speaker_label

    @property
    def speaker_inferred(self) -> bool:
        """The speaker was inferred from the sentences around the quote (no attribution verb such as
        `said` was found) and no curator has confirmed it: a likely speaker, not a stated one."""
        return bool(self.speaker_name) and not self.cue and self.review == ReviewState.AUTO


class CableQuerySet(models.QuerySet):
    def held(self) -> CableQuerySet:
        """Cables whose text the collection holds (not only known by reference)."""
        return self.filter(body__isnull=False)

    def with_tag(self, tag: str) -> CableQuerySet:
        # Tags are upper-case words stored as a JSON list: matching the quoted word in its text form
        # works alike on SQLite and PostgreSQL, which JSON containment does not.
        return self.annotate(tags_text=Cast("tags", models.TextField())).filter(tags_text__contains=f'"{tag}"')


class Cable(models.Model):
    reference_id = models.CharField(max_length=40, unique=True)
    origin = models.CharField(max_length=200, blank=True, db_index=True)
    created = models.DateTimeField(null=True, blank=True, db_index=True)
    released = models.DateTimeField(null=True, blank=True)
    classification = models.CharField(max_length=100, blank=True, db_index=True)
    subject = models.CharField(max_length=1000, blank=True)
    tags = models.JSONField(default=list, blank=True)
    body = models.TextField(null=True, blank=True, help_text="Null when the cable is known only by reference")  # noqa: DJ001 - null means unknown, "" an empty body
    raw = models.TextField(blank=True)
    header = models.TextField(blank=True, help_text="Routing header: VZCZC…, FM …, TO …")
    # The cable's body as an annotated document: entities, quotes and dates are stored on it like an article's.
    document = models.OneToOneField(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="cable_record"
    )

    objects = CableQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "reference_id"]

    def __str__(self) -> str:
        return self.reference_id

    def get_absolute_url(self) -> str:
        return reverse("articles:cable", args=[self.reference_id])


class CableReference(SpanModel):
    class Resolution(models.TextChoices):
        NONE = "", "not resolved"
        ID = "id", "by reference id"
        LINK = "link", "by link"
        DESCRIPTION = "description", "by description"
        CURATED = "curated", "by a curator"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="cable_references")
    cable = models.ForeignKey(Cable, null=True, blank=True, on_delete=models.SET_NULL, related_name="references")
    text = models.CharField(max_length=500)
    reference_id = models.CharField(max_length=40, blank=True, db_index=True)
    origin = models.CharField(max_length=200, blank=True)
    date = models.CharField(max_length=10, blank=True, help_text="ISO date of any precision")
    review = models.CharField(max_length=10, choices=ReviewState.choices, default=ReviewState.AUTO, db_index=True)
    resolution = models.CharField(max_length=12, choices=Resolution.choices, blank=True, default="")
    confidence = models.FloatField(null=True, blank=True, help_text="How sure a match by description is, 0-1")
    evidence = models.JSONField(default=list, blank=True, help_text="Why the cable was matched: [text, …]")

    class Meta(SpanModel.Meta):
        ordering = ["article", "start"]

    def __str__(self) -> str:
        return self.text


class CableCandidate(models.Model):
    """A held cable a reference by description may mean, with its score and the evidence for it."""

    reference = models.ForeignKey(CableReference, on_delete=models.CASCADE, related_name="candidates")
    cable = models.ForeignKey(Cable, on_delete=models.CASCADE, related_name="candidacies")
    score = models.FloatField()
    evidence = models.JSONField(default=list, blank=True)
    rejected = models.BooleanField(default=False, help_text="A curator said the reference does not mean this cable")

    class Meta:
        ordering = ["reference", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["reference", "cable"], name="cablecandidate_unique"),
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=1), name="cablecandidate_score_0_1"),
        ]

    def __str__(self) -> str:
        return f"{self.cable} ({self.score:.2f})"


class DateMention(SpanModel):
    class Precision(models.TextChoices):
        DAY = "day"
        MONTH = "month"
        YEAR = "year"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="date_mentions")
    text = models.CharField(max_length=200)
    value = models.CharField(max_length=10, blank=True, help_text="ISO YYYY-MM-DD, YYYY-MM or YYYY")
    precision = models.CharField(max_length=5, choices=Precision.choices, blank=True)
    # The first day the expression covers, for range searches (null when not anchored).
    date_from = models.DateField(null=True, blank=True, db_index=True)
    date_to = models.DateField(null=True, blank=True)
    review = models.CharField(max_length=10, choices=ReviewState.choices, default=ReviewState.AUTO, db_index=True)

    class Meta(SpanModel.Meta):
        ordering = ["article", "start"]
        indexes = [
            # Date-range searches read the article ids from the index alone.
            models.Index(
                fields=["date_from", "date_to", "article"],
                condition=Q(date_from__isnull=False) & ~Q(review=ReviewState.REJECTED),
                name="datemention_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.text} ({self.value or '?'})"


class CurationDeletion(models.Model):
    """An object a curation deleted: reversion keeps versions of existing objects only, undo needs these too."""

    revision = models.ForeignKey("reversion.Revision", on_delete=models.CASCADE, related_name="deletions")
    model_label = models.CharField(max_length=100)
    object_id = models.CharField(max_length=100)

    def __str__(self) -> str:
        return f"{self.model_label} {self.object_id}"


# Curation history (django-reversion): versions are recorded only inside the curation
# services' revisions, never by automatic processing. Articles keep their metadata, not their text.
reversion.register(Article, fields=["title", "publication", "byline", "url", "published", "status"])
for _model in (Entity, Alias, Mention, Quote, CableReference, CableCandidate, DateMention):
    reversion.register(_model)
