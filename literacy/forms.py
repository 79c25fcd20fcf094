"""Forms validate one value at a time; the services hold the rules. Messages in Vietnamese."""

from django import forms
from django.utils.translation import gettext_lazy as _

from units import legal
from units.calendar import today
from units.concurrency import VersionedFormMixin, version_field
from units.ethnicity import EthnicityField
from units.forms import date_field, order_units_vn
from units.models import Unit, UnitKind

from . import rules, services
from .models import (
    Household,
    LiteracyClass,
    LiteracySettings,
    Person,
    SurveyRound,
    TermResult,
)


class SettingsForm(forms.ModelForm):
    class Meta:
        model = LiteracySettings
        fields = ["exempt_leave_denominator", "age_method", "recognition_decider"]
        # No article of Nghị định 20/2014/NĐ-CP states the exemption (DOMAIN.md §3): the help cites
        # the local rule (the model's help text keeps its migration-frozen wording).
        help_texts = {
            "exempt_leave_denominator": _(
                "Mặc định: người khuyết tật không có khả năng học tập được miễn, ghi ở cột riêng và không tính "
                "vào mẫu số khi tính tỉ lệ (quy định của địa phương / hướng dẫn điều tra). Cần kiểm tra lại với "
                "hướng dẫn hiện hành."
            )
        }


