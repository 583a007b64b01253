"""``thidua awards check FILE [--json]``: evaluate one request or an array of them.

Exit codes: 0 evaluated (whatever the outcome), 2 bad input or usage (nothing is evaluated; with
``--json`` a JSON error object ``{"error": {"code", "field", "message"}}`` is printed on stdout and the
message on stderr).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from .contract import ParsedRequest, parse_request, result_to_json
from .evaluate import evaluate
from .model import EngineInputError
from .money import award_amount
from .text import AUTHORITY_NAMES

USAGE = "Cách dùng: thidua awards check FILE [--json]   (FILE là đường dẫn tệp JSON, hoặc - để đọc từ stdin)"
EXIT_OK = 0
EXIT_BAD_INPUT = 2


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise ValueError(f"giá trị {name} không phải JSON hợp lệ")


def _load_json(text: str) -> Any:
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)
    except _DuplicateKey as error:
        key = error.args[0]
        raise EngineInputError(
            "duplicate_key", key, f"Trường '{key}' xuất hiện hai lần trong cùng một đối tượng JSON."
        ) from None
    except json.JSONDecodeError as error:
        raise EngineInputError(
            "invalid_json",
            None,
            f"Dữ liệu vào không phải JSON hợp lệ: lỗi tại dòng {error.lineno}, cột {error.colno} ({error.msg}).",
        ) from None
    except ValueError as error:
        raise EngineInputError(
            "invalid_json", None, f"Dữ liệu vào không phải JSON hợp lệ: {error}."
        ) from None


def _read(source: str, stdin: TextIO) -> str:
    if source == "-":
        return stdin.read()
    try:
        return Path(source).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EngineInputError("file_not_found", "FILE", f"Không tìm thấy tệp '{source}'.") from None
    except UnicodeDecodeError:
        raise EngineInputError(
            "invalid_encoding", "FILE", f"Tệp '{source}' không phải văn bản UTF-8."
        ) from None
    except OSError as error:
        raise EngineInputError(
            "file_unreadable", "FILE", f"Không đọc được tệp '{source}': {error.strerror}."
        ) from None


def _parse_args(argv: Sequence[str]) -> tuple[str, bool, str | None]:
    args = list(argv)
    if args[:2] == ["awards", "check"]:
        args = args[2:]
    as_json = "--json" in args
    args = [arg for arg in args if arg != "--json"]
    province = None
    if "--province" in args:
        at = args.index("--province")
        if at + 1 >= len(args):
            raise EngineInputError("usage", "--province", "Thiếu mã tỉnh sau --province. " + USAGE)
        province = args[at + 1]
        del args[at : at + 2]
    files = [arg for arg in args if arg == "-" or not arg.startswith("-")]
    unknown = [arg for arg in args if arg not in files]
    if unknown:
        raise EngineInputError("usage", unknown[0], f"Tùy chọn không hợp lệ '{unknown[0]}'. " + USAGE)
    if len(files) != 1:
        raise EngineInputError(
            "usage", "FILE", ("Thiếu tệp đầu vào. " if not files else "Chỉ nhận một tệp. ") + USAGE
        )
    return files[0], as_json, province


def _default_words() -> Callable[[int], str] | None:
    """The amount-in-words speller from ``thidua.core.vietnamese`` when that module provides one."""
    try:
        from thidua.core import vietnamese  # type: ignore[attr-defined]
    except Exception:  # absent, or needs an app context: the contract allows null
        return None
    speller = getattr(vietnamese, "amount_in_words", None)
    return speller if callable(speller) else None


def _parse_all(data: Any, today: date) -> tuple[list[ParsedRequest], bool]:
    if isinstance(data, list):
        return [parse_request(item, f"[{index}].", today) for index, item in enumerate(data)], True
    if isinstance(data, dict):
        return [parse_request(data, "", today)], False
    raise EngineInputError(
        "invalid_type", None, "Dữ liệu vào phải là một đối tượng yêu cầu hoặc một mảng các yêu cầu."
    )


def _text_report(item: dict[str, Any], parsed: ParsedRequest) -> str:
    title = parsed.ruleset.titles[parsed.target].name
    status = "ĐỦ ĐIỀU KIỆN" if item["eligible"] else ("TẠM HOÃN" if item["held"] else "KHÔNG ĐỦ ĐIỀU KIỆN")
    head = f"{item.get('id', '') + ': ' if item.get('id') else ''}{title} năm {parsed.year}: {status}"
    lines = [head, f"  Thẩm quyền: {AUTHORITY_NAMES[item['granted_by']]}"]
    lines += [
        f"  [{'x' if condition['met'] else ' '}] {condition['message']}" for condition in item["conditions"]
    ]
    if item["amount_vnd"] is not None:
        amount = f"{item['amount_vnd']:,}".replace(",", ".")
        words = f" ({item['amount_in_words']})" if item["amount_in_words"] else ""
        lines.append(f"  Tiền thưởng: {amount} đồng{words}")
    return "\n".join(lines)


def cli_main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    today: date | None = None,
    amount_in_words: Callable[[int], str] | None = None,
) -> int:
    """Run ``thidua awards check FILE [--json]``; returns the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    today = today or date.today()
    as_json = "--json" in argv
    try:
        source, as_json, province = _parse_args(argv)
        parsed, is_array = _parse_all(_load_json(_read(source, stdin)), today)
        if province:
            from .ruleset import load_ruleset

            for item in parsed:
                item.ruleset = load_ruleset(item.decision_date, province)
        results = [
            (item, evaluate(item.subject, item.target, item.year, item.ruleset, today=today))
            for item in parsed
        ]
    except EngineInputError as error:
        payload = {"error": {"code": error.code, "field": error.field, "message": error.message}}
        if as_json:
            stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        stderr.write(f"Lỗi: {error.message}\n")
        return EXIT_BAD_INPUT
    words = amount_in_words if amount_in_words is not None else _default_words()
    output = []
    for item, result in results:
        amount = award_amount(item.target, item.subject.kind, item.decision_date, item.ruleset)
        output.append(result_to_json(item, result, amount, words))
    if as_json:
        stdout.write(json.dumps(output if is_array else output[0], ensure_ascii=False, indent=2) + "\n")
    else:
        stdout.write(
            "\n\n".join(_text_report(out, item) for out, (item, _) in zip(output, results, strict=True))
            + "\n"
        )
    return EXIT_OK


def main() -> None:  # pragma: no cover - console entry point for manual use
    raise SystemExit(cli_main())
