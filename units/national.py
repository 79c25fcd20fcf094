"""The national lists of administrative units, read at run time from pip packages (no network).

- Provinces and communes after 1 July 2025 with their official codes (Quyết định 19/2025/QĐ-TTg,
  mã đơn vị hành chính): the `vietnam-provinces` package (its data version is printed with
  `SOURCE`).
- Which communes of before the merger each new commune was formed from: the `vietnamadminunits`
  package's old→new conversion tables, read as data files only (importing that package would load
  numpy, shapely and geopy for its address parser, which the portal does not use).

Both are immutable reference data shipped with the installed version, so each table is built once per
process; upgrading a package (a new official list) means restarting the server.
"""

from __future__ import annotations

import datetime
import functools
import importlib.util
import json
import pathlib
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import legal
from .text import fold

DECISION = legal.cite("qd19_2025")
# Nghị định 142/2025/NĐ-CP: the communes of the list exist from 1 July 2025.
MERGER_DAY = datetime.date(2025, 7, 1)

_SPACES = re.compile(r"\s+")
_PREFIXES = ("Thành phố", "Thị trấn", "Đặc khu", "Phường", "Tỉnh", "Xã")


@dataclass(frozen=True)
class Division:
    """A province (2-digit code) or a commune (5-digit code) of the official list."""

    code: str
    name: str  # as the list writes it: "Phường Hạ Long"
    level_label: str  # "Phường", "Xã", "Đặc khu", "Tỉnh", "Thành phố"
    short_name: str  # without the level: "Hạ Long"
    province_code: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})"


@dataclass(frozen=True)
class OldDivision:
    """A commune of before 1 July 2025, as the conversion tables name it."""

    code: str
    name: str  # "Phường Hồng Gai"
    short_name: str
    district: str  # "Thành phố Hạ Long"
    whole: bool  # False when only part of it went into the new commune


def _split(name: str) -> tuple[str, str]:
    name = _SPACES.sub(" ", name).strip()
    for prefix in _PREFIXES:
        if name.startswith(prefix + " "):
            return prefix, name[len(prefix) + 1 :]
    return "", name


def _division(name: str, code: str, province_code: str = "") -> Division:
    name = _SPACES.sub(" ", name).strip()
    level, short = _split(name)
    return Division(code=code, name=name, level_label=level, short_name=short, province_code=province_code)


@functools.cache
def _provinces() -> dict[str, Division]:
    from vietnam_provinces import Province

    return {f"{p.code.value:02d}": _division(p.name, f"{p.code.value:02d}") for p in Province.iter_all()}


@functools.cache
def _communes() -> dict[str, Division]:
    from vietnam_provinces import Ward

    return {
        f"{w.code.value:05d}": _division(w.name, f"{w.code.value:05d}", f"{w.province_code.value:02d}")
        for w in Ward.iter_all()
    }


def source() -> str:
    import vietnam_provinces

    return _("%(decision)s (gói vietnam-provinces %(version)s, dữ liệu ngày %(date)s)") % {
        "decision": DECISION,
        "version": vietnam_provinces.__version__,
        "date": vietnam_provinces.__data_version__,
    }


def provinces() -> list[Division]:
    return sorted(_provinces().values(), key=lambda d: d.code)


def province(code: str | None) -> Division | None:
    return _provinces().get((code or "").strip())


def communes(province_code: str | None = None) -> list[Division]:
    """The communes of a province (all of them without one), in the order of their names."""
    items = _communes().values()
    if province_code:
        items = [c for c in items if c.province_code == province_code]
    return sorted(items, key=lambda c: (fold(c.short_name), c.level_label, c.code))


def commune(code: str | None) -> Division | None:
    return _communes().get((code or "").strip())


