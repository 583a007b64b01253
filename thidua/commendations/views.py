"""Pages: a subject's reward history and eligibility (person, household, collective), its printable
history, record entry, the commune evaluation table with quotas and cash, and the rules catalogue."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_tables2 import RequestConfig

from thidua.commendations import engine, evaluation, selectors, services
from thidua.commendations.choices import AUTHORITY_LABELS, ENGINE_KIND, SubjectKind, criterion_label
from thidua.commendations.filtersets import EvaluationFilterSet, EvaluationParamsForm, RowList
from thidua.commendations.forms import FORMS
from thidua.commendations.models import SUBJECT_FIELDS, RuleOverride
from thidua.commendations.rules import province_slug, review_year, ruleset_for
from thidua.commendations.tables import KIND_LABELS, OUTCOME_LABELS, EvaluationTable
from thidua.core.exports import export_response
from thidua.core.history import history_for
from thidua.core.scoping import CHANGE, DELETE, VIEW, get_object_for
from thidua.core.vietnamese.numbers import format_number
from thidua.core.views import ScopedDetailView, ServiceFormView
from thidua.orgs.models import Household, OrgUnit, Person

SUBJECT_QUERYSETS = {
    SubjectKind.PERSON: Person.objects.select_related("unit", "household"),
    SubjectKind.COLLECTIVE: OrgUnit.objects.select_related("parent"),
    SubjectKind.HOUSEHOLD: Household.objects.select_related("village", "head"),
}


def _year(request, default: int) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return default
    return year if 2000 <= year <= date.today().year else default


def reward_history(records: dict[str, list]) -> list[dict]:
    """Years (newest first) with the rating, titles and forms, initiatives and discipline of each."""
    years: dict[int, dict] = {}

    def year(value: int) -> dict:
        return years.setdefault(
            value, {"year": value, "rating": None, "awards": [], "initiatives": [], "discipline": []}
        )

    for rating in records["rating"]:
        year(rating.year)["rating"] = rating
    for award in records["award"]:
        year(award.year)["awards"].append(award)
    for initiative in records["initiative"]:
        year(initiative.year)["initiatives"].append(initiative)
    for discipline in records["discipline"]:
        last = discipline.end.year if discipline.end else max(discipline.start.year, date.today().year)
        for value in range(discipline.start.year, last + 1):
            if value in years or value == discipline.start.year:
                year(value)["discipline"].append(discipline)
    return [years[value] for value in sorted(years, reverse=True)]


def default_year(records: dict[str, list]) -> int:
    """The year under review (see :func:`review_year`); when nothing is rated for it yet, the latest rated
    year before it, so the page opens on data."""
    current = review_year()
    rated = [rating.year for rating in records["rating"] if rating.year <= current]
    if rated and current not in rated:
        return max(rated)
    return current


def condition_rows(result: engine.Result) -> list[dict]:
    return [
        {
            "code": condition.code,
            "label": criterion_label(condition.code),
            "met": condition.met,
            "vouched": condition.vouched,
            "hold": condition.hold,
            "message": condition.message,
            "basis": condition.basis,
            "confidence": condition.confidence,
        }
        for condition in result.conditions
    ]


class SubjectMixin:
    kind: str = SubjectKind.PERSON

    def subject_context(self, obj, *, tab: str) -> dict:
        user = self.request.user  # type: ignore[attr-defined]
        records = selectors.subject_records(self.kind, obj.pk, user=user)
        year = _year(self.request, default_year(records))  # type: ignore[attr-defined]
        unit = (
            obj.unit
            if self.kind == SubjectKind.PERSON
            else (obj if self.kind == SubjectKind.COLLECTIVE else obj.village)
        )
        context = {
            "kind": self.kind,
            "kind_label": KIND_LABELS[self.kind],
            "records": records,
            "history_rows": reward_history(records),
            "year": year,
            "years": list(range(date.today().year, date.today().year - 8, -1)),
            "subject_unit": unit,
        }
        if tab in ("info", "print"):
            today = date.today()
            rules = ruleset_for(today, province_slug(unit))
            loaded, info = evaluation.load_one(self.kind, obj, year=year, as_of=today)
            rows = evaluation.evaluate(loaded, rules)
            context["results"] = [
                {
                    "row": row,
                    "status_label": OUTCOME_LABELS[row.status],
                    "granted_by": AUTHORITY_LABELS.get(row.result.granted_by, row.result.granted_by),
                    "conditions": condition_rows(row.result),
                }
                for row in rows
            ]
            context["ruleset"] = rules
            if self.kind == SubjectKind.COLLECTIVE:
                context["member_count"] = len(info.subject.members) if info.subject else 0
        return context


class SubjectDetailView(SubjectMixin, ScopedDetailView):
    template_name = "commendations/subject_detail.html"
    tabs = [("records", gettext_lazy("Records"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj, tab = context["object"], context["tab"]
        context.update(self.subject_context(obj, tab=tab))
        context["record_blocks"] = [
            (name, label, context["records"][name]) for name, (_form, label) in FORMS.items()
        ]
        if tab == "history":
            context["history"] = self.records_history(context["records"])
        return context

    def get_object(self):
        return get_object_for(SUBJECT_QUERYSETS[self.kind].all(), self.request.user, self.kwargs["pk"], VIEW)

    @staticmethod
    def records_history(records: dict[str, list]) -> list:
        entries = []
        for items in records.values():
            for record in items:
                for entry in history_for(record, limit=20):
                    entry.action = f"{entry.action} · {record._meta.verbose_name}: {record}"
                    entries.append(entry)
        return sorted(entries, key=lambda entry: entry.when, reverse=True)


class PersonView(SubjectDetailView):
    kind = SubjectKind.PERSON


class CollectiveView(SubjectDetailView):
    kind = SubjectKind.COLLECTIVE


class HouseholdView(SubjectDetailView):
    kind = SubjectKind.HOUSEHOLD


class SubjectPrintView(SubjectMixin, LoginRequiredMixin, TemplateView):
    """The reward history and eligibility on A4, without the application's chrome."""

    template_name = "commendations/subject_print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.kind = self.kwargs["kind"]
        if self.kind not in SUBJECT_QUERYSETS:
            raise Http404
        obj = get_object_for(SUBJECT_QUERYSETS[self.kind].all(), self.request.user, self.kwargs["pk"], VIEW)
        context["object"] = obj
        context.update(self.subject_context(obj, tab="print"))
        context["today"] = date.today()
        return context


