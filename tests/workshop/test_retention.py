"""The retention job (workshop/retention.py): what it erases once a workshop is past its
window, what it keeps, what it writes to the admin log, and that a second run does nothing."""

import datetime
import json
import time

import pytest
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import OperationalError
from django.urls import reverse

from deliveries.models import Delivery, RecordedMail
from projects.models import MediaAsset
from tests.factories import (
    GuardianFactory,
    ParticipantFactory,
    PickupContactFactory,
    StaffMembershipFactory,
    UserFactory,
)
from tests.projects.media_files import ready_photo
from workshop import retention
from workshop.models import (
    Attendance,
    HealthRecord,
    Participant,
    PickupContact,
    User,
    Workshop,
)
from workshop.services import record_consent
from workshop.tasks import erase_expired_data

pytestmark = pytest.mark.django_db

PUBLIC = Participant.MediaConsent.PUBLIC
FAMILIES = Participant.MediaConsent.FAMILIES
WORKSHOP_ONLY = Participant.MediaConsent.WORKSHOP

# The cast's "summer" workshop runs 2026-07-27 to 2026-08-02, in Tokyo: with 30 days, its
# data is erased from 2026-09-01, Tokyo time.
ERASURE_DAY = datetime.datetime(2026, 8, 31, 15, 30, tzinfo=datetime.UTC)  # 00:30 in Tokyo
EVE_OF_ERASURE = ERASURE_DAY - datetime.timedelta(hours=1)  # 23:30 on 31 August in Tokyo


@pytest.fixture
def later_winter(cast):
    """The cast's other workshop, three weeks later: still within its window on 1 September."""
    Workshop.objects.filter(pk=cast.other_workshop.pk).update(
        start_date=datetime.date(2026, 8, 17), end_date=datetime.date(2026, 8, 23)
    )
    return cast


@pytest.fixture
def media(cast, later_winter):
    """Four photos of the summer workshop, one for each outcome of the consent rule."""
    record_consent(cast.child_a1, media_consent=PUBLIC, by=cast.organizer)
    record_consent(cast.child_a2, media_consent=PUBLIC, by=cast.organizer)
    record_consent(cast.child_b2, media_consent=WORKSHOP_ONLY, by=cast.organizer)
    a1, a2, b1, b2 = cast.child_a1, cast.child_a2, cast.child_b1, cast.child_b2
    assets = {
        "public": ready_photo(cast.group_a, by=cast.mentor_a, children=[a1, a2]),
        "families": ready_photo(cast.group_a, by=cast.mentor_a, children=[a1, b1]),
        "staff_only": ready_photo(cast.group_b, by=cast.mentor_b, children=[b1, b2]),
        "untagged": ready_photo(cast.group_b, by=cast.mentor_b),
        "winter": ready_photo(cast.group_x, by=cast.other_organizer, children=[cast.child_x]),
    }
    return assets


def storage():
    return MediaAsset._meta.get_field("original").storage


def files_of(asset) -> list[str]:
    return [f.name for f in (asset.original, asset.thumbnail, asset.display)]


def retention_log(workshop) -> list[LogEntry]:
    return list(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Workshop), object_id=str(workshop.pk)
        ).order_by("pk")
    )


def test_nothing_is_erased_while_a_workshop_runs(cast, on_day_three):
    assert retention.erase_due_workshops() == {}
    assert HealthRecord.objects.count() == 5
    assert LogEntry.objects.count() == 0


def test_nothing_is_erased_the_evening_before_the_erasure_date(
    cast, later_winter, clock, django_capture_on_commit_callbacks
):
    PickupContactFactory(participant=cast.child_a1)
    clock(EVE_OF_ERASURE)
    with django_capture_on_commit_callbacks(execute=True):
        assert retention.erase_due_workshops() == {}
    assert HealthRecord.objects.count() == 5
    assert PickupContact.objects.count() == 1
    assert User.objects.get(last_name="Bystander").phone == "080-9"
    assert LogEntry.objects.count() == 0


