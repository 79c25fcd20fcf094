"""The token page's URLs and the API documentation page (tests/permission_matrix.py). The token-read
API itself (/api/v1/…) has no session: tests/api/test_permissions.py runs its own matrix per token."""

from api import services
from tests.permission_matrix import EVERYONE, UrlCase
from units.models import Role

MANAGERS = {Role.OFFICE_OFFICER, Role.OFFICE_LEADER}


def _client(world):
    if not hasattr(world, "_api_client"):
        world._api_client = services.api_client_create(actor=world.officer, name="Hệ thống Sở", unit=world.office)
    return {"pk": world._api_client.client.pk}


CASES = [
    UrlCase("api:clients", ok=MANAGERS, outsider=200),
    UrlCase(
        "api:clients",
        ok=MANAGERS,
        outsider=200,
        method="post",
        data=lambda w: {"name": "Ứng dụng ma trận", "unit": w.office.pk},
        label="post",
    ),
    UrlCase("api:client_revoke", kwargs=_client, ok=MANAGERS, hidden=EVERYONE - MANAGERS),
    UrlCase(
        "api:client_revoke",
        kwargs=_client,
        ok=MANAGERS,
        hidden=EVERYONE - MANAGERS,
        method="post",
        label="post",
    ),
    UrlCase("api:swagger", ok=EVERYONE, outsider=200),
]
