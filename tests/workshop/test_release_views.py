"""The release pages (workshop/views/releases.py): the history, what the next release
changes with its warnings, and publishing."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import ParticipantFactory, RoomFactory
from workshop.models import ScheduleRelease

pytestmark = pytest.mark.django_db


def new_release_url(cast):
    return reverse("release_new", args=[cast.workshop.slug])


def test_the_history_lists_releases_and_says_what_is_not_released(client, cast):
    cast.session_a.title = "Lantern reshoots"
    cast.session_a.save()
    client.force_login(cast.mentor_a)
    response = client.get(reverse("releases", args=[cast.workshop.slug]))
    assert response.status_code == 200
    assert [release.number for release in response.context["releases"]] == [1]
    assert "1 change is not released yet: families do not see it." in response.text
    assert new_release_url(cast) not in response.text  # mentors read, organizers release


def test_the_next_release_shows_its_changes_and_warnings(client, cast):
    cast.session_a.starts_at, cast.session_a.ends_at = datetime.time(14), datetime.time(15)
    cast.session_a.save()
    ParticipantFactory(workshop=cast.workshop, given_name="Lone")
    client.force_login(cast.organizer)
    html = client.get(new_release_url(cast)).text
    assert "Moved" in html
    assert "Was:" in html
    assert "1 child has no group, so no group session reaches them." in html


def test_releasing_with_warnings_needs_a_tick_and_publishes_nothing_without_it(client, cast):
    cast.session_a.title = "Lantern reshoots"
    cast.session_a.save()
    ParticipantFactory(workshop=cast.workshop)
    client.force_login(cast.organizer)
    response = client.post(new_release_url(cast), {"name": "Reshoot"})
    assert response.status_code == 200
    assert "Read the warnings above, then tick this box to release anyway." in response.text
    assert ScheduleRelease.objects.filter(workshop=cast.workshop).count() == 1
    response = client.post(new_release_url(cast), {"name": "Reshoot", "confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse("release", args=[cast.workshop.slug, 2])
    release = cast.workshop.releases.get(number=2)
    assert (release.name, release.published_by) == ("Reshoot", cast.organizer)


def test_nothing_to_release_is_said_and_nothing_is_published(client, cast):
    client.force_login(cast.organizer)
    response = client.post(new_release_url(cast), {"name": "Again", "confirm": "on"})
    assert "Nothing has changed since release 1: there is nothing to release." in response.text
    assert cast.workshop.releases.count() == 1


def test_a_mentor_may_not_release(client, cast):
    cast.session_a.title = "Lantern reshoots"
    cast.session_a.save()
    client.force_login(cast.mentor_a)
    assert client.post(new_release_url(cast), {"confirm": "on"}).status_code == 404
    assert cast.workshop.releases.count() == 1


def test_a_release_page_says_what_it_changed(client, cast):
    cast.session_b.delete()
    cast.session_a.room = RoomFactory(workshop=cast.workshop, name="Garden")
    cast.session_a.save()
    client.force_login(cast.organizer)
    client.post(new_release_url(cast), {"name": "Rain plan", "confirm": "on"})
    html = client.get(reverse("release", args=[cast.workshop.slug, 2])).text
    assert "Release 2: Rain plan" in html
    assert "Cancelled" in html
    assert "Kite shoots" in html
    assert "Garden" in html


def test_another_workshops_release_is_not_found(client, cast):
    client.force_login(cast.organizer)
    url = reverse("release", args=[cast.other_workshop.slug, 1])
    assert client.get(url).status_code == 404
    assert client.get(reverse("release", args=[cast.workshop.slug, 9])).status_code == 404


def test_a_release_of_only_a_days_pickup_is_published_and_its_page_says_so(client, cast):
    day = cast.workshop.days.get(number=3)
    day.pickup = datetime.time(16, 30)
    day.save()
    client.force_login(cast.organizer)
    week = client.get(reverse("week", args=[cast.workshop.slug])).text
    assert "1 change is not released yet: families do not see it." in week
    assert "Pickup moved from 17:00 to 16:30." in client.get(new_release_url(cast)).text
    response = client.post(new_release_url(cast), {"name": "Early pickup", "confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse("release", args=[cast.workshop.slug, 2])
    html = client.get(response["Location"]).text
    assert "Pickup moved from 17:00 to 16:30." in html
    assert "Day 3" in html
