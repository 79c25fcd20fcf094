"""The Vietnamese names of the audit actions units writes (units.audit.action_label)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "unit.create": _("Tạo đơn vị"),
    "unit.milestones": _("Đặt ngày các mốc thời gian trong năm"),
    "unit.update": _("Sửa thông tin đơn vị"),
    "unit.close": _("Giải thể / ngừng hoạt động"),
    "unit.move": _("Chuyển đơn vị cấp trên"),
    "unit.status": _("Đổi tình trạng xã đặc biệt khó khăn"),
    "unit.predecessors": _("Sửa các đơn vị hình thành nên đơn vị (sáp nhập)"),
    "unit.setup": _("Thiết lập cơ quan quản lý"),
    "unit.new_year": _("Chuyển sang năm học mới"),
    "unit.onboarding": _("Nhập đơn vị và người dùng từ Excel"),
    "unit.onboarding_logins": _("Lấy danh sách đăng nhập của lần nhập từ Excel"),
    "unit.identity": _("Ghi thông tin cơ quan ban hành"),
    "unit.identity_create": _("Ghi thông tin cơ quan ban hành"),
    "unit.identity_update": _("Sửa thông tin cơ quan ban hành"),
    "person.create": _("Tạo người dùng"),
    "person.update": _("Sửa thông tin người dùng"),
    "person.set_password": _("Đặt lại mật khẩu"),
    "person.first_password": _("Đổi mật khẩu lần đầu đăng nhập"),
    "membership.create": _("Giao vai trò"),
    "membership.end": _("Kết thúc vai trò"),
    "membership.submit_delegation": _("Giao / thu hồi quyền gửi báo cáo"),
    "two_factor.enable": _("Bật xác thực hai bước"),
    "two_factor.disable": _("Tắt xác thực hai bước"),
    "two_factor.recovery_code": _("Đăng nhập bằng mã dự phòng"),
    "two_factor.recovery_codes_renewed": _("Tạo bộ mã dự phòng mới"),
    "two_factor.too_many_failures": _("Nhập sai mã xác thực quá số lần cho phép"),
}
