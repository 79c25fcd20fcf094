"""Forms of the column mapping step and of the mapping profiles (mẫu ghép cột)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .household_import import mapping as mapping_format

VALUES_HELP = _("Ví dụ: 1=Nam; 2=Nữ (giá trị trong tệp = giá trị theo mẫu của cổng).")


def parse_values(text: str) -> dict[str, str]:
    """ "1=Nam; 2=Nữ" → {"1": "Nam", "2": "Nữ"}; ValidationError for a pair without "="."""
    values = {}
    for part in (text or "").replace("\n", ";").split(";"):
        if not part.strip():
            continue
        raw, sep, new = part.partition("=")
        if not sep or not raw.strip():
            raise ValidationError(
                _("“%(p)s” phải có dạng giá trị trong tệp = giá trị theo mẫu.") % {"p": part.strip()[:40]}
            )
        values[raw.strip()] = new.strip()
    return values


def format_values(values: dict) -> str:
    return "; ".join(f"{raw}={new}" for raw, new in (values or {}).items())


class MappingForm(forms.Form):
    """One select, one value map and one "blank means" per column of the file's header row."""

    header_row = forms.IntegerField(label=_("Dòng tiêu đề"), min_value=1, max_value=mapping_format.MAX_HEADER_ROW)
    save_as = forms.CharField(
        label=_("Lưu thành mẫu ghép cột (tên)"),
        max_length=100,
        required=False,
        help_text=_("Để trống nếu không lưu. Mẫu đã lưu được đề xuất cho tệp sau."),
    )

    def __init__(self, *args, headers: list[str], initial_mapping: dict | None = None, can_save: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = headers
        if not can_save:
            del self.fields["save_as"]
        by_header = {}
        for entry in (initial_mapping or {}).get("columns", []):
            by_header.setdefault(mapping_format.header_key(entry["header"]), entry)
        choices = mapping_format.targets()
        for index, header in enumerate(headers):
            entry = by_header.get(mapping_format.header_key(header)) or {
                "target": mapping_format.suggest_target(header)
            }
            self.fields[f"target_{index}"] = forms.ChoiceField(label=header, choices=choices, initial=entry["target"])
            self.fields[f"values_{index}"] = forms.CharField(
                label=_("Đổi giá trị"), required=False, max_length=2000, initial=format_values(entry.get("values"))
            )
            self.fields[f"blank_{index}"] = forms.CharField(
                label=_("Ô trống là"), required=False, max_length=100, initial=entry.get("blank", "")
            )

    def columns(self):
        """(header, target field, values field, blank field) per column, for the template."""
        return [
            (header, self[f"target_{i}"], self[f"values_{i}"], self[f"blank_{i}"])
            for i, header in enumerate(self.headers)
        ]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        entries = []
        for index, header in enumerate(self.headers):
            try:
                values = parse_values(data.get(f"values_{index}", ""))
            except ValidationError as exc:
                self.add_error(f"values_{index}", exc)
                continue
            entry = {"header": header, "target": data[f"target_{index}"]}
            if values:
                entry["values"] = values
            if data.get(f"blank_{index}"):
                entry["blank"] = data[f"blank_{index}"]
            if entry["target"] != mapping_format.IGNORE or values:
                entries.append(entry)
        if not self.errors:
            try:
                data["mapping"] = mapping_format.validate({"header_row": data["header_row"], "columns": entries})
            except ValidationError as exc:
                raise forms.ValidationError(exc.messages) from None
        return data


class ProfileForm(forms.Form):
    """A saved profile edited without a file: name, note, header row and its columns as lines."""

    name = forms.CharField(label=_("Tên mẫu ghép cột"), max_length=100)
    description = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)
    header_row = forms.IntegerField(label=_("Dòng tiêu đề"), min_value=1, max_value=mapping_format.MAX_HEADER_ROW)
    EXTRA = 3

    def __init__(self, *args, mapping: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        entries = list((mapping or {}).get("columns", [])) + [{}] * self.EXTRA
        self.count = len(entries)
        choices = [("", "—")] + mapping_format.targets()
        for index, entry in enumerate(entries):
            self.fields[f"header_{index}"] = forms.CharField(
                label=_("Tên cột trong tệp"), max_length=200, required=False, initial=entry.get("header", "")
            )
            self.fields[f"target_{index}"] = forms.ChoiceField(
                label=_("Trường"), choices=choices, required=False, initial=entry.get("target", "")
            )
            self.fields[f"values_{index}"] = forms.CharField(
                label=_("Đổi giá trị"), max_length=2000, required=False, initial=format_values(entry.get("values"))
            )
            self.fields[f"blank_{index}"] = forms.CharField(
                label=_("Ô trống là"), max_length=100, required=False, initial=entry.get("blank", "")
            )

    def rows(self):
        return [
            (self[f"header_{i}"], self[f"target_{i}"], self[f"values_{i}"], self[f"blank_{i}"])
            for i in range(self.count)
        ]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        entries = []
        for index in range(self.count):
            header, target = (data.get(f"header_{index}") or "").strip(), data.get(f"target_{index}")
            if not header and not target:
                continue
            if not header or not target:
                self.add_error(f"header_{index}", _("Hãy ghi cả tên cột và chọn trường (hoặc để trống cả hai)."))
                continue
            try:
                values = parse_values(data.get(f"values_{index}", ""))
            except ValidationError as exc:
                self.add_error(f"values_{index}", exc)
                continue
            entry = {"header": header, "target": target, **({"values": values} if values else {})}
            if data.get(f"blank_{index}"):
                entry["blank"] = data[f"blank_{index}"]
            entries.append(entry)
        if not self.errors:
            try:
                data["mapping"] = mapping_format.validate({"header_row": data["header_row"], "columns": entries})
            except ValidationError as exc:
                raise forms.ValidationError(exc.messages) from None
        return data


class ProfileImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp mẫu ghép cột (.json)"))
