from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from groups import views as group_views
from groups.views import group_detail, group_note, group_progress
from projects import views as film
from workshop.forms import EmailAuthenticationForm
from workshop.views import (
    account,
    attendance,
    call_sheets,
    children,
    dashboard,
    home,
    imports,
    invitations,
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
    path(
        "workshops/<slug:slug>/days/<int:number>/call-sheet/",
        call_sheets.call_sheet,
        name="call_sheet",
    ),
    path(
        "workshops/<slug:slug>/days/<int:number>/call-sheet.pdf",
        call_sheets.call_sheet_pdf,
        name="call_sheet_pdf",
    ),
    path("workshops/<slug:slug>/children/", people.children, name="children"),
    path("workshops/<slug:slug>/dashboard/", dashboard.dashboard, name="dashboard"),
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
    path(
        "workshops/<slug:slug>/setup/new-edition/",
        setup.setup_new_edition,
        name="setup_new_edition",
    ),
    path("workshops/<slug:slug>/setup/stages/<int:pk>/", setup.setup_stage, name="setup_stage"),
    path(
        "workshops/<slug:slug>/setup/stages/<int:pk>/move/",
        setup.setup_stage_move,
        name="setup_stage_move",
    ),
    path("workshops/<slug:slug>/children/new/", children.child_new, name="child_new"),
    path(
        "workshops/<slug:slug>/children/import/",
        imports.children_import,
        name="children_import",
    ),
    path(
        "workshops/<slug:slug>/children/example.csv",
        imports.children_example,
        name="children_example",
    ),
    path(
        "workshops/<slug:slug>/children/export.csv",
        imports.children_export,
        name="children_export",
    ),
    path("workshops/<slug:slug>/health-reads/", children.health_reads, name="health_reads"),
    path("children/<int:pk>/", people.participant, name="participant"),
    path("children/<int:pk>/edit/", children.child_edit, name="child_edit"),
    path("children/<int:pk>/consent/", children.child_consent, name="child_consent"),
    path("children/<int:pk>/guardians/new/", children.guardian_new, name="guardian_new"),
    path("guardians/<int:pk>/edit/", children.guardian_edit, name="guardian_edit"),
    path("guardians/<int:pk>/delete/", children.guardian_delete, name="guardian_delete"),
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
    path(
        "children/<int:pk>/days/<int:number>/undo/",
        attendance.attendance_undo,
        name="attendance_undo",
    ),
    path("children/<int:pk>/pickup-contacts/", people.pickup_contacts, name="pickup_contacts"),
    path("pickup-contacts/<int:pk>/", people.pickup_contact, name="pickup_contact"),
    path(
        "pickup-contacts/<int:pk>/delete/",
        people.pickup_contact_delete,
        name="pickup_contact_delete",
    ),
    path("groups/<int:pk>/", group_detail, name="group"),
    path("groups/<int:pk>/edit/", group_views.group_edit, name="group_edit"),
    path("workshops/<slug:slug>/groups/", group_views.group_builder, name="group_builder"),
    path("workshops/<slug:slug>/groups/new/", group_views.group_new, name="group_new"),
    path("workshops/<slug:slug>/groups/assign/", group_views.group_assign, name="group_assign"),
    path("workshops/<slug:slug>/groups/place/", group_views.group_place, name="group_place"),
    path(
        "workshops/<slug:slug>/groups/siblings/", group_views.group_siblings, name="group_siblings"
    ),
    path("groups/<int:pk>/progress/", group_progress, name="group_progress"),
    path("groups/<int:pk>/notes/", group_note, name="group_note"),
    path("groups/<int:pk>/film/", film.film_edit, name="film_edit"),
    path("groups/<int:pk>/film/script/", film.film_script, name="film_script"),
    path("groups/<int:pk>/film/storyboard/", film.film_storyboard, name="film_storyboard"),
    path(
        "groups/<int:pk>/film/storyboard/order/",
        film.film_storyboard_order,
        name="film_storyboard_order",
    ),
    path(
        "groups/<int:pk>/film/storyboard/<int:frame_pk>/delete/",
        film.film_frame_delete,
        name="film_frame_delete",
    ),
    path("groups/<int:pk>/film/shots/", film.film_shots, name="film_shots"),
    path("groups/<int:pk>/film/shots/<int:shot_pk>/", film.film_shot, name="film_shot"),
    path(
        "groups/<int:pk>/film/shots/<int:shot_pk>/status/",
        film.film_shot_status,
        name="film_shot_status",
    ),
    path(
        "groups/<int:pk>/film/shots/<int:shot_pk>/delete/",
        film.film_shot_delete,
        name="film_shot_delete",
    ),
    path("groups/<int:pk>/film/crew/", film.film_crew, name="film_crew"),
    path(
        "groups/<int:pk>/film/crew/suggestion/",
        film.film_crew_suggestion,
        name="film_crew_suggestion",
    ),
    path("groups/<int:pk>/film/credits/", film.film_credits, name="film_credits"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=EmailAuthenticationForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("workshops/<slug:slug>/invitations/", invitations.invitations, name="invitations"),
    path(
        "accounts/invitation/<str:token>/",
        invitations.invitation_accept,
        name="invitation_accept",
    ),
    path("accounts/ping/", account.ping, name="ping"),
    path("accounts/logout/", account.LogoutView.as_view(), name="logout"),
    path("accounts/password_reset/", account.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/link/", account.sign_in_link, name="sign_in_link"),
    path("accounts/link/sent/", account.sign_in_link_sent, name="sign_in_link_sent"),
    path(
        "accounts/link/<str:uidb64>/<str:token>/",
        account.sign_in_link_open,
        name="sign_in_link_open",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", account.set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
