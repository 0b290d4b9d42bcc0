"""The family's calendar feed (issue 16): read back with the `icalendar` library, as a calendar
app would read it."""

import datetime

import icalendar
import pytest
from django.urls import reverse

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
from tests.workshop.test_query_counts import grow
from workshop.calendar_feed import replace_feed, turn_off_feed
from workshop.models import CalendarFeed, Participant, Session, StaffMembership
from workshop.page_cache import data_version
from workshop.services import publish_schedule

pytestmark = pytest.mark.django_db


def feed_url(user) -> str:
    feed = CalendarFeed.objects.filter(user=user).first() or replace_feed(user)
    return reverse("calendar_feed", args=[feed.token])


def read(client, user) -> icalendar.Calendar:
    response = client.get(feed_url(user))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events(calendar) -> dict[str, icalendar.Event]:
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def summaries(calendar) -> list[str]:
    return sorted(str(event["summary"]) for event in calendar.walk("VEVENT"))


def session_uid(session) -> str:
    return f"session-{session.pk}@kachinko"


def test_feed_holds_the_childs_sessions_and_each_workshop_day(client, cast):
    calendar = read(client, cast.parent_a)
    found = events(calendar)
    days = [uid for uid in found if uid.startswith("day-")]
    assert len(days) == 7
    sessions = sorted(str(found[uid]["summary"]) for uid in found if uid.startswith("session-"))
    assert sessions == ["Lantern shoots", "Morning circle"]
    day_one = found[f"day-{cast.workshop.days.get(number=1).pk}@kachinko"]
    assert day_one.decoded("dtstart") == datetime.datetime(
        2026, 7, 27, 9, 0, tzinfo=cast.workshop.tz
    )
    assert day_one.decoded("dtend") == datetime.datetime(
        2026, 7, 27, 17, 0, tzinfo=cast.workshop.tz
    )
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    assert (str(calendar["x-published-ttl"]), calendar["refresh-interval"].dt) == (
        "PT1H",
        datetime.timedelta(hours=1),
    )
    assert {str(event["status"]) for event in calendar.walk("VEVENT")} == {"CONFIRMED"}


def test_a_parent_of_two_reads_both_childrens_sessions_named_by_child(client, cast):
    Participant.objects.filter(pk=cast.child_a2.pk).update(given_name="Akiko")
    Participant.objects.filter(pk=cast.child_b1.pk).update(given_name="Bunta")
    found = events(read(client, cast.parent_two))
    assert str(found[session_uid(cast.session_a)]["summary"]) == "Lantern shoots (Akiko)"
    assert str(found[session_uid(cast.session_b)]["summary"]) == "Kite shoots (Bunta)"
    assert str(found[session_uid(cast.session_all)]["summary"]) == "Morning circle (Akiko, Bunta)"


def test_feed_names_no_other_child(client, cast):
    names = {
        cast.child_a1.pk: ("Aiko", "Aoyama"),
        cast.child_a2.pk: ("Zephyrine", "Sibling"),
        cast.child_b1.pk: ("Quillon", "Sibling"),
        cast.child_b2.pk: ("Marigold", "Bystander"),
        cast.child_x.pk: ("Tobias", "Faraway"),
    }
    for pk, (given, family) in names.items():
        Participant.objects.filter(pk=pk).update(given_name=given, family_name=family)
    # parent_a's only child is in group A with child A2: a shared session could name A2.
    body = client.get(feed_url(cast.parent_a)).content.decode()
    for pk, (given, family) in names.items():
        if pk != cast.child_a1.pk:
            assert given not in body
            assert family not in body
    assert "Kite shoots" not in body
    assert "Snow shoots" not in body


def test_a_parent_on_the_staff_gets_only_their_familys_part(client, cast):
    GuardianFactory(user=cast.organizer, participant=cast.child_a1)
    found = events(read(client, cast.organizer))
    sessions = sorted(str(found[uid]["summary"]) for uid in found if uid.startswith("session-"))
    assert sessions == ["Lantern shoots", "Morning circle"]


def test_feed_reads_the_latest_release_not_the_working_copy(client, cast):
    Session.objects.filter(pk=cast.session_a.pk).update(title="Unreleased title")
    SessionFactory(workshop=cast.workshop, title="Unreleased session", groups=[cast.group_a])
    assert "Lantern shoots" in summaries(read(client, cast.parent_a))
    assert "Unreleased session" not in summaries(read(client, cast.parent_a))