def commune_code_error(code: str, province_code: str = "") -> str | None:
    """Why a commune's official code is refused, or None when the list holds it (in the province, if
    one is given)."""
    found = commune(code)
    if found is None:
        return _("Mã xã %(code)s không có trong danh mục đơn vị hành chính theo %(basis)s.") % {
            "code": code,
            "basis": DECISION,
        }
    if province_code and found.province_code != province_code:
        home = province(found.province_code)
        here = province(province_code)
        return _("Mã xã %(code)s là %(name)s của %(home)s, không thuộc %(here)s của đơn vị quản lý.") % {
            "code": code,
            "name": found.name,
            "home": home.name if home else found.province_code,
            "here": here.name if here else province_code,
        }
    return None


def province_code_error(code: str) -> str | None:
    if province(code) is None:
        return _("Mã tỉnh %(code)s không có trong danh mục đơn vị hành chính theo %(basis)s.") % {
            "code": code,
            "basis": DECISION,
        }
    return None


# The 2025 merger: old → new ---------------------------------------------------------------------


def _lineage_files() -> pathlib.Path | None:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        return None
    return pathlib.Path(next(iter(spec.submodule_search_locations))) / "data"


def lineage_available() -> bool:
    folder = _lineage_files()
    return folder is not None and (folder / "converter_2025.json").exists()