# --- Entering records ---------------------------------------------------------------------------------


class RecordFormView(ServiceFormView):
    """Create (for the subject in the URL) or update a record of any type."""

    def get_object(self):
        self.record_type = self.kwargs["record"]
        if self.record_type not in FORMS:
            raise Http404
        if "pk" not in self.kwargs:
            kind = self.kwargs["kind"]
            if kind not in SUBJECT_QUERYSETS:
                raise Http404
            self.subject = get_object_for(
                SUBJECT_QUERYSETS[kind].all(), self.request.user, self.kwargs["subject"], CHANGE
            )
            self.subject_field = SUBJECT_FIELDS[kind]
            return None
        model = selectors.RECORD_MODELS[self.record_type]
        record = get_object_for(
            selectors.record_list(model, user=self.request.user, action=CHANGE),
            self.request.user,
            self.kwargs["pk"],
            CHANGE,
        )
        self.subject = record.subject
        return record

    def get_form_class(self):
        return FORMS[self.record_type][0]

    def perform(self, form):
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if self.object is None:
            data[self.subject_field] = self.subject
            model = selectors.RECORD_MODELS[self.record_type]
            return services.record_create(actor=self.request.user, model=model, data=data)
        return services.record_update(actor=self.request.user, record=self.object, data=data)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        label = FORMS[self.record_type][1]
        context["title"] = f"{label} · {self.subject}"
        return context


