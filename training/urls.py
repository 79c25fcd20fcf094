from django.urls import path

from .views import courses, reports, surveys

app_name = "training"

urlpatterns = [
    path("", courses.index, name="index"),
    path("them/", courses.course_add, name="course_add"),
    path("<int:pk>/", courses.course, name="course"),
    path("<int:pk>/sua/", courses.course_edit, name="course_edit"),
    path("<int:pk>/xoa/", courses.course_delete, name="course_delete"),
    path("<int:pk>/nguoi-du/them/", courses.participant_add, name="participant_add"),
    path("nguoi-du/<int:pk>/bo/", courses.participant_remove, name="participant_remove"),
    path("<int:pk>/van-ban/", courses.course_document, name="course_document"),
    path("<int:pk>/diem-danh/", courses.attendance, name="attendance"),
    path("don-vi/<int:pk>/", reports.unit, name="unit"),
    path("tong-hop/", reports.summary, name="summary"),
    path("khao-sat/", surveys.surveys, name="surveys"),
    path("khao-sat/mo/", surveys.survey_add, name="survey_add"),
    path("khao-sat/<int:pk>/", surveys.survey, name="survey"),
    path("khao-sat/<int:pk>/tra-loi/", surveys.answer_add, name="answer_add"),
]
