"""The token page (/api-truy-cap/): officers and leaders issue a token shown once, list the clients
of their unit and revoke one after a confirmation; every write is in the audit log."""

import re

import pytest
from django.urls import reverse

from api.models import ApiClient
from units.models import AuditEntry

pytestmark = pytest.mark.django_db


def _issue(client, world, name="Hệ thống của Sở"):
    response = client.post(reverse("api:clients"), {"name": name, "unit": world.office.pk})
    assert response.status_code == 200
    return re.search(r'id="issued-token">([^<]+)<', response.content.decode()).group(1)


def test_an_officer_issues_a_token_shown_once(world, login):
    client = login(world.officer)
    token = _issue(client, world)
    stored = ApiClient.objects.get()
    assert stored.unit == world.office and stored.created_by == world.officer
    assert AuditEntry.objects.filter(action="api_client.create", object_id=str(stored.pk)).exists()
    page = client.get(reverse("api:clients")).content.decode()
    assert "Hệ thống của Sở" in page and stored.token_prefix in page
    assert token not in page  # never shown again
    assert client.get(reverse("api:units"), HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


def test_a_leader_revokes_a_token_after_confirming(world, login):
    token = _issue(login(world.officer), world)
    stored = ApiClient.objects.get()
    client = login(world.leader)
    confirm = client.get(reverse("api:client_revoke", args=[stored.pk]))
    assert "Thu hồi khóa" in confirm.content.decode()
    stored.refresh_from_db()
    assert stored.revoked_at is None  # opening the confirmation page changes nothing
    response = client.post(reverse("api:client_revoke", args=[stored.pk]))
    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.revoked_at is not None
    assert AuditEntry.objects.filter(action="api_client.revoke", actor=world.leader).exists()
    assert client.get(reverse("api:units"), HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    assert "Đã thu hồi" in client.get(reverse("api:clients")).content.decode()


def test_a_token_for_another_office_is_refused_with_a_message(world, login):
    response = login(world.officer).post(reverse("api:clients"), {"name": "Lạ", "unit": world.other_office.pk})
    assert response.status_code == 200
    assert ApiClient.objects.count() == 0
    assert "Hãy chọn" in response.content.decode() or "không hợp lệ" in response.content.decode().lower()


def test_the_documentation_page_is_served_from_the_portal(world, login):
    client = login(world.viewer)
    page = client.get(reverse("api:swagger"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "swagger-ui" in html and "//cdn" not in html and "unpkg" not in html
    script = client.get(reverse("api:swagger") + "?script=")
    assert script.status_code == 200 and b"SwaggerUIBundle" in script.content


def test_officers_and_leaders_find_the_token_page_in_their_menu(world, login):
    link = reverse("api:clients")
    assert link in login(world.officer).get(reverse("home")).content.decode()
    assert link in login(world.leader).get(reverse("home")).content.decode()
    assert link not in login(world.viewer).get(reverse("home")).content.decode()
    assert login(world.viewer).get(link).status_code == 403
