"""The portal's URLs plus the jobs pages, until gdtx_portal/urls.py includes them itself
(path("viec/", include("reports.exports.urls"))). Used with @pytest.mark.urls."""

from django.urls import include, path

from gdtx_portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = list(portal_urlpatterns)
if not any(getattr(entry, "namespace", None) == "jobs" for entry in portal_urlpatterns):
    urlpatterns.append(path("viec/", include("reports.exports.urls")))
