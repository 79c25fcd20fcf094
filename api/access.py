from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import ApiClient
from .selectors import can_manage_clients, clients_visible_to


def require_client_manager(user) -> None:
    """The token page is for officers and leaders of a managing unit."""
    if not can_manage_clients(user):
        raise PermissionDenied


def get_client_for_user(user, pk) -> ApiClient:
    """404 for anyone who does not manage the client's unit: others may not even learn it exists."""
    return get_object_or_404(clients_visible_to(user), pk=pk)
