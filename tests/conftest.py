"""The fixed cast every access test uses: two workshops, and in them organizers, mentors,
parents (one with two children in different groups) and outsiders who must see nothing."""

import datetime
import os
import uuid
from dataclasses import dataclass

import django.utils.timezone
import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation

from tests.factories import (
    GroupFactory,
    GuardianFactory,
    MembershipFactory,
    ParticipantFactory,
    SessionFactory,
    StaffMembershipFactory,
    UserFactory,
    WorkshopFactory,
)
from workshop import limits
from workshop.models import StaffMembership
from workshop.page_cache import VERSION_KEY
from workshop.services import publish_schedule


def pytest_configure(config):
    """Without Redis, pages are cached in this process's memory: the file cache under var/
    is for several processes sharing one machine, and tests must not leave files there."""
    if not os.environ.get("REDIS_URL"):
        settings.CACHES = {
            **settings.CACHES,
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        }


def pytest_sessionstart(session):
    """In CI the suite must run on PostgreSQL and Redis; never fall back silently."""
    if os.environ.get("KACHINKO_REQUIRE_SERVICES") != "1":
        return
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        pytest.exit(f"KACHINKO_REQUIRE_SERVICES=1 but the database is {engine}", returncode=1)
    if not settings.REDIS_URL:
        pytest.exit("KACHINKO_REQUIRE_SERVICES=1 but REDIS_URL is not set", returncode=1)
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL).ping()
    except redis.RedisError as error:
        pytest.exit(f"Redis at {settings.REDIS_URL} is unreachable: {error}", returncode=1)


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with no cached page or data version. Only Kachinko's own key is
    removed from the shared cache: under Redis it may hold a developer's other data."""
    caches["default"].delete(VERSION_KEY)
    caches["template_fragments"].clear()


