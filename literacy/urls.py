from django.urls import path

from .views import classes, households, landing, mapping, rounds, standard, uploads

app_name = "literacy"

urlpatterns = [
    path("", landing.index, name="index"),
    path("cach-tinh/<int:pk>/", landing.settings_edit, name="settings"),
    path("dot-dieu-tra/them/", rounds.round_create, name="round_create"),
    path("dot-dieu-tra/<int:pk>/", rounds.round_detail, name="round_detail"),
    path("dot-dieu-tra/<int:pk>/trang-thai/", rounds.round_status, name="round_status"),
    path("dot-dieu-tra/<int:pk>/phan-cong/", rounds.assignment_add, name="assignment_add"),
    path("phan-cong/<int:pk>/xoa/", rounds.assignment_delete, name="assignment_delete"),
    path("dot-dieu-tra/<int:pk>/ho/", households.household_list, name="household_list"),
    path("dot-dieu-tra/<int:pk>/ho/them/", households.household_create, name="household_create"),
    path("dot-dieu-tra/<int:pk>/nghi-trung/", households.duplicates, name="duplicates"),
    path("dot-dieu-tra/<int:pk>/tai-mu-chu/", households.relapses, name="relapses"),
    path("ho/<int:pk>/", households.household_detail, name="household_detail"),
    path("ho/<int:pk>/sua/", households.household_edit, name="household_edit"),
    path("ho/<int:pk>/nhan-khau/them/", households.person_create, name="person_create"),
    path("nhan-khau/<int:pk>/sua/", households.person_edit, name="person_edit"),
    path("nhan-khau/<int:pk>/xu-ly-trung/", households.duplicate_resolve, name="duplicate_resolve"),
    path("nhap/", uploads.import_start, name="import_start"),
    path("nhap/mau/", uploads.import_template, name="import_template"),
    path("nhap/<uuid:pk>/", uploads.import_detail, name="import_detail"),
    path("nhap/<uuid:pk>/nhap-chinh-thuc/", uploads.import_commit, name="import_commit"),
    path("nhap/<uuid:pk>/ghep-cot/", mapping.import_mapping, name="import_mapping"),
    path("mau-ghep-cot/", mapping.profile_list, name="profile_list"),
    path("mau-ghep-cot/quoc-gia.json", mapping.national_profile_export, name="national_profile_export"),
    path("mau-ghep-cot/<int:pk>/", mapping.profile_edit, name="profile_edit"),
    path("mau-ghep-cot/<int:pk>/xoa/", mapping.profile_delete, name="profile_delete"),
    path("mau-ghep-cot/<int:pk>/json/", mapping.profile_export, name="profile_export"),
    path("dot-dieu-tra/<int:pk>/xa/<int:commune>/xuat-so/", mapping.register_export, name="register_export"),
    path("lop/", classes.class_list, name="class_list"),
    path("lop/them/", classes.class_create, name="class_create"),
    path("lop/<int:pk>/", classes.class_detail, name="class_detail"),
    path("lop/<int:pk>/sua/", classes.class_edit, name="class_edit"),
    path("lop/<int:pk>/ghi-danh/", classes.class_enrol, name="class_enrol"),
    path("hoc-vien/<int:pk>/ket-qua/", classes.enrolment_result, name="enrolment_result"),
    path("hoc-vien/<int:pk>/xoa/", classes.enrolment_remove, name="enrolment_remove"),
    path("chuan/<int:pk>/", standard.standard, name="standard"),
    path("chuan/<int:pk>/danh-sach-mc<int:level>/", standard.name_list, name="name_list"),
]
