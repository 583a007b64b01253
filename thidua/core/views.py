"""Base views: one shape for every list, detail, create, update and delete page."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from thidua.core.exports import export_response
from thidua.core.history import history_for
from thidua.core.scoping import CHANGE, DELETE, VIEW, can, get_object_for


class ScopedListView(LoginRequiredMixin, SingleTableMixin, FilterView):
    """A filtered, sorted, paginated list; ``?export=csv|xlsx`` downloads the same rows."""

    template_name = "core/list.html"
    paginate_by = 25
    selector = None  # callable(user=..., within=...) -> QuerySet
    export_columns: list[tuple[str, str]] = []  # (header, accessor)
    export_name = "export"
    title = ""
    create_url_name = ""
    import_url_name = ""

    def get_queryset(self):
        return type(self).selector(user=self.request.user, within=getattr(self.request, "current_unit", None))

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        if fmt:
            filterset = self.get_filterset(self.get_filterset_class())
            rows = filterset.qs if filterset.is_valid() else self.get_queryset()
            return export_response(rows, self.export_columns, self.export_name, fmt)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title
        context["create_url"] = reverse(self.create_url_name) if self.create_url_name else ""
        context["import_url"] = reverse(self.import_url_name) if self.import_url_name else ""
        query = self.request.GET.copy()
        query.pop("page", None)
        context["export_query"] = query.urlencode()
        return context


class ScopedDetailView(LoginRequiredMixin, TemplateView):
    """A record with tabs; the "history" tab is on every detail page."""

    template_name = ""
    queryset = None
    tabs: list[tuple[str, str]] = []  # (slug, label) besides info and history

    def get_object(self):
        return get_object_for(type(self).queryset.all(), self.request.user, self.kwargs["pk"], VIEW)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.get_object()
        tab = self.request.GET.get("tab", "info")
        context.update(
            object=obj,
            tab=tab,
            tabs=[("info", _("Information")), *self.tabs, ("history", _("History"))],
            can_change=can(self.request.user, CHANGE, obj),
            can_delete=can(self.request.user, DELETE, obj),
        )
        if tab == "history":
            context["history"] = history_for(obj)
        return context

    def get_template_names(self):
        if self.request.htmx and self.request.GET.get("tab") == "history":
            return ["core/history_partial.html"]
        return [self.template_name]


class ServiceFormView(LoginRequiredMixin, FormView):
    """Create or update through a service; validation and permission errors stay on the form."""

    template_name = "core/form.html"
    queryset = None
    title = ""

    def get_object(self):
        if "pk" not in self.kwargs:
            return None
        return get_object_for(type(self).queryset.all(), self.request.user, self.kwargs["pk"], CHANGE)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        kwargs["user"] = self.request.user
        return kwargs

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.object = self.perform(form)
        except ValidationError as error:
            for field, errors in (
                error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
            ):
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
            return self.form_invalid(form)
        except PermissionDenied as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return redirect(self.object.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title
        context["object"] = self.object
        return context


class ScopedDeleteView(LoginRequiredMixin, TemplateView):
    template_name = "core/confirm_delete.html"
    queryset = None
    service = None
    success_url_name = ""
    service_argument = "obj"

    def get_object(self):
        return get_object_for(type(self).queryset.all(), self.request.user, self.kwargs["pk"], DELETE)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.get_object()
        return context

    def get_success_url(self, obj) -> str:
        return reverse(self.success_url_name)

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        target = self.get_success_url(obj)
        try:
            type(self).service(actor=request.user, **{self.service_argument: obj})
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect(obj.get_absolute_url())
        messages.success(request, _("Deleted."))
        return redirect(target)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)
