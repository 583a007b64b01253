"""Upload a plan document, then review and correct what was read before it becomes a draft plan."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from thidua.campaigns import importing, matching, selectors
from thidua.campaigns.choices import ImportStatus
from thidua.campaigns.forms import PlanReviewForm, PlanUploadForm, ReviewFormSets, as_date
from thidua.campaigns.models import PlanImport
from thidua.campaigns.reader import ReaderError
from thidua.core.scoping import CHANGE, get_object_for

DATE_KEYS = {"date", "period_start", "period_end", "due_date"}


class PlanImportView(LoginRequiredMixin, FormView):
    template_name = "campaigns/plan_import.html"
    form_class = PlanUploadForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        kwargs["plans"] = selectors.plan_list(user=self.request.user)
        return kwargs

    def get_initial(self):
        homes = [unit for unit in self.request.user.home_units() if unit.kind in ("commune", "province")]
        return {"issuing_unit": homes[0].pk} if homes else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Import a plan document")
        context["drafts"] = selectors.plan_import_list(user=self.request.user).filter(
            status=ImportStatus.REVIEW
        )[:10]
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            plan_import = importing.plan_import_create(
                actor=self.request.user,
                issuing_unit=form.cleaned_data["issuing_unit"],
                parent=form.cleaned_data.get("parent"),
                filename=upload.name,
                data=upload.read(),
            )
        except ReaderError as error:
            form.add_error("file", error.message_vi)
            return self.form_invalid(form)
        except (PermissionDenied, ValidationError) as error:
            form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
            return self.form_invalid(form)
        return redirect(plan_import.get_absolute_url())


def _with_dates(row: dict) -> dict:
    return {key: as_date(value) if key in DATE_KEYS else value for key, value in row.items()}


class PlanImportReviewView(LoginRequiredMixin, TemplateView):
    template_name = "campaigns/plan_import_review.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.plan_import = get_object_for(
                PlanImport.objects.select_related("issuing_unit", "parent", "plan"),
                request.user,
                kwargs["pk"],
                CHANGE,
            )
        return super().dispatch(request, *args, **kwargs)

    # --- forms ---------------------------------------------------------------------------------------

    def _movement_choices(self, data) -> list[tuple[str, str]]:
        if data is not None:
            total = int(data.get("movements-TOTAL_FORMS") or 0)
            names = [(str(i), (data.get(f"movements-{i}-name") or "").strip()) for i in range(total)]
            return [(key, name[:80]) for key, name in names if name]
        return [
            (str(i), row["name"][:80]) for i, row in enumerate(self.plan_import.draft.get("movements", []))
        ]

    def build_forms(self, data=None):
        draft = self.plan_import.draft
        parent = self.plan_import.parent
        parent_movements = list(parent.movements.order_by("order")) if parent else []
        units = importing.candidate_units(self.plan_import.issuing_unit)
        units.sort(key=lambda unit: unit.path)
        movements_initial = []
        for row in draft.get("movements", []):
            carries = row.get("carries") or ""
            if parent_movements and not carries:
                best = max(parent_movements, key=lambda m: matching.score(row["name"], m.name))
                if matching.score(row["name"], best.name) >= matching.MATCH_THRESHOLD:
                    carries = str(best.pk)
            movements_initial.append({**row, "carries": carries})
        plan_form = PlanReviewForm(data, prefix="plan", initial=_with_dates(draft.get("plan", {})))
        formsets = {
            "legal_bases": ReviewFormSets["legal_bases"](
                data, prefix="legal_bases", initial=[_with_dates(r) for r in draft.get("legal_bases", [])]
            ),
            "movements": ReviewFormSets["movements"](
                data,
                prefix="movements",
                initial=movements_initial,
                form_kwargs={"parent_movements": parent_movements},
            ),
            "deadlines": ReviewFormSets["deadlines"](
                data, prefix="deadlines", initial=[_with_dates(r) for r in draft.get("deadlines", [])]
            ),
            "assignments": ReviewFormSets["assignments"](
                data,
                prefix="assignments",
                initial=[_with_dates(r) for r in draft.get("assignments", [])],
                form_kwargs={"units": units, "movement_choices": self._movement_choices(data)},
            ),
        }
        return plan_form, formsets

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        saved = self.plan_import.draft.get("post")
        if "forms" not in kwargs:
            plan_form, formsets = self.build_forms(_as_querydict(saved) if saved else None)
            context.update(plan_form=plan_form, formsets=formsets)
        else:
            context["plan_form"], context["formsets"] = kwargs["forms"]
        reading = self.plan_import.reading
        flagged = {w.get("line") for w in reading.get("warnings", []) if w.get("line")}
        context.update(
            title=_("Review the plan read from %(file)s") % {"file": self.plan_import.file_name},
            plan_import=self.plan_import,
            warnings=reading.get("warnings", []),
            lines=[
                (no, line, no in flagged)
                for no, line in importing.numbered_lines(self.plan_import.text, reading.get("line_offset", 0))
            ],
            confirmed=self.plan_import.status == ImportStatus.CONFIRMED,
            recipients=reading.get("recipients", []),
        )
        return context

    def post(self, request, *args, **kwargs):
        if self.plan_import.status != ImportStatus.REVIEW:
            messages.error(request, _("This import has already been confirmed."))
            return redirect(self.plan_import.get_absolute_url())
        post = {key: request.POST.getlist(key) for key in request.POST if key != "csrfmiddlewaretoken"}
        importing.plan_import_save_draft(actor=request.user, plan_import=self.plan_import, post=post)
        plan_form, formsets = self.build_forms(request.POST)
        if request.POST.get("action") != "confirm":
            messages.success(request, _("Your corrections are saved; you can come back to them later."))
            return redirect(self.plan_import.get_absolute_url())
        if not (plan_form.is_valid() and all(formset.is_valid() for formset in formsets.values())):
            messages.error(request, _("Some fields need correcting; see the messages below."))
            return self.render_to_response(self.get_context_data(forms=(plan_form, formsets)))
        try:
            plan = importing.plan_import_confirm(
                actor=request.user, plan_import=self.plan_import, cleaned=_cleaned(plan_form, formsets)
            )
        except (ValidationError, PermissionDenied) as error:
            plan_form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
            return self.render_to_response(self.get_context_data(forms=(plan_form, formsets)))
        messages.success(request, _("The plan was created as a draft. Check it, then issue it."))
        return redirect(plan.get_absolute_url())


def _as_querydict(saved: dict):
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    for key, values in saved.items():
        data.setlist(key, values)
    return data


def _rows(formset) -> list[tuple[int, dict]]:
    return [
        (index, form.cleaned_data)
        for index, form in enumerate(formset.forms)
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def _cleaned(plan_form, formsets) -> dict:
    plan = dict(plan_form.cleaned_data)
    plan["signer_capacity"] = plan.get("signer_capacity") or ""
    movements = []
    for index, row in _rows(formsets["movements"]):
        carries = row.get("carries") or ""
        movements.append({"key": str(index), "name": row["name"], "carries": _movement(carries)})
    return {
        "plan": plan,
        "legal_bases": [
            {k: v for k, v in row.items() if k != "DELETE"} for _, row in _rows(formsets["legal_bases"])
        ],
        "movements": movements,
        "deadlines": [
            {k: v for k, v in row.items() if k != "DELETE"} for _, row in _rows(formsets["deadlines"])
        ],
        "assignments": [
            {k: v for k, v in row.items() if k != "DELETE"} for _, row in _rows(formsets["assignments"])
        ],
    }


def _movement(pk: str):
    if not pk:
        return None
    from thidua.campaigns.models import Movement

    return Movement.objects.filter(pk=pk).first()
