"""The decision (QĐ) with its annex list, the proposal (TTr) and its dossier bundle, as Decree 30 documents.

Documents are legal texts in Vietnamese, written here directly (like ``reporting/report_document.py``).
The annex list is grouped by title and sorted the Vietnamese way: people by given name, then middle and
family names (``name_sort_key``); collectives by name (``text_sort_key``).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from thidua.commendations import engine
from thidua.commendations.choices import ENGINE_KIND, SubjectKind
from thidua.commendations.rules import province_slug
from thidua.commendations.selectors import cash_total
from thidua.core.vietnamese import amount_in_words, format_number, name_sort_key, text_sort_key
from thidua.decisions.choices import DecisionKind, SignerCapacity
from thidua.decisions.models import Decision, DecisionEntry
from thidua.documents.render import Annex, DocumentSpec, Paragraph, Signature, Table, decree30_date
from thidua.documents.render.builders.common import issuer_lines, lower_first
from thidua.documents.responses import ascii_filename, document_bytes

LEVEL_PREFIX = re.compile(r"^(xã|phường|thị trấn|đặc khu|thành phố|tỉnh)\s+", re.IGNORECASE)
KIND_ORDER = {SubjectKind.PERSON: 0, SubjectKind.HOUSEHOLD: 1, SubjectKind.COLLECTIVE: 2}
KIND_WORDS = {
    SubjectKind.PERSON: "cá nhân",
    SubjectKind.COLLECTIVE: "tập thể",
    SubjectKind.HOUSEHOLD: "hộ gia đình",
}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")
DECISION_HEADER = ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Số tiền (đồng)"]
PROPOSAL_HEADER = ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Tỷ lệ phiếu đồng ý (%)"]


def place_of(unit) -> str:
    return LEVEL_PREFIX.sub("", unit.short_name or unit.name)


def recipient_name(entry_or_nomination) -> str:
    nomination = getattr(entry_or_nomination, "nomination", entry_or_nomination)
    if nomination.person_id:
        return nomination.person.full_name
    if nomination.unit_id:
        return nomination.unit.name
    household = nomination.household
    head = household.head.full_name if household.head_id else household.code
    return f"Hộ gia đình ông (bà) {head}"


def recipient_detail(entry_or_nomination) -> str:
    """Post and unit for a person, the unit above a collective, the village of a household."""
    nomination = getattr(entry_or_nomination, "nomination", entry_or_nomination)
    if nomination.person_id:
        person = nomination.person
        position = nomination.position or person.position
        return ", ".join(part for part in (position, person.unit.name) if part)
    if nomination.unit_id:
        parent = nomination.unit.parent
        return parent.name if parent is not None else ""
    household = nomination.household
    return ", ".join(part for part in (household.address, household.village.name) if part)


def _sort_key(entry: DecisionEntry):
    nomination = entry.nomination
    if nomination.person_id:
        return name_sort_key(nomination.person.full_name)
    return (text_sort_key(recipient_name(entry)),)


@dataclass
class Group:
    code: str
    kind: str
    name: str
    is_title: bool
    entries: list[DecisionEntry] = field(default_factory=list)
    subtotal: int = 0

    @property
    def heading(self) -> str:
        who = KIND_WORDS.get(self.kind, "")
        if self.is_title:
            return f"Danh hiệu “{self.name}” ({len(self.entries)} {who})"
        return f"{self.name} ({len(self.entries)} {who})"


def annex_groups(
    entries: list[DecisionEntry], rules: engine.RuleSet, amounts: dict | None = None
) -> list[Group]:
    """Entries grouped by (title, kind of subject) in the ruleset's order, each sorted the Vietnamese way."""
    order = {code: index for index, code in enumerate(rules.titles)}
    groups: dict[tuple[str, str], Group] = {}
    for entry in entries:
        nomination = entry.nomination
        key = (nomination.code, nomination.subject_kind)
        if key not in groups:
            title = rules.titles.get(nomination.code)
            groups[key] = Group(
                code=nomination.code,
                kind=nomination.subject_kind,
                name=title.name if title else nomination.code,
                is_title=bool(title and title.category == "danh_hieu"),
            )
        groups[key].entries.append(entry)
    result = sorted(groups.values(), key=lambda g: (KIND_ORDER.get(g.kind, 9), order.get(g.code, 99), g.code))
    for group in result:
        group.entries.sort(key=_sort_key)
        for entry in group.entries:
            entry.shown_amount = amount_of(entry, amounts)  # type: ignore[attr-defined]
        group.subtotal = sum(entry.shown_amount or 0 for entry in group.entries)  # type: ignore[attr-defined]
    return result