@functools.cache
def _lineage() -> dict[str, tuple[OldDivision, ...]]:
    """New commune code → the old communes it was formed from (the conversion tables key units by
    folded names: "tinhquangninh_thanhphohalong_phuonghonggai"; their ward codes give ours)."""
    folder = _lineage_files()
    if folder is None:
        return {}
    convert = json.loads((folder / "converter_2025.json").read_text(encoding="utf-8"))
    new = json.loads((folder / "parser_from_2025.json").read_text(encoding="utf-8"))
    old = json.loads((folder / "parser_legacy.json").read_text(encoding="utf-8"))
    old_wards = old["DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED"]
    old_districts = old["DICT_PROVINCE_DISTRICT"]
    new_wards = new["DICT_PROVINCE_WARD_NO_ACCENTED"]

    def new_code(province_key: str, ward_key: str) -> str | None:
        ward = new_wards.get(province_key, {}).get(ward_key)
        return ward["wardCode"] if ward else None

    def old_unit(key: str, whole: bool) -> OldDivision | None:
        parts = key.split("_")
        if len(parts) != 3 or not parts[2]:
            return None
        province_key, district_key, ward_key = parts
        ward = old_wards.get(province_key, {}).get(district_key, {}).get(ward_key)
        if ward is None or not isinstance(ward.get("ward"), str) or not isinstance(ward.get("wardCode"), str):
            return None
        district = old_districts.get(province_key, {}).get(district_key, {}).get("district", "")
        name = _SPACES.sub(" ", ward["ward"]).strip()
        return OldDivision(code=ward["wardCode"], name=name, short_name=_split(name)[1], district=district, whole=whole)

    result: dict[str, list[OldDivision]] = {}
    for province_key, wards in convert["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward_key, old_keys in wards.items():
            code = new_code(province_key, ward_key)
            if code:
                result.setdefault(code, []).extend(u for k in old_keys if (u := old_unit(k, True)))
    for province_key, splits in convert["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, targets in splits.items():
            part = old_unit(old_key, False)
            for target in targets:
                code = new_code(province_key, target["newWardKey"])
                if code and part:
                    result.setdefault(code, []).append(part)
    return {code: tuple(units) for code, units in result.items()}


@functools.cache
def _old_communes() -> dict[str, OldDivision]:
    """Every commune of before 1 July 2025 by its old code (the conversion tables' legacy list)."""
    folder = _lineage_files()
    if folder is None:
        return {}
    old = json.loads((folder / "parser_legacy.json").read_text(encoding="utf-8"))
    result = {}
    for province_key, districts in old["DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED"].items():
        for district_key, wards in districts.items():
            district = old["DICT_PROVINCE_DISTRICT"].get(province_key, {}).get(district_key, {}).get("district", "")
            for ward in wards.values():
                if not isinstance(ward.get("ward"), str) or not isinstance(ward.get("wardCode"), str):
                    continue  # island districts without communes (Hoàng Sa, Bạch Long Vĩ …)
                name = _SPACES.sub(" ", ward["ward"]).strip()
                result[ward["wardCode"]] = OldDivision(
                    code=ward["wardCode"], name=name, short_name=_split(name)[1], district=district, whole=True
                )
    return result


def old_commune(code: str | None) -> OldDivision | None:
    """A commune of before the 2025 merger by its old code (None when unknown or the tables are absent)."""
    return _old_communes().get((code or "").strip())


def predecessors_of(code: str) -> tuple[OldDivision, ...]:
    """The communes of before 1 July 2025 that the commune with this official code was formed from."""
    return _lineage().get((code or "").strip(), ())


# A unit's codes ---------------------------------------------------------------------------------


def province_of(unit) -> str:
    """The province code of a unit: its own, else that of the nearest unit above it that has one."""
    from .models import Unit

    if unit.province_code:
        return unit.province_code
    parent = unit.parent if unit.parent_id else None
    if parent is None:
        return ""
    if parent.province_code:
        return parent.province_code
    ids = [*parent.ancestor_ids(), parent.pk]
    above = Unit.objects.filter(pk__in=ids).exclude(province_code="").order_by("-depth").first()
    return above.province_code if above else ""


def _old_code_kept(unit) -> bool:
    """A commune of before 1 July 2025, kept for past years, carries its old code (from the
    conversion tables' legacy list) when the new list does not hold it."""
    code = unit.official_code
    return unit.valid_from < MERGER_DAY and commune(code) is None and old_commune(code) is not None


def _active_commune_with(code: str, unit):
    """Another open commune carrying this official code: one commune of the list is one unit."""
    from .models import Unit, UnitKind

    twins = Unit.objects.filter(kind=UnitKind.COMMUNE, official_code=code, valid_to=None).exclude(pk=unit.pk)
    if unit.valid_from >= MERGER_DAY:
        # The new commune often took the code of one it was formed from, which the merger then closes.
        twins = twins.filter(valid_from__gte=MERGER_DAY)
    return twins.first()


def clean_unit_codes(unit) -> None:
    """Check a unit's official codes against the national lists; clear the codes its kind does not
    carry (a hamlet has no mã đơn vị hành chính, only schools a mã trường). Raises ValidationError."""
    from django.core.exceptions import ValidationError

    from .models import UnitKind

    unit.official_code = (unit.official_code or "").strip()
    unit.province_code = (unit.province_code or "").strip()
    unit.moet_code = (unit.moet_code or "").strip().upper()
    if unit.kind not in (UnitKind.OFFICE, UnitKind.COMMUNE):
        unit.province_code = ""
    if unit.kind not in (UnitKind.SCHOOL, UnitKind.DISTRICT_CENTRE):
        unit.moet_code = ""
    errors: dict[str, str] = {}
    if unit.province_code.isdecimal() and (message := province_code_error(unit.province_code)):
        errors["province_code"] = message
    code = unit.official_code
    if code and unit.kind == UnitKind.COMMUNE:
        if len(code) != 5 or not code.isdecimal():
            errors["official_code"] = _("Mã xã, phường, đặc khu gồm 5 chữ số, ví dụ 06688.")
        elif (message := commune_code_error(code, "" if errors else province_of(unit))) and not _old_code_kept(unit):
            errors["official_code"] = message
        elif unit.valid_to is None and (twin := _active_commune_with(code, unit)):
            errors["official_code"] = _("Mã xã %(code)s đã dùng cho %(name)s (mã đơn vị %(unit)s) đang hoạt động.") % {
                "code": code,
                "name": twin.full_name,
                "unit": twin.code,
            }
    elif code and unit.kind == UnitKind.OFFICE:
        if len(code) != 2 or not code.isdecimal():
            errors["official_code"] = _("Mã đơn vị hành chính của cơ quan cấp tỉnh gồm 2 chữ số, ví dụ 22.")
        elif message := province_code_error(code):
            errors["official_code"] = message
    elif code:
        errors["official_code"] = _(
            "Chỉ xã, phường, đặc khu và tỉnh có mã đơn vị hành chính; thôn, trường, trung tâm để trống."
        )
    if errors:
        raise ValidationError(errors)
