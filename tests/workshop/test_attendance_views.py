"""The attendance sheet and checking in and out (views/attendance.py): for the workshop's
organizers and the group's own mentors; refused input changes nothing and says why."""

import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import DAY_THREE
from tests.factories import PickupContactFactory
from tests.pages import page
from workshop.models import Attendance
from workshop.services import check_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_day_three")]

HTMX = {"HX-Request": "true"}


def sheet_url(**query):
    url = reverse("attendance", args=["summer", 3])
    return f"{url}?group={query['group']}" if query else url


def check_in_url(child, number=3):
    return reverse("attendance_check_in", args=[child.pk, number])


def check_out_url(child, number=3):
    return reverse("attendance_check_out", args=[child.pk, number])


def unmasked(html: str) -> str:
    """The page without its CSRF tokens, which are masked anew each time."""
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", html)


def arrived(cast, child):
    return check_in(child, day=cast.workshop.days.get(number=3), by=cast.organizer)


def test_a_mentor_sees_their_groups_children_and_no_one_elses(client, cast):
    PickupContactFactory(participant=cast.child_b2, name="Secret Uncle")
    arrived(cast, cast.child_b2)
    response, html = page(client, cast.mentor_a, sheet_url())
    assert response.status_code == 200
    assert [part.group for part in response.context["sheet"]] == [cast.group_a]
    assert "Aoyama" in html
    assert "Bystander" not in html
    assert "Secret Uncle" not in html


def test_a_mentor_asking_for_another_group_gets_404(client, cast):
    arrived(cast, cast.child_a1)
    response, html = page(client, cast.mentor_b, sheet_url(group=cast.group_a.pk))
    assert response.status_code == 404
    assert "Aoyama" not in html


def test_an_organizer_sees_every_group_or_one(client, cast):
    response, _ = page(client, cast.organizer, sheet_url())
    assert [part.group for part in response.context["sheet"]] == [cast.group_b, cast.group_a]
    response, html = page(client, cast.organizer, sheet_url(group=cast.group_b.pk))
    assert [part.group for part in response.context["sheet"]] == [cast.group_b]
    assert "Aoyama" not in html


def test_check_in_by_the_page_script_answers_the_childs_card(client, cast):
    client.force_login(cast.mentor_a)
    tap = str(uuid.uuid4())
    data = {"client_id": tap, "at": "2026-07-29T00:20:00.000Z"}
    response = client.post(check_in_url(cast.child_a1), data, headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(
        f'<li class="card attendance-child state-present" id="child-{cast.child_a1.pk}"'
    )
    assert "Here since 09:20" in html
    again = client.post(check_in_url(cast.child_a1), data, headers=HTMX)
    assert (again.status_code, unmasked(again.content.decode())) == (200, unmasked(html))
    assert Attendance.objects.get().check_in_id == uuid.UUID(tap)


def test_check_in_by_a_plain_form_goes_back_to_the_sheet(client, cast):
    client.force_login(cast.mentor_a)
    response = client.post(check_in_url(cast.child_a1))
    assert response.status_code == 302
    assert response["Location"] == f"{sheet_url()}#child-{cast.child_a1.pk}"
    assert Attendance.objects.get().checked_in_at == DAY_THREE


@pytest.mark.parametrize(
    "data, message",
    [
        ({"client_id": "not-a-uuid"}, "The phone sent this in a form the site cannot read."),
        ({"at": "yesterday"}, "The phone sent this in a form the site cannot read."),
        ({"at": "2026-07-29T00:20:00"}, "The phone sent this in a form the site cannot read."),
        ({"at": "2026-07-28T00:20:00Z"}, "Attendance is taken on the day itself."),
    ],
    ids=["bad id", "bad time", "time without zone", "another day"],
)
def test_check_in_with_bad_input_says_why_and_records_nothing(client, cast, data, message):
    client.force_login(cast.mentor_a)
    response = client.post(check_in_url(cast.child_a1), data, headers=HTMX)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Attendance.objects.exists() is False


def test_check_in_on_another_day_is_refused_with_a_message(client, cast):
    client.force_login(cast.mentor_a)
    response = client.post(check_in_url(cast.child_a1, number=5), follow=True)
    assert "Attendance is taken on the day itself." in response.content.decode()
    assert Attendance.objects.exists() is False


def test_a_guardian_may_not_check_their_child_in(client, cast):
    client.force_login(cast.parent_a)
    assert client.post(check_in_url(cast.child_a1), headers=HTMX).status_code == 403
    assert Attendance.objects.exists() is False


def test_another_groups_mentor_gets_404_on_check_in_and_out(client, cast):
    arrived(cast, cast.child_a1)
    client.force_login(cast.mentor_b)
    guardian = cast.child_a1.guardians.get()
    assert client.post(check_in_url(cast.child_a2), headers=HTMX).status_code == 404
    response = client.post(
        check_out_url(cast.child_a1), {"pickup": f"guardian-{guardian.pk}"}, headers=HTMX
    )
    assert response.status_code == 404
    assert Attendance.objects.get().is_checked_out is False


def test_check_out_with_a_guardian_from_the_list(client, cast):
    arrived(cast, cast.child_a1)
    guardian = cast.child_a1.guardians.get()
    client.force_login(cast.mentor_a)
    response = client.post(
        check_out_url(cast.child_a1), {"pickup": f"guardian-{guardian.pk}"}, headers=HTMX
    )
    assert response.status_code == 200
    assert f"09:30–09:30, left with {guardian.user.display_name}" in response.content.decode()
    assert Attendance.objects.get().picked_up_by_guardian == guardian


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Choose who picked the child up."),
        ({"pickup": "guardian-999999"}, "Choose who picked the child up from the list."),
        ({"pickup": "other"}, "Write the name of the person who is not on the list."),
        (
            {"pickup": "other", "name": "Mallory"},
            "Confirm that Mallory, who is not on the pickup list, takes the child.",
        ),
    ],
    ids=["no one", "not on the list", "no name", "not confirmed"],
)
def test_check_out_with_bad_input_says_why_and_changes_nothing(client, cast, data, message):
    arrived(cast, cast.child_a1)
    client.force_login(cast.mentor_a)
    response = client.post(check_out_url(cast.child_a1), data, headers=HTMX)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Attendance.objects.get().is_checked_out is False


