from django.urls import path

from . import views

app_name = "communication"

urlpatterns = [
    path("", views.index, name="index"),
    path("ghi/", views.item_add, name="item_add"),
    path("<int:pk>/", views.item, name="item"),
    path("<int:pk>/sua/", views.item_edit, name="item_edit"),
    path("<int:pk>/xoa/", views.item_delete, name="item_delete"),
    path("<int:pk>/duong-dan/", views.item_link, name="item_link"),
    path("<int:pk>/tep/", views.item_file, name="item_file"),
    path("<int:pk>/anh-nho/", views.item_thumbnail, name="item_thumbnail"),
]
