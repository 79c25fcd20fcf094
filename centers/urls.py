from django.urls import path

from .views import activities, assessment, clubs, money, overview, planning, profile

app_name = "centers"

urlpatterns = [
    path("", overview.index, name="index"),
    path("xep-hang/", assessment.ranking, name="ranking"),
    path("tai-excel/", overview.overview_xlsx, name="overview_xlsx"),
    path("<int:pk>/", overview.centre, name="centre"),
    path("<int:pk>/ho-so/", profile.profile, name="profile"),
    path("<int:pk>/ho-so/sua/", profile.profile_edit, name="profile_edit"),
    path("<int:pk>/nhan-su/them/", profile.person_add, name="person_add"),
    path("nhan-su/<int:pk>/thoi/", profile.person_end, name="person_end"),
    path("<int:pk>/hoat-dong/", activities.activities, name="activities"),
    path("<int:pk>/hoat-dong/them/", activities.activity_add, name="activity_add"),
    path("hoat-dong/<int:pk>/", activities.activity_detail, name="activity_detail"),
    path("hoat-dong/<int:pk>/sua/", activities.activity_edit, name="activity_edit"),
    path("hoat-dong/<int:pk>/xoa/", activities.activity_delete, name="activity_delete"),
    path("<int:pk>/cau-lac-bo/", clubs.clubs, name="clubs"),
    path("<int:pk>/cau-lac-bo/them/", clubs.club_add, name="club_add"),
    path("cau-lac-bo/<int:pk>/sua/", clubs.club_edit, name="club_edit"),
    path("<int:pk>/nhu-cau/", planning.needs, name="needs"),
    path("<int:pk>/nhu-cau/them/", planning.need_add, name="need_add"),
    path("nhu-cau/<int:pk>/xoa/", planning.need_delete, name="need_delete"),
    path("<int:pk>/kinh-phi/", money.funding, name="funding"),
    path("<int:pk>/kinh-phi/them/", money.funding_add, name="funding_add"),
    path("kinh-phi/<int:pk>/xoa/", money.funding_delete, name="funding_delete"),
    path("<int:pk>/ke-hoach/", planning.plan, name="plan"),
    path("<int:pk>/ke-hoach/sua/", planning.plan_edit, name="plan_edit"),
    path("<int:pk>/bao-cao-nam/", overview.report, name="report"),
    path("<int:pk>/bao-cao-nam/van-ban/", overview.report_document, name="report_document"),
    path("<int:pk>/tu-danh-gia/", assessment.assessment, name="assessment"),
    path("<int:pk>/tu-danh-gia/bat-dau/", assessment.assessment_start, name="assessment_start"),
    path("<int:pk>/tu-danh-gia/van-ban/", assessment.assessment_document, name="assessment_document"),
    path("danh-gia/<int:pk>/gui/", assessment.assessment_submit, name="assessment_submit"),
    path("danh-gia/<int:pk>/minh-chung/", assessment.evidence_add, name="evidence_add"),
    path("danh-gia/<int:pk>/xep-loai/", assessment.assessment_rate, name="assessment_rate"),
    path("danh-gia/<int:pk>/tra-lai/", assessment.assessment_return, name="assessment_return"),
    path("minh-chung/<int:pk>/", assessment.evidence_file, name="evidence_file"),
    path("minh-chung/<int:pk>/xoa/", assessment.evidence_delete, name="evidence_delete"),
]
