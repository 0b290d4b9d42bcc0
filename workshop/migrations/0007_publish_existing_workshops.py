from django.db import migrations
from django.db.models import Max
from django.utils import timezone

RELEASE_NAME = "The programme"
SESSION_FIELDS = (
    "day_id",
    "starts_at",
    "ends_at",
    "room_id",
    "title",
    "description",
    "kind",
    "stage_id",
    "for_all_groups",
)
DAY_FIELDS = ("doors_open", "pickup", "what_to_bring", "family_notes", "focus_stage_id")


def publish_existing_workshops(apps, schema_editor):
    """Families read only released schedules now. A workshop published before releases
    existed gets its schedule as it stands as release 1, so its families keep seeing it."""
    Workshop = apps.get_model("workshop", "Workshop")
    ScheduleRelease = apps.get_model("workshop", "ScheduleRelease")
    ReleasedSession = apps.get_model("workshop", "ReleasedSession")
    ReleasedDay = apps.get_model("workshop", "ReleasedDay")
    Session = apps.get_model("workshop", "Session")
    WorkshopDay = apps.get_model("workshop", "WorkshopDay")
    for workshop in Workshop.objects.filter(is_published=True, latest_release=None):
        numbered = workshop.releases.aggregate(last=Max("number"))["last"] or 0
        release = ScheduleRelease.objects.create(
            workshop=workshop,
            number=numbered + 1,
            name=RELEASE_NAME,
            published_at=timezone.now(),
        )
        sessions = list(
            Session.objects.filter(day__workshop=workshop).prefetch_related("groups", "mentors")
        )
        frozen = ReleasedSession.objects.bulk_create(
            ReleasedSession(
                release=release,
                session_key=session.pk,
                **{name: getattr(session, name) for name in SESSION_FIELDS},
            )
            for session in sessions
        )
        ReleasedSession.groups.through.objects.bulk_create(
            ReleasedSession.groups.through(releasedsession_id=row.pk, group_id=group.pk)
            for session, row in zip(sessions, frozen, strict=True)
            for group in session.groups.all()
        )
        ReleasedSession.mentors.through.objects.bulk_create(
            ReleasedSession.mentors.through(releasedsession_id=row.pk, user_id=mentor.pk)
            for session, row in zip(sessions, frozen, strict=True)
            for mentor in session.mentors.all()
        )
        ReleasedDay.objects.bulk_create(
            ReleasedDay(release=release, day_id=day.pk, **{n: getattr(day, n) for n in DAY_FIELDS})
            for day in WorkshopDay.objects.filter(workshop=workshop)
        )
        Workshop.objects.filter(pk=workshop.pk).update(latest_release=release)


class Migration(migrations.Migration):
    dependencies = [
        ("workshop", "0006_released_days"),
    ]

    operations = [
        migrations.RunPython(publish_existing_workshops, migrations.RunPython.noop),
    ]
