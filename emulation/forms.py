"""Forms: one value in clean_<field>, across fields in clean(). Messages in Vietnamese; the services
check the same rules again (the forms only put the message next to the field)."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from units.calendar import current_school_year
from units.forms import date_field
from units.models import Unit

from .models import ELIGIBLE_KINDS, AwardForm, Criterion, Recipient

MAX_POINTS = Decimal("1000")


class PointsField(forms.DecimalField):
    """Points typed as "8,5" or "8.5", from 0 to 1.000, one decimal."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 5)
        kwargs.setdefault("decimal_places", 1)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_POINTS)
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": _l("Hãy nhập một số điểm, ví dụ 8 hoặc 8,5."),
                "max_decimal_places": _l("Điểm chỉ lấy một chữ số thập phân, ví dụ 8,5."),
                "max_digits": _l("Số điểm quá lớn."),
                "max_whole_digits": _l("Số điểm quá lớn."),
                "min_value": _l("Điểm không được âm."),
                "max_value": _l("Điểm quá lớn (tối đa 1.000)."),
            },
        )
        super().__init__(**kwargs)
        self.widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


def year_choices():
    current = current_school_year()
    return [(y, f"{y}–{y + 1}") for y in range(current + 1, current - 3, -1)]


class MovementForm(forms.Form):
    title = forms.CharField(label=_l("Tên phong trào"), max_length=255)
    description = forms.CharField(
        label=_l("Nội dung, mục đích"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    school_year = forms.TypedChoiceField(label=_l("Năm học"), coerce=int, choices=year_choices)
    start_date = date_field(_l("Ngày phát động"), help_text="")
    end_date = date_field(_l("Hạn báo cáo"), help_text=_l("Ngày cuối các đơn vị gửi báo cáo."))
    unit_kinds = forms.MultipleChoiceField(
        label=_l("Loại đơn vị được đăng ký"),
        choices=ELIGIBLE_KINDS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _l("Hãy chọn ít nhất một loại đơn vị được đăng ký.")},
    )

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise ValidationError(_("Hãy nhập tên phong trào."))
        return title

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Hạn báo cáo không được trước ngày phát động."))
        return data


class CriterionForm(forms.Form):
    text = forms.CharField(label=_l("Nội dung tiêu chí"), max_length=500)
    max_points = PointsField(label=_l("Điểm tối đa"))
    evidence_required = forms.BooleanField(label=_l("Bắt buộc có minh chứng"), required=False)

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Hãy nhập nội dung tiêu chí."))
        return text

    def clean_max_points(self):
        points = self.cleaned_data["max_points"]
        if points is not None and points <= 0:
            raise ValidationError(_("Điểm tối đa phải lớn hơn 0."))
        return points


class RegisterForm(forms.Form):
    unit = forms.ModelChoiceField(label=_l("Đơn vị đăng ký"), queryset=Unit.objects.none(), empty_label=None)
    pledge = forms.CharField(
        label=_l("Nội dung đăng ký, cam kết"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_l("Ví dụ: đơn vị cam kết thực hiện đầy đủ các tiêu chí của phong trào."),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("name")


class ReportForm(forms.Form):
    """One row per criterion: the result text and the self-score."""

    def __init__(self, *args, criteria, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            entry = entries.get(c.pk)
            self.fields[f"text_{c.pk}"] = forms.CharField(
                label=_l("Kết quả thực hiện"),
                required=False,
                max_length=5000,
                initial=entry.text if entry else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"score_{c.pk}"] = PointsField(
                label=_l("Điểm tự chấm"), required=False, initial=entry.self_score if entry else None
            )

    def clean(self):
        data = super().clean()
        for c in self.criteria:
            score = data.get(f"score_{c.pk}")
            if score is not None and score > c.max_points:
                self.add_error(f"score_{c.pk}", _("Tối đa %(m)s điểm.") % {"m": c.max_points})
        return data

    def groups(self):
        return [(c, self[f"text_{c.pk}"], self[f"score_{c.pk}"]) for c in self.criteria]

    def service_rows(self):
        return [
            {
                "criterion": c,
                "text": self.cleaned_data.get(f"text_{c.pk}", ""),
                "self_score": self.cleaned_data.get(f"score_{c.pk}"),
            }
            for c in self.criteria
        ]


class EvidenceForm(forms.Form):
    criterion = forms.ModelChoiceField(label=_l("Minh chứng cho tiêu chí"), queryset=Criterion.objects.none())
    file = forms.FileField(label=_l("Tệp minh chứng (ảnh hoặc PDF, tối đa 10 MB)"))

    def __init__(self, *args, movement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = movement.criteria.order_by("order", "id")


class ScoreForm(forms.Form):
    """One score per criterion (the office's), and a remark."""

    note = forms.CharField(
        label=_l("Nhận xét của phòng"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, criteria, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        self.entries = entries
        for c in self.criteria:
            entry = entries.get(c.pk)
            initial = entry.score if entry and entry.score is not None else (entry.self_score if entry else None)
            self.fields[f"score_{c.pk}"] = PointsField(label=_l("Điểm của phòng"), initial=initial)

    def clean(self):
        data = super().clean()
        for c in self.criteria:
            score = data.get(f"score_{c.pk}")
            if score is not None and score > c.max_points:
                self.add_error(f"score_{c.pk}", _("Tối đa %(m)s điểm.") % {"m": c.max_points})
        return data

    def groups(self):
        return [(c, self.entries.get(c.pk), self[f"score_{c.pk}"]) for c in self.criteria]

    def scores(self):
        return {c: self.cleaned_data[f"score_{c.pk}"] for c in self.criteria}


class AwardProposalForm(forms.Form):
    recipient = forms.ChoiceField(label=_l("Khen cho"), choices=Recipient.choices, widget=forms.RadioSelect)
    unit = forms.ModelChoiceField(
        label=_l("Đơn vị"),
        queryset=Unit.objects.none(),
        help_text=_l("Tập thể được khen, hoặc đơn vị công tác của cá nhân được khen."),
    )
    person_name = forms.CharField(label=_l("Họ và tên (khen cá nhân)"), max_length=150, required=False)
    person_role = forms.CharField(label=_l("Chức vụ (khen cá nhân)"), max_length=150, required=False)
    form = forms.ChoiceField(label=_l("Hình thức khen thưởng"), choices=AwardForm.choices)
    title = forms.CharField(
        label=_l("Tên danh hiệu"),
        max_length=255,
        required=False,
        help_text=_l("Chỉ ghi khi hình thức là danh hiệu thi đua."),
    )
    reason = forms.CharField(label=_l("Thành tích"), max_length=500)

    def __init__(self, *args, movement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=movement.registrations.values("unit_id")).order_by(
            "name"
        )
        self.fields["recipient"].initial = Recipient.COLLECTIVE

    def clean(self):
        data = super().clean()
        if data.get("recipient") == Recipient.INDIVIDUAL and not (data.get("person_name") or "").strip():
            self.add_error("person_name", _("Khen cá nhân: hãy ghi họ và tên."))
        if data.get("form") == AwardForm.DANH_HIEU and not (data.get("title") or "").strip():
            self.add_error("title", _("Hãy ghi tên danh hiệu thi đua."))
        return data


class DecisionForm(forms.Form):
    number = forms.CharField(
        label=_l("Số quyết định"),
        max_length=30,
        required=False,
        help_text=_l("Để trống nếu văn thư sẽ ghi số khi đóng dấu."),
    )
    signed_on = date_field(_l("Ngày ký"), help_text="")
