"""Reminder digests: which reports each unit reporter still owes, and one email per user and day.

A report is reminded when it is not submitted (missing, draft or returned) and either falls due within
``THIDUA_REMINDER_WORKING_DAYS`` Vietnamese working days (default 3) or is overdue while the form is still
open. The email is a Vietnamese letter (like the documents), not a translated UI string.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction

from thidua.accounts.choices import Role
from thidua.accounts.models import RoleGrant
from thidua.core.vietnamese import WorkCalendar, format_date
from thidua.reporting.choices import PeriodType, ReportStatus
from thidua.reporting.models import ReminderDigest, Report, ReportForm
from thidua.reporting.periods import ROMAN, Period, periods_of_year

DEFAULT_WORKING_DAYS = 3
PENDING = (ReportStatus.DRAFT, ReportStatus.RETURNED)


def period_in_vietnamese(period: Period) -> str:
    """ "tháng 9/2025", "quý III/2025", "6 tháng đầu năm 2025", "năm 2025" (for letters and documents)."""
    if period.type == PeriodType.MONTHLY:
        return f"tháng {period.start.month}/{period.year}"
    if period.type == PeriodType.QUARTERLY:
        return f"quý {ROMAN[(period.start.month - 1) // 3 + 1]}/{period.year}"
    if period.type == PeriodType.SIX_MONTHLY:
        return f"6 tháng {'đầu' if period.start.month == 1 else 'cuối'} năm {period.year}"
    return f"năm {period.year}"


def working_days_ahead() -> int:
    return int(getattr(settings, "THIDUA_REMINDER_WORKING_DAYS", DEFAULT_WORKING_DAYS))


@dataclass(frozen=True)
class Item:
    form: str
    unit: str
    period: str
    due: date
    overdue: bool

    def as_json(self) -> dict:
        return {
            "form": self.form,
            "unit": self.unit,
            "period": self.period,
            "due": self.due.isoformat(),
            "overdue": self.overdue,
        }


def _candidate_periods(form: ReportForm, today: date, calendar: WorkCalendar, ahead: int) -> list[Period]:
    """Periods of the form that are due within ``ahead`` working days or overdue but not locked."""
    periods = [
        *periods_of_year(form.period_type, today.year - 1),
        *periods_of_year(form.period_type, today.year),
    ]
    chosen = []
    for period in periods:
        due = form.due_date(period)
        if due < today:
            if form.lock_date(period) >= today:
                chosen.append(period)
        elif calendar.working_days_between(today, due) <= ahead and period.start <= today:
            chosen.append(period)
    return chosen


def pending_items(
    today: date,
    *,
    form_ids: list[int] | None = None,
    unit_ids: list[int] | None = None,
    calendar: WorkCalendar | None = None,
) -> dict[int, list[Item]]:
    """Unit id -> the reports it still owes (due soon or overdue)."""
    calendar = calendar or WorkCalendar()
    ahead = working_days_ahead()
    forms = ReportForm.objects.filter(active=True).order_by("name")
    if form_ids:
        forms = forms.filter(pk__in=form_ids)
    owed: dict[int, list[Item]] = defaultdict(list)
    for form in forms:
        periods = _candidate_periods(form, today, calendar, ahead)
        if not periods:
            continue
        units = form.units.all().order_by("path")
        if unit_ids:
            units = units.filter(pk__in=unit_ids)
        units = [u for u in units if u.valid_to is None or u.valid_to >= today]
        done = set(
            Report.objects.filter(form=form, unit__in=units, period__in=[p.code for p in periods])
            .exclude(status__in=PENDING)
            .values_list("unit_id", "period")
        )
        for unit in units:
            for period in periods:
                if (unit.pk, period.code) in done:
                    continue
                due = form.due_date(period)
                owed[unit.pk].append(
                    Item(form.name, unit.name, period_in_vietnamese(period), due, due < today)
                )
    return owed


def digests(owed: dict[int, list[Item]]) -> dict:
    """User -> items: unit reporters of each unit (grants on the unit itself), with an email address."""
    grants = RoleGrant.objects.filter(role=Role.UNIT_REPORTER, unit_id__in=list(owed)).select_related("user")
    by_user: dict = {}
    for grant in grants.order_by("user_id", "unit__path"):
        user = grant.user
        if not user.is_active or not user.email:
            continue
        by_user.setdefault(user, []).extend(owed[grant.unit_id])
    return by_user


def compose(user, items: list[Item]) -> tuple[str, str]:
    """The Vietnamese subject and body of one digest."""
    overdue = [item for item in items if item.overdue]
    upcoming = [item for item in items if not item.overdue]
    parts = []
    if upcoming:
        parts.append(f"{len(upcoming)} báo cáo sắp đến hạn")
    if overdue:
        parts.append(f"{len(overdue)} báo cáo quá hạn")
    subject = "[Thi đua] Nhắc nộp báo cáo định kỳ: " + ", ".join(parts)
    name = getattr(user, "full_name", "") or user.get_username()
    lines = [
        f"Kính gửi {name},",
        "",
        "Hệ thống thi đua - khen thưởng xin nhắc các báo cáo sau chưa được nộp:",
        "",
    ]
    for heading, group in (("Quá hạn:", overdue), ("Sắp đến hạn:", upcoming)):
        if not group:
            continue
        lines.append(heading)
        for item in sorted(group, key=lambda i: (i.due, i.unit, i.form)):
            lines.append(f"- {item.form} · {item.unit} · {item.period} · hạn nộp {format_date(item.due)}")
        lines.append("")
    lines += [
        "Đề nghị đồng chí đăng nhập hệ thống để hoàn thành và gửi báo cáo.",
        "",
        "Thư này được gửi tự động, xin đừng trả lời.",
    ]
    return subject, "\n".join(lines)


def send_digests(
    today: date, *, key: str = "daily", form_ids: list[int] | None = None, unit_ids: list[int] | None = None
) -> int:
    """Send one digest per user for ``today``; users already reminded today under ``key`` are skipped."""
    sent = 0
    for user, items in digests(pending_items(today, form_ids=form_ids, unit_ids=unit_ids)).items():
        try:
            with transaction.atomic():
                # The row is written first and rolled back if sending fails: a failed email is retried by
                # the next run, a sent one never twice.
                ReminderDigest.objects.create(
                    user=user, day=today, key=key, items=[item.as_json() for item in items]
                )
                subject, body = compose(user, items)
                EmailMessage(subject, body, to=[user.email]).send()
        except IntegrityError:
            continue
        sent += 1
    return sent
