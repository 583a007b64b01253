"""The emulation plan (Kế hoạch) from a dict shaped like ``contracts/plan-parse.schema.json``.

Besides the contract's fields the dict may carry the plan's structured text, which the UI and the
database keep: ``purposes``, ``requirements``, ``contents``, ``targets``, ``tasks``, ``rewards``
(lists of paragraphs), ``preamble`` and ``closing`` (strings), ``legal_bases`` (căn cứ lines),
``issuer_lines`` and ``author``. Missing purposes, requirements and rewards get the standard wording of
a commune plan so that the draft is complete; everything else is printed only when present.

Layout: preamble; I. MỤC ĐÍCH, YÊU CẦU; II. NỘI DUNG, THỜI GIAN VÀ KHEN THƯỞNG (contents, movements,
targets, tasks, period, rewards); III. TỔ CHỨC THỰC HIỆN (one item per assigned body); IV. CHẾ ĐỘ BÁO CÁO
(the reporting deadlines not already stated in a body's tasks; its own section, so that it is not read as one
more assigned body); closing sentence ending "./.".
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Mapping
from typing import Any

from ..formatting import decree30_date, nfc
from ..spec import Block, Bullet, DocumentSpec, Paragraph
from .common import (
    Numbering,
    document_citation,
    issuer_lines,
    issuer_name,
    lettered,
    lower_first,
    parse_date,
    parse_number,
    sentence,
    signature_from,
    split_recipients,
)

DEFAULT_PURPOSES = (
    "Khơi dậy truyền thống yêu nước, tinh thần tự lực, tự cường, lao động sáng tạo của cán bộ, công chức, "
    "viên chức, người lao động và Nhân dân, phấn đấu hoàn thành thắng lợi các chỉ tiêu, nhiệm vụ được giao",
    "Kịp thời phát hiện, bồi dưỡng, biểu dương, khen thưởng và nhân rộng các điển hình tiên tiến, mô hình "
    "mới, cách làm hay trong phong trào thi đua",
)
DEFAULT_REQUIREMENTS = (
    "Việc tổ chức thi đua phải thiết thực, hiệu quả, có trọng tâm, trọng điểm, gắn với nhiệm vụ chính trị "
    "của từng cơ quan, đơn vị; tránh phô trương, hình thức",
    "Việc khen thưởng phải bảo đảm chính xác, công khai, công bằng, kịp thời, đúng đối tượng và thành tích",
)
DEFAULT_REWARDS = (
    "Căn cứ kết quả thực hiện Đợt thi đua, Chủ tịch Ủy ban nhân dân xã khen thưởng theo thẩm quyền hoặc "
    "đề nghị cấp có thẩm quyền khen thưởng các tập thể, cá nhân có thành tích tiêu biểu, xuất sắc",
)


def plan_spec(plan: Mapping[str, Any], *, signed: bool = False) -> DocumentSpec:
    """Build the Decree 30 Kế hoạch from plan data (``plan parse`` output or the stored plan)."""
    issuer = issuer_lines(plan.get("issuer_lines") or plan.get("issuer") or "")
    recipients, archive = split_recipients(plan.get("recipients") or [])
    title = nfc(plan.get("title") or "")
    return DocumentSpec(
        issuer=issuer,
        issuer_parent=nfc(plan["issuer_parent"]) if plan.get("issuer_parent") else None,
        number=parse_number(plan.get("number")),
        symbol=nfc(plan.get("symbol") or "KH-UBND"),
        place=nfc(plan.get("place") or ""),
        date=parse_date(plan.get("date")),
        kind=nfc(plan.get("doc_kind") or "KẾ HOẠCH").upper(),
        title=[title] if title else [],
        legal_bases=[nfc(line) for line in plan.get("legal_bases") or []],
        body=_body(plan, issuer, title),
        signature=signature_from(plan.get("signer"), signed=signed),
        recipients=recipients,
        archive=archive,
        author=nfc(plan.get("author") or issuer_name(issuer)),
    )


def _body(plan: Mapping[str, Any], issuer: list[str], title: str) -> list[Block]:
    numbering = Numbering()
    body: list[Block] = [Paragraph(_preamble(plan, issuer, title))]
    body.append(numbering.heading("Mục đích, yêu cầu"))
    body.append(numbering.subheading("Mục đích"))
    body.extend(lettered(plan.get("purposes") or DEFAULT_PURPOSES))
    body.append(numbering.subheading("Yêu cầu"))
    body.extend(lettered(plan.get("requirements") or DEFAULT_REQUIREMENTS))

    body.append(numbering.heading("Nội dung, thời gian và khen thưởng"))
    body.extend(_contents(plan, numbering))
    for key, heading in (("targets", "Chỉ tiêu thi đua"), ("tasks", "Nhiệm vụ và giải pháp")):
        if plan.get(key):
            body.append(numbering.subheading(heading))
            body.extend(lettered(plan[key]))
    body.append(numbering.subheading("Thời gian thực hiện"))
    body.append(Paragraph(_period(plan)))
    body.append(numbering.subheading("Khen thưởng"))
    body.extend(lettered(plan.get("rewards") or DEFAULT_REWARDS))

    body.append(numbering.heading("Tổ chức thực hiện"))
    organisation, reporting = _organisation(plan, issuer, numbering)
    body.extend(organisation)
    if reporting:
        # A numbered item under "Tổ chức thực hiện" names a body with tasks; the reporting regime is
        # a section of its own so that nobody (reader or clerk) takes it for one more assigned body.
        body.append(numbering.heading("Chế độ báo cáo"))
        body.extend(reporting)
    closing = plan.get("closing") or _closing(issuer, title)
    body.append(Paragraph(nfc(closing).rstrip(" ./") + "./."))
    return body


def _closing(issuer: list[str], title: str) -> str:
    name = issuer_name(issuer)
    words = issuer[-1].split(maxsplit=1) if issuer else []
    place = words[-1].lower() if words else ""
    owner = "" if place and place in title.lower() else f" của {name}"
    return f"Trên đây là Kế hoạch {lower_first(title)}{owner}; đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện"


def _preamble(plan: Mapping[str, Any], issuer: list[str], title: str) -> str:
    if plan.get("preamble"):
        return sentence(plan["preamble"], ":")
    parent = _parent_reference(plan.get("references") or [])
    subject = f"ban hành Kế hoạch {lower_first(title)}" if title else "ban hành Kế hoạch"
    text = f"{issuer_name(issuer)} {subject}, cụ thể như sau:"
    if parent is None:
        return text
    citation = document_citation(
        parent.get("kind") or "Kế hoạch",
        parent.get("number"),
        parent.get("symbol"),
        parent.get("date"),
        parent.get("issuer"),
    )
    return f"Thực hiện {citation}, {text}"


def _parent_reference(references: list[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The higher plan this plan carries out: the first "Kế hoạch" cited, else none."""
    for reference in references:
        if nfc(reference.get("kind") or "").lower() == "kế hoạch":
            return reference
    return None


