"""``thidua plan render FILE --out OUT.docx|OUT.pdf [--json] [--signed]``.

FILE is anything ``thidua plan parse`` reads (.txt, .docx, .pdf) or its ``--json`` output (a .json file, or
``-`` for standard input), so a plan goes from the city's PDF to the commune's own Decree 30 draft in one
command. It lives in ``campaigns`` because it needs both the reader (here) and the renderer (in
``documents``, which must not import ``campaigns``; ADR 0005).

Exit 0 on success; 2 with a Vietnamese message (a JSON error object on stdout with ``--json``) when the input
cannot be read, the output extension is not .docx/.pdf, the data is not a plan, LibreOffice is missing or
fails for .pdf, or the output cannot be written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from thidua.campaigns.reader import DEFAULT_MAX_BYTES, ReaderError, read_plan_bytes, read_plan_file
from thidua.documents.render import RenderError, plan_spec, render_docx, render_pdf

EXIT_OK = 0
EXIT_UNREADABLE = 2
OUTPUT_FORMATS = (".docx", ".pdf")
#: A dict with any of these keys is taken for a reading in the plan-parse contract.
CONTRACT_KEYS = frozenset({"doc_kind", "issuer", "title", "number", "symbol", "signer", "assignments"})


class RenderCommandError(Exception):
    def __init__(self, code: str, message_vi: str) -> None:
        super().__init__(f"{code}: {message_vi}")
        self.code = code
        self.message_vi = message_vi

    def as_dict(self) -> dict:
        return {"error": {"code": self.code, "message": self.message_vi}}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="thidua plan render",
        description="Soạn kế hoạch theo thể thức Nghị định 30/2020/NĐ-CP (.docx hoặc .pdf).",
    )
    parser.add_argument(
        "file", help="tệp .docx, .pdf, .txt, hoặc kết quả JSON của `thidua plan parse` (- là stdin)"
    )
    parser.add_argument("--out", required=True, help="tệp kết quả, đuôi .docx hoặc .pdf")
    parser.add_argument("--json", action="store_true", help="in kết quả (hoặc lỗi) dạng JSON")
    parser.add_argument("--signed", action="store_true", help="in “(Đã ký)” ở chỗ chữ ký (bản sao)")
    return parser


def _json_plan(data: bytes, *, required: bool) -> dict | None:
    """The plan dict if ``data`` is contract-shaped JSON; None if it is not JSON (and JSON is not required)."""
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        if required:
            raise RenderCommandError("json_invalid", f"Tệp JSON không đọc được: {error}") from error
        return None
    if isinstance(value, dict) and isinstance(value.get("error"), dict):
        message = value["error"].get("message") or "không rõ lỗi"
        raise RenderCommandError(
            "json_error_object", f"Tệp JSON là một thông báo lỗi, không phải kế hoạch: {message}"
        )
    if not isinstance(value, dict) or not CONTRACT_KEYS & value.keys():
        raise RenderCommandError(
            "json_not_plan",
            "Tệp JSON không phải dữ liệu kế hoạch (cần kết quả của `thidua plan parse --json`).",
        )
    return value


def load_plan(source: str) -> tuple[dict, str]:
    """The plan data and where it came from ("json" or the reader)."""
    if source == "-":
        data = sys.stdin.buffer.read(DEFAULT_MAX_BYTES + 1)
        if len(data) > DEFAULT_MAX_BYTES:
            raise RenderCommandError("too_large", "Dữ liệu vào quá lớn.")
        plan = _json_plan(data, required=False) if data.lstrip()[:1] == b"{" else None
        return (plan, "json") if plan is not None else (read_plan_bytes(data, "stdin.txt"), "reader")
    path = Path(source)
    if path.suffix.lower() == ".json" or _starts_with_brace(path):
        if path.is_file() and path.stat().st_size > DEFAULT_MAX_BYTES:
            raise RenderCommandError("too_large", f"Tệp {path.name} quá lớn.")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise RenderCommandError(
                "file_unreadable", f"Không mở được tệp {source}: {error.strerror}"
            ) from error
        plan = _json_plan(data, required=path.suffix.lower() == ".json")
        if plan is not None:
            return plan, "json"
    return read_plan_file(path), "reader"


def _starts_with_brace(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"
    except OSError:
        return False


def _check_plan(plan: dict) -> None:
    """A Decree 30 document cannot be laid out without its issuing body and place name."""
    missing = [
        label
        for key, label in (("issuer", "cơ quan ban hành"), ("place", "địa danh ghi ở dòng ngày tháng"))
        if not str(plan.get(key) or plan.get(f"{key}_lines") or "").strip()
    ]
    if missing:
        raise RenderCommandError(
            "plan_incomplete",
            f"Không soạn được kế hoạch: không thấy {' và '.join(missing)} (tệp có phải là kế hoạch không?).",
        )


def render_plan(plan: dict, fmt: str, *, signed: bool = False) -> bytes:
    _check_plan(plan)
    try:
        data = render_docx(plan_spec(plan, signed=signed))
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise RenderCommandError("plan_invalid", f"Dữ liệu kế hoạch không hợp lệ: {error}") from error
    if fmt == ".pdf":
        try:
            data = render_pdf(data)
        except RenderError as error:
            raise RenderCommandError("pdf_unavailable", str(error)) from error
    return data


def main(argv: list[str]) -> int:
    argv = list(argv)
    if argv[:2] == ["plan", "render"]:
        argv = argv[2:]
    elif argv[:1] == ["render"]:
        argv = argv[1:]
    as_json = "--json" in argv
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return EXIT_OK if exit_.code in (0, None) else EXIT_UNREADABLE
    out = Path(args.out)
    try:
        fmt = out.suffix.lower()
        if fmt not in OUTPUT_FORMATS:
            raise RenderCommandError(
                "output_format", f"Tệp kết quả phải có đuôi .docx hoặc .pdf (không phải “{out.name}”)."
            )
        try:
            plan, origin = load_plan(args.file)
        except ReaderError as error:
            raise RenderCommandError(error.code, f"Không đọc được tệp: {error.message_vi}") from error
        data = render_plan(plan, fmt, signed=args.signed)
        try:
            out.write_bytes(data)
        except OSError as error:
            raise RenderCommandError(
                "output_unwritable", f"Không ghi được tệp {out}: {error.strerror}"
            ) from error
    except RenderCommandError as error:
        if as_json:
            print(json.dumps(error.as_dict(), ensure_ascii=False, indent=2))
        else:
            print(error.message_vi, file=sys.stderr)
        return EXIT_UNREADABLE
    warnings = [w for w in plan.get("warnings") or [] if isinstance(w, dict)]
    if as_json:
        result = {"output": str(out), "format": fmt.lstrip("."), "bytes": len(data), "source": origin}
        print(json.dumps({**result, "warnings": warnings}, ensure_ascii=False, indent=2))
    else:
        print(f"Đã ghi {out} ({len(data):,} byte).".replace(",", "."))
        for warning in warnings:
            print(f"  Lưu ý [{warning.get('code')}]: {warning.get('message')}")
    return EXIT_OK


def cli_main(argv: list[str]) -> int:
    """Entry point for ``thidua plan render`` (``thidua/cli.py`` DIRECT_COMMANDS)."""
    return main(argv)
