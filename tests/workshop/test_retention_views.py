"""The retention page (/workshops/<slug>/retention/): what will be erased and when, and what
was; for the workshop's organizers only."""

import datetime

import pytest
from django.urls import reverse

from deliveries.models import Delivery
from tests.factories import GuardianFactory, ParticipantFactory, PickupContactFactory, UserFactory
from tests.projects.media_files import ready_photo
from workshop import retention
from workshop.models import Attendance, Workshop

pytestmark = pytest.mark.django_db

ERASURE_DAY = datetime.datetime(2026, 8, 31, 15, 30, tzinfo=datetime.UTC)  # 1 Sept., Tokyo


def url(cast):
    return reverse("retention", args=[cast.workshop.slug])


def counts(response) -> dict[str, int]:
    return {count.kind: count.count for count in response.context["plan"].counts}


def test_organizer_sees_the_date_and_what_will_be_erased(client, cast, on_day_three):
    PickupContactFactory(participant=cast.child_a1)
    client.force_login(cast.organizer)
    response = client.get(url(cast))
    assert response.status_code == 200
    assert counts(response) == {
        "health_records": 4,
        "contacts": 1,
        "pickup_names": 0,
        "phones": 1,
        "media": 0,
        "originals": 0,
        "deliveries": 0,
    }
    page = response.content.decode()
    assert "On <strong>Sept. 1, 2026</strong>, at the first nightly run" in page
    assert "30 days after the workshop's last day" in page
    assert "Names of who picked the children up" in page
    assert "Messages sent: to whom, about what" in page
    assert "deletes each one 30 days after keeping it" in page
    assert "Nothing has been erased yet." in page
    # Counted, never read: no child's name or health note is on the page.
    for secret in ("Aoyama", "Peanuts", "Grandma", "080-9"):
        assert secret not in page


def test_after_the_run_the_page_shows_what_was_erased_and_when(
    client, cast, clock, django_capture_on_commit_callbacks
):
    ready_photo(cast.group_b, by=cast.mentor_b)
    clock(ERASURE_DAY)
    with django_capture_on_commit_callbacks(execute=True):
        retention.erase_due_workshops()
    client.force_login(cast.organizer)
    response = client.get(url(cast))
    assert [(e.kind, e.count, e.erased_at) for e in response.context["erasures"]] == [
        ("health_records", 4, ERASURE_DAY),
        ("phones", 1, ERASURE_DAY),
        ("media", 1, ERASURE_DAY),
    ]
    assert set(counts(response).values()) == {0}
    page = response.content.decode()
    assert "Still to erase" in page
    assert "Erasing began on Sept. 1, 2026; nothing is left to erase." in page
    assert "Photos and clips no family may see" in page


def test_the_page_leaves_out_another_workshops_erasures(client, cast, clock):
    Workshop.objects.filter(pk=cast.workshop.pk).update(
        start_date=datetime.date(2026, 8, 17), end_date=datetime.date(2026, 8, 23)
    )
    clock(ERASURE_DAY)
    assert list(retention.erase_due_workshops()) == [cast.other_workshop.pk]
    client.force_login(cast.organizer)
    response = client.get(url(cast))
    assert response.context["erasures"] == []


def test_setup_page_links_to_the_retention_page_with_the_date(client, cast):
    client.force_login(cast.organizer)
    page = client.get(reverse("setup", args=[cast.workshop.slug])).content.decode()
    assert f'href="{url(cast)}"' in page
    assert "Health records, contacts and phone numbers are erased from Sept. 1, 2026." in page


@pytest.mark.parametrize("viewer", ["mentor_a", "parent_a", "other_organizer"])
def test_others_do_not_learn_the_page_exists(client, cast, viewer):
    client.force_login(getattr(cast, viewer))
    assert client.get(url(cast)).status_code == 404


def picked_up(child, name: str) -> None:
    day = child.workshop.days.get(number=1)
    at = datetime.datetime.combine(day.date, datetime.time(9), tzinfo=child.workshop.tz)
    Attendance.objects.create(
        participant=child,
        day=day,
        checked_in_at=at,
        checked_out_at=at + datetime.timedelta(hours=7),
        picked_up_by_name=name,
    )


