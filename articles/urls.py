from django.urls import path

from articles.views import cables, reading, search, upload

app_name = "articles"

urlpatterns = [
    # Reading
    path("", reading.article_list, name="list"),
    path("articles/<int:pk>/", reading.article_detail, name="detail"),
    path("articles/<int:pk>/status/", reading.article_status, name="status"),
    path("entities/<int:pk>/", reading.entity_detail, name="entity"),
    path("cables/", cables.cable_list, name="cables"),
    path("cables/<str:reference_id>/", cables.cable_detail, name="cable"),
    path("timeline/", reading.timeline, name="timeline"),
    # Uploads
    path("upload/", upload.upload, name="upload"),
    path("upload/<int:pk>/", upload.upload_status, name="upload-status"),
    path("upload/<int:pk>/retry/", upload.upload_retry, name="upload-retry"),
    # Search
    path("search/", search.search, name="search"),
    path("search/people/", search.person_suggestions, name="person-suggestions"),
]
