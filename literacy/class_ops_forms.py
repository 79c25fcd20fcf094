"""Forms of the class operations (issue 19): a session's date and a dropout."""

from django import forms
from django.utils.translation import gettext_lazy as _

from units.calendar import today
from units.forms import date_field

from .models import Dropout


class SessionForm(forms.Form):
    date = date_field(_("Ngày học"), help_text="")
    topic = forms.CharField(label=_("Nội dung buổi học"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = today()


class DropoutForm(forms.Form):
    date = date_field(_("Ngày bỏ học"), help_text="")
    reason = forms.ChoiceField(
        label=_("Lý do"),
        choices=[("", _("— chọn lý do —")), *Dropout.Reason.choices],
        error_messages={"required": _("Hãy chọn lý do bỏ học."), "invalid_choice": _("Hãy chọn lý do bỏ học.")},
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = today()
