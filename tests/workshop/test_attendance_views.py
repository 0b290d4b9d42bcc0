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
from workshop.services import check_in, check_out

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


# --- Undo a mistaken tap ---------------------------------------------------------------------


def undo_url(child, number=3):
    return reverse("attendance_undo", args=[child.pk, number])


def left_with_someone_unlisted(cast, child):
    arrived(cast, child)
    return check_out(
        child, day=cast.workshop.days.get(number=3), by=cast.organizer, unlisted_name="Mallory"
    )


def test_a_mistaken_check_in_is_undone_and_the_card_offers_it_again(client, cast):
    arrived(cast, cast.child_a1)
    client.force_login(cast.mentor_a)
    response = client.post(undo_url(cast.child_a1), {"undo": "check-in"}, headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Not checked in" in html
    assert check_in_url(cast.child_a1) in html
    assert undo_url(cast.child_a1) not in html
    assert Attendance.objects.exists() is False


def test_a_mistaken_check_out_is_undone_and_its_flag_goes_with_it(client, cast):
    left_with_someone_unlisted(cast, cast.child_a1)
    client.force_login(cast.mentor_a)
    response = client.post(undo_url(cast.child_a1), {"undo": "check-out"}, headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Here since 09:30" in html
    assert "Undo the check-in" in html
    record = Attendance.objects.get()
    assert (record.is_checked_out, record.picked_up_by_name, record.picked_up_unlisted) == (
        False, "", False,
    )  # fmt: skip
    assert record.checked_in_at == DAY_THREE


def test_an_undo_sent_twice_changes_nothing_more(client, cast):
    left_with_someone_unlisted(cast, cast.child_a1)
    client.force_login(cast.mentor_a)
    first = client.post(undo_url(cast.child_a1), {"undo": "check-out"}, headers=HTMX)
    again = client.post(undo_url(cast.child_a1), {"undo": "check-out"}, headers=HTMX)
    assert (again.status_code, unmasked(again.content.decode())) == (
        200, unmasked(first.content.decode()),
    )  # fmt: skip
    assert Attendance.objects.get().is_checked_out is False
    client.post(undo_url(cast.child_a1), {"undo": "check-in"}, headers=HTMX)
    assert (
        client.post(undo_url(cast.child_a1), {"undo": "check-in"}, headers=HTMX).status_code == 200
    )
    assert Attendance.objects.exists() is False


@pytest.mark.parametrize(
    "data, message",
    [
        ({"undo": "check-in"}, "Aoyama has already left: undo the check-out first."),
        ({"undo": "everything"}, "Choose the check-in or the check-out to undo."),
        ({}, "Choose the check-in or the check-out to undo."),
    ],
    ids=["check-in of a child who left", "unknown", "nothing"],
)
def test_an_undo_the_record_does_not_allow_says_why_and_changes_nothing(
    client, cast, data, message
):
    left_with_someone_unlisted(cast, cast.child_a1)
    client.force_login(cast.mentor_a)
    response = client.post(undo_url(cast.child_a1), data, headers=HTMX)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Attendance.objects.get().picked_up_by_name == "Mallory"


def test_undoing_a_check_out_of_a_child_not_checked_in_says_so(client, cast):
    client.force_login(cast.mentor_a)
    response = client.post(undo_url(cast.child_a1), {"undo": "check-out"}, headers=HTMX)
    assert response.status_code == 400
    assert "is not checked in on this day." in response.content.decode()


def test_an_undo_on_another_day_is_refused_with_a_message(client, cast):
    arrived(cast, cast.child_a1)
    client.force_login(cast.mentor_a)
    response = client.post(undo_url(cast.child_a1, number=5), {"undo": "check-in"}, follow=True)
    assert "Attendance is taken on the day itself." in response.content.decode()
    assert Attendance.objects.count() == 1


def test_another_groups_mentor_gets_404_on_undo_and_a_guardian_403(client, cast):
    left_with_someone_unlisted(cast, cast.child_a1)
    for user, status in ((cast.mentor_b, 404), (cast.parent_a, 403)):
        client.force_login(user)
        for undo in ("check-out", "check-in"):
            response = client.post(undo_url(cast.child_a1), {"undo": undo}, headers=HTMX)
            assert response.status_code == status
    assert Attendance.objects.get().picked_up_by_name == "Mallory"


def test_the_card_offers_the_undo_of_its_last_tap_only_on_the_day(client, cast):
    left_with_someone_unlisted(cast, cast.child_a1)
    arrived(cast, cast.child_a2)
    _, html = page(client, cast.mentor_a, sheet_url())
    assert html.count("Undo the check-out") == 1
    assert html.count("Undo the check-in") == 1
    _, html = page(client, cast.mentor_a, reverse("attendance", args=["summer", 2]))
    assert "Undo the" not in html