def test_past_its_window_a_workshop_loses_exactly_its_health_records_contacts_and_phones(
    cast, later_winter, clock, django_capture_on_commit_callbacks
):
    summer_contact = PickupContactFactory(participant=cast.child_a1)
    winter_contact = PickupContactFactory(participant=cast.child_x)
    User.objects.filter(pk__in=[cast.parent_a.pk, cast.outsider_parent.pk]).update(phone="090-1")
    # A summer family who comes back in winter keeps their number for winter.
    both = UserFactory(phone="090-2")
    GuardianFactory(user=both, participant=cast.child_b1)
    GuardianFactory(user=both, participant=ParticipantFactory(workshop=cast.other_workshop))
    # So does a summer parent who mentors in winter; the summer mentors' own numbers are not
    # guardians' numbers and stay.
    StaffMembershipFactory(user=cast.parent_two, workshop=cast.other_workshop)
    User.objects.filter(pk__in=[cast.parent_two.pk, cast.mentor_a.pk]).update(phone="090-3")

    clock(ERASURE_DAY)
    with django_capture_on_commit_callbacks(execute=True):
        erased = retention.erase_due_workshops()

    assert erased == {cast.workshop.pk: {"health_records": 4, "contacts": 1, "phones": 2}}
    assert list(HealthRecord.objects.values_list("participant", flat=True)) == [cast.child_x.pk]
    assert list(PickupContact.objects.all()) == [winter_contact]
    assert not PickupContact.objects.filter(pk=summer_contact.pk).exists()
    phones = dict(User.objects.values_list("pk", "phone"))
    assert phones[cast.parent_a.pk] == ""
    assert User.objects.get(last_name="Bystander").phone == ""
    assert (phones[both.pk], phones[cast.parent_two.pk], phones[cast.mentor_a.pk]) == (
        "090-2",
        "090-3",
        "090-3",
    )
    assert phones[cast.outsider_parent.pk] == "090-1"
    # The children themselves, their guardians and consent stay.
    assert Participant.objects.filter(workshop=cast.workshop).count() == 4
    assert cast.child_a1.guardians.count() == 1


def test_media_keep_what_their_childrens_consent_allows_and_lose_the_rest(
    cast, media, clock, django_capture_on_commit_callbacks
):
    files = {name: files_of(asset) for name, asset in media.items()}
    assert all(storage().exists(name) for names in files.values() for name in names)

    clock(ERASURE_DAY)
    with django_capture_on_commit_callbacks(execute=True):
        erased = retention.erase_due_workshops()

    assert erased[cast.workshop.pk]["media"] == 2
    assert erased[cast.workshop.pk]["originals"] == 1
    # Every child public: all kept.
    assert all(storage().exists(name) for name in files["public"])
    assert MediaAsset.objects.get(pk=media["public"].pk).original.name == files["public"][0]
    # Families may see it, but not every child is public: the renditions stay, not the original.
    families = MediaAsset.objects.get(pk=media["families"].pk)
    assert (families.original.name, families.thumbnail.name, families.display.name) == (
        "",
        files["families"][1],
        files["families"][2],
    )
    assert [storage().exists(name) for name in files["families"]] == [False, True, True]
    # No family may see them: gone whole, files and all.
    for name in ("staff_only", "untagged"):
        assert not MediaAsset.objects.filter(pk=media[name].pk).exists()
        assert [storage().exists(file) for file in files[name]] == [False, False, False]
    # Another workshop, within its window: untouched.
    assert all(storage().exists(name) for name in files["winter"])


def test_each_kind_erased_is_logged_once_on_the_workshop_with_counts_and_ids_only(
    cast, media, clock, django_capture_on_commit_callbacks
):
    PickupContactFactory(participant=cast.child_a1, name="Auntie Aoyama", phone="080-7")
    clock(ERASURE_DAY)
    with django_capture_on_commit_callbacks(execute=True):
        erase_expired_data()

    entries = retention_log(cast.workshop)
    user = User.objects.get(email=retention.RETENTION_EMAIL)
    assert (user.is_active, user.has_usable_password()) == (False, False)
    assert {(entry.user_id, entry.action_flag) for entry in entries} == {(user.pk, CHANGE)}
    kinds = [json.loads(entry.change_message)[0]["retention"] for entry in entries]
    children = sorted([cast.child_a1.pk, cast.child_a2.pk, cast.child_b1.pk, cast.child_b2.pk])
    assert [(kind["kind"], kind["count"]) for kind in kinds] == [
        ("health_records", 4),
        ("contacts", 1),
        ("phones", 1),
        ("media", 2),
        ("originals", 1),
    ]
    assert kinds[0]["ids"] == children
    assert kinds[3]["ids"] == sorted([media["staff_only"].pk, media["untagged"].pk])
    assert kinds[4]["ids"] == [media["families"].pk]
    assert entries[0].get_change_message() == (
        f"Deleted health records “4: children {', '.join(map(str, children))}”."
    )
    assert entries[2].get_change_message().startswith("Changed phone for guardians' phone num")
    logged = " ".join(entry.change_message + entry.object_repr for entry in entries)
    for secret in ("Aoyama", "Auntie", "080-", "090-", "Peanuts", "EpiPen", "Bystander"):
        assert secret not in logged
    assert retention_log(cast.other_workshop) == []


