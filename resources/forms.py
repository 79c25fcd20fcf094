"""Forms of the library and the good models; the services check the same rules again."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from .files import MAX_UPLOAD_BYTES, check_photo, check_resource_file
from .models import Audience, Field, GoodModel, Resource, ResourceStatus

_MB = MAX_UPLOAD_BYTES // (1024 * 1024)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class ResourceForm(forms.ModelForm):
    url = forms.URLField(
        label=_l("Đường dẫn"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_l("Đường dẫn tới bài giảng, video, tài liệu trên mạng (bắt đầu bằng https://)."),
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    unit = UnitChoiceField(label=_l("Đơn vị đề xuất"), queryset=None, empty_label=None)
    upload = forms.FileField(
        label=_l("Hoặc tải tệp lên"),
        required=False,
        help_text=_l("Ảnh (JPG, PNG, GIF, WEBP) hoặc PDF, tối đa %(mb)d MB.") % {"mb": _MB},
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}),
    )

    field_order = ["unit", "title", "field", "audience", "level", "description", "url", "upload", "source", "licence"]

    class Meta:
        model = Resource
        fields = ["title", "field", "audience", "level", "description", "url", "source", "licence"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "source": forms.TextInput(attrs={"placeholder": _l("Ví dụ: Bộ Y tế, Trạm Khuyến nông huyện")}),
            "licence": forms.TextInput(
                attrs={"placeholder": _l("Ví dụ: CC BY 4.0, tài liệu công khai của cơ quan nhà nước")}
            ),
        }

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if self.instance.pk:
            del self.fields["unit"]
        self.fields["url"].error_messages["invalid"] = _(
            "Đường dẫn không hợp lệ: hãy dán địa chỉ đầy đủ, bắt đầu bằng https://."
        )

    def clean_upload(self):
        uploaded = self.cleaned_data.get("upload")
        if uploaded:
            check_resource_file(uploaded)
        return uploaded or None

    def clean(self):
        data = super().clean()
        has_file = data.get("upload") or (self.instance.pk and self.instance.file)
        if not data.get("url") and not has_file and "url" not in self.errors and "upload" not in self.errors:
            self.add_error("url", _("Hãy ghi đường dẫn của học liệu hoặc tải tệp lên."))
        return data


class ReviewForm(forms.Form):
    status = forms.ChoiceField(
        label=_l("Tình trạng"),
        choices=[(ResourceStatus.PUBLISHED, _l("Đăng cho các đơn vị dùng")), (ResourceStatus.HIDDEN, _l("Ẩn"))],
        widget=forms.RadioSelect,
    )
    featured = forms.BooleanField(label=_l("Nêu bật ở đầu thư viện"), required=False)


class FilterForm(forms.Form):
    q = forms.CharField(label=_l("Tìm"), required=False, max_length=100)
    linh_vuc = forms.ChoiceField(
        label=_l("Lĩnh vực"), required=False, choices=[("", _l("Mọi lĩnh vực")), *Field.choices]
    )
    doi_tuong = forms.ChoiceField(
        label=_l("Đối tượng"), required=False, choices=[("", _l("Mọi đối tượng")), *Audience.choices]
    )
    tinh_trang = forms.ChoiceField(
        label=_l("Tình trạng"), required=False, choices=[("", _l("Mọi tình trạng")), *ResourceStatus.choices]
    )

    def values(self) -> dict:
        if not self.is_valid():
            return {"query": "", "field": "", "audience": "", "status": ""}
        d = self.cleaned_data
        return {"query": d["q"], "field": d["linh_vuc"], "audience": d["doi_tuong"], "status": d["tinh_trang"]}


class GoodModelForm(forms.ModelForm):
    unit = UnitChoiceField(label=_l("Đơn vị có mô hình"), queryset=None, empty_label=None)

    field_order = ["unit", "title", "kind", "description", "results"]

    class Meta:
        model = GoodModel
        fields = ["title", "kind", "description", "results"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5}), "results": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "description": _l("Mô hình làm gì, ai tham gia, cách tổ chức, kinh phí — đủ để đơn vị khác làm theo."),
            "results": _l("Kết quả có số liệu: số người tham gia, số buổi, thay đổi đạt được."),
        }

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if self.instance.pk:
            del self.fields["unit"]


class PhotoForm(forms.Form):
    file = forms.FileField(
        label=_l("Ảnh"),
        help_text=_l("Ảnh JPG, PNG, GIF hoặc WEBP, tối đa %(mb)d MB.") % {"mb": _MB},
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    caption = forms.CharField(label=_l("Chú thích"), max_length=255, required=False)

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded is not None:
            check_photo(uploaded)
        return uploaded


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_l("Lý do trả lại"), max_length=500, widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"})
    )
