"""Forms of the unit-tree and people pages. They validate what one field can say on its own;
the rules of the tree (which kind sits under which, which role fits which unit) live in
units.services and come back as ValidationError dicts shown on the fields (`apply_errors`)."""

import datetime
import re
from decimal import Decimal

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.safestring import SafeString
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import (
    keypads,  # noqa: F401 (numeric keypads for every number field, installed on import)
    legal,
)
from .models import LEVEL_LABELS, Role, SchoolLevel, Unit, UnitKind, User, today
from .national_forms import NationalCodesMixin
from .unit_choices import VietnameseUnitOrder, order_units_vn  # noqa: F401 (order_units_vn: re-exported)

DATE_HELP = _("Nhập theo dạng ngày/tháng/năm, ví dụ 01/07/2025.")
# Nghị định 142/2025/NĐ-CP: the two-tier local government (and its commune mergers) started 1 July 2025.
MERGER_DAY = datetime.date(2025, 7, 1)


class DateInput(forms.TextInput):
    """A dd/mm/yyyy text box: officers type dates the way official documents write them."""

    def __init__(self, attrs=None):
        super().__init__({"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return value.strftime("%d/%m/%Y")
        return super().format_value(value)


# The one list of date forms every date input of the portal accepts (forms and importers): 20/05/2026,
# 20-05-2026, 20.05.2026, 2026-05-20, 20/05/26 and eight digits typed without separators, 20052026.
DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y", "%d%m%Y"]
_DATE_TEXT = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$|^(\d{2})(\d{2})(\d{4})$")


def date_parts(text: str) -> tuple[int, int, int] | None:
    """(day, month, year) of a typed day/month/year date in any of the portal's forms with a four-digit
    year, or None when the text is not shaped like one (for importers, which tell "no such day"
    apart from "not a date")."""
    match = _DATE_TEXT.match((text or "").strip())
    if not match:
        return None
    day, month, year = (int(x) for x in match.groups() if x is not None)
    return day, month, year


class PortalDateField(forms.DateField):
    def strptime(self, value, format):
        # strptime reads "1112026" as 1/11/2026: the run-together form needs exactly eight digits.
        if format == "%d%m%Y" and not (len(value.strip()) == 8 and value.strip().isdigit()):
            raise ValueError(value)
        return super().strptime(value.strip(), format)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            # Shaped like a date but no such day (31/02/2012): say that, not "type it as dd/mm/yyyy".
            parts = date_parts(value) if isinstance(value, str) else None
            if parts is None:
                raise
            day, month, year = parts
            raise ValidationError(
                _("Ngày %(date)s không có trong lịch.") % {"date": f"{day:02d}/{month:02d}/{year}"},
                code="no_such_day",
            ) from None


def date_field(label, *, required=True, help_text=DATE_HELP, **kwargs) -> forms.DateField:
    return PortalDateField(
        label=label,
        required=required,
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        help_text=help_text,
        error_messages={"invalid": _("Ngày không hợp lệ. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 01/07/2025.")},
        **kwargs,
    )


_AMOUNT_GROUPING = re.compile(r"^\d{1,3}(?:([. \u00a0])\d{3})?(?:\1\d{3})*$")


def parse_amount(text) -> Decimal | None:
    """Whole đồng as people write them: 5000000, 5.000.000, 5 000 000 (one kind of separator between
    groups of three). None when the text is not such an amount."""
    value = str(text or "").strip()
    if value.isdigit():
        return Decimal(value)
    if _AMOUNT_GROUPING.match(value):
        return Decimal(re.sub(r"[. \u00a0]", "", value))
    return None


class AmountField(forms.DecimalField):
    """A money field in whole đồng that accepts the thousands dots Vietnamese documents write."""

    def __init__(self, **kwargs):
        kwargs.setdefault("decimal_places", 0)
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault(
            "error_messages",
            {"invalid": _("Số tiền không hợp lệ. Hãy ghi số đồng, ví dụ 5000000 hoặc 5.000.000.")},
        )
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value not in self.empty_values:
            amount = parse_amount(value)
            if amount is not None:
                return amount
        return super().to_python(value)


class UnitChoiceField(forms.ModelChoiceField):
    """Units shown indented by depth, so a long select still reads as a tree."""

    iterator = VietnameseUnitOrder

    def label_from_instance(self, obj: Unit) -> str:
        return f"{'— ' * max(obj.depth, 0)}{obj.full_name} ({obj.code})"


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = VietnameseUnitOrder

    def label_from_instance(self, obj: Unit) -> str:
        parent = f" — {obj.parent.full_name}" if obj.parent_id else ""
        return f"{obj.full_name} ({obj.code}){parent}"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.full_name or obj.username} ({obj.username})"


def apply_errors(form: forms.Form, error: ValidationError, *, prefix: str = "") -> None:
    """Put a service's ValidationError on the form: on the named field when the form has it,
    above the form otherwise, so that no message is lost and no ValueError escapes. `prefix`: the
    form names the service's field `<prefix><field>` (the annual report's text_<section>)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = f"{prefix}{field}" if f"{prefix}{field}" in form.fields else None
            for item in errors:
                form.add_error(target, item)
    else:
        form.add_error(None, error)


def level_label_choices() -> dict[str, list[str]]:
    return {str(kind): labels for kind, labels in LEVEL_LABELS.items()}


# Units ------------------------------------------------------------------------------------------


class TreeFilterForm(forms.Form):
    on = date_field(_("Xem theo ngày"), required=False, help_text="")
    q = forms.CharField(label=_("Tìm đơn vị"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Loại đơn vị"), required=False, choices=[("", _("Mọi loại")), *UnitKind.choices])
    closed = forms.BooleanField(label=_("Hiện cả đơn vị đã giải thể/sáp nhập"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"placeholder": _("Tên hoặc mã, gõ không dấu cũng được"), "type": "search"}
        )


ESPECIALLY_DIFFICULT_HELP = format_lazy(
    "{} ({}).",
    _(
        "Xã đặc biệt khó khăn dùng độ tuổi riêng khi xét chuẩn xóa mù chữ: mức độ 1 tính người 15–25 tuổi, "
        "mức độ 2 tính người 15–35 tuổi"
    ),
    legal.cite("nd20_2014", "Điều 20–21"),
)


class UnitForm(NationalCodesMixin, forms.Form):
    code = forms.CharField(
        label=_("Mã đơn vị"),
        max_length=30,
        help_text=_("Duy nhất trong hệ thống; chữ không dấu, chữ số, dấu chấm, gạch ngang."),
    )
    name = forms.CharField(
        label=_("Tên"), max_length=200, help_text=_("Không ghi cấp: ví dụ “Đống Đa”, không ghi “Xã Đống Đa”.")
    )
    kind = forms.ChoiceField(label=_("Loại đơn vị"), choices=UnitKind.choices)
    level_label = forms.CharField(
        label=_("Cấp / tên gọi"),
        max_length=40,
        required=False,
        help_text=_("Ví dụ: Xã, Phường, Thị trấn, Đặc khu, Thôn, Tổ dân phố. Có thể gõ tên gọi khác."),
    )
    school_level = forms.ChoiceField(
        label=_("Cấp học"), choices=[("", "---------"), *SchoolLevel.choices], required=False
    )
    especially_difficult = forms.BooleanField(
        label=_("Xã đặc biệt khó khăn (ĐBKK)"), required=False, help_text=ESPECIALLY_DIFFICULT_HELP
    )
    parent = UnitChoiceField(label=_("Đơn vị cấp trên"), queryset=Unit.objects.none(), required=False)
    valid_from = date_field(_("Hiệu lực từ ngày"))
    valid_to = date_field(
        _("Hiệu lực đến ngày"),
        required=False,
        help_text=_("Để trống khi đơn vị còn hoạt động. Muốn giải thể đơn vị đang có, dùng nút “Giải thể”."),
    )
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=30, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    notes = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, parents=None, editing: Unit | None = None, province_code: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = editing
        self.setup_national_fields(province_code)
        self.fields["parent"].queryset = parents if parents is not None else Unit.objects.none()
        self.fields["level_label"].widget.attrs["list"] = "level-labels-commune"
        # The especially difficult status is dated (units.status): its legal source, and on an edit
        # the day a change takes effect; earlier years keep the status they had.
        self.fields["status_source"] = forms.CharField(
            label=_("Căn cứ xác định xã ĐBKK"),
            max_length=255,
            required=False,
            help_text=format_lazy(
                "{} {}.",
                _("Quyết định đưa xã vào (hoặc ra khỏi) danh sách, ví dụ:"),
                legal.TEXTS["qd861_2021"].full,
            ),
        )
        if editing is None:
            self.fields["valid_from"].initial = today()
        else:
            self.fields["status_from"] = date_field(
                _("Thay đổi tình trạng ĐBKK có hiệu lực từ ngày"),
                required=False,
                initial=today(),
                help_text=_(
                    "Chỉ dùng khi đổi tình trạng ĐBKK. Các năm trước ngày này vẫn tính theo tình trạng cũ (dd/mm/yyyy)."
                ),
            )
            # The kind and the parent of an existing unit change only through "Chuyển đơn vị"
            # (dated history) or a new unit; its end only through "Giải thể" (closes what is below).
            for name in ("kind", "parent", "valid_to"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        valid_from, valid_to = data.get("valid_from"), data.get("valid_to")
        if self.editing is not None:
            valid_to = self.editing.valid_to
        if valid_from and valid_to and valid_to < valid_from:
            field = "valid_to" if "valid_to" in self.fields else "valid_from"
            self.add_error(field, _("Ngày hết hiệu lực không thể trước ngày bắt đầu hiệu lực."))
        kind = data.get("kind") or (self.editing.kind if self.editing else "")
        if kind != UnitKind.SCHOOL:
            data["school_level"] = ""
        if kind != UnitKind.COMMUNE:
            data["especially_difficult"] = False
        return self.clean_national_codes(data)


class UnitCloseForm(forms.Form):
    valid_to = date_field(
        _("Ngừng hoạt động từ sau ngày"),
        help_text=_("Ngày cuối cùng đơn vị còn hoạt động (dd/mm/yyyy). Đơn vị vẫn hiện khi xem các năm trước."),
    )
    reason = forms.CharField(
        label=_("Lý do"),
        max_length=255,
        help_text=_("Ví dụ: giải thể theo Quyết định số .../QĐ-UBND, sáp nhập vào ..."),
    )

    def __init__(self, *args, unit: Unit, protected: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.protected = protected
        self.fields["valid_to"].initial = today()

    def clean(self):
        data = super().clean()
        if self.protected:
            raise ValidationError(
                _("Không thể giải thể đơn vị gắn với vai trò quản lý của chính bạn; hãy nhờ cấp trên thực hiện.")
            )
        if self.unit.valid_to:
            raise ValidationError(_("Đơn vị này đã ngừng hoạt động từ trước."))
        return data


class UnitMoveForm(forms.Form):
    new_parent = UnitChoiceField(label=_("Chuyển về đơn vị cấp trên"), queryset=Unit.objects.none())
    effective_date = date_field(
        _("Có hiệu lực từ ngày"),
        help_text=_("Cây đơn vị của các ngày trước đó vẫn giữ đơn vị cấp trên cũ (dd/mm/yyyy)."),
    )

    def __init__(self, *args, unit: Unit, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].queryset = parents.exclude(path__startswith=unit.path).exclude(pk=unit.parent_id)
        self.fields["effective_date"].initial = today()


class MergeForm(forms.Form):
    sources = UnitMultipleChoiceField(
        label=_("Các xã, phường, thị trấn sáp nhập"),
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Chọn ít nhất hai đơn vị cùng thuộc một đơn vị cấp trên."),
    )
    code = forms.CharField(label=_("Mã đơn vị mới"), max_length=30)
    name = forms.CharField(label=_("Tên đơn vị mới"), max_length=200, help_text=_("Không ghi cấp, ví dụ “Hồng Phong”."))
    level_label = forms.CharField(
        label=_("Cấp / tên gọi"),
        max_length=40,
        initial="Xã",
        help_text=_("Xã, Phường hoặc Đặc khu (Nghị quyết sắp xếp đơn vị hành chính năm 2025)."),
    )
    especially_difficult = forms.BooleanField(
        label=_("Xã đặc biệt khó khăn (ĐBKK)"), required=False, help_text=ESPECIALLY_DIFFICULT_HELP
    )
    effective_date = date_field(
        _("Ngày có hiệu lực"),
        help_text=format_lazy(
            "{} ({}).",
            _("Các xã cũ ngừng hoạt động từ ngày hôm trước. Chính quyền hai cấp bắt đầu từ 01/07/2025"),
            legal.cite("nd142_2025"),
        ),
        initial=MERGER_DAY,
    )

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].queryset = communes
        self.fields["level_label"].widget.attrs["list"] = "level-labels-commune"

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if Unit.objects.filter(code__iexact=code).exists():
            raise ValidationError(_("Mã đơn vị này đã được dùng."))
        return code

    def clean_sources(self):
        sources = list(self.cleaned_data["sources"])
        if len(sources) < 2:
            raise ValidationError(_("Chọn ít nhất hai đơn vị để sáp nhập."))
        if len({s.parent_id for s in sources}) != 1:
            raise ValidationError(_("Các đơn vị sáp nhập phải cùng thuộc một đơn vị cấp trên."))
        return sources


# People -----------------------------------------------------------------------------------------


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm người dùng"), required=False, max_length=100)
    role = forms.ChoiceField(label=_("Vai trò"), required=False, choices=[("", _("Mọi vai trò")), *Role.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"placeholder": _("Họ tên, tên đăng nhập, thư điện tử, điện thoại"), "type": "search"}
        )


class PersonFieldsMixin(forms.Form):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        help_text=_("Chữ không dấu, chữ số và các ký tự @ . + - _; ví dụ nguyenvana."),
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=30, required=False)
    position = forms.CharField(
        label=_("Chức vụ"), max_length=120, required=False, help_text=_("Ví dụ: Phó hiệu trưởng, Chuyên viên.")
    )


class PasswordPairMixin(forms.Form):
    password1 = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=lazy(password_validation.password_validators_help_text_html, SafeString)(),
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def password_user(self) -> User:
        raise NotImplementedError

    def clean_password2(self):
        one, two = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if one and two and one != two:
            raise ValidationError(_("Hai mật khẩu không khớp nhau."))
        return two

    def _post_clean(self):
        super()._post_clean()
        password = self.cleaned_data.get("password2")
        if password:
            try:
                password_validation.validate_password(password, self.password_user())
            except ValidationError as error:
                self.add_error("password1", error)


class PersonCreateForm(PersonFieldsMixin, PasswordPairMixin):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    role = forms.ChoiceField(label=_("Vai trò đầu tiên"), choices=Role.choices)
    valid_from = date_field(_("Giữ vai trò từ ngày"))

    field_order = [
        "username",
        "full_name",
        "email",
        "phone",
        "position",
        "password1",
        "password2",
        "unit",
        "role",
        "valid_from",
    ]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["valid_from"].initial = today()

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("Tên đăng nhập này đã có người dùng."))
        return username

    def password_user(self) -> User:
        data = self.cleaned_data
        return User(username=data.get("username", ""), full_name=data.get("full_name", ""), email=data.get("email", ""))


class PersonEditForm(PersonFieldsMixin):
    is_active = forms.BooleanField(
        label=_("Cho phép đăng nhập"),
        required=False,
        help_text=_("Bỏ chọn để khóa tài khoản mà vẫn giữ lịch sử vai trò và thao tác."),
    )

    def __init__(self, *args, person: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exclude(pk=self.person.pk).exists():
            raise ValidationError(_("Tên đăng nhập này đã có người dùng."))
        return username


class PersonPasswordForm(PasswordPairMixin):
    def __init__(self, *args, person: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["password1"].label = _("Mật khẩu mới")
        self.fields["password2"].label = _("Nhập lại mật khẩu mới")

    def password_user(self) -> User:
        return self.person


class MembershipForm(forms.Form):
    person = PersonChoiceField(label=_("Người dùng"), queryset=User.objects.none())
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    role = forms.ChoiceField(
        label=_("Vai trò"),
        choices=Role.choices,
        help_text=_(
            "Vai trò phải hợp với loại đơn vị: hiệu trưởng trên trường, giám đốc trên trung tâm, "
            "chuyên viên trên phòng GD&ĐT hoặc xã."
        ),
    )
    valid_from = date_field(_("Từ ngày"))

    def __init__(self, *args, people, units, person: User | None = None, unit: Unit | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["unit"].queryset = units
        self.fields["valid_from"].initial = today()
        # Coming from a person's page or a unit's page, that side is fixed.
        if person is not None:
            del self.fields["person"]
        if unit is not None:
            del self.fields["unit"]


class MembershipEndForm(forms.Form):
    valid_to = date_field(
        _("Giữ vai trò đến hết ngày"), help_text=_("Từ ngày hôm sau người này không còn vai trò này (dd/mm/yyyy).")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valid_to"].initial = today()


# Two-factor login pages ----------------------------------------------------------------------


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "none",
                "autofocus": True,
                "class": "form-control form-control-lg",
            }
        ),
        error_messages={"required": _("Vui lòng nhập mã xác thực.")},
    )


class DisableForm(forms.Form):
    password = forms.CharField(
        label=_("Mật khẩu hiện tại"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "class": "form-control"}),
        error_messages={"required": _("Vui lòng nhập mật khẩu.")},
    )
    code = forms.CharField(
        label=_("Mã xác thực hoặc mã dự phòng"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "class": "form-control"}
        ),
        error_messages={"required": _("Vui lòng nhập mã xác thực.")},
    )


# The audit log's filter ------------------------------------------------------------------------

AUDIT_DATE_FORMATS = DATE_FORMATS  # the one list (date_field)


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Thao tác"), required=False)
    person = forms.CharField(label=_("Người thực hiện"), required=False, max_length=100)
    unit = forms.CharField(label=_("Đơn vị"), required=False, max_length=100)
    date_from = date_field(_("Từ ngày"), required=False, help_text="")
    date_to = date_field(_("Đến ngày"), required=False, help_text="")

    date_from.error_messages["invalid"] = date_to.error_messages["invalid"] = _("Nhập ngày theo dạng dd/mm/yyyy.")

    def __init__(self, *args, actions=(), **kwargs):
        """`actions`: (action, readable label) pairs of the entries the viewer may read."""
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Tất cả thao tác")), *actions]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."))
        return data
