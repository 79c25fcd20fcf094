"""Forms of the recognition dossier (issue 18): Vietnamese labels, ids checked against the scope."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy

from units.forms import date_field, order_units_vn
from units.models import Unit, UnitKind
from units.selectors import manage_roots

LEVELS = [(1, gettext_lazy("Mức độ 1")), (2, gettext_lazy("Mức độ 2"))]


def communes_managed_by(user):
    """Communes under the units the user manages as an officer (a district office, or a commune)."""
    if user.is_superuser:
        return Unit.objects.filter(kind=UnitKind.COMMUNE)
    q = Q(pk__in=[])
    for root in manage_roots(user):
        q |= Q(path__startswith=root.path)
    return Unit.objects.filter(q, kind=UnitKind.COMMUNE)


class DossierCreateForm(forms.Form):
    commune = forms.ModelChoiceField(label=gettext_lazy("Xã"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2014, max_value=2100)
    level = forms.TypedChoiceField(label=gettext_lazy("Mức độ"), choices=LEVELS, coerce=int)
    self_check = forms.CharField(
        label=gettext_lazy("Đánh giá của xã (báo cáo tự kiểm tra)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes_managed_by(user)
        order_units_vn(self.fields["commune"])


class SubmitForm(forms.Form):
    self_check = forms.CharField(
        label=gettext_lazy("Đánh giá của xã (báo cáo tự kiểm tra)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class CheckForm(forms.Form):
    checked_on = date_field(gettext_lazy("Ngày kiểm tra"))
    notes = forms.CharField(
        label=gettext_lazy("Ý kiến của đoàn kiểm tra"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )


class RecogniseForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("Số quyết định"), max_length=20)
    date = date_field(gettext_lazy("Ngày ký quyết định"))
    signer = forms.CharField(label=gettext_lazy("Họ tên người ký"), max_length=120)
