"""Mapping profiles (mẫu ghép cột) of an office: saved, changed, deleted, written to and read from
JSON. The mapping itself is household_import.mapping's format; the national form's is built in."""

import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from units import audit
from units.models import Unit

from .household_import import mapping as mapping_format
from .household_import.national import NATIONAL_DESCRIPTION, NATIONAL_KEY, NATIONAL_MAPPING, NATIONAL_NAME
from .models import MappingProfile
from .selectors import offices_managed_by

FORMAT = "gdtx-mau-ghep-cot"
MAX_JSON_BYTES = 200_000


def profiles_managed_by(user) -> QuerySet[MappingProfile]:
    return MappingProfile.objects.filter(office__in=offices_managed_by(user)).select_related("office")


def profiles_for_office(office: Unit) -> QuerySet[MappingProfile]:
    return MappingProfile.objects.filter(office=office).order_by("name")


def choices_for(office: Unit) -> list[tuple[str, str]]:
    """What an upload may be read through: the built-in national layout, then the office's profiles."""
    return [(NATIONAL_KEY, str(NATIONAL_NAME))] + [(str(p.pk), p.name) for p in profiles_for_office(office)]


def choices_for_offices(offices) -> list[tuple[str, str]]:
    """The upload form's choices over the offices of the rounds it offers."""
    profiles = MappingProfile.objects.filter(office__in=offices).select_related("office").order_by("name")
    return [(NATIONAL_KEY, str(NATIONAL_NAME))] + [(str(p.pk), f"{p.name} ({p.office.name})") for p in profiles]


def mapping_of(office: Unit, choice: str) -> dict | None:
    """The mapping of a choice of choices_for(office), or None."""
    if choice == NATIONAL_KEY:
        return NATIONAL_MAPPING
    if choice and choice.isdecimal():
        profile = profiles_for_office(office).filter(pk=int(choice)).first()
        return profile.mapping if profile else None
    return None


def matching_choice(office: Unit, rows: list[list]) -> str:
    """The first profile of choices_for(office) whose columns the file has all of, or ""."""
    for key, _name in choices_for(office):
        mapping = mapping_of(office, key) or {}
        header_row = mapping.get("header_row", 1)
        if len(rows) < header_row:
            continue
        present = {mapping_format.header_key(v) for v in rows[header_row - 1] if isinstance(v, str)}
        needed = [e for e in mapping.get("columns", []) if not e.get("optional")]
        if needed and all(mapping_format.header_key(e["header"]) in present for e in needed):
            return key
    return ""


@transaction.atomic
def profile_save(
    *, actor, office: Unit, name: str, mapping: dict, description: str = "", profile: MappingProfile | None = None
) -> MappingProfile:
    clean = mapping_format.validate(mapping)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Hãy đặt tên cho mẫu ghép cột.")})
    if str(NATIONAL_NAME).casefold() == name.casefold():
        raise ValidationError({"name": _("Tên này là của mẫu có sẵn; hãy đặt tên khác.")})
    clash = MappingProfile.objects.filter(office=office, name__iexact=name)
    if profile is not None:
        clash = clash.exclude(pk=profile.pk)
    if clash.exists():
        raise ValidationError({"name": _("Đã có mẫu ghép cột tên “%(n)s”.") % {"n": name}})
    before = {"name": profile.name, "mapping": profile.mapping} if profile else {}
    profile = profile or MappingProfile(office=office)
    profile.name, profile.description, profile.mapping = name[:100], (description or "")[:255], clean
    profile.full_clean()
    profile.save()
    audit.record(
        actor=actor,
        action="literacy.mapping_profile_save",
        obj=profile,
        unit=office,
        changes={"name": [before.get("name", ""), profile.name], "columns": ["", len(clean["columns"])]},
    )
    return profile


@transaction.atomic
def profile_delete(*, actor, profile: MappingProfile) -> None:
    audit.record(
        actor=actor,
        action="literacy.mapping_profile_delete",
        obj=profile,
        unit=profile.office,
        changes={"name": [profile.name, ""]},
    )
    profile.delete()


def profile_json(*, name: str, description: str, mapping: dict) -> bytes:
    data = {"format": FORMAT, "version": 1, "name": name, "description": description, "mapping": mapping}
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def national_json() -> bytes:
    return profile_json(name=str(NATIONAL_NAME), description=str(NATIONAL_DESCRIPTION), mapping=NATIONAL_MAPPING)


def read_profile_json(upload) -> dict:
    """{"name", "description", "mapping"} of an uploaded JSON file, or ValidationError in Vietnamese."""
    if upload.size > MAX_JSON_BYTES:
        raise ValidationError(_("Tệp mẫu ghép cột quá lớn (tối đa 200 kB)."))
    try:
        data = json.loads(upload.read().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ValidationError(_("Tệp không phải là tệp JSON hợp lệ.")) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(_("Tệp JSON không phải mẫu ghép cột của cổng (thiếu “format”: “%(f)s”).") % {"f": FORMAT})
    name, description = data.get("name"), data.get("description") or ""
    if not isinstance(name, str) or not isinstance(description, str):
        raise ValidationError(_("Tên hoặc ghi chú của mẫu ghép cột không hợp lệ."))
    return {
        "name": name.strip()[:100],
        "description": description[:255],
        "mapping": mapping_format.validate(data.get("mapping")),
    }
