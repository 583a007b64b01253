"""Vietnamese administrative documents in the Decree 30/2020/NĐ-CP format, as .docx and PDF.

Pure Python (python-docx, LibreOffice for PDF); no Django imports, so it runs in workers and the CLI.

    spec = plan_spec(plan_dict)          # or build a DocumentSpec by hand
    docx_bytes = render_docx(spec)
    pdf_bytes = render_pdf(docx_bytes)   # RenderError with a Vietnamese message on failure
"""

from .builders import plan_spec, registration_summary_spec
from .docx_writer import render_docx
from .formatting import decree30_date, number_line, place_date_line
from .pdf import RenderError, render_pdf, render_pdfs
from .spec import (
    CAPACITY_PREFIXES,
    Annex,
    Block,
    Bullet,
    DocumentSpec,
    Heading,
    Paragraph,
    PartialDate,
    Signature,
    Table,
)

__all__ = [
    "CAPACITY_PREFIXES",
    "Annex",
    "Block",
    "Bullet",
    "DocumentSpec",
    "Heading",
    "Paragraph",
    "PartialDate",
    "RenderError",
    "Signature",
    "Table",
    "decree30_date",
    "number_line",
    "place_date_line",
    "plan_spec",
    "registration_summary_spec",
    "render_docx",
    "render_pdf",
    "render_pdfs",
]