class RecordDeleteView(LoginRequiredMixin, TemplateView):
    template_name = "core/confirm_delete.html"

    def get_object(self):
        model = selectors.RECORD_MODELS.get(self.kwargs["record"])
        if model is None:
            raise Http404
        return get_object_for(
            selectors.record_list(model, user=self.request.user, action=DELETE),
            self.request.user,
            self.kwargs["pk"],
            DELETE,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.get_object()
        return context

    def post(self, request, *args, **kwargs):
        record = self.get_object()
        target = record.get_absolute_url()
        try:
            services.record_delete(actor=request.user, record=record)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect(target)
        messages.success(request, _("Deleted."))
        return redirect(target)


# --- The commune evaluation ---------------------------------------------------------------------------

EXPORT_COLUMNS = [
    (gettext_lazy("Subject"), lambda row: row.info.name),
    (gettext_lazy("Kind"), lambda row: str(KIND_LABELS[row.info.kind])),
    (gettext_lazy("Unit"), lambda row: row.info.unit_name),
    (gettext_lazy("Year"), lambda row: row.result.year),
    (gettext_lazy("Title or form"), lambda row: row.target_name),
    (gettext_lazy("Outcome"), lambda row: str(OUTCOME_LABELS[row.status])),
    (gettext_lazy("Already received"), lambda row: row.already.decision_number if row.already else ""),
    (gettext_lazy("Granted by"), lambda row: str(AUTHORITY_LABELS.get(row.result.granted_by, ""))),
    (gettext_lazy("Missing conditions"), lambda row: row.missing_text),
    (gettext_lazy("Legal basis"), lambda row: "; ".join(dict.fromkeys(c.basis for c in row.failed))),
    (gettext_lazy("Rules version"), lambda row: row.result.ruleset_version),
]


class EvaluationView(LoginRequiredMixin, TemplateView):
    """Every person, collective and household of a commune × their titles and forms for a year."""

    template_name = "commendations/evaluation.html"
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        if request.GET.get("export") == "xlsx":
            year = context["year"]
            return export_response(context["rows"], EXPORT_COLUMNS, f"xet-khen-thuong-{year}", "xlsx")
        return self.render_to_response(context)

    def params(self) -> tuple[OrgUnit | None, int, date, EvaluationParamsForm]:
        user = self.request.user
        communes = selectors.communes_visible_to(user)
        default = selectors.commune_of(getattr(self.request, "current_unit", None))
        data = self.request.GET.copy()
        if not data.get("commune") and default is not None:
            data["commune"] = str(default.pk)
        form = EvaluationParamsForm(data, communes=communes)
        commune, year, decision_date = None, review_year(), date.today()
        if form.is_valid():
            commune = form.cleaned_data["commune"]
            year = form.cleaned_data["year"]
            decision_date = form.cleaned_data["decision_date"] or decision_date
        if commune is None:
            commune = communes.first()
        return commune, year, decision_date, form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        commune, year, decision_date, params = self.params()
        context.update(params=params, commune=commune, year=year, decision_date=decision_date)
        if commune is None:
            context.update(rows=[], table=None, filter=None, quotas=[], cash=None)
            return context
        rules = ruleset_for(decision_date, province_slug(commune))
        loaded = evaluation.load_commune(
            commune,
            year=year,
            as_of=min(decision_date, date.today()),
            people=Person.objects.visible_to(user, VIEW),
            collectives=OrgUnit.objects.visible_to(user, VIEW),
            households=Household.objects.visible_to(user, VIEW),
        )
        rows = evaluation.evaluate(loaded, rules)
        targets = [
            (code, rules.titles[code].name)
            for code in dict.fromkeys(
                (
                    *evaluation.PERSON_TARGETS,
                    *evaluation.COLLECTIVE_TARGETS,
                    "thon_van_hoa",
                    "gia_dinh_van_hoa",
                )
            )
        ]
        units = OrgUnit.objects.filter(path__startswith=commune.path, kind__in=evaluation.COLLECTIVE_KINDS)
        filterset = EvaluationFilterSet(
            self.request.GET or None,
            queryset=RowList(rows),
            request=self.request,
            units=units.order_by("path"),
            targets=targets,
        )
        shown = list(filterset.qs) if filterset.is_bound else rows
        table = EvaluationTable(shown)
        RequestConfig(self.request, paginate={"per_page": self.paginate_by}).configure(table)
        target = (
            filterset.form.cleaned_data.get("target") if filterset.is_bound and filterset.is_valid() else None
        )
        cash = selectors.cash_total(commune_payable(shown, rules, target), decision_date, ruleset=rules)
        counts = {status: sum(1 for row in shown if row.status == status) for status in OUTCOME_LABELS}
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            rows=shown,
            table=table,
            filter=filterset,
            quotas=evaluation.quotas(loaded, ruleset_for(date(year, 12, 31), province_slug(commune))),
            cash=cash,
            cash_total_text=format_number(cash.total),
            counts=[(status, OUTCOME_LABELS[status], count) for status, count in counts.items()],
            ruleset=rules,
            export_query=query.urlencode(),
            salary=rules.salary_on(decision_date),
        )
        return context


