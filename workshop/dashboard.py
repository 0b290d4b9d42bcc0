"""The organizer's dashboard: a workshop day at a glance. Now and next in each room, the
production board (a row per group, a column per stage, with where a group is behind plan)
and what to fix.

`stages_behind_plan` and `room_moments` are pure functions; `dashboard_of` reads a page's
worth in a fixed number of queries, however many groups, rooms or sessions there are.
"""

import bisect
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from groups.selectors import GroupCard, groups_with_progress
from projects.models import Stage, StageProgress
from workshop.conflicts import ScheduleWarning, schedule_warnings
from workshop.models import Attendance, Participant, Room, Session, Workshop, WorkshopDay
from workshop.selectors import current_or_next_day

NOT_STARTED = StageProgress.Status.NOT_STARTED
DONE = StageProgress.Status.DONE


@dataclass(frozen=True)
class PlannedStage:
    """A stage one of a group's sessions works on today, and whether that session has begun."""

    stage_id: int
    begun: bool


def stages_behind_plan(
    planned: list[PlannedStage],
    positions: dict[int, int],
    statuses: dict[int, str],
) -> set[int]:
    """The stages at which a group lags the plan for its day; empty when it is on plan.

    `planned`: the stages of the day's sessions for the group (its own and everyone's);
    `positions`: every stage of the workshop → its position; `statuses`: the group's film's
    progress by stage (a stage missing is not started). A stage S lags when
    - some planned stage X comes after S (S's position is lower) and S is not done: the plan
      for the day assumes the earlier work finished; or
    - S itself is planned, one of its sessions has begun, and S is not started yet.
    A stage in progress while its session runs is on plan; nothing lags on a day with no
    planned stage."""
    if not planned:
        return set()
    latest = max(positions[entry.stage_id] for entry in planned)
    behind = {
        stage_id
        for stage_id, position in positions.items()
        if position < latest and statuses.get(stage_id, NOT_STARTED) != DONE
    }
    behind |= {
        entry.stage_id
        for entry in planned
        if entry.begun and statuses.get(entry.stage_id, NOT_STARTED) == NOT_STARTED
    }
    return behind


@dataclass
class RoomMoment:
    """A room on the day shown: the session under way (only today) and the one after it."""

    room: Room
    now: Session | None = None
    next: Session | None = None


def room_moments(
    rooms: list[Room], sessions: list[Session], now: datetime.time | None
) -> list[RoomMoment]:
    """Each room with its current and next session. `sessions`: one day's, in time order;
    `now`: the local time when that day is today, else None (nothing runs; next is the
    room's first session of the day)."""
    moments = {room.pk: RoomMoment(room) for room in rooms}
    for session in sessions:
        moment = moments.get(session.room_id)
        if moment is None:
            continue
        if now is not None and session.starts_at <= now < session.ends_at:
            moment.now = moment.now or session
        elif (now is None or session.starts_at > now) and moment.next is None:
            moment.next = session
    return list(moments.values())


@dataclass
class BoardCell:
    stage: Stage
    progress: StageProgress | None
    behind: bool

    @property
    def status(self) -> str:
        return self.progress.status if self.progress else NOT_STARTED

    def get_status_display(self) -> str:
        return self.progress.get_status_display() if self.progress else NOT_STARTED.label

    @property
    def note(self) -> str:
        return self.progress.note if self.progress else ""


@dataclass
class BoardRow:
    card: GroupCard
    cells: list[BoardCell]
    planned: list[Stage]

    @property
    def group(self):
        return self.card.group

    @property
    def behind(self) -> list[Stage]:
        return [cell.stage for cell in self.cells if cell.behind]


@dataclass
class Dashboard:
    workshop: Workshop
    day: WorkshopDay | None
    is_today: bool
    moments: list[RoomMoment]
    stages: list[Stage]
    board: list[BoardRow]
    warnings: list[ScheduleWarning]
    consent_not_asked: int = 0
    no_emergency_contact: int = 0
    sessions: list[Session] = field(default_factory=list)
    # The day's attendance: every child of the workshop, those who came, those who left.
    children: int = 0
    checked_in: int = 0
    checked_out: int = 0
    unlisted_pickups: int = 0

    @property
    def on_site(self) -> int:
        return self.checked_in - self.checked_out

    @property
    def not_arrived(self) -> int:
        return max(0, self.children - self.checked_in)

    @property
    def groups_behind(self) -> int:
        return sum(1 for row in self.board if row.behind)