def test_a_second_run_erases_and_logs_nothing_more(
    cast, media, clock, django_capture_on_commit_callbacks
):
    clock(ERASURE_DAY)
    with django_capture_on_commit_callbacks(execute=True):
        retention.erase_due_workshops()
    logged = LogEntry.objects.count()
    kept = sorted(MediaAsset.objects.values_list("pk", "original", "thumbnail"))

    clock(ERASURE_DAY + datetime.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert retention.erase_due_workshops() == {}
    assert callbacks == []
    assert LogEntry.objects.count() == logged
    assert sorted(MediaAsset.objects.values_list("pk", "original", "thumbnail")) == kept


def test_what_is_added_after_the_erasure_is_erased_by_the_next_run(
    cast, later_winter, clock, django_capture_on_commit_callbacks
):
    clock(ERASURE_DAY)
    retention.erase_due_workshops()
    PickupContactFactory(participant=cast.child_a1)
    assert retention.erase_due_workshops() == {cast.workshop.pk: {"contacts": 1}}
    assert PickupContact.objects.count() == 0


def test_the_window_is_a_setting(cast, later_winter, clock, settings):
    settings.KACHINKO_RETENTION_DAYS = 60
    clock(ERASURE_DAY)
    assert retention.erase_due_workshops() == {}
    assert retention.erasure_date(cast.workshop) == datetime.date(2026, 10, 1)
    settings.KACHINKO_RETENTION_DAYS = 1
    clock(datetime.datetime(2026, 8, 3, 15, 30, tzinfo=datetime.UTC))  # 4 August in Tokyo
    assert retention.erase_due_workshops()[cast.workshop.pk]["health_records"] == 4


def test_the_plan_counts_what_would_go_and_when(cast, media, on_day_three):
    PickupContactFactory(participant=cast.child_a1)
    picked_up(cast.child_a1, "Auntie Aoyama")
    picked_up(cast.child_x, "Uncle Faraway")
    delivery(cast.workshop, cast.parent_a)
    delivery(cast.other_workshop, cast.outsider_parent)
    plan = retention.plan(cast.workshop)
    assert (plan.date, plan.due) == (datetime.date(2026, 9, 1), False)
    assert {count.kind: count.count for count in plan.counts} == {
        "health_records": 4,
        "contacts": 1,
        "pickup_names": 1,
        "phones": 1,
        "media": 2,
        "originals": 1,
        "deliveries": 1,
    }
    assert HealthRecord.objects.count() == 5


def picked_up(child, name: str, *, number: int = 1) -> Attendance:
    """The child checked in and out on day `number` of their workshop, picked up by `name`."""
    day = child.workshop.days.get(number=number)
    at = datetime.datetime.combine(day.date, datetime.time(9), tzinfo=child.workshop.tz)
    return Attendance.objects.create(
        participant=child,
        day=day,
        checked_in_at=at,
        checked_out_at=at + datetime.timedelta(hours=7),
        picked_up_by_name=name,
        picked_up_unlisted=True,
    )


def delivery(workshop, recipient, **fields) -> Delivery:
    day = workshop.days.get(number=1)
    return Delivery.objects.create(
        workshop=workshop,
        recipient=recipient,
        kind=Delivery.Kind.EVENING_REMINDER,
        subject=f"day:{day.pk}",
        due_at=datetime.datetime.combine(day.date, datetime.time(9), tzinfo=datetime.UTC),
        **fields,
    )


def test_past_its_window_a_workshop_loses_who_picked_up_and_its_deliveries(
    cast, later_winter, clock, django_capture_on_commit_callbacks
):
    summer_pickups = [
        picked_up(cast.child_a1, "Auntie Aoyama"),
        picked_up(cast.child_b2, "Bea Bystander", number=2),
    ]
    checked_in_only = Attendance.objects.create(
        participant=cast.child_a2,
        day=cast.workshop.days.get(number=1),
        checked_in_at=summer_pickups[0].checked_in_at,
    )
    winter_pickup = picked_up(cast.child_x, "Uncle Faraway")
    sent = delivery(cast.workshop, cast.parent_a, state=Delivery.State.SENT)
    failed = delivery(
        cast.workshop,
        cast.parent_two,
        state=Delivery.State.FAILED,
        last_error="550 no such mailbox: parent.two@example.com",
    )
    winter = delivery(cast.other_workshop, cast.outsider_parent, last_error="timed out")

    clock(ERASURE_DAY)
    with django_capture_on_commit_callbacks(execute=True):
        erased = retention.erase_due_workshops()

    assert erased[cast.workshop.pk]["pickup_names"] == 2
    assert erased[cast.workshop.pk]["deliveries"] == 2
    # Each check-out keeps its times, not who came.
    for pickup in summer_pickups:
        kept = Attendance.objects.get(pk=pickup.pk)
        assert (kept.picked_up_by_name, kept.checked_in_at, kept.checked_out_at) == (
            retention.ERASED_NAME,
            pickup.checked_in_at,
            pickup.checked_out_at,
        )
    assert Attendance.objects.get(pk=checked_in_only.pk).picked_up_by_name == ""
    assert not Delivery.objects.filter(pk__in=[sent.pk, failed.pk]).exists()
    # Another workshop, within its window: untouched.
    assert Attendance.objects.get(pk=winter_pickup.pk).picked_up_by_name == "Uncle Faraway"
    assert Delivery.objects.get(pk=winter.pk).last_error == "timed out"

    entries = retention_log(cast.workshop)
    kinds = {
        part["retention"]["kind"]: part["retention"]
        for entry in entries
        for part in json.loads(entry.change_message)
    }
    assert kinds["pickup_names"]["ids"] == sorted(pickup.pk for pickup in summer_pickups)
    assert kinds["deliveries"]["ids"] == sorted([sent.pk, failed.pk])
    by_kind = {json.loads(e.change_message)[0]["retention"]["kind"]: e for e in entries}
    assert (
        by_kind["pickup_names"]
        .get_change_message()
        .startswith("Changed picked up by for names of who picked children up")
    )
    assert by_kind["deliveries"].get_change_message() == (
        f"Deleted deliveries “2: deliveries {', '.join(map(str, sorted([sent.pk, failed.pk])))}”."
    )
    logged = " ".join(entry.change_message for entry in entries)
    for secret in ("Aoyama", "Bystander", "mailbox", "example.com"):
        assert secret not in logged

    # A second run finds the names erased already and no deliveries left.
    assert retention.erase_due_workshops() == {}
    assert len(retention_log(cast.workshop)) == len(entries)
    plan = retention.plan(cast.workshop)
    assert {count.kind: count.count for count in plan.counts}["pickup_names"] == 0


def recorded(subject: str, at: datetime.datetime) -> RecordedMail:
    mail = RecordedMail.objects.create(to="parent@example.com", subject=subject, text="Hello")
    RecordedMail.objects.filter(pk=mail.pk).update(recorded_at=at)
    return mail


def test_recorded_mail_goes_once_it_is_as_old_as_the_window_and_is_logged(cast, clock):
    """Recorded e-mails name no workshop: they go by their own age, whatever the workshop."""
    old = recorded("Tomorrow: day 1", ERASURE_DAY - datetime.timedelta(days=30))
    young = recorded("Tomorrow: day 2", ERASURE_DAY - datetime.timedelta(days=29))
    clock(ERASURE_DAY)

    erase_expired_data()

    assert list(RecordedMail.objects.all()) == [young]
    entry = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(RecordedMail))
    assert (entry.user.email, entry.object_id) == (retention.RETENTION_EMAIL, None)
    assert json.loads(entry.change_message)[0]["retention"] == {
        "kind": "recorded_mail",
        "count": 1,
        "ids": [old.pk],
    }
    assert entry.get_change_message() == f"Deleted recorded e-mails “1: e-mails {old.pk}”."
    assert "Tomorrow" not in entry.change_message + entry.object_repr
    # A workshop's page lists the workshop's own erasures only.
    assert [e.kind for e in retention.erasures(cast.workshop)] == ["health_records", "phones"]

    assert retention.erase_recorded_mail() == 0
    assert LogEntry.objects.filter(content_type=entry.content_type).count() == 1
    clock(ERASURE_DAY + datetime.timedelta(days=1))
    assert retention.erase_recorded_mail() == 1
    assert not RecordedMail.objects.exists()


