"""Typed description of a Vietnamese administrative document (Decree 30/2020/NĐ-CP, Phụ lục I).

A :class:`DocumentSpec` says *what* the document contains; :mod:`.docx_writer` decides *how* it is laid
out. Builders (``plan_spec``, ``registration_summary_spec``) turn plain data into specs.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Literal

#: Signing-capacity prefixes allowed by Decree 30 (Art. 13 and Phụ lục I, section II.8).
CAPACITY_PREFIXES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")

Align = Literal["left", "center", "right", "justify"]


@dataclass(frozen=True)
class PartialDate:
    """A date left partly blank for the signing day, e.g. ``ngày     tháng 9 năm 2025``."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.month is None and self.day is not None:
            raise ValueError("A day without a month is not a valid partial date")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"Month out of range: {self.month}")
        if self.day is not None and not 1 <= self.day <= 31:
            raise ValueError(f"Day out of range: {self.day}")


DocumentDate = datetime.date | PartialDate


@dataclass
class Heading:
    """A section heading: level 1 ``I.``, level 2 ``1.``, level 3 ``a)``.

    ``label`` is the numbering as printed ("I.", "1.", "a)"); it may be empty when ``text`` already
    carries it or the heading is unnumbered.
    """

    text: str
    level: int = 1
    label: str = ""

    def __post_init__(self) -> None:
        if self.level not in (1, 2, 3):
            raise ValueError(f"Heading level must be 1, 2 or 3, not {self.level}")


@dataclass
class Paragraph:
    """A body paragraph. ``lead`` is printed first in bold (or italic), e.g. "Điều 1." or "a)"."""

    text: str
    lead: str = ""
    lead_style: Literal["bold", "italic", "plain"] = "bold"
    bold: bool = False
    italic: bool = False
    align: Align = "justify"
    indent: bool = True


@dataclass
class Bullet:
    """A dash item ("- ..."), indented like a paragraph."""

    text: str
    marker: str = "-"


@dataclass
class Table:
    """A simple grid table: header rows (bold, centred, repeated on each page) and body rows.

    ``widths`` are relative column weights (any unit); ``align`` gives each column's alignment
    ("center" suits STT, "left" long text). Missing values default to equal widths / left.
    """

    header: list[list[str]]
    rows: list[list[str]]
    widths: list[float] = field(default_factory=list)
    align: list[Align] = field(default_factory=list)
    font_size: float = 12

    @property
    def column_count(self) -> int:
        all_rows = [*self.header, *self.rows]
        return max((len(r) for r in all_rows), default=0)


Block = Heading | Paragraph | Bullet | Table


@dataclass
class Signature:
    """The signature block: ``capacity`` is the TM./KT./Q./TL./TUQ. line, if any.

    Examples: capacity "TM. ỦY BAN NHÂN DÂN", position "CHỦ TỊCH"; capacity "KT. CHỦ TỊCH",
    position "PHÓ CHỦ TỊCH"; no capacity, position "CHỦ TỊCH" (the chairman's own power).
    ``signed`` prints "(Đã ký)" in place of the handwritten signature (copies, portal versions).
    """

    position: str
    name: str
    capacity: str | None = None
    signed: bool = False

    def validate(self) -> None:
        if self.capacity and not self.capacity.upper().startswith(CAPACITY_PREFIXES):
            raise ValueError(
                f"Signature capacity must start with one of {', '.join(CAPACITY_PREFIXES)}: {self.capacity!r}"
            )


@dataclass
class Annex:
    """An attached list (phụ lục / danh sách), printed on its own section (new page).

    ``reference`` is the italic line without parentheses, e.g. "Kèm theo Quyết định số 05/QĐ-UBND ngày
    05 tháng 9 năm 2025 của Chủ tịch Ủy ban nhân dân xã Cẩm Giang"; see ``annex_reference()``.
    """

    title: list[str]
    reference: str = ""
    table: Table | None = None
    blocks: list[Block] = field(default_factory=list)
    landscape: bool = False


@dataclass
class DocumentSpec:
    """Everything printed on a Decree 30 document.

    ``kind`` None means a công văn: ``title`` is then printed as "V/v ..." under the number.
    ``authority`` is the centred line naming who issues a decision ("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ...").
    ``archive`` is what follows "Lưu:" in the last Nơi nhận line (e.g. "VT, VHXH").
    """

    issuer: list[str]
    symbol: str
    place: str
    title: list[str]
    signature: Signature
    kind: str | None = None
    issuer_parent: str | None = None
    number: int | None = None
    date: DocumentDate | None = None
    authority: str | None = None
    addressees: list[str] = field(default_factory=list)
    legal_bases: list[str] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    archive: str = "VT"
    annexes: list[Annex] = field(default_factory=list)
    author: str = ""

    def validate(self) -> None:
        """Raise ``ValueError`` for a spec that cannot make a valid document."""
        if not any(line.strip() for line in self.issuer):
            raise ValueError("The issuing body (issuer) is required")
        if not self.symbol.strip() or " " in self.symbol.strip():
            raise ValueError(f"The symbol must be non-empty, without spaces: {self.symbol!r}")
        if self.number is not None and self.number < 1:
            raise ValueError(f"The document number must be positive: {self.number}")
        if not self.place.strip():
            raise ValueError("The place of the place-date line is required")
        if self.kind is None and not self.title:
            raise ValueError("A công văn needs its subject (V/v) in title")
        self.signature.validate()
        for block in [*self.body, *(b for a in self.annexes for b in a.blocks)]:
            if isinstance(block, Table) and block.column_count == 0:
                raise ValueError("A table needs at least one column")

    @property
    def document_title(self) -> str:
        """A one-line title for the file's core properties."""
        subject = " ".join(line.strip() for line in self.title if line.strip())
        if self.kind:
            return f"{self.kind.strip().capitalize()} {subject}".strip()
        return f"V/v {subject}".strip()
