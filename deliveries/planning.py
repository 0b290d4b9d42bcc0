"""Which messages are due when: rows are planned before anything is sent.

Planning runs on every beat and only creates rows (`bulk_create(ignore_conflicts=True)` on
the unique (recipient, kind, subject)), so planning twice, or from two beats at once, plans
each message once. A message is planned once its time has come, and not when it is more
than `LATE_LIMIT` late (a beat that was down all evening sends no reminder at breakfast)."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Greatest

from deliveries.models import CALL_SHEET_PREFIX, Delivery, PlannedRelease
from workshop.models import (
    Guardian,
    ReleasedDay,
    ReleasedSession,
    ScheduleRelease,
    StaffMembership,
    User,
    Workshop,
    WorkshopDay,
)
from workshop.screening import screening_of
from workshop.selectors import release_audience

LATE_LIMIT = datetime.timedelta(hours=3)
# The mentors' message about their day, at this local time of the day itself.
MENTOR_MORNING_TIME = datetime.time(7, 0)
# The families' invitation to the screening, this many days before its day (at the
# workshop's reminder time).
SCREENING_INVITATION_DAYS_BEFORE = 3


def day_subject(day_id: int) -> str:
    return f"day:{day_id}"


def _reminder_time(workshop: Workshop, date: datetime.date, *, days_before: int):
    """`days_before` days before `date` at the workshop's reminder time in its own time zone,
    whatever the offset is that evening (daylight saving included)."""
    evening = date - datetime.timedelta(days=days_before)
    return datetime.datetime.combine(evening, workshop.reminder_time, tzinfo=workshop.tz)


def evening_reminder_at(workshop: Workshop, date: datetime.date) -> datetime.datetime:
    """The evening before `date`, at the workshop's reminder time."""
    return _reminder_time(workshop, date, days_before=1)


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
    return _plan_day_messages(
        now,
        Delivery.Kind.EVENING_REMINDER,
        due_at=evening_reminder_at,
        recipients=lambda released: Guardian.objects.filter(
            participant__workshop=released.day.workshop,
            receives_reminders=True,
            user__is_active=True,
        ),
    )


def plan_mentor_mornings(now: datetime.datetime) -> int:
    """On the morning of each day, its day to each mentor of the workshop who has something
    of their own in it: a session they are named on, or one of a group they mentor. Sessions
    for all groups (lunch, the morning circle) make nobody's day: every day has them."""
    return _plan_day_messages(
        now,
        Delivery.Kind.MENTOR_MORNING,
        due_at=mentor_morning_at,
        recipients=_mentors_with_sessions,
    )


def _mentors_with_sessions(released: ReleasedDay):
    sessions = ReleasedSession.objects.filter(
        release_id=released.release_id, day_id=released.day_id
    ).current()
    named = ReleasedSession.mentors.through.objects.filter(releasedsession__in=sessions)
    groups = ReleasedSession.groups.through.objects.filter(releasedsession__in=sessions)
    return StaffMembership.objects.filter(
        workshop_id=released.day.workshop_id,
        role=StaffMembership.Role.MENTOR,
        user__is_active=True,
    ).filter(
        Q(user_id__in=named.values("user_id"))
        | Q(user__mentored_groups__in=groups.values("group_id"))
    )


def _plan_day_messages(now, kind, *, due_at, recipients) -> int:
    """A row of `kind` for each recipient (rows with a `user`, as `recipients(released)`
    gives them, one query) of each released day whose message is due
    (`due_at(workshop, date)`)."""
    rows = []
    for released in _released_days_near(now):
        workshop = released.day.workshop
        due = due_at(workshop, released.day.date)
        if not _is_time(due, now):
            continue
        users = (
            recipients(released)
            .exclude(user__email="")
            .values_list("user_id", flat=True)
            .distinct()
        )
        rows += [
            Delivery(
                workshop=workshop,
                recipient_id=user_id,
                kind=kind,
                subject=day_subject(released.day_id),
                due_at=due,
            )
            for user_id in users
        ]
    Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return len(rows)


def release_subject(release_id: int) -> str:
    return f"release:{release_id}"


def notice_delay() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.DELIVERY_NOTICE_DELAY)


def plan_change_notices(now: datetime.datetime) -> int:
    """Change notices for the releases published within `LATE_LIMIT` whose notices are not
    planned yet, oldest first. The first release of a workshop publishes it and changes
    nothing anyone had read: it sends none. Returns the people told of a release."""
    releases = (
        ScheduleRelease.objects.filter(
            number__gt=1,
            workshop__is_published=True,
            published_at__gt=now - LATE_LIMIT,
            published_at__lte=now,
        )
        .exclude(pk__in=PlannedRelease.objects.values("release_id"))
        .order_by("published_at", "number")
    )
    return sum(plan_release_notices(release) for release in releases)


