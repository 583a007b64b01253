"""Files → text: .txt, .docx (paragraphs and table cells in document order) and .pdf (text layer).

The format is decided by the content (magic bytes), not only by the extension; the size is checked
before anything is read.
"""

import io
import os
import zipfile
from pathlib import Path

from thidua.campaigns.reader.encoding import decode_text, refuse_legacy
from thidua.campaigns.reader.errors import ReaderError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_EXTENSIONS = (".txt", ".text")
_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def check_size(path: Path, max_bytes: int) -> int:
    """The file's size; refuses a missing, empty or too large file without opening it."""
    try:
        size = os.stat(path).st_size
    except OSError as error:
        raise ReaderError("file_not_found", f"Không tìm thấy tệp “{path}”.") from error
    if not path.is_file():
        raise ReaderError("file_not_found", f"“{path}” không phải là một tệp.")
    if size > max_bytes:
        raise ReaderError(
            "file_too_large",
            f"Tệp quá lớn ({_megabytes(size)} MB), giới hạn là {_megabytes(max_bytes)} MB.",
        )
    if size == 0:
        raise ReaderError("empty_file", "Tệp rỗng, không có nội dung.")
    return size


def sniff(data: bytes, extension: str) -> str:
    """ "pdf", "docx" or "text" from the content; unreadable kinds raise ReaderError."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(data, extension)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise ReaderError(
            "unsupported_format", "Tệp Word cũ (.doc) chưa đọc được; hãy mở bằng Word và lưu thành .docx."
        )
    if head.startswith(_IMAGES):
        raise ReaderError(
            "unsupported_format", "Tệp là ảnh chụp, không có chữ; cần bản có chữ (.docx, .pdf có chữ)."
        )
    if head.lstrip().lower().startswith((b"{\\rtf", b"<!doctype html", b"<html")):
        raise ReaderError(
            "unsupported_format", "Định dạng tệp chưa được hỗ trợ; hãy dùng .docx, .pdf hoặc .txt."
        )
    if extension == ".docx":
        raise ReaderError("corrupt_docx", "Tệp .docx bị hỏng hoặc không phải tệp Word (.docx).")
    if extension == ".pdf":
        raise ReaderError("corrupt_pdf", "Tệp .pdf bị hỏng hoặc không phải tệp PDF.")
    if extension not in TEXT_EXTENSIONS:
        shown = extension or "(không có phần mở rộng)"
        raise ReaderError(
            "unsupported_format",
            f"Định dạng tệp “{shown}” không được hỗ trợ; hãy dùng .docx, .pdf hoặc .txt.",
        )
    return "text"


def _sniff_zip(data: bytes, extension: str) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ReaderError("corrupt_docx", "Tệp .docx bị hỏng (không mở được gói nén).") from error
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names:
        raise ReaderError("unsupported_format", "Tệp OpenDocument (.odt) chưa đọc được; hãy lưu thành .docx.")
    if extension == ".docx":
        raise ReaderError("corrupt_docx", "Tệp .docx bị hỏng (thiếu phần nội dung word/document.xml).")
    raise ReaderError("unsupported_format", "Tệp nén không phải .docx; hãy dùng .docx, .pdf hoặc .txt.")


def extract_bytes(data: bytes, filename: str = "") -> tuple[str, str]:
    """(text, format) from the bytes of an uploaded file."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ReaderError("empty_file", "Tệp rỗng, không có nội dung.")
    kind = sniff(data, Path(filename).suffix.lower())
    if kind == "pdf":
        from thidua.campaigns.reader.pdf import pdf_text

        text = pdf_text(data)
    elif kind == "docx":
        from thidua.campaigns.reader.word import docx_text

        text = docx_text(data)
    else:
        text = decode_text(data)
    if not text.strip():
        raise ReaderError("empty_file", "Tệp không có chữ nào.")
    refuse_legacy(text)
    return text, kind


def extract_file(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str]:
    path = Path(path)
    check_size(path, max_bytes)
    return extract_bytes(path.read_bytes(), path.name)


def extract_text(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of a .txt, .docx or .pdf file; raises ReaderError when it cannot be read."""
    return extract_file(path, max_bytes=max_bytes)[0]
