import datetime
import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from workshop.tasks import clear_expired_sign_ins


def make_sign_ins():
    now = timezone.now()
    Session.objects.create(
        session_key="expired", session_data="", expire_date=now - datetime.timedelta(days=1)
    )
    Session.objects.create(
        session_key="current", session_data="", expire_date=now + datetime.timedelta(days=1)
    )


@pytest.mark.django_db
def test_clearing_sign_ins_keeps_the_current_ones():
    make_sign_ins()
    clear_expired_sign_ins()
    assert list(Session.objects.values_list("session_key", flat=True)) == ["current"]


def test_beat_schedules_the_clearing():
    [entry] = settings.CELERY_BEAT_SCHEDULE.values()
    assert entry["task"] == clear_expired_sign_ins.name


@pytest.fixture(scope="session")
def broker(tmp_path_factory):
    """The configured broker: Redis when REDIS_URL is set, otherwise the embedded filesystem
    transport in a folder of the test session's own (one for the session: Celery keeps its
    connections, and a second folder would leave them sending to the first; those opened
    before this fixture are closed)."""
    from workshop.celery import app

    saved = app.conf.broker_transport_options
    if not settings.REDIS_URL:
        folder = tmp_path_factory.mktemp("broker")
        (folder / "queue").mkdir()
        (folder / "control").mkdir()
        app.conf.broker_transport_options = {
            "data_folder_in": str(folder / "queue"),
            "data_folder_out": str(folder / "queue"),
            "control_folder": str(folder / "control"),
        }
        forget_connections(app)  # pooled by earlier tests (browser tests publish) for var/
    yield app
    app.conf.broker_transport_options = saved
    forget_connections(app)


def forget_connections(app) -> None:
    """Drop the app's pooled broker connections, so that the next use reads its options."""
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def celery_worker(broker):
    """A real worker, in a thread, on the test session's broker."""
    from celery.contrib.testing.worker import start_worker

    with start_worker(broker, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        yield broker


def wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_clears_expired_sign_ins(celery_worker):
    make_sign_ins()
    clear_expired_sign_ins.delay()
    assert wait_for(lambda: not Session.objects.filter(session_key="expired").exists())
    assert list(Session.objects.values_list("session_key", flat=True)) == ["current"]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_counts_who_a_release_affects_once_it_is_committed(celery_worker):
    from tests.conftest import make_cast
    from workshop.services import publish_schedule

    cast = make_cast()
    cast.session_a.title = "Lantern reshoots"
    cast.session_a.save()
    release = publish_schedule(cast.workshop, by=cast.organizer)

    def counted():
        release.refresh_from_db()
        return release.affected_guardians is not None

    assert wait_for(counted)
    assert (release.affected_guardians, release.affected_mentors) == (2, 1)
