"""The home page (views/home.py): one page for everyone, with a part for each role the
visitor holds, showing today or the next workshop day."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import GuardianFactory, StaffMembershipFactory, UserFactory, WorkshopFactory
from tests.pages import page
from workshop.models import StaffMembership
from workshop.services import publish_schedule

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_day_three")]


def test_anonymous_visitor_gets_the_welcome_page(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "Sign in" in response.content.decode()


def test_organizer_home_shows_the_week_at_a_glance(client, cast):
    response, html = page(client, cast.organizer, reverse("home"))
    assert response.status_code == 200
    overview = response.context["organizer_overviews"][0]
    assert overview.workshop == cast.workshop
    assert overview.children == 4
    assert overview.children_without_group == 0
    assert [plan.day.number for plan in overview.week] == [1, 2, 3, 4, 5, 6, 7]
    assert [s.title for s in overview.week[0].sessions] == [
        "Kite shoots", "Lantern shoots", "Morning circle",
    ]  # fmt: skip
    assert "The week at a glance" in html
    assert "Snow shoots" not in html


def test_mentor_home_shows_their_groups_and_the_days_sessions(client, cast):
    day_three = cast.workshop.days.get(number=3)
    cast.session_a.day = day_three
    cast.session_a.save()
    response, html = page(client, cast.mentor_a, reverse("home"))
    overview = response.context["mentor_overviews"][0]
    assert [card.group for card in overview.groups] == [cast.group_a]
    assert overview.day == day_three
    assert [session.title for session in overview.sessions] == ["Lantern shoots"]
    assert "Your groups" in html


def test_parent_home_shows_their_childs_day(client, cast):
    response, html = page(client, cast.parent_a, reverse("home"))
    [child_day] = response.context["family"]
    assert child_day.child == cast.child_a1
    assert child_day.day.number == 3
    assert cast.child_a1.full_name in html
    assert "09:00" in html and "17:00" in html
    for other in (cast.child_a2, cast.child_b1, cast.child_b2, cast.child_x):
        assert other.family_name not in html
    assert "Peanuts" not in html


def test_parent_of_two_sees_both_children_apart(client, cast):
    cast.session_a.day = cast.session_b.day = cast.workshop.days.get(number=3)
    cast.session_a.save()
    cast.session_b.save()
    publish_schedule(cast.workshop, by=cast.organizer)
    response, _ = page(client, cast.parent_two, reverse("home"))
    family = {day.child: [s.title for s in day.sessions] for day in response.context["family"]}
    assert family == {cast.child_a2: ["Lantern shoots"], cast.child_b1: ["Kite shoots"]}


def test_user_without_a_role_is_told_so(client, db):
    response, html = page(client, UserFactory(), reverse("home"))
    assert response.status_code == 200
    assert "You have no part in a workshop yet." in html


def test_mentor_who_is_also_a_parent_sees_both_parts_of_home(client, cast):
    GuardianFactory(user=cast.mentor_a, participant=cast.child_b2)
    response, html = page(client, cast.mentor_a, reverse("home"))
    assert [card.group for card in response.context["mentor_overviews"][0].groups] == [cast.group_a]
    assert [child_day.child for child_day in response.context["family"]] == [cast.child_b2]
    assert "Your groups" in html
    assert "Your child" in html


def test_just_after_midnight_in_tokyo_home_shows_the_new_day(client, cast, clock):
    clock(datetime.datetime(2026, 7, 28, 15, 30, tzinfo=datetime.UTC))  # 00:30 on the 29th
    response, _ = page(client, cast.parent_a, reverse("home"))
    assert response.context["family"][0].day.number == 3


def test_after_the_week_home_shows_the_last_day_as_such(client, cast, clock):
    clock(datetime.datetime(2026, 8, 10, 1, 0, tzinfo=datetime.UTC))
    response, html = page(client, cast.parent_a, reverse("home"))
    assert response.context["family"][0].day.number == 7
    assert "Last day" in html


def test_a_finished_workshop_gives_way_to_the_current_one_at_home(client, cast, clock):
    autumn = WorkshopFactory(title="Autumn", slug="autumn", start_date=datetime.date(2026, 10, 5))
    StaffMembershipFactory(
        user=cast.organizer, workshop=autumn, role=StaffMembership.Role.ORGANIZER
    )
    clock(datetime.datetime(2026, 10, 6, 1, 0, tzinfo=datetime.UTC))
    response, _ = page(client, cast.organizer, reverse("home"))
    assert [o.workshop for o in response.context["organizer_overviews"]] == [autumn]
