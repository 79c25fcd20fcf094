"""The Vietnamese names of the audit actions of inspections."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "inspections.content_create": _("Thêm nội dung kiểm tra"),
    "inspections.content_rename": _("Sửa tên nội dung kiểm tra"),
    "inspections.item_add": _("Thêm mục kiểm tra"),
    "inspections.item_delete": _("Xóa mục kiểm tra"),
    "inspections.plan": _("Lập kế hoạch kiểm tra"),
    "inspections.update": _("Sửa kế hoạch kiểm tra"),
    "inspections.delete": _("Xóa đợt kiểm tra"),
    "inspections.perform": _("Ghi kết quả kiểm tra"),
    "inspections.photo_add": _("Thêm ảnh minh chứng kiểm tra"),
    "inspections.recommend": _("Ghi kiến nghị sau kiểm tra"),
    "inspections.answer": _("Trả lời kiến nghị sau kiểm tra"),
    "inspections.close": _("Đóng kiến nghị sau kiểm tra"),
    "inspections.reopen": _("Mở lại kiến nghị sau kiểm tra"),
}
