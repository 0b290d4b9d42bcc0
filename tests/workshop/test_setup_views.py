"""Setting up a workshop (workshop/views/setup.py): organizers change the workshop, its days,
rooms and stages; sessions that new hours leave outside their day are listed, never moved or
deleted; anyone else, the workshop's mentors included, gets 404 and changes nothing."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.factories import RoomFactory, SessionFactory
from tests.workshop.test_query_counts import grow
from workshop.conflicts import schedule_warnings, sessions_outside_their_day
from workshop.models import ReleasedDay, Session, Workshop, WorkshopDay

pytestmark = pytest.mark.django_db


def workshop_data(workshop, **changes):
    data = {
        "title": workshop.title,
        "start_date": workshop.start_date.isoformat(),
        "end_date": workshop.end_date.isoformat(),
        "time_zone": workshop.time_zone,
        "venue": workshop.venue,
        "venue_address": workshop.venue_address,
        "reminder_time": "18:00",
    }
    return data | changes


def day_data(day, **changes):
    data = {
        "doors_open": day.doors_open.strftime("%H:%M"),
        "pickup": day.pickup.strftime("%H:%M"),
        "focus_stage": day.focus_stage_id or "",
        "what_to_bring": day.what_to_bring,
        "family_notes": day.family_notes,
    }
    return {f"day-{day.number}-{name}": value for name, value in (data | changes).items()}


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def days_of(workshop) -> list[tuple[int, datetime.date]]:
    return list(workshop.days.order_by("number").values_list("number", "date"))


# --- Who may -----------------------------------------------------------------------------


def test_the_week_links_to_the_setup_for_organizers_only(client, cast):
    setup_url = reverse("setup", args=["summer"])
    client.force_login(cast.organizer)
    assert setup_url in client.get(reverse("week", args=["summer"])).text
    client.force_login(cast.mentor_a)
    assert setup_url not in client.get(reverse("week", args=["summer"])).text


@pytest.mark.parametrize("viewer", ["other_organizer", "mentor_a", "parent_a"])
def test_anyone_but_its_organizers_gets_404_and_changes_nothing(client, cast, viewer):
    room = RoomFactory(workshop=cast.workshop, name="Studio")
    day = cast.workshop.days.get(number=1)
    script = cast.workshop.stages.get(key="script")
    client.force_login(getattr(cast, viewer))
    posts = [
        (reverse("setup_workshop", args=["summer"]), workshop_data(cast.workshop, title="Mine")),
        (reverse("setup_day", args=["summer", 1]), day_data(day, pickup="10:00")),
        (reverse("setup_rooms", args=["summer"]), {"name": "Attic", "capacity": 5}),
        (reverse("setup_room", args=["summer", room.pk]), {"name": "Attic", "capacity": 5}),
        (reverse("setup_room_delete", args=["summer", room.pk]), {}),
        (reverse("setup_stage", args=["summer", script.pk]), {"name": "X", "colour": "#000000"}),
        (reverse("setup_stage_move", args=["summer", script.pk]), {"direction": "down"}),
    ]
    assert [client.post(url, data).status_code for url, data in posts] == [404] * len(posts)
    cast.workshop.refresh_from_db()
    day.refresh_from_db()
    script.refresh_from_db()
    assert (cast.workshop.title, day.pickup) == ("Summer", datetime.time(17))
    assert list(cast.workshop.rooms.values_list("name", flat=True)) == ["Studio"]
    assert (script.name, script.position, script.colour) == ("Script", 1, "#f59f00")


def test_another_workshops_room_or_stage_is_not_found_under_this_workshop(client, cast):
    their_room = RoomFactory(workshop=cast.other_workshop)
    their_stage = cast.other_workshop.stages.get(key="script")
    client.force_login(cast.organizer)
    assert client.get(reverse("setup_room", args=["summer", their_room.pk])).status_code == 404
    response = client.post(reverse("setup_room_delete", args=["summer", their_room.pk]))
    assert response.status_code == 404
    assert client.get(reverse("setup_stage", args=["summer", their_stage.pk])).status_code == 404
    assert Workshop.objects.get(pk=cast.other_workshop.pk).rooms.get() == their_room


# --- The workshop ------------------------------------------------------------------------


def test_an_organizer_changes_the_workshops_details(client, cast):
    client.force_login(cast.organizer)
    data = workshop_data(
        cast.workshop,
        title="Summer film week",
        venue="Old school",
        venue_address="1-2-3 Yanaka",
        time_zone="Europe/Paris",
        reminder_time="19:30",
    )
    response = client.post(reverse("setup_workshop", args=["summer"]), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("setup", args=["summer"])
    assert messages_of(response) == ["The workshop is saved."]
    workshop = Workshop.objects.get(pk=cast.workshop.pk)
    assert (
        workshop.title,
        workshop.venue,
        workshop.venue_address,
        workshop.time_zone,
        workshop.reminder_time,
    ) == ("Summer film week", "Old school", "1-2-3 Yanaka", "Europe/Paris", datetime.time(19, 30))


def test_a_new_workshop_is_reminded_at_six_in_the_evening(cast):
    assert cast.workshop.reminder_time == datetime.time(18)


def test_a_later_last_day_adds_a_day(client, cast):
    client.force_login(cast.organizer)
    data = workshop_data(cast.workshop, end_date="2026-08-03")
    response = client.post(reverse("setup_workshop", args=["summer"]), data)
    assert response.status_code == 302
    assert days_of(cast.workshop)[-2:] == [
        (7, datetime.date(2026, 8, 2)),
        (8, datetime.date(2026, 8, 3)),
    ]
    assert messages_of(response)[1] == "1 day added for the new dates: Day 8 · August 3."


def test_an_earlier_first_day_is_day_one_and_the_sessions_keep_their_dates(client, cast):
    client.force_login(cast.organizer)
    data = workshop_data(cast.workshop, start_date="2026-07-26")
    response = client.post(reverse("setup_workshop", args=["summer"]), data)
    assert response.status_code == 302
    assert days_of(cast.workshop)[:2] == [
        (1, datetime.date(2026, 7, 26)),
        (2, datetime.date(2026, 7, 27)),
    ]
    cast.session_a.refresh_from_db()
    assert (cast.session_a.day.number, cast.session_a.day.date) == (2, datetime.date(2026, 7, 27))
    assert "The days are numbered again from the first day." in messages_of(response)


def test_dates_that_leave_out_a_day_with_sessions_are_refused_and_nothing_changes(client, cast):
    client.force_login(cast.organizer)
    before = days_of(cast.workshop)
    data = workshop_data(cast.workshop, start_date="2026-07-28", title="Shorter", remove_days="on")
    response = client.post(reverse("setup_workshop", args=["summer"]), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Day 1 · July 27 has 3 sessions: move or remove them before the dates leave this day out."
    ]
    workshop = Workshop.objects.get(pk=cast.workshop.pk)
    assert (workshop.title, workshop.start_date) == ("Summer", datetime.date(2026, 7, 27))
    assert days_of(workshop) == before
    assert Session.objects.filter(day__workshop=workshop).count() == 3


def test_a_day_families_were_given_in_a_release_stays(client, cast):
    Session.objects.filter(day__workshop=cast.workshop).delete()
    client.force_login(cast.organizer)
    data = workshop_data(cast.workshop, start_date="2026-07-28", remove_days="on")
    response = client.post(reverse("setup_workshop", args=["summer"]), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Day 1 · July 27 is in a release families were given: the dates must keep it."
    ]
    assert cast.workshop.days.count() == 7


def test_released_days_the_dates_leave_out_are_kept(client, cast):
    client.force_login(cast.organizer)
    url = reverse("setup_workshop", args=["summer"])
    data = workshop_data(cast.workshop, end_date="2026-07-31")
    response = client.post(url, data | {"remove_days": "on"})
    assert "Day 6 · August 1 is in a release families were given" in response.text
    assert cast.workshop.days.count() == 7


def test_empty_days_the_dates_leave_out_go_only_once_the_organizer_says_so(client, cast):
    client.force_login(cast.organizer)
    ReleasedDay.objects.filter(release__workshop=cast.workshop).delete()
    url = reverse("setup_workshop", args=["summer"])
    data = workshop_data(cast.workshop, end_date="2026-07-31")
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["remove_days"] == [
        "These days have nothing planned, but the new dates leave them out: "
        "Day 6 · August 1, Day 7 · August 2."
    ]
    assert cast.workshop.days.count() == 7
    response = client.post(url, data | {"remove_days": "on"})
    assert response.status_code == 302
    assert [number for number, _ in days_of(cast.workshop)] == [1, 2, 3, 4, 5]
    assert "2 days removed: Day 6 · August 1, Day 7 · August 2." in messages_of(response)


@pytest.mark.parametrize(
    "changes, field, error",
    [
        ({"end_date": "2026-07-20"}, "end_date", "The last day cannot come before the first day."),
        ({"time_zone": "Mars/Olympus"}, "time_zone", None),
        ({"title": ""}, "title", "This field is required."),
        ({"reminder_time": "25:00"}, "reminder_time", "Enter a valid time."),
    ],
)
def test_bad_workshop_details_are_refused_and_nothing_changes(client, cast, changes, field, error):
    client.force_login(cast.organizer)
    data = workshop_data(cast.workshop, venue="Elsewhere", **changes)
    response = client.post(reverse("setup_workshop", args=["summer"]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    if error:
        assert errors[field] == [error]
    workshop = Workshop.objects.get(pk=cast.workshop.pk)
    assert (workshop.venue, workshop.end_date) == ("Community hall", datetime.date(2026, 8, 2))


# --- Days --------------------------------------------------------------------------------


def test_an_earlier_pickup_lists_the_sessions_that_no_longer_fit(client, cast):
    day = cast.workshop.days.get(number=1)
    SessionFactory(workshop=cast.workshop, day=day, title="Early circle", starts_at="09:00",
                   ends_at="09:30")  # fmt: skip
    client.force_login(cast.organizer)
    response = client.post(reverse("setup_day", args=["summer", 1]), day_data(day, pickup="10:30"))
    assert response.status_code == 302
    assert response["Location"] == reverse("setup_days", args=["summer"]) + "#day-1"
    assert messages_of(response) == [
        "Day 1 is saved. 3 sessions no longer fit its hours: change them or remove them."
    ]
    day.refresh_from_db()
    assert day.pickup == datetime.time(10, 30)
    page = client.get(response["Location"])
    assert [
        session.title for session in dict(page.context["days"])[day]
    ] == ["Kite shoots", "Lantern shoots", "Morning circle"]  # fmt: skip
    assert reverse("session_edit", args=[cast.session_a.pk]) in page.text
    assert Session.objects.filter(day=day).count() == 4


def test_saving_a_day_in_place_answers_its_card_with_the_sessions_that_no_longer_fit(client, cast):
    day = cast.workshop.days.get(number=1)
    client.force_login(cast.organizer)
    response = client.post(
        reverse("setup_day", args=["summer", 1]),
        day_data(day, doors_open="10:30"),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section class="card h-100 setup-day" id="day-1"')
    assert "<html" not in response.text
    assert "3 sessions no longer fit its hours" in response.text
    assert reverse("session_edit", args=[cast.session_b.pk]) in response.text


def test_the_day_form_in_place_is_a_fragment(client, cast):
    client.force_login(cast.organizer)
    url = reverse("setup_day", args=["summer", 2])
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text
    assert f'hx-post="{url}"' in response.text


def test_a_day_whose_sessions_still_fit_says_so(client, cast):
    day = cast.workshop.days.get(number=1)
    client.force_login(cast.organizer)
    data = day_data(day, pickup="16:00", what_to_bring="A hat", family_notes="Rain plan: hall")
    response = client.post(reverse("setup_day", args=["summer", 1]), data)
    assert messages_of(response) == ["Day 1 is saved."]
    day.refresh_from_db()
    assert (day.pickup, day.what_to_bring, day.family_notes) == (
        datetime.time(16),
        "A hat",
        "Rain plan: hall",
    )


def test_a_pickup_before_the_doors_open_is_refused_and_nothing_changes(client, cast):
    day = cast.workshop.days.get(number=2)
    client.force_login(cast.organizer)
    data = day_data(day, doors_open="10:00", pickup="09:00", what_to_bring="Changed")
    response = client.post(reverse("setup_day", args=["summer", 2]), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"pickup": ["Pickup must come after the doors open."]}
    assert "Pickup must come after the doors open." in response.text
    day.refresh_from_db()
    assert (day.doors_open, day.pickup, day.what_to_bring) == (
        datetime.time(9),
        datetime.time(17),
        "",
    )


def test_a_focus_stage_of_another_workshop_is_refused(client, cast):
    day = cast.workshop.days.get(number=2)
    theirs = cast.other_workshop.stages.get(key="acting")
    client.force_login(cast.organizer)
    response = client.post(
        reverse("setup_day", args=["summer", 2]), day_data(day, focus_stage=theirs.pk)
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["focus_stage"]
    day.refresh_from_db()
    assert day.focus_stage.key == "storyboard"


def test_a_day_that_does_not_exist_is_not_found(client, cast):
    client.force_login(cast.organizer)
    assert client.get(reverse("setup_day", args=["summer", 9])).status_code == 404


# --- Sessions outside their day ----------------------------------------------------------


def test_sessions_outside_their_day_are_the_ones_the_session_form_would_refuse(cast):
    day = cast.workshop.days.get(number=1)
    WorkshopDay.objects.filter(pk=day.pk).update(doors_open="10:30")
    late = SessionFactory(workshop=cast.workshop, day=day, starts_at="10:30", ends_at="12:00")
    sessions = Session.objects.filter(day__workshop=cast.workshop).select_related("day")
    outside = sessions_outside_their_day(sessions.order_by("title"))
    assert outside == [cast.session_b, cast.session_a, cast.session_all]
    assert late not in outside


def test_the_release_warnings_list_sessions_outside_their_day(cast):
    WorkshopDay.objects.filter(workshop=cast.workshop, number=1).update(pickup="10:30")
    warnings = [w for w in schedule_warnings(cast.workshop) if w.kind == "outside_day"]
    assert [w.message for w in warnings] == [
        f"“{session}” no longer fits day 1, which runs from 09:00 to 10:30."
        for session in (cast.session_b, cast.session_a, cast.session_all)
    ]


def test_the_setup_page_lists_sessions_outside_their_day(client, cast):
    WorkshopDay.objects.filter(workshop=cast.workshop, number=1).update(pickup="10:30")
    client.force_login(cast.organizer)
    response = client.get(reverse("setup", args=["summer"]))
    assert response.status_code == 200
    assert response.context["outside"] == [cast.session_b, cast.session_a, cast.session_all]
    assert reverse("session_edit", args=[cast.session_all.pk]) in response.text


# --- Rooms -------------------------------------------------------------------------------


def test_an_organizer_adds_a_room(client, cast):
    client.force_login(cast.organizer)
    data = {"name": "Studio 1", "capacity": 10, "directions": "First floor, left"}
    response = client.post(reverse("setup_rooms", args=["summer"]), data)
    assert response.status_code == 302
    room = cast.workshop.rooms.get()
    assert (room.name, room.capacity, room.directions) == ("Studio 1", 10, "First floor, left")
    assert messages_of(response) == ["Studio 1 is added."]


@pytest.mark.parametrize(
    "data, field, error",
    [
        ({"name": "studio", "capacity": 8}, "name", "There is already a room called “studio”."),
        ({"name": "Attic", "capacity": 0}, "capacity", "A room holds at least one person."),
        ({"name": "Attic", "capacity": "many"}, "capacity", "Enter a whole number."),
        ({"name": "", "capacity": 8}, "name", "This field is required."),
    ],
)
def test_a_bad_room_is_refused_and_nothing_is_added(client, cast, data, field, error):
    RoomFactory(workshop=cast.workshop, name="Studio")
    RoomFactory(workshop=cast.other_workshop, name="Attic")
    client.force_login(cast.organizer)
    response = client.post(reverse("setup_rooms", args=["summer"]), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [error]}
    assert list(cast.workshop.rooms.values_list("name", flat=True)) == ["Studio"]


def test_an_organizer_edits_a_room(client, cast):
    room = RoomFactory(workshop=cast.workshop, name="Studio")
    client.force_login(cast.organizer)
    data = {"name": "Studio A", "capacity": 14, "directions": "Past the library"}
    response = client.post(reverse("setup_room", args=["summer", room.pk]), data)
    assert response.status_code == 302
    room.refresh_from_db()
    assert (room.name, room.capacity, room.directions) == ("Studio A", 14, "Past the library")


def test_removing_a_room_asks_first_and_says_how_many_sessions_lose_it(client, cast):
    room = RoomFactory(workshop=cast.workshop, name="Studio")
    Session.objects.filter(pk__in=[cast.session_a.pk, cast.session_b.pk]).update(room=room)
    client.force_login(cast.organizer)
    url = reverse("setup_room_delete", args=["summer", room.pk])
    page = client.get(url)
    assert page.context["session_count"] == 2
    assert "2 sessions take place there: they stay on the schedule with no room." in page.text
    assert cast.workshop.rooms.count() == 1
    response = client.post(url)
    assert response.status_code == 302
    assert messages_of(response) == ["Studio is removed; 2 sessions have no room now."]
    assert cast.workshop.rooms.count() == 0
    assert list(
        Session.objects.filter(pk__in=[cast.session_a.pk, cast.session_b.pk]).values_list(
            "room", flat=True
        )
    ) == [None, None]


# --- Stages ------------------------------------------------------------------------------


def test_the_default_stages_have_distinct_colours(cast):
    colours = list(cast.workshop.stages.values_list("colour", flat=True))
    assert len(colours) == len(set(colours)) == 7


def test_an_organizer_renames_and_recolours_a_stage(client, cast):
    stage = cast.workshop.stages.get(key="sound")
    client.force_login(cast.organizer)
    data = {"name": "Music and sound", "colour": "#12ab34"}
    response = client.post(reverse("setup_stage", args=["summer", stage.pk]), data)
    assert response.status_code == 302
    stage.refresh_from_db()
    assert (stage.name, stage.colour) == ("Music and sound", "#12ab34")


def test_a_stage_colour_that_is_not_a_colour_is_refused(client, cast):
    stage = cast.workshop.stages.get(key="sound")
    client.force_login(cast.organizer)
    data = {"name": "Noise", "colour": "red"}
    response = client.post(reverse("setup_stage", args=["summer", stage.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "colour": ["Enter a colour as # and six hexadecimal digits, like #1f77b4."]
    }
    stage.refresh_from_db()
    assert (stage.name, stage.colour) == ("Sound", "#1098ad")


def stage_order(workshop) -> list[str]:
    return list(workshop.stages.order_by("position").values_list("key", flat=True))


def test_an_organizer_moves_a_stage_down_and_up(client, cast):
    script = cast.workshop.stages.get(key="script")
    client.force_login(cast.organizer)
    url = reverse("setup_stage_move", args=["summer", script.pk])
    assert client.post(url, {"direction": "down"}).status_code == 302
    assert stage_order(cast.workshop)[:3] == ["storyboard", "script", "acting"]
    assert client.post(url, {"direction": "up"}).status_code == 302
    assert client.post(url, {"direction": "up"}).status_code == 302
    assert stage_order(cast.workshop)[:3] == ["script", "storyboard", "acting"]
    assert stage_order(cast.other_workshop)[:2] == ["script", "storyboard"]


def test_moving_a_stage_in_place_answers_the_list(client, cast):
    sound = cast.workshop.stages.get(key="sound")
    client.force_login(cast.organizer)
    response = client.post(
        reverse("setup_stage_move", args=["summer", sound.pk]),
        {"direction": "down"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<ol class="list-group list-group-numbered"')
    assert stage_order(cast.workshop)[-2:] == ["screening", "sound"]


def test_a_move_that_is_neither_up_nor_down_is_refused(client, cast):
    script = cast.workshop.stages.get(key="script")
    client.force_login(cast.organizer)
    url = reverse("setup_stage_move", args=["summer", script.pk])
    assert client.post(url, {"direction": "sideways"}).status_code == 400
    assert stage_order(cast.workshop)[0] == "script"


# --- Query counts ------------------------------------------------------------------------

PAGES = [
    ("setup", 11),
    ("setup_days", 9),
    ("setup_rooms", 8),
    ("setup_stages", 8),
]


@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize("name, queries", PAGES, ids=[name for name, _ in PAGES])
def test_setup_page_query_count_does_not_grow(
    client, cast, django_assert_num_queries, size, name, queries
):
    grow(cast, size)
    for _ in range(size):
        RoomFactory(workshop=cast.workshop)
    WorkshopDay.objects.filter(workshop=cast.workshop).update(pickup="10:30")
    client.force_login(cast.organizer)
    url = reverse(name, args=["summer"])
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
