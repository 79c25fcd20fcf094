"""The Vietnamese names of the audit actions of staff training."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "training.course_create": _("Lập kế hoạch lớp tập huấn"),
    "training.course_update": _("Sửa lớp tập huấn"),
    "training.course_delete": _("Xóa lớp tập huấn"),
    "training.participant_add": _("Thêm người dự tập huấn"),
    "training.participant_remove": _("Bỏ người dự tập huấn"),
    "training.attendance_save": _("Ghi điểm danh, kết quả tập huấn"),
    "training.survey_open": _("Mở khảo sát nhu cầu tập huấn"),
    "training.need_answer": _("Trả lời khảo sát nhu cầu tập huấn"),
}
