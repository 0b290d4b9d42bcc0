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
    entry = settings.CELERY_BEAT_SCHEDULE["clear-expired-sign-ins"]
    assert entry["task"] == clear_expired_sign_ins.name


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
