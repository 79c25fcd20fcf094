"""An attachment of a news item: the portal's one upload guard (units/uploads.py: an image or a PDF
judged by its first bytes, at most 10 MB) and, for an image, a small JPEG thumbnail for the lists,
so a page of photos does not send every phone photo whole."""

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from units.uploads import check_upload

THUMB_SIZE = (320, 320)
MAX_PIXELS = 60_000_000  # a 60-megapixel photo is the largest a phone takes; more is a decompression bomb


def check_file(uploaded) -> str:
    return check_upload(uploaded, hint=_("Hãy đính kèm ảnh chụp hoặc bản PDF của tin, bài."))


def thumbnail(uploaded) -> ContentFile:
    """A JPEG of at most 320×320 px, or a ValidationError when the image cannot be read."""
    from PIL import Image, UnidentifiedImageError

    uploaded.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(uploaded) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise ValidationError(_("Ảnh quá lớn (quá 60 triệu điểm ảnh): hãy chụp lại ảnh nhỏ hơn."))
                image.thumbnail(THUMB_SIZE)
                out = io.BytesIO()
                image.convert("RGB").save(out, "JPEG", quality=80)
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
            _("Không đọc được ảnh “%(name)s”: tệp bị hỏng hoặc không phải ảnh.") % {"name": uploaded.name}
        ) from error
    finally:
        uploaded.seek(0)
    return ContentFile(out.getvalue())