def annex_order(entries: list[DecisionEntry], rules: engine.RuleSet) -> list[DecisionEntry]:
    return [entry for group in annex_groups(entries, rules) for entry in group.entries]


def amount_of(entry: DecisionEntry, amounts: dict | None) -> int | None:
    if entry.amount is not None or amounts is None:
        return entry.amount
    nomination = entry.nomination
    return amounts.get((nomination.code, ENGINE_KIND.get(nomination.subject_kind)))


def decision_entries(decision: Decision) -> list[DecisionEntry]:
    return list(
        decision.entries.select_related(
            "nomination__person__unit",
            "nomination__unit__parent",
            "nomination__household__village",
            "nomination__household__head",
            "register",
        )
    )


@dataclass
class Listing:
    """What the decision page and the documents show: the groups, the amounts and the total in words."""

    decision_date: date
    groups: list[Group]
    total: int
    words: str
    people: int
    collectives: int
    households: int

    @property
    def count(self) -> int:
        return self.people + self.collectives + self.households


def listing(decision: Decision, entries: list[DecisionEntry] | None = None) -> Listing:
    """Issued decisions show the stored amounts; a draft the amounts it would have if issued today."""
    from thidua.decisions.services import rules_at

    entries = decision_entries(decision) if entries is None else entries
    day = decision.decided_on or timezone.localdate()
    rules = rules_at(decision.review_round, day)
    amounts = None
    if any(entry.amount is None for entry in entries):
        summary = cash_total(
            [(e.nomination.code, e.nomination.subject_kind) for e in entries],
            day,
            province=province_slug(decision.review_round.commune),
            ruleset=rules,
        )
        amounts = {(line.code, line.kind): line.amount for line in summary.lines}
    groups = annex_groups(entries, rules, amounts)
    total = sum(group.subtotal for group in groups)
    kinds = [entry.nomination.subject_kind for entry in entries]
    return Listing(
        decision_date=day,
        groups=groups,
        total=total,
        words=amount_in_words(total),
        people=kinds.count(SubjectKind.PERSON),
        collectives=kinds.count(SubjectKind.COLLECTIVE),
        households=kinds.count(SubjectKind.HOUSEHOLD),
    )


def money(value: int | None) -> str:
    return format_number(value) if value else ""


def _who(data: Listing) -> str:
    parts = []
    if data.people:
        parts.append(f"{data.people} cá nhân")
    if data.households:
        parts.append(f"{data.households} hộ gia đình")
    if data.collectives:
        parts.append(f"{data.collectives} tập thể")
    return ", ".join(parts)


def annex_table(data: Listing, *, proposal: bool = False) -> Table:
    rows: list[list[str]] = []
    for index, group in enumerate(data.groups):
        rows.append([ROMAN[index] if index < len(ROMAN) else str(index + 1), group.heading.upper(), "", ""])
        for number, entry in enumerate(group.entries, start=1):
            if proposal:
                percent = entry.nomination.vote_percent
                last = format_number(percent, 2, trim=True) if percent is not None else ""
            else:
                last = money(getattr(entry, "shown_amount", entry.amount))
            rows.append([str(number), recipient_name(entry), recipient_detail(entry), last])
        if not proposal:
            rows.append(
                ["", f"Cộng {ROMAN[index] if index < len(ROMAN) else index + 1}", "", money(group.subtotal)]
            )
    if not proposal:
        rows.append(["", "TỔNG CỘNG", "", money(data.total)])
    return Table(
        header=[PROPOSAL_HEADER if proposal else DECISION_HEADER],
        rows=rows,
        widths=[8, 38, 40, 18],
        align=["center", "left", "left", "right"],
        font_size=12,
    )


