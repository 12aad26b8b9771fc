from django.urls import path

from articles.views import reading

app_name = "articles"

urlpatterns = [
    # Reading
    path("", reading.article_list, name="list"),
    path("articles/<int:pk>/", reading.article_detail, name="detail"),
    path("articles/<int:pk>/status/", reading.article_status, name="status"),
    path("entities/<int:pk>/", reading.entity_detail, name="entity"),
    path("cables/<str:reference_id>/", reading.cable_detail, name="cable"),
]
