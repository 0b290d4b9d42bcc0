"""The organizer's dashboard page: for the workshop's organizers only."""

import datetime

import pytest
from django.urls import reverse

from projects.services import set_stage_progress
from tests.factories import ParticipantFactory, RoomFactory, SessionFactory
from workshop.dashboard import dashboard_of
from workshop.models import Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def acting_day(cast, on_day_three):
    """Day 3 (acting), 09:30 in Tokyo: both groups act from 09:30 in their studios; group A
    finished the script and the storyboard, group B is still storyboarding."""
    workshop = cast.workshop
    day = workshop.days.get(number=3)
    stages = {stage.key: stage for stage in workshop.stages.all()}
    for group, room in ((cast.group_a, "Studio 1"), (cast.group_b, "Studio 2")):
        SessionFactory(
            workshop=workshop, day=day, title=f"Rehearsing · {group.name}", groups=[group],
            room=RoomFactory(workshop=workshop, name=room), stage=stages["acting"],
            kind="stage_work", starts_at=datetime.time(9, 30), ends_at=datetime.time(12),
        )  # fmt: skip
    SessionFactory(
        workshop=workshop, day=day, title="Lunch", for_all_groups=True, kind="meal",
        room=RoomFactory(workshop=workshop, name="Canteen"),
        starts_at=datetime.time(12), ends_at=datetime.time(13),
    )  # fmt: skip
    for key in ("script", "storyboard"):
        set_stage_progress(cast.group_a.film, stages[key], status="done", by=cast.mentor_a)
    set_stage_progress(cast.group_a.film, stages["acting"], status="in_progress", by=cast.mentor_a)
    set_stage_progress(cast.group_b.film, stages["script"], status="done", by=cast.mentor_b)
    set_stage_progress(
        cast.group_b.film, stages["storyboard"], status="in_progress", by=cast.mentor_b,
        note="Twelve frames to go",
    )  # fmt: skip
    return stages


def test_organizer_sees_which_group_is_behind_plan(client, cast, acting_day):
    client.force_login(cast.organizer)

    response = client.get(reverse("dashboard", args=["summer"]))

    assert response.status_code == 200
    board_part = response.content.decode().split("Production board")[1]
    assert board_part.count("Behind plan") == 1
    assert board_part.index("Kite") < board_part.index("Behind plan") < board_part.index("Lantern")
    assert 'title="Twelve frames to go"' in board_part
    board = {row.group.name: row for row in dashboard_of(cast.workshop).board}
    assert board["Lantern"].behind == []
    assert board["Kite"].behind == [acting_day["storyboard"], acting_day["acting"]]


def test_now_and_next_in_each_room_on_a_workshop_day(cast, acting_day):
    dashboard = dashboard_of(cast.workshop)

    assert dashboard.is_today and dashboard.day.number == 3
    moments = {moment.room.name: moment for moment in dashboard.moments}
    assert (moments["Studio 1"].now.title, moments["Studio 1"].next) == (
        "Rehearsing · Lantern",
        None,
    )
    assert (moments["Canteen"].now, moments["Canteen"].next.title) == (None, "Lunch")


def test_the_page_changes_when_a_session_begins_within_a_quarter_of_an_hour(
    client, cast, acting_day, clock
):
    SessionFactory(
        workshop=cast.workshop, day=cast.workshop.days.get(number=3), title="Costume fitting",
        room=cast.workshop.rooms.get(name="Canteen"), for_all_groups=True,
        starts_at=datetime.time(9, 40), ends_at=datetime.time(9, 55),
    )  # fmt: skip
    client.force_login(cast.organizer)
    url = reverse("dashboard", args=["summer"])

    clock(datetime.datetime(2026, 7, 29, 0, 31, tzinfo=datetime.UTC))
    before = client.get(url, headers={"HX-Request": "true"}).content.decode()
    clock(datetime.datetime(2026, 7, 29, 0, 41, tzinfo=datetime.UTC))
    during = client.get(url, headers={"HX-Request": "true"}).content.decode()

    assert before.index("Next") < before.index("Costume fitting")
    assert during.index("Costume fitting") < during.index("Next")


