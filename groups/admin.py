from django.contrib import admin

from groups.models import Group, Membership
from projects.services import ensure_film


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["participant"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "workshop", "colour"]
    list_filter = ["workshop"]
    search_fields = ["name"]
    filter_horizontal = ["mentors"]
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        ensure_film(obj)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["participant", "group", "pinned"]
    list_filter = ["group__workshop", "group"]
    list_select_related = ["participant", "group"]
    autocomplete_fields = ["participant"]
