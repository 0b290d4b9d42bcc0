"""The screening page: its programme names children by first name, only with consent for the
public; the invitation's reply takes 0 to 10 guests until the screening begins."""

import datetime

import pytest
from django.urls import reverse

from projects.selectors import screening_programme
from projects.services import set_crew_role
from tests.factories import RoomFactory, SessionFactory
from workshop.models import ScreeningReply, Session
from workshop.services import publish_schedule, record_consent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_day_three")]

URL = reverse("screening", args=["summer"])


@pytest.fixture
def credited(cast):
    """Group A's film with a public child as actor and a child without that consent."""
    film = cast.group_a.film
    film.title, film.logline = "The Paper Lantern", "A lantern that only lights for liars."
    film.save()
    day = cast.workshop.days.get(number=1)
    cast.child_a1.given_name, cast.child_a2.given_name = "Hina", "Ren"
    for child, consent, role in (
        (cast.child_a1, "public", "actor"),
        (cast.child_a2, "families", "actor"),
    ):
        child.save(update_fields=["given_name"])
        record_consent(child, media_consent=consent, by=cast.organizer)
        set_crew_role(film, day=day, child=child, role=role, held=True)
    set_crew_role(film, day=day, child=cast.child_a2, role="camera", held=True)
    return film


@pytest.fixture
def screening(cast):
    """A screening on the last day at 14:00, released."""
    room = RoomFactory(workshop=cast.workshop, name="Main hall", directions="Through the red doors")
    session = SessionFactory(
        workshop=cast.workshop,
        day=cast.workshop.days.get(number=7),
        starts_at=datetime.time(14),
        ends_at=datetime.time(15),
        title="Screening for families",
        kind=Session.Kind.SCREENING,
        room=room,
        for_all_groups=True,
    )
    publish_schedule(cast.workshop, by=cast.organizer)
    return session


def test_the_programme_names_first_names_only_and_only_with_consent_for_the_public(
    client, cast, credited
):
    client.force_login(cast.parent_two)
    html = client.get(URL).content.decode()
    assert "The Paper Lantern" in html
    assert "A lantern that only lights for liars." in html
    assert "Hina" in html
    assert cast.child_a1.family_name not in html
    assert "Ren" not in html  # the parent's own child, but not cleared for the public


def test_a_consent_change_takes_the_name_off_the_programme_at_once(client, cast, credited):
    record_consent(cast.child_a1, media_consent="families", by=cast.parent_a)
    client.force_login(cast.parent_a)
    assert "Hina" not in client.get(URL).content.decode()


def test_the_running_order_credits_each_role_and_counts_the_unnamed(cast, credited):
    [kite, lantern] = screening_programme(cast.workshop)
    assert (kite.position, kite.film.group, kite.credits) == (1, cast.group_b, [])
    credits = {credit.role: (credit.names, credit.others) for credit in lantern.credits}
    assert credits == {"actor": (["Hina"], 1), "camera": ([], 1)}
    assert lantern.on_screen_without_consent == 1


def test_staff_are_told_of_a_child_on_screen_without_consent(client, cast, credited):
    client.force_login(cast.organizer)
    html = client.get(URL).content.decode()
    assert "1 child on screen without consent for the public screening." in html
    assert "Ren" not in html


def test_a_family_replies_with_guests_and_changes_the_reply(client, cast, screening):
    client.force_login(cast.parent_a)
    page = client.get(URL).content.decode()
    assert "Screening for families" in page and "Through the red doors" in page
    response = client.post(URL, {"guests": "3"})
    assert response.status_code == 302
    client.post(URL, {"guests": "2"})
    reply = ScreeningReply.objects.get()
    assert (reply.user, reply.workshop, reply.guests) == (cast.parent_a, cast.workshop, 2)
    assert "You replied: 2 guests with you." in client.get(URL).content.decode()


@pytest.mark.parametrize("guests", ["-1", "11", "three", ""])
def test_a_bad_number_of_guests_is_refused_with_a_message_and_changes_nothing(
    client, cast, screening, guests
):
    ScreeningReply.objects.create(workshop=cast.workshop, user=cast.parent_a, guests=4)
    client.force_login(cast.parent_a)
    response = client.post(URL, {"guests": guests})
    assert response.status_code == 400
    assert "Enter a number of guests from 0 to 10." in response.content.decode()
    assert list(ScreeningReply.objects.values_list("guests", flat=True)) == [4]


def test_replies_close_when_the_screening_begins(client, cast, screening, clock):
    ScreeningReply.objects.create(workshop=cast.workshop, user=cast.parent_a, guests=4)
    clock(datetime.datetime(2026, 8, 2, 5, 0, tzinfo=datetime.UTC))  # 14:00 in Tokyo
    client.force_login(cast.parent_a)
    response = client.post(URL, {"guests": "6"})
    assert response.status_code == 400
    assert "The screening has begun: replies can no longer change." in response.content.decode()
    assert list(ScreeningReply.objects.values_list("guests", flat=True)) == [4]
    assert 'id="reply-form"' not in client.get(URL).content.decode()


def test_organizers_see_the_total_and_families_do_not(client, cast, screening):
    ScreeningReply.objects.create(workshop=cast.workshop, user=cast.parent_a, guests=4)
    ScreeningReply.objects.create(workshop=cast.workshop, user=cast.parent_two, guests=3)
    client.force_login(cast.organizer)
    assert "2 families replied, bringing 7 guests." in client.get(URL).content.decode()
    client.force_login(cast.parent_a)
    assert 'id="reply-totals"' not in client.get(URL).content.decode()


def test_staff_do_not_reply(client, cast, screening):
    client.force_login(cast.mentor_a)
    assert client.post(URL, {"guests": "2"}).status_code == 403
    assert not ScreeningReply.objects.exists()


def test_the_parents_and_organizers_home_link_the_screening(client, cast):
    for user in (cast.parent_a, cast.organizer):
        client.force_login(user)
        assert f'href="{URL}"' in client.get(reverse("home")).content.decode()


def test_a_reply_leaves_the_cached_pages_alone(cast, screening):
    from workshop.page_cache import data_version
    from workshop.screening import reply_to_screening

    before = data_version()
    reply_to_screening(cast.workshop, by=cast.parent_a, guests=3)
    assert data_version() == before
