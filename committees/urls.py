from django.urls import path

from . import views

app_name = "committees"

urlpatterns = [
    path("", views.index, name="index"),
    path("them/", views.committee_add, name="committee_add"),
    path("<int:pk>/", views.committee, name="committee"),
    path("<int:pk>/sua/", views.committee_edit, name="committee_edit"),
    path("<int:pk>/quyet-dinh/", views.committee_file, name="committee_file"),
    path("<int:pk>/thanh-vien/them/", views.member_add, name="member_add"),
    path("thanh-vien/<int:pk>/thay/", views.member_replace, name="member_replace"),
    path("thanh-vien/<int:pk>/thoi/", views.member_end, name="member_end"),
]
