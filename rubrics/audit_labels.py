"""The Vietnamese names of the audit actions of the rubrics (bộ tiêu chí)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "rubric.import": _("Nhập bộ tiêu chí"),
    "rubric.copy": _("Sao chép bộ tiêu chí"),
    "rubric.edit": _("Sửa bộ tiêu chí"),
    "rubric.deactivate": _("Ngừng dùng bộ tiêu chí"),
    "rubric.delete": _("Xóa bộ tiêu chí"),
}
