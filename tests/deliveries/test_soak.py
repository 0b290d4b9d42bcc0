"""The scale-out soak (issue 17): the site as several machines run it. Two gunicorn servers and
two Celery workers (two pool processes each) on one PostgreSQL database and one Redis, with
production settings; families and a mentor sign in and use the site on both servers while a
thousand evening reminders fan out, and one worker is killed outright (with its pool, as when
its machine is lost) in the middle of the batch and another started in its place.

Nothing lost, nothing sent twice, no answer 5xx. The test stands in for the beat, asking for a
dispatch every two seconds, and the workers' claim timeout is cut to seconds: the rows the
killed worker held are claimed again within the test.
"""

import contextlib
import os
import signal
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from io import StringIO

import pytest
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from deliveries.models import Delivery, RecordedMail
from deliveries.tasks import dispatch_deliveries
from groups.models import Group
from tests.bench import gunicorn, production_environment
from tests.deliveries.test_worker import families, mails_per_recipient, wait_for
from workshop.demo.week import (
    DEMO_PASSWORD,
    DEMO_SLUG,
    MENTOR_EMAIL,
    PARENT2_EMAIL,
    PARENT_EMAIL,
)
from workshop.models import Attendance, Participant, User, Workshop

pytestmark = [pytest.mark.worker, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

FAMILIES = 1000
SERVERS = 2
TIMEOUT = 30
BEAT_SECONDS = 2
# The workers' settings: a claim is a dead worker's after 8 s (in production, twice the
# longest a task may run), and a chunk is 25 rows, so that the kill lands inside the batch.
WORKER_SETTINGS = {"KACHINKO_DELIVERY_CLAIM_TIMEOUT": "8", "KACHINKO_DELIVERY_CHUNK": "25"}


@dataclass
class Visitor:
    """One person on their phone: signs in (the form from one server, the post to the other),
    then sends `posts` and reads `pages` round and round, each request to the next server,
    until told to stop. Every answer is kept, and every request that got none."""

    email: str
    pages: list[str]
    posts: list[tuple[str, dict]] = field(default_factory=list)
    answers: list[tuple[str, str, int]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    session: requests.Session = field(default_factory=requests.Session)

    def run(self, servers: list[str], stop: threading.Event) -> None:
        session = self.session
        turn = 0

        def send(method: str, url: str, **options) -> None:
            nonlocal turn
            server = servers[turn % len(servers)]
            turn += 1
            try:
                answer = session.request(
                    method, server + url, timeout=TIMEOUT, allow_redirects=False, **options
                )
            except requests.RequestException as error:
                self.failures.append(f"{method} {server}{url}: {error}")
            else:
                self.answers.append((method, url, answer.status_code))

        login = reverse("login")
        send("GET", login)
        send(
            "POST",
            login,
            data={
                "username": self.email,
                "password": DEMO_PASSWORD,
                "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
            },
        )
        while not stop.is_set():
            for url, data in self.posts:
                token = session.cookies.get("csrftoken", "")
                send("POST", url, data=data, headers={"X-CSRFToken": token, "HX-Request": "true"})
            for url in self.pages:
                send("GET", url)


def visitors() -> list[Visitor]:
    """The demo's two parents and its mentor on the pages of their week. The mentor checks the
    Lantern group in from two phones at once, each child with the same tap id every time, as a
    phone sends a tap again when it heard no answer."""
    workshop = Workshop.objects.get(slug=DEMO_SLUG)
    today = workshop.days.get(date=workshop.local_today())
    lantern = Group.objects.get(workshop=workshop, name="Lantern")
    child = Participant.objects.filter(guardians__user__email=PARENT_EMAIL).first()
    week = [
        reverse("home"),
        reverse("week", args=[DEMO_SLUG]),
        reverse("day", args=[DEMO_SLUG, today.number]),
    ]
    check_ins = [
        (
            reverse("attendance_check_in", args=[pk, today.number]),
            {"client_id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"soak-check-in-{pk}"))},
        )
        for pk in Participant.objects.filter(membership__group=lantern).values_list("pk", flat=True)
    ]
    mentor_pages = [
        reverse("home"),
        reverse("group", args=[lantern.pk]),
        reverse("film_crew", args=[lantern.pk]),
        reverse("attendance", args=[DEMO_SLUG, today.number]),
    ]
    return [
        Visitor(PARENT_EMAIL, [*week, reverse("participant", args=[child.pk])]),
        Visitor(PARENT2_EMAIL, [*week, reverse("screening", args=[DEMO_SLUG])]),
        Visitor(MENTOR_EMAIL, mentor_pages, check_ins),
        Visitor(MENTOR_EMAIL, mentor_pages, check_ins),
    ]


def demo_with_families() -> list[str]:
    """The demo week, and `FAMILIES` more families whose reminders are due; the demo logins'
    password hashed as production checks it (the tests hash with MD5, which it refuses)."""
    call_command("seed_demo", stdout=StringIO())
    hasher = PBKDF2PasswordHasher()
    User.objects.filter(email__in=[PARENT_EMAIL, PARENT2_EMAIL, MENTOR_EMAIL]).update(
        password=hasher.encode(DEMO_PASSWORD, hasher.salt())
    )
    _workshop, emails = families(FAMILIES)
    return emails


@pytest.fixture
def production(process_environment, tmp_path, settings) -> dict[str, str]:
    """Production settings (DEBUG off, one secret key for every process) over the test's
    database, broker and recording mail backend, with the static files' manifest. The files
    are collected uncompressed, which is quicker and serves the same pages."""
    environment = {
        **process_environment,
        **production_environment(tmp_path),
        "DATABASE_URL": process_environment["DATABASE_URL"],
        "KACHINKO_VAR_DIR": process_environment["KACHINKO_VAR_DIR"],
    }
    manifest = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
    with override_settings(
        STATIC_ROOT=environment["DJANGO_STATIC_ROOT"],
        STORAGES={**settings.STORAGES, "staticfiles": manifest},
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
    return environment


def test_two_servers_and_two_workers_lose_nothing_send_nothing_twice_and_answer_every_request(
    production, workers, tmp_path
):
    emails = demo_with_families()
    people = visitors()
    environment = {**production, **WORKER_SETTINGS}
    doomed = workers("--concurrency=2", **environment)
    workers("--concurrency=2", **environment)
    stop = threading.Event()
    with contextlib.ExitStack() as stack:
        servers = [
            stack.enter_context(gunicorn(tmp_path / f"web-{n}.log", production))
            for n in range(SERVERS)
        ]
        addresses = [f"http://127.0.0.1:{server.port}" for server in servers]
        threads = [threading.Thread(target=person.run, args=(addresses, stop)) for person in people]
        for person in people:
            stack.callback(person.session.close)
        for thread in threads:
            thread.start()
        try:
            dispatch_deliveries.delay()  # two beats at once
            dispatch_deliveries.delay()
            assert wait_for(lambda: RecordedMail.objects.count() >= FAMILIES // 4, timeout=40)
            os.killpg(doomed.pid, signal.SIGKILL)
            doomed.wait()
            killed_at = RecordedMail.objects.count()
            workers("--concurrency=2", **environment)

            def everything_sent() -> bool:
                dispatch_deliveries.delay()  # the beat
                return RecordedMail.objects.count() >= FAMILIES and not (
                    Delivery.objects.filter(state=Delivery.State.CLAIMED).exists()
                    or Delivery.objects.due(timezone.now()).exists()
                )

            deadline = time.monotonic() + 60
            while not everything_sent() and time.monotonic() < deadline:
                time.sleep(BEAT_SECONDS)
            time.sleep(1)  # anything sent twice would have landed by now
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=TIMEOUT + 5)
        # Every server shows every check-in, whichever server took it: no stale page.
        mentor = people[-1]
        sheet = mentor.pages[-1]  # today's attendance
        sheets = [mentor.session.get(address + sheet, timeout=TIMEOUT) for address in addresses]

    assert killed_at < FAMILIES, "the worker was killed after the batch, not in it"
    assert Counter(Delivery.objects.values_list("state", flat=True)) == {
        Delivery.State.SENT: Delivery.objects.count()
    }
    mails = mails_per_recipient()
    sent = Delivery.objects.values_list("recipient__email", flat=True)
    assert mails == Counter(sent)
    assert all(mails[email] == 1 for email in emails)

    assert [failure for person in people for failure in person.failures] == []
    answers = [(method, status) for person in people for method, _url, status in person.answers]
    assert [answer for answer in answers if answer[1] >= 500] == []
    # Each signed in (the POST's redirect) and then saw every page and check-in answered.
    assert set(answers) == {("GET", 200), ("POST", 302), ("POST", 200)}, Counter(answers)
    assert answers.count(("POST", 302)) == len(people)
    lantern = Participant.objects.filter(
        workshop__slug=DEMO_SLUG, membership__group__name="Lantern"
    )
    checked_in = Attendance.objects.filter(
        participant__in=lantern, day__date=lantern[0].workshop.local_today()
    )
    assert checked_in.count() == lantern.count()
    for answer in sheets:
        assert answer.status_code == 200
        for child in lantern:
            assert f'state-present" id="child-{child.pk}"' in answer.text