def test_an_emergency_only_contact_is_not_offered_for_pickup(client, cast):
    arrived(cast, cast.child_a1)
    doctor = PickupContactFactory(participant=cast.child_a1, name="Dr Ueda", kind="emergency")
    client.force_login(cast.mentor_a)
    response = client.post(
        check_out_url(cast.child_a1), {"pickup": f"contact-{doctor.pk}"}, headers=HTMX
    )
    assert response.status_code == 400
    assert Attendance.objects.get().is_checked_out is False


def test_a_confirmed_unlisted_pickup_is_flagged_on_the_organizers_home(
    client, cast, django_capture_on_commit_callbacks
):
    arrived(cast, cast.child_a1)
    client.force_login(cast.mentor_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            check_out_url(cast.child_a1),
            {"pickup": "other", "name": "Mallory Ueda", "confirm": "on"},
            headers=HTMX,
        )
    assert response.status_code == 200
    assert "Not on the pickup list" in response.content.decode()
    _, html = page(client, cast.organizer, reverse("home"))
    assert "1 child left with someone not on their pickup list" in html
    assert "day 3, 09:30, with Mallory Ueda" in html
    _, html = page(client, cast.mentor_a, reverse("home"))
    assert "Mallory" not in html


def test_a_family_reads_their_childs_attendance_on_the_childs_page(client, cast):
    arrived(cast, cast.child_a1)
    arrived(cast, cast.child_a2)
    response, html = page(client, cast.parent_a, reverse("participant", args=[cast.child_a1.pk]))
    assert [record.participant for record in response.context["attendance"]] == [cast.child_a1]
    assert "Day 3:" in html
    assert "arrived 09:30" in html


def test_the_cached_sheet_holds_a_csrf_token_its_reader_can_post_with(cast):
    """The sheet is cached with its forms: a reader with a new CSRF secret (the cookie lost)
    gets a sheet of their own, whose token is valid."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.mentor_a)
    client.get(sheet_url())
    del client.cookies["csrftoken"]
    html = client.get(sheet_url()).content.decode()
    # The last token is in the sheet's forms (the first ones are the menu's).
    token = re.findall(r'name="csrfmiddlewaretoken" value="(\w+)"', html)[-1]
    response = client.post(
        check_in_url(cast.child_a1), {"csrfmiddlewaretoken": token}, headers=HTMX
    )
    assert response.status_code == 200
    assert Attendance.objects.get().participant == cast.child_a1
