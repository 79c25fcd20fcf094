"""Evidence photos and response attachments: judged by their first bytes (a renamed .exe stays an
.exe) and no larger than the limit. A copy of centers/files.py's guard (domain apps do not import
each other): photos take images only, a response attachment an image or a PDF."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024

_SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
]


def sniff(uploaded) -> str | None:
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_file(uploaded, *, images_only: bool) -> str:
    """The file's real content type, or a ValidationError the user can act on."""
    if uploaded.size > MAX_BYTES:
        raise ValidationError(
            _("Tệp “%(name)s” nặng %(size)s, vượt quá giới hạn %(limit)s. Hãy chụp lại ảnh nhỏ hơn hoặc nén tệp PDF.")
            % {"name": uploaded.name, "size": filesizeformat(uploaded.size), "limit": filesizeformat(MAX_BYTES)},
            code="too_large",
        )
    content_type = sniff(uploaded)
    if content_type is None or (images_only and not content_type.startswith("image/")):
        message = (
            _("Tệp “%(name)s” không phải ảnh (JPG, PNG, GIF, WEBP).")
            if images_only
            else _("Tệp “%(name)s” không phải ảnh (JPG, PNG, GIF, WEBP) hay PDF.")
        )
        raise ValidationError(message % {"name": uploaded.name}, code="bad_type")
    return content_type
