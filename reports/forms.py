"""Forms of the reports pages. They check what one field can say on its own; rules across fields
and objects live in reports.services and come back as ValidationError (see `units.forms.apply_errors`)."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from units.clean_input import strip_json_nul
from units.forms import VietnameseUnitOrder, date_field, order_units_vn
from units.models import SchoolLevel, Unit, UnitKind

from .models import CellType, ReportForm, ValidationRule
from .providers import provider_choices
from .services.submissions import RESUBMIT_DAYS, default_resubmit_due

MAX_IMPORT_BYTES = 2 * 1024 * 1024
REPORTING_KINDS = [
    (UnitKind.SCHOOL, UnitKind.SCHOOL.label),
    (UnitKind.CENTRE, UnitKind.CENTRE.label),
    (UnitKind.DISTRICT_CENTRE, UnitKind.DISTRICT_CENTRE.label),
    (UnitKind.ASSOCIATION, UnitKind.ASSOCIATION.label),
    (UnitKind.COMMUNE, UnitKind.COMMUNE.label),
    (UnitKind.OTHER, UnitKind.OTHER.label),
]


class ReportFormForm(forms.Form):
    code = forms.CharField(label=_("Mã biểu mẫu"), max_length=40, help_text=_("Chữ không dấu và số, ví dụ TTHTCD-NAM."))
    title = forms.CharField(label=_("Tên biểu mẫu"), max_length=255)
    description = forms.CharField(label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    legal_basis = forms.CharField(
        label=_("Căn cứ"), required=False, max_length=255, help_text=_("Văn bản quy định biểu mẫu, nếu có.")
    )


class ReportFormEditForm(ReportFormForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["code"]


class SectionForm(forms.Form):
    code = forms.CharField(label=_("Mã phần"), max_length=20, help_text=_("Ví dụ I, II, A."))
    title = forms.CharField(label=_("Tên phần"), max_length=255)


class RowForm(forms.Form):
    section = forms.ChoiceField(label=_("Thuộc phần"))
    code = forms.CharField(label=_("Mã chỉ tiêu"), max_length=20, help_text=_("Ví dụ R01; dùng trong công thức."))
    label = forms.CharField(label=_("Tên chỉ tiêu"), max_length=255)
    unit_label = forms.CharField(label=_("Đơn vị tính"), max_length=30, required=False)
    total = forms.BooleanField(
        label=_("Dòng cộng của phần"),
        required=False,
        help_text=_("In đậm, tô nền trong Excel và bản in."),
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [(s.pk, str(s)) for s in sections]


class ColumnForm(forms.Form):
    code = forms.CharField(label=_("Mã cột"), max_length=20, help_text=_("Ví dụ TS (tổng số), NU (nữ), DT (DTTS)."))
    label = forms.CharField(label=_("Tên cột"), max_length=120)


class CellForm(forms.Form):
    type = forms.ChoiceField(label=_("Kiểu ô"), choices=CellType.choices)
    required = forms.BooleanField(label=_("Bắt buộc nhập"), required=False)
    choices = forms.CharField(
        label=_("Các lựa chọn"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi lựa chọn một dòng (chỉ dùng cho ô chọn)."),
    )
    formula = forms.CharField(
        label=_("Công thức"),
        required=False,
        max_length=500,
        help_text=_(
            "Chỉ cho ô tự tính. Ví dụ: SUMCOL(TS) (cộng cột TS của phần), [R01.NU] + [R02.NU], "
            "[R03.TS] / [R01.TS] * 100. Ô tự tính không bao giờ phải gõ tay."
        ),
    )
    provider = forms.CharField(
        label=_("Lấy số liệu từ"),
        required=False,
        max_length=100,
        help_text=_("Mã nguồn số liệu của cổng (ví dụ centers.participants); để trống nếu đơn vị tự nhập."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.provider_choices = provider_choices()


class RuleForm(forms.Form):
    left = forms.CharField(label=_("Vế trái"), max_length=500, help_text=_("Ví dụ [R01.NU]"))
    operator = forms.ChoiceField(label=_("So sánh"), choices=ValidationRule.Operator.choices)
    right = forms.CharField(label=_("Vế phải"), max_length=500, help_text=_("Ví dụ [R01.TS]"))
    severity = forms.ChoiceField(label=_("Mức độ"), choices=ValidationRule.Severity.choices)
    message = forms.CharField(
        label=_("Thông báo cho người nhập"), max_length=255, help_text=_("Ví dụ: Số nữ không được lớn hơn tổng số.")
    )


# Keys that hold text in an exported form (services.form_to_dict); codes may also be plain numbers.
_IMPORT_TEXT_KEYS = {"title", "description", "legal_basis", "label", "unit_label", "formula", "provider", "message"}
_IMPORT_TEXT_KEYS |= {"left", "right", "operator", "severity", "type", "format"}


def _import_texts_are_text(node) -> bool:
    """A list or a number where the export writes text is a damaged file, not a 500 later on."""
    if isinstance(node, dict):
        return all(
            (key not in _IMPORT_TEXT_KEYS or isinstance(value, str))
            and (key != "code" or (isinstance(value, (str, int)) and not isinstance(value, bool)))
            and (key != "choices" or (isinstance(value, list) and all(isinstance(c, str) for c in value)))
            and _import_texts_are_text(value)
            for key, value in node.items()
        )
    if isinstance(node, list):
        return all(_import_texts_are_text(value) for value in node)
    return True


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp biểu mẫu (.json)"), help_text=_("Tệp xuất từ trang biểu mẫu của cổng GDTX."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("Tệp quá lớn (tối đa 2 MB)."))
        try:
            data = json.loads(strip_json_nul(upload.read().decode("utf-8-sig")))
        except (UnicodeDecodeError, ValueError, RecursionError):
            # ValueError: also a number of over 4,300 digits, which int() refuses (JSONDecodeError is one too).
            raise ValidationError(_("Tệp không đọc được: cần tệp .json xuất từ cổng GDTX.")) from None
        try:
            texts_are_text = _import_texts_are_text(data)
        except RecursionError:  # lists nested deeper than Python recurses, though json could read them
            texts_are_text = False
        if not texts_are_text:
            raise ValidationError(_("Tệp không đúng cấu trúc biểu mẫu: có tên, mã hoặc công thức không phải chữ."))
        return data


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = VietnameseUnitOrder

    def label_from_instance(self, obj: Unit) -> str:
        parent = f" — {obj.parent.full_name}" if obj.parent_id else ""
        return f"{obj.full_name} ({obj.code}){parent}"


class PeriodForm(forms.Form):
    form = forms.ModelChoiceField(label=_("Biểu mẫu"), queryset=ReportForm.objects.none())
    owner = forms.ModelChoiceField(label=_("Đơn vị mở kỳ"), queryset=Unit.objects.none())
    label = forms.CharField(label=_("Tên kỳ báo cáo"), max_length=150, help_text=_("Ví dụ: Năm học 2025-2026."))
    start_date = date_field(_("Số liệu từ ngày"))
    end_date = date_field(_("Số liệu đến ngày"))
    open_date = date_field(_("Ngày mở nhập"))
    due_date = date_field(
        _("Hạn nộp"), help_text=_("Ví dụ: báo cáo hoạt động TTHTCĐ nộp trước 20/5 hằng năm. Dạng ngày/tháng/năm.")
    )
    lock_date = date_field(_("Ngày khóa sổ"), help_text=_("Sau ngày này đơn vị không sửa được nữa."))
    kinds = forms.MultipleChoiceField(
        label=_("Loại đơn vị phải báo cáo"),
        choices=REPORTING_KINDS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    school_levels = forms.MultipleChoiceField(
        label=_("Cấp học (với trường học)"),
        choices=SchoolLevel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Để trống: mọi cấp học."),
    )
    units = UnitMultipleChoiceField(
        label=_("Hoặc chọn từng đơn vị"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args, forms_qs=None, owners=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = forms_qs
        self.fields["owner"].queryset = owners
        order_units_vn(self.fields["owner"])
        self.fields["units"].queryset = units
        first = owners.first() if owners is not None else None
        if first is not None:
            self.fields["owner"].initial = first.pk


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Hãy ghi lý do.")},
    )


class ReturnForm(ReasonForm):
    """Return a report: why, and by when the unit must send it again (shown to the unit)."""

    resubmit_due = date_field(_("Hạn nộp lại"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resubmit_due"].initial = default_resubmit_due()
        self.fields["resubmit_due"].help_text = _(
            "Đơn vị thấy hạn này và chỉ bị tính quá hạn sau ngày này. Để trống: %(n)s ngày kể từ hôm nay."
        ) % {"n": RESUBMIT_DAYS}
