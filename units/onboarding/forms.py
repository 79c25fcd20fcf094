"""The upload form of the onboarding pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..forms import UnitChoiceField
from ..models import Unit


class OnboardingUploadForm(forms.Form):
    root = UnitChoiceField(
        label=_("Đơn vị quản lý"),
        queryset=Unit.objects.none(),
        help_text=_("Các đơn vị trong tệp được tạo trong đơn vị này."),
    )
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx) theo mẫu"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def __init__(self, *args, roots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["root"].queryset = roots
        if len(roots) == 1:
            self.fields["root"].initial = roots[0]
            self.fields["root"].widget = forms.HiddenInput()
