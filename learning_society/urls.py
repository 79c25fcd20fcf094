from django.urls import path

from . import views

app_name = "learning_society"

urlpatterns = [
    path("", views.index, name="index"),
]
