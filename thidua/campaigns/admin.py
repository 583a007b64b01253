from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.campaigns.models import Assignment, Deadline, LegalBasis, Movement, Plan, PlanImport, Registration


class MovementInline(admin.TabularInline):
    model = Movement
    extra = 0
    fields = ["order", "name", "carries"]
    raw_id_fields = ["carries"]


class DeadlineInline(admin.TabularInline):
    model = Deadline
    extra = 0
    fields = ["due_date", "what", "to_text", "is_registration"]


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["number_symbol", "title", "issuing_unit", "date", "status"]
    list_filter = ["status", "doc_kind"]
    search_fields = ["search_text"]
    readonly_fields = ["status", "number", "document_number", "issuing_unit", "parent", "owner_unit"]
    inlines = [MovementInline, DeadlineInline]

    def has_add_permission(self, request):
        # Plans are created by import, cascade or the action-programme step (services keep rows consistent).
        return False


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "unit", "person", "status"]
    list_filter = ["status"]
    readonly_fields = ["plan", "unit", "person", "status", "return_reason", "decided_by"]


for model in (LegalBasis, Assignment, PlanImport):
    admin.site.register(model, SimpleHistoryAdmin)
