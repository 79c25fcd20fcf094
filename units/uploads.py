"""Uploaded evidence (photos, scanned papers): one guard for every module. A file is judged by its
first bytes (a renamed .exe stays an .exe) and refused above the size limit, with a message the
person can act on. Centres' evidence, inspection photos and answers use it (centers/files.py,
inspections/files.py keep their own names for it)."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

# Big enough for a phone photo or a scanned decision; small enough for the office's disk and network.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024

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


def check_upload(uploaded, *, images_only: bool = False, hint: str = "") -> str:
    """The file's real content type (an image, or a PDF unless `images_only`), or a ValidationError.
    `hint` ends the wrong-type message ("Minh chứng chỉ nhận ảnh hoặc PDF.")."""
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Tệp “%(name)s” nặng %(size)s, vượt quá giới hạn %(limit)s. Hãy chụp lại ảnh nhỏ hơn hoặc nén tệp PDF.")
            % {
                "name": uploaded.name,
                "size": filesizeformat(uploaded.size),
                "limit": filesizeformat(MAX_UPLOAD_BYTES),
            },
            code="too_large",
        )
    content_type = sniff(uploaded)
    if content_type is None or (images_only and not content_type.startswith("image/")):
        message = (
            _("Tệp “%(name)s” không phải ảnh (JPG, PNG, GIF, WEBP).")
            if images_only
            else _("Tệp “%(name)s” không phải ảnh (JPG, PNG, GIF, WEBP) hay PDF.")
        ) % {"name": uploaded.name}
        raise ValidationError(f"{message} {hint}".strip(), code="bad_type")
    return content_type


def file_response(field, name: str, content_type: str) -> HttpResponse:
    """A stored upload sent back (after the view checked the viewer's scope): whole, since uploads
    are at most MAX_BYTES, inline, never sniffed by the browser; a missing file is a 404."""
    if not field:
        raise Http404(_("Không có tệp."))
    try:
        with field.open("rb") as handle:
            content = handle.read()
    except (FileNotFoundError, ValueError) as error:
        raise Http404(_("Tệp không còn trên máy chủ.")) from error
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(False, name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


THUMB_SIZE = (320, 320)
MAX_PIXELS = 60_000_000  # a 60-megapixel photo is the largest a phone takes; more is a decompression bomb


def image_thumbnail(uploaded, *, size: tuple[int, int] = THUMB_SIZE):
    """A JPEG no larger than `size`, upright as the phone held it (EXIF orientation), for the lists
    and galleries, so a page of photos does not send every phone photo whole. A ValidationError
    when the image cannot be read (a file that only starts like a JPEG) or is a decompression bomb.
    The one thumbnail of the portal: news items, library resources, good models, emulation evidence."""
    import io
    import warnings

    from django.core.files.base import ContentFile
    from PIL import Image, ImageOps, UnidentifiedImageError

    uploaded.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(uploaded) as opened:
                if opened.width * opened.height > MAX_PIXELS:
                    raise ValidationError(_("Ảnh quá lớn (quá 60 triệu điểm ảnh): hãy chụp lại ảnh nhỏ hơn."))
                image = ImageOps.exif_transpose(opened)
                image.thumbnail(size)
                if image.mode not in ("RGB", "L"):
                    image = image.convert("RGB")
                out = io.BytesIO()
                image.save(out, "JPEG", quality=80)
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombWarning,
        Image.DecompressionBombError,
    ) as error:
        raise ValidationError(
            _("Ảnh “%(name)s” bị hỏng hoặc không đọc được; hãy chụp hoặc lưu lại ảnh rồi tải lên.")
            % {"name": uploaded.name},
            code="bad_image",
        ) from error
    finally:
        uploaded.seek(0)
    return ContentFile(out.getvalue())
