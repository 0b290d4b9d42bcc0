"""The data migrations of releases (workshop/migrations/0006, 0007), run by Django's migration
executor on rows written with the historical models they start from."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from workshop.models import ReleasedDay, ReleasedSession, Workshop

# Migrating backwards and forwards changes the schema: not inside a test's transaction.
pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_DAYS = ("workshop", "0004_released_days_stay")
BEFORE_PUBLISHING = ("workshop", "0006_released_days")


@pytest.fixture
def migrate():
    """Migrate the database to a state and return its historical models; the database is
    migrated forward again afterwards."""

    def to(target):
        executor = MigrationExecutor(connection)
        executor.migrate([target])
        return executor.loader.project_state([target]).apps

    yield to
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def to_latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def add_workshop(apps, slug, *, published):
    Workshop = apps.get_model("workshop", "Workshop")
    WorkshopDay = apps.get_model("workshop", "WorkshopDay")
    start = datetime.date(2026, 7, 27)
    workshop = Workshop.objects.create(
        title=slug.title(),
        slug=slug,
        venue="Hall",
        start_date=start,
        end_date=start + datetime.timedelta(days=1),
        is_published=published,
    )
    for number in (1, 2):
        WorkshopDay.objects.create(
            workshop=workshop,
            number=number,
            date=start + datetime.timedelta(days=number - 1),
            pickup=datetime.time(16, 30),
            what_to_bring="Indoor shoes",
        )
    return workshop


def test_a_published_workshop_without_a_release_gets_its_schedule_as_release_one(migrate):
    apps = migrate(BEFORE_PUBLISHING)
    Session = apps.get_model("workshop", "Session")
    Group = apps.get_model("groups", "Group")
    User = apps.get_model("workshop", "User")
    published = add_workshop(apps, "summer", published=True)
    draft = add_workshop(apps, "draft", published=False)
    group = Group.objects.create(workshop=published, name="Lantern", colour="#1f77b4")
    mentor = User.objects.create(email="mentor@example.com")
    session = Session.objects.create(
        day=published.days.get(number=2),
        starts_at=datetime.time(10),
        ends_at=datetime.time(11),
        title="Lantern shoots",
    )
    session.groups.add(group)
    session.mentors.add(mentor)
    Session.objects.create(
        day=draft.days.get(number=1),
        starts_at=datetime.time(10),
        ends_at=datetime.time(11),
        title="Draft session",
    )

    to_latest()

    workshop = Workshop.objects.select_related("latest_release").get(slug="summer")
    release = workshop.latest_release
    assert (release.number, release.name, release.published_by) == (1, "The programme", None)
    [frozen] = ReleasedSession.objects.filter(release=release)
    assert (frozen.session_key, frozen.title, frozen.day.number, frozen.sequence) == (
        session.pk,
        "Lantern shoots",
        2,
        0,
    )
    assert ([g.pk for g in frozen.groups.all()], [m.pk for m in frozen.mentors.all()]) == (
        [group.pk],
        [mentor.pk],
    )
    assert sorted(
        ReleasedDay.objects.filter(release=release).values_list(
            "day__number", "pickup", "what_to_bring"
        )
    ) == [(1, datetime.time(16, 30), "Indoor shoes"), (2, datetime.time(16, 30), "Indoor shoes")]
    assert Workshop.objects.get(slug="draft").latest_release is None
    days = workshop.days.with_latest_release().order_by("number")
    assert [day.released_copy.pickup for day in days] == [datetime.time(16, 30)] * 2


def test_a_workshop_released_already_keeps_its_releases_and_gets_its_days_frozen(migrate):
    apps = migrate(BEFORE_DAYS)
    ScheduleRelease = apps.get_model("workshop", "ScheduleRelease")
    HistoricalWorkshop = apps.get_model("workshop", "Workshop")
    workshop = add_workshop(apps, "summer", published=True)
    release = ScheduleRelease.objects.create(workshop=workshop, number=3, name="Rain plan")
    HistoricalWorkshop.objects.filter(pk=workshop.pk).update(latest_release=release)

    to_latest()

    assert list(Workshop.objects.get(slug="summer").releases.values_list("number", "name")) == [
        (3, "Rain plan")
    ]
    assert sorted(
        ReleasedDay.objects.filter(release_id=release.pk).values_list("day__number", "pickup")
    ) == [(1, datetime.time(16, 30)), (2, datetime.time(16, 30))]
