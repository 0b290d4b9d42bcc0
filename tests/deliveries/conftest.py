"""Processes of the app's own, started by the worker tests (test_worker.py, test_soak.py): they
reach this test's PostgreSQL database and the Redis broker, and record their e-mails with
`deliveries.mail.RecordingBackend` in that database, where the test counts them."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
CELERY_KEYS = ("celery", "unacked", "unacked_index")


@pytest.fixture
def services():
    """These workers run in other processes: they need a database and a broker that other
    processes reach."""
    if "postgresql" not in connection.settings_dict["ENGINE"] or not settings.REDIS_URL:
        pytest.skip("needs DATABASE_URL (PostgreSQL) and REDIS_URL: the workers are processes")
    import redis

    broker = redis.Redis.from_url(settings.REDIS_URL)
    broker.delete(*CELERY_KEYS)
    yield
    broker.delete(*CELERY_KEYS)  # what a killed worker left unacknowledged


@pytest.fixture
def process_environment(services, tmp_path) -> dict[str, str]:
    """The environment of every process a test starts: this test's database, the broker and
    the recording mail backend."""
    db = connection.settings_dict
    return {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}"
            f":{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "REDIS_URL": settings.REDIS_URL,
        "DJANGO_EMAIL_BACKEND": "deliveries.mail.RecordingBackend",
        "KACHINKO_VAR_DIR": str(tmp_path),
    }


@pytest.fixture
def workers(process_environment, tmp_path):
    """Start a worker process: one task at a time (`--pool=solo`) unless `options` say
    otherwise, with `environment` added to the test's. Each runs in a session of its own, so
    that a test can kill it together with its pool processes (`os.killpg`), as a machine
    lost takes them all. Every one still running is stopped at the end."""
    started, logs = [], []

    def start(*options: str, **environment: str) -> subprocess.Popen:
        log = (tmp_path / f"worker-{len(started)}.log").open("w")
        logs.append(log)
        process = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "workshop", "worker",
                *(options or ("--pool=solo",)),
                "--without-gossip", "--without-mingle", "--without-heartbeat",
                "--loglevel=WARNING", "-n", f"deliveries-{len(started)}-{os.getpid()}@%h",
            ],
            cwd=ROOT, env={**process_environment, **environment}, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.terminate()
    for process in started:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    for log in logs:
        log.close()
