"""A message to one person, as a row: planned, claimed by one worker, sent or failed."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from workshop import access


class DeliveryQuerySet(models.QuerySet):
    def organized_by(self, user):
        """The deliveries of the workshops the user organizes."""
        roles = access.roles_of(user)
        return (
            self if roles.is_superuser else self.filter(workshop_id__in=roles.organized_workshops)
        )

    def due(self, now):
        return self.filter(state=Delivery.State.DUE, due_at__lte=now)


class Delivery(models.Model):
    """One message to one recipient about one subject ("day:<id>" for a workshop day), at
    most once: (recipient, kind, subject) is unique. A worker sends only a row it claimed,
    with a token of its own; a claim older than `DELIVERY_CLAIM_TIMEOUT` (its worker died)
    is claimed again."""

    class Kind(models.TextChoices):
        EVENING_REMINDER = "evening_reminder", _("Evening-before reminder")
        MENTOR_MORNING = "mentor_morning", _("Mentor's morning message")
        CHANGE_NOTICE = "change_notice", _("Change notice after a release")
        CALL_SHEET = "call_sheet", _("Call sheet")
        SCREENING_INVITATION = "screening_invitation", _("Screening invitation")

    class State(models.TextChoices):
        DUE = "due", _("Due")
        CLAIMED = "claimed", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    workshop = models.ForeignKey(
        "workshop.Workshop",
        verbose_name=_("workshop"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    subject = models.CharField(
        _("about"),
        max_length=100,
        help_text=_(
            'What the message is about: "day:<id>" for a day, "release:<id>" for the release '
            'that opened a change notice, "call-sheet:<day id>" for a day\'s call sheet, '
            '"screening:<workshop id>" for the screening\'s invitation.'
        ),
    )
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.DUE)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    due_at = models.DateTimeField(_("due at"))
    claim = models.UUIDField(_("claim"), null=True, blank=True, editable=False)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    first_release = models.PositiveIntegerField(
        _("first release"),
        null=True,
        blank=True,
        help_text=_("A change notice: the number of the first release it tells of."),
    )
    last_release = models.PositiveIntegerField(
        _("last release"),
        null=True,
        blank=True,
        help_text=_("A change notice: the number of the last release it tells of."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["due_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "subject"], name="one_delivery_per_subject"
            ),
            models.CheckConstraint(
                condition=~Q(state="claimed") | Q(claim__isnull=False, claimed_at__isnull=False),
                name="a_claimed_delivery_has_its_claim",
            ),
        ]
        indexes = [models.Index(fields=["state", "due_at"], name="delivery_state_due")]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient} ({self.subject})"

    @property
    def day_id(self) -> int | None:
        prefix, _sep, value = self.subject.partition(":")
        return int(value) if prefix in ("day", CALL_SHEET_PREFIX) and value.isdigit() else None


CALL_SHEET_PREFIX = "call-sheet"


class PlannedRelease(models.Model):
    """A release whose change notices are planned: planning it again, from a second beat or
    a repeated task, finds this row and plans nothing twice."""

    release = models.OneToOneField(
        "workshop.ScheduleRelease",
        verbose_name=_("release"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    planned_at = models.DateTimeField(_("planned at"), auto_now_add=True)

    class Meta:
        verbose_name = _("release with planned notices")
        verbose_name_plural = _("releases with planned notices")

    def __str__(self):
        return str(self.release_id)


class RecordedMail(models.Model):
    """An e-mail as the recording mail backend (deliveries/mail.py) kept it instead of sending
    it: for development and for tests whose worker runs in another process."""

    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=300)
    message_id = models.CharField(_("Message-ID"), max_length=200, blank=True)
    text = models.TextField(_("plain text"))
    html = models.TextField(_("HTML"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("recorded e-mail")
        verbose_name_plural = _("recorded e-mails")
        ordering = ["recorded_at", "pk"]

    def __str__(self):
        return f"{self.to}: {self.subject}"
