from django.urls import path

from . import views

app_name = "centers"

urlpatterns = [
    path("", views.index, name="index"),
    path("xep-hang/", views.ranking, name="ranking"),
    path("tai-excel/", views.overview_xlsx, name="overview_xlsx"),
    path("<int:pk>/", views.centre, name="centre"),
    path("<int:pk>/ho-so/", views.profile, name="profile"),
    path("<int:pk>/ho-so/sua/", views.profile_edit, name="profile_edit"),
    path("<int:pk>/nhan-su/them/", views.person_add, name="person_add"),
    path("nhan-su/<int:pk>/thoi/", views.person_end, name="person_end"),
    path("<int:pk>/hoat-dong/", views.activities, name="activities"),
    path("<int:pk>/hoat-dong/them/", views.activity_add, name="activity_add"),
    path("hoat-dong/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("hoat-dong/<int:pk>/sua/", views.activity_edit, name="activity_edit"),
    path("hoat-dong/<int:pk>/xoa/", views.activity_delete, name="activity_delete"),
    path("<int:pk>/cau-lac-bo/", views.clubs, name="clubs"),
    path("<int:pk>/cau-lac-bo/them/", views.club_add, name="club_add"),
    path("cau-lac-bo/<int:pk>/sua/", views.club_edit, name="club_edit"),
    path("<int:pk>/nhu-cau/", views.needs, name="needs"),
    path("<int:pk>/nhu-cau/them/", views.need_add, name="need_add"),
    path("nhu-cau/<int:pk>/xoa/", views.need_delete, name="need_delete"),
    path("<int:pk>/kinh-phi/", views.funding, name="funding"),
    path("<int:pk>/kinh-phi/them/", views.funding_add, name="funding_add"),
    path("kinh-phi/<int:pk>/xoa/", views.funding_delete, name="funding_delete"),
    path("<int:pk>/ke-hoach/", views.plan, name="plan"),
    path("<int:pk>/ke-hoach/sua/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/bao-cao-nam/", views.report, name="report"),
    path("<int:pk>/tu-danh-gia/", views.assessment, name="assessment"),
    path("<int:pk>/tu-danh-gia/bat-dau/", views.assessment_start, name="assessment_start"),
    path("danh-gia/<int:pk>/gui/", views.assessment_submit, name="assessment_submit"),
    path("danh-gia/<int:pk>/minh-chung/", views.evidence_add, name="evidence_add"),
    path("danh-gia/<int:pk>/xep-loai/", views.assessment_rate, name="assessment_rate"),
    path("danh-gia/<int:pk>/tra-lai/", views.assessment_return, name="assessment_return"),
    path("minh-chung/<int:pk>/", views.evidence_file, name="evidence_file"),
    path("minh-chung/<int:pk>/xoa/", views.evidence_delete, name="evidence_delete"),
]