def test_beat_runs_the_erasure_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["erase-expired-data"]
    assert entry["task"] == erase_expired_data.name
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({3}, {30})


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_erases_once_however_often_it_is_asked(broker):
    """Today (the real clock) both of the cast's workshops of July 2026 are past their window.
    Three tasks at once, as two beats and a retry might send: one erases, the others find
    nothing left, and each kind is logged once per workshop. The worker starts once the
    data is written: SQLite's shared in-memory test database lets one writer at a time."""
    from celery.contrib.testing.worker import start_worker

    from tests.conftest import make_cast
    from tests.workshop.test_tasks import wait_for

    cast = make_cast()
    record_consent(cast.child_b2, media_consent=WORKSHOP_ONLY, by=cast.organizer)
    withheld = ready_photo(cast.group_b, by=cast.mentor_b, children=[cast.child_b2])
    names = files_of(withheld)

    def erased():
        """Asked while the worker writes: SQLite's shared in-memory test database answers
        "table is locked" until the worker commits."""
        try:
            return len(retention_log(cast.other_workshop)) == 1 and not any(
                storage().exists(name) for name in names
            )
        except OperationalError:
            return False

    for _ in range(3):
        erase_expired_data.delay()
    with start_worker(broker, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        assert wait_for(erased)
        time.sleep(1)  # the two later tasks, which must find nothing left
    assert not HealthRecord.objects.exists()
    assert not MediaAsset.objects.filter(pk=withheld.pk).exists()
    assert User.objects.get(last_name="Bystander").phone == ""
    kinds = [
        json.loads(entry.change_message)[0]["retention"]["kind"]
        for entry in retention_log(cast.workshop)
    ]
    assert kinds == ["health_records", "phones", "media"]
    assert [
        json.loads(entry.change_message)[0]["retention"]["count"]
        for entry in retention_log(cast.other_workshop)
    ] == [1]


@pytest.mark.parametrize(
    ("value", "refusal"),
    [("thirty", "KACHINKO_RETENTION_DAYS must be an integer"), ("0", "must be 1 or more")],
)
def test_a_malformed_retention_window_stops_the_site_from_starting(value, refusal):
    from tests.workshop.test_settings import run_manage

    result = run_manage("check", KACHINKO_RETENTION_DAYS=value)
    assert result.returncode == 1
    assert refusal in result.stderr


def test_the_admin_shows_the_erasures_in_the_workshops_history(
    client, cast, later_winter, clock, django_capture_on_commit_callbacks
):
    clock(ERASURE_DAY)
    retention.erase_due_workshops()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse("admin:workshop_workshop_history", args=[cast.workshop.pk]))
    children = [cast.child_a1.pk, cast.child_a2.pk, cast.child_b1.pk, cast.child_b2.pk]
    assert (
        f"Deleted health records “4: children {', '.join(map(str, sorted(children)))}”."
        in response.content.decode()
    )
    assert "Data retention" in response.content.decode()


def test_a_file_that_fails_to_go_leaves_nothing_recorded_and_the_retry_erases_it(
    cast, media, clock, monkeypatch
):
    from projects.storage import PrivateStorage

    names = files_of(media["staff_only"])
    clock(ERASURE_DAY)

    def refuse(self, name):
        raise OSError("the disk is read-only")

    with monkeypatch.context() as patch:
        patch.setattr(PrivateStorage, "delete", refuse)
        with pytest.raises(OSError):
            erase_expired_data()
    assert HealthRecord.objects.filter(participant__workshop=cast.workshop).count() == 4
    assert MediaAsset.objects.filter(pk=media["staff_only"].pk).exists()
    assert LogEntry.objects.count() == 0

    erase_expired_data()
    assert not MediaAsset.objects.filter(pk=media["staff_only"].pk).exists()
    assert [storage().exists(name) for name in names] == [False, False, False]
    assert len(retention_log(cast.workshop)) == 4  # health, phones, media, originals
