"""PAdES signature of an issued document's PDF with a PKCS#12 certificate (pyHanko).

The server's certificate is configured by ``THIDUA_SIGNING_P12`` (path of the .p12/.pfx file) and
``THIDUA_SIGNING_P12_PASSWORD`` (settings or environment). The result validates with ``pdfsig`` and pyHanko.
"""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def sign_pdf(
    pdf: bytes, *, p12_path: str, password: bytes | None, reason: str = "", location: str = ""
) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    try:
        signer = signers.SimpleSigner.load_pkcs12(p12_path, passphrase=password)
    except Exception as error:  # pyHanko raises several kinds for a bad file or password
        raise ValidationError(
            _("The signing certificate could not be opened (wrong file or password).")
        ) from error
    if signer is None:
        raise ValidationError(_("The signing certificate could not be opened (wrong file or password)."))
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name="ChuKySo",
        reason=reason or None,
        location=location or None,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    output = io.BytesIO()
    signers.PdfSigner(meta, signer=signer).sign_pdf(writer, output=output)
    return output.getvalue()
