"""Publishing a release (workshop/services.py) and what changed between versions
(workshop/releases.py, workshop/selectors.py)."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import RoomFactory, SessionFactory, WorkshopFactory
from workshop.models import (
    Guardian,
    ReleasedDay,
    ReleasedSession,
    Session,
    Workshop,
    WorkshopDay,
)
from workshop.releases import ChangeKind
from workshop.selectors import release_audience, release_changes, unreleased_changes
from workshop.services import publish_schedule, record_release_audience

pytestmark = pytest.mark.django_db


def released(release):
    return sorted(
        (s.title, s.starts_at, s.sequence, s.is_cancelled)
        for s in ReleasedSession.objects.filter(release=release)
    )


def kinds(changes):
    return [(change.kind, change.session.title) for change in changes]


def test_the_first_release_publishes_a_draft_workshop_and_freezes_its_sessions(db):
    workshop = WorkshopFactory(is_published=False)
    session = SessionFactory(workshop=workshop, title="Script", groups=[])
    release = publish_schedule(workshop, by=None, name="The programme")
    workshop.refresh_from_db()
    assert (workshop.is_published, workshop.latest_release, release.number) == (True, release, 1)
    assert released(release) == [("Script", session.starts_at, 0, False)]


def test_a_release_keeps_what_families_see_until_the_next_one(client, cast):
    cast.session_a.starts_at, cast.session_a.ends_at = datetime.time(14), datetime.time(15)
    cast.session_a.save()
    client.force_login(cast.parent_a)
    week = client.get(f"/workshops/{cast.workshop.slug}/").text
    assert "10:00–11:00" in week
    assert "14:00–15:00" not in week
    publish_schedule(cast.workshop, by=cast.organizer)
    week = client.get(f"/workshops/{cast.workshop.slug}/").text
    assert "14:00–15:00" in week


def test_a_changed_session_rises_in_sequence_and_an_unchanged_one_keeps_it(cast):
    cast.session_a.title = "Lantern reshoots"
    cast.session_a.save()
    second = publish_schedule(cast.workshop, by=cast.organizer)
    assert released(second) == [
        ("Kite shoots", datetime.time(10), 0, False),
        ("Lantern reshoots", datetime.time(10), 1, False),
        ("Morning circle", datetime.time(10), 0, False),
    ]


def test_a_deleted_session_stays_in_the_release_cancelled_and_once(cast):
    cast.session_b.delete()
    second = publish_schedule(cast.workshop, by=cast.organizer)
    assert ("Kite shoots", datetime.time(10), 1, True) in released(second)
    assert kinds(release_changes(second)) == [(ChangeKind.CANCELLED, "Kite shoots")]
    cast.session_a.title = "Lantern reshoots"
    cast.session_a.save()
    third = publish_schedule(cast.workshop, by=cast.organizer)
    assert ("Kite shoots", datetime.time(10), 1, True) in released(third)
    assert kinds(release_changes(third)) == [(ChangeKind.CHANGED, "Lantern reshoots")]


def test_families_no_longer_see_a_cancelled_session(client, cast):
    cast.session_a.delete()
    publish_schedule(cast.workshop, by=cast.organizer)
    client.force_login(cast.parent_a)
    assert "Lantern shoots" not in client.get(f"/workshops/{cast.workshop.slug}/").text


def test_changes_say_what_was_added_moved_changed_and_cancelled(cast):
    day2 = cast.workshop.days.get(number=2)
    SessionFactory(workshop=cast.workshop, day=day2, title="Rain plan", groups=[cast.group_a])
    cast.session_a.room = RoomFactory(workshop=cast.workshop, name="Garden")
    cast.session_a.save()
    Session.objects.filter(pk=cast.session_all.pk).update(title="Morning song")
    cast.session_b.delete()
    assert sorted(kinds(unreleased_changes(cast.workshop))) == [
        (ChangeKind.ADDED, "Rain plan"),
        (ChangeKind.CANCELLED, "Kite shoots"),
        (ChangeKind.CHANGED, "Morning song"),
        (ChangeKind.MOVED, "Lantern shoots"),
    ]
    pending = sorted(kinds(unreleased_changes(cast.workshop)))
    release = publish_schedule(cast.workshop, by=cast.organizer)
    assert sorted(kinds(release_changes(release))) == pending
    assert unreleased_changes(cast.workshop) == []


def test_a_change_of_groups_or_mentors_is_a_change(cast):
    cast.session_a.groups.add(cast.group_b)
    cast.session_b.mentors.add(cast.mentor_a)
    assert sorted(kinds(unreleased_changes(cast.workshop))) == [
        (ChangeKind.CHANGED, "Kite shoots"),
        (ChangeKind.CHANGED, "Lantern shoots"),
    ]


def test_the_audience_of_a_change_is_its_groups_families_and_mentors(cast):
    cast.session_a.title = "Lantern reshoots"
    cast.session_a.save()
    release = publish_schedule(cast.workshop, by=cast.organizer)
    audience = release_audience(release)
    assert set(audience) == {cast.parent_a.pk, cast.parent_two.pk, cast.mentor_a.pk}
    assert {
        user_id: [change.session.title for change in changes]
        for user_id, changes in audience.items()
    } == {user_id: ["Lantern reshoots"] for user_id in audience}


def test_a_change_for_everyone_reaches_every_family_and_mentor(cast):
    Session.objects.filter(pk=cast.session_all.pk).update(starts_at=datetime.time(9, 30))
    release = publish_schedule(cast.workshop, by=cast.organizer)
    families = set(
        Guardian.objects.filter(participant__workshop=cast.workshop).values_list(
            "user_id", flat=True
        )
    )
    assert set(release_audience(release)) == families | {cast.mentor_a.pk, cast.mentor_b.pk}


def test_recording_the_audience_twice_counts_once(cast):
    cast.session_a.title = "Lantern reshoots"
    cast.session_a.save()
    release = publish_schedule(cast.workshop, by=cast.organizer)
    record_release_audience(release_id=release.pk)
    record_release_audience(release_id=release.pk)
    release.refresh_from_db()
    assert (release.affected_guardians, release.affected_mentors) == (2, 1)


def test_releases_are_numbered_per_workshop(cast):
    def change_and_publish(workshop, session, by, title):
        session.title = title
        session.save()
        return publish_schedule(workshop, by=by).number

    assert change_and_publish(cast.workshop, cast.session_a, cast.organizer, "A") == 2
    assert change_and_publish(cast.other_workshop, cast.session_x, cast.other_organizer, "X") == 2
    assert change_and_publish(cast.workshop, cast.session_a, cast.organizer, "B") == 3


def test_a_later_release_leaves_an_unpublished_workshop_unpublished(cast):
    Workshop.objects.filter(pk=cast.workshop.pk).update(is_published=False)
    cast.workshop.refresh_from_db()
    cast.session_a.title = "Lantern reshoots"
    cast.session_a.save()
    publish_schedule(cast.workshop, by=cast.organizer)
    cast.workshop.refresh_from_db()
    assert cast.workshop.is_published is False


def test_releasing_twice_without_a_change_writes_one_release(cast):
    cast.session_a.title = "Lantern reshoots"
    cast.session_a.save()
    first = publish_schedule(cast.workshop, by=cast.organizer)
    assert publish_schedule(cast.workshop, by=cast.organizer) == first
    assert cast.workshop.releases.count() == 2


def test_a_day_with_released_sessions_is_not_deleted_alone_but_goes_with_its_workshop(cast):
    from django.db.models import RestrictedError

    day = cast.workshop.days.get(number=1)
    with pytest.raises(RestrictedError):
        day.delete()
    cast.workshop.delete()
    assert not ReleasedSession.objects.filter(day=day).exists()


# --- What families read of each day ------------------------------------------------------


def change_day(cast, number, **fields):
    day = cast.workshop.days.get(number=number)
    for name, value in fields.items():
        setattr(day, name, value)
    day.save()
    return day


@pytest.mark.usefixtures("on_day_three")
def test_a_parent_sees_the_old_pickup_until_the_release_and_the_new_one_after(client, cast):
    change_day(cast, 3, pickup=datetime.time(16, 30), what_to_bring="Rain boots")
    home, day = reverse("home"), reverse("day", args=[cast.workshop.slug, 3])
    client.force_login(cast.parent_a)
    for html in (client.get(home).text, client.get(day).text):
        assert ("17:00" in html, "16:30" in html, "Rain boots" in html) == (True, False, False)
    publish_schedule(cast.workshop, by=cast.organizer)
    for html in (client.get(home).text, client.get(day).text):
        assert ("17:00" in html, "16:30" in html, "Rain boots" in html) == (False, True, True)


@pytest.mark.usefixtures("on_day_three")
def test_staff_read_the_day_as_it_is_being_edited(client, cast):
    change_day(cast, 3, pickup=datetime.time(16, 30), what_to_bring="Rain boots")
    for user in (cast.organizer, cast.mentor_a):
        client.force_login(user)
        html = client.get(reverse("day", args=[cast.workshop.slug, 3])).text
        assert ("17:00" in html, "16:30" in html, "Rain boots" in html) == (False, True, True)


def test_families_read_the_released_stage_in_focus_on_the_week(client, cast):
    stages = {stage.key: stage for stage in cast.workshop.stages.all()}
    day = change_day(cast, 1, focus_stage=stages["editing"])
    client.force_login(cast.parent_a)
    [plan, *_] = client.get(reverse("week", args=[cast.workshop.slug])).context["week"]
    assert (plan.day.number, plan.day.focus_stage) == (1, stages["script"])
    client.force_login(cast.organizer)
    [plan, *_] = client.get(reverse("week", args=[cast.workshop.slug])).context["week"]
    assert (plan.day, plan.day.focus_stage) == (day, stages["editing"])


def test_day_changes_are_said_in_words_by_day(cast):
    change_day(cast, 3, pickup=datetime.time(16, 30), doors_open=datetime.time(8, 45))
    change_day(cast, 2, what_to_bring="Rain boots", family_notes="Bring a towel too")
    assert [str(change) for change in unreleased_changes(cast.workshop)] == [
        "Day 2: What to bring changed.",
        "Day 2: The notes for families changed.",
        "Day 3: Drop-off moved from 09:00 to 08:45.",
        "Day 3: Pickup moved from 17:00 to 16:30.",
    ]


def test_a_day_change_comes_before_the_days_sessions_in_a_release(cast):
    change_day(cast, 1, pickup=datetime.time(16, 30))
    cast.session_a.title = "Lantern reshoots"
    cast.session_a.save()
    release = publish_schedule(cast.workshop, by=cast.organizer)
    assert [(change.kind, change.day.number) for change in release_changes(release)] == [
        (ChangeKind.DAY, 1),
        (ChangeKind.CHANGED, 1),
    ]


def test_a_release_of_only_a_day_change_is_published_and_says_what_changed(cast):
    stages = {stage.key: stage for stage in cast.workshop.stages.all()}
    change_day(cast, 4, focus_stage=stages["sound"])
    release = publish_schedule(cast.workshop, by=cast.organizer)
    assert release.number == 2
    assert [str(change) for change in release_changes(release)] == [
        "Day 4: The stage in focus changed from Directing and shooting to Sound."
    ]
    assert released(release) == released(cast.workshop.releases.get(number=1))
    assert publish_schedule(cast.workshop, by=cast.organizer) == release
    assert unreleased_changes(cast.workshop) == []


def test_the_first_release_holds_the_days_without_calling_them_changes(db):
    workshop = WorkshopFactory(is_published=False)
    release = publish_schedule(workshop, by=None)
    assert release_changes(release) == []
    assert list(release.days.values_list("day__number", "pickup")) == [
        (number, datetime.time(17)) for number in range(1, 8)
    ]


def test_a_day_change_reaches_every_family_of_the_workshop_and_no_mentor(cast):
    change_day(cast, 3, pickup=datetime.time(16, 30))
    release = publish_schedule(cast.workshop, by=cast.organizer)
    families = set(
        Guardian.objects.filter(participant__workshop=cast.workshop).values_list(
            "user_id", flat=True
        )
    )
    audience = release_audience(release)
    assert set(audience) == families
    assert cast.outsider_parent.pk not in families
    assert {len(changes) for changes in audience.values()} == {1}
    record_release_audience(release_id=release.pk)
    release.refresh_from_db()
    assert (release.affected_guardians, release.affected_mentors) == (len(families), 0)


def test_a_day_in_a_release_is_not_deleted_alone_but_goes_with_its_workshop(cast):
    from django.db.models import RestrictedError

    day = cast.workshop.days.get(number=7)
    assert not day.sessions.exists()
    with pytest.raises(RestrictedError):
        day.delete()
    cast.workshop.delete()
    assert not ReleasedDay.objects.filter(day=day).exists()


def test_a_day_added_since_the_release_reaches_families_with_the_next_one(client, cast):
    Workshop.objects.filter(pk=cast.workshop.pk).update(end_date=datetime.date(2026, 8, 3))
    WorkshopDay.objects.create(workshop=cast.workshop, number=8, date=datetime.date(2026, 8, 3))
    assert [str(change) for change in unreleased_changes(cast.workshop)] == [
        "Day 8: The day is added to the programme."
    ]
    client.force_login(cast.parent_a)
    url = reverse("week", args=[cast.workshop.slug])
    assert [plan.day.number for plan in client.get(url).context["week"]] == [1, 2, 3, 4, 5, 6, 7]
    publish_schedule(cast.workshop, by=cast.organizer)
    assert [plan.day.number for plan in client.get(url).context["week"]] == [1, 2, 3, 4, 5, 6, 7, 8]
