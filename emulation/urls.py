from django.urls import path

from .views import awards, movements, reports

app_name = "emulation"

urlpatterns = [
    path("", movements.index, name="index"),
    path("phat-dong/", movements.movement_add, name="movement_add"),
    path("<int:pk>/", movements.movement, name="movement"),
    path("<int:pk>/sua/", movements.movement_edit, name="movement_edit"),
    path("<int:pk>/xoa/", movements.movement_delete, name="movement_delete"),
    path("<int:pk>/chuyen-buoc/", movements.advance, name="advance"),
    path("<int:pk>/tieu-chi/them/", movements.criterion_add, name="criterion_add"),
    path("tieu-chi/<int:pk>/xoa/", movements.criterion_delete, name="criterion_delete"),
    path("<int:pk>/xep-hang/", movements.ranking, name="ranking"),
    path("<int:pk>/quyet-dinh/", movements.decision, name="decision"),
    path("<int:pk>/quyet-dinh/ban-hanh/", movements.decision_issue, name="decision_issue"),
    path("<int:pk>/dang-ky/", reports.register, name="register"),
    path("dang-ky/<int:pk>/", reports.registration, name="registration"),
    path("dang-ky/<int:pk>/bao-cao/", reports.report, name="report"),
    path("dang-ky/<int:pk>/gui/", reports.report_submit, name="report_submit"),
    path("dang-ky/<int:pk>/minh-chung/them/", reports.evidence_add, name="evidence_add"),
    path("dang-ky/<int:pk>/cham-diem/", reports.score, name="score"),
    path("minh-chung/<int:pk>/", reports.evidence, name="evidence"),
    path("minh-chung/<int:pk>/anh-nho/", reports.evidence_thumbnail, name="evidence_thumbnail"),
    path("minh-chung/<int:pk>/xoa/", reports.evidence_delete, name="evidence_delete"),
    path("<int:pk>/khen-thuong/them/", awards.award_add, name="award_add"),
    path("khen-thuong/<int:pk>/bo/", awards.award_remove, name="award_remove"),
    path("don-vi/<int:pk>/", reports.unit, name="unit"),
]
