"""The dashboard's rules: when a group is behind plan, and what runs now and next in a room."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from workshop.dashboard import PlannedStage, RoomMoment, room_moments, stages_behind_plan
from workshop.models import Room, Session

# Script, storyboard, acting, shooting: ids 1 to 4 at positions 1 to 4.
POSITIONS = {1: 1, 2: 2, 3: 3, 4: 4}
SCRIPT, STORYBOARD, ACTING, SHOOTING = 1, 2, 3, 4
DONE, IN_PROGRESS, NOT_STARTED = "done", "in_progress", "not_started"


def test_an_earlier_stage_not_done_is_behind_plan():
    planned = [PlannedStage(ACTING, begun=False)]
    statuses = {SCRIPT: DONE, STORYBOARD: IN_PROGRESS}

    assert stages_behind_plan(planned, POSITIONS, statuses) == {STORYBOARD}


def test_a_stage_missing_from_the_progress_is_not_started():
    planned = [PlannedStage(ACTING, begun=False)]

    assert stages_behind_plan(planned, POSITIONS, {}) == {SCRIPT, STORYBOARD}


def test_the_planned_stage_not_started_once_its_session_has_begun_is_behind_plan():
    statuses = {SCRIPT: DONE, STORYBOARD: DONE}

    assert stages_behind_plan([PlannedStage(ACTING, begun=False)], POSITIONS, statuses) == set()
    assert stages_behind_plan([PlannedStage(ACTING, begun=True)], POSITIONS, statuses) == {ACTING}


def test_the_planned_stage_in_progress_is_on_plan():
    statuses = {SCRIPT: DONE, STORYBOARD: DONE, ACTING: IN_PROGRESS}

    assert stages_behind_plan([PlannedStage(ACTING, begun=True)], POSITIONS, statuses) == set()


def test_the_latest_planned_stage_sets_what_must_be_done():
    planned = [PlannedStage(STORYBOARD, begun=True), PlannedStage(SHOOTING, begun=False)]
    statuses = {SCRIPT: DONE, STORYBOARD: IN_PROGRESS, ACTING: DONE}

    assert stages_behind_plan(planned, POSITIONS, statuses) == {STORYBOARD}


def test_a_day_with_no_planned_stage_has_nothing_behind():
    assert stages_behind_plan([], POSITIONS, {}) == set()


statuses_strategy = st.dictionaries(
    st.sampled_from(list(POSITIONS)), st.sampled_from([DONE, IN_PROGRESS, NOT_STARTED])
)
planned_strategy = st.lists(
    st.builds(PlannedStage, st.sampled_from(list(POSITIONS)), st.booleans()), max_size=4
)
ORDER = [NOT_STARTED, IN_PROGRESS, DONE]


@given(planned_strategy, statuses_strategy)
def test_only_stages_not_done_up_to_the_latest_planned_lag(planned, statuses):
    behind = stages_behind_plan(planned, POSITIONS, statuses)

    latest = max((POSITIONS[entry.stage_id] for entry in planned), default=0)
    assert all(statuses.get(stage, NOT_STARTED) != DONE for stage in behind)
    assert all(POSITIONS[stage] <= latest for stage in behind)


@given(planned_strategy)
def test_a_film_done_at_every_stage_is_never_behind(planned):
    assert stages_behind_plan(planned, POSITIONS, dict.fromkeys(POSITIONS, DONE)) == set()


@given(planned_strategy, statuses_strategy, st.sampled_from(list(POSITIONS)))
def test_moving_a_stage_forward_never_puts_a_group_further_behind(planned, statuses, stage):
    before = stages_behind_plan(planned, POSITIONS, statuses)
    current = ORDER.index(statuses.get(stage, NOT_STARTED))
    moved = statuses | {stage: ORDER[min(current + 1, 2)]}

    assert stages_behind_plan(planned, POSITIONS, moved) <= before


def _session(pk, room, starts, ends):
    return Session(
        pk=pk, room_id=room.pk, starts_at=datetime.time(*starts), ends_at=datetime.time(*ends)
    )


def test_each_room_shows_what_runs_now_and_what_comes_next():
    hall, studio = Room(pk=1, name="Hall"), Room(pk=2, name="Studio")
    circle = _session(1, hall, (9, 0), (9, 20))
    talk = _session(2, hall, (13, 0), (13, 45))
    rushes = _session(3, hall, (16, 0), (16, 30))
    acting = _session(4, studio, (9, 30), (12, 0))
    sessions = [circle, acting, talk, rushes]

    assert room_moments([hall, studio], sessions, datetime.time(9, 30)) == [
        RoomMoment(hall, now=None, next=talk),
        RoomMoment(studio, now=acting, next=None),
    ]
    assert room_moments([hall, studio], sessions, datetime.time(9, 10)) == [
        RoomMoment(hall, now=circle, next=talk),
        RoomMoment(studio, now=None, next=acting),
    ]


def test_on_another_day_each_room_shows_its_first_session():
    hall = Room(pk=1, name="Hall")
    circle = _session(1, hall, (9, 0), (9, 20))
    talk = _session(2, hall, (13, 0), (13, 45))

    assert room_moments([hall], [circle, talk], None) == [RoomMoment(hall, now=None, next=circle)]