def dashboard_of(workshop: Workshop, *, at: datetime.datetime | None = None) -> Dashboard:
    """The dashboard of a workshop for its organizers, at `at` (now by default): today's
    day in the workshop's time zone, else the next one, else the last one."""
    local = timezone.localtime(at or timezone.now(), workshop.tz)
    days = list(workshop.days.select_related("focus_stage").order_by("date"))
    day = current_or_next_day(days, local.date())
    is_today = day is not None and day.date == local.date()
    sessions = (
        list(
            Session.objects.filter(day=day)
            .with_details()
            .order_by("starts_at", "room__name", "title")
        )
        if day
        else []
    )
    begun = _begun(day, local)
    cards = groups_with_progress(workshop.groups.all())
    stages = [step.stage for step in cards[0].stages] if cards else list(workshop.stages.all())
    positions = {stage.pk: stage.position for stage in stages}
    board = []
    for card in cards:
        planned = [
            PlannedStage(session.stage_id, begun(session))
            for session in sessions
            if session.stage_id is not None
            and (
                session.for_all_groups
                or any(group.pk == card.group.pk for group in session.groups.all())
            )
        ]
        statuses = {step.stage.pk: step.status for step in card.stages}
        behind = stages_behind_plan(planned, positions, statuses)
        board.append(
            BoardRow(
                card,
                [
                    BoardCell(step.stage, step.progress, step.stage.pk in behind)
                    for step in card.stages
                ],
                [stage for stage in stages if stage.pk in {entry.stage_id for entry in planned}],
            )
        )
    counts = Participant.objects.filter(workshop=workshop).aggregate(
        children=Count("id"),
        without_group=Count("id", filter=Q(membership__isnull=True)),
        consent_not_asked=Count("id", filter=Q(media_consent=Participant.MediaConsent.NOT_ASKED)),
        no_emergency_contact=Count(
            "id",
            filter=Q(health__isnull=True)
            | Q(health__emergency_contact_name="", health__emergency_contact_phone=""),
        ),
    )
    attendance = Attendance.objects.filter(day=day).aggregate(
        checked_in=Count("id"),
        checked_out=Count("id", filter=Q(checked_out_at__isnull=False)),
        unlisted_pickups=Count("id", filter=Q(picked_up_unlisted=True)),
    )
    return Dashboard(
        workshop=workshop,
        day=day,
        is_today=is_today,
        moments=room_moments(
            list(workshop.rooms.order_by("name")), sessions, local.time() if is_today else None
        ),
        stages=stages,
        board=board,
        warnings=schedule_warnings(
            workshop,
            days=[day] if day else [],
            sessions=sessions,
            groups=[card.group for card in cards],
            counts=counts,
        ),
        sessions=sessions,
        children=counts["children"],
        consent_not_asked=counts["consent_not_asked"],
        no_emergency_contact=counts["no_emergency_contact"],
        **attendance,
    )


def _begun(day: WorkshopDay | None, local: datetime.datetime):
    """Whether a session of the day shown has begun at local time `local`."""
    if day is None or day.date > local.date():
        return lambda session: False
    if day.date < local.date():
        return lambda session: True
    return lambda session: session.starts_at <= local.time()


def day_times(workshop: Workshop, today: datetime.date) -> tuple[bool, tuple[datetime.time, ...]]:
    """Whether the day the dashboard shows on `today` is today, and the times its sessions
    begin and end, in order: between two of them, what the dashboard shows cannot change."""
    days = list(workshop.days.order_by("date"))
    day = current_or_next_day(days, today)
    if day is None or day.date != today:
        return False, ()
    times = Session.objects.filter(day=day).values_list("starts_at", "ends_at")
    return True, tuple(sorted({time for pair in times for time in pair}))


def moment_of(is_today: bool, times: tuple[datetime.time, ...], now: datetime.time) -> int:
    """Which stretch between two session times `now` falls in (how many have passed): the
    same number means the same rooms' now and next and the same sessions begun."""
    return bisect.bisect_right(times, now) if is_today else -1
