from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.commendations.models import (
    AwardRecord,
    DisciplineRecord,
    InitiativeRecord,
    PendingReview,
    RuleOverride,
    TaskRating,
)

SUBJECT_FIELDS = ["person", "unit", "household"]


class RecordAdmin(SimpleHistoryAdmin):
    raw_id_fields = SUBJECT_FIELDS
    list_select_related = ["person", "unit", "household"]


@admin.register(TaskRating)
class TaskRatingAdmin(RecordAdmin):
    list_display = ["year", "rating", *SUBJECT_FIELDS]
    list_filter = ["year", "rating"]


@admin.register(AwardRecord)
class AwardRecordAdmin(RecordAdmin):
    list_display = ["year", "code", "award_type", "decision_number", *SUBJECT_FIELDS]
    list_filter = ["year", "code", "award_type"]


@admin.register(InitiativeRecord)
class InitiativeRecordAdmin(RecordAdmin):
    list_display = ["year", "title", "scope", "used_for", *SUBJECT_FIELDS]


@admin.register(DisciplineRecord)
class DisciplineRecordAdmin(RecordAdmin):
    list_display = ["measure", "start", "end", *SUBJECT_FIELDS]


@admin.register(PendingReview)
class PendingReviewAdmin(RecordAdmin):
    list_display = ["kind", "opened", "closed", *SUBJECT_FIELDS]


@admin.register(RuleOverride)
class RuleOverrideAdmin(SimpleHistoryAdmin):
    """Local rule values. One already in force cannot be changed or deleted: past decisions keep their rules."""

    list_display = ["key", "province", "value", "valid_from", "basis"]
    list_filter = ["province"]
    search_fields = ["key", "basis"]

    def _in_force(self, obj) -> bool:
        from datetime import date

        return obj is not None and obj.pk is not None and obj.valid_from <= date.today()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._in_force(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._in_force(obj)
