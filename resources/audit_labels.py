"""The Vietnamese names of the audit actions of learning resources and good models."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "resources.resource_create": _("Đề xuất học liệu"),
    "resources.resource_update": _("Sửa học liệu"),
    "resources.resource_review": _("Duyệt, ẩn hoặc nêu bật học liệu"),
    "resources.model_create": _("Ghi mô hình điển hình"),
    "resources.model_update": _("Sửa mô hình điển hình"),
    "resources.model_propose": _("Đề xuất đăng mô hình điển hình"),
    "resources.model_publish": _("Đăng mô hình điển hình"),
    "resources.model_return": _("Trả lại mô hình điển hình"),
    "resources.photo_add": _("Thêm ảnh mô hình điển hình"),
    "resources.photo_delete": _("Xóa ảnh mô hình điển hình"),
}
