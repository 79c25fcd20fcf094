from django import forms
from django.utils.translation import gettext_lazy as _

from units.models import Unit


class ApiClientForm(forms.Form):
    name = forms.CharField(
        label=_("Tên ứng dụng"),
        max_length=120,
        help_text=_("Ví dụ: Hệ thống báo cáo của Sở GD&ĐT."),
    )
    unit = forms.ModelChoiceField(
        label=_("Đơn vị được đọc số liệu"),
        queryset=Unit.objects.none(),
        help_text=_("Ứng dụng chỉ đọc được số liệu của đơn vị này và các đơn vị trực thuộc."),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        first = self.fields["unit"].queryset.first()
        if first is not None:
            self.fields["unit"].initial = first.pk
