from django.http import Http404
from django.views import View


class _Pending(View):
    def get(self, request, *args, **kwargs):
        raise Http404


OrgUnitImportView = PersonImportView = HouseholdImportView = _Pending
