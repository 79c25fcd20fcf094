from django.contrib.auth.decorators import login_not_required, login_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny

from .views import clients, endpoints

app_name = "api"


class Schema(SpectacularAPIView):
    """The OpenAPI schema: public, it describes the API and holds no figure."""

    authentication_classes = []
    permission_classes = [AllowAny]


class Swagger(SpectacularSwaggerSplitView):
    """Swagger UI from drf-spectacular-sidecar's files (no CDN); a page for logged-in people."""

    authentication_classes = []
    permission_classes = [AllowAny]
    url_name = "api:schema"


urlpatterns = [
    path("api-truy-cap/", clients.client_list, name="clients"),
    path("api-truy-cap/<int:pk>/thu-hoi/", clients.client_revoke, name="client_revoke"),
    path("api/v1/schema/", login_not_required(Schema.as_view()), name="schema"),
    # DRF marks its views login-free (it authenticates itself); this one is a page for people.
    path("api/v1/tai-lieu/", login_required(Swagger.as_view()), name="swagger"),
    path("api/v1/don-vi/", endpoints.UnitList.as_view(), name="units"),
    path("api/v1/don-vi/<int:pk>/", endpoints.UnitDetail.as_view(), name="unit"),
    path("api/v1/ky-bao-cao/", endpoints.PeriodList.as_view(), name="periods"),
    path("api/v1/ky-bao-cao/<int:pk>/tong-hop/", endpoints.Rollup.as_view(), name="rollup"),
    path("api/v1/xoa-mu-chu/<int:pk>/", endpoints.LiteracyStandard.as_view(), name="literacy_standard"),
    path("api/v1/xa-hoi-hoc-tap/<int:pk>/", endpoints.LearningSocietyStats.as_view(), name="learning_society"),
]
