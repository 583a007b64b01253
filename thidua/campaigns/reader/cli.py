"""``thidua plan parse FILE [--json]``: the contract JSON, or a readable Vietnamese summary."""

import argparse
import json
import sys

from thidua.campaigns.reader.errors import ReaderError

EXIT_OK = 0
EXIT_UNREADABLE = 2


def _date(value) -> str:
    if value is None:
        return "(không có)"
    if isinstance(value, str):
        year, month, day = value.split("-")
        return f"{day}/{month}/{year}"
    parts = [value.get("day"), value.get("month"), value.get("year")]
    return "/".join("…" if part is None else f"{part:02d}" for part in parts)


def summary(reading: dict) -> str:
    """A short Vietnamese report of what was understood, for a terminal."""
    number = reading["number"] or "…"
    out = [
        f"Loại văn bản: {reading['doc_kind'] or '(không nhận ra)'}",
        f"Cơ quan ban hành: {reading['issuer'] or '(không thấy)'}"
        + (f" (thuộc {reading['issuer_parent']})" if reading["issuer_parent"] else ""),
        f"Số, ký hiệu: {number}/{reading['symbol'] or '…'}",
        f"Địa danh, ngày: {reading['place'] or '…'}, {_date(reading['date'])}",
        f"Trích yếu: {reading['title'] or '(không thấy)'}",
    ]
    out.append(f"Văn bản dẫn chiếu ({len(reading['references'])}):")
    for ref in reading["references"]:
        details = "".join(
            [
                f" ngày {_date(ref['date'])}" if ref.get("date") else "",
                f" của {ref['issuer']}" if ref.get("issuer") else "",
            ]
        )
        cited = ref.get("cited_as") or f"{ref['number']}/{ref['symbol']}"
        out.append(f"  - {ref['kind']} {cited}{details}")
    out.append(f"Phong trào thi đua ({len(reading['movements'])}):")
    out += [f"  - {name}" for name in reading["movements"]]
    if reading.get("period_start") or reading["period_end"]:
        start = _date(reading["period_start"]) if reading.get("period_start") else "ngày phát động"
        out.append(f"Thời gian: từ {start} đến {_date(reading['period_end'])}")
    out.append(f"Thời hạn ({len(reading['deadlines'])}):")
    for item in reading["deadlines"]:
        to = f" → {item['to']}" if item.get("to") else ""
        out.append(f"  - {_date(item['date'])}{to}: {item['text']}")
    out.append(f"Phân công ({len(reading['assignments'])}):")
    for index, item in enumerate(reading["assignments"], start=1):
        lead = f" — chủ trì: {item['lead_for']}" if item.get("lead_for") else ""
        out.append(f"  {index}. {item['unit']} ({len(item['tasks'])} nhiệm vụ){lead}")
    out.append("Nơi nhận: " + ("; ".join(reading["recipients"]) or "(không thấy)"))
    signer = reading["signer"]
    signed = " ".join(
        part for part in (signer.get("capacity"), signer.get("title"), signer.get("name")) if part
    )
    out.append(f"Người ký: {signed or '(không thấy)'}")
    out.append(f"Cảnh báo ({len(reading['warnings'])}):")
    out += [f"  - [{item['code']}] {item['message']}" for item in reading["warnings"]]
    return "\n".join(out)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="thidua plan parse", description="Đọc kế hoạch từ .docx, .pdf hoặc .txt."
    )
    parser.add_argument("file", help="tệp .docx, .pdf hoặc .txt")
    parser.add_argument("--json", action="store_true", help="in kết quả theo plan-parse.schema.json")
    return parser


def main(argv: list[str]) -> int:
    """Exit 0 on success, 2 on unreadable input (JSON error object on stdout with --json)."""
    from thidua.campaigns.reader import read_plan_file

    argv = list(argv)
    if argv[:2] == ["plan", "parse"]:
        argv = argv[2:]
    elif argv[:1] == ["parse"]:
        argv = argv[1:]
    as_json = "--json" in argv
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return EXIT_OK if exit_.code in (0, None) else EXIT_UNREADABLE
    try:
        reading = read_plan_file(args.file)
    except ReaderError as error:
        if as_json:
            print(json.dumps(error.as_dict(), ensure_ascii=False, indent=2))
        else:
            print(f"Không đọc được tệp: {error.message_vi}", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.json:
        print(json.dumps(reading, ensure_ascii=False, indent=2))
    else:
        print(summary(reading))
    return EXIT_OK
