from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.decisions.models import CertificateBatch, Decision, DecisionEntry, RewardRegisterEntry


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["number_text", "kind", "status", "review_round", "decided_on"]
    list_filter = ["kind", "status"]
    search_fields = ["number_text", "title"]


@admin.register(DecisionEntry)
class DecisionEntryAdmin(SimpleHistoryAdmin):
    list_display = ["decision", "nomination", "amount"]


@admin.register(RewardRegisterEntry)
class RewardRegisterEntryAdmin(SimpleHistoryAdmin):
    list_display = ["number", "year", "commune", "entry"]
    list_filter = ["year"]
    readonly_fields = ["token"]


@admin.register(CertificateBatch)
class CertificateBatchAdmin(SimpleHistoryAdmin):
    list_display = ["decision", "mode", "status", "done", "total", "created_at"]
