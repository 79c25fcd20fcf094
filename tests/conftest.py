import pytest

from tests.factories import World


@pytest.fixture
def world(db) -> World:
    return World()


@pytest.fixture
def login(client):
    """login(user) → the test client, logged in as that user."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
