"""The planner: the working copy of a workshop's schedule as a time grid for its staff.

Columns are the workshop's days (or, for one day, its rooms); rows are five-minute slots.
Sessions that overlap in a column share its width in lanes, the way a calendar lays out a
busy afternoon. Each session carries the soft conflicts it takes part in (a mentor in two
places, a room too small, …) so the grid can flag them. Reads are a fixed number of queries
whatever the size of the week; the layout is plain arithmetic on the sessions read.
"""

import datetime
import functools
from dataclasses import dataclass, field, replace

from django.urls import reverse
from django.utils.translation import gettext as _

from groups.models import Group
from projects.models import Stage
from workshop.conflicts import (
    ScheduleWarning,
    children_counts,
    groups_with_sizes,
    mentor_ids_of_groups,
    schedule_warnings,
    session_mentor_ids,
)
from workshop.models import Room, Session, User, Workshop, WorkshopDay

SLOT_MINUTES = 5
# The planner's stylesheet has placement classes for this many rows and lanes; a column is
# split into LANE_UNITS so that 1 to 6 lanes (and 10, 12) divide it exactly.
MAX_ROWS = 18 * 60 // SLOT_MINUTES
LANE_UNITS = 60


@functools.cache
def _url_pattern(name: str) -> str:
    return reverse(name, args=[0]).replace("/0/", "/{}/")


def session_url(name: str, pk: int) -> str:
    """A session's URL by name, without resolving the URLconf for each of hundreds of blocks."""
    return _url_pattern(name).format(pk)


def minutes(time: datetime.time) -> int:
    return time.hour * 60 + time.minute


def clock(total_minutes: int) -> str:
    return f"{total_minutes // 60:02d}:{total_minutes % 60:02d}"


@dataclass
class Block:
    """A session placed in its column: rows from the top of the grid, lanes across."""

    session: Session
    row: int
    rows: int
    lane: int = 0
    lanes: int = 1
    warnings: list[str] = field(default_factory=list)
    # A class giving the block its stage's or first group's colour (see `colour_styles`).
    colour: str = ""

    @property
    def column_start(self) -> int:
        return 1 + self.lane * LANE_UNITS // self.lanes

    @property
    def column_span(self) -> int:
        return max(
            1, (self.lane + 1) * LANE_UNITS // self.lanes - self.lane * LANE_UNITS // self.lanes
        )

    @property
    def times(self) -> str:
        return f"{self.session.starts_at:%H:%M}–{self.session.ends_at:%H:%M}"

    @property
    def move_url(self) -> str:
        return session_url("session_move", self.session.pk)

    @property
    def edit_url(self) -> str:
        return session_url("session_edit", self.session.pk)

    @property
    def shape(self) -> str:
        """A class for blocks too short for two lines, or too narrow for long words."""
        shapes = []
        if self.rows <= 4:
            shapes.append("is-short")
        if self.lanes >= 3:
            shapes.append("is-narrow")
        return " ".join(shapes)

    @property
    def starts(self) -> int:
        return minutes(self.session.starts_at)

    @property
    def ends(self) -> int:
        return minutes(self.session.ends_at)


@dataclass
class Column:
    key: str
    day: WorkshopDay
    heading: str
    room: Room | None = None
    blocks: list[Block] = field(default_factory=list)
    # Rows outside the day's hours (before the doors open, after pickup), shaded.
    closed_before: int = 0
    closed_after: int = 0
    closed_after_row: int = 0
    lanes: int = 1
    # The planner of this column's day alone, keeping the view's group, room or mentor.
    day_query: str = ""


