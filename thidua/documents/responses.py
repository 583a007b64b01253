"""Turn a rendered document into a download: .docx as is, PDF through LibreOffice.

    return document_response(plan_spec(data), "pdf", "Kế hoạch 05-KH-UBND")

When LibreOffice is missing or fails, the user gets a short Vietnamese page (HTTP 503), never a traceback;
views that prefer to show the message themselves call ``document_bytes`` and catch ``DocumentUnavailable``.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from django.http import Http404, HttpResponse
from django.template.loader import render_to_string

from thidua.documents.render import RenderError, render_docx, render_pdf
from thidua.documents.render.spec import DocumentSpec

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"
CONTENT_TYPES = {"docx": DOCX_TYPE, "pdf": PDF_TYPE}


class DocumentUnavailable(Exception):
    """The document could not be produced in the asked format; ``message`` is Vietnamese, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def document_bytes(spec: DocumentSpec, fmt: str) -> bytes:
    """The document as .docx or PDF bytes; ``DocumentUnavailable`` with a Vietnamese message otherwise."""
    fmt = fmt.lower().lstrip(".")
    if fmt not in CONTENT_TYPES:
        raise DocumentUnavailable(f"Định dạng “{fmt}” không được hỗ trợ, chỉ có .docx và .pdf.")
    try:
        data = render_docx(spec)
        return render_pdf(data) if fmt == "pdf" else data
    except RenderError as error:
        raise DocumentUnavailable(
            f"Không tạo được bản PDF: {error}. Hãy tải bản .docx và chuyển sang PDF bằng Word hoặc LibreOffice."
        ) from error


def ascii_filename(name: str) -> str:
    """``Kế hoạch 05/KH-UBND`` -> ``Ke-hoach-05-KH-UBND``: ASCII letters, digits, ``-``, ``_``, ``.`` only."""
    text = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.")
    return text or "van-ban"


def content_disposition(filename: str, *, attachment: bool = True) -> str:
    """``attachment; filename="Ke-hoach.docx"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch.docx``."""
    name = unicodedata.normalize("NFC", filename).replace("/", "-").replace("\\", "-").strip()
    name = " ".join("".join(char if char.isprintable() else " " for char in name).split()) or "van-ban"
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    safe = ascii_filename(stem) + (f".{ascii_filename(extension)}" if extension else "")
    disposition = "attachment" if attachment else "inline"
    return f"{disposition}; filename=\"{safe}\"; filename*=UTF-8''{quote(name, safe='')}"


def document_response(spec: DocumentSpec, fmt: str, filename: str, *, request=None) -> HttpResponse:
    """A download of ``spec`` as ``fmt`` ("docx" or "pdf"), named ``filename`` (the extension is added).

    If the PDF cannot be made (LibreOffice missing or failing) the answer is a 503 page with the reason
    in Vietnamese.
    """
    fmt = fmt.lower().lstrip(".")
    if fmt not in CONTENT_TYPES:
        raise Http404
    try:
        data = document_bytes(spec, fmt)
    except DocumentUnavailable as error:
        page = render_to_string(
            "documents/unavailable.html", {"message": error.message, "format": fmt}, request=request
        )
        return HttpResponse(page, status=503, content_type="text/html; charset=utf-8")
    if not filename.lower().endswith(f".{fmt}"):
        filename = f"{filename}.{fmt}"
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition(filename)
    response["Content-Length"] = str(len(data))
    response["X-Content-Type-Options"] = "nosniff"
    return response
