"""Inputs for the documents benchmarks: the seed plan and a long plan built from its sections.

``long_plan_text(pages=30)`` keeps the seed's header, purposes, period, rewards, closing, Nơi nhận and
signature, and repeats realistic sections in between: section II gets one numbered item per topic with
lettered paragraphs (the seed's own wording, each with its own figures), section V one numbered body per
village and organisation with its tasks. About 2,090 characters make an A4 page at 14 pt with the Decree 30
margins; ``long_plan_docx`` lays the text out that way (checked: 30 pages through LibreOffice).
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from thidua.campaigns.seed import SEED_PATH

SEED = SEED_PATH
CHARS_PER_PAGE = 2090

TOPICS = [
    "Thi đua phát triển kinh tế nông nghiệp, xây dựng nông thôn mới nâng cao",
    "Thi đua cải cách hành chính, xây dựng chính quyền điện tử",
    "Thi đua bảo đảm an sinh xã hội, giảm nghèo bền vững",
    "Thi đua phát triển giáo dục, y tế, văn hóa cơ sở",
    "Thi đua bảo đảm quốc phòng, an ninh, trật tự an toàn xã hội",
    "Thi đua chuyển đổi số và phong trào Bình dân học vụ số",
]
LETTERS = "abcdđeg"
VILLAGES = [
    "Thôn Đông",
    "Thôn Tây",
    "Thôn Nam",
    "Thôn Bắc",
    "Thôn Thượng",
    "Thôn Hạ",
    "Thôn Trung",
    "Thôn Cầu",
    "Thôn Chợ",
    "Thôn Đình",
]


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _paragraphs(lines: list[str]) -> list[str]:
    """Join wrapped lines back into paragraphs (a new one starts at a marker or after a full stop)."""
    out: list[str] = []
    for line in lines:
        starts = re.match(r"^(?:[IVX]+\.|\d+\.|[a-zđ]\)|-)\s", line)
        if out and not starts and not out[-1].endswith((".", ":", ";")):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def long_plan_text(pages: int = 30) -> str:
    lines = _lines(seed_text())
    start_ii = next(i for i, line in enumerate(lines) if line.startswith("II. NỘI DUNG"))
    start_iii = next(i for i, line in enumerate(lines) if line.startswith("III. THỜI GIAN"))
    start_v = next(i for i, line in enumerate(lines) if line.startswith("V. TỔ CHỨC"))
    start_end = next(i for i, line in enumerate(lines) if line.startswith("Trên đây là Kế hoạch"))
    head, middle, tail = lines[:start_ii], lines[start_iii:start_v], lines[start_end:]
    sample = [
        p for p in _paragraphs(lines[start_ii:start_iii]) if len(p) > 120 and p[:2] in {"a)", "b)", "c)"}
    ]
    sample = [p[3:] for p in sample] or ["Tập trung thực hiện các nhiệm vụ, giải pháp đã đề ra."]
    tasks = [
        p for p in _paragraphs(lines[start_v:start_end]) if len(p) > 100 and not re.match(r"^[\dIVX]+\.", p)
    ]

    budget = pages * CHARS_PER_PAGE - sum(len(line) for line in head + middle + tail)
    section_ii = ["II. NỘI DUNG, CHỈ TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP."]
    section_v = ["V. TỔ CHỨC THỰC HIỆN.", "Ủy ban nhân dân xã giao nhiệm vụ cho các cơ quan, đơn vị như sau:"]
    item = body = 0
    while budget > 0:
        item += 1
        topic = TOPICS[(item - 1) % len(TOPICS)]
        section_ii.append(f"{item}. {topic} (nhóm {item}).")
        for index, letter in enumerate(LETTERS[:4]):
            text = sample[(item + index) % len(sample)]
            figure = f" Phấn đấu đạt tối thiểu {70 + (item + index) % 25}% chỉ tiêu giao trong năm 2025."
            section_ii.append(f"{letter}) {text}{figure}")
            budget -= len(text) + len(figure) + 3
        body += 1
        unit = VILLAGES[(body - 1) % len(VILLAGES)] + ("" if body <= len(VILLAGES) else f" {body}")
        section_v.append(f"{body}. {unit}.")
        for index in range(2):
            task = tasks[(body + index) % len(tasks)]
            section_v.append(task)
            budget -= len(task)
    return "\n\n".join([*head, *section_ii, *middle, *section_v, *tail]) + "\n"


def long_plan_docx(pages: int = 30) -> bytes:
    """The long plan as a .docx: A4, Decree 30 margins, Times New Roman 14, one paragraph per line."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(14)
    normal.paragraph_format.space_after = Pt(6)
    for line in long_plan_text(pages).split("\n\n"):
        paragraph = document.add_paragraph(line.strip())
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
