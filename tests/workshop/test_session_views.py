"""Editing the working copy (workshop/views/sessions.py): organizers add, change, duplicate
and remove sessions; a clash is refused with a message naming both sessions, and nothing
reaches families before a release."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import RoomFactory
from workshop.models import Session
from workshop.services import publish_schedule

pytestmark = pytest.mark.django_db


def form_data(cast, **changes):
    data = {
        "day": cast.workshop.days.get(number=2).pk,
        "starts_at": "14:00",
        "ends_at": "15:30",
        "title": "Lantern rehearses",
        "kind": "stage_work",
        "groups": [cast.group_a.pk],
    }
    return data | changes


def test_an_organizer_adds_a_session_that_families_see_after_the_release(client, cast):
    client.force_login(cast.organizer)
    response = client.post(reverse("session_new", args=["summer"]), form_data(cast))
    assert response.status_code == 302
    session = Session.objects.get(title="Lantern rehearses")
    assert (session.day.number, list(session.groups.all())) == (2, [cast.group_a])
    family = Client()
    family.force_login(cast.parent_a)
    assert "Lantern rehearses" not in family.get(reverse("day", args=["summer", 2])).text
    publish_schedule(cast.workshop, by=cast.organizer)
    assert "Lantern rehearses" in family.get(reverse("day", args=["summer", 2])).text


def test_a_session_outside_its_day_is_refused_and_nothing_is_saved(client, cast):
    client.force_login(cast.organizer)
    response = client.post(
        reverse("session_new", args=["summer"]), form_data(cast, starts_at="18:00", ends_at="19:00")
    )
    assert response.status_code == 200
    assert "This session falls outside its day: day 2 runs from 09:00 to 17:00." in response.text
    assert not Session.objects.filter(title="Lantern rehearses").exists()


def test_a_room_in_two_places_is_refused_naming_both_sessions(client, cast):
    studio = RoomFactory(workshop=cast.workshop, name="Studio")
    cast.session_b.room = studio
    cast.session_b.save()
    client.force_login(cast.organizer)
    data = form_data(
        cast, day=cast.session_b.day_id, starts_at="10:30", ends_at="11:30", room=studio.pk
    )
    response = client.post(reverse("session_new", args=["summer"]), data)
    assert response.status_code == 200
    assert (
        "“Lantern rehearses (10:30–11:30)” cannot be in Studio: it is already taken then by "
        f"“{cast.session_b}”."
    ) in response.text
    assert not Session.objects.filter(title="Lantern rehearses").exists()


def test_a_group_in_two_places_is_refused_naming_the_other_session(client, cast):
    client.force_login(cast.organizer)
    data = form_data(cast, day=cast.session_a.day_id, starts_at="10:30", ends_at="11:30")
    response = client.post(reverse("session_new", args=["summer"]), data)
    assert (
        "“Lantern rehearses (10:30–11:30)” cannot be then: some of its groups are already in "
        f"“{cast.session_a}”."
    ) in response.text
    assert not Session.objects.filter(title="Lantern rehearses").exists()


def test_a_room_of_another_workshop_is_not_a_choice(client, cast):
    elsewhere = RoomFactory(workshop=cast.other_workshop, name="Igloo")
    client.force_login(cast.organizer)
    response = client.post(
        reverse("session_new", args=["summer"]), form_data(cast, room=elsewhere.pk)
    )
    assert response.status_code == 200
    assert "Select a valid choice." in response.text
    assert "Igloo" not in response.text


def test_editing_keeps_the_session_and_touching_sessions_do_not_clash(client, cast):
    client.force_login(cast.organizer)
    data = form_data(
        cast, day=cast.session_a.day_id, starts_at="11:00", ends_at="12:00", title="Moved"
    )
    response = client.post(reverse("session_edit", args=[cast.session_a.pk]), data)
    assert response.status_code == 302
    cast.session_a.refresh_from_db()
    assert (cast.session_a.title, f"{cast.session_a.starts_at:%H:%M}") == ("Moved", "11:00")


def test_a_duplicate_is_a_copy_to_change(client, cast):
    client.force_login(cast.organizer)
    response = client.post(reverse("session_duplicate", args=[cast.session_a.pk]))
    copy = Session.objects.get(title="Lantern shoots (copy)")
    assert response["Location"] == reverse("session_edit", args=[copy.pk])
    assert list(copy.groups.all()) == [cast.group_a]
    assert (copy.day, copy.starts_at) == (cast.session_a.day, cast.session_a.starts_at)


def test_a_removed_session_is_cancelled_for_families_after_the_release(client, cast):
    client.force_login(cast.organizer)
    response = client.post(reverse("session_delete", args=[cast.session_a.pk]))
    assert response.status_code == 302
    assert not Session.objects.filter(pk=cast.session_a.pk).exists()
    family = Client()
    family.force_login(cast.parent_a)
    assert "Lantern shoots" in family.get(reverse("week", args=["summer"])).text
    release = publish_schedule(cast.workshop, by=cast.organizer)
    assert release.sessions.get(session_key=cast.session_a.pk).is_cancelled
    assert "Lantern shoots" not in family.get(reverse("week", args=["summer"])).text


def test_a_mentor_may_read_the_schedule_but_not_change_it(client, cast):
    client.force_login(cast.mentor_a)
    url = reverse("session_edit", args=[cast.session_a.pk])
    assert client.post(url, form_data(cast, title="Mine now")).status_code == 404
    cast.session_a.refresh_from_db()
    assert cast.session_a.title == "Lantern shoots"


def test_organizers_see_edit_links_on_the_week_and_mentors_do_not(client, cast):
    edit = reverse("session_edit", args=[cast.session_a.pk])
    client.force_login(cast.organizer)
    assert edit in client.get(reverse("week", args=["summer"])).text
    client.force_login(cast.mentor_a)
    assert edit not in client.get(reverse("week", args=["summer"])).text


def test_a_days_plan_is_copied_to_an_empty_day_with_its_groups_and_mentors(client, cast):
    cast.session_a.mentors.add(cast.mentor_a)
    empty = cast.workshop.days.get(number=4)
    client.force_login(cast.organizer)
    url = reverse("day_copy", args=["summer", 1])
    response = client.post(url, {"to": empty.pk})
    assert response["Location"] == reverse("day", args=["summer", 4])
    copied = Session.objects.filter(day=empty).order_by("title")
    assert [s.title for s in copied] == ["Kite shoots", "Lantern shoots", "Morning circle"]
    lantern = copied.get(title="Lantern shoots")
    assert (list(lantern.groups.all()), list(lantern.mentors.all())) == (
        [cast.group_a],
        [cast.mentor_a],
    )
    assert Session.objects.filter(day__number=1, day__workshop=cast.workshop).count() == 3


def test_a_plan_is_not_copied_over_a_day_that_has_sessions(client, cast):
    busy = cast.workshop.days.get(number=1)
    cast.session_b.day = cast.workshop.days.get(number=2)
    cast.session_b.save()
    client.force_login(cast.organizer)
    response = client.post(reverse("day_copy", args=["summer", 2]), {"to": busy.pk}, follow=True)
    assert "Day 1 already has sessions: copy only to an empty day." in response.text
    assert Session.objects.filter(day=busy).count() == 2


def test_another_workshops_day_group_mentor_or_stage_is_not_a_choice(client, cast):
    other = cast.other_workshop
    client.force_login(cast.organizer)
    url = reverse("session_new", args=["summer"])
    for field, value in [
        ("day", other.days.get(number=2).pk),
        ("groups", [cast.group_x.pk]),
        ("mentors", [cast.other_organizer.pk]),
        ("stage", other.stages.get(key="script").pk),
    ]:
        response = client.post(url, form_data(cast, **{field: value}))
        assert response.status_code == 200, field
        assert "Select a valid choice." in response.text, field
    assert not Session.objects.filter(title="Lantern rehearses").exists()


def test_editing_keeps_a_session_leader_who_is_not_a_mentor(client, cast):
    cast.session_a.mentors.add(cast.organizer)
    client.force_login(cast.organizer)
    data = form_data(
        cast, day=cast.session_a.day_id, starts_at="11:00", ends_at="12:00",
        mentors=[cast.organizer.pk],
    )  # fmt: skip
    assert client.post(reverse("session_edit", args=[cast.session_a.pk]), data).status_code == 302
    assert list(cast.session_a.mentors.all()) == [cast.organizer]
