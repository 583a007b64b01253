"""Biên bản kiểm phiếu (Mẫu 1.9, DOMAIN §9–10): the counted session as a Decree 30 document.

Members taking part out of ALL members, the candidates, ballots issued/returned/valid, each candidate's
votes as a % of ALL members, the conclusion; THƯ KÝ signs on the left and CHỦ TỌA on the right. The
renderer draws one signer (right); the secretary's block is added to the empty left cell afterwards.
"""

from __future__ import annotations

import copy
import io

from docx import Document

from thidua.campaigns.renderings import place_of
from thidua.commendations.rules import title_name
from thidua.core.vietnamese import format_date
from thidua.core.vietnamese.dates import decree30_date
from thidua.council import selectors
from thidua.council.choices import Attendance, Channel, MemberRole
from thidua.council.models import BallotSlip, CouncilSession
from thidua.documents.render import (
    Bullet,
    DocumentSpec,
    Heading,
    Paragraph,
    Signature,
    Table,
    render_docx,
    render_pdf,
)
from thidua.documents.render.builders.common import lower_first

CHAIR_TITLE = "CHỦ TỌA"
SECRETARY_TITLE = "THƯ KÝ"
ROLE_NAMES = {
    MemberRole.CHAIR: "Chủ tịch Hội đồng",
    MemberRole.VICE_CHAIR: "Phó Chủ tịch Hội đồng",
    MemberRole.STANDING: "Ủy viên thường trực",
    MemberRole.MEMBER: "Ủy viên",
    MemberRole.SECRETARY: "Thư ký Hội đồng",
}
ATTENDANCE_NAMES = {
    Attendance.PRESENT: "Có mặt",
    Attendance.WRITTEN: "Vắng, có phiếu bằng văn bản",
    Attendance.ABSENT: "Vắng",
}


def _time(value) -> str:
    return f"{value.hour:02d} giờ {value.minute:02d} phút" if value else "… giờ … phút"


def _honorific(person) -> str:
    return "Bà" if person.sex == "female" else "Ông"


def _who(member) -> str:
    if member is None:
        return "…"
    text = f"{_honorific(member.person)} {member.person.full_name}"
    return f"{text} – {member.position}" if member.position else text


def subject_name(nomination) -> str:
    """A person's or collective's name; a household as "Hộ ông/bà <head>" (its code when it has no head)."""
    if nomination.household_id:
        household = nomination.household
        head = household.head
        if head is None:
            return f"Hộ gia đình {household.code}"
        return f"Hộ {'bà' if head.sex == 'female' else 'ông'} {head.full_name}"
    return str(nomination.subject)


def _percent(value) -> str:
    return f"{value:.2f}".replace(".", ",")


def minutes_data(session: CouncilSession) -> dict:
    rows = selectors.attendance_rows(session)
    members = [row.member for row in rows]
    chair = next((m for m in members if m.role == MemberRole.CHAIR), None)
    secretary = next((m for m in members if m.role == MemberRole.SECRETARY), None)
    present = sum(1 for row in rows if row.status == Attendance.PRESENT)
    written = sum(1 for row in rows if row.status == Attendance.WRITTEN)
    returned = session.marks.count()
    written_returned = (
        BallotSlip.objects.filter(item__session=session, channel=Channel.WRITTEN)
        .values("receipt_hash")
        .distinct()
        .count()
    )
    return {
        "rows": rows,
        "total": len(rows),
        "present": present,
        "written": written,
        "absent": len(rows) - present - written,
        "issued": present + written,
        "returned": returned,
        "written_returned": written_returned,
        "valid": returned,
        "chair": chair,
        "secretary": secretary,
        "items": selectors.agenda(session),
    }


def _body(session: CouncilSession, data: dict) -> list:
    review_round, commune = session.review_round, session.council.commune
    total, items = data["total"], data["items"]
    taking_part = data["present"] + data["written"]
    body: list = [
        Paragraph(
            f"Vào hồi {_time(session.starts_at)}, {decree30_date(session.held_on)}, tại {session.place}, "
            f"{session.council.name} họp xét, bỏ phiếu kín đề nghị tặng danh hiệu thi đua và hình thức khen "
            f"thưởng ({review_round.name})."
        ),
        Heading("THÀNH PHẦN", 1, "I."),
        Paragraph(f"Chủ tọa: {_who(data['chair'])}.", indent=True),
        Paragraph(f"Thư ký: {_who(data['secretary'])}.", indent=True),
        Paragraph(
            f"Thành viên Hội đồng tham gia: {taking_part}/{total} thành viên (có mặt {data['present']}, "
            f"vắng mặt có phiếu bằng văn bản {data['written']}, vắng mặt {data['absent']})."
        ),
        Table(
            header=[["STT", "Họ và tên", "Chức vụ", "Chức danh trong Hội đồng", "Tham dự"]],
            rows=[
                [
                    str(i),
                    row.member.person.full_name,
                    row.member.position,
                    ROLE_NAMES.get(row.member.role, ""),
                    ATTENDANCE_NAMES.get(row.status, ""),
                ]
                for i, row in enumerate(data["rows"], start=1)
            ],
            widths=[8, 40, 45, 35, 30],
            align=["center", "left", "left", "left", "left"],
        ),
        Heading("NỘI DUNG", 1, "II."),
        Paragraph(
            f"Hội đồng xem xét danh sách {len(items)} trường hợp đề nghị đã được công khai"
            + (
                f" từ ngày {format_date(review_round.disclosed_from)} đến ngày "
                f"{format_date(review_round.disclosure_ends_on)}"
                if review_round.disclosed_from and review_round.disclosure_ends_on
                else ""
            )
            + "; các thành viên bỏ phiếu kín (trên điện thoại; thành viên vắng mặt gửi phiếu bằng văn bản). "
            "Tỷ lệ phiếu đồng ý được tính trên tổng số thành viên Hội đồng."
        ),
        Heading("Kết quả kiểm phiếu", 2, "1."),
        Bullet(
            f"Số phiếu phát ra: {data['issued']} phiếu (trong đó {data['written']} phiếu bằng văn bản "
            "của thành viên vắng mặt);"
        ),
        Bullet(
            f"Số phiếu thu về: {data['returned']} phiếu (bằng văn bản: {data['written_returned']} phiếu);"
        ),
        Bullet(f"Số phiếu hợp lệ: {data['valid']} phiếu; số phiếu không hợp lệ: 0 phiếu."),
        _results_table(items, total),
        Heading("Kết luận", 2, "2."),
    ]
    body.extend(_conclusion(items, commune))
    body.append(
        Paragraph(
            f"Cuộc họp kết thúc vào hồi {_time(session.ends_at)} cùng ngày. Biên bản được thông qua trước "
            "Hội đồng, các thành viên dự họp nhất trí."
        )
    )
    return body


