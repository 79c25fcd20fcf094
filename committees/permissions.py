"""Who may change a commune's steering committees: whoever manages the commune in the tree — an
officer of the commune (Phòng Văn hóa - Xã hội) or of the office above it (units.selectors).
Everyone who sees the commune reads them."""

from units.models import Unit, UnitKind
from units.selectors import can_manage_unit, units_editable_by


def can_manage(user, commune: Unit) -> bool:
    return commune.kind == UnitKind.COMMUNE and can_manage_unit(user, commune)


def managed_communes(user):
    return units_editable_by(user).filter(kind=UnitKind.COMMUNE).active_on().order_by("path")
