"""Review rounds, nominations, dossiers and comment moderation. Every write goes through ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.accounts.choices import DECIDE, REVIEW
from thidua.commendations.choices import AUTHORITY_LABELS
from thidua.commendations.tables import OUTCOME_LABELS
from thidua.commendations.views import condition_rows
from thidua.core.history import history_for
from thidua.core.scoping import CHANGE, VIEW, can, get_object_for, scope_for
from thidua.core.views import ServiceFormView
from thidua.documents.responses import content_disposition, document_response
from thidua.nominations import checks, dossier, exports, selectors, services
from thidua.nominations.choices import DossierPartKind, NominationStatus
from thidua.nominations.forms import (
    NOMINEE_FIELDS,
    ModerateForm,
    NominationForm,
    OverrideForm,
    PartTextForm,
    ReturnForm,
    ReviewRoundForm,
    UploadForm,
)
from thidua.nominations.models import DisclosureComment, DossierPart, Nomination, ReviewRound


def _errors(request, error) -> None:
    for message in getattr(error, "messages", [str(error)]):
        messages.error(request, message)


def _round_for(user, pk) -> ReviewRound:
    """A round of a commune the user sees, or whose units the user sees (a unit reporter); 404 otherwise."""
    try:
        return selectors.round_list(user=user).get(pk=pk)
    except (ReviewRound.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error


def _nomination_for(user, pk, action=VIEW) -> Nomination:
    return get_object_for(
        Nomination.objects.select_related(*selectors.NOMINATION_RELATED, "review_round__plan"),
        user,
        pk,
        action,
    )


def _any_scope(user, action: str) -> bool:
    scope = scope_for(user, action)
    return bool(scope.everything or scope.subtrees or scope.units)


def _can_review(user, review_round: ReviewRound) -> bool:
    return can(user, REVIEW, review_round.commune)


# --- Rounds ------------------------------------------------------------------------------------------------


@login_required
def index(request):
    rounds = list(selectors.round_list(user=request.user))
    can_create = _any_scope(request.user, REVIEW)
    return render(
        request,
        "nominations/round_list.html",
        {"title": _("Review rounds"), "rounds": rounds, "can_create": can_create},
    )


class RoundFormView(ServiceFormView):
    form_class = ReviewRoundForm
    queryset = ReviewRound.objects.select_related("commune")
    title = gettext_lazy("Review round")

    def get_object(self):
        if "pk" not in self.kwargs:
            return None
        review_round = _round_for(self.request.user, self.kwargs["pk"])
        if not _can_review(self.request.user, review_round):
            raise Http404
        return review_round

    def perform(self, form):
        data = {name: form.cleaned_data[name] for name in form.Meta.fields if name in form.cleaned_data}
        if self.object is None:
            return services.round_create(actor=self.request.user, data=data)
        data.pop("commune", None)
        return services.round_update(actor=self.request.user, review_round=self.object, data=data)


def _round_context(request, review_round: ReviewRound, tab: str) -> dict:
    user = request.user
    rules = checks.rules_for(review_round)
    nominations = selectors.annotate(list(selectors.nomination_list(user=user, review_round=review_round)))
    for item in nominations:
        item.code_name = checks.code_name(item.code, rules)
    status = request.GET.get("status") or ""
    shown = [item for item in nominations if not status or item.status == status]
    context = {
        "object": review_round,
        "title": review_round.name,
        "tab": tab,
        "tabs": [
            ("info", _("Nominations")),
            ("list", _("Nominee list")),
            ("comments", _("Comments")),
            ("history", _("History")),
        ],
        "counts": selectors.status_counts(nominations),
        "status": status,
        "nominations": shown,
        "can_review": _can_review(user, review_round),
        "can_nominate": review_round.status == "open" and _any_scope(user, CHANGE),
        "nominations_closed": services.nominations_closed(review_round),
        "accepted_count": sum(1 for item in nominations if item.status == NominationStatus.ACCEPTED),
        "disclosure_open": services.disclosure_open(review_round),
        "disclosure_over": services.disclosure_over(review_round),
        "days_left": selectors.days_left(review_round),
    }
    if tab == "list":
        public = [item for item in nominations if item.status not in ("draft", "submitted", "returned")]
        context["groups"] = selectors.grouped(public, rules)
        context["quotas"] = selectors.quota_panel(public, review_round.year, rules)
    if tab == "comments":
        context["comments"] = list(selectors.comment_list(user=user, review_round=review_round))
        context["summary"] = selectors.comment_summary(review_round)
    if tab == "history":
        context["history"] = history_for(review_round)
    return context


@login_required
def round_detail(request, pk: int):
    review_round = _round_for(request.user, pk)
    tab = request.GET.get("tab", "info")
    if request.GET.get("export") == "xlsx":
        rules = checks.rules_for(review_round)
        nominations = selectors.nomination_list(user=request.user, review_round=review_round).exclude(
            status__in=("draft", "submitted", "returned")
        )
        return exports.nominee_list_response(review_round, selectors.grouped(list(nominations), rules))
    context = _round_context(request, review_round, tab)
    if request.htmx and tab == "history":
        return render(request, "core/history_partial.html", context)
    return render(request, "nominations/round_detail.html", context)


@login_required
@require_POST
def round_disclose(request, pk: int):
    review_round = _round_for(request.user, pk)
    try:
        review_round = services.round_disclose(actor=request.user, review_round=review_round)
    except (ValidationError, PermissionDenied) as error:
        _errors(request, error)
    else:
        messages.success(
            request,
            _("The list is published for comments from %(start)s to %(end)s.")
            % {
                "start": review_round.disclosed_from.strftime("%d/%m/%Y"),
                "end": review_round.disclosure_ends_on.strftime("%d/%m/%Y"),
            },
        )
    return redirect("nominations:round", pk=pk)


@login_required
def comment_summary_download(request, pk: int, fmt: str):
    review_round = _round_for(request.user, pk)
    spec = dossier.comment_summary_spec(review_round, selectors.comment_summary(review_round))
    return document_response(spec, fmt, f"Tổng hợp ý kiến góp ý - {review_round.name}", request=request)


@login_required
@require_POST
def comment_moderate(request, pk: int):
    comment = get_object_for(
        DisclosureComment.objects.select_related("review_round__commune"), request.user, pk, VIEW
    )
    form = ModerateForm(request.POST)
    if form.is_valid():
        try:
            services.comment_moderate(
                actor=request.user,
                comment=comment,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except (ValidationError, PermissionDenied) as error:
            _errors(request, error)
        else:
            messages.success(request, _("Comment moderated."))
    return redirect(reverse("nominations:round", args=[comment.review_round_id]) + "?tab=comments")


# --- Nominations -------------------------------------------------------------------------------------------


class NominationFormView(ServiceFormView):
    form_class = NominationForm
    template_name = "nominations/nomination_form.html"
    title = gettext_lazy("Nomination")

    def get_object(self):
        if "pk" not in self.kwargs:
            return None
        return _nomination_for(self.request.user, self.kwargs["pk"], CHANGE)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.object is not None:
            self.review_round = self.object.review_round
        else:
            self.review_round = _round_for(self.request.user, self.kwargs["round"])
        kwargs["review_round"] = self.review_round
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["review_round"] = self.review_round
        context.update(nominee_context(context["form"], self.review_round, self.object))
        return context

    def perform(self, form):
        data = form.service_data()
        if self.object is None:
            return services.nomination_create(actor=self.request.user, data=data)
        return services.nomination_update(actor=self.request.user, nomination=self.object, data=data)


def nominee_context(form: NominationForm, review_round: ReviewRound, nomination: Nomination | None) -> dict:
    """What the nominee part of the form needs: the address it re-renders itself from (when the kind,
    the nominee or the title changes) and the eligibility of the chosen nominee for the chosen title."""
    if nomination is None:
        url = reverse("nominations:nomination_nominee", args=[review_round.pk])
    else:
        url = reverse("nominations:nomination_update_nominee", args=[nomination.pk])
    preview = form.preview()
    eligibility = eligibility_panel(preview, checks.rules_for(review_round)) if preview else {}
    # The card of the commendation pages: the verdict, its conditions folded unless something is not met.
    results = [eligibility] if eligibility.get("row") else []
    return {"nominee_url": url, "eligibility": eligibility, "eligibility_results": results}


@login_required
def nomination_nominee(request, round: int | None = None, pk: int | None = None):
    """The nominee part of the nomination form for the kind, nominee and title in the query (htmx): only
    the list of the chosen kind shown, only the titles for it, and the eligibility once both are chosen.
    404 for a round the user does not see, a nomination the user may not change, or a nominee outside what
    the user may change."""
    nomination = _nomination_for(request.user, pk, CHANGE) if pk is not None else None
    review_round = nomination.review_round if nomination else _round_for(request.user, round)
    initial = {name: request.GET[name] for name in NOMINEE_FIELDS if request.GET.get(name)}
    form = NominationForm(user=request.user, review_round=review_round, instance=nomination, initial=initial)
    if form.subject_refused:
        raise Http404
    context = {"form": form, **nominee_context(form, review_round, nomination)}
    return render(request, "nominations/_nominee_fields.html", context)


#: Dossier parts in the order of the dossier (tờ trình, báo cáo, biên bản, minh chứng), not alphabetical.
PART_ORDER = {kind: index for index, kind in enumerate(DossierPartKind.values)}


def eligibility_panel(nomination: Nomination, rules) -> dict:
    try:
        row = checks.eligibility(nomination, rules=rules)
    except Exception as error:  # the engine refuses a year or a code: show why instead of failing the page
        return {"error": str(error)}
    if row is None:
        return {}
    return {
        "row": row,
        "status_label": OUTCOME_LABELS[row.status],
        "granted_by": AUTHORITY_LABELS.get(row.result.granted_by, row.result.granted_by),
        "conditions": condition_rows(row.result),
    }


@login_required
def nomination_detail(request, pk: int):
    nomination = _nomination_for(request.user, pk)
    review_round = nomination.review_round
    rules = checks.rules_for(review_round)
    tab = request.GET.get("tab", "info")
    parts = sorted(nomination.parts.all(), key=lambda part: (PART_ORDER.get(part.kind, 99), part.pk))
    required = checks.required_parts(nomination, rules=rules)
    present = checks.present_parts(nomination)
    context = {
        "object": nomination,
        "title": f"{dossier.subject_name(nomination)} – {checks.code_name(nomination.code, rules)}",
        "name": dossier.subject_name(nomination),
        "place": dossier.subject_place(nomination),
        "code_name": checks.code_name(nomination.code, rules),
        "is_title": checks.is_title(nomination.code, rules),
        "tab": tab,
        "tabs": [("info", _("Information")), ("dossier", _("Dossier")), ("history", _("History"))],
        "parts": parts,
        "checklist": [(DossierPartKind(kind).label, kind in present) for kind in required],
        "can_change": can(request.user, CHANGE, nomination),
        "can_review": can(request.user, REVIEW, nomination),
        "can_decide": can(request.user, DECIDE, nomination),
        "editable": nomination.status in services.EDITABLE,
        "dossier_editable": nomination.status in services.DOSSIER_EDITABLE,
        "needs_registration": checks.needs_registration(nomination, rules=rules),
        "return_form": ReturnForm(),
        "override_form": OverrideForm(),
        "upload_form": UploadForm(),
        "nominations_closed": services.nominations_closed(review_round),
    }
    if tab == "info":
        context["eligibility"] = eligibility_panel(nomination, rules)
    if tab == "history":
        entries = history_for(nomination)
        context["history"] = entries
        if request.htmx:
            return render(request, "core/history_partial.html", context)
    return render(request, "nominations/nomination_detail.html", context)


ACTIONS = {
    "submit": (
        CHANGE,
        lambda request, nomination: services.nomination_submit(actor=request.user, nomination=nomination),
    ),
    "accept": (
        REVIEW,
        lambda request, nomination: services.nomination_accept(actor=request.user, nomination=nomination),
    ),
    "return": (
        REVIEW,
        lambda request, nomination: services.nomination_return(
            actor=request.user, nomination=nomination, reason=request.POST.get("reason", "")
        ),
    ),
    "override": (
        DECIDE,
        lambda request, nomination: services.nomination_override_registration(
            actor=request.user, nomination=nomination, justification=request.POST.get("justification", "")
        ),
    ),
}
DONE = {
    "submit": gettext_lazy("Submitted to the commune."),
    "accept": gettext_lazy("Accepted into the list."),
    "return": gettext_lazy("Returned to the unit."),
    "override": gettext_lazy("The justification is recorded."),
}


@login_required
@require_POST
def nomination_action(request, pk: int, action: str):
    if action not in ACTIONS:
        raise Http404
    _needed, run = ACTIONS[action]
    nomination = _nomination_for(request.user, pk)
    try:
        run(request, nomination)
    except (ValidationError, PermissionDenied) as error:
        _errors(request, error)
    else:
        messages.success(request, str(DONE[action]))
    return redirect("nominations:nomination", pk=pk)


# --- Dossier parts ---------------------------------------------------------------------------------------


@login_required
@require_POST
def part_draft(request, pk: int, kind: str):
    nomination = _nomination_for(request.user, pk)
    try:
        part = services.dossier_part_draft(
            actor=request.user, nomination=nomination, kind=kind, replace=bool(request.POST.get("replace"))
        )
    except (ValidationError, PermissionDenied) as error:
        _errors(request, error)
        return redirect(reverse("nominations:nomination", args=[pk]) + "?tab=dossier")
    return redirect("nominations:part_edit", pk=part.pk)


def _part_for(user, pk, action=VIEW) -> DossierPart:
    part = get_object_for(
        DossierPart.objects.select_related("nomination__review_round__commune", "nomination__proposing_unit"),
        user,
        pk,
        VIEW,
    )
    nomination = _nomination_for(user, part.nomination_id, action)
    part.nomination = nomination
    return part


@login_required
def part_edit(request, pk: int):
    part = _part_for(request.user, pk)
    form = PartTextForm(request.POST or None, initial={"title": part.title, "text": part.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.dossier_part_update(
                actor=request.user,
                part=part,
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
            )
        except (ValidationError, PermissionDenied) as error:
            _errors(request, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(reverse("nominations:nomination", args=[part.nomination_id]) + "?tab=dossier")
    return render(
        request,
        "nominations/part_edit.html",
        {
            "title": part.get_kind_display(),
            "part": part,
            "form": form,
            "can_change": can(request.user, CHANGE, part.nomination)
            and part.nomination.status in services.DOSSIER_EDITABLE,
        },
    )


@login_required
def part_download(request, pk: int, fmt: str = ""):
    part = _part_for(request.user, pk)
    if part.file:
        response = FileResponse(part.file.open("rb"))
        response["Content-Disposition"] = content_disposition(part.file.name.rsplit("/", 1)[-1])
        return response
    if part.kind not in services.GENERATED:
        raise Http404
    spec = dossier.part_spec(part, today=timezone.localdate())
    name = f"{part.get_kind_display()} - {dossier.subject_name(part.nomination)}"
    return document_response(spec, fmt or "docx", name, request=request)


@login_required
@require_POST
def part_upload(request, pk: int):
    nomination = _nomination_for(request.user, pk)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.dossier_part_upload(
                actor=request.user,
                nomination=nomination,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
        except (ValidationError, PermissionDenied) as error:
            _errors(request, error)
        else:
            messages.success(request, _("File attached."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(reverse("nominations:nomination", args=[pk]) + "?tab=dossier")


@login_required
@require_POST
def part_delete(request, pk: int):
    part = _part_for(request.user, pk)
    try:
        services.dossier_part_delete(actor=request.user, part=part)
    except (ValidationError, PermissionDenied) as error:
        _errors(request, error)
    else:
        messages.success(request, _("Deleted."))
    return redirect(reverse("nominations:nomination", args=[part.nomination_id]) + "?tab=dossier")