def authority_name(decision: Decision) -> str:
    return f"Chủ tịch Ủy ban nhân dân {lower_first(decision.review_round.commune.name)}"


def number_text(decision: Decision) -> str:
    symbol = "TTr-UBND" if decision.is_proposal else "QĐ-UBND"
    return decision.number_text or f"      /{symbol}"


def signature(decision: Decision, *, signed: bool = False) -> Signature:
    if decision.is_proposal:
        return Signature(
            capacity="TM. ỦY BAN NHÂN DÂN", position="CHỦ TỊCH", name=decision.signer_name, signed=signed
        )
    if decision.signer_capacity == SignerCapacity.VICE_CHAIRMAN:
        return Signature(
            capacity="KT. CHỦ TỊCH", position="PHÓ CHỦ TỊCH", name=decision.signer_name, signed=signed
        )
    return Signature(position="CHỦ TỊCH", name=decision.signer_name, signed=signed)


def _date(decision: Decision):
    from thidua.documents.render import PartialDate

    if decision.decided_on:
        return decision.decided_on
    return PartialDate(timezone.localdate().year)


def decision_spec(decision: Decision, entries: list[DecisionEntry] | None = None) -> DocumentSpec:
    data = listing(decision, entries)
    commune = decision.review_round.commune
    year = decision.review_round.year
    when = _date(decision)
    reference = (
        f"Kèm theo Quyết định số {number_text(decision)} {decree30_date(when)} của {authority_name(decision)}"
    )
    items = []
    for group in data.groups:
        what = f"danh hiệu “{group.name}”" if group.is_title else lower_first(group.name)
        items.append(f"Tặng {what} cho {len(group.entries)} {KIND_WORDS.get(group.kind, '')}")
    body = [
        Paragraph(
            f"Tặng danh hiệu thi đua và hình thức khen thưởng cho {_who(data)} đã có thành tích trong phong trào "
            f"thi đua năm {year} (có danh sách kèm theo), cụ thể:",
            lead="Điều 1.",
        ),
        *[
            Paragraph(f"{text};" if i < len(items) - 1 else f"{text}.", lead=f"{i + 1}.", lead_style="plain")
            for i, text in enumerate(items)
        ],
        Paragraph(
            f"Tiền thưởng kèm theo thực hiện theo quy định tại Nghị định số 152/2025/NĐ-CP của Chính phủ, tính theo "
            f"mức lương cơ sở tại ngày ký Quyết định. Tổng số tiền thưởng là {format_number(data.total)} đồng "
            f"(Bằng chữ: {data.words}), chi từ Quỹ thi đua, khen thưởng của {lower_first(commune.name)}.",
            lead="Điều 2.",
        ),
        Paragraph(
            "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân, "
            "Trưởng các đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành "
            "Quyết định này.",
            lead="Điều 3.",
        ),
    ]
    annex = Annex(
        title=["DANH SÁCH", f"Tập thể, cá nhân được khen thưởng thành tích năm {year}"],
        reference=reference,
        blocks=[
            annex_table(data),
            Paragraph(
                f"Tổng số: {data.count} ({_who(data)}). Tổng số tiền thưởng: {format_number(data.total)} đồng "
                f"(Bằng chữ: {data.words}).",
                bold=True,
                indent=False,
            ),
        ],
    )
    return DocumentSpec(
        issuer=issuer_lines("ỦY BAN NHÂN DÂN " + commune.name),
        symbol="QĐ-UBND",
        number=decision.document_number.number if decision.document_number_id else None,
        place=place_of(commune),
        date=when,
        kind="QUYẾT ĐỊNH",
        title=[decision.title],
        authority=f"CHỦ TỊCH ỦY BAN NHÂN DÂN {commune.name.upper()}",
        legal_bases=[line for line in decision.legal_bases.splitlines() if line.strip()],
        body=body,
        signature=signature(decision),
        recipients=["Như Điều 3;"],
        archive="VT, VHXH",
        annexes=[annex],
        author=" ".join(issuer_lines("ỦY BAN NHÂN DÂN " + commune.name)),
    )


