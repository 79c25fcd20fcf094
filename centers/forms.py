"""Forms: one value in clean_<field>, across fields in clean(). Messages in Vietnamese; the same
rules are enforced again in services (the forms only make the message appear next to the field)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from units.concurrency import VersionedFormMixin, version_field
from units.forms import AmountField, date_field
from units.text import as_id

from . import activity_resources, funding_rule, services
from . import learners as learner_list
from .files import MAX_EVIDENCE_BYTES, check_evidence
from .models import (
    Activity,
    CentrePerson,
    CentreProfile,
    Club,
    FundingEntry,
    FundingKind,
    FundingRegion,
    LearningNeed,
    NeedGroup,
    YearPlan,
)


class ProfileForm(forms.ModelForm):
    decision_date = date_field(_l("Ngày quyết định"), required=False, help_text="")

    class Meta:
        model = CentreProfile
        fields = services.PROFILE_FIELDS
        widgets = {"facilities": forms.Textarea(attrs={"rows": 3}), "equipment": forms.Textarea(attrs={"rows": 3})}


class PersonForm(forms.ModelForm):
    since = date_field(_l("Từ ngày"), help_text="")

    class Meta:
        model = CentrePerson
        fields = ["full_name", "role", "origin", "origin_detail", "position", "phone", "since"]


class PersonEndForm(forms.Form):
    until = date_field(_l("Thôi từ ngày"), help_text="")
    reason = forms.CharField(label=_l("Lý do"), max_length=200, required=False)


class ResourceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} — {obj.get_field_display()}"

    def _check_values(self, value):
        # A value that cannot be an id never reaches a query (SQLite overflows on 10**30).
        if any(as_id(v) is None for v in value):
            raise ValidationError(
                _("Học liệu đã chọn không có trong thư viện; hãy tải lại trang rồi chọn lại."), code="invalid_choice"
            )
        return super()._check_values(value)


class ActivityForm(forms.ModelForm):
    """Fits a 390 px phone screen in one column: the essentials first, the learner list last."""

    start_date = date_field(_l("Ngày bắt đầu"), help_text="")
    end_date = date_field(_l("Ngày kết thúc"), help_text=_l("Buổi sinh hoạt một ngày: để trùng ngày bắt đầu."))
    learners = forms.CharField(
        label=_l("Danh sách người học (không bắt buộc)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "Nguyễn Thị Lan; nữ; 1962; Tày"}),
        help_text=_l(
            "Mỗi dòng một người: họ tên; nam/nữ; năm sinh; dân tộc (mã 01–54 hoặc tên theo danh mục 54 dân tộc, "
            "ví dụ Kinh, Tày, Mông; để trống nếu không rõ). Có danh sách thì các con số bên trên "
            "được tính từ danh sách. Người cao tuổi: từ 60 tuổi (Luật Người cao tuổi 2009)."
        ),
    )

    resources = ResourceChoiceField(
        label=_l("Học liệu sử dụng (không bắt buộc)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_l("Chọn tài liệu, bài giảng trong thư viện học liệu của phòng đã dùng cho hoạt động này."),
    )

    class Meta:
        model = Activity
        fields = services.ACTIVITY_FIELDS
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 2}),
            "participants": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "women": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "ethnic_minority": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "elderly": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "sessions": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "place": forms.TextInput(attrs={"list": "place-options", "autocomplete": "off"}),
            "lecturer": forms.TextInput(attrs={"list": "lecturer-options", "autocomplete": "off"}),
        }

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre = centre
        self.fields["club"].queryset = Club.objects.filter(centre=centre, closed_on__isnull=True)
        self.fields["club"].help_text = _("Chỉ chọn khi ghi buổi sinh hoạt câu lạc bộ.")
        self.fields["resources"].queryset = activity_resources.choices_for(centre, self.instance)
        if self.instance.pk and not self.is_bound:
            self.initial["resources"] = [r.pk for r in self.instance.resources.all()]
        self.fields["participants"].required = False
        for name in ("women", "ethnic_minority", "elderly"):
            self.fields[name].required = False
        if self.instance.pk and self.instance.has_learner_list and not self.is_bound:
            self.initial["learners"] = learner_list.as_text(self.instance.learners.all())

    def clean_sessions(self):
        sessions = self.cleaned_data.get("sessions")
        if sessions is not None and sessions < 1:
            raise ValidationError(_("Số buổi ít nhất là 1."))
        return sessions

    def clean_learners(self):
        text = self.cleaned_data.get("learners", "")
        start = self.cleaned_data.get("start_date")
        year = start.year if start else 2000
        self.learner_lines = learner_list.parse(text, year=year) if text.strip() else []
        return text

    def clean(self):
        data = super().clean()
        for name in ("participants", "women", "ethnic_minority", "elderly"):
            if data.get(name) is None and name not in self.errors:
                data[name] = 0
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Ngày kết thúc không thể trước ngày bắt đầu."))
        if not getattr(self, "learner_lines", None):
            total = data.get("participants") or 0
            for name, label in (
                ("women", _("nữ")),
                ("ethnic_minority", _("người dân tộc thiểu số")),
                ("elderly", _("người cao tuổi")),
            ):
                if (data.get(name) or 0) > total:
                    self.add_error(
                        name,
                        _("Số %(what)s không thể lớn hơn tổng số người tham gia (%(n)d).")
                        % {"what": label, "n": total},
                    )
        return data

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        learners = data.pop("learners", "")
        data["learners"] = (
            learners if learners.strip() or (self.instance.pk and self.instance.has_learner_list) else None
        )
        return data


class ClubForm(forms.ModelForm):
    founded_on = date_field(_l("Ngày thành lập"), required=False, help_text="")

    class Meta:
        model = Club
        fields = [name for name in services.CLUB_FIELDS if name != "closed_on"]


class ClubEditForm(ClubForm):
    closed_on = date_field(
        _l("Ngừng hoạt động từ"), required=False, help_text=_l("Để trống khi câu lạc bộ còn hoạt động.")
    )

    class Meta(ClubForm.Meta):
        fields = services.CLUB_FIELDS

    def clean(self):
        data = super().clean()
        founded, closed = data.get("founded_on"), data.get("closed_on")
        if founded and closed and closed < founded:
            self.add_error("closed_on", _("Ngày ngừng hoạt động không thể trước ngày thành lập."))
        return data


class NeedForm(forms.ModelForm):
    surveyed_on = date_field(_l("Ngày khảo sát"), help_text="")

    class Meta:
        model = LearningNeed
        fields = ["field", "group", "topic", "people", "surveyed_on", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].initial = NeedGroup.EVERYONE

    def clean_people(self):
        people = self.cleaned_data.get("people")
        if people is not None and people < 1:
            raise ValidationError(_("Số người có nhu cầu ít nhất là 1."))
        return people


class FundingForm(forms.ModelForm):
    date = date_field(_l("Ngày"), help_text="")

    class Meta:
        model = FundingEntry
        fields = ["kind", "date", "source", "purpose", "amount", "description", "voucher"]
        widgets = {"kind": forms.RadioSelect}
        field_classes = {"amount": AmountField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].help_text = _(
            "Ngân sách nhà nước hỗ trợ TTHTCĐ theo %(basis)s (chỉ xã vùng dân tộc thiểu số và miền "
            "núi: tối thiểu %(r1)s triệu đồng/năm vùng I, %(r2)s triệu vùng II–III)."
        ) % {
            "basis": funding_rule.BASIS,
            "r1": funding_rule.yearly_minimum(FundingRegion.REGION_1) // 1_000_000,
            "r2": funding_rule.yearly_minimum(FundingRegion.REGION_2) // 1_000_000,
        }
        self.fields["amount"].help_text = _("Ghi bằng đồng, ví dụ 2500000 hoặc 2.500.000.")

    def clean_amount(self):
        amount = self.cleaned_data.get("amount")
        if amount is not None and amount <= 0:
            raise ValidationError(_("Số tiền phải lớn hơn 0 đồng."))
        return amount

    def clean(self):
        data = super().clean()
        if data.get("kind") == FundingKind.RECEIPT and not data.get("source"):
            self.add_error("source", _("Hãy chọn nguồn thu."))
        if data.get("kind") == FundingKind.SPENDING and not data.get("purpose"):
            self.add_error("purpose", _("Hãy chọn nội dung chi."))
        return data


class PlanForm(forms.ModelForm):
    class Meta:
        model = YearPlan
        fields = services.PLAN_FIELDS
        widgets = {"goals": forms.Textarea(attrs={"rows": 3}), "content": forms.Textarea(attrs={"rows": 6})}
        field_classes = {"planned_budget": AmountField}

    def clean_planned_budget(self):
        budget = self.cleaned_data.get("planned_budget")
        if budget is not None and budget < 0:
            raise ValidationError(_("Kinh phí không thể âm."))
        return budget


def _points(value) -> str:
    """5.00 → "5", 2.50 → "2,5": points as a Vietnamese reader writes them."""
    if value is None:
        return ""
    return f"{value.normalize():f}".replace(".", ",")


class ScoreForm(VersionedFormMixin, forms.Form):
    """One field per criterion, built from the rubric (the criteria are data). `version` is the
    self-assessment's version the page showed (units.concurrency)."""

    version = version_field()

    def __init__(self, *args, criteria, field_prefix="p", initial_points=None, notes=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        initial_points = initial_points or {}
        for c in self.criteria:
            self.fields[f"{field_prefix}_{c.pk}"] = forms.DecimalField(
                label=f"{c.code}. {c.text}",
                required=False,
                min_value=0,
                max_value=c.max_points,
                decimal_places=2,
                initial=initial_points.get(c.pk, (None, ""))[0],
                widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal", "class": "score-input"}),
                error_messages={
                    "max_value": _("Tối đa %(m)s điểm.") % {"m": _points(c.max_points)},
                    "min_value": _("Điểm không thể âm."),
                },
            )
            if notes:
                self.fields[f"n_{c.pk}"] = forms.CharField(
                    required=False, max_length=255, initial=initial_points.get(c.pk, (None, ""))[1]
                )
        self.field_prefix = field_prefix

    def rows(self):
        return [
            (c, self[f"{self.field_prefix}_{c.pk}"], self[f"n_{c.pk}"] if f"n_{c.pk}" in self.fields else None)
            for c in self.criteria
        ]

    def scores(self) -> dict:
        return {
            c.pk: (self.cleaned_data.get(f"{self.field_prefix}_{c.pk}"), self.cleaned_data.get(f"n_{c.pk}", ""))
            for c in self.criteria
        }


class RateForm(ScoreForm):
    comment = forms.CharField(label=_l("Nhận xét của Phòng"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, field_prefix="o", notes=False, **kwargs)
        for c in self.criteria:
            self.fields[f"o_{c.pk}"].required = True
            self.fields[f"o_{c.pk}"].error_messages["required"] = _("Hãy nhập điểm.")


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_l("Tệp minh chứng"),
        help_text=_l("Ảnh (JPG, PNG, GIF, WEBP) hoặc PDF, tối đa %(mb)d MB.")
        % {"mb": MAX_EVIDENCE_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}),
    )
    criterion = forms.ModelChoiceField(label=_l("Cho tiêu chí"), queryset=None, required=False)
    description = forms.CharField(label=_l("Mô tả"), max_length=255, required=False)

    def __init__(self, *args, criteria_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = criteria_queryset
        self.fields["criterion"].label_from_instance = lambda c: f"{c.code}. {c.text[:70]}"

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded is not None:
            self.content_type = check_evidence(uploaded)
        return uploaded
