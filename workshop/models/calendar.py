"""A guardian's private calendar address: whoever holds its token reads their family's part of
the latest releases as iCalendar (workshop/calendar_feed.py), without signing in, as calendar
apps do."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    """256 random bits, URL-safe: the address is the only secret a calendar app holds."""
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """One address per account (a parent of two children has one feed with both). Replacing it
    gives a new token and the old address answers 404; turning it off deletes the row."""

    # Written when a feed's content changes (its ETag and Last-Modified) and shown only on the
    # uncached calendar page: its writes must not expire every cached page.
    shown_on_cached_pages = False

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    etag = models.CharField(_("content hash"), max_length=64, blank=True, editable=False)
    changed_at = models.DateTimeField(_("content changed at"), null=True, editable=False)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)
