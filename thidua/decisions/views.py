"""Decision pages: the list, a decision with its entries and total, issue/sign/downloads, the reward register
(sổ vàng) with its Excel export, and the certificate batches with their progress."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.choices import DECIDE, REVIEW
from thidua.core.exports import export_response
from thidua.core.history import history_for
from thidua.core.scoping import VIEW, can, get_object_for, scope_for
from thidua.decisions import documents, selectors, services
from thidua.decisions.choices import BatchStatus, DecisionStatus
from thidua.decisions.forms import BatchForm, DecisionCreateForm, DecisionForm
from thidua.decisions.models import CertificateBatch, Decision
from thidua.documents.responses import CONTENT_TYPES, DocumentUnavailable, content_disposition
from thidua.nominations.choices import NominationStatus
from thidua.nominations.models import Nomination, ReviewRound
from thidua.orgs.models import OrgUnit


def error_text(error) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


def _decision(request, pk, action=VIEW) -> Decision:
    return get_object_for(
        Decision.objects.select_related("review_round__commune", "document_number"), request.user, pk, action
    )


def _may_draft(user, obj) -> bool:
    return can(user, REVIEW, obj) or can(user, DECIDE, obj)


def _waiting_rounds(user):
    waiting = Nomination.objects.filter(
        review_round=OuterRef("pk"), status=NominationStatus.VOTED, decision_entry__isnull=True
    )
    rounds = ReviewRound.objects.visible_to(user, VIEW).filter(Exists(waiting)).select_related("commune")
    return [r for r in rounds if _may_draft(user, r.commune)]


@login_required
def index(request):
    decisions = list(selectors.decision_list(user=request.user))
    rounds = _waiting_rounds(request.user)
    form = (
        DecisionCreateForm(rounds=ReviewRound.objects.filter(pk__in=[r.pk for r in rounds]))
        if rounds
        else None
    )
    return render(
        request,
        "decisions/index.html",
        {"title": _("Decisions and certificates"), "decisions": decisions, "form": form},
    )


@login_required
@require_POST
def decision_create(request):
    rounds = ReviewRound.objects.filter(pk__in=[r.pk for r in _waiting_rounds(request.user)])
    form = DecisionCreateForm(request.POST, rounds=rounds)
    if not form.is_valid():
        messages.error(request, _("Choose a review round and the kind of document."))
        return redirect("decisions:index")
    try:
        decision = services.decision_create(
            actor=request.user,
            review_round=form.cleaned_data["review_round"],
            kind=form.cleaned_data["kind"],
            data={"signer_name": form.cleaned_data["signer_name"]},
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
        return redirect("decisions:index")
    messages.success(request, _("Draft prepared."))
    return redirect(decision)


@login_required
def decision_detail(request, pk: int):
    decision = _decision(request, pk)
    data = documents.listing(decision)
    tab = request.GET.get("tab", "")
    context = {
        "title": str(decision),
        "object": decision,
        "data": data,
        "tab": tab,
        "can_draft": decision.status == DecisionStatus.DRAFT and _may_draft(request.user, decision),
        "can_decide": can(request.user, DECIDE, decision),
        "can_print": not decision.is_proposal
        and decision.status != DecisionStatus.DRAFT
        and _may_draft(request.user, decision),
        "batches": selectors.batch_list(user=request.user, decision=decision)[:10],
        "batch_form": BatchForm(),
        "signing_ready": bool(services.signing_settings()[0]),
    }
    if tab == "history":
        context["history"] = history_for(decision)
    return render(request, "decisions/decision_detail.html", context)


@login_required
def decision_edit(request, pk: int):
    decision = _decision(request, pk)
    if not _may_draft(request.user, decision):
        raise Http404
    form = DecisionForm(request.POST or None, instance=Decision.objects.get(pk=decision.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_update(actor=request.user, decision=decision, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("Saved."))
            return redirect(decision)
    return render(
        request,
        "decisions/form.html",
        {"title": _("Edit the draft"), "form": form, "object": decision, "back": decision.get_absolute_url()},
    )


def _step(request, pk: int, action, success: str):
    decision = _decision(request, pk)
    try:
        action(actor=request.user, decision=decision)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, success)
    return decision


@login_required
@require_POST
def decision_issue(request, pk: int):
    decision = _step(request, pk, services.issue, _("Issued."))
    return redirect(decision)


@login_required
@require_POST
def decision_sign(request, pk: int):
    decision = _step(request, pk, services.decision_sign, _("Digitally signed."))
    return redirect(decision)


@login_required
@require_POST
def decision_delete(request, pk: int):
    decision = _decision(request, pk)
    try:
        services.decision_delete(actor=request.user, decision=decision)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
        return redirect(decision)
    messages.success(request, _("Draft deleted."))
    return redirect("decisions:index")


@login_required
def decision_download(request, pk: int, fmt: str):
    decision = _decision(request, pk)
    if fmt not in CONTENT_TYPES:
        raise Http404
    try:
        data = documents.document_file(decision, fmt)
    except DocumentUnavailable as error:
        page = render_to_string(
            "documents/unavailable.html", {"message": error.message, "format": fmt}, request=request
        )
        return HttpResponse(page, status=503, content_type="text/html; charset=utf-8")
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition(f"{documents.filename(decision)}.{fmt}")
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _file_response(field, name: str, content_type: str):
    if not field:
        raise Http404
    response = FileResponse(field.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition(name)
    return response


@login_required
def signed_download(request, pk: int):
    decision = _decision(request, pk)
    return _file_response(
        decision.signed_pdf, documents.filename(decision) + " (ky so).pdf", "application/pdf"
    )


@login_required
def bundle_download(request, pk: int):
    decision = _decision(request, pk)
    return _file_response(
        decision.bundle, "Ho so " + documents.filename(decision) + ".zip", "application/zip"
    )


# --- certificates -----------------------------------------------------------------------------------------


@login_required
@require_POST
def batch_create(request, pk: int):
    decision = _decision(request, pk)
    form = BatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the mode and the offsets (between -50 and 50 mm)."))
        return redirect(decision)
    try:
        batch = services.batch_create(
            actor=request.user,
            decision=decision,
            mode=form.cleaned_data["mode"],
            offset_x_mm=form.cleaned_data["offset_x_mm"],
            offset_y_mm=form.cleaned_data["offset_y_mm"],
            base_url=request.build_absolute_uri("/"),
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
        return redirect(decision)
    return redirect(batch)


def _batch(request, pk: int) -> CertificateBatch:
    return get_object_for(
        CertificateBatch.objects.select_related("decision__review_round__commune"), request.user, pk, VIEW
    )


@login_required
def batch_detail(request, pk: int):
    batch = _batch(request, pk)
    return render(request, "decisions/batch_detail.html", {"title": _("Certificates"), "batch": batch})


@login_required
def batch_progress(request, pk: int):
    batch = _batch(request, pk)
    response = render(request, "decisions/_batch_progress.html", {"batch": batch})
    if batch.status in (BatchStatus.DONE, BatchStatus.FAILED):
        response["HX-Refresh"] = "false"
    return response


@login_required
def batch_download(request, pk: int):
    batch = _batch(request, pk)
    return _file_response(
        batch.file, f"Giay khen {batch.decision.number_text.replace('/', '-')}.pdf", "application/pdf"
    )


# --- the reward register (sổ vàng) ----------------------------------------------------------------------------

REGISTER_COLUMNS = [
    (_("Reward register number"), "number"),
    (_("Year"), "year"),
    (_("Commune"), "commune.name"),
    (_("Awarded to"), lambda row: documents.recipient_name(row.entry.nomination)),
    (_("Post and unit"), lambda row: documents.recipient_detail(row.entry.nomination)),
    (
        _("Title or form"),
        lambda row: row.entry.award.code_name if row.entry.award_id else row.entry.nomination.code,
    ),
    (_("Decision"), "entry.decision.number_text"),
    (_("Decision date"), "entry.decision.decided_on"),
    (_("Award money (VND)"), "entry.amount"),
]


@login_required
def register(request):
    scope = scope_for(request.user, VIEW)
    communes = OrgUnit.objects.visible_to(request.user, VIEW).filter(kind="commune").order_by("path")
    commune = None
    if request.GET.get("commune"):
        commune = communes.filter(pk=request.GET["commune"]).first()
    years = selectors.register_years(user=request.user)
    try:
        year = int(request.GET.get("year") or (years[0] if years else 0)) or None
    except ValueError:
        year = None
    rows = selectors.register_list(user=request.user, commune=commune, year=year).select_related(
        "entry__award"
    )
    if request.GET.get("export") in ("xlsx", "csv"):
        name = f"so-vang-{year or 'tat-ca'}"
        return export_response(rows, REGISTER_COLUMNS, name, request.GET["export"])
    del scope
    rows = list(rows)
    for row in rows:
        row.recipient = documents.recipient_name(row.entry.nomination)
    return render(
        request,
        "decisions/register.html",
        {
            "title": _("Reward register"),
            "rows": rows,
            "communes": communes,
            "commune": commune,
            "years": years,
            "year": year,
        },
    )
