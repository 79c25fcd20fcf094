"""Files of the library and of good models: the one guard of units/uploads.py (content by its first
bytes, the size limit), then, for an image, a thumbnail made with Pillow and stored beside it. An
image Pillow cannot read (a renamed file that only starts like a JPEG) is refused here too."""

from django.utils.translation import gettext as _

from units.uploads import MAX_UPLOAD_BYTES, check_upload, image_thumbnail

__all__ = ["MAX_UPLOAD_BYTES", "THUMB_SIZE", "check_photo", "check_resource_file", "thumbnail_of"]

THUMB_SIZE = (480, 360)


def check_resource_file(uploaded) -> str:
    return check_upload(uploaded, hint=_("Học liệu tải lên chỉ nhận ảnh hoặc PDF; video, bài giảng hãy ghi đường dẫn."))


def check_photo(uploaded) -> str:
    return check_upload(uploaded, images_only=True, hint=_("Ảnh mô hình chỉ nhận tệp ảnh."))


def thumbnail_of(uploaded):
    """A JPEG no larger than THUMB_SIZE (units.uploads.image_thumbnail)."""
    return image_thumbnail(uploaded, size=THUMB_SIZE)
