"""Evidence files of a centre: images or PDF only, judged by their first bytes, no larger than the
limit — the one guard of units/uploads.py, with the centre's wording."""

from django.utils.translation import gettext as _

from units.uploads import MAX_UPLOAD_BYTES as MAX_EVIDENCE_BYTES
from units.uploads import check_upload, sniff

__all__ = ["MAX_EVIDENCE_BYTES", "check_evidence", "sniff"]


def check_evidence(uploaded) -> str:
    """The file's real content type, or a ValidationError a director can act on."""
    return check_upload(uploaded, hint=_("Minh chứng chỉ nhận ảnh hoặc PDF."))
