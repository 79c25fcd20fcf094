"""Forms: one value in clean_<field>, across fields in clean(). Messages in Vietnamese; the
services check the same rules again (the forms only put the message next to the field)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from units.forms import date_field
from units.models import Membership, Unit, UnitKind, User
from units.text import as_id

from .files import MAX_BYTES, check_file
from .models import Content, Result

INSPECTED_KINDS = (UnitKind.COMMUNE, UnitKind.SCHOOL, UnitKind.CENTRE, UnitKind.DISTRICT_CENTRE, UnitKind.ASSOCIATION)


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes of ids: a posted value that cannot be an id (text, a number past 64 bits, which
    SQLite refuses in an IN list) is an invalid choice, never a query."""

    def _check_values(self, value):
        for pk in value:
            if as_id(pk) is None:
                raise ValidationError(
                    _("Lựa chọn “%(pk)s” không hợp lệ; hãy chọn lại trong danh sách."),
                    code="invalid_pk_value",
                    params={"pk": str(pk)[:30]},
                )
        return super()._check_values(value)


class InspectionForm(forms.Form):
    unit = forms.ModelChoiceField(label=_l("Đơn vị được kiểm tra"), queryset=Unit.objects.none())
    planned_date = date_field(_l("Ngày dự kiến kiểm tra"), help_text="")
    contents = IdsChoiceField(
        label=_l("Nội dung kiểm tra"), queryset=Content.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    team = IdsChoiceField(
        label=_l("Đoàn kiểm tra"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_l("Người của phòng tham gia đoàn."),
    )
    leader = forms.ModelChoiceField(
        label=_l("Trưởng đoàn"),
        queryset=User.objects.none(),
        help_text=_l("Người ký biên bản kiểm tra; được thêm vào đoàn nếu chưa chọn ở trên."),
    )

    def __init__(self, *args, office: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            Unit.objects.subtree_of(office).active_on().filter(kind__in=INSPECTED_KINDS).order_by("path")
        )
        self.fields["contents"].queryset = Content.objects.filter(office=office).order_by("order", "id")
        self.fields["team"].queryset = (
            User.objects.filter(is_active=True, memberships__in=Membership.objects.active_on().filter(unit=office))
            .distinct()
            .order_by("full_name", "username")
        )
        self.fields["leader"].queryset = self.fields["team"].queryset
        for name in ("team", "leader"):
            self.fields[name].label_from_instance = lambda u: u.full_name or u.username


class ChecklistForm(forms.Form):
    """The inspection's date and notes, and a result and a note per item of its contents."""

    done_date = date_field(_l("Ngày kiểm tra"), help_text="")
    notes = forms.CharField(
        label=_l("Nhận xét chung"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, contents, checks: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = []
        for content in contents:
            rows = []
            for item in content.items.all():
                check = checks.get(item.pk)
                self.fields[f"result_{item.pk}"] = forms.ChoiceField(
                    label=item.text,
                    choices=[("", "—"), *Result.choices],
                    required=False,
                    initial=check.result if check else "",
                    widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
                )
                self.fields[f"note_{item.pk}"] = forms.CharField(
                    label=_l("Ghi chú"), max_length=500, required=False, initial=check.note if check else ""
                )
                rows.append((item, self[f"result_{item.pk}"], self[f"note_{item.pk}"]))
            self.groups.append((content, rows))

    def clean(self):
        data = super().clean()
        if not any(data.get(f"result_{item.pk}") for _c, rows in self.groups for item, _r, _n in rows):
            raise ValidationError(_("Hãy ghi kết quả (đạt / chưa đạt) cho ít nhất một mục."))
        return data

    def service_rows(self):
        return [
            {
                "item": item,
                "result": self.cleaned_data.get(f"result_{item.pk}") or "",
                "note": (self.cleaned_data.get(f"note_{item.pk}") or "").strip(),
            }
            for _c, rows in self.groups
            for item, _r, _n in rows
        ]


class PhotoForm(forms.Form):
    file = forms.FileField(
        label=_l("Ảnh minh chứng"),
        help_text=_l("Ảnh JPG, PNG, GIF hoặc WEBP, tối đa %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    caption = forms.CharField(label=_l("Mô tả"), max_length=255, required=False)

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded is not None:
            check_file(uploaded, images_only=True)
        return uploaded


class RecommendationForm(forms.Form):
    finding = forms.CharField(
        label=_l("Tồn tại, hạn chế"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    text = forms.CharField(label=_l("Kiến nghị"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    deadline = date_field(_l("Hạn thực hiện"), help_text="")


class AnswerForm(forms.Form):
    response = forms.CharField(
        label=_l("Kết quả thực hiện kiến nghị"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    file = forms.FileField(
        label=_l("Tệp kèm theo"),
        required=False,
        help_text=_l("Ảnh hoặc PDF, tối đa %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded:
            check_file(uploaded, images_only=False)
        return uploaded or None


class ContentForm(forms.Form):
    title = forms.CharField(label=_l("Tên nội dung kiểm tra"), max_length=255)


class ItemForm(forms.Form):
    text = forms.CharField(label=_l("Mục cần kiểm tra"), max_length=500)
