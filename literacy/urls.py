from django.urls import path

from . import views

app_name = "literacy"

urlpatterns = [
    path("", views.index, name="index"),
]
