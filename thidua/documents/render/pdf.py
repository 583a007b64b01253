"""Convert a .docx to PDF with LibreOffice headless.

Each conversion runs in its own temporary directory with its own LibreOffice user profile
(``-env:UserInstallation``), so concurrent conversions (threads, worker processes) never share the
profile lock. Times New Roman is substituted by Liberation Serif 2, which has the same metrics and the
Vietnamese glyphs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

DEFAULT_TIMEOUT_SECONDS = 60
_CANDIDATES = ("soffice", "libreoffice")


class RenderError(RuntimeError):
    """A document could not be rendered; the message is Vietnamese and meant for the user."""


def find_soffice() -> str | None:
    """The LibreOffice executable (``THIDUA_SOFFICE`` overrides the search), or None."""
    override = os.environ.get("THIDUA_SOFFICE")
    if override:
        return override if Path(override).is_file() else shutil.which(override)
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def render_pdf(docx_bytes: bytes, *, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> bytes:
    """Return the PDF rendering of a .docx given as bytes.

    Raises :class:`RenderError` when LibreOffice is missing, times out or produces no PDF.
    """
    if not docx_bytes.startswith(b"PK\x03\x04"):
        raise RenderError("Dữ liệu không phải tệp .docx, không thể xuất PDF")
    return render_pdfs({"document": docx_bytes}, timeout=timeout)["document"]


def render_pdfs(documents: dict[str, bytes], *, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> dict[str, bytes]:
    """The PDFs of several .docx files (by name) in one LibreOffice run: one start-up for a whole bundle.

    Raises :class:`RenderError` when LibreOffice is missing, times out, or a file gives no PDF.
    """
    soffice = find_soffice()
    if soffice is None:
        raise RenderError("Chưa cài LibreOffice (soffice), không thể xuất PDF")
    if not documents:
        return {}
    with tempfile.TemporaryDirectory(prefix="thidua-pdf-") as workdir:
        work = Path(workdir)
        sources = {}
        for index, (name, data) in enumerate(documents.items()):
            sources[name] = work / f"d{index:04d}.docx"
            sources[name].write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work / "out"),
            *(str(path) for path in sources.values()),
        ]
        environment = {**os.environ, "HOME": str(work), "LC_ALL": "C.UTF-8"}
        returncode, output = _run(command, timeout=timeout, env=environment, cwd=work, soffice=soffice)
        result = {}
        for name, source in sources.items():
            target = work / "out" / f"{source.stem}.pdf"
            if returncode != 0 or not target.is_file() or target.stat().st_size == 0:
                detail = output.decode("utf-8", "replace").strip()
                detail = detail.splitlines()[-1] if detail else f"mã lỗi {returncode}"
                raise RenderError(f"LibreOffice không chuyển được tệp sang PDF: {detail}")
            result[name] = target.read_bytes()
        return result


def _run(command: list[str], *, timeout: float, env: dict, cwd: Path, soffice: str) -> tuple[int, bytes]:
    """Run LibreOffice in its own process group, so a timeout kills soffice.bin as well as its launcher."""
    try:
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=cwd,
            start_new_session=True,
        )
    except OSError as error:
        raise RenderError(f"Không chạy được LibreOffice ({soffice}): {error}") from error
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as error:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise RenderError(f"LibreOffice không chuyển xong tệp sang PDF sau {timeout:g} giây") from error
    return process.returncode, output
