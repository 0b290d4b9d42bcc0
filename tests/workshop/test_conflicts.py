"""Warnings before a release (workshop/conflicts.py): saved and flagged, never refused."""

import datetime

import pytest

from tests.factories import GroupFactory, ParticipantFactory, RoomFactory, SessionFactory
from workshop.conflicts import schedule_warnings

pytestmark = pytest.mark.django_db


def messages(workshop, kind):
    return [w.message for w in schedule_warnings(workshop) if w.kind == kind]


def test_a_mentor_in_two_overlapping_sessions_is_named_with_both(cast):
    day = cast.workshop.days.get(number=1)
    talk = SessionFactory(
        workshop=cast.workshop, day=day, title="Talk", for_all_groups=True,
        starts_at=datetime.time(10, 30), ends_at=datetime.time(11, 30),
    )  # fmt: skip
    talk.mentors.add(cast.mentor_a)
    found = messages(cast.workshop, "mentor_overlap")
    assert found == [
        f"{cast.mentor_a.display_name} is in two places at once on day 1: "
        f"“{cast.session_a}” and “{talk}”."
    ]


def test_sessions_that_only_touch_do_not_overlap(cast):
    day = cast.workshop.days.get(number=1)
    SessionFactory(
        workshop=cast.workshop, day=day, title="Next", groups=[cast.group_a],
        starts_at=datetime.time(11), ends_at=datetime.time(12),
    )  # fmt: skip
    assert messages(cast.workshop, "mentor_overlap") == []


def test_a_room_too_small_for_its_groups_children(cast):
    closet = RoomFactory(workshop=cast.workshop, name="Closet", capacity=1)
    cast.session_a.room = closet
    cast.session_a.save()
    assert messages(cast.workshop, "room_capacity") == [
        f"Closet holds 1, but “{cast.session_a}” on day 1 brings 2 children."
    ]


def test_a_group_without_a_session_for_the_days_focus_stage(cast):
    GroupFactory(workshop=cast.workshop, name="Comet")
    day = cast.workshop.days.get(number=1)
    script = day.focus_stage
    SessionFactory(workshop=cast.workshop, day=day, stage=script, groups=[cast.group_a])
    SessionFactory(workshop=cast.workshop, day=day, stage=script, groups=[cast.group_b])
    found = [m for m in messages(cast.workshop, "focus_stage") if "day 1." in m]
    assert found == ["The Comet group has no Script session on day 1."]


def test_a_session_of_the_stage_for_everyone_covers_every_group(cast):
    day = cast.workshop.days.get(number=7)
    SessionFactory(workshop=cast.workshop, day=day, stage=day.focus_stage, for_all_groups=True)
    assert [m for m in messages(cast.workshop, "focus_stage") if "day 7." in m] == []


def test_children_without_a_group_are_counted(cast):
    ParticipantFactory(workshop=cast.workshop)
    assert messages(cast.workshop, "no_group") == [
        "1 child has no group, so no group session reaches them."
    ]


def test_the_warnings_take_the_same_queries_whatever_the_size(cast, django_assert_num_queries):
    with django_assert_num_queries(7):
        schedule_warnings(cast.workshop)
    for _ in range(5):
        SessionFactory(workshop=cast.workshop, groups=[cast.group_a, cast.group_b])
    with django_assert_num_queries(7):
        schedule_warnings(cast.workshop)
