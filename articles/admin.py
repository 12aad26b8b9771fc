"""Curation in the admin: entities, mentions, quotes, cable references and dates, with a recorded history."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from reversion.models import Revision, Version

from articles import curation, services
from articles.models import (
    Alias,
    Article,
    Cable,
    CableCandidate,
    CableReference,
    DateMention,
    Entity,
    Mention,
    Quote,
    ReviewState,
)


class RecordedAdmin(admin.ModelAdmin):
    """Saves go through the curation services, so every edit is recorded; history lists those records."""

    object_history_template = "admin/articles/curation_history.html"
    show_full_result_count = False

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        verb = "Edited" if change else "Added"
        changed = ", ".join(form.changed_data) if change else ""
        if not change and hasattr(obj, "review"):
            obj.review = ReviewState.ADDED
        curation.record_edit(
            obj=obj,
            user=request.user,
            comment=f"{verb} {obj._meta.verbose_name} {obj}" + (f" ({changed})" if changed else ""),
        )

    def history_view(self, request: HttpRequest, object_id: str, extra_context=None) -> HttpResponse:
        obj = get_object_or_404(self.model, pk=unquote(object_id))
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = Version.objects.get_for_object(obj).select_related("revision", "revision__user")
        revisions = _revisions_with_changes([v.revision for v in versions])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "object": obj,
            "title": f"History of {obj}",
            "revisions": revisions,
        }
        return render(request, self.object_history_template, context)

    def _set_review(self, request: HttpRequest, queryset: QuerySet, state: str) -> None:
        count = curation.set_review(items=queryset, state=state, user=request.user)
        self.message_user(request, f"{count} marked {state}; re-processing keeps them so.", messages.SUCCESS)

    @admin.action(description="Accept selected (kept through re-processing)")
    def accept(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set_review(request, queryset, ReviewState.ACCEPTED)

    @admin.action(description="Reject selected (never shown, never suggested again here)")
    def reject(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set_review(request, queryset, ReviewState.REJECTED)


def _revisions_with_changes(revisions: list[Revision]) -> list[dict]:
    """Each revision with, per object, the fields it changed (before → after)."""
    out = []
    seen: set[int] = set()
    for revision in sorted(revisions, key=lambda r: -r.pk):
        if revision.pk in seen:
            continue
        seen.add(revision.pk)
        changes = []
        for version in revision.version_set.all():
            previous = (
                Version.objects.filter(
                    content_type_id=version.content_type_id, object_id=version.object_id, revision__lt=revision
                )
                .order_by("-revision_id")
                .first()
            )
            after = version.field_dict
            before = previous.field_dict if previous else {}
            fields = [
                (name, before.get(name, "—"), value)
                for name, value in after.items()
                if not previous or before.get(name) != value
            ]
            changes.append(
                {
                    "object": version.object_repr,
                    "model": version._model._meta.verbose_name,
                    "created": previous is None,
                    "fields": fields,
                }
            )
        out.append({"revision": revision, "changes": changes})
    return out


@admin.register(Article)
class ArticleAdmin(RecordedAdmin):
    list_display = ["__str__", "publication", "published", "language", "status", "created"]
    list_filter = ["status", ("published", admin.DateFieldListFilter), "language", "publication"]
    search_fields = ["title", "publication", "source_name", "=id"]
    readonly_fields = [
        "content_hash",
        "raw",
        "body",
        "language",
        "status",
        "error",
        "created",
        "updated",
        "processed",
    ]
    exclude = ["uploaded_by"]
    date_hierarchy = "created"
    actions = ["reprocess"]

    @admin.action(description="Re-process selected (curated annotations are kept)")
    def reprocess(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        done = services.process_articles(list(queryset))
        self.message_user(request, f"Re-processed {len(done)} of {queryset.count()} articles.", messages.SUCCESS)


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 0
    fields = ["name", "curated"]
    readonly_fields = ["name", "curated"]
    can_delete = False
    show_change_link = True


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(queryset=Entity.objects.none(), widget=forms.RadioSelect, label="Keep")


@admin.register(Entity)
class EntityAdmin(RecordedAdmin):
    list_display = ["name", "kind", "not_an_entity"]
    list_filter = ["kind", "not_an_entity"]
    search_fields = ["name", "aliases__name"]
    fields = ["name", "kind", "not_an_entity"]
    inlines = [AliasInline]
    actions = ["merge", "mark_not_an_entity"]

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return results.distinct(), False

    @admin.action(description="Merge selected into one entity…")
    def merge(self, request: HttpRequest, queryset: QuerySet[Entity]) -> HttpResponse | None:
        entities = list(queryset)
        if len(entities) < 2:
            self.message_user(request, "Select at least two entities to merge.", messages.WARNING)
            return None
        form = MergeForm(request.POST if "target" in request.POST else None)
        form.fields["target"].queryset = queryset
        if form.is_valid():
            target = form.cleaned_data["target"]
            curation.merge_entities(target=target, others=entities, user=request.user)
            self.message_user(request, f"Merged {len(entities) - 1} entities into {target}.", messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:articles_entity_change", args=[target.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Merge entities",
            "entities": entities,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return render(request, "admin/articles/merge.html", context)

    @admin.action(description="Mark selected as not an entity")
    def mark_not_an_entity(self, request: HttpRequest, queryset: QuerySet[Entity]) -> None:
        for entity in queryset:
            curation.mark_not_an_entity(entity=entity, user=request.user)
        self.message_user(request, "Marked; their mentions are rejected and the names are not linked again.")


@admin.register(Alias)
class AliasAdmin(RecordedAdmin):
    list_display = ["name", "entity", "curated"]
    list_filter = ["curated"]
    search_fields = ["name", "entity__name"]
    list_select_related = ["entity"]
    autocomplete_fields = ["entity"]
    fields = ["name", "entity", "curated"]
    actions = ["split_off"]

    def save_model(self, request: HttpRequest, obj: Alias, form, change: bool) -> None:
        obj.curated = True  # an alias a curator touched feeds the extraction of new documents
        super().save_model(request, obj, form, change)

    @admin.action(description="Split selected aliases off into entities of their own")
    def split_off(self, request: HttpRequest, queryset: QuerySet[Alias]) -> None:
        for alias in list(queryset.select_related("entity")):
            new = curation.split_alias(alias=alias, user=request.user)
            self.message_user(request, f"{alias.name} is now an entity of its own: {new}.")


class CuratableAdmin(RecordedAdmin):
    list_select_related = ["article"]
    raw_id_fields = ["article"]
    actions = ["accept", "reject"]


@admin.register(Mention)
class MentionAdmin(CuratableAdmin):
    list_display = ["text", "entity", "label", "article", "start", "review"]
    list_filter = ["label", "review"]
    list_select_related = ["entity", "article"]
    search_fields = ["text", "entity__name", "=article__id"]
    autocomplete_fields = ["entity"]
    fields = ["article", "entity", "start", "end", "text", "label", "review"]


@admin.register(Quote)
class QuoteAdmin(CuratableAdmin):
    list_display = ["__str__", "speaker", "speaker_label", "cue", "article", "review"]
    list_filter = ["review"]
    list_select_related = ["speaker", "article"]
    search_fields = ["text", "speaker__name", "speaker_label", "=article__id"]
    autocomplete_fields = ["speaker"]
    fields = ["article", "text", "start", "end", "spans", "speaker", "speaker_label", "speaker_text", "cue", "review"]


class CableCandidateInline(admin.TabularInline):
    model = CableCandidate
    extra = 0
    fields = ["cable", "score", "evidence", "rejected"]
    readonly_fields = ["cable", "score", "evidence", "rejected"]
    can_delete = False
    ordering = ["-score"]

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(CableReference)
class CableReferenceAdmin(CuratableAdmin):
    list_display = ["text", "reference_id", "origin", "date", "cable", "resolution", "confidence", "article", "review"]
    list_filter = ["review", "resolution"]
    list_select_related = ["cable", "article"]
    search_fields = ["text", "reference_id", "origin", "=article__id"]
    autocomplete_fields = ["cable"]
    fields = [
        "article", "start", "end", "text", "reference_id", "origin", "date",
        "cable", "resolution", "confidence", "evidence", "review",
    ]  # fmt: skip
    readonly_fields = ["resolution", "confidence", "evidence"]
    inlines = [CableCandidateInline]
    actions = ["accept", "reject", "confirm_cable", "reject_cable"]

    def save_model(self, request: HttpRequest, obj: CableReference, form, change: bool) -> None:
        if "cable" in form.changed_data:
            obj.resolution = CableReference.Resolution.CURATED if obj.cable else CableReference.Resolution.NONE
            obj.confidence = None
            obj.evidence = []
        super().save_model(request, obj, form, change)

    @admin.action(description="Confirm the matched cable (or the best candidate)")
    def confirm_cable(self, request: HttpRequest, queryset: QuerySet[CableReference]) -> None:
        done = 0
        for reference in queryset.select_related("cable"):
            try:
                curation.confirm_cable_match(reference=reference, user=request.user)
                done += 1
            except curation.CurationError as exc:
                self.message_user(request, str(exc), messages.WARNING)
        self.message_user(request, f"{done} cable match(es) confirmed; re-processing keeps them.", messages.SUCCESS)

    @admin.action(description="Reject the matched cable (the reference stays, unmatched)")
    def reject_cable(self, request: HttpRequest, queryset: QuerySet[CableReference]) -> None:
        done = 0
        for reference in queryset.select_related("cable"):
            try:
                curation.reject_cable_match(reference=reference, user=request.user)
                done += 1
            except curation.CurationError as exc:
                self.message_user(request, str(exc), messages.WARNING)
        self.message_user(request, f"{done} cable match(es) rejected; never suggested again.", messages.SUCCESS)


@admin.register(DateMention)
class DateMentionAdmin(CuratableAdmin):
    list_display = ["text", "value", "precision", "article", "review"]
    list_filter = ["review", "precision"]
    search_fields = ["text", "value", "=article__id"]
    fields = ["article", "start", "end", "text", "value", "precision", "review"]


@admin.register(Cable)
class CableAdmin(admin.ModelAdmin):
    list_display = ["reference_id", "origin", "created", "classification"]
    list_filter = ["classification", ("created", admin.DateFieldListFilter)]
    raw_id_fields = ["document"]
    search_fields = ["reference_id", "subject", "origin"]
    show_full_result_count = False


@admin.register(Revision)
class CurationLogAdmin(admin.ModelAdmin):
    """Every curation change: who, when, what; a change can be undone."""

    list_display = ["date_created", "user", "comment"]
    list_filter = [("date_created", admin.DateFieldListFilter), "user"]
    search_fields = ["comment", "user__username"]
    list_select_related = ["user"]
    ordering = ["-date_created"]
    actions = ["undo"]
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.admin_site.has_permission(request)

    def has_undo_permission(self, request: HttpRequest) -> bool:
        return self.admin_site.has_permission(request)

    def get_urls(self):
        return [
            path("<path:object_id>/changes/", self.admin_site.admin_view(self.changes_view), name="reversion_changes"),
            *super().get_urls(),
        ]

    def changes_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        revision = get_object_or_404(Revision, pk=object_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": Revision._meta,
            "object": revision,
            "title": f"Change: {revision.get_comment()}",
            "revisions": _revisions_with_changes([revision]),
        }
        return render(request, "admin/articles/curation_history.html", context)

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):
        return self.changes_view(request, object_id)

    @admin.action(description="Undo selected changes (newest first)", permissions=["undo"])
    def undo(self, request: HttpRequest, queryset: QuerySet[Revision]) -> None:
        for revision in queryset.order_by("-pk"):
            curation.undo_revision(revision=revision, user=request.user)
        self.message_user(request, f"Undid {queryset.count()} change(s).", messages.SUCCESS)
