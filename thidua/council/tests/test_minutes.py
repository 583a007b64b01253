"""The biên bản kiểm phiếu, read back with python-docx and (PDF) pdftotext."""

import io
import shutil
import subprocess

import pytest
from docx import Document

from thidua.council import minutes, selectors, services
from thidua.council.choices import Attendance

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(session, council, admin_user):
    rows = selectors.attendance_rows(session)
    services.attendance_set(
        actor=admin_user, session=session, member=rows[5].member, status=Attendance.WRITTEN
    )
    services.session_open(actor=admin_user, session=session)
    items = list(session.agenda.order_by("position"))
    agree = [8, 7, 9]
    for index in range(9):
        choices = {item.pk: "agree" if index < agree[pos] else "disagree" for pos, item in enumerate(items)}
        member = rows[index].member
        if index == 5:
            services.written_ballot_enter(actor=admin_user, session=session, member=member, choices=choices)
        else:
            services.ballot_cast(actor=member.user, session=session, choices=choices)
    services.session_close(actor=admin_user, session=session)
    return services.session_count(actor=admin_user, session=session)


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def test_minutes_docx_content(counted):
    text = docx_text(minutes.minutes_docx(counted))
    assert "BIÊN BẢN" in text
    assert "01/BB-HĐTĐKT" in text
    assert "THI ĐUA - KHEN THƯỞNG" in text and "UBND XÃ ÁNH DƯƠNG" in text
    assert "9/9 thành viên" in text
    assert "vắng mặt có phiếu bằng văn bản 1" in text
    assert "Số phiếu phát ra: 9 phiếu" in text
    assert "Số phiếu thu về: 9 phiếu (bằng văn bản: 1 phiếu)" in text
    assert "Số phiếu hợp lệ: 9 phiếu" in text
    assert "Ngô Văn Bình | Chiến sĩ thi đua cơ sở | 8 | 88,89 | 1 | 8/9 | Đạt" in text
    assert "Lý Thị Thu | Chiến sĩ thi đua cơ sở | 7 | 77,78 | 2 | 8/9 | Không đạt" in text
    assert "Chiến sĩ thi đua cơ sở: Ngô Văn Bình;" in text
    assert "Lao động tiên tiến: Mai Văn Sơn;" in text
    assert "Các trường hợp không đạt số phiếu: Lý Thị Thu" in text
    assert "Cuộc họp kết thúc vào hồi" in text


def test_minutes_signatures_secretary_left_chair_right(counted):
    document = Document(io.BytesIO(minutes.minutes_docx(counted)))
    signature_rows = [
        row for table in document.tables for row in table.rows if "CHỦ TỌA" in row.cells[-1].text
    ]
    assert len(signature_rows) == 1
    left, right = signature_rows[0].cells
    assert left.paragraphs[0].text == "THƯ KÝ" and "Đỗ Văn Long" in left.text
    assert right.paragraphs[0].text == "CHỦ TỌA" and "Nguyễn Văn Hùng" in right.text


@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"), reason="needs LibreOffice")
def test_minutes_pdf_text(counted, tmp_path):
    path = tmp_path / "bb.pdf"
    path.write_bytes(minutes.minutes_bytes(counted, "pdf"))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
    assert "BIÊN BẢN" in text
    assert "01/BB-HĐTĐKT" in text
    assert "9/9 thành viên" in text
    assert "THƯ KÝ" in text and "CHỦ TỌA" in text
    # Secretary left of the chair on the same line.
    line = next(line for line in text.splitlines() if "CHỦ TỌA" in line)
    assert line.index("THƯ KÝ") < line.index("CHỦ TỌA")
