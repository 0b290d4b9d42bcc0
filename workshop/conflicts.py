"""What a schedule may hold but an organizer should see before releasing it (a mentor in two
places at once, a room too small for its groups' children, a group with no session for the
day's focus stage, a child without a group): saved and flagged, never refused. And what it may
not hold (`clashes`: a room or a group in two places at once): refused by the session form.

Pure functions over a workshop's sessions (read with `with_details()`), its groups' mentors
and sizes: a fixed number of queries in `schedule_warnings`, whatever the size of the week.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from groups.models import Group
from workshop.models import Participant, Session, Workshop


@dataclass(frozen=True)
class ScheduleWarning:
    kind: str
    message: str
    day_number: int | None = None
    # The sessions it is about, for the planner to flag.
    session_ids: tuple[int, ...] = ()


def groups_with_sizes(workshop: Workshop) -> list[Group]:
    """The workshop's groups as the checks read them: with their size and their mentors."""
    return list(
        Group.objects.filter(workshop=workshop)
        .annotate(size=Count("memberships"))
        .prefetch_related("mentors")
        .order_by("name")
    )


def children_counts(workshop: Workshop) -> dict[str, int]:
    """How many children the workshop has ("children"), and how many have no group yet
    ("without_group")."""
    return Participant.objects.filter(workshop=workshop).aggregate(
        children=Count("id"), without_group=Count("id", filter=Q(membership__isnull=True))
    )


def schedule_warnings(
    workshop: Workshop, *, days=None, sessions=None, groups=None, counts=None
) -> list[ScheduleWarning]:
    """What to look at in the workshop's plan, or only on some of its days (every warning
    but children without a group is about one day). `sessions`: those days' sessions, read
    already with `with_details()`; `groups`: read already with `groups_with_sizes()`;
    `counts`: read already with `children_counts()`."""
    if sessions is None:
        sessions = Session.objects.filter(day__workshop=workshop)
        if days is not None:
            sessions = sessions.filter(day__in=days)
        sessions = list(sessions.with_details().order_by("day__date", "starts_at", "title"))
    if groups is None:
        groups = groups_with_sizes(workshop)
    if counts is None:
        counts = children_counts(workshop)
    if days is None:
        days = workshop.days.select_related("focus_stage")
    days = sorted(days, key=lambda day: day.number)
    return [
        *children_without_a_group(counts["without_group"]),
        *mentors_in_two_places(sessions, groups),
        *rooms_over_capacity(sessions, groups, children=counts["children"]),
        *groups_missing_their_focus_stage(sessions, groups, days),
        *sessions_outside_their_day_warnings(sessions),
    ]


def children_without_a_group(count: int) -> list[ScheduleWarning]:
    if not count:
        return []
    message = ngettext(
        "%(count)s child has no group, so no group session reaches them.",
        "%(count)s children have no group, so no group session reaches them.",
        count,
    ) % {"count": count}
    return [ScheduleWarning("no_group", message)]


def mentor_ids_of_groups(groups) -> dict[int, set[int]]:
    return {group.pk: {mentor.pk for mentor in group.mentors.all()} for group in groups}


def session_mentor_ids(session, mentors_of_group: dict[int, set[int]]) -> set[int]:
    """A session's mentors are its own plus its groups' mentors."""
    ids = {mentor.pk for mentor in session.mentor_list}
    for group in session.group_list:
        ids |= mentors_of_group.get(group.pk, set())
    return ids


def mentors_in_two_places(sessions, groups) -> list[ScheduleWarning]:
    mentors_of_group = mentor_ids_of_groups(groups)
    by_day = defaultdict(list)
    for session in sessions:
        by_day[session.day_id].append((session, session_mentor_ids(session, mentors_of_group)))
    overlaps = []
    for day_sessions in by_day.values():
        # A sweep in time order: each session is compared only with those still running.
        day_sessions.sort(key=lambda pair: pair[0].starts_at)
        running = []
        for second, second_mentors in day_sessions:
            running = [pair for pair in running if pair[0].ends_at > second.starts_at]
            for first, first_mentors in running:
                overlaps.extend(
                    (first, second, mentor_id)
                    for mentor_id in sorted(first_mentors & second_mentors)
                )
            running.append((second, second_mentors))
    if not overlaps:
        return []
    names = {mentor.pk: mentor.display_name for group in groups for mentor in group.mentors.all()}
    for session in sessions:
        names |= {mentor.pk: mentor.display_name for mentor in session.mentor_list}
    found = []
    for first, second, mentor_id in overlaps:
        message = _(
            "%(mentor)s is in two places at once on day %(day)s: “%(first)s” and “%(second)s”."
        ) % {
            "mentor": names.get(mentor_id, "?"),
            "day": first.day.number,
            "first": first,
            "second": second,
        }
        found.append(
            ScheduleWarning("mentor_overlap", message, first.day.number, (first.pk, second.pk))
        )
    return found


