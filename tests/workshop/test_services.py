"""Services of the core domain (workshop/services.py): creating a workshop with its days and
stages; copying a day's plan. Publishing has its own module, test_releases.py."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from projects.models import Stage
from tests.factories import WorkshopFactory
from workshop.models import Session, Workshop, WorkshopDay
from workshop.services import create_workshop

pytestmark = pytest.mark.django_db


def test_new_workshop_has_seven_days_each_with_its_stage():
    workshop = create_workshop(
        title="Summer", slug="summer", venue="Hall", start_date=datetime.date(2026, 7, 27)
    )
    days = list(workshop.days.order_by("number").select_related("focus_stage"))
    assert workshop.end_date == datetime.date(2026, 8, 2)
    assert [day.number for day in days] == [1, 2, 3, 4, 5, 6, 7]
    assert [day.focus_stage.key for day in days] == [
        "script",
        "storyboard",
        "acting",
        "shooting",
        "editing",
        "sound",
        "screening",
    ]
    assert workshop.time_zone == "Asia/Tokyo"


def test_workshop_of_any_length_is_allowed():
    workshop = create_workshop(
        title="Short", slug="short", venue="Hall", start_date=datetime.date(2026, 7, 27),
        length_in_days=3,
    )  # fmt: skip
    assert workshop.days.count() == 3
    assert Stage.objects.filter(workshop=workshop).count() == 7


def test_workshop_of_no_days_is_refused():
    with pytest.raises(ValueError, match="at least one day"):
        create_workshop(
            title="None", slug="none", venue="Hall", start_date=datetime.date(2026, 7, 27),
            length_in_days=0,
        )  # fmt: skip
    assert Workshop.objects.count() == 0


def test_days_beyond_the_seven_stages_have_no_stage_in_focus():
    workshop = create_workshop(
        title="Long", slug="long", venue="Hall", start_date=datetime.date(2026, 7, 27),
        length_in_days=9,
    )  # fmt: skip
    focus = workshop.days.order_by("number").values_list("number", "focus_stage__key")
    assert list(focus)[6:] == [(7, "screening"), (8, None), (9, None)]


def test_a_workshop_whose_short_name_is_taken_is_refused_and_adds_nothing():
    WorkshopFactory(slug="summer")
    with pytest.raises(ValidationError) as error:
        create_workshop(
            title="Summer again", slug="summer", venue="Hall",
            start_date=datetime.date(2027, 7, 26),
        )  # fmt: skip
    assert error.value.message_dict["slug"] == ["Workshop with this Short name already exists."]
    assert (Workshop.objects.count(), WorkshopDay.objects.count(), Stage.objects.count()) == (
        1, 7, 7,
    )  # fmt: skip


def test_copying_a_days_plan_moves_the_focus_stage_to_the_new_days(cast):
    from tests.factories import SessionFactory
    from workshop.services import copy_day_plan

    script_day, storyboard_day = (cast.workshop.days.get(number=n) for n in (1, 2))
    talk = cast.workshop.stages.get(key="screening")
    SessionFactory(workshop=cast.workshop, day=script_day, stage=script_day.focus_stage)
    SessionFactory(workshop=cast.workshop, day=script_day, stage=talk)
    Session.objects.filter(day=storyboard_day).delete()
    copies = copy_day_plan(script_day, to=storyboard_day)
    assert sorted(str(copy.stage) for copy in copies if copy.stage) == sorted(
        [str(storyboard_day.focus_stage), str(talk)]
    )


def test_a_plan_is_copied_only_within_its_workshop(cast):
    from workshop.services import copy_day_plan

    with pytest.raises(ValueError):
        copy_day_plan(cast.workshop.days.get(number=1), to=cast.other_workshop.days.get(number=5))