def reminded(workshop, user) -> None:
    day = workshop.days.get(number=1)
    Delivery.objects.create(
        workshop=workshop,
        recipient=user,
        kind=Delivery.Kind.EVENING_REMINDER,
        subject=f"day:{day.pk}",
        due_at=ERASURE_DAY,
    )


def grow(cast, times: int, clock) -> None:
    """Children with health records, contacts, phones, pickups, reminders and photos, and
    past erasures, in the workshop, `times` over."""
    for n in range(times):
        child = ParticipantFactory(workshop=cast.workshop, allergies="Egg")
        PickupContactFactory(participant=child)
        guardian = GuardianFactory(user=UserFactory(phone=f"090-{n}"), participant=child)
        picked_up(child, "Auntie")
        reminded(cast.workshop, guardian.user)
        ready_photo(cast.group_a, by=cast.mentor_a, children=[child])
        ready_photo(cast.group_a, by=cast.mentor_a)
    clock(ERASURE_DAY + datetime.timedelta(days=times))
    retention.erase_workshop(cast.workshop)
    for _ in range(times):
        child = ParticipantFactory(workshop=cast.workshop, allergies="Egg")
        PickupContactFactory(participant=child)
        guardian = GuardianFactory(participant=child)
        picked_up(child, "Uncle")
        reminded(cast.workshop, guardian.user)
        ready_photo(cast.group_b, by=cast.mentor_b, children=[child])


@pytest.mark.parametrize("size", [1, 3])
def test_the_page_asks_as_many_queries_at_any_size(
    client, cast, clock, django_assert_num_queries, size
):
    """The session, the user and their roles (5), the workshop, a count per kind (7), the
    log's entries, the workshops of the page's menu."""
    grow(cast, size, clock)
    client.force_login(cast.organizer)
    with django_assert_num_queries(15):
        response = client.get(url(cast))
    assert response.status_code == 200
    assert len(response.context["erasures"]) == 7
    assert counts(response)["contacts"] == size
    assert (counts(response)["pickup_names"], counts(response)["deliveries"]) == (size, size)


def test_after_erasing_the_workshops_pages_still_answer_and_show_none_of_it(
    client, cast, clock, django_capture_on_commit_callbacks
):
    PickupContactFactory(participant=cast.child_a1, name="Auntie Aoyama")
    picked_up(cast.child_a1, "Auntie Aoyama")
    photo = ready_photo(cast.group_a, by=cast.mentor_a, children=[cast.child_a1])
    client.force_login(cast.organizer)
    children = reverse("children", args=[cast.workshop.slug])
    assert "Peanuts" in client.get(children).content.decode()  # now cached

    clock(ERASURE_DAY)
    with django_capture_on_commit_callbacks(execute=True):
        retention.erase_due_workshops()

    pages = {
        "organizer": [
            children,
            reverse("participant", args=[cast.child_a1.pk]),
            reverse("call_sheet", args=[cast.workshop.slug, 1]),
            reverse("group_media", args=[cast.group_a.pk]),
            reverse("dashboard", args=[cast.workshop.slug]),
            reverse("attendance", args=[cast.workshop.slug, 1]),
        ],
        "parent_a": [
            reverse("participant", args=[cast.child_a1.pk]),
            reverse("child_media", args=[cast.child_a1.pk]),
            reverse("media_file", args=[photo.pk, "display"]),
        ],
    }
    for viewer, urls in pages.items():
        client.force_login(getattr(cast, viewer))
        for page_url in urls:
            response = client.get(page_url)
            assert (page_url, response.status_code) == (page_url, 200)
            body = response.content.decode(errors="replace")
            for erased in ("Peanuts", "EpiPen", "Grandma Aoyama", "Auntie Aoyama", "090-0000"):
                assert erased not in body
    client.force_login(cast.organizer)
    assert client.get(reverse("media_file", args=[photo.pk, "original"])).status_code == 404
