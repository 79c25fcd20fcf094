"""Forms of the steering committees: messages in Vietnamese; the services check the same rules."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from units.forms import date_field
from units.models import today
from units.uploads import check_upload

from .models import Committee, Member


class CommitteeForm(forms.ModelForm):
    decision_date = date_field(_l("Ngày quyết định"), help_text="")
    upload = forms.FileField(
        label=_l("Bản quyết định (ảnh chụp hoặc PDF)"), required=False, help_text=_l("Tối đa 10 MB.")
    )

    class Meta:
        model = Committee
        fields = ["commune", "kind", "decision_number", "decision_date", "decision_signer", "notes"]

    def __init__(self, *args, communes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if communes is None:
            del self.fields["commune"]
            del self.fields["kind"]
        else:
            self.fields["commune"].queryset = communes
            self.fields["commune"].empty_label = None

    def clean_decision_date(self):
        day = self.cleaned_data["decision_date"]
        if day and day > today():
            raise ValidationError(_("Ngày quyết định không được sau hôm nay."))
        return day

    def clean_upload(self):
        uploaded = self.cleaned_data.get("upload")
        if uploaded:
            check_upload(uploaded, hint=_("Hãy đính kèm ảnh chụp hoặc bản PDF của quyết định."))
        return uploaded

    def validate_unique(self):
        pass  # the service says it in Vietnamese, on the right field


class MemberForm(forms.ModelForm):
    from_date = date_field(_l("Từ ngày"), help_text=_l("Thường là ngày quyết định thành lập hoặc kiện toàn ban."))

    class Meta:
        model = Member
        fields = ["full_name", "position", "job", "from_date", "change_note"]


class ReplaceForm(forms.Form):
    on = date_field(_l("Thay từ ngày"), help_text=_l("Người cũ thôi từ ngày này; người mới bắt đầu cùng ngày."))
    full_name = forms.CharField(label=_l("Họ và tên người thay"), max_length=150)
    job = forms.CharField(label=_l("Chức vụ, đơn vị công tác của người thay"), max_length=255)
    change_note = forms.CharField(
        label=_l("Lý do, quyết định thay đổi"),
        max_length=255,
        required=False,
        help_text=_l("Ví dụ: số và ngày quyết định kiện toàn ban của UBND xã; chuyển công tác."),
    )


class EndForm(forms.Form):
    on = date_field(_l("Thôi từ ngày"), help_text="")
    change_note = forms.CharField(label=_l("Lý do"), max_length=255, required=False)