@pytest.fixture(autouse=True)
def fresh_limits(monkeypatch):
    """Every test counts sign-in failures and e-mails from zero: the counts of earlier tests
    (and runs, under Redis) live under other keys and expire on their own."""
    monkeypatch.setattr(limits, "KEY_PREFIX", f"kachinko:test-limit:{uuid.uuid4().hex}")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path_factory):
    """The children's media go to a folder of each test's own, never under var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "media": {
            "BACKEND": "projects.storage.PrivateStorage",
            "OPTIONS": {"location": str(tmp_path_factory.mktemp("media-private"))},
        },
    }


@pytest.fixture(scope="session")
def s3_server():
    """A real S3 API server (moto's) on this machine, for the whole test session."""
    from tests.s3 import running_s3_server

    with running_s3_server() as endpoint:
        yield endpoint


@pytest.fixture
def s3_media(s3_server, settings):
    """The media in a bucket of the test's own on that server, configured as a deployment
    does it: by the KACHINKO_MEDIA_S3_* variables. Yields the bucket's name and a client."""
    from tests.s3 import environment, new_bucket
    from workshop.settings import media_storage_settings

    bucket, client = new_bucket(s3_server)
    settings.STORAGES = {
        **settings.STORAGES,
        "media": media_storage_settings(environment(s3_server, bucket), default_root=None),
    }
    return bucket, client


@pytest.fixture(params=["filesystem", pytest.param("s3", marks=pytest.mark.s3)])
def media_backend(request):
    """Run a media test on the files on disk, then again on an S3 bucket (marker `s3`)."""
    if request.param == "s3":
        request.getfixturevalue("s3_media")
    return request.param


@pytest.fixture(autouse=True)
def english():
    """Start every test in English: a request in another language leaves it active."""
    with translation.override("en"):
        yield


@pytest.fixture
def clock(monkeypatch):
    """Stop the clock at a given instant: the one edge of the system that tests fake."""

    def set_to(instant: datetime.datetime) -> None:
        monkeypatch.setattr(django.utils.timezone, "now", lambda: instant)

    return set_to


# Day 3 of the cast's workshop, 2026-07-29, at 09:30 in Tokyo.
DAY_THREE = datetime.datetime(2026, 7, 29, 0, 30, tzinfo=datetime.UTC)


@pytest.fixture
def on_day_three(clock):
    """The page tests' "now": the middle of the cast's week, during the day."""
    clock(DAY_THREE)


@dataclass
class Cast:
    workshop: object
    other_workshop: object
    group_a: object
    group_b: object
    group_x: object
    organizer: object
    other_organizer: object
    mentor_a: object
    mentor_b: object
    parent_a: object
    parent_two: object
    outsider_parent: object
    child_a1: object
    child_a2: object
    child_b1: object
    child_b2: object
    child_x: object
    session_all: object
    session_a: object
    session_b: object
    session_x: object


def make_cast() -> Cast:
    workshop = WorkshopFactory(title="Summer", slug="summer")
    other = WorkshopFactory(title="Winter", slug="winter")
    organizer, other_organizer = UserFactory(), UserFactory()
    StaffMembershipFactory(user=organizer, workshop=workshop, role=StaffMembership.Role.ORGANIZER)
    StaffMembershipFactory(
        user=other_organizer, workshop=other, role=StaffMembership.Role.ORGANIZER
    )
    mentor_a, mentor_b = UserFactory(), UserFactory()
    for mentor in (mentor_a, mentor_b):
        StaffMembershipFactory(user=mentor, workshop=workshop, specialty="camera")
    group_a = GroupFactory(workshop=workshop, name="Lantern", mentors=[mentor_a])
    group_b = GroupFactory(workshop=workshop, name="Kite", mentors=[mentor_b])
    group_x = GroupFactory(workshop=other, name="Snow")

    def child(group, family_name, **fields):
        participant = ParticipantFactory(workshop=group.workshop, family_name=family_name, **fields)
        MembershipFactory(participant=participant, group=group)
        return participant

    child_a1 = child(
        group_a,
        "Aoyama",
        allergies="Peanuts",
        medical_notes="EpiPen in bag",
        emergency_contact_name="Grandma Aoyama",
        emergency_contact_phone="090-0000-0001",
        notes="Shy on the first day",
    )
    child_a2 = child(group_a, "Sibling", emergency_contact_phone="090-0000-0002")
    child_b1 = child(group_b, "Sibling", emergency_contact_phone="090-0000-0003")
    child_b2 = child(
        group_b,
        "Bystander",
        allergies="Sesame",
        medical_notes="Asthma",
        emergency_contact_name="Uncle Bystander",
        emergency_contact_phone="090-0000-0004",
    )
    child_x = child(
        group_x, "Faraway", medical_notes="Diabetes", emergency_contact_phone="090-0000-0005"
    )
    parent_a, parent_two, outsider = UserFactory(), UserFactory(), UserFactory()
    GuardianFactory(user=parent_a, participant=child_a1)
    GuardianFactory(user=parent_two, participant=child_a2)
    GuardianFactory(user=parent_two, participant=child_b1)
    GuardianFactory(user=outsider, participant=child_x)
    bystanders_parent = UserFactory(first_name="Bea", last_name="Bystander", phone="080-9")
    GuardianFactory(user=bystanders_parent, participant=child_b2)
    sessions = {
        "session_all": SessionFactory(
            workshop=workshop, title="Morning circle", for_all_groups=True
        ),
        "session_a": SessionFactory(workshop=workshop, title="Lantern shoots", groups=[group_a]),
        "session_b": SessionFactory(workshop=workshop, title="Kite shoots", groups=[group_b]),
        "session_x": SessionFactory(workshop=other, title="Snow shoots", groups=[group_x]),
    }
    # Families read released schedules: each workshop's sessions as its first release.
    publish_schedule(workshop, by=organizer)
    publish_schedule(other, by=other_organizer)
    return Cast(
        workshop=workshop,
        other_workshop=other,
        group_a=group_a,
        group_b=group_b,
        group_x=group_x,
        organizer=organizer,
        other_organizer=other_organizer,
        mentor_a=mentor_a,
        mentor_b=mentor_b,
        parent_a=parent_a,
        parent_two=parent_two,
        outsider_parent=outsider,
        child_a1=child_a1,
        child_a2=child_a2,
        child_b1=child_b1,
        child_b2=child_b2,
        child_x=child_x,
        **sessions,
    )


@pytest.fixture
def cast(db) -> Cast:
    return make_cast()


# --- A real Celery worker ------------------------------------------------------------------


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
