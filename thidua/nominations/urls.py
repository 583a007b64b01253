from django.urls import path

from thidua.nominations import views

app_name = "nominations"

urlpatterns = [
    path("", views.index, name="index"),
    path("rounds/new/", views.RoundFormView.as_view(), name="round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/edit/", views.RoundFormView.as_view(), name="round_update"),
    path("rounds/<int:pk>/disclose/", views.round_disclose, name="round_disclose"),
    path("rounds/<int:pk>/comments.<str:fmt>", views.comment_summary_download, name="comment_summary"),
    path("rounds/<int:round>/nominations/new/", views.NominationFormView.as_view(), name="nomination_create"),
    path("rounds/<int:round>/nominations/new/nominee/", views.nomination_nominee, name="nomination_nominee"),
    path("comments/<int:pk>/moderate/", views.comment_moderate, name="comment_moderate"),
    path("<int:pk>/", views.nomination_detail, name="nomination"),
    path("<int:pk>/edit/", views.NominationFormView.as_view(), name="nomination_update"),
    path("<int:pk>/edit/nominee/", views.nomination_nominee, name="nomination_update_nominee"),
    path("<int:pk>/<str:action>/", views.nomination_action, name="nomination_action"),
    path("<int:pk>/parts/draft/<str:kind>/", views.part_draft, name="part_draft"),
    path("<int:pk>/parts/upload/", views.part_upload, name="part_upload"),
    path("parts/<int:pk>/", views.part_edit, name="part_edit"),
    path("parts/<int:pk>/download/", views.part_download, name="part_file"),
    path("parts/<int:pk>/download.<str:fmt>", views.part_download, name="part_download"),
    path("parts/<int:pk>/delete/", views.part_delete, name="part_delete"),
]
