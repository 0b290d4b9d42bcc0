"""Invitations: an e-mail with a link for a guardian or a staff member to set up their
account. The link carries a token of its own (`workshop.invitations`); this row records who
was invited to which workshop, by whom, when it was sent and when it was taken up."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from workshop.models.schedule import Workshop


class Invitation(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Set by the worker that sends the e-mail, once: a retry never sends it twice.
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["workshop", "user"])]

    def __str__(self):
        return f"{self.user} · {self.workshop}"
