"""The Vietnamese names of the audit actions the reports engine writes (units.audit.action_label)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "submission.save": _("Lưu số liệu báo cáo"),
    "submission.submit": _("Gửi báo cáo"),
    "submission.return": _("Trả lại báo cáo"),
    "submission.approve": _("Duyệt báo cáo"),
    "submission.unlock": _("Mở khóa báo cáo"),
    "submission.refresh": _("Lấy số liệu từ dữ liệu của cổng"),
    "period.open": _("Mở kỳ báo cáo"),
    "period.remind": _("Nhắc đơn vị nộp báo cáo"),
    "report_form.create": _("Tạo biểu mẫu báo cáo"),
    "report_form.update": _("Sửa biểu mẫu báo cáo"),
    "report_form.import": _("Nhập biểu mẫu báo cáo từ tệp"),
    "report_form.load_standard": _("Nạp biểu mẫu chuẩn"),
    "report_form.new_version": _("Tạo phiên bản mới của biểu mẫu"),
    "report_form.publish": _("Ban hành biểu mẫu"),
    "report_form.section_add": _("Thêm phần của biểu mẫu"),
    "report_form.section_delete": _("Xóa phần của biểu mẫu"),
    "report_form.row_add": _("Thêm dòng chỉ tiêu"),
    "report_form.row_delete": _("Xóa dòng chỉ tiêu"),
    "report_form.column_add": _("Thêm cột"),
    "report_form.column_delete": _("Xóa cột"),
    "report_form.cell_update": _("Sửa ô của biểu mẫu"),
    "report_form.rule_add": _("Thêm quy tắc kiểm tra"),
    "report_form.rule_delete": _("Xóa quy tắc kiểm tra"),
}
