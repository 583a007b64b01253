from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.documents.models import DocumentNumber


@admin.register(DocumentNumber)
class DocumentNumberAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "year", "issuer", "series", "title", "issued_at", "issued_by"]
    list_filter = ["kind", "year", "series"]
    search_fields = ["symbol", "title", "search_text"]
    readonly_fields = ["issuer", "series", "kind", "symbol", "year", "number", "issued_at", "issued_by"]

    def has_add_permission(self, request):
        # Numbers come only from services.document_number_issue (sequential, no gaps).
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting a number would leave a gap in the register.
        return False
