"""Mounted at /xa-hoi-hoc-tap/bo-tieu-chi/ (gdtx_portal/urls.py): the paths the rubric pages always had."""

from django.urls import path

from . import views

app_name = "rubrics"

urlpatterns = [
    path("", views.rubric_list, name="list"),
    path("<int:pk>/", views.rubric_detail, name="detail"),
    path("nap/", views.rubric_import, name="import"),
    path("<int:pk>/tao-ban-don-vi/", views.rubric_copy, name="copy"),
    path("<int:pk>/sua/", views.rubric_edit, name="edit"),
    path("<int:pk>/tai-json/", views.rubric_export, name="export"),
    path("<int:pk>/xoa/", views.rubric_remove, name="remove"),
]