def rooms_over_capacity(sessions, groups, *, children: int) -> list[ScheduleWarning]:
    size_of_group = {group.pk: group.size for group in groups}
    found = []
    for session in sessions:
        if session.room is None:
            continue
        if session.for_all_groups:
            expected = children
        else:
            expected = sum(size_of_group.get(group.pk, 0) for group in session.group_list)
        if expected > session.room.capacity:
            message = _(
                "%(room)s holds %(capacity)s, but “%(session)s” on day %(day)s brings "
                "%(children)s children."
            ) % {
                "room": session.room.name,
                "capacity": session.room.capacity,
                "session": session,
                "day": session.day.number,
                "children": expected,
            }
            found.append(
                ScheduleWarning("room_capacity", message, session.day.number, (session.pk,))
            )
    return found


def groups_missing_their_focus_stage(sessions, groups, days) -> list[ScheduleWarning]:
    """On a day with a stage in focus, each group needs a session of that stage (its own, or
    one for everyone)."""
    covered = defaultdict(set)
    everyone = set()
    for session in sessions:
        if session.stage_id is None:
            continue
        if session.for_all_groups:
            everyone.add((session.day_id, session.stage_id))
        for group in session.group_list:
            covered[session.day_id, session.stage_id].add(group.pk)
    found = []
    for day in days:
        stage = day.focus_stage
        if stage is None or (day.pk, stage.pk) in everyone:
            continue
        for group in groups:
            if group.pk not in covered[day.pk, stage.pk]:
                message = _("The %(group)s group has no %(stage)s session on day %(day)s.") % {
                    "group": group.name,
                    "stage": stage.label,
                    "day": day.number,
                }
                found.append(ScheduleWarning("focus_stage", message, day.number))
    return found


def clashes(
    *,
    title: str,
    day,
    starts_at,
    ends_at,
    room,
    group_ids: set[int],
    for_all_groups: bool,
    exclude_pk=None,
    day_sessions: list[Session] | None = None,
) -> list[str]:
    """Why a session cannot be saved as planned: its room, or one of its groups, is already
    somewhere else at that time. Each message names both sessions. `day_sessions`: the day's
    sessions read already with their `group_list` (else they are read here)."""
    if day is None or starts_at is None or ends_at is None:
        return []
    session = f"{title} ({starts_at:%H:%M}–{ends_at:%H:%M})"
    if day_sessions is None:
        others = list(
            Session.objects.filter(day=day, starts_at__lt=ends_at, ends_at__gt=starts_at)
            .exclude(pk=exclude_pk)
            .select_related("room")
        )
        # Only the groups' ids are compared: read from the many-to-many rows, no Group made.
        groups_of = defaultdict(set)
        for session_id, group_id in Session.groups.through.objects.filter(
            session_id__in=[other.pk for other in others]
        ).values_list("session_id", "group_id"):
            groups_of[session_id].add(group_id)
    else:
        others = [
            other
            for other in day_sessions
            if other.pk != exclude_pk and other.starts_at < ends_at and other.ends_at > starts_at
        ]
        groups_of = {other.pk: {group.pk for group in other.group_list} for other in others}
    messages = []
    for other in others:
        if room is not None and other.room_id == room.pk:
            messages.append(
                _("“%(session)s” cannot be in %(room)s: it is already taken then by “%(other)s”.")
                % {"session": session, "room": room.name, "other": other}
            )
        other_groups = groups_of.get(other.pk, set())
        if for_all_groups or other.for_all_groups:
            shared = bool(group_ids or for_all_groups) and bool(
                other_groups or other.for_all_groups
            )
        else:
            shared = bool(group_ids & other_groups)
        if shared:
            messages.append(
                _("“%(session)s” cannot be then: some of its groups are already in “%(other)s”.")
                % {"session": session, "other": other}
            )
    return messages


def sessions_outside_their_day(sessions) -> list[Session]:
    """The sessions that start before their day's doors open or end after its pickup, as
    `Session.clean` refuses them: left behind when a day's hours change. Read the sessions
    with their day."""
    return [
        session
        for session in sessions
        if session.starts_at < session.day.doors_open or session.ends_at > session.day.pickup
    ]


def sessions_outside_their_day_warnings(sessions) -> list[ScheduleWarning]:
    found = []
    for session in sessions_outside_their_day(sessions):
        day = session.day
        message = _(
            "“%(session)s” no longer fits day %(day)s, which runs from %(doors_open)s to "
            "%(pickup)s."
        ) % {
            "session": session,
            "day": day.number,
            "doors_open": day.doors_open.strftime("%H:%M"),
            "pickup": day.pickup.strftime("%H:%M"),
        }
        found.append(ScheduleWarning("outside_day", message, day.number, (session.pk,)))
    return found
