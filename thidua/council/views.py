"""Council pages: setup, the session page, the phone ballot, the receipt check and the minutes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.accounts.choices import REVIEW
from thidua.commendations.rules import title_name
from thidua.core.history import history_for
from thidua.core.scoping import VIEW, can, get_object_for
from thidua.council import minutes, selectors, services
from thidua.council.choices import Attendance, SessionStatus
from thidua.council.forms import (
    BallotForm,
    CouncilForm,
    MemberForm,
    ReceiptForm,
    SessionForm,
    ThresholdForm,
    WrittenBallotForm,
)
from thidua.council.models import Council, CouncilMember, CouncilSession
from thidua.documents.render import RenderError
from thidua.documents.responses import CONTENT_TYPES, content_disposition
from thidua.nominations.choices import NominationStatus
from thidua.orgs.choices import UnitKind
from thidua.orgs.models import OrgUnit

STEP_LABELS = {
    SessionStatus.OPEN: gettext_lazy("Open the vote"),
    SessionStatus.CLOSED: gettext_lazy("Close the vote"),
    SessionStatus.COUNTED: gettext_lazy("Count the votes"),
}
STEPS = {
    SessionStatus.OPEN: services.session_open,
    SessionStatus.CLOSED: services.session_close,
    SessionStatus.COUNTED: services.session_count,
}


def error_text(error) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


def _council(request, pk, action=VIEW) -> Council:
    return get_object_for(Council.objects.select_related("commune"), request.user, pk, action)


def _session(request, pk) -> CouncilSession:
    """The session for its page: visible to those who see the commune, and to the council's members."""
    session = get_object_or_404(
        CouncilSession.objects.select_related("council__commune", "review_round", "minutes_number"), pk=pk
    )
    if can(request.user, VIEW, session) or _membership(request.user, session) is not None:
        return session
    raise Http404


def _membership(user, session: CouncilSession) -> CouncilMember | None:
    if not user.is_authenticated:
        return None
    return next(
        (m for m in selectors.active_members(session.council, session.held_on) if m.user_id == user.pk), None
    )


def _may_manage(user, session: CouncilSession) -> bool:
    return can(user, REVIEW, session) or services.is_secretary(user, session)


# --- index and setup ----------------------------------------------------------------------------------------


@login_required
def index(request):
    user = request.user
    councils = list(selectors.council_list(user=user))
    seats = CouncilMember.objects.filter(user=user).values_list("council_id", flat=True)
    my_sessions = (
        CouncilSession.objects.filter(council_id__in=list(seats))
        .select_related("council", "review_round")
        .order_by("-held_on")
    )
    sessions = selectors.session_list(user=user).order_by("-held_on")[:50]
    can_create = (
        OrgUnit.objects.visible_to(user, REVIEW).filter(kind=UnitKind.COMMUNE, council__isnull=True).exists()
    )
    return render(
        request,
        "council/index.html",
        {
            "title": _("Council"),
            "councils": councils,
            "my_sessions": my_sessions,
            "sessions": sessions,
            "can_create": can_create,
        },
    )


def _form_page(request, form, title, obj=None, back=""):
    return render(request, "council/form.html", {"form": form, "title": title, "object": obj, "back": back})


def _apply_errors(form, error) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        form.add_error(None, error_text(error))