def _contents(plan: Mapping[str, Any], numbering: Numbering) -> list[Block]:
    movements = [nfc(m).strip("\"“”' ") for m in plan.get("movements") or [] if nfc(m)]
    contents = plan.get("contents") or []
    if not movements and not contents:
        return []
    blocks: list[Block] = [numbering.subheading("Nội dung thi đua")]
    blocks.extend(Paragraph(sentence(text)) for text in contents if nfc(text))
    if movements:
        blocks.append(Paragraph("Tập trung triển khai thiết thực, hiệu quả các phong trào thi đua sau:"))
        for index, movement in enumerate(movements):
            end = "." if index == len(movements) - 1 else ";"
            blocks.append(Bullet(f"Phong trào thi đua “{movement}”{end}"))
    return blocks


def _period(plan: Mapping[str, Any]) -> str:
    start = parse_date(plan.get("period_start"))
    end = parse_date(plan.get("period_end"))
    begin = f"Từ {decree30_date(start)}" if isinstance(start, datetime.date) else "Từ ngày phát động"
    if not isinstance(end, datetime.date):
        return f"{begin} đến khi có văn bản tổng kết Đợt thi đua."
    if end.day == calendar.monthrange(end.year, end.month)[1]:
        month = f"{end.month:02d}" if end.month <= 2 else str(end.month)
        return f"{begin} đến hết tháng {month} năm {end.year}."
    return f"{begin} đến hết {decree30_date(end)}."


def _organisation(
    plan: Mapping[str, Any], issuer: list[str], numbering: Numbering
) -> tuple[list[Block], list[Block]]:
    """The tasks of each assigned body, and the reporting deadlines none of them states."""
    assignments = plan.get("assignments") or []
    deadlines = plan.get("deadlines") or []
    blocks: list[Block] = []
    if assignments:
        blocks.append(Paragraph(f"{issuer_name(issuer)} giao nhiệm vụ cho các cơ quan, đơn vị như sau:"))
    stated: list[str] = []
    for assignment in assignments:
        blocks.append(numbering.subheading(assignment.get("unit") or ""))
        tasks = [sentence(task) for task in assignment.get("tasks") or [] if nfc(task)]
        lead_for = nfc(assignment.get("lead_for") or "")
        if lead_for and not any(lead_for.lower() in task.lower() for task in tasks):
            tasks.insert(0, sentence(f"Chủ trì {lower_first(lead_for)}"))
        blocks.extend(Paragraph(task) for task in tasks)
        stated.extend(task.lower() for task in tasks)
    reporting: list[Block] = []
    for deadline in deadlines:
        if _deadline_stated(deadline, stated):
            continue
        text = sentence(deadline.get("text") or "")
        reporting.append(
            Bullet(text if text else f"Báo cáo trước {decree30_date(parse_date(deadline['date']))}.")
        )
    return blocks, reporting


def _deadline_stated(deadline: Mapping[str, Any], stated: list[str]) -> bool:
    """Whether a body's tasks already state this deadline (its clause, or its date written out)."""
    text = nfc(deadline.get("text") or "").lower().rstrip(".")
    needles = [text] if text else []
    due = parse_date(deadline.get("date"))
    if isinstance(due, datetime.date):
        needles += [f"{due.day} tháng {due.month} năm {due.year}", decree30_date(due).removeprefix("ngày ")]
        needles += [f"{due.day}/{due.month}/{due.year}", f"{due.day:02d}/{due.month:02d}/{due.year}"]
    return any(needle and needle in task for needle in needles for task in stated)
