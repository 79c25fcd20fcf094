from django.urls import path

from . import authority_views, register_views, views

app_name = "learning_society"

urlpatterns = [
    path("", views.index, name="index"),
    path("don-vi/<int:pk>/", views.area, name="area"),
    path("don-vi/<int:pk>/them/", views.subject_create, name="subject_create"),
    path("don-vi/<int:pk>/dang-ky/", views.register, name="register"),
    path("don-vi/<int:pk>/dang-ky-tung-doi-tuong/", register_views.register_chosen, name="register_chosen"),
    path("don-vi/<int:pk>/lay-tu-so-dieu-tra/", views.import_families, name="import_families"),
    path("don-vi/<int:pk>/bang-cham/", views.grid, name="grid"),
    path("don-vi/<int:pk>/kiem-tra/", views.check, name="check"),
    path("don-vi/<int:pk>/cong-nhan/", views.recognise, name="recognise"),
    path("doi-tuong/<int:pk>/", views.subject_detail, name="subject"),
    path("doi-tuong/<int:pk>/danh-gia/", views.assess, name="assess"),
    path("danh-gia/<int:pk>/giay-chung-nhan.pdf", views.certificate_pdf, name="certificate"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision"),
    path("quyet-dinh/<int:pk>/quyet-dinh.pdf", views.decision_pdf, name="decision_pdf"),
    path("quyet-dinh/<int:pk>/quyet-dinh.docx", views.decision_docx, name="decision_docx"),
    path("da-cong-nhan/", views.recognised, name="recognised"),
    path("thong-ke/", views.stats, name="stats"),
    path("thong-ke/bao-cao.pdf", views.stats_pdf, name="stats_pdf"),
    path("cau-hinh/", views.title_settings, name="settings"),
    path("cau-hinh/<int:pk>/tham-quyen/", authority_views.authority_settings, name="authority"),
]
