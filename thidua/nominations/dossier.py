"""Dossier documents drafted from the data on record, printed per Decree 30 (written in Vietnamese).

``draft(nomination, kind)`` writes the editable text of the tờ trình (Mẫu 01) and of the báo cáo thành tích
(individual Mẫu 05, or collective); ``part_spec(part)`` turns a stored part into a ``DocumentSpec``.
The text is one paragraph per line: "I. …" is a section heading, "1. …" a sub-heading, "- …" a dash item.
Section III of a report (prior awards) is printed from the award records, as two tables.
"""

from __future__ import annotations

import re
from datetime import date

from django.utils import timezone

from thidua.commendations import engine
from thidua.commendations.models import AwardRecord, InitiativeRecord, TaskRating
from thidua.commendations.rules import title_name
from thidua.core.vietnamese import format_date
from thidua.documents.render import Bullet, DocumentSpec, Heading, Paragraph, Signature, Table
from thidua.documents.render.builders.common import issuer_lines, lower_first
from thidua.nominations.choices import DossierPartKind
from thidua.nominations.models import DossierPart, Nomination

RATING_TEXT = {
    "htxs": "Hoàn thành xuất sắc nhiệm vụ",
    "httnv": "Hoàn thành tốt nhiệm vụ",
    "ht": "Hoàn thành nhiệm vụ",
    "kht": "Không hoàn thành nhiệm vụ",
}
SEX_TEXT = {"male": "Nam", "female": "Nữ"}
ROMAN_HEADING = re.compile(r"^(I|II|III|IV|V|VI)\.\s+")
NUMBER_HEADING = re.compile(r"^(\d+)\.\s+")
LEVEL_PREFIX = re.compile(r"^(xã|phường|thị trấn|đặc khu)\s+", re.IGNORECASE)
AWARD_HEADER = [
    ["Năm", "Danh hiệu thi đua", "Số, ngày, tháng, năm của quyết định công nhận; cơ quan ban hành"]
]
FORM_HEADER = [
    ["Năm", "Hình thức khen thưởng", "Số, ngày, tháng, năm của quyết định khen thưởng; cơ quan ban hành"]
]


def _is_title_code(code: str) -> bool:
    """A title (danh hiệu) rather than a form, as the rules in force today classify it."""
    title = engine.load_ruleset(date.today()).titles.get(code)
    return title is not None and title.category == "danh_hieu"


def subject_name(nomination: Nomination) -> str:
    if nomination.person_id:
        return nomination.person.full_name
    if nomination.unit_id:
        return nomination.unit.name
    household = nomination.household
    head = household.head.full_name if household.head_id else household.code
    return f"Hộ gia đình ông (bà) {head}"


def subject_place(nomination: Nomination) -> str:
    """Đơn vị công tác / địa chỉ, as the nominee list prints it."""
    if nomination.person_id:
        return nomination.person.unit.name
    if nomination.unit_id:
        parent = nomination.unit.parent
        return parent.name if parent is not None else ""
    household = nomination.household
    return household.address or household.village.name


def commune_place(nomination: Nomination) -> str:
    commune = nomination.review_round.commune
    return LEVEL_PREFIX.sub("", commune.short_name or commune.name)


def _award_ref(record: AwardRecord) -> str:
    parts = []
    if record.decision_number:
        when = f" ngày {record.decision_date:%d/%m/%Y}" if record.decision_date else ""
        parts.append(f"Quyết định số {record.decision_number}{when}")
    if record.issuer:
        parts.append(f"của {record.issuer}")
    return " ".join(parts)


def subject_filter(nomination: Nomination) -> dict:
    if nomination.person_id:
        return {"person_id": nomination.person_id}
    if nomination.unit_id:
        return {"unit_id": nomination.unit_id}
    return {"household_id": nomination.household_id}


def prior_awards(nomination: Nomination) -> tuple[list[list[str]], list[list[str]]]:
    """Rows of the two tables of section III: titles, then commendation forms, before the round's year."""
    records = AwardRecord.objects.filter(
        **subject_filter(nomination), year__lt=nomination.review_round.year + 1
    ).order_by("year", "pk")
    titles: list[list[str]] = []
    forms: list[list[str]] = []
    for record in records:
        row = [str(record.year), title_name(record.code), _award_ref(record)]
        (titles if _is_title_code(record.code) else forms).append(row)
    return titles, forms