def test_a_draft_workshop_gives_an_empty_calendar(client, cast):
    type(cast.workshop).objects.filter(pk=cast.workshop.pk).update(is_published=False)
    calendar = read(client, cast.parent_a)
    assert calendar.walk("VEVENT") == []


@pytest.fixture
def paris(db):
    workshop = WorkshopFactory(
        time_zone="Europe/Paris", start_date=datetime.date(2026, 10, 22), slug="paris"
    )
    organizer = UserFactory()
    StaffMembershipFactory(user=organizer, workshop=workshop, role=StaffMembership.Role.ORGANIZER)
    group = GroupFactory(workshop=workshop)
    child = ParticipantFactory(workshop=workshop)
    MembershipFactory(participant=child, group=group)
    parent = UserFactory()
    GuardianFactory(user=parent, participant=child)
    for number in (3, 5):  # 24 and 26 October
        SessionFactory(
            workshop=workshop,
            day=workshop.days.get(number=number),
            title=f"Day {number} session",
            starts_at=datetime.time(10, 0),
            ends_at=datetime.time(11, 30),
            groups=[group],
        )
    publish_schedule(workshop, by=organizer)
    return parent


def test_feed_keeps_local_times_across_the_paris_daylight_saving_change(client, paris):
    """Paris leaves summer time on 25 October 2026: 09:00 is 07:00 UTC before, 08:00 after."""
    calendar = read(client, paris)
    utc = datetime.UTC
    starts = {
        str(event["summary"]): event.decoded("dtstart").astimezone(utc)
        for event in calendar.walk("VEVENT")
    }
    assert starts["Day 3 session"] == datetime.datetime(2026, 10, 24, 8, 0, tzinfo=utc)
    assert starts["Day 5 session"] == datetime.datetime(2026, 10, 26, 9, 0, tzinfo=utc)
    day_starts = sorted(
        event.decoded("dtstart").astimezone(utc)
        for event in calendar.walk("VEVENT")
        if str(event["uid"]).startswith("day-")
    )
    assert day_starts[2:5] == [
        datetime.datetime(2026, 10, 24, 7, 0, tzinfo=utc),
        datetime.datetime(2026, 10, 25, 8, 0, tzinfo=utc),
        datetime.datetime(2026, 10, 26, 8, 0, tzinfo=utc),
    ]
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Paris"
    body = client.get(feed_url(paris)).content.decode()
    assert "DTSTART;TZID=Europe/Paris:20261024T100000" in body
    assert "DTSTART;TZID=Europe/Paris:20261026T100000" in body
    # The zone itself says when summer time ends, for apps that read the VTIMEZONE only.
    offsets = {
        (component.name, str(component["tzname"]))
        for component in zone.walk()
        if component.name in ("STANDARD", "DAYLIGHT")
    }
    assert offsets == {("STANDARD", "CET"), ("DAYLIGHT", "CEST")}
    assert zone.to_tz().utcoffset(datetime.datetime(2026, 10, 24, 10)) == datetime.timedelta(
        hours=2
    )
    assert zone.to_tz().utcoffset(datetime.datetime(2026, 10, 26, 10)) == datetime.timedelta(
        hours=1
    )


def test_sequence_rises_when_a_release_changes_a_session_and_uids_stay(client, cast):
    before = events(read(client, cast.parent_a))
    assert before[session_uid(cast.session_a)]["sequence"] == 0
    Session.objects.filter(pk=cast.session_a.pk).update(ends_at=datetime.time(12, 0))
    publish_schedule(cast.workshop, by=cast.organizer)
    after = events(read(client, cast.parent_a))
    assert set(after) == set(before)
    assert after[session_uid(cast.session_a)]["sequence"] == 1
    assert after[session_uid(cast.session_all)]["sequence"] == 0
    assert after[session_uid(cast.session_a)].decoded("dtend").time() == datetime.time(12, 0)


