"""Documents cited by number ("Chỉ thị số 41-CT/TW, ngày 26/12/2024 của Bộ Chính trị")."""

import re
from dataclasses import dataclass

from thidua.campaigns.reader.dates import date_at
from thidua.campaigns.reader.paragraphs import Para
from thidua.campaigns.reader.text import capitalize_first, clean, fold

_KINDS = (
    "bo luat|luat|phap lenh|nghi quyet lien tich|nghi quyet|nghi dinh|quyet dinh|chi thi|thong tu lien tich"
    "|thong tu|ke hoach|huong dan|cong van|van ban|thong bao ket luan|thong bao|chuong trinh|ket luan"
    "|quy dinh|quy che|bao cao|to trinh|cong dien|de an|phuong an|dieu le"
)
_NUMBER_SYMBOL = r"(?P<num>\d{1,5}(?:/\d{4})?)\s*(?P<sep>/|-)\s*(?P<sym>[A-Za-z0-9][A-Za-z0-9/\-&.]*)"
_CITED = re.compile(
    rf"\b(?P<kind>{_KINDS})(?:\s+(?P<name>[^;:()\d]{{1,80}}?)\s+so)?\s+(?:so\s*:?\s*)?{_NUMBER_SYMBOL}",
    re.I,
)
_KIND_WORD = re.compile(rf"\b(?:{_KINDS})\b", re.I)
_BARE = re.compile(rf"(?<![\w/.-]){_NUMBER_SYMBOL}")
_CODES = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QYĐ": "Quy định",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTR": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTR": "Tờ trình",
    "CĐ": "Công điện",
    "KL": "Kết luận",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
}
_ISSUER_STOP = re.compile(
    r"\s+(?:ve|ve viec|quy dinh|huong dan|ban hanh|phe duyet|trien khai|phat dong|thuc hien|sua doi|bo sung"
    r"|tang cuong|doi voi|tai|nham|de|va cac|theo|trong|sau|nam \d)(?=\s|$)|[,;:.()\"“”']|\s+-\s",
    re.I,
)


@dataclass
class Citation:
    kind: str
    number: str
    symbol: str
    separator: str
    date: str | None
    issuer: str | None
    line: int
    written: str

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "number": self.number,
            "symbol": self.symbol,
            "date": self.date,
            "issuer": self.issuer,
            "cited_as": self.written,
            "line": self.line,
        }


def _clean_symbol(text: str) -> str:
    return text.rstrip("./-&")


def _symbol_ok(symbol: str) -> bool:
    letters = [c for c in symbol if c.isalpha()]
    return bool(letters) and symbol[0].isupper() and sum(c.isupper() for c in letters) * 2 > len(letters)


def _kind_from_symbol(symbol: str) -> str | None:
    parts = re.split(r"[-/]", symbol)
    for part in parts:
        name = _CODES.get(part.upper())
        if name:
            return name
    if re.fullmatch(r"QH\d{1,2}", parts[-1]):
        return "Luật"
    if len(parts) >= 2 and parts[0].upper() in ("UBND", "SNV", "VP", "BNV"):
        return "Công văn"
    return None


def _tail_details(
    text: str, folded: str, end: int, default_year: int | None
) -> tuple[str | None, str | None]:
    """Date ("ngày …") and issuer ("của …") written right after a citation."""
    date = None
    position = end
    match = re.match(r"\s*,?\s*(?:ban hanh\s+)?ngay\s+", folded[position:], re.I)
    if match:
        found = date_at(folded, position + match.end())
        if found:
            date, position = found
    match = re.match(r"\s*,?\s*cua\s+", folded[position:], re.I)
    if not match:
        return date, None
    start = position + match.end()
    stop = _ISSUER_STOP.search(folded, start)
    stop_at = stop.start() if stop else len(folded)
    words = text[start:stop_at].split()[:12]
    issuer = clean(" ".join(words)) or None
    return date, issuer


def find_citations(paragraphs: list[Para], default_year: int | None = None) -> list[Citation]:
    """Every citation by number, in order, duplicates included (for consistency checks)."""
    found: list[Citation] = []
    for para in paragraphs:
        text = para.text
        folded = fold(text)
        taken: list[tuple[int, int]] = []
        for match in _cited_matches(folded):
            kind_text = text[match.start() : match.end("kind")]
            citation = _citation(para, text, folded, match, default_year, kind_text=kind_text)
            if citation:
                found.append(citation)
                taken.append((match.start(), match.end()))
        for match in _BARE.finditer(folded):
            if any(start <= match.start() < end for start, end in taken):
                continue
            citation = _citation(para, text, folded, match, default_year, kind_text=None)
            if citation:
                found.append(citation)
    found.sort(key=lambda c: c.line)
    return found


def _cited_matches(folded: str):
    """Citations with a kind word; a "name" between kind and number may not hold another kind word."""
    position = 0
    while (match := _CITED.search(folded, position)) is not None:
        if match["name"] and _KIND_WORD.search(match["name"]):
            position = match.start("kind") + 1
            continue
        yield match
        position = match.end()


def _citation(
    para: Para, text: str, folded: str, match: re.Match, default_year, kind_text
) -> Citation | None:
    symbol = _clean_symbol(text[match.start("sym") : match.end("sym")])
    if not _symbol_ok(symbol):
        return None
    kind = capitalize_first(kind_text.lower()) if kind_text else _kind_from_symbol(symbol)
    if kind is None:
        return None
    end = match.start("sym") + len(symbol)
    date, issuer = _tail_details(text, folded, end, default_year)
    return Citation(
        kind=kind,
        number=match["num"],
        symbol=symbol,
        separator=match["sep"],
        date=date,
        issuer=issuer,
        line=para.line_at(match.start()),
        written=clean(text[match.start("num") : end]),
    )


def unique_references(citations: list[Citation], own: tuple[str | None, str | None]) -> list[dict]:
    """Contract references: once per number+symbol, in order of first appearance, own number left out."""
    seen: set[tuple[str, str]] = set()
    out = []
    for citation in citations:
        ident = (citation.number, citation.symbol)
        if ident in seen or (own[0] and ident == own):
            continue
        seen.add(ident)
        same = [c for c in citations if (c.number, c.symbol) == ident]
        merged = citation.as_dict()
        merged["date"] = next((c.date for c in same if c.date), None)
        merged["issuer"] = next((c.issuer for c in same if c.issuer), None)
        out.append(merged)
    return out
