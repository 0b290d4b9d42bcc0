"""The planner's pages: who reads it, who moves sessions, and what a refused move leaves."""

import pytest
from django.urls import reverse

from tests.factories import RoomFactory, SessionFactory
from tests.workshop.test_query_counts import grow
from workshop.models import Session

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true", "HX-Target": "plan"}


def planner_url(**query):
    url = reverse("planner", args=["summer"])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def move(client, session, *, day=None, starts="10:00", ends="11:00", room="", query=""):
    data = {
        "day": (day or session.day).pk,
        "starts_at": starts,
        "ends_at": ends,
        "room": room,
    }
    url = reverse("session_move", args=[session.pk]) + (f"?{query}" if query else "")
    return client.post(url, data, headers=HTMX)


def day(cast, number):
    return cast.workshop.days.get(number=number)


def test_organizers_get_the_gestures_and_mentors_a_grid_to_read(client, cast):
    client.force_login(cast.organizer)
    page = client.get(planner_url()).text
    assert f'data-move="/sessions/{cast.session_a.pk}/move/?"' in page
    assert 'id="session-dialog"' in page
    client.force_login(cast.mentor_a)
    page = client.get(planner_url()).text
    assert "Lantern shoots" in page
    assert "data-move" not in page
    assert "session-dialog" not in page


def test_a_filter_with_htmx_answers_only_the_grid(client, cast):
    client.force_login(cast.organizer)
    response = client.get(planner_url(group=cast.group_b.pk), headers={"HX-Request": "true"})
    assert "<html" not in response.text
    assert "Kite shoots" in response.text
    assert "Lantern shoots" not in response.text


def test_a_move_saves_and_answers_the_two_days_it_touched(client, cast):
    client.force_login(cast.organizer)
    response = move(client, cast.session_a, day=day(cast, 2), starts="13:00", ends="14:30")
    assert response.status_code == 200
    cast.session_a.refresh_from_db()
    assert (cast.session_a.day.number, f"{cast.session_a.starts_at:%H:%M}") == (2, "13:00")
    assert 'id="column-day-1" hx-swap-oob="true"' in response.text
    assert 'id="column-day-2" hx-swap-oob="true"' in response.text
    assert 'id="column-day-3"' not in response.text
    assert "is now on day 2 (not released yet)" in response.text
    assert "warningsChanged" in response["HX-Trigger"]


def test_a_move_in_a_day_view_answers_that_days_grid_and_may_change_room(client, cast):
    studio = RoomFactory(workshop=cast.workshop, name="Studio")
    client.force_login(cast.organizer)
    response = move(
        client, cast.session_b, starts="13:00", ends="14:00", room=studio.pk, query="day=1"
    )
    assert 'id="plan-grid" hx-swap-oob="true"' in response.text
    assert Session.objects.get(pk=cast.session_b.pk).room == studio


def test_a_room_clash_is_refused_naming_both_sessions_and_changes_nothing(client, cast):
    studio = RoomFactory(workshop=cast.workshop, name="Studio")
    Session.objects.filter(pk=cast.session_b.pk).update(room=studio, day=day(cast, 2))
    client.force_login(cast.organizer)
    response = move(
        client, cast.session_a, day=day(cast, 2), starts="10:30", ends="11:30", room=studio.pk
    )
    assert "“Lantern shoots (10:00–11:00)” stays where it was" in response.text
    assert (
        "“Lantern shoots (10:30–11:30)” cannot be in Studio: it is already taken then by"
        in response.text
    )
    assert "“Kite shoots (10:00–11:00)”" in response.text
    cast.session_a.refresh_from_db()
    assert (cast.session_a.day.number, cast.session_a.room) == (1, None)
    # The day it was dragged to is answered too, so that the preview there goes away.
    assert 'id="column-day-2" hx-swap-oob="true"' in response.text


@pytest.mark.parametrize(
    "starts, ends, message",
    [
        ("08:00", "09:30", "This session falls outside its day: day 2 runs from 09:00 to 17:00."),
        ("12:00", "11:00", "A session must end after it starts."),
        ("noon", "13:00", "Enter a valid time."),
    ],
)
def test_a_move_outside_the_day_or_backwards_is_refused(client, cast, starts, ends, message):
    client.force_login(cast.organizer)
    response = move(client, cast.session_a, day=day(cast, 2), starts=starts, ends=ends)
    assert message in response.text
    assert Session.objects.get(pk=cast.session_a.pk).day.number == 1


