"""Bodies given tasks in the "Tổ chức thực hiện" section, with what each leads (chủ trì)."""

import re

from thidua.campaigns.reader.paragraphs import Para, find_section
from thidua.campaigns.reader.text import clean, fold, key

_CHILD_KINDS = {
    1: ("arabic", "sub", "letter", "dash"),
    2: ("sub", "letter", "dash", "plus"),
    3: ("letter", "dash"),
}
_ORG_HEADING = re.compile(
    r"to chuc thuc hien|phan cong (?:nhiem vu|thuc hien|trach nhiem)|trach nhiem (?:thuc hien|cua)", re.I
)
_CLOSING = re.compile(r"^(?:tren day|trong qua trinh (?:to chuc )?thuc hien,? neu)", re.I)
_UNIT_VERB = re.compile(
    r"\s+(?=(?:chu tri|co trach nhiem|chiu trach nhiem|tham muu|phoi hop|huong dan|can cu|thuc hien"
    r"|trien khai|xay dung|to chuc|theo doi|la co quan)\b)",
    re.I,
)
_PLAIN_UNIT = re.compile(
    r"^(?:Phòng|Văn phòng|Ban|Trung tâm|Công an|Quân sự|Ủy ban|Uỷ ban|UBND|Hội|Đoàn|Trường|Trạm|Các|Sở|Bộ phận"
    r"|Mặt trận|Thủ trưởng|Trưởng|Chủ tịch|Đề nghị)[^:.;]{0,100}:\s*\S"
)
_LEAD = re.compile(r"\bchu tri\b", re.I)
_LEAD_VERB = re.compile(
    r"(?<!cac )(?<!nhung )\b(?:trien khai|to chuc(?! chinh tri| xa hoi| doan the| hoi| dang| cong doan)"
    r"|thuc hien|phat dong|xay dung|huong dan|theo doi|don doc|kiem tra|tong hop|tuyen truyen|quan ly"
    r"|chi dao|ra soat|tham dinh|van dong|cham lo|dieu phoi)[\s,]",
    re.I,
)


def _split_unit(body: str) -> tuple[str, str | None]:
    """A heading may carry its first task: "Phòng Nội vụ: chủ trì …" or "Phòng Nội vụ chủ trì …"."""
    colon = body.find(":")
    if 0 < colon <= 120:
        return body[:colon], body[colon + 1 :].strip() or None
    if len(body) > 100:
        match = _UNIT_VERB.search(fold(body), 3, 120)
        if match:
            return body[: match.start()], body[match.end() :].strip()
    return body, None


def _task_text(para: Para) -> str:
    marker = para.marker
    if marker and marker.kind in ("dash", "plus"):
        return marker.body
    return para.text


def lead_of(tasks: list[str]) -> str | None:
    """What the body leads: the object of the first action after "chủ trì", else the rest of the phrase."""
    for task in tasks:
        folded = fold(task)
        lead = _LEAD.search(folded)
        if not lead:
            continue
        ends = [i for i in (folded.find(". ", lead.end()), folded.find(";", lead.end())) if i != -1]
        sentence_end = min(ends, default=len(folded))
        verb = _LEAD_VERB.search(folded, lead.end(), sentence_end)
        start = verb.start() if verb else lead.end()
        text = clean(task[start:sentence_end]).strip(" ,;:.")
        return text or None
    return None


def find_assignments(paragraphs: list[Para]) -> list[dict]:
    found = find_section(paragraphs, _ORG_HEADING)
    if found is None:
        return []
    rank, section = found
    section = [p for p in section if not _CLOSING.match(key(p.text)) and not p.text.endswith("./.")]
    kinds = _CHILD_KINDS.get(rank, ("letter", "dash"))
    child_kind = next(
        (kind for kind in kinds if any(p.marker and p.marker.kind == kind for p in section)), None
    )
    assignments: list[dict] = []
    for para in section:
        marker = para.marker
        named = _PLAIN_UNIT.match(para.text) if child_kind is None and marker is None else None
        if named or (marker and marker.kind == child_kind):
            unit, first_task = _split_unit(marker.body if marker else para.text)
            assignments.append(
                {
                    "unit": clean(unit).rstrip(" .:;"),
                    "tasks": [first_task] if first_task else [],
                    "line": para.line,
                }
            )
        elif assignments:
            assignments[-1]["tasks"].append(_task_text(para))
    for assignment in assignments:
        assignment["lead_for"] = lead_of(assignment["tasks"])
    return [
        {"unit": a["unit"], "lead_for": a["lead_for"], "tasks": a["tasks"], "line": a["line"]}
        for a in assignments
    ]
