"""Attendance: when a child arrived on a workshop day, when they left, and with whom."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from workshop.models.people import Guardian, Participant, PickupContact
from workshop.models.schedule import WorkshopDay


class AttendanceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A child's attendance is for whoever may see the child."""
        return self.filter(participant__in=Participant.objects.visible_to(user))

    def unlisted_pickups(self):
        return self.filter(picked_up_unlisted=True)


class Attendance(models.Model):
    """One child on one day. Each check-in and check-out carries the id the phone made for
    it (`check_in_id`, `check_out_id`): a phone that sends the same one twice, after a lost
    connection, records it once."""

    participant = models.ForeignKey(
        Participant, verbose_name=_("child"), on_delete=models.CASCADE, related_name="attendance"
    )
    day = models.ForeignKey(
        WorkshopDay, verbose_name=_("day"), on_delete=models.CASCADE, related_name="attendance"
    )
    checked_in_at = models.DateTimeField(_("checked in at"))
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    check_in_id = models.UUIDField(_("check-in id"), unique=True, null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)
    checked_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked out by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    check_out_id = models.UUIDField(_("check-out id"), unique=True, null=True, blank=True)
    picked_up_by_guardian = models.ForeignKey(
        Guardian,
        verbose_name=_("picked up by (guardian)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    picked_up_by_contact = models.ForeignKey(
        PickupContact,
        verbose_name=_("picked up by (pickup contact)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    picked_up_by_name = models.CharField(
        _("picked up by"),
        max_length=200,
        blank=True,
        help_text=_("The name as it was when the child left, kept if the contact changes."),
    )
    picked_up_unlisted = models.BooleanField(
        _("picked up by someone not on the list"), default=False
    )

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["day", "participant"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "day"], name="one_attendance_per_day"),
            models.CheckConstraint(
                condition=Q(checked_out_at__isnull=True)
                | Q(checked_out_at__gte=models.F("checked_in_at")),
                name="checked_out_after_checked_in",
            ),
            models.CheckConstraint(
                condition=Q(checked_out_at__isnull=True) | ~Q(picked_up_by_name=""),
                name="checked_out_with_someone",
            ),
        ]

    def __str__(self):
        return f"{self.participant} · {self.day}"

    @property
    def is_checked_out(self) -> bool:
        return self.checked_out_at is not None
