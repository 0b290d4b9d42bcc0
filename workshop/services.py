"""Multi-step changes to the core domain."""

import datetime
import uuid
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from groups.models import Group
from projects.models import Film, Stage
from projects.services import add_default_stages
from workshop import access, releases
from workshop.models import (
    DEFAULT_WORKSHOP_DAYS,
    Attendance,
    ConsentRecord,
    Guardian,
    HealthRecord,
    Participant,
    PickupContact,
    ReleasedDay,
    ReleasedSession,
    Room,
    ScheduleRelease,
    Session,
    StaffMembership,
    User,
    Workshop,
    WorkshopDay,
)
from workshop.offline import CLOCK_SLACK
from workshop.selectors import release_audience

RELEASED_FIELDS = releases.PLACE_FIELDS + releases.DETAIL_FIELDS


@transaction.atomic
def create_workshop(
    *,
    title: str,
    slug: str,
    venue: str,
    start_date: datetime.date,
    length_in_days: int = DEFAULT_WORKSHOP_DAYS,
    **fields,
) -> Workshop:
    """Create an edition with its days and the default stages, one stage in focus per day."""
    if length_in_days < 1:
        raise ValueError("A workshop lasts at least one day.")
    workshop = Workshop(
        title=title,
        slug=slug,
        venue=venue,
        start_date=start_date,
        end_date=start_date + datetime.timedelta(days=length_in_days - 1),
        **fields,
    )
    workshop.full_clean()
    workshop.save()
    stages = add_default_stages(workshop)
    WorkshopDay.objects.bulk_create(
        WorkshopDay(
            workshop=workshop,
            date=date,
            number=number,
            focus_stage=stages[number - 1] if number <= len(stages) else None,
        )
        for number, date in enumerate(workshop.dates(), start=1)
    )
    return workshop


@transaction.atomic
def publish_schedule(
    workshop: Workshop, *, by: User | None, name: str = "", comment: str = ""
) -> ScheduleRelease:
    """Freeze the working copy as the workshop's next release, which families read from now
    on; the first release also publishes the workshop (a later one leaves an unpublished
    workshop unpublished). A session gone from the working copy stays in the release,
    cancelled; every day's details (pickup, what to bring…) are frozen with it. With nothing
    changed since the latest release, that release is returned and nothing is written. Who
    is affected is worked out after the commit."""
    given, workshop = workshop, Workshop.objects.select_for_update().get(pk=workshop.pk)
    previous = workshop.latest_release
    before = releases.released(previous.sessions.with_details()) if previous else {}
    after = releases.working_copy(Session.objects.filter(day__workshop=workshop).with_details())
    days = list(workshop.days.with_latest_release())
    days_changed = releases.day_changes(
        releases.released_days(day.released_copy for day in days if day.released_copy),
        releases.working_days(days),
    )
    if previous and not releases.changes(before, after) and not days_changed:
        return previous  # a second click, or another organizer, released this already
    release = ScheduleRelease.objects.create(
        workshop=workshop,
        number=previous.number + 1 if previous else 1,
        name=name,
        comment=comment,
        published_by=by,
    )
    frozen = [
        _freeze(now, release, sequence=_sequence(before.get(key), now), cancelled=False)
        for key, now in after.items()
    ]
    for key, was in before.items():
        if key not in after:
            sequence = was.session.sequence + (0 if was.is_cancelled else 1)
            frozen.append(_freeze(was, release, sequence=sequence, cancelled=True))
    ReleasedSession.objects.bulk_create(row for row, _, _ in frozen)
    ReleasedSession.groups.through.objects.bulk_create(
        ReleasedSession.groups.through(releasedsession_id=row.pk, group_id=group_id)
        for row, group_ids, _ in frozen
        for group_id in group_ids
    )
    ReleasedSession.mentors.through.objects.bulk_create(
        ReleasedSession.mentors.through(releasedsession_id=row.pk, user_id=user_id)
        for row, _, mentor_ids in frozen
        for user_id in mentor_ids
    )
    ReleasedDay.objects.bulk_create(
        ReleasedDay(
            release=release, day=day, **{name: getattr(day, name) for name in releases.DAY_FIELDS}
        )
        for day in days
    )
    publish = previous is None
    for instance in (workshop, given):
        instance.latest_release = release
        instance.is_published = instance.is_published or publish
    workshop.save(update_fields=["latest_release", "is_published"])
    from workshop.tasks import count_release_audience

    count_release_audience.delay_on_commit(release.pk)
    return release


