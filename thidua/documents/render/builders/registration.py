"""The registration summary report (Báo cáo tổng hợp đăng ký thi đua) for one plan.

``registrations`` are plain dicts, one per unit (units that have not registered are included with
status ``missing``): ``unit``, ``content``, ``targets`` (a string or a list), ``title`` (the emulation
title registered, e.g. "Tập thể Lao động tiên tiến"), ``status`` and optional ``note``. Statuses are the
workflow codes (``draft``, ``submitted``, ``accepted``, ``returned``, ``missing``) or already-Vietnamese
labels, which are printed as given.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from ..formatting import nfc
from ..spec import Annex, Block, DocumentDate, DocumentSpec, Paragraph, Table
from .common import (
    Numbering,
    document_citation,
    issuer_lines,
    issuer_name,
    lower_first,
    parse_date,
    signature_from,
    split_recipients,
)

STATUS_LABELS = {
    "draft": "Đang soạn",
    "submitted": "Chờ xem xét",
    "accepted": "Đã chấp nhận",
    "returned": "Trả lại",
    "missing": "Chưa đăng ký",
}
COLUMNS = ["STT", "Đơn vị", "Nội dung đăng ký", "Chỉ tiêu", "Danh hiệu đăng ký", "Trạng thái"]
PORTRAIT_WEIGHTS = [10, 33, 47, 35, 25, 20]
LANDSCAPE_WEIGHTS = [8, 40, 80, 60, 35, 25]


def registration_summary_spec(
    plan: Mapping[str, Any],
    registrations: Sequence[Mapping[str, Any]],
    *,
    number: int | None = None,
    date: DocumentDate | str | None = None,
    symbol: str = "BC-UBND",
    signer: Mapping[str, Any] | None = None,
    recipients: Sequence[str] | None = None,
    as_annex: bool = False,
    signed: bool = False,
) -> DocumentSpec:
    """Build the report from the plan (plan-parse shape) and its registrations.

    The issuer, place, signer and recipients default to the plan's. With ``as_annex`` the list goes to a
    landscape annex "DANH SÁCH ĐĂNG KÝ THI ĐUA" instead of the body.
    """
    issuer = issuer_lines(plan.get("issuer_lines") or plan.get("issuer") or "")
    items, archive = split_recipients(recipients if recipients is not None else plan.get("recipients") or [])
    report_date = parse_date(date)
    plan_citation = _plan_citation(plan, issuer)
    table = _table(registrations, LANDSCAPE_WEIGHTS if as_annex else PORTRAIT_WEIGHTS)
    annexes: list[Annex] = []
    if as_annex:
        reference = "Kèm theo " + document_citation(
            "Báo cáo", number, symbol, report_date, issuer_name(issuer), blank_date=True
        )
        annexes.append(
            Annex(title=["DANH SÁCH ĐĂNG KÝ THI ĐUA"], reference=reference, table=table, landscape=True)
        )
    return DocumentSpec(
        issuer=issuer,
        issuer_parent=nfc(plan["issuer_parent"]) if plan.get("issuer_parent") else None,
        number=number,
        symbol=symbol,
        place=nfc(plan.get("place") or ""),
        date=report_date,
        kind="BÁO CÁO",
        title=[f"Tổng hợp đăng ký thi đua thực hiện {plan_citation}"],
        body=_body(plan, registrations, issuer, plan_citation, None if as_annex else table),
        signature=signature_from(signer if signer is not None else plan.get("signer"), signed=signed),
        recipients=items,
        archive=archive,
        annexes=annexes,
        author=issuer_name(issuer),
    )


def _plan_citation(plan: Mapping[str, Any], issuer: list[str]) -> str:
    if plan.get("number"):
        return document_citation(
            "Kế hoạch", plan.get("number"), plan.get("symbol"), plan.get("date"), issuer_name(issuer)
        )
    return f"Kế hoạch {lower_first(plan.get('title') or '')}".strip()


def _status(value: Any) -> str:
    if value is None:
        return STATUS_LABELS["missing"]
    text = nfc(str(value))
    return STATUS_LABELS.get(text.lower(), text)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return nfc(value)
    items = [nfc(str(v)) for v in value if nfc(str(v))]
    return items[0] if len(items) == 1 else "\n".join(f"- {item}" for item in items)


def _table(registrations: Sequence[Mapping[str, Any]], weights: list[float]) -> Table:
    rows = [
        [
            str(index),
            _cell(entry.get("unit")),
            _cell(entry.get("content")),
            _cell(entry.get("targets")),
            _cell(entry.get("title")),
            _status(entry.get("status")),
        ]
        for index, entry in enumerate(registrations, start=1)
    ]
    return Table(
        header=[COLUMNS],
        rows=rows,
        widths=weights,
        align=["center", "left", "left", "left", "left", "center"],
    )


def _body(
    plan: Mapping[str, Any],
    registrations: Sequence[Mapping[str, Any]],
    issuer: list[str],
    plan_citation: str,
    table: Table | None,
) -> list[Block]:
    name = issuer_name(issuer)
    subject = f" về {lower_first(plan['title'])}" if plan.get("title") and plan.get("number") else ""
    numbering = Numbering()
    body: list[Block] = [
        Paragraph(
            f"Thực hiện {plan_citation}{subject}, {name} tổng hợp kết quả đăng ký thi đua của các cơ quan, "
            "đơn vị như sau:"
        ),
        numbering.heading("Tình hình đăng ký thi đua"),
        Paragraph(_counts(registrations)),
    ]
    missing = [
        _cell(r.get("unit")) for r in registrations if _status(r.get("status")) == STATUS_LABELS["missing"]
    ]
    returned = [
        _cell(r.get("unit")) for r in registrations if _status(r.get("status")) == STATUS_LABELS["returned"]
    ]
    if missing:
        body.append(Paragraph(f"Các đơn vị chưa đăng ký: {', '.join(missing)}."))
    body.append(numbering.heading("Danh sách đăng ký thi đua"))
    if table is None:
        body.append(Paragraph("Chi tiết tại Danh sách đăng ký thi đua kèm theo Báo cáo này."))
    else:
        body.append(table)
    body.append(numbering.heading("Đề xuất"))
    if missing or returned:
        body.append(
            Paragraph(
                "Đề nghị các đơn vị chưa đăng ký hoặc có bản đăng ký bị trả lại khẩn trương hoàn thiện, gửi "
                f"{name} (qua Phòng Văn hóa - Xã hội) để tổng hợp, theo dõi; không đăng ký thi đua thì không "
                "xét tặng danh hiệu thi đua."
            )
        )
    else:
        body.append(
            Paragraph(
                "Các đơn vị đã đăng ký đầy đủ; đề nghị các đơn vị tổ chức thực hiện nội dung đã đăng ký."
            )
        )
    body.append(Paragraph(f"Trên đây là Báo cáo tổng hợp đăng ký thi đua thực hiện {plan_citation}./."))
    return body


def _counts(registrations: Sequence[Mapping[str, Any]]) -> str:
    statuses = Counter(_status(r.get("status")) for r in registrations)
    total = len(registrations)
    missing = statuses.pop(STATUS_LABELS["missing"], 0)
    details = "; ".join(f"{label.lower()}: {count}" for label, count in statuses.most_common())
    registered = total - missing
    text = f"Tổng số đơn vị: {total}; đã đăng ký: {registered}"
    if details:
        text += f" ({details})"
    return f"{text}; chưa đăng ký: {missing}."
