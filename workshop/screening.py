"""The screening on the last day: when it is (as families were told), its invitation's
replies (how many guests each family brings, until it begins) and what organizers count."""

import datetime

from django.db.models import Count, Sum
from django.utils import timezone

from workshop.models import (
    MAX_GUESTS,
    ReleasedSession,
    ScreeningReply,
    Session,
    User,
    Workshop,
)


def screening_of(workshop: Workshop):
    """The screening as families were told: the first screening session of the workshop's
    latest release that is not cancelled, with its day and room; None before one is released."""
    return (
        ReleasedSession.objects.filter(
            release_id=workshop.latest_release_id, kind=Session.Kind.SCREENING, is_cancelled=False
        )
        .select_related("day", "room")
        .order_by("day__date", "starts_at")
        .first()
    )


def replies_close_at(workshop: Workshop, screening) -> datetime.datetime:
    """Replies may change until the screening begins; with no screening released yet, until
    the workshop's last day is over (in its time zone)."""
    if screening is not None:
        return datetime.datetime.combine(
            screening.day.date, screening.starts_at, tzinfo=workshop.tz
        )
    return datetime.datetime.combine(
        workshop.end_date + datetime.timedelta(days=1), datetime.time(), tzinfo=workshop.tz
    )


def reply_to_screening(workshop: Workshop, *, by: User, guests: int) -> ScreeningReply:
    """A family's reply to the screening's invitation, replacing their earlier one."""
    if not 0 <= guests <= MAX_GUESTS:
        raise ValueError(f"From 0 to {MAX_GUESTS} guests.")
    reply, _ = ScreeningReply.objects.update_or_create(
        workshop=workshop, user=by, defaults={"guests": guests, "replied_at": timezone.now()}
    )
    return reply


def replies_total(workshop: Workshop) -> dict[str, int]:
    """For the organizers: how many families replied and how many guests they bring."""
    totals = ScreeningReply.objects.filter(workshop=workshop).aggregate(
        families=Count("pk"), guests=Sum("guests", default=0)
    )
    return {"families": totals["families"], "guests": totals["guests"]}
