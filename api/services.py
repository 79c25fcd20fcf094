"""Writes of the API app: issue a client's token (shown once) and revoke it; atomic and audited."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from units import audit
from units.models import Unit
from units.text import nfc

from .models import ApiClient
from .selectors import issuable_units
from .tokens import new_token, token_hash, token_prefix


@dataclass
class IssuedClient:
    client: ApiClient
    token: str  # the only time the clear token exists: shown once, never stored


@transaction.atomic
def api_client_create(*, actor, name: str, unit: Unit) -> IssuedClient:
    if not issuable_units(actor).filter(pk=unit.pk).exists():
        raise ValidationError(
            _("Bạn chỉ cấp khóa API cho đơn vị mình là chuyên viên hoặc lãnh đạo, hoặc một xã thuộc đơn vị đó.")
        )
    token = new_token()
    client = ApiClient(
        name=nfc(name).strip(),
        unit=unit,
        created_by=actor,
        token_hash=token_hash(token),
        token_prefix=token_prefix(token),
    )
    client.full_clean()
    client.save()
    audit.record(
        actor=actor,
        action="api_client.create",
        obj=client,
        unit=unit,
        changes={"name": [None, client.name], "token_prefix": [None, client.token_prefix]},
    )
    return IssuedClient(client=client, token=token)


@transaction.atomic
def api_client_revoke(*, actor, client: ApiClient) -> ApiClient:
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    if client.revoked_at is not None:
        raise ValidationError(_("Khóa này đã bị thu hồi trước đó."))
    client.revoked_at = timezone.now()
    client.save(update_fields=["revoked_at"])
    audit.record(
        actor=actor,
        action="api_client.revoke",
        obj=client,
        unit=client.unit,
        changes={"revoked_at": [None, client.revoked_at]},
    )
    return client


def api_client_touch(client: ApiClient) -> None:
    """Remember when the token was last used (one UPDATE, not audited: reading is not a change)."""
    now = timezone.now()
    ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
    client.last_used_at = now
