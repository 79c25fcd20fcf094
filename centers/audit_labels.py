"""The Vietnamese names of the audit actions of the community learning centres."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "centre.profile_update": _("Sửa thông tin trung tâm"),
    "centre.person_add": _("Thêm cán bộ, giáo viên trung tâm"),
    "centre.person_end": _("Kết thúc công tác của cán bộ trung tâm"),
    "centre.activity_create": _("Ghi hoạt động của trung tâm"),
    "centre.activity_update": _("Sửa hoạt động của trung tâm"),
    "centre.activity_delete": _("Xóa hoạt động của trung tâm"),
    "centre.club_create": _("Thêm câu lạc bộ"),
    "centre.club_update": _("Sửa câu lạc bộ"),
    "centre.need_create": _("Ghi nhu cầu học tập"),
    "centre.need_delete": _("Xóa nhu cầu học tập"),
    "centre.plan_save": _("Lưu kế hoạch năm của trung tâm"),
    "centre.funding_create": _("Ghi khoản thu, chi"),
    "centre.funding_delete": _("Xóa khoản thu, chi"),
    "centre.assessment_start": _("Bắt đầu tự đánh giá trung tâm"),
    "centre.assessment_score": _("Chấm điểm tự đánh giá"),
    "centre.assessment_submit": _("Gửi tự đánh giá lên Phòng"),
    "centre.assessment_return": _("Trả lại tự đánh giá"),
    "centre.assessment_rate": _("Xếp loại trung tâm"),
    "centre.evidence_add": _("Thêm minh chứng"),
    "centre.evidence_delete": _("Xóa minh chứng"),
}
