"""An attachment of a news item: the portal's one upload guard (units/uploads.py: an image or a PDF
judged by its first bytes, at most 10 MB) and, for an image, a small JPEG thumbnail for the lists,
so a page of photos does not send every phone photo whole."""

from django.utils.translation import gettext as _

from units.uploads import check_upload, image_thumbnail

THUMB_SIZE = (320, 320)


def check_file(uploaded) -> str:
    return check_upload(uploaded, hint=_("Hãy đính kèm ảnh chụp hoặc bản PDF của tin, bài."))


def thumbnail(uploaded):
    """A JPEG of at most 320×320 px (units.uploads.image_thumbnail)."""
    return image_thumbnail(uploaded, size=THUMB_SIZE)
