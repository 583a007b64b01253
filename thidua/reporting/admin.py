from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.reporting.models import (
    ComparisonRule,
    ConsolidatedReport,
    Evidence,
    FormIndicator,
    Indicator,
    LockException,
    ReminderDigest,
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
    list_display = ["code", "name", "period_type", "due_days", "lock_days", "approval_up_tree", "active"]
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


@admin.register(ConsolidatedReport)
class ConsolidatedReportAdmin(SimpleHistoryAdmin):
    list_display = ["title", "unit", "year", "status", "document_number"]
    list_filter = ["status", "year"]
    raw_id_fields = ["unit", "plan", "document_number"]


@admin.register(ReminderDigest)
class ReminderDigestAdmin(admin.ModelAdmin):
    list_display = ["user", "day", "key", "sent_at"]
    list_filter = ["day", "key"]
    raw_id_fields = ["user"]
