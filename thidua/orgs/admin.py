from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.orgs.models import Household, Membership, OrgSuccession, OrgUnit, Person


@admin.register(OrgUnit)
class OrgUnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "code", "parent", "valid_to"]
    search_fields = ["name", "code", "search_text"]
    list_filter = ["kind"]
    readonly_fields = ["parent", "path", "depth"]

    def has_add_permission(self, request):
        # Units are created through the app (services keep the tree paths right).
        return False


@admin.register(OrgSuccession)
class OrgSuccessionAdmin(SimpleHistoryAdmin):
    list_display = ["predecessor", "successor", "kind", "effective_date"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "unit", "employment_group"]
    search_fields = ["search_text"]


@admin.register(Household)
class HouseholdAdmin(SimpleHistoryAdmin):
    list_display = ["code", "village", "head"]
    search_fields = ["code", "search_text"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "unit", "valid_from", "valid_to"]
