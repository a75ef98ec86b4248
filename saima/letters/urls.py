from django.urls import path

from . import views

urlpatterns = [
    path("", views.letter_list, name="letter_list"),
    path("issue/", views.letter_issue, name="letter_issue"),
    path("bulk/", views.letter_bulk, name="letter_bulk"),
    path("<int:pk>/", views.letter_detail, name="letter_detail"),
    path("<int:pk>/download/", views.letter_download, name="letter_download"),
    path("<int:pk>/reply/", views.letter_reply, name="letter_reply"),
]