class RoundForm(forms.ModelForm):
    reference_date = date_field(_("Ngày chốt số liệu"), help_text="")
    carry_over = forms.BooleanField(
        label=_("Bắt đầu từ số liệu của đợt trước"),
        required=False,
        initial=True,
        help_text=_("Hộ và nhân khẩu của đợt trước được chép sang (trừ người đã chuyển đi, đã chết) để cập nhật."),
    )

    class Meta:
        model = SurveyRound
        fields = ["office", "year", "number", "reference_date"]

    def __init__(self, *args, offices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices if offices is not None else Unit.objects.none()
        order_units_vn(self.fields["office"])
        self.fields["year"].initial = today().year
        self.fields["year"].help_text = _("Năm thống kê PCGD-XMC (01/10 năm trước đến 30/9).")


class AssignmentForm(forms.Form):
    hamlet = forms.ModelChoiceField(label=_("Thôn / tổ dân phố"), queryset=Unit.objects.none())
    unit = forms.ModelChoiceField(label=_("Đơn vị điều tra"), queryset=Unit.objects.none())

    def __init__(self, *args, survey_round: SurveyRound, **kwargs):
        super().__init__(*args, **kwargs)
        scope = Unit.objects.subtree_of(survey_round.office).active_on()
        self.fields["hamlet"].queryset = scope.filter(kind=UnitKind.HAMLET).select_related("parent").order_by("path")
        self.fields["hamlet"].label_from_instance = lambda u: (
            f"{u.full_name} — {u.parent.full_name if u.parent else ''}"
        )
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"
        self.fields["unit"].queryset = scope.filter(
            kind__in=[UnitKind.SCHOOL, UnitKind.CENTRE, UnitKind.DISTRICT_CENTRE]
        ).order_by("path")
        order_units_vn(self.fields["hamlet"])
        order_units_vn(self.fields["unit"])


class VersionedForm(VersionedFormMixin, forms.ModelForm):
    """An edit form that carries the row's version the page showed (units.concurrency): the service
    refuses the save if someone saved since. Not a model field, so it never overwrites the row's."""

    version = version_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def model_data(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if key != "version"}


class HouseholdForm(VersionedForm):
    class Meta:
        model = Household
        fields = ["hamlet", "code", "house_number", "head_name", "residence"]

    def __init__(self, *args, hamlets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hamlet"].queryset = hamlets if hamlets is not None else Unit.objects.none()
        self.fields["hamlet"].label_from_instance = lambda u: u.full_name
        order_units_vn(self.fields["hamlet"])


class PersonForm(VersionedForm):
    birth_date = date_field(_("Ngày sinh"), required=False, help_text=_("Để trống nếu chỉ biết năm sinh."))
    birth_year = forms.IntegerField(label=_("Năm sinh"), required=False)
    ethnicity = EthnicityField(label=_("Dân tộc"))

    class Meta:
        model = Person
        fields = services.PERSON_FIELDS
        help_texts = {
            "exempt": _(
                "Người khuyết tật không có khả năng học tập, ghi ở cột riêng (quy định của địa phương / "
                "hướng dẫn điều tra)."
            )
        }

    def clean_id_number(self):
        value = (self.cleaned_data.get("id_number") or "").strip()
        if message := rules.id_number_error(value):
            raise forms.ValidationError(message)
        return value

    def clean_grade(self):
        grade = self.cleaned_data.get("grade")
        if grade is not None and grade > 12:
            raise forms.ValidationError(_("Lớp đã hoàn thành phải từ 0 đến 12."))
        return grade

    def clean(self):
        data = super().clean()
        birth_date = data.get("birth_date")
        if "birth_date" not in self.errors and "birth_year" not in self.errors:
            for field, message in services.birth_errors(data.get("birth_year"), birth_date).items():
                self.add_error(field, message)
        if birth_date:
            data["birth_year"] = birth_date.year
        if message := rules.exemption_error(disability=bool(data.get("disability")), exempt=bool(data.get("exempt"))):
            self.add_error("exempt", message)
        return data


class ClassForm(forms.ModelForm):
    start_date = date_field(_("Ngày khai giảng"), help_text="")
    end_date = date_field(_("Ngày kết thúc dự kiến"), required=False, help_text="")

    class Meta:
        model = LiteracyClass
        fields = ["name", "run_by", "commune", "stage", "start_date", "end_date", "teacher", "location"]

    def __init__(self, *args, run_units=None, communes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["run_by"].queryset = run_units if run_units is not None else Unit.objects.none()
        self.fields["commune"].queryset = communes if communes is not None else Unit.objects.none()
        order_units_vn(self.fields["run_by"])
        order_units_vn(self.fields["commune"])
        self.fields["commune"].required = False
        self.fields["commune"].help_text = _(
            "Lớp của trường hoặc TTHTCĐ học tại xã của đơn vị; chỉ cần chọn khi lớp do TT GDNN-GDTX mở."
        )
        self.fields["stage"].help_text = _(
            "Chương trình XMC (%(basis)s): giai đoạn 1 gồm kỳ 1–3, giai đoạn 2 gồm kỳ 4–5."
        ) % {"basis": legal.cite("tt33_2021")}
        if self.instance.pk:
            del self.fields["run_by"]
            del self.fields["commune"]

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("Ngày kết thúc không thể trước ngày khai giảng."))
        return data


class ResultForm(forms.Form):
    term = forms.TypedChoiceField(label=_("Kỳ"), coerce=int)
    result = forms.ChoiceField(label=_("Kết quả"), choices=TermResult.Result.choices)
    comment = forms.CharField(label=_("Nhận xét"), max_length=255, required=False)

    def __init__(self, *args, literacy_class: LiteracyClass, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].choices = [(t, _("Kỳ %(t)d") % {"t": t}) for t in literacy_class.terms]
        self.fields["result"].help_text = _(
            "%(basis)s. Đạt (Hoàn thành tốt / Hoàn thành) ở kỳ 3 là hoàn thành giai đoạn 1, "
            "ở kỳ 5 là hoàn thành giai đoạn 2: mức độ biết chữ của học viên được nâng tự động."
        ) % {"basis": legal.cite("tt10_2022")}


class ImportForm(forms.Form):
    round = forms.ModelChoiceField(label=_("Đợt điều tra"), queryset=SurveyRound.objects.none())
    commune = forms.ModelChoiceField(label=_("Xã, phường, thị trấn"), queryset=Unit.objects.none())
    file = forms.FileField(
        label=_("Tệp Excel"),
        help_text=_("Tệp .xlsx theo mẫu (nút “Tải mẫu”). Tên cột không phân biệt hoa thường, dấu, thứ tự."),
    )
    layout = forms.ChoiceField(
        label=_("Cách đọc cột"),
        required=False,
        help_text=_(
            "Tệp theo bố cục khác (phiếu điều tra quốc gia, mẫu riêng của xã): chọn mẫu ghép cột đã lưu, "
            "hoặc ghép cột sau khi tải lên."
        ),
    )

    AUTO, MANUAL = "", "ghep"

    def __init__(self, *args, rounds=None, communes=None, layouts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["layout"].choices = [
            (self.AUTO, _("Theo mẫu của cổng (tệp khác mẫu sẽ chuyển sang bước ghép cột)")),
            (self.MANUAL, _("Ghép cột sau khi tải lên")),
            *layouts,
        ]
        self.fields["round"].queryset = rounds if rounds is not None else SurveyRound.objects.none()
        self.fields["commune"].queryset = communes if communes is not None else Unit.objects.none()
        self.fields["commune"].label_from_instance = lambda u: u.full_name
        order_units_vn(self.fields["commune"])

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".xlsx", ".xlsm", ".xls", ".ods")):
            raise forms.ValidationError(_("Chỉ nhận tệp Excel (.xlsx, .xls) hoặc .ods."))
        if upload.size > 40 * 1024 * 1024:
            raise forms.ValidationError(_("Tệp lớn hơn 40 MB; hãy tách tệp theo thôn."))
        return upload


def current_year() -> int:
    return today().year
