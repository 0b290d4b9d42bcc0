from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from groups.views import group_detail
from workshop.forms import EmailAuthenticationForm, EmailPasswordResetForm
from workshop.views import (
    account,
    attendance,
    home,
    people,
    planner,
    releases,
    schedule,
    sessions,
    setup,
)

urlpatterns = [
    path("", home.home, name="home"),
    path("workshops/<slug:slug>/", schedule.week, name="week"),
    path("workshops/<slug:slug>/days/<int:number>/", schedule.day, name="day"),
    path("workshops/<slug:slug>/children/", people.children, name="children"),
    path("workshops/<slug:slug>/planner/", planner.planner, name="planner"),
    path("sessions/<int:pk>/move/", planner.session_move, name="session_move"),
    path("workshops/<slug:slug>/sessions/new/", sessions.session_new, name="session_new"),
    path("workshops/<slug:slug>/days/<int:number>/copy/", sessions.day_copy, name="day_copy"),
    path("sessions/<int:pk>/edit/", sessions.session_edit, name="session_edit"),
    path("sessions/<int:pk>/duplicate/", sessions.session_duplicate, name="session_duplicate"),
    path("sessions/<int:pk>/delete/", sessions.session_delete, name="session_delete"),
    path("workshops/<slug:slug>/releases/", releases.releases, name="releases"),
    path("workshops/<slug:slug>/releases/new/", releases.release_new, name="release_new"),
    path("workshops/<slug:slug>/releases/<int:number>/", releases.release, name="release"),
    path("workshops/<slug:slug>/setup/", setup.setup, name="setup"),
    path("workshops/<slug:slug>/setup/workshop/", setup.setup_workshop, name="setup_workshop"),
    path("workshops/<slug:slug>/setup/days/", setup.setup_days, name="setup_days"),
    path("workshops/<slug:slug>/setup/days/<int:number>/", setup.setup_day, name="setup_day"),
    path("workshops/<slug:slug>/setup/rooms/", setup.setup_rooms, name="setup_rooms"),
    path("workshops/<slug:slug>/setup/rooms/<int:pk>/", setup.setup_room, name="setup_room"),
    path(
        "workshops/<slug:slug>/setup/rooms/<int:pk>/delete/",
        setup.setup_room_delete,
        name="setup_room_delete",
    ),
    path("workshops/<slug:slug>/setup/stages/", setup.setup_stages, name="setup_stages"),
    path("workshops/<slug:slug>/setup/stages/<int:pk>/", setup.setup_stage, name="setup_stage"),
    path(
        "workshops/<slug:slug>/setup/stages/<int:pk>/move/",
        setup.setup_stage_move,
        name="setup_stage_move",
    ),
    path(
        "workshops/<slug:slug>/days/<int:number>/attendance/",
        attendance.attendance,
        name="attendance",
    ),
    path(
        "children/<int:pk>/days/<int:number>/check-in/",
        attendance.attendance_check_in,
        name="attendance_check_in",
    ),
    path(
        "children/<int:pk>/days/<int:number>/check-out/",
        attendance.attendance_check_out,
        name="attendance_check_out",
    ),
    path("children/<int:pk>/", people.participant, name="participant"),
    path("children/<int:pk>/pickup-contacts/", people.pickup_contacts, name="pickup_contacts"),
    path("pickup-contacts/<int:pk>/", people.pickup_contact, name="pickup_contact"),
    path(
        "pickup-contacts/<int:pk>/delete/",
        people.pickup_contact_delete,
        name="pickup_contact_delete",
    ),
    path("groups/<int:pk>/", group_detail, name="group"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=EmailAuthenticationForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/ping/", account.ping, name="ping"),
    path("accounts/logout/", account.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=EmailPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", account.set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