def proposal_spec(decision: Decision, entries: list[DecisionEntry] | None = None) -> DocumentSpec:
    data = listing(decision, entries)
    commune = decision.review_round.commune
    year = decision.review_round.year
    when = _date(decision)
    items = []
    for group in data.groups:
        what = f"danh hiệu “{group.name}”" if group.is_title else lower_first(group.name)
        items.append(
            Paragraph(
                f"- {what[0].upper()}{what[1:]}: {len(group.entries)} {KIND_WORDS.get(group.kind, '')};"
            )
        )
    body = [
        Paragraph(
            f"Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 và kết quả bình xét của Hội đồng Thi đua - Khen "
            f"thưởng {lower_first(commune.name)}, Ủy ban nhân dân {lower_first(commune.name)} kính đề nghị "
            f"{decision.addressee or 'cấp trên'} xem xét, khen thưởng cho {_who(data)} đã có thành tích xuất sắc "
            f"năm {year}, cụ thể:"
        ),
        *items,
        Paragraph("(Có danh sách và hồ sơ của từng trường hợp kèm theo)", italic=True),
        Paragraph(
            f"Ủy ban nhân dân {lower_first(commune.name)} kính trình {decision.addressee or 'cấp trên'} xem xét, "
            "quyết định./."
        ),
    ]
    reference = f"Kèm theo Tờ trình số {number_text(decision)} {decree30_date(when)} của Ủy ban nhân dân {lower_first(commune.name)}"
    return DocumentSpec(
        issuer=issuer_lines("ỦY BAN NHÂN DÂN " + commune.name),
        symbol="TTr-UBND",
        number=decision.document_number.number if decision.document_number_id else None,
        place=place_of(commune),
        date=when,
        kind="TỜ TRÌNH",
        title=[decision.title],
        addressees=[decision.addressee] if decision.addressee else [],
        body=body,
        signature=signature(decision),
        recipients=["Như trên;"],
        archive="VT, VHXH",
        annexes=[
            Annex(
                title=["DANH SÁCH", f"Tập thể, cá nhân đề nghị khen thưởng thành tích năm {year}"],
                reference=reference,
                blocks=[annex_table(data, proposal=True)],
            )
        ],
        author=" ".join(issuer_lines("ỦY BAN NHÂN DÂN " + commune.name)),
    )


def spec_for(decision: Decision) -> DocumentSpec:
    return proposal_spec(decision) if decision.is_proposal else decision_spec(decision)


def filename(decision: Decision) -> str:
    kind = "To trinh" if decision.kind == DecisionKind.PROPOSAL else "Quyet dinh"
    return f"{kind} {decision.number_text or 'du thao'}".replace("/", "-")


def document_pdf(decision: Decision) -> bytes:
    return document_file(decision, "pdf")


# --- The dossier bundle of a proposal ------------------------------------------------------------------------


def convert_many(documents: dict[str, bytes]) -> dict[str, bytes]:
    """PDFs of the bundle's .docx files in one LibreOffice run; none (the zip keeps the .docx) when
    LibreOffice is missing or fails."""
    from thidua.documents.render import RenderError, render_pdfs

    try:
        return render_pdfs(documents, timeout=180)
    except RenderError:
        return {}