def unit_narrative(unit, year: int) -> str:
    """The unit's own narrative of results for the year (its latest submitted or approved report)."""
    from thidua.reporting.models import Report
    from thidua.reporting.selectors import COUNTED

    report = (
        Report.objects.filter(unit=unit, period_start__year=year, status__in=COUNTED)
        .exclude(results="")
        .order_by("-period_end", "-pk")
        .first()
    )
    return " ".join(report.results.split()) if report is not None else ""


def _rating(nomination: Nomination, year: int) -> str:
    rating = TaskRating.objects.filter(**subject_filter(nomination), year=year).values_list(
        "rating", flat=True
    )
    value = rating.first()
    return RATING_TEXT.get(value or "", "")


def _initiatives(nomination: Nomination, year: int) -> list[str]:
    return [
        f"Sáng kiến “{title}” ({recognition})" if recognition else f"Sáng kiến “{title}”"
        for title, recognition in InitiativeRecord.objects.filter(**subject_filter(nomination), year=year)
        .order_by("pk")
        .values_list("title", "recognition")
    ]


def _achievements(nomination: Nomination, year: int, unit) -> list[str]:
    lines = []
    rating = _rating(nomination, year)
    if rating:
        lines.append(f"- Năm {year}, được đánh giá, xếp loại: {rating}.")
    lines.extend(f"- {item}." for item in _initiatives(nomination, year))
    if nomination.summary.strip():
        lines.append(f"- {nomination.summary.strip().rstrip('.')}.")
    narrative = unit_narrative(unit, year) if unit is not None else ""
    if narrative:
        lines.append(f"- Kết quả chung của {unit.name} năm {year}: {narrative}")
    return lines


def _person_report(nomination: Nomination) -> str:
    person = nomination.person
    year = nomination.review_round.year
    birth = person.date_of_birth.strftime("%d/%m/%Y") if person.date_of_birth else "…"
    lines = [
        "I. SƠ LƯỢC LÝ LỊCH",
        f"- Họ và tên: {person.full_name}",
        f"- Sinh ngày, tháng, năm: {birth}; Giới tính: {SEX_TEXT.get(person.sex, '…')}",
        f"- Điện thoại: {person.phone or '…'}",
        f"- Đơn vị công tác: {person.unit.name}",
        f"- Chức vụ (Đảng, chính quyền, đoàn thể): {nomination.position or person.position or '…'}",
        "- Trình độ chuyên môn, nghiệp vụ: …",
        "II. THÀNH TÍCH ĐẠT ĐƯỢC",
        "1. Quyền hạn, nhiệm vụ được giao",
        f"{person.position or 'Cán bộ'} tại {person.unit.name}"
        + (f", lĩnh vực {lower_first(nomination.field_of_work)}." if nomination.field_of_work else "."),
        "2. Thành tích đạt được",
        *_achievements(nomination, year, person.unit),
    ]
    return "\n".join(lines)


def _collective_report(nomination: Nomination) -> str:
    year = nomination.review_round.year
    if nomination.unit_id:
        unit = nomination.unit
        members = unit.people.count()
        lines = [
            "I. ĐẶC ĐIỂM, TÌNH HÌNH",
            f"- Tên tập thể: {unit.name}",
            f"- Địa chỉ: {unit.address or subject_place(nomination) or '…'}",
            f"- Tổng số cán bộ, công chức, viên chức, người lao động: {members or '…'}",
            "- Chức năng, nhiệm vụ: …",
        ]
    else:
        household = nomination.household
        lines = [
            "I. ĐẶC ĐIỂM, TÌNH HÌNH",
            f"- Chủ hộ: {household.head.full_name if household.head_id else '…'}",
            f"- Địa chỉ: {household.address or household.village.name}",
        ]
        unit = household.village
    lines += [
        "II. THÀNH TÍCH ĐẠT ĐƯỢC",
        f"1. Kết quả thực hiện nhiệm vụ năm {year}",
        *_achievements(nomination, year, unit),
        "2. Các biện pháp, giải pháp đã thực hiện",
        "- Thực hiện tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước; đoàn kết, gương mẫu.",
    ]
    return "\n".join(lines)


