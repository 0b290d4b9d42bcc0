"""A failed delivery shows on the organizer's dashboard, and is resent from there."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from deliveries.models import Delivery
from deliveries.services import claim_due, dispatch, send_claimed
from tests.deliveries.test_planning import REMINDER_DAY_ONE
from tests.deliveries.test_services import BROKEN

pytestmark = pytest.mark.django_db


def fail_every_reminder(cast, settings):
    """Day 1's reminders, sent to a mail server that refuses them, until they give up."""
    settings.MAILERS = BROKEN
    settings.DELIVERY_MAX_ATTEMPTS = 1
    dispatch(now=REMINDER_DAY_ONE)  # plans and claims; sending waits for the commit
    for delivery in Delivery.objects.filter(state=Delivery.State.CLAIMED):
        send_claimed([delivery.pk], claim=delivery.claim)


def test_a_failed_send_shows_on_the_dashboard_and_is_resent_from_it(client, cast, settings):
    fail_every_reminder(cast, settings)
    mine = Delivery.objects.get(workshop=cast.workshop, recipient=cast.parent_a)
    assert mine.state == Delivery.State.FAILED
    client.force_login(cast.organizer)
    page = client.get(reverse("dashboard", args=["summer"])).content.decode()
    assert "Not sent: Evening-before reminder to" in page
    assert cast.parent_a.get_full_name() in page
    assert "SMTPServerDisconnected" in page
    assert reverse("delivery_resend", args=[mine.pk]) in page
    # The other workshop's failure is not this dashboard's.
    assert cast.outsider_parent.get_full_name() not in page

    response = client.post(reverse("delivery_resend", args=[mine.pk]), follow=True)
    assert response.redirect_chain == [(reverse("dashboard", args=["summer"]), 302)]
    mine.refresh_from_db()
    assert (mine.state, mine.attempts) == (Delivery.State.DUE, 0)
    page = response.content.decode()
    assert "will be sent again" in page
    assert reverse("delivery_resend", args=[mine.pk]) not in page

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    token, ids = claim_due(now=timezone.now() + datetime.timedelta(minutes=1), limit=10)
    assert ids == [mine.pk]
    assert send_claimed(ids, claim=token) == 1


def test_resending_what_has_not_failed_changes_nothing_and_says_so(client, cast, settings):
    fail_every_reminder(cast, settings)
    mine = Delivery.objects.get(workshop=cast.workshop, recipient=cast.parent_a)
    Delivery.objects.filter(pk=mine.pk).update(state=Delivery.State.SENT)
    client.force_login(cast.organizer)
    response = client.post(reverse("delivery_resend", args=[mine.pk]), follow=True)
    assert "had not failed: nothing was changed" in response.content.decode()
    mine.refresh_from_db()
    assert mine.state == Delivery.State.SENT


@pytest.mark.parametrize("viewer", ["mentor_a", "parent_a", "other_organizer"])
def test_others_cannot_resend_and_learn_nothing(client, cast, settings, viewer):
    fail_every_reminder(cast, settings)
    mine = Delivery.objects.get(workshop=cast.workshop, recipient=cast.parent_a)
    client.force_login(getattr(cast, viewer))
    assert client.post(reverse("delivery_resend", args=[mine.pk])).status_code == 404
    mine.refresh_from_db()
    assert mine.state == Delivery.State.FAILED


@pytest.mark.parametrize("size", [1, 3])
def test_the_dashboard_with_failed_deliveries_reads_them_in_one_query(
    client, cast, settings, django_assert_num_queries, size
):
    """The same count at one failed delivery as at three; served again, the session, the
    reader and the workshop (the failed deliveries are kept under their own version)."""
    fail_every_reminder(cast, settings)
    Delivery.objects.filter(workshop=cast.workshop).exclude(
        pk__in=Delivery.objects.filter(workshop=cast.workshop).order_by("pk").values("pk")[:size]
    ).delete()
    assert Delivery.objects.filter(workshop=cast.workshop, state="failed").count() == size
    client.force_login(cast.organizer)
    url = reverse("dashboard", args=["summer"])
    with django_assert_num_queries(18):
        client.get(url)
    with django_assert_num_queries(3):
        assert client.get(url).status_code == 200
