"""Forms of the annual report and the year's guidance. Dates are typed as dd/mm/yyyy
(units.forms.date_field, the one date field of the portal)."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from units import legal
from units.forms import date_field, order_units_vn
from units.models import Unit

from .blocks import SECTIONS
from .models import AnnualReport, GuidanceArea, TaskProgress
from .services import offices_for_new_report


class NewReportForm(forms.Form):
    office = forms.ModelChoiceField(label=gettext_lazy("Đơn vị"), queryset=None, empty_label=None)
    school_year = forms.IntegerField(
        label=gettext_lazy("Năm học bắt đầu"),
        min_value=2000,
        max_value=2100,
        help_text=gettext_lazy("Ví dụ 2025 cho năm học 2025-2026 (01/9 – 31/8)."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices_for_new_report(user)
        order_units_vn(self.fields["office"])


class ComposeForm(forms.ModelForm):
    document_date = date_field(gettext_lazy("Ngày văn bản"), required=False, help_text="")

    class Meta:
        model = AnnualReport
        fields = [
            "number",
            "place",
            "document_date",
            "recipients",
            "signer_authority",
            "signer_position",
            "signer_name",
        ]
        widgets = {
            "recipients": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "number": format_lazy(
                "{} ({}).", gettext_lazy("Để trống để văn thư ghi số khi phát hành"), legal.cite("nd30_2020")
            ),
            "recipients": gettext_lazy("Mỗi dòng một nơi nhận; dòng “Lưu: VT, GDTX.” được thêm tự động."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        narrative = self.instance.narrative or {}
        for key, label in SECTIONS:
            self.fields[f"text_{key}"] = forms.CharField(
                label=label, required=False, widget=forms.Textarea(attrs={"rows": 5}), initial=narrative.get(key, "")
            )

    def narrative(self) -> dict:
        return {key: self.cleaned_data.get(f"text_{key}", "") for key, _label in SECTIONS}


class FreezeForm(forms.Form):
    frozen_on = date_field(
        gettext_lazy("Số liệu tính đến ngày"),
        help_text=gettext_lazy(
            "Số liệu được lưu lại như tại ngày này; sửa đổi sau đó ở các phân hệ không làm thay đổi bản đã chốt."
        ),
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do trả lại"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Chuyên viên đọc lý do này trên bản nháp để sửa rồi trình lại."),
    )


class GuidanceForm(forms.Form):
    office = forms.ModelChoiceField(label=gettext_lazy("Đơn vị ban hành"), queryset=None, empty_label=None)
    school_year = forms.IntegerField(label=gettext_lazy("Năm học bắt đầu"), min_value=2000, max_value=2100)
    title = forms.CharField(label=gettext_lazy("Tên văn bản"), max_length=255)
    number = forms.CharField(label=gettext_lazy("Số văn bản"), max_length=40, required=False)
    plan_due = date_field(gettext_lazy("Hạn nộp kế hoạch"), required=False, help_text="")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices_for_new_report(user)
        order_units_vn(self.fields["office"])


class TaskForm(forms.Form):
    area = forms.ChoiceField(label=gettext_lazy("Lĩnh vực"), choices=GuidanceArea.choices)
    text = forms.CharField(label=gettext_lazy("Nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    deadline = date_field(gettext_lazy("Thời hạn"), required=False, help_text="")


class PlanForm(forms.Form):
    unit = forms.ModelChoiceField(label=gettext_lazy("Đơn vị"), queryset=Unit.objects.none(), empty_label=None)
    text = forms.CharField(
        label=gettext_lazy("Nội dung kế hoạch"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    attachment = forms.FileField(
        label=gettext_lazy("Tệp kế hoạch"),
        required=False,
        help_text=gettext_lazy("PDF, DOC, DOCX hoặc ODT, tối đa 10 MB."),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])
        order_units_vn(self.fields["unit"])


class AssignForm(forms.Form):
    """Giao nhiệm vụ: kinds of unit and/or named schools and centres, and the period that reports on it."""

    unit_kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Giao cho mọi đơn vị loại"), required=False, widget=forms.CheckboxSelectMultiple
    )
    units = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Hoặc giao cho từng đơn vị"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    period = forms.ModelChoiceField(
        label=gettext_lazy("Kỳ báo cáo kết quả"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("(không gắn kỳ báo cáo)"),
    )

    def __init__(self, *args, guidance, **kwargs):
        from reports.models import ReportingPeriod
        from units.models import UnitKind

        from .guidance import PLAN_KINDS, expected_units

        super().__init__(*args, **kwargs)
        self.fields["unit_kinds"].choices = [(k.value, k.label) for k in UnitKind if k in PLAN_KINDS]
        self.fields["units"].queryset = expected_units(guidance)
        order_units_vn(self.fields["units"])
        self.fields["period"].queryset = ReportingPeriod.objects.filter(
            owner__path__startswith=guidance.office.path
        ).select_related("form")


class ProgressForm(forms.Form):
    unit = forms.ModelChoiceField(label=gettext_lazy("Đơn vị"), queryset=Unit.objects.none(), empty_label=None)
    status = forms.ChoiceField(label=gettext_lazy("Tiến độ"), choices=TaskProgress.Status.choices)
    report = forms.CharField(
        label=gettext_lazy("Báo cáo ngắn"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    evidence = forms.FileField(
        label=gettext_lazy("Minh chứng"),
        required=False,
        help_text=gettext_lazy("Ảnh JPG, PNG hoặc văn bản PDF, DOC, DOCX, ODT, tối đa 10 MB."),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])
        order_units_vn(self.fields["unit"])
