"""Reads of the API app: which units a person may issue tokens for, the clients they see, and the
client a presented token belongs to."""

from django.db.models import Q, QuerySet

from units.models import Role, Unit, UnitKind
from units.selectors import active_memberships

from .models import ApiClient
from .tokens import token_hash

ISSUERS = {Role.OFFICE_OFFICER, Role.OFFICE_LEADER}


def token_units(user) -> list[Unit]:
    """Units whose officers or leaders issue tokens: a token reads the subtree of one of them."""
    if not getattr(user, "is_authenticated", False):
        return []
    return sorted({m.unit.pk: m.unit for m in active_memberships(user) if m.role in ISSUERS}.values(), key=str)


def issuable_units(user) -> QuerySet[Unit]:
    """Units a token may be issued for: the managing units and the offices and communes under them
    (a province may read one commune only)."""
    q = Q(pk__in=[])
    for unit in token_units(user):
        q |= Q(path__startswith=unit.path)
    return Unit.objects.filter(q, kind__in=[UnitKind.OFFICE, UnitKind.COMMUNE]).order_by("path")


def can_manage_clients(user) -> bool:
    return bool(token_units(user))


def clients_visible_to(user) -> QuerySet[ApiClient]:
    q = Q(pk__in=[])
    for unit in token_units(user):
        q |= Q(unit__path__startswith=unit.path)
    return ApiClient.objects.filter(q).select_related("unit", "created_by")


def client_for_token(token: str) -> ApiClient | None:
    if not token:
        return None
    return ApiClient.objects.select_related("unit").filter(token_hash=token_hash(token)).first()
