"""Files of the library and of good models: the one guard of units/uploads.py (content by its first
bytes, the size limit), then, for an image, a thumbnail made with Pillow and stored beside it. An
image Pillow cannot read (a renamed file that only starts like a JPEG) is refused here too."""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from units.uploads import MAX_UPLOAD_BYTES, check_upload

__all__ = ["MAX_UPLOAD_BYTES", "THUMB_SIZE", "check_photo", "check_resource_file", "thumbnail_of"]

THUMB_SIZE = (480, 360)


def check_resource_file(uploaded) -> str:
    return check_upload(uploaded, hint=_("Học liệu tải lên chỉ nhận ảnh hoặc PDF; video, bài giảng hãy ghi đường dẫn."))


def check_photo(uploaded) -> str:
    return check_upload(uploaded, images_only=True, hint=_("Ảnh mô hình chỉ nhận tệp ảnh."))


def thumbnail_of(uploaded) -> ContentFile:
    """A JPEG no larger than THUMB_SIZE, or a ValidationError when the image cannot be read."""
    uploaded.seek(0)
    try:
        with Image.open(uploaded) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail(THUMB_SIZE)
            if image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            image.save(out, "JPEG", quality=80)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("Ảnh “%(name)s” bị hỏng hoặc không đọc được; hãy chụp hoặc lưu lại ảnh rồi tải lên.")
            % {"name": uploaded.name},
            code="bad_image",
        ) from error
    finally:
        uploaded.seek(0)
    return ContentFile(out.getvalue())
