"""The reminders' bench (issue 17): 10,000 evening reminders fanned out through Celery to the
mail backend, against as many trivial tasks (Celery's own `celery.accumulate`, which returns
its argument) through the same worker, in one run. Goal: the reminders' throughput at least
half the trivial tasks'.

    python -m tests.bench_deliveries [--count 10000] [--strict]

Run by `make bench` after the pages (tests/bench.py; BENCH_DELIVERIES_ARGS passes options).
Production settings over a throw-away database (a temporary SQLite file, or
BENCH_DATABASE_URL) and the configured broker (REDIS_URL, else the embedded one under the
scratch folder); one worker process with two pool processes (`-c 2`), as `make run` starts.
The mail backend records each message in the database (`deliveries.mail.RecordingBackend`):
rendering, the claim and the write of every message are measured, an SMTP server's round
trip is not.
"""

import argparse
import contextlib
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
GOAL = 0.5
TIMEOUT = 600


def throughput_verdict(reminders_per_s: float, trivial_per_s: float) -> tuple[float, str]:
    """The reminders' throughput over the trivial tasks', and whether it meets the goal."""
    ratio = reminders_per_s / trivial_per_s
    return ratio, "PASS" if ratio >= GOAL else "FAIL"


@contextlib.contextmanager
def worker(log_path: Path):
    """A Celery worker as production runs it, with the recording mail backend."""
    env = {**os.environ, "DJANGO_EMAIL_BACKEND": "deliveries.mail.RecordingBackend"}
    command = [
        sys.executable, "-m", "celery", "-A", "workshop", "worker", "--concurrency", "2",
        "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel", "WARNING",
    ]  # fmt: skip
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def families(count: int):
    """A workshop starting tomorrow (UTC) whose reminder time was a minute ago, with `count`
    families of one child each, released."""
    from django.utils import timezone

    from workshop.models import Guardian, Participant, User, Workshop
    from workshop.services import create_workshop, publish_schedule

    moment = timezone.now() - datetime.timedelta(minutes=1)
    Workshop.objects.filter(slug="bench-reminders").delete()
    User.objects.filter(email__startswith="bench-family").delete()
    workshop = create_workshop(
        title="Bench reminders",
        slug="bench-reminders",
        venue="Hall",
        start_date=moment.date() + datetime.timedelta(days=1),
        time_zone="UTC",
        reminder_time=moment.time().replace(microsecond=0),
        is_published=True,
    )
    users = User.objects.bulk_create(
        (User(email=f"bench-family{n}@example.test", first_name=f"P{n}") for n in range(count)),
        batch_size=1000,
    )
    children = Participant.objects.bulk_create(
        (
            Participant(
                workshop=workshop, given_name=f"C{n}", family_name="Bench",
                birth_date=datetime.date(2016, 1, 1),
            )
            for n in range(count)
        ),
        batch_size=1000,
    )  # fmt: skip
    Guardian.objects.bulk_create(
        (Guardian(user=u, participant=c) for u, c in zip(users, children, strict=True)),
        batch_size=1000,
    )
    publish_schedule(workshop, by=users[0])


def queued() -> int:
    """Messages waiting in the default queue."""
    from workshop.celery import app

    with app.connection_for_write() as connection:
        return connection.default_channel.queue_declare("celery").message_count


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"gave up waiting for {what}")
        time.sleep(0.2)


def measure(count: int, scratch: Path) -> dict:
    """Seconds for `count` trivial tasks, then `count` reminders, through one worker."""
    from deliveries.models import Delivery, RecordedMail
    from deliveries.tasks import dispatch_deliveries
    from workshop.celery import app

    families(count)
    app.control.purge()  # nothing left over from another run may start sending early
    with worker(scratch / "worker.log"):
        # Warm up: the worker is up and has imported everything once.
        app.send_task("celery.accumulate", args=(0,))
        wait_until(lambda: queued() == 0, "the worker to start")
        time.sleep(1)

        started = time.monotonic()
        for n in range(count):
            app.send_task("celery.accumulate", args=(n,))
        wait_until(lambda: queued() == 0, "the trivial tasks")
        trivial = time.monotonic() - started

        RecordedMail.objects.all().delete()
        started = time.monotonic()
        dispatch_deliveries.delay()
        sent = Delivery.objects.filter(state=Delivery.State.SENT)
        wait_until(lambda: sent.count() >= count, "the reminders")
        reminders = time.monotonic() - started
    mails = RecordedMail.objects.count()
    if mails != count:
        raise RuntimeError(f"{count} reminders were due and {mails} were sent")
    ratio, verdict = throughput_verdict(count / reminders, count / trivial)
    return {
        "count": count,
        "trivial_s": trivial,
        "reminders_s": reminders,
        "ratio": ratio,
        "verdict": verdict,
    }


def describe(result: dict) -> str:
    count = result["count"]
    return (
        f"Reminders through Celery: {count:,} in {result['reminders_s']:.1f} s "
        f"({count / result['reminders_s']:.0f}/s); trivial tasks: {count:,} in "
        f"{result['trivial_s']:.1f} s ({count / result['trivial_s']:.0f}/s); "
        f"reminders' throughput {result['ratio']:.2f}× the trivial tasks' "
        f"(goal ≥ {GOAL:g}×): {result['verdict']}"
    )


def main(argv=None) -> int:
    from tests.bench import production_environment

    parser = argparse.ArgumentParser(
        prog="python -m tests.bench_deliveries", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--strict", action="store_true", help="exit 1 when the goal is missed")
    options = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="kachinko-bench-deliveries-"))
    try:
        os.environ.update(production_environment(scratch))
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", interactive=False, verbosity=0)
        result = measure(options.count, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(describe(result), flush=True)
    return 1 if result["verdict"] == "FAIL" and options.strict else 0


if __name__ == "__main__":
    sys.exit(main())