def _sequence(was: releases.Version | None, now: releases.Version) -> int:
    if was is None:
        return 0
    return was.session.sequence + (0 if was.same_as(now) else 1)


def _freeze(version: releases.Version, release, *, sequence: int, cancelled: bool):
    """A released copy of one version of a session (the working copy's, or an earlier
    release's), with its groups' and mentors' ids."""
    row = ReleasedSession(
        release=release,
        session_key=version.key,
        sequence=sequence,
        is_cancelled=cancelled,
        **{name: getattr(version.session, name) for name in RELEASED_FIELDS},
    )
    return row, version.group_ids, version.mentor_ids


def record_release_audience(*, release_id: int) -> None:
    """Count the guardians and mentors a release affects; running it twice changes nothing."""
    release = ScheduleRelease.objects.filter(pk=release_id).first()
    if release is None:
        return
    audience = release_audience(release)
    guardians = set(
        Guardian.objects.filter(
            user_id__in=audience, participant__workshop_id=release.workshop_id
        ).values_list("user_id", flat=True)
    )
    ScheduleRelease.objects.filter(pk=release_id).update(
        affected_guardians=len(guardians), affected_mentors=len(set(audience) - guardians)
    )


@transaction.atomic
def duplicate_session(session: Session) -> Session:
    """A copy of a session with its groups and mentors, at the same time and place: the
    organizer then moves it (the copy clashes with the original until they do)."""
    groups, mentors = list(session.groups.all()), list(session.mentors.all())
    copy = Session.objects.get(pk=session.pk)
    copy.pk = None
    copy._state.adding = True
    copy.title = str(_("%(title)s (copy)") % {"title": session.title})
    copy.save()
    copy.groups.set(groups)
    copy.mentors.set(mentors)
    return copy


@transaction.atomic
def copy_day_plan(source: WorkshopDay, *, to: WorkshopDay) -> list[Session]:
    """Copy every session of a day, with its groups and mentors, to an empty day of the same
    workshop. Stage work keeps its stage unless it was the source day's focus, which becomes
    the target day's. Refuses a day that already has sessions: nothing is overwritten."""
    if source.workshop_id != to.workshop_id or source.pk == to.pk:
        raise ValueError("A day's plan is copied to another day of the same workshop.")
    if to.sessions.exists():
        raise ValueError("The target day already has sessions.")
    sessions = list(source.sessions.prefetch_related("groups", "mentors"))
    copies = Session.objects.bulk_create(
        Session(
            day=to,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            title=session.title,
            description=session.description,
            kind=session.kind,
            stage_id=to.focus_stage_id
            if session.stage_id and session.stage_id == source.focus_stage_id
            else session.stage_id,
            room_id=session.room_id,
            for_all_groups=session.for_all_groups,
        )
        for session in sessions
    )
    Session.groups.through.objects.bulk_create(
        Session.groups.through(session_id=copy.pk, group_id=group.pk)
        for session, copy in zip(sessions, copies, strict=True)
        for group in session.groups.all()
    )
    Session.mentors.through.objects.bulk_create(
        Session.mentors.through(session_id=copy.pk, user_id=mentor.pk)
        for session, copy in zip(sessions, copies, strict=True)
        for mentor in session.mentors.all()
    )
    return copies


@dataclass(frozen=True)
class FittedDays:
    """What fitting a workshop's days to its dates did."""

    added: list[WorkshopDay]
    removed: list[WorkshopDay]
    renumbered: bool


