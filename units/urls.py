from django.urls import path

from . import views

app_name = "units"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("them/", views.create, name="create"),
    path("sap-nhap/", views.merge, name="merge"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/don-vi-truc-thuoc/", views.children, name="children"),
    path("<int:pk>/sua/", views.edit, name="edit"),
    path("<int:pk>/giai-the/", views.close, name="close"),
    path("<int:pk>/chuyen/", views.move, name="move"),
    path("nguoi-dung/", views.people, name="people"),
    path("nguoi-dung/them/", views.person_create, name="person_create"),
    path("nguoi-dung/<int:pk>/", views.person_detail, name="person_detail"),
    path("nguoi-dung/<int:pk>/sua/", views.person_edit, name="person_edit"),
    path("nguoi-dung/<int:pk>/mat-khau/", views.person_password, name="person_password"),
    # One name, three doors: reverse() picks the pattern whose kwargs are given.
    path("vai-tro/them/", views.membership_add, name="membership_add"),
    path("vai-tro/them/nguoi-dung/<int:person>/", views.membership_add, name="membership_add"),
    path("vai-tro/them/don-vi/<int:unit>/", views.membership_add, name="membership_add"),
    path("vai-tro/<int:pk>/ket-thuc/", views.membership_end, name="membership_end"),
]

# The audit log for office roles (issue 8): its own module so the tree's views stay untouched.
from .views import audit as audit_views  # noqa: E402

urlpatterns += [path("nhat-ky/", audit_views.audit_list, name="audit")]

# The unit's identity on official documents (issue 15): units.identity, documents.issuer.
from .views import identity as identity_views  # noqa: E402

urlpatterns += [path("<int:pk>/the-thuc-van-ban/", identity_views.identity_edit, name="identity")]

# Giao quyền gửi báo cáo (issue 17): the head of a school or centre, not the office.
from .views import delegation as delegation_views  # noqa: E402

urlpatterns += [
    path("<int:pk>/giao-quyen-gui-bao-cao/", delegation_views.submit_delegation, name="submit_delegation"),
]

# Bulk onboarding from Excel (issue 16): units.onboarding.
from .onboarding import views as onboarding_views  # noqa: E402

urlpatterns += [
    path("nhap-tu-excel/", onboarding_views.start, name="onboarding"),
    path("nhap-tu-excel/mau/", onboarding_views.template, name="onboarding_template"),
    path("nhap-tu-excel/<int:pk>/", onboarding_views.detail, name="onboarding_detail"),
    path("nhap-tu-excel/<int:pk>/nhap/", onboarding_views.commit, name="onboarding_commit"),
    path("nhap-tu-excel/<int:pk>/tai-khoan/", onboarding_views.logins, name="onboarding_logins"),
]

# The office's own dates for the milestones no legal text fixes (issue 14).
from .views import milestone_dates as milestone_views  # noqa: E402

urlpatterns += [path("<int:pk>/moc-thoi-gian/", milestone_views.milestone_dates, name="milestones")]

# Sang năm học mới (issue 16): every app's newyear hook, units.new_year.
from .views import new_year as new_year_views  # noqa: E402

urlpatterns += [path("<int:pk>/nam-hoc-moi/", new_year_views.new_year_page, name="new_year")]
