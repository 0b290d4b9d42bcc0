"""Claiming, sending, retrying and resending deliveries (deliveries/services.py)."""

import datetime
import uuid

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from deliveries.models import Delivery
from deliveries.services import (
    backoff,
    claim_due,
    dispatch,
    reclaim_stale,
    resend,
    send_claimed,
)
from tests.deliveries.test_planning import REMINDER_DAY_ONE

pytestmark = pytest.mark.django_db

BROKEN = {"default": {"BACKEND": "tests.deliveries.broken_mail.BrokenBackend"}}
LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


@pytest.fixture
def locmem_mail(settings):
    settings.MAILERS = LOCMEM
    mail.outbox = []


@pytest.fixture
def eager_tasks():
    """Tasks run where they are sent: the unit tests' stand-in for a worker."""
    from workshop.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


def test_two_claimers_never_win_the_same_row(cast):
    dispatch_rows = _plan(cast)
    first_token, first = claim_due(now=REMINDER_DAY_ONE, limit=100)
    second_token, second = claim_due(now=REMINDER_DAY_ONE, limit=100)
    assert sorted(first) == sorted(dispatch_rows)
    assert second == []
    assert set(Delivery.objects.values_list("claim", flat=True)) == {first_token}
    assert first_token != second_token


def test_a_claim_racing_another_for_the_same_rows_wins_only_those_it_changed(cast):
    """Two claimers read the same due rows; the other's UPDATE lands first on half."""
    rows = _plan(cast)
    other = uuid.uuid4()
    Delivery.objects.filter(pk__in=rows[:2]).update(
        state=Delivery.State.CLAIMED, claim=other, claimed_at=REMINDER_DAY_ONE
    )
    _token, won = claim_due(now=REMINDER_DAY_ONE, limit=100)
    assert sorted(won) == sorted(rows[2:])


def test_dispatch_sends_each_family_one_message_and_twice_sends_nothing_more(
    cast, locmem_mail, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dispatch(now=REMINDER_DAY_ONE)
    with django_capture_on_commit_callbacks(execute=True):
        dispatch(now=REMINDER_DAY_ONE + datetime.timedelta(minutes=1))
    recipients = sorted(address for message in mail.outbox for address in message.to)
    expected = sorted(
        user.email
        for user in (
            cast.parent_a,
            cast.parent_two,
            cast.child_b2.guardians.get().user,
            cast.outsider_parent,
        )
    )
    assert recipients == expected
    assert set(Delivery.objects.values_list("state", flat=True)) == {Delivery.State.SENT}


def test_sending_with_a_lost_claim_sends_nothing(cast, locmem_mail):
    token, ids = claim_due(now=REMINDER_DAY_ONE, limit=100) if _plan(cast) else (None, [])
    assert send_claimed(ids, claim=uuid.uuid4()) == 0
    assert mail.outbox == []
    assert send_claimed(ids, claim=token) == len(ids)
    assert send_claimed(ids, claim=token) == 0
    assert len(mail.outbox) == len(ids)


def test_a_failed_send_is_tried_again_later_then_fails_for_good(cast, settings, clock):
    settings.MAILERS = BROKEN
    settings.DELIVERY_MAX_ATTEMPTS = 3
    [pk] = _plan(cast)[:1]
    Delivery.objects.exclude(pk=pk).delete()
    now = REMINDER_DAY_ONE
    for attempt in (1, 2):
        clock(now)
        token, ids = claim_due(now=now, limit=10)
        assert ids == [pk]
        assert send_claimed(ids, claim=token) == 0
        delivery = Delivery.objects.get()
        assert (delivery.state, delivery.attempts) == (Delivery.State.DUE, attempt)
        assert delivery.due_at == now + backoff(attempt)
        assert "SMTPServerDisconnected" in delivery.last_error
        assert claim_due(now=now, limit=10)[1] == []  # not before its backoff
        now = delivery.due_at
    clock(now)
    token, ids = claim_due(now=now, limit=10)
    send_claimed(ids, claim=token)
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts) == (Delivery.State.FAILED, 3)
    assert claim_due(now=now + datetime.timedelta(days=1), limit=10)[1] == []


