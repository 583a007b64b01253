"""Admin for the council setup and sessions. Ballot slips and voted marks are deliberately not registered:
the admin log would record who looked at them, and nobody needs to edit a ballot by hand."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.council.models import Council, CouncilMember, CouncilSession, VoteThreshold


class MemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0
    raw_id_fields = ["person", "user"]


@admin.register(Council)
class CouncilAdmin(SimpleHistoryAdmin):
    list_display = ["name", "commune", "quorum_percent"]
    inlines = [MemberInline]


@admin.register(CouncilSession)
class CouncilSessionAdmin(SimpleHistoryAdmin):
    list_display = ["council", "review_round", "held_on", "status"]
    list_filter = ["status"]
    readonly_fields = ["council", "review_round", "status", "minutes_number"]


admin.site.register(VoteThreshold, SimpleHistoryAdmin)
