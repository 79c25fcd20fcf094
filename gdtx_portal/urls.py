from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from units.views import setup, two_factor

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # The password step; a user with two-factor login goes on to the code page (issue 8).
    path("tai-khoan/dang-nhap/", two_factor.LoginView.as_view(), name="login"),
    path("tai-khoan/ma-xac-thuc/", two_factor.verify, name="two_factor_verify"),
    path("tai-khoan/xac-thuc-hai-buoc/", two_factor.setup, name="two_factor_setup"),
    path("tai-khoan/xac-thuc-hai-buoc/tat/", two_factor.disable, name="two_factor_disable"),
    path("tai-khoan/dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    # Django's page, which also ends a one-time password (units.first_login).
    path("tai-khoan/doi-mat-khau/", setup.PasswordChangeView.as_view(), name="password_change"),
    path(
        "tai-khoan/doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("cai-dat/", setup.first_run, name="setup_office"),  # first run: superusers only
    path("don-vi/", include("units.urls")),
    path("bao-cao/", include("reports.urls")),
    path("bao-cao/", include("annual.urls")),  # the annual report and guidance, same addresses
    path("trung-tam/", include("centers.urls")),
    path("xoa-mu-chu/", include("literacy.urls")),
    # The rubric pages kept their addresses under the learning society when they moved (issue 13).
    path("xa-hoi-hoc-tap/bo-tieu-chi/", include("rubrics.urls")),
    path("xa-hoi-hoc-tap/", include("learning_society.urls")),
    path("tap-huan/", include("training.urls")),
    path("kiem-tra/", include("inspections.urls")),
    path("thi-dua/", include("emulation.urls")),
    path("truyen-thong/", include("communication.urls")),
    path("ban-chi-dao/", include("committees.urls")),
    path("hoc-lieu/", include("resources.urls")),
    path("viec/", include("jobs.urls")),
    path("", include("api.urls")),  # /api/v1/… (token) and /api-truy-cap/ (the token page)
    path("quan-tri/", admin.site.urls),
]

admin.site.site_header = "Quản trị Cổng thông tin GDTX"
admin.site.site_title = "Quản trị GDTX"