@dataclass
class Grid:
    first_minute: int
    rows: int
    columns: list[Column]
    warnings: list[ScheduleWarning]

    @property
    def hours(self) -> list[tuple[int, str]]:
        """Each full hour's row and label, for the time ruler."""
        first_hour = -(-self.first_minute // 60)
        last_minute = self.first_minute + self.rows * SLOT_MINUTES
        return [
            (1 + (hour * 60 - self.first_minute) // SLOT_MINUTES, clock(hour * 60))
            for hour in range(first_hour, last_minute // 60 + (last_minute % 60 > 0))
            if hour * 60 < last_minute
        ]

    @property
    def flagged(self) -> int:
        return sum(1 for column in self.columns for block in column.blocks if block.warnings)


def lay_out_lanes(blocks: list[Block]) -> None:
    """Give overlapping blocks side-by-side lanes: each cluster of blocks that overlap one
    another shares the width, and a block alone in its time takes all of it."""
    blocks.sort(key=lambda block: (block.starts, -block.ends, block.session.title))
    cluster: list[Block] = []
    lane_ends: list[int] = []
    cluster_end = -1

    def close_cluster():
        for block in cluster:
            block.lanes = len(lane_ends)

    for block in blocks:
        if cluster and block.starts >= cluster_end:
            close_cluster()
            cluster, lane_ends = [], []
        free = next((lane for lane, end in enumerate(lane_ends) if end <= block.starts), None)
        if free is None:
            lane_ends.append(block.ends)
            free = len(lane_ends) - 1
        else:
            lane_ends[free] = block.ends
        block.lane = free
        cluster.append(block)
        cluster_end = max(cluster_end, block.ends)
    close_cluster()


@dataclass(frozen=True)
class PlannerView:
    """What the planner shows: the whole workshop, or one group, room or mentor; all days or
    one (then its rooms are the columns)."""

    group: Group | None = None
    room: Room | None = None
    mentor: User | None = None
    day: WorkshopDay | None = None
    # "stage" or "group": what gives the blocks their colour.
    colour_by: str = "stage"

    def colour_of(self, session: Session) -> str:
        if self.colour_by == "group":
            if session.for_all_groups:
                return ""
            groups = session.group_list
            return f"colour-group-{groups[0].pk}" if groups else ""
        return f"colour-stage-{session.stage_id}" if session.stage_id else ""

    def shows(self, session: Session, mentors_of_group: dict[int, set[int]]) -> bool:
        """Whether the session belongs in this view (read with its groups)."""
        if self.room is not None and session.room_id != self.room.pk:
            return False
        groups = session.group_list
        if self.group is not None and not (
            session.for_all_groups or any(group.pk == self.group.pk for group in groups)
        ):
            return False
        if self.mentor is None or session.for_all_groups:
            return True
        return self.mentor.pk in session_mentor_ids(session, mentors_of_group)

    @property
    def day_only_query(self) -> str:
        return f"day={self.day.number}" if self.day else ""

    @property
    def query(self) -> str:
        parts = []
        for name, chosen in [
            ("group", self.group),
            ("room", self.room),
            ("mentor", self.mentor),
        ]:
            if chosen is not None:
                parts.append(f"{name}={chosen.pk}")
        if self.day is not None:
            parts.append(f"day={self.day.number}")
        if self.colour_by != "stage":
            parts.append(f"colour={self.colour_by}")
        return "&".join(parts)


def planner_choices(workshop: Workshop) -> dict:
    """The groups, rooms, mentors and days one may pick a view of, and the stages (the
    blocks' colours). The groups come with their sizes and mentors, and the children are
    counted, for the flags."""
    return {
        "children_counts": children_counts(workshop),
        "groups": groups_with_sizes(workshop),
        "rooms": list(workshop.rooms.order_by("name")),
        "mentors": list(
            User.objects.filter(staff_memberships__workshop=workshop)
            .distinct()
            .order_by("last_name", "first_name")
        ),
        "days": list(workshop.days.select_related("focus_stage").order_by("number")),
        "stages": list(workshop.stages.order_by("position")),
    }


def choose_view(choices: dict, params) -> PlannerView:
    """The view the query string asks for; anything unknown or foreign is ignored."""

    def pick(name, items, attribute="pk"):
        value = params.get(name, "")
        if not value.isdigit():
            return None
        return next((item for item in items if getattr(item, attribute) == int(value)), None)

    return PlannerView(
        group=pick("group", choices["groups"]),
        room=pick("room", choices["rooms"]),
        mentor=pick("mentor", choices["mentors"]),
        day=pick("day", choices["days"], "number"),
        colour_by="group" if params.get("colour") == "group" else "stage",
    )


def planner_grid(
    workshop: Workshop,
    view: PlannerView,
    *,
    days: list[WorkshopDay],
    rooms: list[Room],
    groups: list[Group],
    stages: list[Stage],
    mentors: list[User],
    children_counts: dict[str, int],
    only_days: list[WorkshopDay] | None = None,
    sessions: list[Session] | None = None,
) -> Grid:
    """The grid of the view; with `only_days`, only those days' columns (what a move
    changed: every flag is about one day), on the same rows as the whole grid. `days`,
    `rooms`, `groups`, `stages`, `mentors` and `children_counts` as `planner_choices` reads
    them; `sessions`: those of the days shown, when `planner_sessions` has read them."""
    shown_days = [view.day] if view.day is not None else days
    read_days = only_days if only_days is not None and view.day is None else shown_days
    if sessions is None:
        sessions = planner_sessions(
            read_days, days=days, rooms=rooms, stages=stages, groups=groups, mentors=mentors
        )
    else:
        read_ids = {day.pk for day in read_days}
        sessions = [session for session in sessions if session.day_id in read_ids]
        sessions.sort(key=lambda session: (session.starts_at, session.title))
    warnings = schedule_warnings(
        workshop, days=read_days, sessions=sessions, groups=groups, counts=children_counts
    )
    warnings_of = {}
    for warning in warnings:
        for session_id in warning.session_ids:
            warnings_of.setdefault(session_id, []).append(warning.message)
    mentors_of_group = mentor_ids_of_groups(groups)
    sessions = [session for session in sessions if view.shows(session, mentors_of_group)]

    if view.day is None:
        columns = _day_columns(read_days, sessions)
    else:
        columns = _room_columns(view.day, sessions, [view.room] if view.room else rooms)
    first = min(minutes(day.doors_open) for day in shown_days) // 60 * 60
    last = -(-max(minutes(day.pickup) for day in shown_days) // 60) * 60
    rows = min(MAX_ROWS, (last - first) // SLOT_MINUTES)

    def row_of(minute: int) -> int:
        return min(rows, max(0, (minute - first) // SLOT_MINUTES))

    for column in columns:
        for block in column.blocks:
            block.row = 1 + row_of(block.starts)
            block.rows = max(
                1, min(rows + 1 - block.row, (block.ends - block.starts) // SLOT_MINUTES)
            )
            block.warnings = warnings_of.get(block.session.pk, [])
            block.colour = view.colour_of(block.session)
        lay_out_lanes(column.blocks)
        column.lanes = max((block.lanes for block in column.blocks), default=1)
        column.closed_before = row_of(minutes(column.day.doors_open))
        column.closed_after = rows - row_of(minutes(column.day.pickup))
        column.closed_after_row = rows - column.closed_after + 1
        column.day_query = replace(view, day=column.day).query
    return Grid(first_minute=first, rows=rows, columns=columns, warnings=warnings)


def planner_sessions(
    read_days: list[WorkshopDay], *, days, rooms, stages, groups, mentors
) -> list[Session]:
    """The sessions of some days, in time order, each with its day, room, stage, groups and
    mentors as `planner_choices` read them: one shared object each, not one per session."""
    sessions = list(Session.objects.filter(day__in=read_days).order_by("starts_at", "title"))
    days_by_id = {day.pk: day for day in days}
    rooms_by_id = {room.pk: room for room in rooms}
    stages_by_id = {stage.pk: stage for stage in stages}
    for session in sessions:
        session.day = days_by_id[session.day_id]
        session.room = rooms_by_id.get(session.room_id)
        session.stage = stages_by_id.get(session.stage_id)
    attach_groups_and_mentors(sessions, groups=groups, mentors=mentors)
    return sessions


def attach_groups_and_mentors(sessions: list[Session], *, groups: list[Group], mentors: list[User]):
    """Set each session's `group_list` and `mentor_list` from the many-to-many rows alone,
    using the groups and mentors read already: no model instance is made twice. A session's
    mentor who is not on the workshop's staff (left it since) is read apart."""
    groups_by_id = {group.pk: group for group in groups}
    mentors_by_id = {mentor.pk: mentor for mentor in mentors}
    by_id = {session.pk: session for session in sessions}
    for session in sessions:
        session.group_list, session.mentor_list = [], []
    group_rows = Session.groups.through.objects.filter(session_id__in=by_id).values_list(
        "session_id", "group_id"
    )
    for session_id, group_id in group_rows:
        by_id[session_id].group_list.append(groups_by_id[group_id])
    mentor_rows = list(
        Session.mentors.through.objects.filter(session_id__in=by_id).values_list(
            "session_id", "user_id"
        )
    )
    missing = {user_id for _, user_id in mentor_rows} - mentors_by_id.keys()
    if missing:
        mentors_by_id |= User.objects.in_bulk(missing)
    for session_id, user_id in mentor_rows:
        by_id[session_id].mentor_list.append(mentors_by_id[user_id])
    for session in sessions:
        session.group_list.sort(key=lambda group: group.name)


def _day_columns(days: list[WorkshopDay], sessions: list[Session]) -> list[Column]:
    columns = {day.pk: Column(key=f"day-{day.number}", day=day, heading="") for day in days}
    for session in sessions:
        columns[session.day_id].blocks.append(Block(session, 0, 0))
    return list(columns.values())


def _room_columns(day: WorkshopDay, sessions: list[Session], rooms: list[Room]) -> list[Column]:
    """One day, a column per room, and one for sessions without a room when there are any."""
    columns = {
        room.pk: Column(key=f"room-{room.pk}", day=day, heading=room.name, room=room)
        for room in rooms
    }
    if not columns or any(session.room_id is None for session in sessions):
        columns[None] = Column(key="room-none", day=day, heading=_("No room"))
    for session in sessions:
        columns[session.room_id].blocks.append(Block(session, 0, 0))
    return list(columns.values())
