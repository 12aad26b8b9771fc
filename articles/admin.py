from django.contrib import admin

from articles.models import Alias, Article, Cable, CableReference, DateMention, Entity, Mention, Quote


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "publication", "published", "status", "created"]
    list_filter = ["status", "published"]
    search_fields = ["title", "publication", "source_name"]
    readonly_fields = ["content_hash", "raw", "body", "created", "updated", "processed"]
    show_full_result_count = False


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 0


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "not_an_entity"]
    list_filter = ["kind", "not_an_entity"]
    search_fields = ["name", "aliases__name"]
    inlines = [AliasInline]
    show_full_result_count = False


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["text", "entity", "label", "article", "review"]
    list_filter = ["label", "review"]
    list_select_related = ["entity", "article"]
    raw_id_fields = ["article"]
    autocomplete_fields = ["entity"]
    show_full_result_count = False


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "speaker", "speaker_label", "article", "review"]
    list_filter = ["review"]
    list_select_related = ["speaker", "article"]
    raw_id_fields = ["article"]
    autocomplete_fields = ["speaker"]
    search_fields = ["text"]
    show_full_result_count = False


@admin.register(Cable)
class CableAdmin(admin.ModelAdmin):
    list_display = ["reference_id", "origin", "created", "classification"]
    list_filter = ["classification"]
    search_fields = ["reference_id", "subject"]


@admin.register(CableReference)
class CableReferenceAdmin(admin.ModelAdmin):
    list_display = ["text", "reference_id", "origin", "cable", "article", "review"]
    list_select_related = ["cable", "article"]
    raw_id_fields = ["article", "cable"]


@admin.register(DateMention)
class DateMentionAdmin(admin.ModelAdmin):
    list_display = ["text", "value", "precision", "article", "review"]
    list_select_related = ["article"]
    raw_id_fields = ["article"]