def test_backoff_doubles_up_to_an_hour():
    assert [backoff(n).total_seconds() / 60 for n in (1, 2, 3, 4, 8)] == [1, 2, 4, 8, 60]


def test_a_claim_whose_worker_died_is_claimed_again_after_the_timeout(cast, settings):
    settings.DELIVERY_CLAIM_TIMEOUT = 600
    rows = _plan(cast)
    dead, ids = claim_due(now=REMINDER_DAY_ONE, limit=100)
    assert reclaim_stale(now=REMINDER_DAY_ONE + datetime.timedelta(minutes=9)) == 0
    later = REMINDER_DAY_ONE + datetime.timedelta(minutes=11)
    assert reclaim_stale(now=later) == len(rows)
    _token, again = claim_due(now=later, limit=100)
    assert sorted(again) == sorted(ids)
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {2}
    assert send_claimed(ids, claim=dead) == 0  # the dead worker's claim no longer sends


def test_a_claim_that_died_on_its_last_attempt_fails(cast, settings):
    settings.DELIVERY_MAX_ATTEMPTS = 1
    _plan(cast)
    claim_due(now=REMINDER_DAY_ONE, limit=100)
    reclaim_stale(now=REMINDER_DAY_ONE + datetime.timedelta(hours=1))
    assert set(Delivery.objects.values_list("state", flat=True)) == {Delivery.State.FAILED}


def test_resend_puts_a_failed_delivery_back_to_due_with_its_attempts_anew(
    cast, django_capture_on_commit_callbacks, clock
):
    clock(REMINDER_DAY_ONE)
    [pk, *_] = _plan(cast)
    Delivery.objects.filter(pk=pk).update(state=Delivery.State.FAILED, attempts=5)
    with django_capture_on_commit_callbacks() as callbacks:
        assert resend(Delivery.objects.get(pk=pk)) is True
    assert len(callbacks) == 1  # a dispatch, once committed
    delivery = Delivery.objects.get(pk=pk)
    assert (delivery.state, delivery.attempts, delivery.due_at) == ("due", 0, REMINDER_DAY_ONE)
    assert resend(delivery) is False


def _plan(cast) -> list[int]:
    from deliveries.planning import plan_evening_reminders

    plan_evening_reminders(REMINDER_DAY_ONE)
    return list(Delivery.objects.order_by("pk").values_list("pk", flat=True))


def test_an_unreachable_mail_server_puts_the_whole_chunk_back_with_backoff(cast, settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.deliveries.broken_mail.UnreachableBackend"}}
    _plan(cast)
    token, ids = claim_due(now=REMINDER_DAY_ONE, limit=100)
    assert send_claimed(ids, claim=token) == 0
    assert set(Delivery.objects.values_list("state", "attempts")) == {(Delivery.State.DUE, 1)}
    assert "Connection refused" in Delivery.objects.first().last_error


class SynchronousCommitBackend(LocmemBackend):
    """Notes, for each message, whether its transaction's commit waits for the disk."""

    seen: list[str] = []

    def send_messages(self, messages):
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            self.seen.append(cursor.fetchone()[0])
        return super().send_messages(messages)


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_only_the_sends_commit_without_waiting_for_the_disk(cast, settings):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("synchronous_commit is PostgreSQL's")
    settings.MAILERS = {
        "default": {"BACKEND": "tests.deliveries.test_services.SynchronousCommitBackend"}
    }
    SynchronousCommitBackend.seen = []
    token, ids = claim_due(now=REMINDER_DAY_ONE, limit=100) if _plan(cast) else (None, [])
    assert send_claimed(ids, claim=token) == len(ids) > 0
    assert SynchronousCommitBackend.seen == ["off"] * len(ids)
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"
