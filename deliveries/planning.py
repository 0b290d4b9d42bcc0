"""Which messages are due when: rows are planned before anything is sent.

Planning runs on every beat and only creates rows (`bulk_create(ignore_conflicts=True)` on
the unique (recipient, kind, subject)), so planning twice, or from two beats at once, plans
each message once. A message is planned once its time has come, and not when it is more
than `LATE_LIMIT` late (a beat that was down all evening sends no reminder at breakfast)."""

import datetime

from django.db.models import F

from deliveries.models import Delivery
from workshop.models import Guardian, ReleasedDay, StaffMembership, Workshop

LATE_LIMIT = datetime.timedelta(hours=3)
# The mentors' message about their day, at this local time of the day itself.
MENTOR_MORNING_TIME = datetime.time(7, 0)


def day_subject(day_id: int) -> str:
    return f"day:{day_id}"


def evening_reminder_at(workshop: Workshop, date: datetime.date) -> datetime.datetime:
    """The evening before `date` at the workshop's reminder time in its own time zone,
    whatever the offset is that evening (daylight saving included)."""
    evening = date - datetime.timedelta(days=1)
    return datetime.datetime.combine(evening, workshop.reminder_time, tzinfo=workshop.tz)


def mentor_morning_at(workshop: Workshop, date: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(date, MENTOR_MORNING_TIME, tzinfo=workshop.tz)


def _released_days_near(now: datetime.datetime):
    """Released days of published workshops, as their latest release has them, whose date is
    within a day or two of `now` in any time zone."""
    today = now.astimezone(datetime.UTC).date()
    return ReleasedDay.objects.filter(
        release_id=F("day__workshop__latest_release_id"),
        day__workshop__is_published=True,
        day__date__range=(today - datetime.timedelta(days=1), today + datetime.timedelta(days=2)),
    ).select_related("day__workshop")


def _is_time(due: datetime.datetime, now: datetime.datetime) -> bool:
    return now - LATE_LIMIT < due <= now


def plan_evening_reminders(now: datetime.datetime) -> int:
    """One reminder per guardian who wants reminders, per workshop day whose evening-before
    reminder time has come: one message covers all their children. Returns the rows asked
    for (those planned already are left as they are)."""
    rows = []
    for released in _released_days_near(now):
        workshop = released.day.workshop
        due = evening_reminder_at(workshop, released.day.date)
        if not _is_time(due, now):
            continue
        recipients = (
            Guardian.objects.filter(
                participant__workshop=workshop, receives_reminders=True, user__is_active=True
            )
            .exclude(user__email="")
            .values_list("user_id", flat=True)
            .distinct()
        )
        rows += [
            Delivery(
                workshop=workshop,
                recipient_id=user_id,
                kind=Delivery.Kind.EVENING_REMINDER,
                subject=day_subject(released.day_id),
                due_at=due,
            )
            for user_id in recipients
        ]
    Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return len(rows)


def plan_mentor_mornings(now: datetime.datetime) -> int:
    """Each mentor of the workshop, on the morning of each day, their day."""
    rows = []
    for released in _released_days_near(now):
        workshop = released.day.workshop
        due = mentor_morning_at(workshop, released.day.date)
        if not _is_time(due, now):
            continue
        mentors = (
            StaffMembership.objects.filter(
                workshop=workshop, role=StaffMembership.Role.MENTOR, user__is_active=True
            )
            .exclude(user__email="")
            .values_list("user_id", flat=True)
            .distinct()
        )
        rows += [
            Delivery(
                workshop=workshop,
                recipient_id=user_id,
                kind=Delivery.Kind.MENTOR_MORNING,
                subject=day_subject(released.day_id),
                due_at=due,
            )
            for user_id in mentors
        ]
    Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return len(rows)
