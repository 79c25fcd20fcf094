from django.urls import path

from . import views

app_name = "units"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("them/", views.tree, name="create"),
    path("<int:pk>/", views.tree, name="detail"),
    path("nguoi-dung/them/", views.tree, name="person_create"),
]
