"""Forms: one value in clean_<field>, across fields in clean(). Messages in Vietnamese; the
services check the same rules again (the forms only put the message next to the field)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from units.forms import date_field
from units.models import Membership, Role, Unit, UnitKind, User

from . import services
from .models import Course, ParticipantRole, Result

# What a portal role takes part as, when the organiser picks a person rather than typing one.
ROLE_OF = {
    Role.PRINCIPAL: ParticipantRole.SCHOOL_STAFF,
    Role.SCHOOL_STAFF: ParticipantRole.SCHOOL_STAFF,
    Role.CENTRE_DIRECTOR: ParticipantRole.CENTRE_MANAGER,
    Role.CENTRE_STAFF: ParticipantRole.CENTRE_MANAGER,
    Role.OFFICE_OFFICER: ParticipantRole.OFFICE_STAFF,
    Role.OFFICE_LEADER: ParticipantRole.OFFICE_STAFF,
    Role.ASSOCIATION_OFFICER: ParticipantRole.COLLABORATOR,
}


class CourseForm(forms.ModelForm):
    start_date = date_field(_l("Từ ngày"), help_text="")
    end_date = date_field(_l("Đến ngày"), help_text=_l("Lớp một ngày: để trùng ngày bắt đầu."))

    class Meta:
        model = Course
        fields = ["organiser", *services.COURSE_FIELDS]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organisers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisers is None:
            del self.fields["organiser"]
        else:
            self.fields["organiser"].queryset = Unit.objects.filter(pk__in=[u.pk for u in organisers])
            self.fields["organiser"].empty_label = None
        self.fields["hours"].widget.attrs.update({"inputmode": "numeric", "max": 1000})
        self.fields["planned_participants"].widget.attrs.update({"inputmode": "numeric"})

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours is not None and hours > 1000:
            raise ValidationError(_("Số giờ quá lớn (tối đa 1.000 giờ)."))
        return hours

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Ngày kết thúc không được trước ngày bắt đầu."))
        return data


def participant_scope(organiser: Unit) -> Unit:
    """Whose people a course takes: a centre's commune (or district), else the organiser's tree."""
    if organiser.kind in (UnitKind.CENTRE, UnitKind.DISTRICT_CENTRE) and organiser.parent_id:
        return organiser.parent
    return organiser


class ParticipantForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_l("Chọn người trên cổng"),
        queryset=User.objects.none(),
        required=False,
        help_text=_l("Người đã có tài khoản; người chưa có tài khoản thì nhập họ tên và đơn vị bên dưới."),
    )
    full_name = forms.CharField(label=_l("Họ và tên (người chưa có tài khoản)"), max_length=150, required=False)
    unit = forms.ModelChoiceField(
        label=_l("Đơn vị công tác"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_l("Để trống khi chọn người trên cổng: lấy đơn vị của người đó."),
    )
    role = forms.ChoiceField(
        label=_l("Đối tượng"), choices=[("", "---------"), *ParticipantRole.choices], required=False
    )

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        scope = participant_scope(course.organiser)
        units = Unit.objects.subtree_of(scope).active_on()
        self.fields["unit"].queryset = units.order_by("path")
        self.fields["user"].queryset = (
            User.objects.filter(is_active=True, memberships__in=Membership.objects.active_on().filter(unit__in=units))
            .distinct()
            .order_by("full_name", "username")
        )
        self._units = units

    def clean(self):
        data = super().clean()
        user, unit, role = data.get("user"), data.get("unit"), data.get("role")
        if self.errors:
            return data
        if user is None and not data.get("full_name", "").strip():
            raise ValidationError(_("Hãy chọn một người trên cổng hoặc nhập họ và tên."))
        membership = None
        if user is not None:
            membership = (
                Membership.objects.active_on().filter(user=user, unit__in=self._units).select_related("unit").first()
            )
        if unit is None:
            if membership is None:
                self.add_error("unit", _("Hãy chọn đơn vị công tác của người này."))
                return data
            data["unit"] = membership.unit
        if not role:
            if membership is None or membership.role not in ROLE_OF:
                self.add_error("role", _("Hãy chọn đối tượng (vai trò) của người dự tập huấn."))
                return data
            data["role"] = ROLE_OF[membership.role]
        return data


class AttendanceForm(forms.Form):
    """One row per participant: present, result, certificate number."""

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.participants = list(participants)
        for p in self.participants:
            self.fields[f"attended_{p.pk}"] = forms.BooleanField(label=_l("Có mặt"), required=False, initial=p.attended)
            self.fields[f"result_{p.pk}"] = forms.ChoiceField(
                label=_l("Kết quả"), choices=[("", "—"), *Result.choices], required=False, initial=p.result
            )
            self.fields[f"certificate_{p.pk}"] = forms.CharField(
                label=_l("Số chứng nhận"), max_length=50, required=False, initial=p.certificate_no
            )

    def rows(self):
        """Bound fields per participant, for the template."""
        return [
            {
                "participant": p,
                "attended": self[f"attended_{p.pk}"],
                "result": self[f"result_{p.pk}"],
                "certificate": self[f"certificate_{p.pk}"],
            }
            for p in self.participants
        ]

    def clean(self):
        data = super().clean()
        for p in self.participants:
            attended = data.get(f"attended_{p.pk}")
            if not attended and (data.get(f"result_{p.pk}") or (data.get(f"certificate_{p.pk}") or "").strip()):
                self.add_error(
                    f"result_{p.pk}", _("%(name)s không có mặt thì không ghi kết quả.") % {"name": p.full_name}
                )
        return data

    def service_rows(self):
        return [
            {
                "participant": p,
                "attended": bool(self.cleaned_data.get(f"attended_{p.pk}")),
                "result": self.cleaned_data.get(f"result_{p.pk}") or "",
                "certificate_no": (self.cleaned_data.get(f"certificate_{p.pk}") or "").strip(),
            }
            for p in self.participants
        ]


class SurveyForm(forms.Form):
    organiser = forms.ModelChoiceField(label=_l("Đơn vị khảo sát"), queryset=Unit.objects.none(), empty_label=None)
    title = forms.CharField(label=_l("Tiêu đề"), max_length=255)
    deadline = date_field(_l("Hạn trả lời"), help_text="")
    notes = forms.CharField(
        label=_l("Hướng dẫn cho các đơn vị"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, organisers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = Unit.objects.filter(pk__in=[u.pk for u in organisers])


class AnswerForm(forms.Form):
    unit = forms.ModelChoiceField(label=_l("Đơn vị trả lời"), queryset=Unit.objects.none(), empty_label=None)
    topic = forms.CharField(label=_l("Nội dung cần tập huấn"), max_length=255)
    people = forms.IntegerField(label=_l("Số người cần tập huấn"), min_value=1, max_value=100000)
    note = forms.CharField(label=_l("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])
        self.fields["people"].widget.attrs["inputmode"] = "numeric"
