"""The screening on the last day: families' replies to its invitation."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_GUESTS = 10


class ScreeningReply(models.Model):
    """A family's answer to the screening's invitation: how many guests come with them. One
    per account and workshop, changed in place until the screening begins."""

    # Read only outside the screening page's cached parts (the family's own reply, the
    # organizers' total): a reply must not expire every cached page.
    shown_on_cached_pages = False

    workshop = models.ForeignKey(
        "Workshop",
        verbose_name=_("workshop"),
        on_delete=models.CASCADE,
        related_name="screening_replies",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("family"),
        on_delete=models.CASCADE,
        related_name="screening_replies",
    )
    guests = models.PositiveSmallIntegerField(
        _("guests"), validators=[MaxValueValidator(MAX_GUESTS)]
    )
    replied_at = models.DateTimeField(_("replied at"), default=timezone.now)

    class Meta:
        verbose_name = _("screening reply")
        verbose_name_plural = _("screening replies")
        constraints = [
            models.UniqueConstraint(fields=["workshop", "user"], name="one_reply_per_family"),
            models.CheckConstraint(
                condition=Q(guests__lte=MAX_GUESTS), name="screening_guests_at_most_ten"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.guests}"
