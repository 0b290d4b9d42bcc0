"""The day's call sheet by e-mail: the staff's to the staff, the family's to families, each
with a confirm link; organizers see who has it and who confirmed."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from deliveries.models import Delivery
from deliveries.planning import call_sheet_subject
from deliveries.services import claim_due, confirm_token, send_call_sheet, send_claimed
from tests.conftest import DAY_THREE
from tests.factories import GuardianFactory, MembershipFactory, ParticipantFactory, UserFactory
from workshop.models import Workshop

pytestmark = pytest.mark.django_db

# The recipients page: the session, its user, the day, the staff and the deliveries.
QUERIES = 5
LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


@pytest.fixture
def outbox(settings):
    settings.MAILERS = LOCMEM
    mail.outbox = []
    return mail.outbox


def send_day_one(cast) -> dict[str, object]:
    """Plan day 1's call sheet and send it here, as a worker would; the messages by
    address."""
    send_call_sheet(cast.workshop.days.get(number=1))
    token, ids = claim_due(now=Delivery.objects.latest("due_at").due_at, limit=100)
    send_claimed(ids, claim=token)
    return {message.to[0]: message for message in mail.outbox}


def confirm_link(message) -> str:
    [path] = re.findall(r"http://localhost:8000(/deliveries/confirm/[^/]+/)", message.body)
    return path


def test_staff_get_the_staff_version_and_families_theirs_each_once(cast, outbox):
    sent = send_day_one(cast)
    staff = [cast.organizer, cast.mentor_a, cast.mentor_b]
    families = [cast.parent_a, cast.parent_two, cast.child_b2.guardians.get().user]
    assert sorted(sent) == sorted(user.email for user in staff + families)
    day = cast.workshop.days.get(number=1)
    page = reverse("call_sheet", args=["summer", 1])
    for user in staff:
        assert f"{page}?version=staff" in sent[user.email].body
    for user in families:
        assert f"{page}?version=family" in sent[user.email].body
        assert reverse("call_sheet_pdf", args=["summer", 1]) in sent[user.email].body
    assert "Peanuts" not in "".join(message.body for message in outbox)  # no health data
    mail.outbox = []
    assert send_call_sheet(day) == 0  # asked again: nobody twice
    assert Delivery.objects.filter(subject=call_sheet_subject(day.pk)).count() == 6


def test_a_draft_workshops_call_sheet_goes_to_its_staff_only(cast, outbox):
    Workshop.objects.filter(pk=cast.workshop.pk).update(is_published=False)
    sent = send_day_one(cast)
    assert sorted(sent) == sorted(u.email for u in (cast.organizer, cast.mentor_a, cast.mentor_b))


def test_the_confirm_link_confirms_once_without_signing_in(client, cast, outbox):
    sent = send_day_one(cast)
    link = confirm_link(sent[cast.parent_a.email])
    delivery = Delivery.objects.get(recipient=cast.parent_a, kind=Delivery.Kind.CALL_SHEET)

    page = client.get(link)  # a mail scanner opening the link confirms nothing
    assert page.status_code == 200
    assert "I have read it" in page.content.decode()
    delivery.refresh_from_db()
    assert delivery.confirmed_at is None

    response = client.post(link)
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    delivery.refresh_from_db()
    first = delivery.confirmed_at
    assert first is not None
    assert client.post(link).status_code == 200
    delivery.refresh_from_db()
    assert delivery.confirmed_at == first
    others = Delivery.objects.exclude(pk=delivery.pk).values_list("confirmed_at", flat=True)
    assert set(others) == {None}


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # the signature
        lambda token: str(int(token.split(":")[0]) + 1) + token[token.index(":") :],  # the id
        lambda token: "not-a-token",
    ],
)
def test_a_tampered_confirm_link_is_404_and_changes_nothing(client, cast, outbox, tamper):
    send_day_one(cast)
    delivery = Delivery.objects.get(recipient=cast.parent_a, kind=Delivery.Kind.CALL_SHEET)
    link = reverse("delivery_confirm", args=[tamper(confirm_token(delivery.pk))])
    assert client.post(link).status_code == 404
    assert client.get(link).status_code == 404
    assert set(Delivery.objects.values_list("confirmed_at", flat=True)) == {None}


def test_a_confirm_link_confirms_call_sheets_only(client, cast):
    reminder = Delivery.objects.create(
        workshop=cast.workshop,
        recipient=cast.parent_a,
        kind=Delivery.Kind.EVENING_REMINDER,
        subject="day:1",
        due_at="2026-07-26T09:00Z",
    )
    assert (
        client.post(reverse("delivery_confirm", args=[confirm_token(reminder.pk)])).status_code
        == 404
    )
    reminder.refresh_from_db()
    assert reminder.confirmed_at is None


def test_organizers_see_who_has_the_call_sheet_and_who_confirmed(client, cast, outbox):
    sent = send_day_one(cast)
    client.post(confirm_link(sent[cast.mentor_a.email]))
    client.force_login(cast.organizer)
    page = client.get(reverse("call_sheet_deliveries", args=["summer", 1])).content.decode()
    assert "Sent to 6 of 6; 1 confirmed." in " ".join(page.split())
    assert cast.parent_a.email in page
    assert cast.outsider_parent.email not in page
    assert page.count("bi-check2-all") == 1


# The week before the cast's workshop, in Tokyo.
BEFORE_THE_WEEK = datetime.datetime(2026, 7, 20, 0, 30, tzinfo=datetime.UTC)


def test_sending_from_the_page_says_how_many_and_then_that_everyone_has_it(
    client, cast, clock, django_capture_on_commit_callbacks
):
    clock(BEFORE_THE_WEEK)
    client.force_login(cast.organizer)
    url = reverse("call_sheet_send", args=["summer", 1])
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url, follow=True)
    assert len(callbacks) == 1  # a dispatch, once committed
    assert "on its way to 6 people" in response.content.decode()
    response = client.post(url, follow=True)
    assert "Everyone has been sent this call sheet already." in response.content.decode()
    assert Delivery.objects.count() == 6


def test_the_call_sheet_page_links_organizers_to_it_and_nobody_else(client, cast):
    link = reverse("call_sheet_deliveries", args=["summer", 1])
    client.force_login(cast.organizer)
    assert link in client.get(reverse("call_sheet", args=["summer", 1])).content.decode()
    client.force_login(cast.mentor_a)
    assert link not in client.get(reverse("call_sheet", args=["summer", 1])).content.decode()


def more_families(cast, count):
    for _n in range(count):
        child = ParticipantFactory(workshop=cast.workshop)
        MembershipFactory(participant=child, group=cast.group_a)
        GuardianFactory(user=UserFactory(), participant=child)


def test_the_recipients_page_reads_in_the_same_queries_however_many_recipients(
    client, cast, outbox, django_assert_num_queries
):
    client.force_login(cast.organizer)
    url = reverse("call_sheet_deliveries", args=["summer", 1])
    send_day_one(cast)
    client.get(url)  # sign-in caches warm
    with django_assert_num_queries(QUERIES):
        assert client.get(url).status_code == 200
    more_families(cast, 5)
    send_day_one(cast)
    assert Delivery.objects.count() == 11
    client.get(url)  # the new families changed the data version: sign-in caches warm again
    with django_assert_num_queries(QUERIES):
        assert client.get(url).status_code == 200


def test_the_confirm_page_reads_in_the_same_queries_however_many_recipients(
    client, cast, outbox, django_assert_num_queries
):
    """The delivery with its workshop and recipient, and the day; the POST adds the update
    (the anonymous visitor's session is not saved: nothing is written to it)."""
    link = confirm_link(send_day_one(cast)[cast.parent_a.email])
    with django_assert_num_queries(3):
        assert client.post(link).status_code == 200
    more_families(cast, 5)
    mail.outbox = []
    sent = send_day_one(cast)
    other = confirm_link(next(m for address, m in sent.items() if address != cast.parent_a.email))
    with django_assert_num_queries(3):
        assert client.post(other).status_code == 200


def test_sending_a_day_the_workshop_does_not_have_is_404_and_plans_nothing(client, cast):
    client.force_login(cast.organizer)
    assert client.post(reverse("call_sheet_send", args=["summer", 99])).status_code == 404
    assert client.post(reverse("call_sheet_send", args=["winter", 1])).status_code == 404
    assert Delivery.objects.count() == 0


def test_a_day_that_is_over_sends_no_call_sheet_and_says_so(client, cast, clock):
    """Once the day is over its call sheet is not sent: the workshop's deliveries, which say
    who had it, may be erased by then."""
    clock(DAY_THREE)
    client.force_login(cast.organizer)
    page = client.get(reverse("call_sheet_deliveries", args=["summer", 2])).content.decode()
    assert "This day is over" in page
    assert reverse("call_sheet_send", args=["summer", 2]) not in page
    response = client.post(reverse("call_sheet_send", args=["summer", 2]), follow=True)
    assert "This day is over: its call sheet is no longer sent." in response.content.decode()
    assert not Delivery.objects.exists()
    today = client.get(reverse("call_sheet_deliveries", args=["summer", 3])).content.decode()
    assert reverse("call_sheet_send", args=["summer", 3]) in today
