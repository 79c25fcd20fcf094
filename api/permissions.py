from rest_framework import permissions

from .models import ApiClient


class IsApiClient(permissions.BasePermission):
    """A request carrying a valid client token (api.authentication): nothing else reads the API."""

    def has_permission(self, request, view):
        return isinstance(request.auth, ApiClient)
