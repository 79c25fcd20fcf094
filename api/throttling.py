from rest_framework.throttling import SimpleRateThrottle


class TokenRateThrottle(SimpleRateThrottle):
    """Requests per token (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["api_token"]): one client cannot
    slow the portal for the offices that work in it."""

    scope = "api_token"

    def get_cache_key(self, request, view):
        client = getattr(request, "auth", None)
        if client is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": client.pk}
