"""Reads that serve one page each (workshop/selectors.py), where the pages' tests do not
reach them directly: which day a home page shows, and the rows of a day at a glance."""

import datetime

import pytest

from tests.factories import RoomFactory, SessionFactory, WorkshopFactory
from workshop.models import Session
from workshop.selectors import ParallelSessions, current_or_next_day, week_plan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "today, number",
    [
        (datetime.date(2026, 7, 1), 1),
        (datetime.date(2026, 7, 29), 3),
        (datetime.date(2026, 8, 2), 7),
        (datetime.date(2026, 8, 20), 7),
    ],
    ids=["before-the-week", "during", "on-the-last-day", "after-the-week"],
)
def test_the_day_shown_is_today_else_the_next_else_the_last(today, number):
    days = list(WorkshopFactory(start_date=datetime.date(2026, 7, 27)).days.order_by("-number"))
    assert current_or_next_day(days, today).number == number


def test_a_workshop_without_days_has_no_day_to_show():
    assert current_or_next_day([], datetime.date(2026, 7, 29)) is None


def test_stage_work_side_by_side_in_several_rooms_is_one_row_of_the_day(cast):
    day = cast.workshop.days.get(number=2)
    storyboard = cast.workshop.stages.get(key="storyboard")

    def session(title, **fields):
        return SessionFactory(workshop=cast.workshop, day=day, title=title, **fields)

    kite = session("Kite boards", stage=storyboard, room=RoomFactory(workshop=cast.workshop))
    lantern = session("Lantern boards", stage=storyboard, room=RoomFactory(workshop=cast.workshop))
    acting = session("Lantern rehearses", stage=cast.workshop.stages.get(key="acting"))
    lunch = session(
        "Lunch", kind=Session.Kind.MEAL, for_all_groups=True,
        starts_at=datetime.time(12), ends_at=datetime.time(13),
    )  # fmt: skip
    tea = session(
        "Tea", kind=Session.Kind.BREAK, for_all_groups=True,
        starts_at=datetime.time(12), ends_at=datetime.time(13),
    )  # fmt: skip
    [plan] = [plan for plan in week_plan(cast.workshop, cast.organizer) if plan.day == day]
    assert plan.slots() == [
        ParallelSessions(datetime.time(10), datetime.time(11), storyboard, [kite, lantern]),
        acting,
        lunch,
        tea,
    ]


def test_sessions_without_a_stage_or_for_everyone_keep_rows_of_their_own(cast):
    """The cast's day 1 has a morning circle for everyone and two groups' sessions at the same
    time, none with a stage: nothing says they are the same stage's work."""
    [plan] = [plan for plan in week_plan(cast.workshop, cast.organizer) if plan.day.number == 1]
    titles = [
        [session.title for session in slot.sessions]
        if isinstance(slot, ParallelSessions)
        else slot.title
        for slot in plan.slots()
    ]
    assert titles == ["Kite shoots", "Lantern shoots", "Morning circle"]
