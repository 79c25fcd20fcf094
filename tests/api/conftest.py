import pytest
from django.test import Client

from api import services
from tests.learning_society.conftest import shipped  # noqa: F401 (a fixture the statistics tests use)


@pytest.fixture
def issue(world):
    """issue(unit=office A, by=its officer) → (client, token): a token issued as on the token page."""

    def _issue(unit=None, by=None, name="Hệ thống của Sở"):
        issued = services.api_client_create(actor=by or world.officer, name=name, unit=unit or world.office)
        return issued.client, issued.token

    return _issue


@pytest.fixture
def api(world, issue):
    """api(token=None) → a test client sending that token (office A's by default) as a Bearer header."""

    def _api(token=None):
        token = token or issue()[1]
        return Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    return _api
