from django.urls import path

from thidua.council import views

app_name = "council"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.council_create, name="council_create"),
    path("<int:pk>/", views.council_detail, name="council_detail"),
    path("<int:pk>/edit/", views.council_update, name="council_update"),
    path("<int:pk>/members/new/", views.member_add, name="member_add"),
    path("members/<int:pk>/", views.member_edit, name="member_edit"),
    path("<int:pk>/thresholds/", views.threshold_set, name="threshold_set"),
    path("<int:pk>/sessions/new/", views.session_create, name="session_create"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/live/", views.session_live, name="session_live"),
    path("sessions/<int:pk>/step/<str:status>/", views.session_step, name="session_step"),
    path("sessions/<int:pk>/attendance/", views.attendance_update, name="attendance_update"),
    path("sessions/<int:pk>/ballot/", views.ballot, name="ballot"),
    path("sessions/<int:pk>/written/", views.written_ballot, name="written_ballot"),
    path("sessions/<int:pk>/receipt/", views.receipt_check, name="receipt_check"),
    path("sessions/<int:pk>/minutes.<str:fmt>", views.minutes_download, name="minutes"),
]
