from django.urls import path

from .views import recs, visits

app_name = "inspections"

urlpatterns = [
    path("", visits.index, name="index"),
    path("them/", visits.inspection_add, name="inspection_add"),
    path("<int:pk>/", visits.inspection, name="inspection"),
    path("<int:pk>/sua/", visits.inspection_edit, name="inspection_edit"),
    path("<int:pk>/xoa/", visits.inspection_delete, name="inspection_delete"),
    path("<int:pk>/ket-qua/", visits.perform, name="perform"),
    path("<int:pk>/anh/them/", visits.photo_add, name="photo_add"),
    path("anh/<int:pk>/", visits.photo, name="photo"),
    path("<int:pk>/bien-ban/", visits.bien_ban, name="bien_ban"),
    path("<int:pk>/kien-nghi/them/", recs.rec_add, name="rec_add"),
    path("kien-nghi/<int:pk>/tra-loi/", recs.rec_answer, name="rec_answer"),
    path("kien-nghi/<int:pk>/dong/", recs.rec_close, name="rec_close"),
    path("kien-nghi/<int:pk>/mo-lai/", recs.rec_reopen, name="rec_reopen"),
    path("kien-nghi/<int:pk>/tep/", recs.rec_file, name="rec_file"),
    path("noi-dung/", recs.contents, name="contents"),
    path("noi-dung/them/", recs.content_add, name="content_add"),
    path("noi-dung/<int:pk>/sua/", recs.content_edit, name="content_edit"),
    path("noi-dung/<int:pk>/muc/them/", recs.item_add, name="item_add"),
    path("muc/<int:pk>/xoa/", recs.item_delete, name="item_delete"),
]
