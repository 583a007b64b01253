"""Read a Vietnamese administrative plan (Kế hoạch) or similar document into the plan-parse contract.

Pure Python, no Django. Entry points:

- ``read_plan_file(path)`` / ``read_plan_bytes(data, filename)``: .txt, .docx or .pdf → contract dict;
- ``read_plan_text(text)``: text → contract dict;
- ``extract_text(path)``: the text the reader works on;
- ``cli_main(argv)``: ``thidua plan parse FILE [--json]``.

Unreadable input raises ``ReaderError(code, message_vi)``; odd but readable text never raises.
"""

from thidua.campaigns.reader.errors import ReaderError
from thidua.campaigns.reader.extract import DEFAULT_MAX_BYTES, extract_bytes, extract_file, extract_text
from thidua.campaigns.reader.parser import read_plan_text


def read_plan_bytes(data: bytes, filename: str = "") -> dict:
    """Read an uploaded file's bytes (the caller checks the upload size first)."""
    text, kind = extract_bytes(data, filename)
    return read_plan_text(text, wrapped=None if kind == "text" else kind == "pdf")


def read_plan_file(path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> dict:
    """Read a .txt, .docx or .pdf file; the size limit is checked before the file is opened."""
    text, kind = extract_file(path, max_bytes=max_bytes)
    return read_plan_text(text, wrapped=None if kind == "text" else kind == "pdf")


def cli_main(argv: list[str]) -> int:
    from thidua.campaigns.reader.cli import main

    return main(argv)


__all__ = [
    "DEFAULT_MAX_BYTES",
    "ReaderError",
    "cli_main",
    "extract_text",
    "read_plan_bytes",
    "read_plan_file",
    "read_plan_text",
]
