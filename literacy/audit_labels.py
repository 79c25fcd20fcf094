"""The Vietnamese names of the audit actions of literacy (xóa mù chữ)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "literacy.round_create": _("Mở đợt điều tra"),
    "literacy.round_status": _("Đổi trạng thái đợt điều tra"),
    "literacy.assign": _("Phân công điều tra thôn"),
    "literacy.unassign": _("Bỏ phân công điều tra thôn"),
    "literacy.household_create": _("Thêm hộ gia đình"),
    "literacy.household_update": _("Sửa hộ gia đình"),
    "literacy.person_create": _("Thêm người trong hộ"),
    "literacy.person_update": _("Sửa thông tin người trong hộ"),
    "literacy.import": _("Nhập danh sách hộ từ tệp Excel"),
    "literacy.duplicate_remove": _("Xóa bản ghi trùng khỏi đợt điều tra"),
    "literacy.duplicate_distinct": _("Xác nhận không trùng"),
    "literacy.class_create": _("Mở lớp xóa mù chữ"),
    "literacy.class_update": _("Sửa lớp xóa mù chữ"),
    "literacy.enrol": _("Ghi danh học viên vào lớp"),
    "literacy.unenrol": _("Rút học viên khỏi lớp"),
    "literacy.result": _("Ghi kết quả học tập"),
    "literacy.attendance": _("Điểm danh buổi học lớp xóa mù chữ"),
    "literacy.dropout": _("Ghi học viên bỏ học"),
    "literacy.dropout_reverse": _("Hủy ghi bỏ học, học viên trở lại lớp"),
    "literacy.settings": _("Sửa cài đặt xóa mù chữ của đơn vị"),
    "literacy.mapping_profile_save": _("Lưu mẫu ghép cột nhập hộ gia đình"),
    "literacy.mapping_profile_delete": _("Xóa mẫu ghép cột nhập hộ gia đình"),
    "literacy.dossier_create": _("Lập hồ sơ công nhận xã đạt chuẩn XMC"),
    "literacy.dossier_submit": _("Gửi hồ sơ công nhận chuẩn XMC lên phòng"),
    "literacy.dossier_return": _("Trả lại hồ sơ công nhận chuẩn XMC"),
    "literacy.dossier_check": _("Kiểm tra hồ sơ công nhận chuẩn XMC"),
    "literacy.dossier_recognise": _("Ghi quyết định công nhận xã đạt chuẩn XMC"),
}
