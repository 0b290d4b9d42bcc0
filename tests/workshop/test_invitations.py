"""Invitations (workshop/invitations.py): a link of its own, valid seven days and once, sent
once by a worker in the invited person's language; organizers see who is set up."""

import datetime
import re
from unittest import mock

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.urls import reverse

from tests.factories import ParticipantFactory, UserFactory
from tests.workshop.test_query_counts import grow
from tests.workshop.test_tasks import wait_for
from workshop.invitations import VALID_FOR, check_token, deliver, invitation_token, invite
from workshop.models import Invitation
from workshop.tasks import send_invitation

pytestmark = pytest.mark.django_db

BASE = "http://testserver/"


def without_password(user):
    user.password = make_password(None)
    user.save(update_fields=["password"])
    return user


def link_in(message) -> str:
    return re.search(r"http://testserver(/accounts/invitation/\S+/)", message.body).group(1)


def test_a_token_opens_its_account_once():
    user = without_password(UserFactory())
    token = invitation_token(user)
    assert check_token(token).user == user
    assert check_token(token[:-2] + "xx").user is None
    user.set_password("a long new password")
    user.save()
    assert check_token(token).user is None


def test_a_token_older_than_seven_days_is_expired():
    user = without_password(UserFactory())
    token = invitation_token(user)
    later = datetime.datetime.now().timestamp() + VALID_FOR.total_seconds() + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        check = check_token(token)
    assert (check.user, check.expired) == (None, True)


def test_inviting_skips_accounts_already_set_up_and_sends_after_commit(
    cast, django_capture_on_commit_callbacks
):
    new_parent = without_password(cast.parent_a)
    with (
        mock.patch.object(send_invitation, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        invitations = invite(
            cast.workshop, [new_parent, cast.mentor_a], by=cast.organizer, base_url=BASE
        )
    assert [invitation.user for invitation in invitations] == [new_parent]
    delay.assert_called_once_with(invitations[0].pk, BASE)


def test_the_email_is_in_the_invited_persons_language_and_sent_once(cast):
    parent = without_password(cast.parent_a)
    parent.language = "ja"
    parent.save()
    with mock.patch.object(send_invitation, "delay"):
        [invitation] = invite(cast.workshop, [parent], by=cast.organizer, base_url=BASE)
    assert deliver(invitation.pk, BASE) is True
    assert deliver(invitation.pk, BASE) is False
    [message] = mail.outbox
    assert message.to == [parent.email]
    assert "Summer" in message.subject
    assert "年" in message.body  # the expiry date, as Japanese writes dates
    assert check_token(link_in(message).split("/")[-2]).user == parent
    invitation.refresh_from_db()
    assert invitation.sent_at is not None


def test_a_failed_send_is_retried_later(cast):
    parent = without_password(cast.parent_a)
    with mock.patch.object(send_invitation, "delay"):
        [invitation] = invite(cast.workshop, [parent], by=cast.organizer, base_url=BASE)
    failing = mock.patch("workshop.invitations.send_mail", side_effect=OSError("no mail server"))
    with failing, pytest.raises(OSError):
        deliver(invitation.pk, BASE)
    invitation.refresh_from_db()
    assert invitation.sent_at is None
    assert deliver(invitation.pk, BASE) is True


def test_the_organizer_invites_everyone_not_invited_yet(client, cast):
    for user in (cast.parent_a, cast.parent_two, cast.mentor_b):
        without_password(user)
    client.force_login(cast.organizer)
    page = client.get(reverse("invitations", args=["summer"])).text
    assert "Not invited yet" in page and "Has an account" in page
    assert cast.child_x.full_name not in page
    with mock.patch.object(send_invitation, "delay"):
        response = client.post(
            reverse("invitations", args=["summer"]), {"everyone": "on"}, follow=True
        )
    assert "3 invitations are on their way." in response.text
    assert set(Invitation.objects.values_list("user", flat=True)) == {
        cast.parent_a.pk, cast.parent_two.pk, cast.mentor_b.pk
    }  # fmt: skip
    with mock.patch.object(send_invitation, "delay"):
        again = client.post(reverse("invitations", args=["summer"]), {"everyone": "on"})
    assert "Choose at least one person without an account to invite." in again.text
    assert Invitation.objects.count() == 3


def test_nobody_outside_the_workshop_or_with_an_account_can_be_invited(client, cast):
    stranger = without_password(UserFactory())
    client.force_login(cast.organizer)
    response = client.post(
        reverse("invitations", args=["summer"]), {"people": [stranger.pk, cast.mentor_a.pk]}
    )
    assert "Select a valid choice." in response.text
    assert not Invitation.objects.exists()


def test_following_the_link_sets_the_password_signs_in_and_uses_the_link(client, cast):
    parent = without_password(cast.parent_a)
    url = reverse("invitation_accept", args=[invitation_token(parent)])
    page = client.get(url)
    assert parent.email in page.text
    mismatch = client.post(url, {"new_password1": "film-and-light-9", "new_password2": "x"})
    assert "The two password fields didn’t match." in mismatch.text
    parent.refresh_from_db()
    assert not parent.has_usable_password()
    response = client.post(
        url, {"new_password1": "film-and-light-9", "new_password2": "film-and-light-9"}
    )
    assert response.status_code == 302
    parent.refresh_from_db()
    assert parent.check_password("film-and-light-9")
    assert client.get(reverse("home")).context["user"] == parent
    client.logout()
    used = client.get(url)
    assert "This link no longer works" in used.text
    assert parent.email not in used.text


def test_a_forged_link_shows_nothing_of_any_account(client):
    user = without_password(UserFactory(email="someone@example.com"))
    forged = invitation_token(user)[:-3] + "abc"
    page = client.get(reverse("invitation_accept", args=[forged]))
    assert page.status_code == 200
    assert "This link is not valid" in page.text and "someone@example.com" not in page.text


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_an_invitation_once_it_is_committed(celery_worker):
    workshop_child = ParticipantFactory()
    parent = without_password(UserFactory())
    workshop_child.guardians.create(user=parent)
    organizer = UserFactory()
    [invitation] = invite(workshop_child.workshop, [parent], by=organizer, base_url=BASE)

    def sent():
        invitation.refresh_from_db()
        return invitation.sent_at is not None

    assert wait_for(sent)
    assert [message.to for message in mail.outbox] == [[parent.email]]


@pytest.mark.parametrize("size", [1, 3])
def test_the_invitations_page_asks_as_many_queries_whatever_the_size(
    client, cast, django_assert_num_queries, size
):
    grow(cast, size)
    client.force_login(cast.organizer)
    with django_assert_num_queries(11):
        assert client.get(reverse("invitations", args=["summer"])).status_code == 200
    # Served again from the cache: the session, the user and the workshop.
    with django_assert_num_queries(3):
        assert client.get(reverse("invitations", args=["summer"])).status_code == 200


def test_the_cached_list_shows_an_invitation_at_once(client, cast):
    without_password(cast.parent_a)
    client.force_login(cast.organizer)
    url = reverse("invitations", args=["summer"])
    assert "Invitation being sent" not in client.get(url).text
    with mock.patch.object(send_invitation, "delay"):
        client.post(url, {"people": [cast.parent_a.pk]})
    assert client.get(url).text.count("Invitation being sent") == 1
