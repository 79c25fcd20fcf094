"""`Authorization: Bearer <token>` for the API: the token names an ApiClient; a revoked or unknown
token is refused (401) with a Vietnamese message. The request's user is the client itself, never a
person: the API reads the client's unit subtree, whatever its creator's roles become."""

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .selectors import client_for_token
from .services import api_client_touch


class ClientUser:
    """What `request.user` is for an API call: the client, authenticated, with no role anywhere."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_superuser = False
    is_staff = False

    def __init__(self, client):
        self.client = client
        self.pk = None

    def __str__(self) -> str:
        return str(self.client)


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Tiêu đề Authorization phải có dạng “Bearer <khóa>”."))
        try:
            token = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Khóa API không hợp lệ.")) from None
        client = client_for_token(token)
        if client is None:
            raise exceptions.AuthenticationFailed(_("Khóa API không hợp lệ."))
        if client.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("Khóa API đã bị thu hồi; hãy xin phòng GD&ĐT cấp khóa mới."))
        api_client_touch(client)
        return ClientUser(client), client

    def authenticate_header(self, request):
        return self.keyword


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "khoaApi"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": _("Khóa API do phòng GD&ĐT cấp.")}
