"""The QĐ (.docx with python-docx, PDF with pdftotext), the PAdES signature (pyHanko, pdfsig) and the
certificates PDF (page count, landscape, text, the QR code's URL)."""

import datetime
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from thidua.decisions import certificates, documents, services
from thidua.decisions.choices import BatchMode, BatchStatus, DecisionStatus, SignerCapacity
from thidua.decisions.tests.conftest import IMMEDIATE

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(voted_round, admin_user, chairman):
    decision = services.decision_create(
        actor=admin_user, review_round=voted_round, data={"signer_name": "Hoàng Văn Chủ"}
    )
    return services.decision_issue(actor=chairman, decision=decision)


def docx_text(data: bytes) -> tuple[str, list[list[str]]]:
    document = Document(io.BytesIO(data))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    return paragraphs, rows


def pdftotext(data: bytes, *extra: str) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        return subprocess.run(
            ["pdftotext", *extra, handle.name, "-"], capture_output=True, check=True, text=True
        ).stdout


def test_decision_docx_has_articles_annex_order_subtotals_and_total_in_words(issued):
    text, rows = docx_text(documents.render_docx_fast(documents.decision_spec(issued)))
    assert "Số: 01/QĐ-UBND" in "\n".join(" ".join(r) for r in rows) + text
    assert "QUYẾT ĐỊNH" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ÁNH DƯƠNG" in text
    for article in ("Điều 1.", "Điều 2.", "Điều 3."):
        assert article in text
    assert "(Kèm theo Quyết định số 01/QĐ-UBND ngày" in text
    assert "Sáu triệu tám trăm bốn mươi nghìn đồng" in text
    annex = [row for row in rows if len(row) == 4 and row[0] != "STT"]
    names = [row[1] for row in annex]
    assert names.index("Lê Văn An") < names.index("Nguyễn Thị Ánh") < names.index("Trần Văn Bình")
    assert names.index("Trần Văn Bình") < names.index("Phạm Thị Đào") < names.index("Phòng Kinh tế")
    subtotals = [row[3] for row in annex if row[1].startswith("Cộng")]
    assert subtotals == ["2.280.000", "2.530.000", "2.030.000"]
    assert ["", "TỔNG CỘNG", "", "6.840.000"] in annex
    signer = [row for row in rows if any("CHỦ TỊCH" in cell and "Hoàng Văn Chủ" in cell for cell in row)]
    assert signer and not any("TM." in cell for cell in signer[0])


def test_vice_chairman_signs_for_the_chairman(issued):
    issued.signer_capacity = SignerCapacity.VICE_CHAIRMAN
    _text, rows = docx_text(documents.render_docx_fast(documents.decision_spec(issued)))
    cells = " ".join(cell for row in rows for cell in row)
    assert "KT. CHỦ TỊCH" in cells and "PHÓ CHỦ TỊCH" in cells


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_decision_pdf_text(issued):
    text = pdftotext(documents.document_pdf(issued))
    assert "QUYẾT ĐỊNH" in text and "01/QĐ-UBND" in text
    assert "DANH SÁCH" in text and "TỔNG CỘNG" in text
    assert "Sáu triệu tám trăm bốn mươi nghìn đồng" in " ".join(text.split())


def make_p12(path: Path, password: bytes) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "UBND xa Anh Duong (thu nghiem)")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, True, False, False, False), critical=True
        )
        .sign(key, hashes.SHA256())
    )
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"test", key, certificate, None, serialization.BestAvailableEncryption(password)
        )
    )
    return certificate


