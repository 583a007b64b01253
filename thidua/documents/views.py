from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.views import ScopedListView, ServiceFormView
from thidua.documents import selectors, services
from thidua.documents.filtersets import DocumentNumberFilterSet
from thidua.documents.models import DocumentNumber
from thidua.documents.tables import DocumentNumberTable
from thidua.orgs.forms import ScopedModelForm

REGISTRY_COLUMNS = [
    (_("Number and symbol"), "number_symbol"),
    (_("Document number"), "number"),
    (_("Symbol"), "symbol"),
    (_("Document kind"), "kind"),
    (_("Year"), "year"),
    (_("Document subject"), "title"),
    (_("Issuing unit"), "issuer.name"),
    (_("Series"), "series"),
    (_("Taken at"), lambda entry: entry.issued_at.astimezone().strftime("%d/%m/%Y %H:%M")),
    (_("Taken by"), "issued_by"),
]


class RegistryView(ScopedListView):
    """The register of outgoing documents (sổ đăng ký văn bản đi) of the units the user may see."""

    selector = selectors.document_number_list
    table_class = DocumentNumberTable
    filterset_class = DocumentNumberFilterSet
    export_columns = REGISTRY_COLUMNS
    export_name = "so-van-ban"
    title = _("Document register")
    create_url_name = "documents:issue"


class DocumentNumberForm(ScopedModelForm):
    unit_fields = ("issuer",)

    class Meta:
        model = DocumentNumber
        fields = ["issuer", "kind", "symbol", "title", "series"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["series"].required = False
        self.fields["series"].initial = ""
        self.fields["series"].help_text = _(
            "Leave empty to use the register named in the symbol (KH-UBND: UBND; TB-HĐTĐKT: HĐTĐKT)."
        )


class IssueView(ServiceFormView):
    """Take the next number of a unit's register by hand (a document made outside the system)."""

    form_class = DocumentNumberForm
    queryset = DocumentNumber.objects.all()
    title = _("Take a document number")

    def get_object(self):
        return None

    def perform(self, form):
        data = form.cleaned_data
        return services.document_number_issue(
            actor=self.request.user,
            issuer=data["issuer"],
            kind=data["kind"],
            symbol=data["symbol"],
            series=data.get("series") or "",
            title=data.get("title") or "",
        )

    def form_valid(self, form):
        try:
            self.object = self.perform(form)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        except PermissionDenied as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        message = gettext("Number taken: %(number)s") % {"number": self.object.number_symbol}
        messages.success(self.request, message)
        return redirect(self.object.get_absolute_url())
