"""Text → the structured reading of ``plan-parse.schema.json``."""

import re

from thidua.campaigns.reader import checks
from thidua.campaigns.reader.assignments import find_assignments
from thidua.campaigns.reader.deadlines import find_deadlines, find_period
from thidua.campaigns.reader.header import parse_header
from thidua.campaigns.reader.movements import find_movements
from thidua.campaigns.reader.paragraphs import Para, build_paragraphs, find_section, looks_wrapped
from thidua.campaigns.reader.references import find_citations, unique_references
from thidua.campaigns.reader.tail import CAPACITY, read_tail
from thidua.campaigns.reader.text import clean, to_lines
from thidua.campaigns.reader.zones import split_zones

_PERIOD_HEADING = re.compile(r"thoi gian", re.I)


def _title(zones_title, subject: str | None) -> Para:
    title = Para("")
    for line in zones_title:
        title.add(line)
    title.text = clean(title.text).rstrip(" ,;:.")
    if not title.text and subject:
        title.text = subject
    if not title.spans:
        title.spans.append((0, 0))
    return title


def read_plan_text(text: str, *, wrapped: bool | None = None) -> dict:
    """Read a plan (or a similar administrative document) from its text.

    ``wrapped`` tells whether lines were broken at the page width (PDF or plain-text extraction) and
    must be joined back into paragraphs; by default it is guessed from the line lengths. Never raises
    for odd text: what cannot be found is empty or null, with warnings.
    """
    lines = to_lines(text)
    zones = split_zones(lines)
    header = parse_header(zones.header)
    title = _title(zones.title, header.subject)
    body = build_paragraphs(zones.body, wrapped=looks_wrapped(lines) if wrapped is None else wrapped)
    year = header.date_parts[0]
    everything = [title, *body] if title.text else body
    citations = find_citations(everything)
    period = find_section(body, _PERIOD_HEADING)
    period_start, period_end = find_period(period[1] if period else body, year)
    if period_start is None and period_end is None and period:
        period_start, period_end = find_period(body, year)
    recipients, signer = read_tail(zones.tail)
    own = checks.identity_of(header.issuer, header.issuer_parent)
    signature = [Para(line.text, [(0, line.no)]) for line in zones.tail if CAPACITY.match(line.text)]
    warnings = [
        *checks.header_warnings(header),
        *checks.name_warnings(header, [*everything, *signature], own),
        *checks.citation_warnings(citations),
        *checks.spelling_warnings(everything),
        *checks.heading_warnings(body),
        *checks.plural_warnings(everything, own),
    ]
    warnings.sort(key=lambda item: item["line"] or 0)
    return {
        "doc_kind": zones.kind.upper(),
        "issuer": header.issuer,
        "issuer_parent": header.issuer_parent,
        "number": header.number,
        "symbol": header.symbol,
        "place": header.place,
        "date": header.date,
        "title": title.text,
        "references": unique_references(citations, (header.number, header.symbol)),
        "movements": find_movements(everything),
        "period_start": period_start,
        "period_end": period_end,
        "deadlines": find_deadlines(body, year or _year_of(period_end)),
        "assignments": find_assignments(body),
        "recipients": recipients,
        "signer": signer,
        "warnings": warnings,
    }


def _year_of(iso_date: str | None) -> int | None:
    return int(iso_date[:4]) if iso_date else None
