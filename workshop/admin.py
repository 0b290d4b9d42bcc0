from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from workshop.forms import AdminSignInForm
from workshop.models import (
    Attendance,
    CalendarFeed,
    ConsentRecord,
    Guardian,
    HealthRecord,
    HealthRecordRead,
    Invitation,
    Participant,
    PickupContact,
    ReleasedDay,
    ReleasedSession,
    Room,
    ScheduleRelease,
    ScreeningReply,
    Session,
    StaffMembership,
    User,
    Workshop,
    WorkshopDay,
)
from workshop.selectors import health_records_for

# The admin's sign-in counts failures and locks out like the site's (workshop/limits.py).
admin.site.login_form = AdminSignInForm


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "language", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "phone", "language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]


class WorkshopDayInline(admin.TabularInline):
    model = WorkshopDay
    extra = 0


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0


class StaffMembershipInline(admin.TabularInline):
    model = StaffMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["title", "venue", "start_date", "end_date", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title", "venue"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["lead_mentor"]
    inlines = [WorkshopDayInline, RoomInline, StaffMembershipInline]


@admin.register(WorkshopDay)
class WorkshopDayAdmin(admin.ModelAdmin):
    list_display = ["__str__", "workshop", "date", "focus_stage", "doors_open", "pickup"]
    list_filter = ["workshop"]
    list_select_related = ["workshop", "focus_stage"]


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "workshop", "capacity"]
    list_filter = ["workshop"]
    search_fields = ["name"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "day", "starts_at", "ends_at", "kind", "room", "for_all_groups"]
    list_filter = ["day__workshop", "kind", "day"]
    list_select_related = ["day", "room"]
    search_fields = ["title"]
    filter_horizontal = ["groups", "mentors"]


class GuardianInline(admin.TabularInline):
    model = Guardian
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["full_name", "reading", "workshop", "birth_date", "media_consent"]
    list_filter = ["workshop", "media_consent"]
    search_fields = ["given_name", "family_name", "given_name_reading", "family_name_reading"]
    inlines = [GuardianInline]


@admin.register(ScreeningReply)
class ScreeningReplyAdmin(admin.ModelAdmin):
    """A family's reply to the screening's invitation: how many guests they bring."""

    list_display = ["workshop", "user", "guests", "replied_at"]
    list_filter = ["workshop"]
    list_select_related = ["workshop", "user"]
    search_fields = ["user__email"]
    autocomplete_fields = ["user"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """A parent's calendar address: deleting it turns the address off."""

    list_display = ["user", "created_at", "changed_at"]
    list_select_related = ["user"]
    search_fields = ["user__email"]
    autocomplete_fields = ["user"]
    readonly_fields = ["token", "etag", "changed_at"]


@admin.register(Guardian)
class GuardianAdmin(admin.ModelAdmin):
    list_display = ["user", "participant", "relationship", "may_pick_up", "receives_reminders"]
    list_select_related = ["user", "participant"]
    search_fields = ["user__email", "participant__family_name"]
    autocomplete_fields = ["user", "participant"]


@admin.register(PickupContact)
class PickupContactAdmin(admin.ModelAdmin):
    list_display = ["name", "participant", "relationship", "kind"]
    list_filter = ["kind"]
    list_select_related = ["participant"]
    search_fields = ["name", "participant__family_name", "participant__given_name"]
    autocomplete_fields = ["participant"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    """Corrections to what was recorded on set (a tap on the wrong child) are made here."""

    list_display = [
        "participant",
        "day",
        "checked_in_at",
        "checked_out_at",
        "picked_up_by_name",
        "picked_up_unlisted",
    ]
    list_filter = ["picked_up_unlisted", "day__workshop"]
    list_select_related = ["participant", "day__workshop"]
    search_fields = ["participant__family_name", "participant__given_name", "picked_up_by_name"]
    raw_id_fields = [
        "participant",
        "day",
        "checked_in_by",
        "checked_out_by",
        "picked_up_by_guardian",
        "picked_up_by_contact",
    ]


@admin.register(StaffMembership)
class StaffMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "workshop", "role", "specialty"]
    list_filter = ["workshop", "role"]
    list_select_related = ["user", "workshop"]
    autocomplete_fields = ["user"]


class FrozenAdmin(admin.ModelAdmin):
    """Releases are frozen when published: the admin shows them and changes nothing."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HealthRecord)
class HealthRecordAdmin(admin.ModelAdmin):
    """Lists name no health data; opening a record is a read, written to the audit."""

    list_display = ["participant", "updated_at"]
    list_select_related = ["participant"]
    list_filter = ["participant__workshop"]
    search_fields = ["participant__family_name", "participant__given_name"]
    autocomplete_fields = ["participant"]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record = self.get_object(request, object_id)
        if record is not None:
            child = Participant.objects.select_related("membership").get(pk=record.participant_id)
            health_records_for(request.user, [child], page="admin")
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(ConsentRecord)
class ConsentRecordAdmin(FrozenAdmin):
    """Consent is recorded on the child's page, which keeps the child's current consent."""

    list_display = ["participant", "media_consent", "recorded_by", "recorded_at"]
    list_filter = ["participant__workshop", "media_consent"]
    list_select_related = ["participant", "recorded_by"]
    search_fields = ["participant__family_name", "participant__given_name"]


@admin.register(HealthRecordRead)
class HealthRecordReadAdmin(FrozenAdmin):
    list_display = ["read_at", "reader_email", "participant", "scope", "page"]
    list_filter = ["workshop", "scope"]
    list_select_related = ["participant"]
    search_fields = ["reader_email", "participant__family_name"]


@admin.register(ScheduleRelease)
class ScheduleReleaseAdmin(FrozenAdmin):
    list_display = ["workshop", "number", "name", "published_by", "published_at"]
    list_filter = ["workshop"]
    list_select_related = ["workshop", "published_by"]


@admin.register(ReleasedSession)
class ReleasedSessionAdmin(FrozenAdmin):
    list_display = ["title", "release", "day", "starts_at", "ends_at", "sequence", "is_cancelled"]
    list_filter = ["release__workshop", "is_cancelled"]
    list_select_related = ["release", "day"]


@admin.register(ReleasedDay)
class ReleasedDayAdmin(FrozenAdmin):
    list_display = ["day", "release", "doors_open", "pickup", "focus_stage"]
    list_filter = ["release__workshop"]
    list_select_related = ["release", "day", "focus_stage"]


@admin.register(Invitation)
class InvitationAdmin(FrozenAdmin):
    """A record of what was sent; organizers send invitations from the workshop's pages."""

    list_display = ["user", "workshop", "invited_by", "created_at", "sent_at", "accepted_at"]
    list_filter = ["workshop"]
    list_select_related = ["user", "workshop", "invited_by"]
