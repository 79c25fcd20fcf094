"""The official codes on the unit form, and the commune picker filled from the national list.

The picker is a plain select of the managing office's province's communes (units.national, read from
the pip package: it works offline and without JavaScript); choosing one fills the official code and
the level, and the name when left blank. A small script fills them in the page as well.
"""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import legal, national
from .models import Unit


class NationalCodesMixin(forms.Form):
    commune_pick = forms.ChoiceField(
        label=_("Chọn xã, phường từ danh mục"),
        required=False,
        help_text=format_lazy(
            "{} {}: {}",
            _("Danh mục đơn vị hành chính theo"),
            legal.cite("qd19_2025"),
            _("điền sẵn mã, tên và cấp."),
        ),
    )
    official_code = forms.CharField(
        label=_("Mã đơn vị hành chính"),
        max_length=5,
        required=False,
        help_text=Unit._meta.get_field("official_code").help_text,
    )
    province_code = forms.ChoiceField(
        label=_("Tỉnh, thành phố"),
        required=False,
        help_text=Unit._meta.get_field("province_code").help_text,
    )
    moet_code = forms.CharField(
        label=_("Mã trường (CSDL ngành)"),
        max_length=20,
        required=False,
        help_text=Unit._meta.get_field("moet_code").help_text,
    )

    def setup_national_fields(self, province_code: str) -> None:
        """`province_code`: the managing office's province, whose communes the picker offers."""
        self.province_code_for_picker = province_code
        self.fields["province_code"].choices = [("", "---------")] + [(p.code, p.label) for p in national.provinces()]
        self.picker_communes = national.communes(province_code) if province_code else []
        if self.picker_communes:
            self.fields["commune_pick"].choices = [("", _("— Chọn trong danh mục —"))] + [
                (c.code, c.label) for c in self.picker_communes
            ]
            self.fields["official_code"].widget.attrs["list"] = "commune-codes"
        else:
            del self.fields["commune_pick"]
        # A picked commune fills the name, so the name may arrive blank; clean_national_codes asks for it.
        self.fields["name"].required = False

    def clean_national_codes(self, data: dict) -> dict:
        picked = national.commune(data.get("commune_pick"))
        if picked is not None:
            typed = (data.get("official_code") or "").strip()
            if typed and typed != picked.code:
                self.add_error(
                    "official_code",
                    _("Mã %(typed)s khác với mã của %(name)s chọn trong danh mục (%(code)s).")
                    % {"typed": typed, "name": picked.name, "code": picked.code},
                )
            data["official_code"] = picked.code
            data["name"] = data.get("name") or picked.short_name
            data["level_label"] = picked.level_label or data.get("level_label", "")
        if not data.get("name") and "name" not in self.errors:
            self.add_error("name", _("Hãy nhập tên đơn vị, hoặc chọn xã, phường trong danh mục."))
        data.pop("commune_pick", None)
        return data
