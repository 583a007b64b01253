"""Photo uploads are checked by their content, never by the file name or the browser's content type."""

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
#: Pillow's format name -> the kind stored (and served as image/<kind>).
FORMATS = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp"}
SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


def _looks_like_image(head: bytes) -> bool:
    return head.startswith(SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def check_photo(data: bytes) -> tuple[str, int, int]:
    """Return (kind, width, height) of a real JPEG, PNG or WebP image, or raise ValidationError."""
    if not data:
        raise ValidationError(_("The file is empty."))
    if len(data) > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("The photo is larger than %(limit)s MB.") % {"limit": MAX_PHOTO_BYTES // (1024 * 1024)}
        )
    if not _looks_like_image(data[:16]):
        raise ValidationError(_("This file is not a JPEG, PNG or WebP photo."))
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = FORMATS.get(image.format or "")
            width, height = image.size
            if kind is None:
                raise ValidationError(_("This file is not a JPEG, PNG or WebP photo."))
            if width * height > MAX_PIXELS:
                raise ValidationError(_("The photo has too many pixels."))
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("This file is not a JPEG, PNG or WebP photo.")) from exc
    return kind, width, height
