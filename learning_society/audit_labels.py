"""The Vietnamese names of the audit actions of the learning society (xã hội học tập)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "learning_society.subject_create": _("Thêm đối tượng đánh giá"),
    "learning_society.families_import": _("Lấy danh sách gia đình từ điều tra"),
    "learning_society.register": _("Đăng ký danh hiệu"),
    "learning_society.assessment_save": _("Lưu bản tự đánh giá"),
    "learning_society.self_assess": _("Gửi tự đánh giá để kiểm tra"),
    "learning_society.grid_save": _("Lưu bảng đánh giá của thôn"),
    "learning_society.check": _("Xác nhận kiểm tra"),
    "learning_society.return": _("Trả lại để sửa"),
    "learning_society.recognise": _("Công nhận danh hiệu"),
    "learning_society.setting": _("Sửa cài đặt danh hiệu"),
    "learning_society.authority": _("Sửa thẩm quyền công nhận danh hiệu"),
    "learning_society.authority_reset": _("Trả thẩm quyền công nhận về mặc định"),
}
