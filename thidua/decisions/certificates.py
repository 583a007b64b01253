"""Certificates (Giấy khen, LĐTT, CSTĐCS, TTLĐTT…) as print-ready PDF: HTML -> WeasyPrint, A4 landscape.

One page per award, in the layout of NĐ 98 Art. 104 (kept by practice under NĐ 152): motto, granting
position in red capitals, "TẶNG" / "TẶNG DANH HIỆU", the award's name in red capitals, the recipient, post
or address and achievement; bottom left the decision's number and date and the sổ vàng number (bold
italic) with the QR code of the public verification page; bottom right place and date, position, signer.

The pre-printed mode prints only the variable text at the same places, shifted by the batch's offsets (mm).
Pages are laid out in chunks so the caller can report progress, then joined into one PDF.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from thidua.commendations.rules import title_name
from thidua.decisions.choices import BatchMode, SignerCapacity
from thidua.decisions.documents import listing, place_of, recipient_detail, recipient_name
from thidua.decisions.models import Decision, DecisionEntry
from thidua.documents.render import decree30_date

CHUNK = 100
#: A fixed mask pattern: choosing the best of eight costs 5 ms a code (5 s for 1,000 certificates) and any
#: mask scans; the error correction level stays M (15%).
QR_MASK = 2
SUFFIX = re.compile(r"\s+của\s+.*$", re.IGNORECASE)


def public_base_url(fallback: str = "") -> str:
    """Where the portal answers, for the QR codes: ``THIDUA_PUBLIC_URL`` (e.g. https://thidua.camgiang.gov.vn),
    else the address the batch was requested from, else localhost."""
    base = settings.THIDUA_PUBLIC_URL or fallback or "http://localhost:8000"
    return base.rstrip("/")


def verify_url(token: str, base: str) -> str:
    return base.rstrip("/") + reverse("portal:verify", args=[token])


def qr_data_uri(url: str) -> str:
    """The QR code as a one-pixel-per-module PNG (a few hundred bytes), printed without smoothing
    (``image-rendering: pixelated``) so its modules stay sharp at any size."""
    return segno.make(url, error="m", mask=QR_MASK, boost_error=False).png_data_uri(scale=1, border=0)


@dataclass
class Certificate:
    position: str
    verb: str
    award: str
    recipient: str
    detail: str
    achievement: str
    decision_line: str
    register_line: str
    place_date: str
    signer_capacity: str
    signer_position: str
    signer_name: str
    url: str
    qr: str


def award_words(code: str, rules) -> tuple[str, str]:
    """("TẶNG DANH HIỆU", "LAO ĐỘNG TIÊN TIẾN") for a title, ("TẶNG", "GIẤY KHEN") for a form."""
    title = rules.titles.get(code)
    name = title.name if title else title_name(code)
    if title is not None and title.category == "danh_hieu":
        return "TẶNG DANH HIỆU", name.upper()
    return "TẶNG", SUFFIX.sub("", name).upper()


def certificate_for(entry: DecisionEntry, decision: Decision, base: str, rules) -> Certificate:
    commune = decision.review_round.commune
    nomination = entry.nomination
    verb, award = award_words(nomination.code, rules)
    year = decision.review_round.year
    if verb == "TẶNG":
        achievement = f"Đã có thành tích xuất sắc trong phong trào thi đua năm {year}"
    else:
        achievement = f"Đã đạt danh hiệu thi đua năm {year}"
    register = getattr(entry, "register", None)
    token = register.token if register is not None else ""
    url = verify_url(token, base) if token else base
    day = decision.decided_on
    vice = decision.signer_capacity == SignerCapacity.VICE_CHAIRMAN
    return Certificate(
        position=f"CHỦ TỊCH ỦY BAN NHÂN DÂN {commune.name.upper()}",
        verb=verb,
        award=award,
        recipient=recipient_name(entry),
        detail=recipient_detail(entry),
        achievement=achievement,
        decision_line=(
            f"Quyết định số {decision.number_text}, ngày {day:%d/%m/%Y}" if day else "Quyết định số"
        ),
        register_line=f"Số sổ vàng: {register.number}/{register.year}"
        if register is not None
        else "Số sổ vàng:",
        place_date=f"{place_of(commune)}, {decree30_date(day)}" if day else "",
        signer_capacity="KT. CHỦ TỊCH" if vice else "",
        signer_position="PHÓ CHỦ TỊCH" if vice else "CHỦ TỊCH",
        signer_name=decision.signer_name,
        url=url,
        qr=qr_data_uri(url),
    )


def certificates_of(decision: Decision, base: str) -> list[Certificate]:
    """The decision's certificates in the order of its annex list."""
    from thidua.decisions.services import rules_at

    data = listing(decision)
    rules = rules_at(decision.review_round, data.decision_date)
    return [certificate_for(entry, decision, base, rules) for group in data.groups for entry in group.entries]


def page_html(certificates: list[Certificate], *, mode: str, offset_x: Decimal, offset_y: Decimal) -> str:
    return render_to_string(
        "decisions/certificates.html",
        {
            "certificates": certificates,
            "full": mode == BatchMode.FULL,
            "offset_x": f"{Decimal(offset_x):f}",
            "offset_y": f"{Decimal(offset_y):f}",
        },
    )


def render_pdf(
    certificates: list[Certificate],
    *,
    mode: str = BatchMode.FULL,
    offset_x: Decimal = Decimal(0),
    offset_y: Decimal = Decimal(0),
    progress: Callable[[int], None] | None = None,
    chunk: int = CHUNK,
) -> bytes:
    """One PDF, one page per certificate; ``progress(done)`` after each chunk."""
    import weasyprint

    documents = []
    done = 0
    for start in range(0, max(len(certificates), 1), chunk):
        part = certificates[start : start + chunk]
        if not part:
            break
        html = page_html(part, mode=mode, offset_x=offset_x, offset_y=offset_y)
        documents.append(weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).render())
        done += len(part)
        if progress is not None:
            progress(done)
    if not documents:
        raise ValueError("no certificate")
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf()