def test_outside_the_week_the_dashboard_shows_the_next_day_and_says_so(client, cast, clock):
    clock(datetime.datetime(2026, 7, 20, 3, 0, tzinfo=datetime.UTC))
    client.force_login(cast.organizer)

    response = client.get(reverse("dashboard", args=["summer"]))

    assert "The workshop is not running today. Its next day: Day 1" in response.content.decode()
    assert "First in each room" in response.content.decode()


def test_after_the_week_the_dashboard_shows_the_last_day(client, cast, clock):
    clock(datetime.datetime(2026, 9, 1, 3, 0, tzinfo=datetime.UTC))
    client.force_login(cast.organizer)

    response = client.get(reverse("dashboard", args=["summer"]))

    assert "The workshop is not running today. Its last day: Day 7" in response.content.decode()


def test_alerts_count_children_without_consent_emergency_contact_or_group(cast, on_day_three):
    ParticipantFactory(workshop=cast.workshop, media_consent=Participant.MediaConsent.NOT_ASKED)
    ParticipantFactory(workshop=cast.workshop, allergies="Egg")
    ParticipantFactory(workshop=cast.other_workshop, media_consent="")

    dashboard = dashboard_of(cast.workshop)

    # No emergency contact: the first new child (no health record) and the second (a record
    # without one); the cast's children all have a phone. Both have no group.
    assert (dashboard.consent_not_asked, dashboard.no_emergency_contact) == (1, 2)
    # And neither group has a session for day 3's focus stage: the day's warnings.
    assert [(warning.kind, warning.day_number) for warning in dashboard.warnings] == [
        ("no_group", None),
        ("focus_stage", 3),
        ("focus_stage", 3),
    ]


def test_alerts_link_to_where_to_fix_them(client, cast, on_day_three):
    ParticipantFactory(workshop=cast.workshop, media_consent="")
    client.force_login(cast.organizer)

    page = client.get(reverse("dashboard", args=["summer"])).content.decode()

    assert "1 child's photo consent is not recorded yet." in page
    assert "1 child has no emergency contact." in page
    assert f'href="{reverse("children", args=["summer"])}?consent=not-asked"' in page
    assert f'href="{reverse("group_builder", args=["summer"])}"' in page


def test_htmx_refresh_answers_the_rooms_only(client, cast, acting_day):
    client.force_login(cast.organizer)

    response = client.get(reverse("dashboard", args=["summer"]), headers={"HX-Request": "true"})

    page = response.content.decode()
    assert page.lstrip().startswith('<section id="dashboard-rooms"')
    assert "Production board" not in page
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("viewer", ["mentor_a", "parent_a", "other_organizer"])
def test_others_get_404(client, cast, viewer):
    client.force_login(getattr(cast, viewer))

    assert client.get(reverse("dashboard", args=["summer"])).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, cast):
    response = client.get(reverse("dashboard", args=["summer"]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_organizers_home_and_week_link_to_the_dashboard_and_a_mentors_do_not(client, cast):
    link = f'href="{reverse("dashboard", args=["summer"])}"'
    client.force_login(cast.organizer)
    assert link in client.get(reverse("home")).content.decode()
    assert link in client.get(reverse("week", args=["summer"])).content.decode()

    client.force_login(cast.mentor_a)
    assert link not in client.get(reverse("home")).content.decode()
    assert link not in client.get(reverse("week", args=["summer"])).content.decode()


def test_the_day_shows_who_came_who_left_and_who_left_with_someone_unlisted(
    client, cast, on_day_three, mailoutbox
):
    from workshop.services import check_in, check_out

    day = cast.workshop.days.get(number=3)
    children = Participant.objects.filter(workshop=cast.workshop).count()
    check_in(cast.child_a1, day=day, by=cast.mentor_a)
    check_in(cast.child_a2, day=day, by=cast.mentor_a)
    check_out(cast.child_a2, day=day, by=cast.mentor_a, unlisted_name="A neighbour")
    client.force_login(cast.organizer)

    page = client.get(reverse("dashboard", args=["summer"])).content.decode()

    checked_in = page.split('id="dashboard-checked-in"')[1].split("</section>")[0]
    assert f"2 of {children} children checked in on this day." in checked_in
    figures = [part.split("</dd>")[0].split(">")[-1] for part in checked_in.split("<dd")[1:]]
    assert figures == ["1", str(children - 2), "1"]
    assert "1 child left with someone not on their pickup list." in checked_in
    assert reverse("attendance", args=["summer", 3]) in checked_in
