from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from projects.models import (
    CrewAssignment,
    Film,
    LogEntry,
    MediaAsset,
    ReelClip,
    ReelNote,
    ScriptVersion,
    Shot,
    Stage,
    StageProgress,
    StoryboardFrame,
)


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
    list_display = ["name", "workshop", "position", "key"]
    list_filter = ["workshop"]
    list_editable = ["position"]


class StageProgressInline(admin.TabularInline):
    model = StageProgress
    extra = 0
    readonly_fields = ["updated_at"]


@admin.register(Film)
class FilmAdmin(admin.ModelAdmin):
    list_display = ["__str__", "group", "logline"]
    list_filter = ["group__workshop"]
    list_select_related = ["group"]
    search_fields = ["title", "logline"]
    inlines = [StageProgressInline]


@admin.register(StageProgress)
class StageProgressAdmin(admin.ModelAdmin):
    list_display = ["film", "stage", "status", "updated_by", "updated_at"]
    list_filter = ["status", "stage__workshop"]
    list_select_related = ["film__group", "stage", "updated_by"]


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin):
    list_display = ["film", "stage", "author", "written_on", "shared_with_families"]
    list_filter = ["shared_with_families", "film__group__workshop"]
    list_select_related = ["film__group", "stage", "author"]
    search_fields = ["body"]


@admin.register(ScriptVersion)
class ScriptVersionAdmin(admin.ModelAdmin):
    list_display = ["film", "number", "author", "created_at"]
    list_filter = ["film__group__workshop"]
    list_select_related = ["film__group", "author"]


@admin.register(StoryboardFrame)
class StoryboardFrameAdmin(admin.ModelAdmin):
    """A frame's picture arrives through the storyboard page (and the photo pipeline); it
    is private, so the admin links to the view that serves it instead of a file input."""

    list_display = ["film", "position", "caption"]
    list_filter = ["film__group__workshop"]
    list_select_related = ["film__group"]
    exclude = ["image"]
    readonly_fields = ["picture"]

    @admin.display(description=_("image"))
    def picture(self, frame):
        if not frame.image:
            return "–"
        url = reverse("film_frame_image", args=[frame.film.group_id, frame.pk])
        return format_html('<a href="{}">{}</a>', url, frame.image.name)


@admin.register(Shot)
class ShotAdmin(admin.ModelAdmin):
    list_display = ["film", "scene", "number", "framing", "status"]
    list_filter = ["status", "film__group__workshop"]
    list_select_related = ["film__group"]


@admin.register(CrewAssignment)
class CrewAssignmentAdmin(admin.ModelAdmin):
    list_display = ["film", "day", "child", "role"]
    list_filter = ["role", "film__group__workshop"]
    list_select_related = ["film__group", "day", "child"]
    raw_id_fields = ["child"]
    search_fields = ["child__given_name", "child__family_name"]


@admin.register(MediaAsset)
class MediaAssetAdmin(admin.ModelAdmin):
    """Read-only: media arrive through the upload page and the worker. The files are private
    and have no URL, so their names are shown as text."""

    list_display = ["__str__", "group", "kind", "state", "created_at"]
    list_filter = ["kind", "state", "group__workshop"]
    list_select_related = ["group"]
    search_fields = ["original_name"]
    fields = [
        "group",
        "kind",
        "content_type",
        "original_name",
        "file_names",
        "state",
        "failure_reason",
        "width",
        "height",
        "duration",
        "children",
        "created_at",
    ]
    readonly_fields = fields

    @admin.display(description="files")
    def file_names(self, asset):
        return ", ".join(f.name for f in (asset.original, asset.thumbnail, asset.display) if f)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReelClip)
class ReelClipAdmin(admin.ModelAdmin):
    list_display = ["film", "position", "asset"]
    list_filter = ["film__group__workshop"]
    list_select_related = ["film__group", "asset__group"]
    raw_id_fields = ["asset"]


@admin.register(ReelNote)
class ReelNoteAdmin(admin.ModelAdmin):
    list_display = ["clip", "at", "text", "is_retake", "retaken"]
    list_filter = ["is_retake", "retaken", "clip__film__group__workshop"]
    list_select_related = ["clip__film__group", "clip__asset__group"]
    raw_id_fields = ["clip", "author"]
    search_fields = ["text"]