@login_required
def council_create(request):
    form = CouncilForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            council = services.council_create(actor=request.user, data=form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(council.get_absolute_url())
    return _form_page(request, form, _("Set up the council"))


@login_required
def council_update(request, pk):
    council = _council(request, pk, REVIEW)
    form = CouncilForm(request.POST or None, instance=council, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.council_update(actor=request.user, council=council, data=form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(council.get_absolute_url())
    return _form_page(request, form, _("Edit the council"), council, council.get_absolute_url())


@login_required
def council_detail(request, pk):
    council = _council(request, pk)
    tab = request.GET.get("tab", "info")
    members = sorted(
        CouncilMember.objects.filter(council=council).select_related("person__unit", "user"),
        key=selectors.member_sort_key,
    )
    context = {
        "object": council,
        "title": council.name,
        "tab": tab,
        "tabs": [("info", _("Information")), ("history", _("History"))],
        "members": members,
        "thresholds": [
            (
                row,
                title_name(row.code),
                services.votes_needed(_active_count(council), row.percent, row.inclusive),
            )
            for row in council.thresholds.all()
        ],
        "active_count": _active_count(council),
        "sessions": council.sessions.select_related("review_round").order_by("-held_on"),
        "can_manage": can(request.user, REVIEW, council),
    }
    if tab == "history":
        context["history"] = history_for(council)
    return render(request, "council/council_detail.html", context)


def _active_count(council: Council) -> int:
    from django.utils import timezone

    return len(selectors.active_members(council, timezone.localdate()))


@login_required
def member_add(request, pk):
    council = _council(request, pk, REVIEW)
    form = MemberForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_add(actor=request.user, council=council, data=form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(council.get_absolute_url())
    return _form_page(request, form, _("Add a member"), council, council.get_absolute_url())


@login_required
def member_edit(request, pk):
    member = get_object_for(
        CouncilMember.objects.select_related("council__commune", "person"), request.user, pk, REVIEW
    )
    form = MemberForm(request.POST or None, instance=member, council=member.council)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update(actor=request.user, member=member, data=form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(member.council.get_absolute_url())
    return _form_page(request, form, _("Edit a member"), member, member.council.get_absolute_url())


@login_required
def threshold_set(request, pk):
    council = _council(request, pk, REVIEW)
    initial = {"inclusive": True}
    code = request.GET.get("code")
    if code:
        row = council.thresholds.filter(code=code).first()
        if row:
            initial = {"code": row.code, "percent": row.percent, "inclusive": row.inclusive}
    form = ThresholdForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.threshold_set(actor=request.user, council=council, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(council.get_absolute_url())
    return _form_page(request, form, _("Vote threshold"), council, council.get_absolute_url())


@login_required
def session_create(request, pk):
    council = _council(request, pk, REVIEW)
    form = SessionForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(actor=request.user, council=council, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(session.get_absolute_url())
    return _form_page(request, form, _("Schedule a session"), council, council.get_absolute_url())


# --- the session --------------------------------------------------------------------------------------------


@login_required
def session_detail(request, pk):
    session = _session(request, pk)
    user = request.user
    tab = request.GET.get("tab", "info")
    manage = _may_manage(user, session)
    me = _membership(user, session)
    taking_part, total, reached = services.quorum(session)
    if session.status == SessionStatus.DRAFT:
        agenda = [
            {"nomination": n, "title": title_name(n.code)}
            for n in session.review_round.nominations.filter(status=NominationStatus.DISCLOSED)
            .select_related("person", "unit", "household")
            .order_by("code", "pk")
        ]
    else:
        agenda = [
            {"nomination": item.nomination, "title": title_name(item.nomination.code), "item": item}
            for item in selectors.agenda(session)
        ]
    context = {
        "object": session,
        "title": str(session),
        "tab": tab,
        "tabs": [("info", _("Information")), ("history", _("History"))],
        "agenda": agenda,
        "attendance": selectors.attendance_rows(session),
        "attendance_choices": Attendance.choices,
        "attendance_editable": manage and session.status in (SessionStatus.DRAFT, SessionStatus.OPEN),
        "voted": selectors.voted_count(session),
        "taking_part": taking_part,
        "total": total,
        "quorum_reached": reached,
        "steps": [(s, STEP_LABELS[s]) for s in services.session_next_steps(session)] if manage else [],
        "manage": manage,
        "me": me,
        "i_voted": me is not None and selectors.has_voted(session, me),
        "disclosure_over": services.nominations.disclosure_over(session.review_round),
    }
    if tab == "history":
        context["history"] = history_for(session)
    return render(request, "council/session_detail.html", context)


@login_required
def session_live(request, pk):
    session = _session(request, pk)
    return render(
        request,
        "council/_live.html",
        {"object": session, "voted": selectors.voted_count(session), "total": services.quorum(session)[1]},
    )


@login_required
@require_POST
def session_step(request, pk, status):
    session = _session(request, pk)
    step = STEPS.get(status)
    if step is None:
        raise Http404
    try:
        step(actor=request.user, session=session)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Done: %(step)s.") % {"step": STEP_LABELS[status]})
    return redirect(session.get_absolute_url())


@login_required
@require_POST
def attendance_update(request, pk):
    session = _session(request, pk)
    changed = 0
    try:
        for row in selectors.attendance_rows(session):
            value = request.POST.get(f"m{row.member_id}")
            if value and value != row.status:
                services.attendance_set(actor=request.user, session=session, member=row.member, status=value)
                changed += 1
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Attendance saved."))
    return redirect(session.get_absolute_url())


# --- the ballot ---------------------------------------------------------------------------------------------


@login_required
def ballot(request, pk):
    """The member's phone ballot: choose, confirm, then the receipt code (shown once)."""
    session = _session(request, pk)
    me = _membership(request.user, session)
    if me is None:
        raise Http404
    items = _titled(selectors.agenda(session))
    context = {"object": session, "title": _("Secret ballot"), "me": me}
    if selectors.has_voted(session, me):
        return render(request, "council/ballot_done.html", context)
    if session.status != SessionStatus.OPEN:
        context["closed"] = True
        return render(request, "council/ballot_done.html", context)
    form = BallotForm(request.POST or None, items=items)
    step = request.POST.get("step", "choose")
    if request.method == "POST" and form.is_valid():
        if step == "review":
            return render(
                request, "council/ballot_confirm.html", {**context, "form": form, "rows": _review_rows(form)}
            )
        if step == "confirm":
            try:
                receipt = services.ballot_cast(actor=request.user, session=session, choices=form.choices())
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, error_text(error))
            else:
                response = render(request, "council/ballot_receipt.html", {**context, "receipt": receipt})
                response["Cache-Control"] = "no-store"
                return response
    return render(request, "council/ballot.html", {**context, "form": form, "rows": list(form.rows())})


def _titled(items):
    for item in items:
        item.title_label = title_name(item.nomination.code)
    return items


def _review_rows(form):
    labels = dict(form.fields[f"c{form.items[0].pk}"].choices) if form.items else {}
    return [
        (item, labels.get(form.cleaned_data[f"c{item.pk}"]), form.cleaned_data[f"c{item.pk}"])
        for item in form.items
    ]


@login_required
def written_ballot(request, pk):
    session = _session(request, pk)
    if not _may_manage(request.user, session):
        raise Http404
    absent = [
        row.member
        for row in selectors.attendance_rows(session)
        if row.status != Attendance.PRESENT and not selectors.has_voted(session, row.member)
    ]
    form = WrittenBallotForm(request.POST or None, items=_titled(selectors.agenda(session)), members=absent)
    context = {"object": session, "title": _("Enter a written vote"), "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            receipt = services.written_ballot_enter(
                actor=request.user,
                session=session,
                member=form.cleaned_data["member"],
                choices=form.choices(),
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error_text(error))
        else:
            response = render(
                request, "council/ballot_receipt.html", {**context, "receipt": receipt, "written": True}
            )
            response["Cache-Control"] = "no-store"
            return response
    context["rows"] = list(form.rows())
    return render(request, "council/written_ballot.html", context)


@login_required
def receipt_check(request, pk):
    session = _session(request, pk)
    form = ReceiptForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        digest = services.receipt_hash(session.pk, form.cleaned_data["code"])
        result = {"counted": selectors.receipt_counted(session, digest), "digest": digest}
    return render(
        request,
        "council/receipt_check.html",
        {
            "object": session,
            "title": _("Check my ballot"),
            "form": form,
            "result": result,
            "hashes": selectors.receipt_hashes(session),
        },
    )


# --- the minutes --------------------------------------------------------------------------------------------


@login_required
def minutes_download(request, pk, fmt):
    session = _session(request, pk)
    if fmt not in CONTENT_TYPES:
        raise Http404
    if session.status != SessionStatus.COUNTED:
        messages.error(request, _("The minutes are ready once the votes are counted."))
        return redirect(session.get_absolute_url())
    try:
        data = minutes.minutes_bytes(session, fmt)
    except RenderError as error:
        page = render_to_string(
            "documents/unavailable.html",
            {
                "message": f"Không tạo được bản PDF: {error}. Hãy tải bản .docx và chuyển sang PDF.",
                "format": fmt,
            },
            request=request,
        )
        return HttpResponse(page, status=503, content_type="text/html; charset=utf-8")
    number = session.minutes_number
    name = f"Biên bản kiểm phiếu {number}" if number else "Biên bản kiểm phiếu"
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition(f"{name}.{fmt}".replace("/", "-"))
    response["X-Content-Type-Options"] = "nosniff"
    return response
