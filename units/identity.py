"""The unit's identity on official documents (UnitIdentity): its form and its one write.

What documents print from it and what they take from the tree when a unit has set nothing:
documents/issuer.py. The page: /don-vi/<id>/the-thuc-van-ban/ (units.views.identity)."""

from django import forms
from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import audit, legal
from .models import Unit, UnitIdentity
from .text import nfc

FIELDS = [
    "official_name",
    "parent_agency",
    "abbreviation",
    "drafting_code",
    "place_name",
    "head_position",
    "head_name",
    "deputy_position",
    "deputy_name",
    "deputy_signs",
    "recipients",
    "archive",
]


class UnitIdentityForm(forms.ModelForm):
    class Meta:
        model = UnitIdentity
        fields = FIELDS
        widgets = {"recipients": forms.Textarea(attrs={"rows": 4})}

    def clean_abbreviation(self):
        value = nfc(self.cleaned_data["abbreviation"]).strip()
        if any(ch.isspace() for ch in value) or "/" in value:
            raise forms.ValidationError(_("Chữ viết tắt không có dấu cách hay dấu “/”, ví dụ: PGDĐT."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("deputy_signs") and not (data.get("deputy_position") and data.get("deputy_name")):
            self.add_error(
                "deputy_name",
                format_lazy(
                    "{} ({}).",
                    _("Cấp phó ký thay thì cần ghi chức vụ và họ tên cấp phó"),
                    legal.cite("nd30_2020", "Phụ lục I"),
                ),
            )
        return data


@transaction.atomic
def identity_save(*, actor, unit: Unit, data: dict) -> UnitIdentity:
    """Create or change `unit`'s identity; audited with the fields that changed."""
    identity = UnitIdentity.objects.select_for_update().filter(unit=unit).first()
    created = identity is None
    identity = identity or UnitIdentity(unit=unit)
    before = audit.snapshot(identity, FIELDS)
    for name in FIELDS:
        value = data.get(name)
        setattr(identity, name, nfc(value).strip() if isinstance(value, str) else value)
    identity.full_clean()
    identity.save()
    audit.record(
        actor=actor,
        action="unit.identity_create" if created else "unit.identity_update",
        obj=identity,
        unit=unit,
        changes=audit.diff(identity, FIELDS, before),
    )
    return identity
