"""The planner's layout: lanes for sessions that overlap, rows for times, views that filter."""

import datetime

import pytest

from tests.factories import RoomFactory, SessionFactory
from workshop.models import Session
from workshop.planner import (
    Block,
    PlannerView,
    choose_view,
    lay_out_lanes,
    planner_choices,
    planner_grid,
)

pytestmark = pytest.mark.django_db


def at(hours: float) -> datetime.time:
    return datetime.time(int(hours), round(hours % 1 * 60))


def blocks(*spans):
    class FakeSession:
        def __init__(self, starts, ends, title):
            self.starts_at, self.ends_at, self.title = at(starts), at(ends), title

    return [Block(FakeSession(s, e, f"s{n}"), 0, 0) for n, (s, e) in enumerate(spans)]


def lanes(laid_out):
    return {block.session.title: (block.lane, block.lanes) for block in laid_out}


def test_a_session_alone_in_its_time_takes_the_whole_width():
    laid = blocks((9, 10), (10, 11))
    lay_out_lanes(laid)
    assert lanes(laid) == {"s0": (0, 1), "s1": (0, 1)}


def test_overlapping_sessions_share_the_width_and_a_freed_lane_is_reused():
    laid = blocks((9, 10), (9.5, 10.5), (10, 11), (12, 13))
    lay_out_lanes(laid)
    assert lanes(laid) == {"s0": (0, 2), "s1": (1, 2), "s2": (0, 2), "s3": (0, 1)}


def test_five_groups_side_by_side_each_get_a_fifth():
    laid = blocks(*[(9.5, 12)] * 5)
    lay_out_lanes(laid)
    assert sorted(block.lane for block in laid) == [0, 1, 2, 3, 4]
    by_lane = sorted(laid, key=lambda block: block.lane)
    assert [(block.column_start, block.column_span) for block in by_lane] == [
        (1, 12), (13, 12), (25, 12), (37, 12), (49, 12)
    ]  # fmt: skip


def grid_of(cast, **params):
    choices = planner_choices(cast.workshop)
    view = choose_view(choices, params)
    return planner_grid(
        cast.workshop,
        view,
        days=choices["days"],
        rooms=choices["rooms"],
        groups=choices["groups"],
        stages=choices["stages"],
        mentors=choices["mentors"],
        children_counts=choices["children_counts"],
    )


def titles(grid):
    return {column.key: sorted(b.session.title for b in column.blocks) for column in grid.columns}


def test_the_week_has_a_column_per_day_and_rows_from_the_first_opening_hour(cast):
    grid = grid_of(cast)
    assert [column.key for column in grid.columns] == [
        f"day-{day.number}" for day in cast.workshop.days.order_by("number")
    ]
    assert titles(grid)["day-1"] == ["Kite shoots", "Lantern shoots", "Morning circle"]
    assert grid.first_minute == 9 * 60
    assert grid.rows == 8 * 12
    block = grid.columns[0].blocks[0]
    assert (block.row, block.rows) == (13, 12)  # 10:00, an hour


def test_a_group_view_shows_its_sessions_and_everyones(cast):
    grid = grid_of(cast, group=str(cast.group_a.pk))
    assert titles(grid)["day-1"] == ["Lantern shoots", "Morning circle"]


def test_a_mentor_view_shows_what_they_lead_or_their_groups_do(cast):
    led = SessionFactory(
        workshop=cast.workshop, title="Sound walk", starts_at=at(14), ends_at=at(15)
    )
    led.mentors.add(cast.mentor_b)
    grid = grid_of(cast, mentor=str(cast.mentor_b.pk))
    assert titles(grid)["day-1"] == ["Kite shoots", "Morning circle", "Sound walk"]


def test_a_day_view_has_a_column_per_room_and_one_for_sessions_without_a_room(cast):
    studio = RoomFactory(workshop=cast.workshop, name="Studio")
    RoomFactory(workshop=cast.workshop, name="Attic")
    cast.session_a.room = studio
    cast.session_a.save()
    grid = grid_of(cast, day="1", room="", group="")
    assert [column.heading for column in grid.columns] == ["Attic", "Studio", "No room"]
    assert titles(grid)["room-" + str(studio.pk)] == ["Lantern shoots"]


def test_a_filter_of_another_workshop_or_nonsense_is_ignored(cast):
    view = choose_view(
        planner_choices(cast.workshop), {"group": str(cast.group_x.pk), "day": "x", "room": "-1"}
    )
    assert view == PlannerView()


def test_a_mentor_in_two_places_is_flagged_on_both_sessions(cast):
    clash = SessionFactory(
        workshop=cast.workshop, title="Sound walk", starts_at=at(10.5), ends_at=at(11.5)
    )
    clash.mentors.add(cast.mentor_a)
    grid = grid_of(cast)
    flagged = {b.session.title for c in grid.columns for b in c.blocks if b.warnings}
    assert flagged == {"Sound walk", "Lantern shoots"}
    assert grid.flagged == 2


def colours(grid):
    return {b.session.title: b.colour for column in grid.columns for b in column.blocks}


def test_blocks_take_their_stages_colour_or_their_first_groups(cast):
    stage = cast.workshop.stages.get(key="shooting")
    Session.objects.filter(pk=cast.session_a.pk).update(stage=stage)
    by_stage = colours(grid_of(cast))
    by_group = colours(grid_of(cast, colour="group"))
    assert by_stage["Lantern shoots"] == f"colour-stage-{stage.pk}"
    assert by_group["Lantern shoots"] == f"colour-group-{cast.group_a.pk}"
    # Without a stage, or for everyone: the colour of its kind.
    assert by_stage["Morning circle"] == by_group["Morning circle"] == ""
