"""The news item form: one value in clean_<field>, across fields in clean(). Messages in Vietnamese;
the services check the same rules again."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from units.forms import date_field
from units.models import Unit, today

from . import files
from .models import Channel, NewsItem, Topic

MAX_COUNT = 100_000


class NewsItemForm(forms.ModelForm):
    date = date_field(_l("Ngày đăng, phát"), help_text="")
    link = forms.URLField(
        label=_l("Đường dẫn"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_l("Địa chỉ bài đăng trên web hoặc mạng xã hội, nếu có."),
        error_messages={"invalid": _l("Đường dẫn không hợp lệ; hãy dán địa chỉ đầy đủ, ví dụ https://…")},
    )
    upload = forms.FileField(
        label=_l("Tệp đính kèm (ảnh hoặc PDF)"),
        required=False,
        help_text=_l("Ảnh chụp bài báo, pano, buổi phát thanh… tối đa 10 MB."),
    )

    class Meta:
        model = NewsItem
        fields = ["unit", "date", "channel", "topic", "title", "link", "count", "notes"]
        widgets = {"notes": forms.TextInput()}

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("path")
            self.fields["unit"].empty_label = None
        self.fields["count"].widget.attrs.update({"inputmode": "numeric", "min": 1, "max": MAX_COUNT})
        self.fields["link"].widget.attrs["placeholder"] = "https://"

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day and day > today():
            raise ValidationError(_("Ngày đăng, phát không được sau hôm nay: chỉ ghi tin, bài đã đăng."))
        return day

    def clean_count(self):
        count = self.cleaned_data["count"]
        if count is not None and count > MAX_COUNT:
            raise ValidationError(_("Số lượng quá lớn (tối đa 100.000)."))
        if count is not None and count < 1:
            raise ValidationError(_("Số lượng ít nhất là 1."))
        return count

    def clean_upload(self):
        uploaded = self.cleaned_data.get("upload")
        if uploaded:
            files.check_file(uploaded)
        return uploaded


class FilterForm(forms.Form):
    tu = date_field(_l("Từ ngày"), required=False, help_text="")
    den = date_field(_l("Đến ngày"), required=False, help_text="")
    kenh = forms.ChoiceField(label=_l("Kênh"), choices=[("", _l("Mọi kênh")), *Channel.choices], required=False)
    chu_de = forms.ChoiceField(label=_l("Chủ đề"), choices=[("", _l("Mọi chủ đề")), *Topic.choices], required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css = "form-select form-select-sm" if name in ("kenh", "chu_de") else "form-control form-control-sm"
            field.widget.attrs["class"] = css