@transaction.atomic
def save_workshop(workshop: Workshop, *, remove_days_left_out: bool = False) -> FittedDays:
    """Save a workshop and fit its days to its dates: a day for each new date, numbered with
    the others from the first date. Days the dates leave out are removed only when the caller
    says so and only if nothing is planned on them; otherwise ValueError and nothing is saved,
    so nothing is silently moved or deleted."""
    workshop.save()
    left_out = list(
        workshop.days.exclude(date__range=(workshop.start_date, workshop.end_date)).order_by(
            "number"
        )
    )
    if left_out:
        planned = (
            Session.objects.filter(day__in=left_out).exists()
            or ReleasedSession.objects.filter(day__in=left_out).exists()
            or ReleasedDay.objects.filter(day__in=left_out).exists()
        )
        if planned or not remove_days_left_out:
            raise ValueError("The new dates leave out days that are to be kept.")
        WorkshopDay.objects.filter(pk__in=[day.pk for day in left_out]).delete()
    have = set(workshop.days.values_list("date", flat=True))
    missing = [date for date in workshop.dates() if date not in have]
    if not (left_out or missing):
        return FittedDays(added=[], removed=[], renumbered=False)
    # Numbers are unique per workshop: park every day above any real number, then count
    # from the first date.
    parked = 1000
    workshop.days.update(number=F("number") + parked)
    added = WorkshopDay.objects.bulk_create(
        WorkshopDay(workshop=workshop, date=date, number=2 * parked + n)
        for n, date in enumerate(missing)
    )
    days = list(workshop.days.order_by("date"))
    renumbered = False
    for number, day in enumerate(days, start=1):
        was = day.number - parked if day.number < 2 * parked else None
        renumbered = renumbered or (was is not None and was != number)
        day.number = number
    WorkshopDay.objects.bulk_update(days, ["number"])
    by_pk = {day.pk: day for day in days}
    return FittedDays(
        added=[by_pk[day.pk] for day in added], removed=left_out, renumbered=renumbered
    )


@transaction.atomic
def new_edition(
    previous: Workshop, *, title: str, slug: str, start_date: datetime.date, by: User
) -> Workshop:
    """Next year's workshop from this one: the same venue, as many days with the same hours,
    notes and focus, the stages, rooms and groups (empty), and the session plan, day by day.
    Children, guardians, mentors and releases stay with the old edition; the organizer who
    makes it organizes the new one, unpublished until its first release."""
    workshop = Workshop(
        title=title,
        slug=slug,
        venue=previous.venue,
        venue_address=previous.venue_address,
        time_zone=previous.time_zone,
        reminder_time=previous.reminder_time,
        language=previous.language,
        start_date=start_date,
        end_date=start_date + (previous.end_date - previous.start_date),
    )
    workshop.full_clean()
    workshop.save()
    StaffMembership.objects.create(user=by, workshop=workshop, role=StaffMembership.Role.ORGANIZER)
    stages = {
        stage.pk: Stage(
            workshop=workshop,
            key=stage.key,
            name=stage.name,
            position=stage.position,
            colour=stage.colour,
        )
        for stage in previous.stages.all()
    }
    Stage.objects.bulk_create(stages.values())
    days = {
        day.pk: WorkshopDay(
            workshop=workshop,
            number=day.number,
            date=start_date + datetime.timedelta(days=day.number - 1),
            focus_stage=stages.get(day.focus_stage_id),
            doors_open=day.doors_open,
            pickup=day.pickup,
            what_to_bring=day.what_to_bring,
            family_notes=day.family_notes,
            what_to_bring_translations=day.what_to_bring_translations,
            family_notes_translations=day.family_notes_translations,
        )
        for day in previous.days.all()
    }
    WorkshopDay.objects.bulk_create(days.values())
    rooms = {
        room.pk: Room(
            workshop=workshop, name=room.name, capacity=room.capacity, directions=room.directions
        )
        for room in previous.rooms.all()
    }
    Room.objects.bulk_create(rooms.values())
    meeting_points = {day.pk: day.meeting_point_id for day in previous.days.all()}
    for pk, day in days.items():
        day.meeting_point = rooms.get(meeting_points[pk])
    WorkshopDay.objects.bulk_update(days.values(), ["meeting_point"])
    groups = {
        group.pk: Group(workshop=workshop, name=group.name, colour=group.colour)
        for group in previous.groups.all()
    }
    Group.objects.bulk_create(groups.values())
    Film.objects.bulk_create(Film(group=group) for group in groups.values())
    sessions = list(
        Session.objects.filter(day__workshop=previous).prefetch_related("groups").order_by("pk")
    )
    copies = Session.objects.bulk_create(
        Session(
            day=days[session.day_id],
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            title=session.title,
            title_translations=session.title_translations,
            description=session.description,
            kind=session.kind,
            stage=stages.get(session.stage_id),
            room=rooms.get(session.room_id),
            for_all_groups=session.for_all_groups,
        )
        for session in sessions
    )
    Session.groups.through.objects.bulk_create(
        Session.groups.through(session_id=copy.pk, group_id=groups[group.pk].pk)
        for session, copy in zip(sessions, copies, strict=True)
        for group in session.groups.all()
    )
    return workshop


