"""The Vietnamese names of the audit actions of the annual report and the year's guidance."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "annual_report.create": _("Tạo báo cáo năm"),
    "annual_report.update": _("Sửa báo cáo năm"),
    "annual_report.freeze": _("Chốt số liệu báo cáo năm"),  # entries written before the leader's sign-off
    "annual_report.submit": _("Trình lãnh đạo duyệt báo cáo năm"),
    "annual_report.issue": _("Ban hành báo cáo năm khi phòng chưa có tài khoản lãnh đạo"),
    "annual_report.approve": _("Lãnh đạo duyệt, ban hành báo cáo năm"),
    "annual_report.return": _("Lãnh đạo trả lại báo cáo năm"),
    "guidance.create": _("Tạo hướng dẫn nhiệm vụ năm học"),
    "guidance.publish": _("Ban hành hướng dẫn nhiệm vụ năm học"),
    "guidance.remind": _("Nhắc đơn vị nộp kế hoạch"),
    "guidance.task_add": _("Thêm nhiệm vụ vào hướng dẫn"),
    "guidance.task_delete": _("Xóa nhiệm vụ khỏi hướng dẫn"),
    "guidance.plan_submit": _("Nộp kế hoạch năm học"),
    "guidance.task_assign": _("Giao nhiệm vụ của hướng dẫn cho đơn vị"),
    "guidance.task_progress": _("Cập nhật tiến độ nhiệm vụ"),
}