def dossier_bundle(decision: Decision) -> bytes:
    """A zip: the tờ trình (.docx and .pdf), then a folder per nominee with each dossier part as .docx and
    .pdf (uploaded files as they were sent)."""
    from thidua.nominations.dossier import part_spec
    from thidua.nominations.models import DossierPart

    stem = ascii_filename(filename(decision))
    docx: dict[str, bytes] = {f"{stem}.docx": render_docx_fast(proposal_spec(decision))}
    files: dict[str, bytes] = {}
    data = listing(decision)
    entries = [entry for group in data.groups for entry in group.entries]
    parts = DossierPart.objects.filter(nomination__in=[e.nomination_id for e in entries]).select_related(
        "nomination__review_round__commune", "nomination__proposing_unit"
    )
    by_nomination: dict[int, list] = {}
    for part in parts.order_by("kind", "pk"):
        by_nomination.setdefault(part.nomination_id, []).append(part)
    for index, entry in enumerate(entries, start=1):
        folder = f"{index:03d}-{ascii_filename(recipient_name(entry))}"
        for number, part in enumerate(by_nomination.get(entry.nomination_id, []), start=1):
            name = f"{folder}/{number:02d}-{ascii_filename(part.title or part.kind)}"
            if part.text.strip():
                part.nomination = (
                    entry.nomination if part.nomination_id == entry.nomination_id else part.nomination
                )
                docx[f"{name}.docx"] = document_bytes(part_spec(part, today=decision.decided_on), "docx")
            if part.file:
                extension = os.path.splitext(part.file.name)[1].lower() or ".bin"
                with part.file.open("rb") as handle:
                    files[f"{name}-tep-dinh-kem{extension}"] = handle.read()
    pdfs = convert_many(docx)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in docx.items():
            archive.writestr(name, content)
            if name in pdfs:
                archive.writestr(name[: -len(".docx")] + ".pdf", pdfs[name])
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


# --- Fast rendering of long annex lists -------------------------------------------------------------------

PROTOTYPE = "@@{}@@"


def render_docx_fast(spec: DocumentSpec) -> bytes:
    """``render_docx`` with the annex tables written by copying one laid-out row per line.

    The Decree 30 renderer formats each cell through python-docx (about 2 ms a cell); a 1,000-line list has
    4,000 cells. Here the renderer lays out the table with a single prototype row, then each line is a copy
    of that row's XML with its texts replaced — the same fonts, borders and alignment, ~50× faster.
    """
    import copy

    from docx import Document

    from thidua.documents.render import render_docx
    from thidua.documents.render.formatting import clean

    tables: list[Table] = [
        b for annex in spec.annexes for b in annex.blocks if isinstance(b, Table) and b.rows
    ]
    saved = [table.rows for table in tables]
    for index, table in enumerate(tables):
        table.rows = [[PROTOTYPE.format(f"{index}-{column}") for column in range(table.column_count)]]
    try:
        data = render_docx(spec)
    finally:
        for table, rows in zip(tables, saved, strict=True):
            table.rows = rows
    document = Document(io.BytesIO(data))
    by_marker = {}
    for docx_table in document.tables:
        for row in docx_table.rows:
            first = row.cells[0].text.strip()
            if first.startswith("@@") and first.endswith("-0@@"):
                by_marker[first[2:-4]] = row._tr
    for index, rows in enumerate(saved):
        prototype = by_marker.get(str(index))
        if prototype is None:  # pragma: no cover - the renderer always writes the prototype row
            continue
        cells = prototype.findall(qn_tc())
        for values in rows:
            new_row = copy.deepcopy(prototype)
            for column, cell in enumerate(new_row.findall(qn_tc())):
                texts = cell.iter(qn_t())
                value = clean(values[column]) if column < len(values) else ""
                first = next(texts, None)
                if first is not None:
                    first.text = value
                    if value != value.strip():
                        first.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                for extra in list(texts):
                    extra.text = ""
            prototype.addprevious(new_row)
        del cells
        prototype.getparent().remove(prototype)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def qn_tc() -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tc"


def qn_t() -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


def document_file(decision: Decision, fmt: str) -> bytes:
    """The decision or proposal as .docx or PDF bytes (``DocumentUnavailable`` when no PDF can be made)."""
    from thidua.documents.render import RenderError
    from thidua.documents.render import render_pdf as docx_to_pdf
    from thidua.documents.responses import DocumentUnavailable

    data = render_docx_fast(spec_for(decision))
    if fmt == "docx":
        return data
    try:
        return docx_to_pdf(data)
    except RenderError as error:
        raise DocumentUnavailable(
            f"Không tạo được bản PDF: {error}. Hãy tải bản .docx và chuyển sang PDF bằng Word hoặc LibreOffice."
        ) from error
