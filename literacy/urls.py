from django.urls import path

from . import views

app_name = "literacy"

urlpatterns = [
    path("", views.index, name="index"),
    path("cach-tinh/<int:pk>/", views.settings_edit, name="settings"),
    path("dot-dieu-tra/them/", views.round_create, name="round_create"),
    path("dot-dieu-tra/<int:pk>/", views.round_detail, name="round_detail"),
    path("dot-dieu-tra/<int:pk>/trang-thai/", views.round_status, name="round_status"),
    path("dot-dieu-tra/<int:pk>/phan-cong/", views.assignment_add, name="assignment_add"),
    path("phan-cong/<int:pk>/xoa/", views.assignment_delete, name="assignment_delete"),
    path("dot-dieu-tra/<int:pk>/ho/", views.household_list, name="household_list"),
    path("dot-dieu-tra/<int:pk>/ho/them/", views.household_create, name="household_create"),
    path("dot-dieu-tra/<int:pk>/nghi-trung/", views.duplicates, name="duplicates"),
    path("dot-dieu-tra/<int:pk>/tai-mu-chu/", views.relapses, name="relapses"),
    path("ho/<int:pk>/", views.household_detail, name="household_detail"),
    path("ho/<int:pk>/sua/", views.household_edit, name="household_edit"),
    path("ho/<int:pk>/nhan-khau/them/", views.person_create, name="person_create"),
    path("nhan-khau/<int:pk>/sua/", views.person_edit, name="person_edit"),
    path("nhan-khau/<int:pk>/xu-ly-trung/", views.duplicate_resolve, name="duplicate_resolve"),
    path("nhap/", views.import_start, name="import_start"),
    path("nhap/mau/", views.import_template, name="import_template"),
    path("nhap/<uuid:pk>/", views.import_detail, name="import_detail"),
    path("nhap/<uuid:pk>/nhap-chinh-thuc/", views.import_commit, name="import_commit"),
    path("lop/", views.class_list, name="class_list"),
    path("lop/them/", views.class_create, name="class_create"),
    path("lop/<int:pk>/", views.class_detail, name="class_detail"),
    path("lop/<int:pk>/sua/", views.class_edit, name="class_edit"),
    path("lop/<int:pk>/ghi-danh/", views.class_enrol, name="class_enrol"),
    path("hoc-vien/<int:pk>/ket-qua/", views.enrolment_result, name="enrolment_result"),
    path("hoc-vien/<int:pk>/xoa/", views.enrolment_remove, name="enrolment_remove"),
    path("chuan/<int:pk>/", views.standard, name="standard"),
    path("chuan/<int:pk>/danh-sach-mc<int:level>/", views.name_list, name="name_list"),
]
