"""Call sheets: one workshop day on paper, as film crews use them.

Two versions of one sheet. The staff's (organizers and the workshop's mentors) has the
working copy of the day, every room's sessions, every group with its mentors and children,
and the children's health records as each reader may read them, through the audited
`health_records_for`: allergies for the whole staff (meals are shared), medical notes and
emergency contacts for organizers and the child's group's own mentors. The family's has the
day as last released and only the reader's own children, each with their group's name,
mentors and sessions: no other child is read, so none can be shown.

Each sheet is read in a fixed number of queries however many groups, children or sessions
the day holds."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from groups.models import Group
from workshop.access import can_see_health_notes, is_staff_of, roles_of
from workshop.models import (
    HealthRecordRead,
    Participant,
    ReleasedDay,
    ReleasedSession,
    Room,
    Session,
    StaffMembership,
    Workshop,
    WorkshopDay,
)
from workshop.selectors import HealthView, day_sessions, health_records_for

STAFF, FAMILY = "staff", "family"
PAGE = HealthRecordRead.Page.CALL_SHEET


@dataclass
class RoomPlan:
    """A room's sessions of the day, in time order; `room` is None for those without one."""

    room: Room | None
    sessions: list[Session | ReleasedSession] = field(default_factory=list)


@dataclass
class ChildLine:
    """A child on the sheet; `health` is what the reader may read of their record (None:
    nothing, as on the family's sheet)."""

    child: Participant
    health: HealthView | None = None


@dataclass
class GroupSheet:
    """A group's part of the sheet: on the staff's, all its children; on a family's, only the
    reader's own. `group` is None for children without a group. `shows_health_notes`: whether
    the reader may read its children's medical notes and emergency contacts."""

    group: Group | None
    sessions: list[Session | ReleasedSession]
    children: list[ChildLine]
    shows_health_notes: bool = False

    @property
    def mentors(self):
        return self.group.mentors.all() if self.group else []


@dataclass
class CallSheet:
    workshop: Workshop
    day: WorkshopDay
    details: WorkshopDay | ReleasedDay
    version: str
    rooms: list[RoomPlan]
    groups: list[GroupSheet]
    organizers: list
    # The health reads the sheet shows (child id → workshop id and scope): written again to
    # the audit each time a cached rendering of the sheet is served.
    reads: dict[int, tuple[int, str]] = field(default_factory=dict)

    @property
    def is_staff_version(self) -> bool:
        return self.version == STAFF

    @property
    def allergies(self) -> list[tuple[ChildLine, Group | None]]:
        """Every child with an allergy, and their group: for the meals."""
        return [
            (line, sheet.group)
            for sheet in self.groups
            for line in sheet.children
            if line.health and line.health.allergies
        ]


def versions_for(user, day: WorkshopDay) -> list[str]:
    """The versions of the day's sheet this user may read, the first one the default: the
    staff's for the workshop's staff, the family's for guardians of one of its children once
    the workshop is published and its latest release holds the day (one query, for them
    only). `day` comes with its workshop."""
    versions = []
    if is_staff_of(user, day.workshop_id):
        versions.append(STAFF)
    if (
        day.workshop.is_published
        and day.workshop_id in roles_of(user).family_workshops
        and _released_copy(day).exists()
    ):
        versions.append(FAMILY)
    return versions


def _released_copy(day: WorkshopDay):
    return ReleasedDay.objects.filter(release_id=day.workshop.latest_release_id, day=day)


def call_sheet(day: WorkshopDay, user, *, version: str) -> CallSheet:
    """The day's sheet in one of `versions_for(user, day)`; `day` comes with its workshop and
    its focus stage."""
    if version == STAFF:
        return _staff_sheet(day, user)
    return _family_sheet(day, user)


def _by_room(sessions) -> list[RoomPlan]:
    """The sessions by room, rooms by name, sessions without a room last."""
    rooms: dict[int | None, RoomPlan] = {}
    for session in sessions:
        rooms.setdefault(session.room_id, RoomPlan(session.room)).sessions.append(session)
    return sorted(
        rooms.values(), key=lambda plan: (plan.room is None, plan.room.name if plan.room else "")
    )


def _sessions_of(group: Group | None, sessions) -> list:
    """A group's sessions and everyone's (only everyone's for children without a group)."""
    return [
        session
        for session in sessions
        if session.for_all_groups
        or (group is not None and any(g.pk == group.pk for g in session.groups.all()))
    ]


def _organizers(workshop: Workshop) -> list:
    memberships = (
        StaffMembership.objects.filter(workshop=workshop, role=StaffMembership.Role.ORGANIZER)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
    return [membership.user for membership in memberships]


def _staff_sheet(day: WorkshopDay, user) -> CallSheet:
    """The working copy of the day with every group and child of the workshop: its staff
    work the day together, so each of them gets the whole sheet, health records aside."""
    workshop = day.workshop
    sessions = day_sessions(day, user)
    groups = list(
        Group.objects.filter(workshop=workshop).prefetch_related("mentors").order_by("name")
    )
    children = list(Participant.objects.filter(workshop=workshop).select_related("membership"))
    health = health_records_for(user, children, page=PAGE)
    by_group = defaultdict(list)
    for child in children:
        by_group[child.group_id].append(ChildLine(child, health.get(child.pk)))
    sheets = [
        GroupSheet(
            group,
            _sessions_of(group, sessions),
            by_group[group.pk],
            shows_health_notes=can_see_health_notes(user, workshop.pk, group.pk),
        )
        for group in groups
    ]
    if by_group[None]:
        sheets.append(
            GroupSheet(
                None,
                _sessions_of(None, sessions),
                by_group[None],
                shows_health_notes=can_see_health_notes(user, workshop.pk, None),
            )
        )
    return CallSheet(
        workshop=workshop,
        day=day,
        details=day,
        version=STAFF,
        rooms=_by_room(sessions),
        groups=sheets,
        organizers=_organizers(workshop),
        reads={
            pk: (
                workshop.pk,
                HealthRecordRead.Scope.FULL if view.full else HealthRecordRead.Scope.ALLERGIES,
            )
            for pk, view in health.items()
            if view.shows_something
        },
    )


def _family_sheet(day: WorkshopDay, user) -> CallSheet:
    """The day as last released, for the reader's own children only: their groups (name and
    mentors, never the other children), their groups' sessions and everyone's."""
    workshop = day.workshop
    own = list(
        Participant.objects.filter(id__in=roles_of(user).children, workshop=workshop)
        .select_related("membership__group")
        .prefetch_related("membership__group__mentors")
        .order_by("birth_date")
    )
    groups = {child.group_id: child.group for child in own}
    in_groups = ReleasedSession.groups.through.objects.filter(
        group_id__in=[pk for pk in groups if pk is not None]
    ).values("releasedsession_id")
    sessions = list(
        ReleasedSession.objects.visible_to(user)
        .current()
        .for_day(day)
        .filter(Q(for_all_groups=True) | Q(id__in=in_groups))
        .with_details()
        .order_by("starts_at", "title")
    )
    sheets = [
        GroupSheet(
            group,
            _sessions_of(group, sessions),
            [ChildLine(child) for child in own if child.group_id == pk],
        )
        for pk, group in sorted(
            groups.items(), key=lambda item: (item[1] is None, item[1].name if item[1] else "")
        )
    ]
    return CallSheet(
        workshop=workshop,
        day=day,
        details=_released_copy(day).select_related("focus_stage", "meeting_point").get(),
        version=FAMILY,
        rooms=_by_room(sessions),
        groups=sheets,
        organizers=_organizers(workshop),
    )
