"""A new edition from a previous one (workshop/services.py `new_edition`, the set-up page):
the week's pattern and plan come along, the children and their families do not."""

import datetime

import pytest
from django.urls import reverse

from groups.models import Group
from tests.factories import RoomFactory
from workshop.models import Participant, Session, StaffMembership, Workshop
from workshop.services import new_edition

pytestmark = pytest.mark.django_db

NEXT = datetime.date(2027, 8, 2)


def test_the_plan_rooms_stages_and_groups_come_along_but_not_the_children(cast):
    studio = RoomFactory(workshop=cast.workshop, name="Studio", capacity=9)
    Session.objects.filter(pk=cast.session_a.pk).update(room=studio)
    day = cast.workshop.days.get(number=2)
    day.pickup = datetime.time(16, 30)
    day.what_to_bring = "A hat"
    day.save()

    workshop = new_edition(
        cast.workshop, title="Summer 2027", slug="summer-2027", start_date=NEXT, by=cast.organizer
    )
    assert (workshop.start_date, workshop.venue) == (NEXT, cast.workshop.venue)
    assert (
        workshop.end_date - workshop.start_date == cast.workshop.end_date - cast.workshop.start_date
    )
    assert not workshop.is_published and workshop.latest_release is None
    new_day = workshop.days.get(number=2)
    assert (new_day.date, new_day.pickup, new_day.what_to_bring) == (
        NEXT + datetime.timedelta(days=1), datetime.time(16, 30), "A hat"
    )  # fmt: skip
    assert new_day.focus_stage.workshop == workshop
    assert list(workshop.stages.values_list("key", flat=True)) == list(
        cast.workshop.stages.values_list("key", flat=True)
    )
    lantern = Group.objects.get(workshop=workshop, name="Lantern")
    assert lantern.film is not None and not lantern.mentors.exists()
    copied = Session.objects.get(day__workshop=workshop, title="Lantern shoots")
    assert list(copied.groups.all()) == [lantern]
    assert (copied.room.name, copied.room.workshop) == ("Studio", workshop)
    assert not copied.mentors.exists()
    assert Session.objects.filter(day__workshop=workshop).count() == 3
    assert not Participant.objects.filter(workshop=workshop).exists()
    assert list(StaffMembership.objects.filter(workshop=workshop).values_list("user", "role")) == [
        (cast.organizer.pk, StaffMembership.Role.ORGANIZER)
    ]
    # The old edition is untouched.
    assert Session.objects.filter(day__workshop=cast.workshop).count() == 3


def test_the_page_suggests_next_year_and_makes_the_edition(client, cast):
    client.force_login(cast.organizer)
    url = reverse("setup_new_edition", args=["summer"])
    page = client.get(url)
    assert page.context["form"].initial[
        "start_date"
    ] == cast.workshop.start_date + datetime.timedelta(weeks=52)
    response = client.post(
        url, {"title": "Summer 2027", "slug": "summer-2027", "start_date": "2027-08-02"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("setup", args=["summer-2027"])
    assert Workshop.objects.get(slug="summer-2027").title == "Summer 2027"


@pytest.mark.parametrize(
    "data, message",
    [
        ({"title": "Again", "slug": "winter", "start_date": "2027-08-02"},
         "Another workshop already uses “winter”."),
        ({"title": "Again", "slug": "summer 2027", "start_date": "2027-08-02"},
         "Enter a valid “slug”"),
        ({"title": "", "slug": "summer-2027", "start_date": "someday"}, "Enter a valid date."),
    ],
)  # fmt: skip
def test_bad_input_is_named_and_makes_nothing(client, cast, data, message):
    client.force_login(cast.organizer)
    response = client.post(reverse("setup_new_edition", args=["summer"]), data)
    assert response.status_code == 200
    assert message in response.text
    assert Workshop.objects.count() == 2
