"""The Vietnamese names of the audit actions of emulation and commendation."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "emulation.launch": _("Phát động phong trào thi đua"),
    "emulation.update": _("Sửa phong trào thi đua"),
    "emulation.delete": _("Xóa phong trào thi đua"),
    "emulation.advance": _("Chuyển bước phong trào thi đua"),
    "emulation.criterion_add": _("Thêm tiêu chí thi đua"),
    "emulation.criterion_delete": _("Xóa tiêu chí thi đua"),
    "emulation.register": _("Đăng ký thi đua"),
    "emulation.report_save": _("Ghi báo cáo thi đua"),
    "emulation.report_submit": _("Gửi báo cáo thi đua"),
    "emulation.evidence_add": _("Thêm minh chứng thi đua"),
    "emulation.evidence_delete": _("Xóa minh chứng thi đua"),
    "emulation.score": _("Chấm điểm thi đua"),
    "emulation.award_propose": _("Đề nghị khen thưởng"),
    "emulation.award_remove": _("Bỏ đề nghị khen thưởng"),
    "emulation.decision_issue": _("Ban hành quyết định khen thưởng"),
}