def plan_release_notices(release: ScheduleRelease) -> int:
    """Tell each person a release affects of their own changes (its families and staff: a
    mentor who left the staff, still listed with a group, is told nothing). Their notice still
    waiting to be sent (due, not claimed; the latest, should a resent one wait too) takes this
    release in; anyone else gets a new one, due `DELIVERY_NOTICE_DELAY` minutes after this
    release, which later releases may join. Planned once per release (a `PlannedRelease` row,
    in the same transaction); the join is a conditional UPDATE, so a notice a worker has
    claimed is never joined. Returns how many people were told."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                PlannedRelease.objects.create(release=release)
        except IntegrityError:
            return 0  # planned already, by another beat
        audience = release_audience(release)
        people = set(
            User.objects.filter(pk__in=audience, is_active=True)
            .filter(
                Q(staff_memberships__workshop_id=release.workshop_id)
                | Q(guardianships__participant__workshop_id=release.workshop_id)
            )
            .exclude(email="")
            .values_list("pk", flat=True)
        )
        if not people:
            return 0
        notices = Delivery.objects.filter(
            workshop_id=release.workshop_id,
            kind=Delivery.Kind.CHANGE_NOTICE,
            recipient_id__in=people,
        )
        waiting = notices.filter(state=Delivery.State.DUE)
        latest_waiting = waiting.filter(recipient_id=OuterRef("recipient_id")).order_by("-pk")
        waiting.filter(pk=Subquery(latest_waiting.values("pk")[:1])).update(
            last_release=Greatest(F("last_release"), release.number)
        )
        joined = set(
            notices.filter(
                first_release__lte=release.number, last_release__gte=release.number
            ).values_list("recipient_id", flat=True)
        )
        Delivery.objects.bulk_create(
            [
                Delivery(
                    workshop_id=release.workshop_id,
                    recipient_id=user_id,
                    kind=Delivery.Kind.CHANGE_NOTICE,
                    subject=release_subject(release.pk),
                    due_at=release.published_at + notice_delay(),
                    first_release=release.number,
                    last_release=release.number,
                )
                for user_id in sorted(people - joined)
            ],
            ignore_conflicts=True,
            batch_size=1000,
        )
    return len(people)


def _guardians_to_mail(workshop: Workshop):
    """The users (ids) who are guardians of a child of the workshop and can be written to:
    active, with an address; once each, however many children they have."""
    return (
        Guardian.objects.filter(participant__workshop=workshop, user__is_active=True)
        .exclude(user__email="")
        .order_by()
        .values_list("user_id", flat=True)
        .distinct()
    )


def call_sheet_subject(day_id: int) -> str:
    return f"{CALL_SHEET_PREFIX}:{day_id}"


def plan_call_sheets(day: WorkshopDay, *, now: datetime.datetime) -> int:
    """The day's call sheet to the workshop's staff (organizers and mentors) and, once the
    day is released, to its families, due now: asking again plans only those who were not
    asked yet (someone added since). Returns how many were not asked yet."""
    workshop = day.workshop
    staff = set(
        StaffMembership.objects.filter(workshop=workshop, user__is_active=True)
        .exclude(user__email="")
        .values_list("user_id", flat=True)
    )
    families = set()
    released = ReleasedDay.objects.filter(
        day=day,
        release_id=F("day__workshop__latest_release_id"),
        day__workshop__is_published=True,
    )
    if released.exists():
        families = set(_guardians_to_mail(workshop))
    asked = set(
        Delivery.objects.filter(
            kind=Delivery.Kind.CALL_SHEET, subject=call_sheet_subject(day.pk)
        ).values_list("recipient_id", flat=True)
    )
    rows = [
        Delivery(
            workshop=workshop,
            recipient_id=user_id,
            kind=Delivery.Kind.CALL_SHEET,
            subject=call_sheet_subject(day.pk),
            due_at=now,
        )
        for user_id in sorted((staff | families) - asked)
    ]
    Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return len(rows)


def screening_subject(workshop_id: int) -> str:
    return f"screening:{workshop_id}"


def screening_invitation_at(workshop: Workshop, date: datetime.date) -> datetime.datetime:
    """`SCREENING_INVITATION_DAYS_BEFORE` days before the screening's day, at the workshop's
    reminder time."""
    return _reminder_time(workshop, date, days_before=SCREENING_INVITATION_DAYS_BEFORE)


def plan_screening_invitations(now: datetime.datetime) -> int:
    """The screening's invitation to every guardian of a published workshop whose screening
    is released (as its page shows it), once its time has come. A screening released after
    that time, by more than `LATE_LIMIT`, sends none: families read it on the week's page.
    Returns the rows asked for."""
    near = now.astimezone(datetime.UTC).date() + datetime.timedelta(
        days=SCREENING_INVITATION_DAYS_BEFORE
    )
    workshops = Workshop.objects.filter(
        is_published=True,
        latest_release__isnull=False,
        start_date__lte=near + datetime.timedelta(days=2),
        end_date__gte=near - datetime.timedelta(days=1),
    )
    rows = []
    for workshop in workshops:
        screening = screening_of(workshop)
        if screening is None:
            continue
        due = screening_invitation_at(workshop, screening.day.date)
        if not _is_time(due, now):
            continue
        users = _guardians_to_mail(workshop)
        rows += [
            Delivery(
                workshop=workshop,
                recipient_id=user_id,
                kind=Delivery.Kind.SCREENING_INVITATION,
                subject=screening_subject(workshop.pk),
                due_at=due,
            )
            for user_id in users
        ]
    Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return len(rows)