def _proposal(nomination: Nomination) -> str:
    review_round = nomination.review_round
    unit = nomination.proposing_unit
    return "\n".join(
        [
            f"Căn cứ Luật Thi đua, khen thưởng năm 2022 và Nghị định số 152/2025/NĐ-CP của Chính phủ; "
            f"căn cứ kết quả bình xét thi đua, khen thưởng năm {review_round.year} của {unit.name};",
            f"{unit.name} kính trình Chủ tịch Ủy ban nhân dân {lower_first(review_round.commune.name)} "
            f"xem xét, tặng {award_phrase(nomination.code)} cho {subject_name(nomination)} "
            f"({subject_place(nomination)}), đã có thành tích: {nomination.summary.strip().rstrip('.')}.",
            "(Có danh sách, báo cáo thành tích và biên bản họp bình xét kèm theo).",
            f"Kính trình Chủ tịch Ủy ban nhân dân {lower_first(review_round.commune.name)} xem xét, quyết định./.",
        ]
    )


def award_phrase(code: str) -> str:
    """``danh hiệu “Lao động tiên tiến”`` for a title, ``Giấy khen của Chủ tịch UBND xã`` for a form."""
    name = title_name(code)
    return f"danh hiệu “{name}”" if _is_title_code(code) else name


def draft(nomination: Nomination, kind: str) -> tuple[str, str]:
    """(title, text) of the generated part ``kind`` for ``nomination``."""
    phrase = award_phrase(nomination.code)
    year = nomination.review_round.year
    if kind == DossierPartKind.PROPOSAL:
        return (f"Đề nghị tặng {phrase} năm {year}", _proposal(nomination))
    if nomination.person_id:
        return (f"Thành tích đề nghị tặng {phrase} năm {year}", _person_report(nomination))
    whose = "tập thể" if nomination.unit_id else "hộ gia đình"
    return (f"Thành tích của {whose} đề nghị tặng {phrase} năm {year}", _collective_report(nomination))


def text_blocks(text: str) -> list:
    blocks: list = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        roman = ROMAN_HEADING.match(line)
        number = NUMBER_HEADING.match(line)
        if roman:
            blocks.append(Heading(line[roman.end() :].upper(), level=1, label=f"{roman.group(1)}."))
        elif number:
            blocks.append(Heading(line[number.end() :], level=2, label=f"{number.group(1)}."))
        elif line.startswith("- "):
            blocks.append(Bullet(line[2:].strip()))
        else:
            blocks.append(Paragraph(line))
    return blocks


def _issuer(nomination: Nomination) -> tuple[list[str], str | None]:
    unit = nomination.proposing_unit
    commune = nomination.review_round.commune
    if unit.pk == commune.pk:
        return issuer_lines("ỦY BAN NHÂN DÂN " + commune.name), None
    return [unit.name.upper()], ("ỦY BAN NHÂN DÂN " + commune.name).upper()


def _unit_table(nomination: Nomination) -> Table:
    nominations = (
        Nomination.objects.filter(
            review_round=nomination.review_round, proposing_unit=nomination.proposing_unit
        )
        .select_related("person__unit", "unit__parent", "household__head", "household__village")
        .order_by("code", "pk")
    )
    rows = [
        [str(index), subject_name(item), item.position or "", title_name(item.code)]
        for index, item in enumerate(nominations, start=1)
    ]
    return Table(
        header=[["STT", "Họ và tên / Tên tập thể", "Chức vụ", "Danh hiệu, hình thức đề nghị"]],
        rows=rows,
        widths=[8, 40, 25, 35],
        align=["center", "left", "left", "left"],
    )


