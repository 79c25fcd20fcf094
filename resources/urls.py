from django.urls import path

from .views import library, models

app_name = "resources"

urlpatterns = [
    path("", library.index, name="index"),
    path("them/", library.resource_add, name="resource_add"),
    path("<int:pk>/", library.resource, name="resource"),
    path("<int:pk>/sua/", library.resource_edit, name="resource_edit"),
    path("<int:pk>/duyet/", library.resource_review, name="resource_review"),
    path("<int:pk>/tep/", library.resource_file, name="resource_file"),
    path("<int:pk>/mo/", library.resource_link, name="resource_link"),
    path("<int:pk>/anh-nho/", library.resource_thumb, name="resource_thumb"),
    path("mo-hinh/", models.gallery, name="gallery"),
    path("mo-hinh/so/", models.model_list, name="models"),
    path("mo-hinh/them/", models.model_add, name="model_add"),
    path("mo-hinh/<int:pk>/", models.model_detail, name="model"),
    path("mo-hinh/<int:pk>/sua/", models.model_edit, name="model_edit"),
    path("mo-hinh/<int:pk>/de-xuat/", models.model_propose, name="model_propose"),
    path("mo-hinh/<int:pk>/dang/", models.model_publish, name="model_publish"),
    path("mo-hinh/<int:pk>/tra-lai/", models.model_return, name="model_return"),
    path("mo-hinh/<int:pk>/anh/them/", models.photo_add, name="photo_add"),
    path("anh/<int:pk>/", models.photo, name="photo"),
    path("anh/<int:pk>/nho/", models.photo_thumb, name="photo_thumb"),
    path("anh/<int:pk>/xoa/", models.photo_delete, name="photo_delete"),
]
