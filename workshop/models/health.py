"""A child's health record and photo consent, kept apart from the child's names.

Health records are read only through `workshop.selectors.health_records_for`, which writes
who read which child's record, and when, to `HealthRecordRead`: an audit nobody edits.
Consent is a history of `ConsentRecord`s; the latest one is the child's consent, and a
child with none has not been asked yet."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workshop import access
from workshop.models.people import Participant
from workshop.models.schedule import Workshop


class HealthRecord(models.Model):
    """Allergies (shown to the whole staff: meals are shared), medical notes and the
    emergency contact (for organizers, the child's group's mentors and the child's family)."""

    participant = models.OneToOneField(
        Participant, verbose_name=_("child"), on_delete=models.CASCADE, related_name="health"
    )
    allergies = models.TextField(_("allergies"), blank=True)
    medical_notes = models.TextField(_("medical notes"), blank=True)
    emergency_contact_name = models.CharField(_("emergency contact"), max_length=200, blank=True)
    emergency_contact_phone = models.CharField(
        _("emergency contact phone"), max_length=40, blank=True
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("health record")
        verbose_name_plural = _("health records")

    def __str__(self):
        return str(self.participant)


class HealthRecordReadQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The audit of a workshop is for its organizers."""
        roles = access.roles_of(user)
        if roles.is_superuser:
            return self
        return self.filter(workshop_id__in=roles.organized_workshops)

    def update(self, **kwargs):
        raise PermissionDenied("Reads of health records are never changed.")

    def delete(self):
        raise PermissionDenied("Reads of health records are never deleted.")


class HealthRecordRead(models.Model):
    """One reader's read of one child's health record: written, never changed."""

    # Written on every page that shows a health record; only the audit page, never cached,
    # shows these rows. Writing one must not expire every cached page (workshop/page_cache.py).
    shown_on_cached_pages = False

    class Scope(models.TextChoices):
        ALLERGIES = "allergies", _("Allergies")
        FULL = "full", _("Allergies, medical notes and emergency contact")

    class Page(models.TextChoices):
        """Where the record was read. A new page that shows health records adds itself here."""

        CHILDREN = "children", _("Children list")
        PARTICIPANT = "participant", _("A child's page")
        GROUP = "group", _("A group's page")
        EDIT = "edit", _("Editing a child")
        EXPORT = "export", _("Children export (CSV)")
        ADMIN = "admin", _("Admin site")
        CALL_SHEET = "call_sheet", _("A day's call sheet")

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="+"
    )
    # Not indexed: the audit is written on every page that shows health records (a call
    # sheet: a row for each child of the workshop) and read by workshop and time. An index by
    # child took one index page per row written: on SQLite, most of a call sheet's cost.
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("child"),
        on_delete=models.CASCADE,
        related_name="health_reads",
        db_index=False,
    )
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reader"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reader_email = models.EmailField(_("reader's e-mail address"))
    scope = models.CharField(_("what was read"), max_length=10, choices=Scope)
    page = models.CharField(_("page"), max_length=40, choices=Page)
    read_at = models.DateTimeField(_("read at"), default=timezone.now, db_index=True)

    objects = HealthRecordReadQuerySet.as_manager()

    class Meta:
        verbose_name = _("health record read")
        verbose_name_plural = _("health record reads")
        ordering = ["-read_at", "-id"]
        indexes = [models.Index(fields=["workshop", "-read_at"])]

    def __str__(self):
        return f"{self.reader_email} → {self.participant_id} ({self.read_at:%Y-%m-%d %H:%M})"

    def save(self, **kwargs):
        if not self._state.adding:
            raise PermissionDenied("A read of a health record is never changed.")
        super().save(**kwargs)

    def delete(self, **kwargs):
        raise PermissionDenied("A read of a health record is never deleted.")


class ConsentRecord(models.Model):
    """Photo and video consent as given on a day, and who recorded it. Kept by
    `workshop.services.record_consent`, which also updates the child's current consent."""

    participant = models.ForeignKey(
        Participant, verbose_name=_("child"), on_delete=models.CASCADE, related_name="consents"
    )
    media_consent = models.CharField(
        _("photo and video consent"),
        max_length=10,
        choices=[choice for choice in Participant.MediaConsent.choices if choice[0]],
    )
    note = models.CharField(
        _("how it was given"),
        max_length=200,
        blank=True,
        help_text=_("For example: the signed form, by phone with the mother."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["participant", "-recorded_at"])]

    def __str__(self):
        return f"{self.participant} · {self.get_media_consent_display()}"