def part_spec(part: DossierPart, *, today: date | None = None) -> DocumentSpec:
    nomination = part.nomination
    issuer, parent = _issuer(nomination)
    commune = nomination.review_round.commune
    body = text_blocks(part.text)
    if part.kind == DossierPartKind.PROPOSAL:
        body.insert(len(body) - 2 if len(body) > 2 else len(body), _unit_table(nomination))
        return DocumentSpec(
            issuer=issuer,
            issuer_parent=parent,
            symbol="TTr",
            place=commune_place(nomination),
            date=today or timezone.localdate(),
            kind="TỜ TRÌNH",
            title=[part.title or draft(nomination, part.kind)[0]],
            addressees=[f"Chủ tịch Ủy ban nhân dân {lower_first(commune.name)}"],
            body=body,
            signature=Signature(position="THỦ TRƯỞNG ĐƠN VỊ", name=""),
            recipients=["Như trên;", f"Hội đồng Thi đua - Khen thưởng {lower_first(commune.name)};"],
            archive="VT",
            author=" ".join(issuer),
        )
    titles, forms = prior_awards(nomination)
    body.append(Heading("CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", level=1, label="III."))
    body.append(Heading("Danh hiệu thi đua", level=2, label="1."))
    body.append(_award_table(AWARD_HEADER, titles))
    body.append(Heading("Hình thức khen thưởng", level=2, label="2."))
    body.append(_award_table(FORM_HEADER, forms))
    signer = (
        Signature(position="NGƯỜI BÁO CÁO THÀNH TÍCH", name=nomination.person.full_name)
        if nomination.person_id
        else Signature(position="THỦ TRƯỞNG ĐƠN VỊ", name="")
    )
    body.append(
        Paragraph(
            f"Xác nhận của {nomination.proposing_unit.name}: thành tích nêu trên là đúng sự thật, "
            f"đề nghị xét tặng {award_phrase(nomination.code)} năm {nomination.review_round.year}.",
            italic=True,
        )
    )
    return DocumentSpec(
        issuer=issuer,
        issuer_parent=parent,
        symbol="BC",
        place=commune_place(nomination),
        date=today or timezone.localdate(),
        kind="BÁO CÁO",
        title=[part.title or draft(nomination, part.kind)[0]],
        body=body,
        signature=signer,
        recipients=[],
        archive="VT",
        author=" ".join(issuer),
    )


def _award_table(header: list[list[str]], rows: list[list[str]]) -> Table:
    return Table(
        header=header,
        rows=rows or [["", "Chưa có", ""]],
        widths=[12, 40, 60],
        align=["center", "left", "left"],
    )


def comment_summary_spec(review_round, summary: list[dict], *, today: date | None = None) -> DocumentSpec:
    """Tổng hợp ý kiến góp ý: the published comments per nominee, for the council's file."""
    commune = review_round.commune
    window = ""
    if review_round.disclosed_from and review_round.disclosure_ends_on:
        window = (
            f" từ ngày {format_date(review_round.disclosed_from)} đến ngày "
            f"{format_date(review_round.disclosure_ends_on)}"
        )
    total = sum(len(item["comments"]) for item in summary)
    body: list = [
        Paragraph(
            f"Danh sách đề nghị khen thưởng của đợt {lower_first(review_round.name.strip())} đã được công khai "
            f"trên cổng thông tin điện tử "
            f"và tại trụ sở Ủy ban nhân dân{window}. Tổng số ý kiến góp ý được tiếp nhận và đăng công khai: "
            f"{total} ý kiến."
        )
    ]
    rows = []
    for index, item in enumerate(summary, start=1):
        texts = "\n".join(f"- {comment['author']}: {comment['text']}" for comment in item["comments"])
        rows.append(
            [str(index), item["name"], item.get("title", ""), str(len(item["comments"])), texts or "Không có"]
        )
    body.append(
        Table(
            header=[["STT", "Người được đề nghị", "Danh hiệu, hình thức", "Số ý kiến", "Nội dung ý kiến"]],
            rows=rows,
            widths=[7, 30, 28, 12, 60],
            align=["center", "left", "left", "center", "left"],
            font_size=11,
        )
    )
    return DocumentSpec(
        issuer=issuer_lines("ỦY BAN NHÂN DÂN " + commune.name),
        symbol="BC-UBND",
        place=LEVEL_PREFIX.sub("", commune.short_name or commune.name),
        date=today or timezone.localdate(),
        kind="BÁO CÁO",
        title=["Tổng hợp ý kiến góp ý đối với danh sách đề nghị khen thưởng", review_round.name],
        addressees=[f"Hội đồng Thi đua - Khen thưởng {lower_first(commune.name)}"],
        body=body,
        signature=Signature(capacity="TM. ỦY BAN NHÂN DÂN", position="CHỦ TỊCH", name=""),
        recipients=[f"Hội đồng Thi đua - Khen thưởng {lower_first(commune.name)};"],
        archive="VT, VHXH",
        author="Ủy ban nhân dân " + commune.name,
    )
