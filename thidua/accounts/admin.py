from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from thidua.accounts.models import RoleGrant, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(User)
class ThiduaUserAdmin(UserAdmin):
    inlines = [RoleGrantInline]
    fieldsets = (*UserAdmin.fieldsets, (None, {"fields": ("full_name",)}))


@admin.register(RoleGrant)
class RoleGrantAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "unit", "include_subtree"]
    list_filter = ["role"]