@transaction.atomic
def record_consent(
    participant: Participant, *, media_consent: str, by: User, note: str = ""
) -> ConsentRecord:
    """Add to the child's consent history; the new record is the child's consent from now."""
    record = ConsentRecord.objects.create(
        participant=participant, media_consent=media_consent, recorded_by=by, note=note
    )
    Participant.objects.filter(pk=participant.pk).update(media_consent=media_consent)
    participant.media_consent = media_consent
    return record


@transaction.atomic
def save_child(participant: Participant, *, health: dict[str, str]) -> Participant:
    """Save a new or changed child with their health record (made on first need: a child
    with nothing to note has none)."""
    participant.save()
    if any(health.values()) or HealthRecord.objects.filter(participant=participant).exists():
        HealthRecord.objects.update_or_create(participant=participant, defaults=health)
    return participant


@transaction.atomic
def add_guardian(
    participant: Participant,
    *,
    email: str,
    first_name: str = "",
    last_name: str = "",
    phone: str = "",
    **link,
) -> Guardian:
    """Link a guardian to the child: the account with this e-mail address if there is one
    (its name and phone stay the account holder's), else a new account without a usable
    password, which its holder sets up through an invitation or a password reset."""
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, first_name=first_name, last_name=last_name, phone=phone
        )
    return Guardian.objects.create(user=user, participant=participant, **link)


# --- Attendance ---------------------------------------------------------------------------


class AttendanceRefused(ValueError):
    """A check-in or check-out that cannot be recorded; the message says why, to the user."""


def _moment_on(day: WorkshopDay, at: datetime.datetime | None) -> datetime.datetime:
    """When it happened: the phone's time (sent late when it was offline), else now. It must
    fall on the day, in the workshop's time zone, and not in the future."""
    now = timezone.now()
    at = at or now
    if at > now + CLOCK_SLACK or timezone.localdate(at, timezone=day.workshop.tz) != day.date:
        raise AttendanceRefused(_("Attendance is taken on the day itself."))
    return min(at, now)


def check_in(
    child: Participant,
    *,
    day: WorkshopDay,
    by: User,
    at: datetime.datetime | None = None,
    client_id: uuid.UUID | None = None,
) -> Attendance:
    """Record that the child arrived. Sent again with the same `client_id`, it records
    nothing more and returns the same attendance; a child already checked in keeps the
    first time."""
    if client_id is not None:
        sent = Attendance.objects.filter(check_in_id=client_id).first()
        if sent is not None:
            return _same_child(sent, child)
    moment = _moment_on(day, at)
    try:
        with transaction.atomic():
            attendance, _created = Attendance.objects.get_or_create(
                participant=child,
                day=day,
                defaults={"checked_in_at": moment, "checked_in_by": by, "check_in_id": client_id},
            )
    except IntegrityError:
        # The same id arrived twice at once: the other request recorded it.
        return _same_child(Attendance.objects.get(check_in_id=client_id), child)
    return attendance


def _same_child(attendance: Attendance, child: Participant) -> Attendance:
    if attendance.participant_id != child.pk:
        raise AttendanceRefused(_("This was already sent for another child."))
    return attendance


