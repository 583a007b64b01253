from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.reporting.models import (
    ComparisonRule,
    Evidence,
    FormIndicator,
    Indicator,
    LockException,
    Report,
    ReportForm,
    ReportValue,
    ReportVersion,
    Target,
)


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "unit_of_measure", "value_type", "aggregation", "direction", "owner"]
    list_filter = ["value_type", "aggregation"]
    search_fields = ["code", "name"]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "unit", "period", "value"]
    list_filter = ["period"]
    autocomplete_fields = ["indicator"]
    raw_id_fields = ["unit"]


class FormIndicatorInline(admin.TabularInline):
    model = FormIndicator
    extra = 1
    autocomplete_fields = ["indicator"]


class ComparisonRuleInline(admin.TabularInline):
    model = ComparisonRule
    fk_name = "form"
    extra = 0


@admin.register(ReportForm)
class ReportFormAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "period_type", "due_days", "lock_days", "active"]
    inlines = [FormIndicatorInline, ComparisonRuleInline]
    filter_horizontal = ["units"]


@admin.register(LockException)
class LockExceptionAdmin(SimpleHistoryAdmin):
    list_display = ["form", "unit", "period", "status", "until"]
    list_filter = ["status"]
    raw_id_fields = ["unit"]


class ReportValueInline(admin.TabularInline):
    model = ReportValue
    extra = 0


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ["form", "unit", "period", "status", "version", "submitted_at"]
    list_filter = ["status", "form"]
    raw_id_fields = ["unit"]
    inlines = [ReportValueInline]


@admin.register(ReportVersion)
class ReportVersionAdmin(admin.ModelAdmin):
    list_display = ["report", "number", "submitted_by", "submitted_at"]


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = ["original_name", "report", "kind", "size"]