def commune_payable(rows, rules: engine.RuleSet, target: str | None = None) -> list[tuple[str, str]]:
    """What the commune would pay for these rows: eligible, not yet received, granted by the commune
    chairman (whoever signs pays, Law Art. 11(4)); titles only, unless a form is chosen in the filter;
    for one subject only the highest title of the year (same period: only the highest is paid, NĐ 152
    Art. 49)."""
    best: dict[tuple, tuple] = {}
    for row in rows:
        title = rules.titles[row.result.target]
        if (
            row.status != engine.Status.ELIGIBLE
            or row.already is not None
            or title.granted_by != "chu_tich_ubnd_xa"
        ):
            continue
        if title.category != "danh_hieu" and row.result.target != target:
            continue
        kind = ENGINE_KIND[row.info.kind]
        coefficient = title.coefficients.get(kind)
        value = coefficient.value if coefficient is not None and coefficient.value is not None else 0
        key = (row.info.key, title.category)
        if key not in best or value > best[key][0]:
            best[key] = (value, row.result.target, row.info.kind)
    return [(code, kind) for _value, code, kind in best.values()]


# --- The rules ------------------------------------------------------------------------------------------


class RulesView(LoginRequiredMixin, TemplateView):
    """The catalogue, criteria and parameters in force on a date for a province (read from the engine's
    versioned rules with the local overrides merged)."""

    template_name = "commendations/rules.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        from thidua.core.vietnamese.dates import parse_date

        try:
            as_of = (
                parse_date(self.request.GET.get("date", "")) if self.request.GET.get("date") else date.today()
            )
        except ValueError:
            as_of = date.today()
        province = self.request.GET.get("province") or None
        provinces = list(engine.list_provinces())
        if province not in provinces:
            province = None
        try:
            rules = ruleset_for(as_of, province)
        except engine.EngineInputError as error:
            context.update(error=error.message, as_of=as_of, provinces=provinces, province=province)
            return context
        titles = []
        for code, title in rules.titles.items():
            titles.append(
                {
                    "code": code,
                    "title": title,
                    "kinds": ", ".join(str(KIND_LABELS[k]) for k in _kinds(title.subject_kinds)),
                    "granted_by": AUTHORITY_LABELS.get(title.granted_by, title.granted_by),
                    "coefficients": [
                        (str(KIND_LABELS[_kind(kind)]), coefficient)
                        for kind, coefficient in title.coefficients.items()
                    ],
                    "criteria": [
                        {
                            "code": criterion.code,
                            "label": criterion_label(criterion.code),
                            "criterion": criterion,
                        }
                        for criterion in title.criteria
                    ],
                }
            )
        context.update(
            as_of=as_of,
            province=province,
            provinces=provinces,
            rules=rules,
            titles=titles,
            versions=engine.list_versions(),
            overrides=RuleOverride.objects.order_by("province", "key", "valid_from"),
            deadlines=sorted(rules.data["parameters"].get("deadlines", {}).items()),
            quorum=rules.data.get("council", {}).get("quorum"),
            can_admin=self.request.user.is_staff,
        )
        return context


ENGINE_KINDS = {
    "individual": SubjectKind.PERSON,
    "collective": SubjectKind.COLLECTIVE,
    "household": SubjectKind.HOUSEHOLD,
}


def _kind(kind: str) -> str:
    return ENGINE_KINDS.get(kind, kind)


def _kinds(kinds) -> list[str]:
    return [_kind(kind) for kind in kinds]


def index(request):
    return redirect(reverse("commendations:evaluation"))
