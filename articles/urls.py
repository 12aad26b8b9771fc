from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.article_list, name="list"),
    path("articles/<int:pk>/", views.article_detail, name="detail"),
    path("articles/<int:pk>/status/", views.article_status, name="status"),
    path("entities/<int:pk>/", views.entity_detail, name="entity"),
    path("cables/<str:reference_id>/", views.cable_detail, name="cable"),
]
