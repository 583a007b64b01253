from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.exemplary.models import ExemplaryModel, ModelAdoption, ModelIndicator, ModelPhoto


class IndicatorInline(admin.TabularInline):
    model = ModelIndicator
    extra = 0


class AdoptionInline(admin.TabularInline):
    model = ModelAdoption
    extra = 0
    raw_id_fields = ["unit"]


@admin.register(ExemplaryModel)
class ExemplaryModelAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "unit", "status", "published_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "search_text"]
    raw_id_fields = ["unit", "person", "movement"]
    readonly_fields = ["status", "verified_by", "verified_at", "published_at", "public_id"]
    inlines = [IndicatorInline, AdoptionInline]


@admin.register(ModelPhoto)
class ModelPhotoAdmin(SimpleHistoryAdmin):
    list_display = ["model", "caption", "kind", "width", "height", "size"]
    readonly_fields = ["kind", "width", "height", "size"]