def test_sequence_of_a_day_rises_when_a_release_moves_its_pickup(client, cast):
    day = cast.workshop.days.get(number=2)
    uid = f"day-{day.pk}@kachinko"
    assert events(read(client, cast.parent_a))[uid]["sequence"] == 0
    type(day).objects.filter(pk=day.pk).update(pickup=datetime.time(16, 0))
    publish_schedule(cast.workshop, by=cast.organizer)
    event = events(read(client, cast.parent_a))[uid]
    assert event["sequence"] == 1
    assert event.decoded("dtend").time() == datetime.time(16, 0)


def test_a_cancelled_session_stays_in_the_feed_as_cancelled(client, cast):
    uid = session_uid(cast.session_a)
    cast.session_a.delete()
    publish_schedule(cast.workshop, by=cast.organizer)
    event = events(read(client, cast.parent_a))[uid]
    assert str(event["status"]) == "CANCELLED"
    assert event["sequence"] == 1
    assert str(event["summary"]) == "Lantern shoots"


def test_polling_with_the_etag_or_the_date_answers_304_until_a_release_changes(client, cast):
    url = feed_url(cast.parent_a)
    first = client.get(url)
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(url, headers={"if-modified-since": modified}).status_code == 304
    Session.objects.filter(pk=cast.session_a.pk).update(title="Lantern rehearses")
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304  # not released
    publish_schedule(cast.workshop, by=cast.organizer)
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert b"Lantern rehearses" in changed.content


def test_an_unknown_token_answers_404(client, cast):
    replace_feed(cast.parent_a)
    assert client.get(reverse("calendar_feed", args=["not-a-token"])).status_code == 404


def test_a_replaced_address_answers_404_and_the_new_one_works(client, cast):
    old = feed_url(cast.parent_a)
    assert client.get(old).status_code == 200
    client.force_login(cast.parent_a)
    assert client.post(reverse("calendar_new")).status_code == 302
    new = feed_url(cast.parent_a)
    assert new != old
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_a_turned_off_address_answers_404(client, cast):
    url = feed_url(cast.parent_a)
    client.force_login(cast.parent_a)
    assert client.post(reverse("calendar_revoke")).status_code == 302
    assert CalendarFeed.objects.filter(user=cast.parent_a).exists() is False
    assert client.get(url).status_code == 404


def test_the_calendar_page_shows_the_subscribe_links(client, cast):
    client.force_login(cast.parent_a)
    page = client.get(reverse("calendar"))
    assert page.status_code == 200
    assert page.context["feed"] is None
    client.post(reverse("calendar_new"))
    page = client.get(reverse("calendar"))
    token = CalendarFeed.objects.get(user=cast.parent_a).token
    assert page.context["feed_url"] == f"http://testserver/calendar/{token}.ics"
    assert page.context["webcal_url"] == f"webcal://testserver/calendar/{token}.ics"
    assert f'href="webcal://testserver/calendar/{token}.ics"' in page.content.decode()


def test_the_calendar_page_is_for_parents_only(client, cast):
    client.force_login(cast.mentor_a)
    assert client.get(reverse("calendar")).status_code == 404
    assert client.post(reverse("calendar_new")).status_code == 404
    assert CalendarFeed.objects.exists() is False


def test_turning_off_one_parents_feed_leaves_anothers(client, cast):
    other = feed_url(cast.parent_two)
    turn_off_feed(cast.parent_a)
    assert client.get(other).status_code == 200


@pytest.mark.parametrize("size", [1, 3])
def test_feed_query_count_does_not_grow(client, cast, django_assert_num_queries, size):
    """The token with its account; the roles (2: staff and children); the children, the
    days' copies, the sessions and their groups (4); the content's hash written on first
    serving (1)."""
    grow(cast, size)
    url = feed_url(cast.parent_two)
    with django_assert_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200
    # Polled again under the same data version: the token alone.
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200


def test_a_deactivated_accounts_feed_answers_404(client, cast):
    url = feed_url(cast.parent_a)
    type(cast.parent_a).objects.filter(pk=cast.parent_a.pk).update(is_active=False)
    assert client.get(url).status_code == 404


def test_serving_a_feed_leaves_cached_pages_alone(client, cast):
    """Writing a feed's content hash (on its first serving after a change) must not expire
    every cached page: the feed's rows are on no cached page."""
    url = feed_url(cast.parent_a)
    version = data_version()
    assert client.get(url).status_code == 200
    assert CalendarFeed.objects.get(user=cast.parent_a).etag != ""
    assert data_version() == version
