"""The import page: upload form, expected columns, an empty template to download and the error table."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from thidua.core.exports import export_response
from thidua.core.imports import Importer, megabytes

ACCEPTED_TYPES = ".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (.xlsx or .csv)"),
        allow_empty_file=True,  # the importer explains an empty file like any other problem
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_TYPES}),
    )
    update_existing = forms.BooleanField(label=gettext_lazy("Update existing records"), required=False)


class ImportView(LoginRequiredMixin, FormView):
    """Subclasses set ``importer_class``, ``title``, ``list_url_name``, ``template_file_name`` and
    ``notes`` (the rules of this import, shown above the form); ``update_label`` offers the
    "update existing records" option when set."""

    template_name = "core/import.html"
    form_class = ImportForm
    importer_class: type[Importer]
    title = ""
    list_url_name = ""
    template_file_name = "import"
    update_label = ""
    notes: list = []
    shown_problems = 1000

    def get(self, request, *args, **kwargs):
        if request.GET.get("template"):
            columns = [(column.label, "") for column in self.importer_class.spec.columns]
            return export_response([], columns, self.template_file_name, "xlsx")
        return super().get(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.update_label:
            form.fields["update_existing"].label = self.update_label
        else:
            del form.fields["update_existing"]
        return form

    def form_valid(self, form):
        importer = self.importer_class(
            user=self.request.user, update_existing=form.cleaned_data.get("update_existing", False)
        )
        report = importer.run(form.cleaned_data["file"])
        if not report.ok:
            return self.render_to_response(self.get_context_data(form=form, report=report))
        messages.success(
            self.request,
            _("Imported %(count)s rows (%(created)s new, %(updated)s updated, %(unchanged)s unchanged).")
            % {
                "count": report.imported,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
            },
        )
        return redirect(self.list_url_name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = kwargs.get("report")
        context.update(
            title=self.title,
            notes=self.notes,
            columns=self.importer_class.spec.columns,
            list_url=reverse(self.list_url_name),
            max_rows=number_format(settings.THIDUA_IMPORT_MAX_ROWS, force_grouping=True),
            max_megabytes=megabytes(settings.THIDUA_IMPORT_MAX_BYTES),
            report=report,
            problems=report.problems[: self.shown_problems] if report else [],
            hidden_problems=max(0, len(report.problems) - self.shown_problems) if report else 0,
        )
        return context
