from django.contrib import admin

from deliveries.models import Delivery, RecordedMail


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "subject", "state", "attempts", "due_at", "sent_at"]
    list_filter = ["state", "kind", "workshop"]
    search_fields = ["recipient__email", "subject"]
    raw_id_fields = ["recipient"]
    readonly_fields = ["claim", "claimed_at", "sent_at", "confirmed_at", "created_at"]


@admin.register(RecordedMail)
class RecordedMailAdmin(admin.ModelAdmin):
    list_display = ["to", "subject", "recorded_at"]
    search_fields = ["to", "subject"]
