"""Evidence photos and response attachments of an inspection: the one guard of units/uploads.py
(photos take images only, a response attachment an image or a PDF)."""

from units.uploads import MAX_UPLOAD_BYTES as MAX_BYTES
from units.uploads import check_upload, sniff

__all__ = ["MAX_BYTES", "check_file", "sniff"]


def check_file(uploaded, *, images_only: bool) -> str:
    """The file's real content type, or a ValidationError the user can act on."""
    return check_upload(uploaded, images_only=images_only)
