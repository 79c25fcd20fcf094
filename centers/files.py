"""Evidence files: images or PDF only, judged by their first bytes (a renamed .exe stays an .exe),
and no larger than the limit below."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Big enough for a phone photo or a scanned decision; small enough for the office's disk and network.
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024

_SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
]


def sniff(uploaded) -> str | None:
    """The content type read from the file header, or None when it is not an image or a PDF."""
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_evidence(uploaded) -> str:
    """The file's real content type, or a ValidationError a director can act on."""
    if uploaded.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            _("Tệp “%(name)s” nặng %(size)s, vượt quá giới hạn %(limit)s. Hãy chụp lại ảnh nhỏ hơn hoặc nén tệp PDF.")
            % {
                "name": uploaded.name,
                "size": filesizeformat(uploaded.size),
                "limit": filesizeformat(MAX_EVIDENCE_BYTES),
            },
            code="too_large",
        )
    content_type = sniff(uploaded)
    if content_type is None:
        raise ValidationError(
            _("Tệp “%(name)s” không phải ảnh (JPG, PNG, GIF, WEBP) hay PDF. Minh chứng chỉ nhận ảnh hoặc PDF.")
            % {"name": uploaded.name},
            code="bad_type",
        )
    return content_type
