"""Condition checks. Each criterion in the rules data names a ``check`` implemented here.

A check returns a list of :class:`Condition` (usually one). The sentence ends with the short citation
of the criterion's legal basis, e.g. "(Điều 24 khoản 1 Luật TĐKT 2022)".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from fractions import Fraction

from .context import Context, non_counting_note
from .model import (
    DISCIPLINE_SEVERITY,
    RATING_RANK,
    Condition,
    DisciplineMeasure,
    InitiativeScope,
    Rating,
    Subject,
)
from .ruleset import Basis, Criterion, RuleSet
from .text import DISCIPLINE_NAMES, GROUP_NAMES, RATING_NAMES, SCOPE_NAMES, percent, ratio_percent, years_list

Check = Callable[[Context, Criterion], list[Condition]]
VOUCHED = "tiêu chí này dựa trên đề nghị của đơn vị"


def _condition(
    criterion: Criterion,
    met: bool,
    text: str,
    *,
    basis: Basis | None = None,
    vouched: bool = False,
    hold: bool = False,
) -> Condition:
    used = basis or criterion.basis
    return Condition(
        code=criterion.code,
        met=met,
        basis=used.basis,
        message=f"{text} ({used.cite})",
        confidence=used.confidence,
        vouched=vouched,
        hold=hold,
    )


def _rating_level(rating: Rating) -> str:
    return RATING_NAMES[rating] + ("" if rating is Rating.HTXS else " trở lên")


def check_hold(ctx: Context, criterion: Criterion) -> list[Condition]:
    pending = sorted(
        year for year, record in ctx.subject.records.items() if year >= ctx.year and record.under_review
    )
    members = 0
    if criterion.params.get("include_members"):
        members = sum(1 for member in ctx.subject.members if member.under_review)
    if pending or members:
        where = f"bản ghi năm {years_list(pending)}" if pending else f"{members} thành viên"
        text = (
            f"Đang xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc giải quyết khiếu nại ({where}): "
            "tạm hoãn xét khen thưởng đến khi có kết luận"
        )
        return [_condition(criterion, False, text, hold=True)]
    text = "Không có việc xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc khiếu nại đang chờ giải quyết"
    return [_condition(criterion, True, text, hold=True)]


def check_no_discipline(ctx: Context, criterion: Criterion) -> list[Condition]:
    threshold = DISCIPLINE_SEVERITY[DisciplineMeasure(criterion.params.get("from", "khien_trach"))]
    discipline = ctx.record.discipline
    if discipline is not None and discipline.severity >= threshold:
        text = (
            f"Năm {ctx.year} đang chịu hình thức kỷ luật {DISCIPLINE_NAMES[discipline.measure]}; "
            "thành tích trong thời gian bị kỷ luật không được tính"
        )
        return [_condition(criterion, False, text)]
    if discipline is not None:
        text = f"Năm {ctx.year} bị kỷ luật {DISCIPLINE_NAMES[discipline.measure]}, dưới mức loại trừ"
        return [_condition(criterion, True, text)]
    return [_condition(criterion, True, f"Năm {ctx.year} không bị kỷ luật")]


def check_rating_at_least(ctx: Context, criterion: Criterion) -> list[Condition]:
    minimum = Rating(criterion.params["min"])
    rating = ctx.rating(ctx.year)
    required = ctx.group in criterion.params.get("required_groups", ())
    if not ctx.record.task_completed:
        text = f"Năm {ctx.year} không hoàn thành nhiệm vụ được giao, chưa đạt mức {_rating_level(minimum)}"
        return [_condition(criterion, False, text)]
    if rating is None:
        if required:
            text = (
                f"Năm {ctx.year} chưa có kết quả xếp loại chất lượng, "
                f"chưa xác định được mức {_rating_level(minimum)}"
            )
            return [_condition(criterion, False, text)]
        other = criterion.params.get("other_groups_basis")
        basis = ctx.ruleset.basis(other) if other else None
        text = (
            f"Đối tượng là {GROUP_NAMES[ctx.group]}, năm {ctx.year} không có xếp loại chất lượng; "
            f"kết quả lao động, sản xuất và tham gia phong trào: {VOUCHED}"
        )
        return [_condition(criterion, True, text, basis=basis, vouched=True)]
    met = RATING_RANK[rating] >= RATING_RANK[minimum]
    verdict = "đạt" if met else "chưa đạt"
    text = f"Năm {ctx.year} xếp loại {RATING_NAMES[rating]}, {verdict} mức {_rating_level(minimum)}"
    return [_condition(criterion, met, text)]


def check_unit_rating_at_least(ctx: Context, criterion: Criterion) -> list[Condition]:
    minimum = Rating(criterion.params["min"])
    rating = ctx.rating(ctx.year)
    if rating is None:
        text = f"Năm {ctx.year} tập thể chưa có kết quả xếp loại, chưa xác định được mức {_rating_level(minimum)}"
        return [_condition(criterion, False, text)]
    met = RATING_RANK[rating] >= RATING_RANK[minimum]
    verdict = "đạt" if met else "chưa đạt"
    text = f"Năm {ctx.year} tập thể xếp loại {RATING_NAMES[rating]}, {verdict} mức {_rating_level(minimum)}"
    return [_condition(criterion, met, text)]


def months_worked(start: date, year: int) -> int:
    """Whole months worked in ``year`` by someone who started on ``start``."""
    if start <= date(year, 1, 1):
        return 12
    if start.year > year:
        return 0
    return 13 - start.month if start.day == 1 else 12 - start.month


def check_employment(ctx: Context, criterion: Criterion) -> list[Condition]:
    if ctx.group not in criterion.params.get("groups", ()):
        return []
    minimum = int(criterion.params.get("min_months", 6))
    months = ctx.record.employment_months
    start = ctx.subject.employment_start
    if months is None and start is not None:
        months = months_worked(start, ctx.year)
    if months is None:
        text = f"Không có thông tin ngày bắt đầu công tác; coi là công tác đủ thời gian trong năm {ctx.year}"
        return [_condition(criterion, True, text, vouched=True)]
    met = months >= minimum
    since = (
        f"Bắt đầu công tác từ ngày {start:%d/%m/%Y}, " if start is not None and start.year == ctx.year else ""
    )
    verdict = "đủ" if met else "chưa đủ"
    text = f"{since}thời gian công tác trong năm {ctx.year} là {months} tháng, {verdict} {minimum} tháng"
    return [_condition(criterion, met, text[0].upper() + text[1:])]


def check_vouched(ctx: Context, criterion: Criterion) -> list[Condition]:
    return [_condition(criterion, True, f"{criterion.params['text']}: {VOUCHED}", vouched=True)]


def check_title_criteria(ctx: Context, criterion: Criterion) -> list[Condition]:
    """The criteria of another title of the same year (CSTĐCS needs the LĐTT criteria)."""
    title = ctx.ruleset.titles[criterion.params["title"]]
    conditions: list[Condition] = []
    for inner in title.criteria:
        if inner.check == "hold" or (inner.kinds is not None and ctx.subject.kind not in inner.kinds):
            continue
        conditions.extend(CHECKS[inner.check](ctx, inner))
    return conditions


def check_htxs_or_initiative(ctx: Context, criterion: Criterion) -> list[Condition]:
    rating = ctx.rating(ctx.year)
    if rating is Rating.HTXS:
        return [_condition(criterion, True, f"Năm {ctx.year} xếp loại {RATING_NAMES[Rating.HTXS]}")]
    scope = InitiativeScope(criterion.params.get("initiative_scope", "co_so"))
    available, used = ctx.initiatives([ctx.year], scope)
    if available:
        text = f"Năm {ctx.year} có {available} sáng kiến, đề tài khoa học được công nhận từ {SCOPE_NAMES[scope]} trở lên"
        return [_condition(criterion, True, text)]
    rated = f"xếp loại {RATING_NAMES[rating]}" if rating is not None else "chưa có xếp loại"
    text = (
        f"Năm {ctx.year} {rated}, không đạt mức {RATING_NAMES[Rating.HTXS]} và không có sáng kiến, "
        f"đề tài khoa học được công nhận từ {SCOPE_NAMES[scope]} trở lên{ctx.used_note(used)}"
    )
    return [_condition(criterion, False, text)]


def _streak_text(
    ctx: Context, name: str, years: list[int], count: int, reason: str, derived: list[int]
) -> str:
    if len(years) >= count:
        note = f"; năm {derived[0]} xét theo tiêu chuẩn" if derived else ""
        return f"Đạt {name} {len(years)} năm liên tục ({years_list(years)}), đủ {count} lần liên tục{note}"
    done = f"{len(years)} năm liên tục ({years_list(years)})" if years else "0 năm"
    return f"Đạt {name} {done} tính đến năm {ctx.year}, chưa đủ {count} lần liên tục: {reason}"


def check_title_streak(ctx: Context, criterion: Criterion) -> list[Condition]:
    code = criterion.params["title"]
    count = int(criterion.params["count"])
    streak = ctx.title_streak(code)
    text = _streak_text(ctx, ctx.title_name(code), streak.years, count, streak.reason, streak.derived_years)
    return [_condition(criterion, len(streak.years) >= count, text)]


def check_initiative_in_streak(ctx: Context, criterion: Criterion) -> list[Condition]:
    scope = InitiativeScope(criterion.params["scope"])
    needed = int(criterion.params.get("count", 1))
    years = ctx.title_streak(criterion.params["title"]).years or [ctx.year]
    available, used = ctx.initiatives(years, scope)
    met = available >= needed
    where = f"trong các năm {years_list(years)}" if len(years) > 1 else f"năm {years[0]}"
    verdict = "đủ" if met else "chưa đủ"
    text = (
        f"Có {available} sáng kiến, đề tài khoa học được công nhận hiệu quả ở {SCOPE_NAMES[scope]} trở lên "
        f"{where}, {verdict} {needed} theo yêu cầu{ctx.used_note(used)}"
    )
    return [_condition(criterion, met, text)]


def _members_missing(ctx: Context, criterion: Criterion) -> list[Condition]:
    text = f"Chưa có danh sách thành viên của tập thể năm {ctx.year}; không xác định được tiêu chí này"
    return [_condition(criterion, False, text)]


def check_members_title_ratio(ctx: Context, criterion: Criterion) -> list[Condition]:
    members = ctx.subject.members
    if not members:
        return _members_missing(ctx, criterion)
    code = criterion.params["title"]
    ratio = Fraction(criterion.params["ratio"])
    holding = sum(ctx.members_holding(code, tuple(criterion.params.get("also", ()))))
    total = len(members)
    met = holding * ratio.denominator >= total * ratio.numerator
    verdict = "đạt" if met else "chưa đạt"
    text = (
        f"Có {holding}/{total} thành viên ({percent(holding, total)}) đạt {ctx.title_name(code)}, "
        f"{verdict} tỷ lệ tối thiểu {ratio_percent(ratio)}"
    )
    return [_condition(criterion, met, text)]


def check_members_title_count(ctx: Context, criterion: Criterion) -> list[Condition]:
    code = criterion.params["title"]
    needed = int(criterion.params.get("min", 1))
    holding = sum(ctx.members_holding(code, tuple(criterion.params.get("also", ()))))
    met = holding >= needed
    verdict = "đủ" if met else "chưa đủ"
    counted = f"Có {holding} thành viên" if holding else "Không có thành viên nào"
    text = f"{counted} đạt {ctx.title_name(code)}, {verdict} tối thiểu {needed}"
    return [_condition(criterion, met, text)]


def check_members_no_discipline(ctx: Context, criterion: Criterion) -> list[Condition]:
    threshold = DisciplineMeasure(criterion.params.get("from", "canh_cao"))
    floor = DISCIPLINE_SEVERITY[threshold]
    measures = [
        member.discipline.measure
        for member in ctx.subject.members
        if member.discipline is not None and member.discipline.severity >= floor
    ]
    if measures:
        listed = ", ".join(
            DISCIPLINE_NAMES[measure] for measure in sorted(set(measures), key=DISCIPLINE_SEVERITY.get)
        )
        text = (
            f"Năm {ctx.year} có {len(measures)} thành viên bị kỷ luật từ hình thức "
            f"{DISCIPLINE_NAMES[threshold]} trở lên: {listed}"
        )
        return [_condition(criterion, False, text)]
    text = f"Năm {ctx.year} không có thành viên bị kỷ luật từ hình thức {DISCIPLINE_NAMES[threshold]} trở lên"
    return [_condition(criterion, True, text)]


def check_members_completed(ctx: Context, criterion: Criterion) -> list[Condition]:
    members = ctx.subject.members
    if not members:
        return _members_missing(ctx, criterion)
    failed = sum(1 for member in members if not member.task_completed or member.rating is Rating.KHT)
    total = len(members)
    if failed:
        text = f"Năm {ctx.year} có {failed}/{total} thành viên không hoàn thành nhiệm vụ, chưa đạt 100%"
        return [_condition(criterion, False, text)]
    return [
        _condition(criterion, True, f"Năm {ctx.year} 100% thành viên ({total}/{total}) hoàn thành nhiệm vụ")
    ]


def check_individual_history(ctx: Context, criterion: Criterion) -> list[Condition]:
    params = criterion.params
    code = params["title"]
    title_count = int(params["title_count"])
    titles = ctx.title_streak(code)
    if len(titles.years) >= title_count:
        text = _streak_text(ctx, ctx.title_name(code), titles.years, title_count, "", titles.derived_years)
        return [_condition(criterion, True, text)]
    rating = Rating(params["rating"])
    rating_years = int(params["rating_years"])
    needed = int(params["initiatives"])
    scope = InitiativeScope(params["initiative_scope"])
    ratings = ctx.rating_streak(rating)
    available, used = ctx.initiatives(ratings.years, scope)
    rating_name = RATING_NAMES[rating]
    if len(ratings.years) >= rating_years and available >= needed:
        text = (
            f"Có {len(ratings.years)} năm liên tục ({years_list(ratings.years)}) xếp loại {rating_name} "
            f"và {available} sáng kiến, đề tài được công nhận từ {SCOPE_NAMES[scope]} trở lên"
        )
        return [_condition(criterion, True, text)]
    if ctx.group in params.get("vouched_groups", ()):
        text = f"Đối tượng là {GROUP_NAMES[ctx.group]} có nhiều thành tích trong phạm vi xã: {VOUCHED}"
        return [_condition(criterion, True, text, vouched=True)]
    first = _streak_text(
        ctx, ctx.title_name(code), titles.years, title_count, titles.reason, titles.derived_years
    )
    second = (
        f"có {len(ratings.years)} năm liên tục xếp loại {rating_name} tính đến năm {ctx.year} (cần {rating_years}) "
        f"với {available} sáng kiến, đề tài từ {SCOPE_NAMES[scope]} trở lên (cần {needed})"
        + (f": {ratings.reason}" if len(ratings.years) < rating_years else "")
        + ctx.used_note(used)
    )
    return [_condition(criterion, False, f"{first}; và {second}")]


def check_collective_history(ctx: Context, criterion: Criterion) -> list[Condition]:
    code = criterion.params["title"]
    rating = Rating(criterion.params["rating"])
    needed = int(criterion.params["years"])
    name = ctx.title_name(code)
    non_counting = ctx.ruleset.non_counting_award_types

    def qualifies(year: int) -> bool:
        return ctx.rating(year) is rating or ctx.counts(year, code)

    def miss(year: int) -> str:
        record = ctx.subject.records.get(year)
        note = non_counting_note(record, code, non_counting) if record else None
        if note:
            return f"năm {year} {name} là khen thưởng {note}, không được tính ({ctx.ruleset.non_counting_basis.cite})"
        return f"năm {year} không xếp loại {RATING_NAMES[rating]} và không đạt {name}"

    streak = ctx.streak(qualifies, miss)
    label = f"{RATING_NAMES[rating]} hoặc {name}"
    text = _streak_text(ctx, label, streak.years, needed, streak.reason, [])
    return [_condition(criterion, len(streak.years) >= needed, text)]


CHECKS: dict[str, Check] = {
    "hold": check_hold,
    "no_discipline": check_no_discipline,
    "rating_at_least": check_rating_at_least,
    "unit_rating_at_least": check_unit_rating_at_least,
    "employment": check_employment,
    "vouched": check_vouched,
    "title_criteria": check_title_criteria,
    "htxs_or_initiative": check_htxs_or_initiative,
    "title_streak": check_title_streak,
    "initiative_in_streak": check_initiative_in_streak,
    "members_title_ratio": check_members_title_ratio,
    "members_title_count": check_members_title_count,
    "members_no_discipline": check_members_no_discipline,
    "members_completed": check_members_completed,
    "individual_history": check_individual_history,
    "collective_history": check_collective_history,
}


def run_criteria(ctx: Context, *, skip_hold: bool = False) -> list[Condition]:
    conditions: list[Condition] = []
    kind = ctx.subject.kind
    for criterion in ctx.title.criteria:
        if skip_hold and criterion.check == "hold":
            continue
        if criterion.kinds is not None and kind not in criterion.kinds:
            continue
        conditions.extend(CHECKS[criterion.check](ctx, criterion))
    return conditions


def criteria_met(subject: Subject, year: int, ruleset: RuleSet, code: str, *, skip_hold: bool) -> bool:
    """Whether ``subject`` meets every criterion of ``code`` in ``year`` (used for same-year titles)."""
    title = ruleset.titles[code]
    if subject.kind not in title.subject_kinds:
        return False
    ctx = Context(subject, year, ruleset, title)
    return all(condition.met for condition in run_criteria(ctx, skip_hold=skip_hold))