def _results_table(items, total: int) -> Table:
    rows = []
    for i, item in enumerate(items, start=1):
        rows.append(
            [
                str(i),
                subject_name(item.nomination),
                title_name(item.nomination.code),
                str(item.votes_for or 0),
                _percent(item.percent or 0),
                str(item.votes_against or 0),
                f"{item.votes_needed}/{total}" if item.votes_needed else "",
                "Đạt" if item.passed else "Không đạt",
            ]
        )
    return Table(
        header=[
            [
                "STT",
                "Họ tên / tập thể",
                "Danh hiệu, hình thức",
                "Đồng ý",
                "Tỷ lệ % / tổng số TV",
                "Không đồng ý",
                "Số phiếu cần",
                "Kết quả",
            ]
        ],
        rows=rows,
        widths=[6, 34, 42, 10, 14, 12, 11, 12],
        align=["center", "left", "left", "center", "center", "center", "center", "center"],
        font_size=11,
    )


def _conclusion(items, commune) -> list:
    passed = [item for item in items if item.passed]
    failed = [item for item in items if not item.passed]
    blocks: list = [
        Paragraph(
            f"Căn cứ kết quả kiểm phiếu, Hội đồng thống nhất đề nghị Chủ tịch Ủy ban nhân dân "
            f"{lower_first(commune.name)} xem xét, công nhận danh hiệu và khen thưởng cho "
            f"{len(passed)} trường hợp đạt số phiếu theo quy định:"
        )
    ]
    by_title: dict[str, list[str]] = {}
    for item in passed:
        by_title.setdefault(title_name(item.nomination.code), []).append(subject_name(item.nomination))
    for title, names in by_title.items():
        blocks.append(Bullet(f"{title}: {', '.join(names)};"))
    if failed:
        blocks.append(
            Paragraph(
                "Các trường hợp không đạt số phiếu: "
                + "; ".join(
                    f"{subject_name(item.nomination)} ({title_name(item.nomination.code)})" for item in failed
                )
                + "."
            )
        )
    return blocks


def minutes_spec(session: CouncilSession) -> DocumentSpec:
    data = minutes_data(session)
    commune = session.council.commune
    number = session.minutes_number
    chair = data["chair"]
    return DocumentSpec(
        issuer=["HỘI ĐỒNG", "THI ĐUA - KHEN THƯỞNG"],
        issuer_parent=f"UBND {commune.name.upper()}",
        kind="BIÊN BẢN",
        symbol=f"BB-{session.council.series_symbol}",
        number=number.number if number else None,
        place=place_of(commune),
        date=session.held_on,
        title=[f"Kiểm phiếu xét danh hiệu thi đua, hình thức khen thưởng – {session.review_round.name}"],
        body=_body(session, data),
        signature=Signature(position=CHAIR_TITLE, name=chair.person.full_name if chair else ""),
        recipients=[],
        archive="",
        author=session.council.name,
    )


def add_secretary(docx_bytes: bytes, name: str) -> bytes:
    """Copy the right-hand signer block into the empty left cell as THƯ KÝ with the secretary's name."""
    document = Document(io.BytesIO(docx_bytes))
    for table in document.tables:
        for row in table.rows:
            cells = row.cells
            if len(cells) != 2 or not any(p.text == CHAIR_TITLE for p in cells[1].paragraphs):
                continue
            left, right = cells
            for paragraph in list(left.paragraphs):
                paragraph._p.getparent().remove(paragraph._p)
            for paragraph in right.paragraphs:
                clone = copy.deepcopy(paragraph._p)
                left._tc.append(clone)
            texts = {CHAIR_TITLE: SECRETARY_TITLE}
            for paragraph in left.paragraphs:
                runs = paragraph.runs
                if not runs:
                    continue
                text = paragraph.text
                new = texts.get(text, name if text.strip() else text)
                runs[0].text = new
                for run in runs[1:]:
                    run.text = ""
            buffer = io.BytesIO()
            document.save(buffer)
            return buffer.getvalue()
    return docx_bytes


def minutes_docx(session: CouncilSession) -> bytes:
    data = render_docx(minutes_spec(session))
    secretary = next(
        (row.member for row in selectors.attendance_rows(session) if row.member.role == MemberRole.SECRETARY),
        None,
    )
    return add_secretary(data, secretary.person.full_name if secretary else "")


def minutes_bytes(session: CouncilSession, fmt: str) -> bytes:
    data = minutes_docx(session)
    return render_pdf(data) if fmt == "pdf" else data