def check_out(
    child: Participant,
    *,
    day: WorkshopDay,
    by: User,
    pickup: Guardian | PickupContact | None = None,
    unlisted_name: str = "",
    at: datetime.datetime | None = None,
    client_id: uuid.UUID | None = None,
) -> Attendance:
    """Record that the child left, and with whom: a guardian who may pick up, an approved
    pickup contact, or (`unlisted_name`, once the caller had it confirmed) someone not on the
    list, which the workshop's organizers are told of at once. Sent again with the same
    `client_id`, it records nothing more."""
    if client_id is not None:
        sent = Attendance.objects.filter(check_out_id=client_id).first()
        if sent is not None:
            return _same_child(sent, child)
    unlisted_name = unlisted_name.strip()
    if pickup is None and not unlisted_name:
        raise AttendanceRefused(_("Choose who picked the child up."))
    if isinstance(pickup, Guardian) and not (
        pickup.participant_id == child.pk and pickup.may_pick_up
    ):
        raise AttendanceRefused(_("This guardian is not on the child's pickup list."))
    if isinstance(pickup, PickupContact) and not (
        pickup.participant_id == child.pk and pickup.kind == PickupContact.Kind.PICKUP
    ):
        raise AttendanceRefused(_("This person is not on the child's pickup list."))
    attendance = Attendance.objects.filter(participant=child, day=day).first()
    if attendance is None:
        raise AttendanceRefused(
            _("%(child)s is not checked in on this day.") % {"child": child.full_name}
        )
    if attendance.is_checked_out:
        raise AttendanceRefused(
            _("%(child)s has already left with %(name)s.")
            % {"child": child.full_name, "name": attendance.picked_up_by_name}
        )
    moment = max(_moment_on(day, at), attendance.checked_in_at)
    if isinstance(pickup, Guardian):
        name = pickup.user.display_name
    elif isinstance(pickup, PickupContact):
        name = pickup.name
    else:
        name = unlisted_name
    with transaction.atomic():
        # Claimed with a conditional update: of two phones checking the child out, one wins.
        claimed = Attendance.objects.filter(pk=attendance.pk, checked_out_at=None).update(
            checked_out_at=moment,
            checked_out_by=by,
            check_out_id=client_id,
            picked_up_by_guardian=pickup if isinstance(pickup, Guardian) else None,
            picked_up_by_contact=pickup if isinstance(pickup, PickupContact) else None,
            picked_up_by_name=name,
            picked_up_unlisted=pickup is None,
        )
        if claimed != 1:
            attendance.refresh_from_db()
            raise AttendanceRefused(
                _("%(child)s has already left with %(name)s.")
                % {"child": child.full_name, "name": attendance.picked_up_by_name}
            )
        if pickup is None:
            # Robust: a mail server that fails must not undo or hide what was recorded.
            transaction.on_commit(
                lambda: tell_organizers_of_unlisted_pickup(attendance.pk), robust=True
            )
    attendance.refresh_from_db()
    return attendance


UNDO_CHECK_IN, UNDO_CHECK_OUT = "check-in", "check-out"


def undo_attendance(child: Participant, *, day: WorkshopDay, undo: str) -> None:
    """Take back a mistaken tap, on the day itself: `undo` names the tap the mentor saw last
    on the child's card. Undoing the check-out has the child here again; undoing the
    check-in, not checked in. The record is the authority: sent again (or after another
    phone did it), an undo finds it done and changes nothing, and a check-in is not undone
    once the child has left (the check-out must be undone first)."""
    if day.date != day.workshop.local_today():
        raise AttendanceRefused(_("Attendance is taken on the day itself."))
    if undo not in (UNDO_CHECK_IN, UNDO_CHECK_OUT):
        raise AttendanceRefused(_("Choose the check-in or the check-out to undo."))
    with transaction.atomic():
        attendance = (
            Attendance.objects.select_for_update().filter(participant=child, day=day).first()
        )
        if undo == UNDO_CHECK_OUT:
            if attendance is None:
                raise AttendanceRefused(
                    _("%(child)s is not checked in on this day.") % {"child": child.full_name}
                )
            Attendance.objects.filter(pk=attendance.pk).update(
                checked_out_at=None,
                checked_out_by=None,
                check_out_id=None,
                picked_up_by_guardian=None,
                picked_up_by_contact=None,
                picked_up_by_name="",
                picked_up_unlisted=False,
            )
        elif attendance is not None:
            if attendance.is_checked_out:
                raise AttendanceRefused(
                    _("%(child)s has already left: undo the check-out first.")
                    % {"child": child.full_name}
                )
            attendance.delete()


def tell_organizers_of_unlisted_pickup(attendance_id: int) -> None:
    """An e-mail to each organizer of the workshop, in their language: a child left with
    someone not on their pickup list."""
    attendance = Attendance.objects.select_related(
        "participant__workshop", "day", "checked_out_by"
    ).get(pk=attendance_id)
    workshop = attendance.participant.workshop
    organizers = User.objects.filter(
        staff_memberships__workshop=workshop, staff_memberships__role=access.ORGANIZER
    ).distinct()
    left_at = timezone.localtime(attendance.checked_out_at, workshop.tz)
    for organizer in organizers:
        with translation.override(organizer.language or None):
            params = {
                "child": attendance.participant.full_name,
                "name": attendance.picked_up_by_name,
                "time": f"{left_at:%H:%M}",
                "day": attendance.day.number,
                "mentor": attendance.checked_out_by.display_name
                if attendance.checked_out_by
                else "—",
                "workshop": workshop.title,
            }
            send_mail(
                _("%(child)s left with someone not on the pickup list") % params,
                _(
                    "%(child)s (%(workshop)s, day %(day)s) left at %(time)s with %(name)s, "
                    "who is not on the child's pickup list. %(mentor)s recorded it after "
                    "confirming the name."
                )
                % params,
                None,
                [organizer.email],
            )