def test_a_day_or_room_of_another_workshop_is_refused(client, cast):
    foreign_room = RoomFactory(workshop=cast.other_workshop)
    client.force_login(cast.organizer)
    move(client, cast.session_a, day=cast.other_workshop.days.first())
    move(client, cast.session_a, day=day(cast, 2), room=foreign_room.pk)
    cast.session_a.refresh_from_db()
    assert (cast.session_a.day.number, cast.session_a.room) == (1, None)


def test_mentors_and_other_organizers_cannot_move_a_session(client, cast):
    for user in (cast.mentor_a, cast.other_organizer, cast.parent_a):
        client.force_login(user)
        assert move(client, cast.session_a, day=day(cast, 2)).status_code == 404
    assert Session.objects.get(pk=cast.session_a.pk).day.number == 1


def test_without_htmx_a_move_leads_back_to_the_planner_with_a_message(client, cast):
    client.force_login(cast.organizer)
    url = reverse("session_move", args=[cast.session_a.pk]) + "?day=1"
    data = {"day": day(cast, 1).pk, "starts_at": "14:00", "ends_at": "15:00", "room": ""}
    response = client.post(url, data, follow=True)
    assert response.redirect_chain[-1][0] == f"{planner_url(day=1)}#block-{cast.session_a.pk}"
    assert "is now on day 1" in response.text


def test_the_warnings_part_follows_a_move(client, cast):
    clash = SessionFactory(workshop=cast.workshop, title="Sound walk")
    clash.mentors.add(cast.mentor_a)
    client.force_login(cast.organizer)
    part = client.get(planner_url(part="warnings"), headers={"HX-Request": "true"}).text
    assert "is in two places at once on day 1" in part
    move(client, clash, day=day(cast, 2))
    part = client.get(planner_url(part="warnings"), headers={"HX-Request": "true"}).text
    assert "is in two places at once" not in part


def test_a_new_session_form_takes_a_preset(client, cast):
    client.force_login(cast.organizer)
    url = reverse("session_new", args=["summer"])
    form = client.get(url, {"day": 3, "kind": "break", "for_all_groups": "1", "title": "Break"})
    assert form.context["form"].initial["kind"] == "break"
    assert form.context["form"].initial["day"] == day(cast, 3)


def test_the_dialog_saves_and_tells_the_planner_to_re_render(client, cast):
    client.force_login(cast.organizer)
    url = reverse("session_edit", args=[cast.session_b.pk])
    dialog = {"HX-Request": "true", "HX-Target": "session-dialog-body"}
    form = client.get(url, headers=dialog)
    assert "<html" not in form.text and f'hx-post="{url}"' in form.text
    data = {
        "day": day(cast, 2).pk, "starts_at": "10:00", "ends_at": "11:00", "title": "Kite flies",
        "kind": "stage_work", "groups": [cast.group_b.pk],
    }  # fmt: skip
    saved = client.post(url, data, headers=dialog)
    assert saved.status_code == 204
    assert "planChanged" in saved["HX-Trigger"]
    refused = client.post(url, data | {"ends_at": "09:00"}, headers=dialog)
    assert refused.status_code == 200 and "<html" not in refused.text


@pytest.mark.parametrize("size", [1, 3])
def test_the_planner_and_a_move_ask_as_many_queries_whatever_the_size(
    client, cast, django_assert_num_queries, size
):
    grow(cast, size)
    client.force_login(cast.organizer)
    with django_assert_num_queries(17):
        assert client.get(planner_url()).status_code == 200
    # Another view of the same plan reuses the groups, rooms, mentors and days read above.
    with django_assert_num_queries(6):
        assert client.get(planner_url(mentor=cast.mentor_a.pk, day=1)).status_code == 200
    # A move reads the set-up kept since the first page (moves do not change it), and the
    # sessions of the days it touches once, for the clashes and the columns it redraws.
    with django_assert_num_queries(7):
        assert move(client, cast.session_a, day=day(cast, 2)).status_code == 200


def test_the_page_carries_each_stage_and_group_colour_in_a_style_the_policy_allows(client, cast):
    client.force_login(cast.organizer)
    response = client.get(planner_url(colour="group"))
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'<style nonce="{nonce}">' in response.text
    assert f".colour-group-{cast.group_a.pk}{{--block:{cast.group_a.colour}}}" in response.text
    assert f"colour-group-{cast.group_a.pk}" in response.text.split('id="plan"')[1]
    assert '<option value="group" selected>' in response.text