def test_signature_with_a_self_signed_certificate(issued, chairman, settings, tmp_path):
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    make_p12(tmp_path / "sign.p12", b"mat-khau")
    settings.THIDUA_SIGNING_P12 = str(tmp_path / "sign.p12")
    settings.THIDUA_SIGNING_P12_PASSWORD = "mat-khau"
    settings.MEDIA_ROOT = str(tmp_path / "media")
    pdf = documents.document_pdf(issued) if shutil.which("soffice") else None
    if pdf is None:
        pytest.skip("LibreOffice is not installed")
    decision = services.decision_sign(actor=chairman, decision=issued, pdf=pdf)
    assert decision.status == DecisionStatus.SIGNED
    with decision.signed_pdf.open("rb") as handle:
        signed = handle.read()
    from cryptography.hazmat.primitives.serialization import pkcs12

    _key, cert, _more = pkcs12.load_key_and_certificates((tmp_path / "sign.p12").read_bytes(), b"mat-khau")
    from cryptography.hazmat.primitives.serialization import Encoding

    (tmp_path / "cert.der").write_bytes(cert.public_bytes(Encoding.DER))
    root = load_cert_from_pemder(str(tmp_path / "cert.der"))
    reader = PdfFileReader(io.BytesIO(signed))
    status = validate_pdf_signature(reader.embedded_signatures[0], ValidationContext(trust_roots=[root]))
    assert status.intact and status.valid and status.trusted
    if shutil.which("pdfsig"):
        (tmp_path / "signed.pdf").write_bytes(signed)
        out = subprocess.run(["pdfsig", str(tmp_path / "signed.pdf")], capture_output=True, text=True).stdout
        assert "Signature is Valid" in out
    # signing twice is refused
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.decision_sign(actor=chairman, decision=decision, pdf=pdf)


def test_certificates_full_and_preprinted(issued):
    items = certificates.certificates_of(issued, "https://thidua.example.vn")
    assert len(items) == 5
    full = certificates.render_pdf(items[:3])
    reader = PdfReader(io.BytesIO(full))
    assert len(reader.pages) == 3
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    assert abs(float(box.width) - 841.89) < 2 and abs(float(box.height) - 595.28) < 2  # A4
    text = pdftotext(full)
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ÁNH DƯƠNG" in text
    assert "TẶNG DANH HIỆU" in text and "LAO ĐỘNG TIÊN TIẾN" in text
    assert "Lê Văn An" in text and "Số sổ vàng: 1/" in text and "01/QĐ-UBND" in text
    tokens = [e.register.token for e in issued.entries.select_related("register")]
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    ]
    links = sorted(set(links))
    assert len(links) == 3 and all(
        link.startswith("https://thidua.example.vn/portal/verify/") for link in links
    )
    assert all(link.rstrip("/").rsplit("/", 1)[1] in tokens for link in links)
    preprinted = certificates.render_pdf(items[:3], mode=BatchMode.PREPRINTED, offset_x=5, offset_y=-3)
    text = pdftotext(preprinted)
    assert "Lê Văn An" in text and "CHỦ TỊCH ỦY BAN NHÂN DÂN" not in text and "TẶNG" not in text


def test_qr_code_encodes_the_verification_url():
    import segno

    url = "https://thidua.example.vn/portal/verify/abc/"
    qr = segno.make(url, error="m")
    assert certificates.qr_data_uri(url).startswith("data:image/png")
    assert qr.designator  # encodes without error; the same URL is the page's link (checked above)


def test_batch_runs_in_the_background_task_and_reports_progress(
    issued, admin_user, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = str(tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        batch = services.batch_create(actor=admin_user, decision=issued, base_url="http://testserver")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and batch.done == batch.total == 5
    with batch.file.open("rb") as handle:
        assert len(PdfReader(handle).pages) == 5


@pytest.mark.skipif(not shutil.which("pdfimages"), reason="poppler-utils is not installed")
def test_the_qr_code_in_the_pdf_is_the_code_of_the_verification_url(issued, tmp_path):
    """No QR decoder is installed: the image printed on the page is compared module by module with the code
    segno makes for the page's link (the verification URL)."""
    import segno
    from PIL import Image

    items = certificates.certificates_of(issued, "https://thidua.example.vn")[:1]
    (tmp_path / "one.pdf").write_bytes(certificates.render_pdf(items))
    subprocess.run(["pdfimages", "-png", str(tmp_path / "one.pdf"), str(tmp_path / "img")], check=True)
    image = Image.open(next(tmp_path.glob("img-*.png"))).convert("1")
    expected = segno.make(items[0].url, error="m", mask=certificates.QR_MASK, boost_error=False)
    assert image.size == (len(expected.matrix[0]), len(expected.matrix))
    printed = [[image.getpixel((x, y)) == 0 for x in range(image.width)] for y in range(image.height)]
    assert printed == [[bool(module) for module in row] for row in expected.matrix]
    assert "/portal/verify/" in items[0].url
