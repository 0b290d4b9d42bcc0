"""Real Celery workers, in processes of their own, on real Redis and PostgreSQL: a thousand
reminders, each family exactly one, with a worker SIGKILLed halfway and with two beats at once.

The workers record their e-mails with `deliveries.mail.RecordingBackend`, in the database the
test reads: the only place that several processes' sends can be counted, and one written in
the transaction that marks each delivery sent, as a transactional outbox is (see that module).
"""

import datetime
import signal
import time
from collections import Counter

import pytest
from django.utils import timezone

from deliveries.models import Delivery, RecordedMail
from deliveries.services import claim_timeout, dispatch
from deliveries.tasks import dispatch_deliveries
from tests.factories import WorkshopFactory
from workshop.models import Guardian, Participant, User
from workshop.services import publish_schedule

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def families(count: int) -> tuple[object, list[str]]:
    """A workshop starting tomorrow (UTC) whose reminder time was a minute ago, with `count`
    families of one child each, released."""
    moment = timezone.now() - datetime.timedelta(minutes=1)
    workshop = WorkshopFactory(
        time_zone="UTC",
        start_date=moment.date() + datetime.timedelta(days=1),
        reminder_time=moment.time().replace(microsecond=0),
    )
    users = User.objects.bulk_create(
        User(email=f"family{n}@example.test", first_name=f"Parent{n}") for n in range(count)
    )
    children = Participant.objects.bulk_create(
        Participant(
            workshop=workshop, given_name=f"Child{n}", family_name="Test",
            birth_date=datetime.date(2016, 1, 1),
        )
        for n in range(count)
    )  # fmt: skip
    Guardian.objects.bulk_create(
        Guardian(user=user, participant=child) for user, child in zip(users, children, strict=True)
    )
    publish_schedule(workshop, by=users[0])
    return workshop, [user.email for user in users]


def wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def sent_count() -> int:
    return Delivery.objects.filter(state=Delivery.State.SENT).count()


def mails_per_recipient() -> Counter:
    return Counter(RecordedMail.objects.values_list("to", flat=True))


def test_a_thousand_reminders_each_family_exactly_one(workers):
    _workshop, emails = families(1000)
    workers()
    dispatch_deliveries.delay()  # the beat's task, run by the worker
    assert wait_for(lambda: sent_count() == 1000, timeout=40), sent_count()
    assert mails_per_recipient() == Counter(emails)
    assert set(RecordedMail.objects.values_list("subject", flat=True)) == {
        RecordedMail.objects.first().subject
    }


def test_a_worker_killed_mid_batch_and_restarted_still_sends_each_exactly_one(workers):
    _workshop, emails = families(1000)
    first = workers()
    dispatch()  # claimed here, sent by the worker in chunks
    assert wait_for(lambda: RecordedMail.objects.count() >= 200, timeout=30)
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed_at = RecordedMail.objects.count()
    assert killed_at < 1000, "the worker was killed after the batch, not in it"

    workers()
    # The queued chunks are sent; those the dead worker held stay claimed until their
    # claim times out, when the beat claims them again.
    previous = -1
    while (current := sent_count()) != previous:
        previous = current
        time.sleep(1)
    stuck = Delivery.objects.filter(state=Delivery.State.CLAIMED).count()
    assert stuck > 0  # the chunk the killed worker was in
    dispatch(now=timezone.now() + claim_timeout() + datetime.timedelta(seconds=1))
    assert wait_for(lambda: sent_count() == 1000, timeout=30), sent_count()
    assert mails_per_recipient() == Counter(emails)


def test_two_beats_at_once_send_each_exactly_one(workers):
    _workshop, emails = families(500)
    workers()
    workers()
    dispatch_deliveries.delay()
    dispatch_deliveries.delay()
    assert wait_for(lambda: sent_count() == 500, timeout=40), sent_count()
    time.sleep(1)  # anything sent twice would have landed by now
    assert mails_per_recipient() == Counter(emails)
    assert Delivery.objects.count() == 500


def test_two_releases_make_one_notice_for_each_affected_person_exactly_once(workers, cast):
    """Two releases a minute apart, planned by two beats at once on two workers and by this
    process: each affected person gets one notice telling of both, nobody else any."""
    import datetime as dt

    from deliveries.planning import notice_delay
    from workshop.models import Session

    Session.objects.filter(pk=cast.session_a.pk).update(
        starts_at=dt.time(14, 0), ends_at=dt.time(15, 0)
    )
    first = publish_schedule(cast.workshop, by=cast.organizer)
    Session.objects.filter(pk=cast.session_a.pk).update(title="Lantern night shoots")
    publish_schedule(cast.workshop, by=cast.organizer)
    workers()
    workers()
    dispatch_deliveries.delay()  # the beat, twice at once: each plans, neither is due yet
    dispatch_deliveries.delay()
    due = first.published_at + notice_delay()
    dispatch(now=due)
    dispatch(now=due)
    expected = [cast.parent_a.email, cast.parent_two.email, cast.mentor_a.email]
    assert wait_for(lambda: sent_count() == 3, timeout=40), sent_count()
    time.sleep(1)  # anything sent twice would have landed by now
    assert mails_per_recipient() == Counter(expected)
    for text in RecordedMail.objects.values_list("text", flat=True):
        assert "14:00–15:00" in text and "Lantern night shoots" in text
        assert "Kite shoots" not in text
