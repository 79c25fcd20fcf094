"""The first-run page's form (/cai-dat/): the same values as `manage.py setup_office`."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import legal, national
from .models import Role, UnitIdentity, UnitKind

_identity = UnitIdentity._meta


class OfficeSetupForm(forms.Form):
    name = forms.CharField(
        label=_("Tên đơn vị quản lý"),
        max_length=200,
        help_text=_("Ví dụ: Phòng Giáo dục và Đào tạo An Lạc; với xã, phường chỉ ghi tên: Hạ Long."),
    )
    kind = forms.ChoiceField(
        label=_("Loại đơn vị"),
        choices=[(UnitKind.OFFICE.value, UnitKind.OFFICE.label), (UnitKind.COMMUNE.value, UnitKind.COMMUNE.label)],
    )
    province_code = forms.ChoiceField(label=_("Tỉnh, thành phố"), required=False)
    official_code = forms.CharField(
        label=_("Mã đơn vị hành chính"),
        max_length=5,
        required=False,
        help_text=format_lazy(
            "{} {}, {}",
            _("Xã, phường: 5 chữ số theo"),
            legal.cite("qd19_2025"),
            _("ví dụ 06688. Để trống nếu không có."),
        ),
    )
    code = forms.CharField(
        label=_("Mã đơn vị trong cổng"),
        max_length=30,
        required=False,
        help_text=_("Để trống: tạo từ mã đơn vị hành chính hoặc chữ viết tắt."),
    )
    parent_agency = forms.CharField(
        label=_("Cơ quan chủ quản"),
        max_length=200,
        required=False,
        help_text=_identity.get_field("parent_agency").help_text,
    )
    abbreviation = forms.CharField(
        label=_("Chữ viết tắt tên cơ quan"), max_length=30, help_text=_identity.get_field("abbreviation").help_text
    )
    place_name = forms.CharField(
        label=_("Địa danh"), max_length=100, help_text=_identity.get_field("place_name").help_text
    )
    head_name = forms.CharField(label=_("Họ tên người đứng đầu"), max_length=150, required=False)
    head_position = forms.CharField(
        label=_("Chức vụ người đứng đầu"), max_length=100, help_text=_identity.get_field("head_position").help_text
    )
    officer_username = forms.CharField(label=_("Tên đăng nhập của cán bộ đầu tiên"), max_length=150)
    officer_name = forms.CharField(label=_("Họ tên cán bộ"), max_length=150)
    officer_email = forms.EmailField(label=_("Thư điện tử của cán bộ"), required=False)
    officer_role = forms.ChoiceField(
        label=_("Vai trò"),
        choices=[
            (Role.OFFICE_OFFICER.value, Role.OFFICE_OFFICER.label),
            (Role.OFFICE_LEADER.value, Role.OFFICE_LEADER.label),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province_code"].choices = [("", "---------")] + [(p.code, p.label) for p in national.provinces()]
