"""The Vietnamese names of the audit actions of communication."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "communication.item_create": _("Ghi tin, bài tuyên truyền"),
    "communication.item_update": _("Sửa tin, bài tuyên truyền"),
    "communication.item_delete": _("Xóa tin, bài tuyên truyền"),
}
