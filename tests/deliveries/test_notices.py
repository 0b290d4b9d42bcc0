"""Change notices after a release: the affected people only, each about their own changes,
several releases within the delay in one message, composed when it is sent."""

import datetime

import pytest
from django.core import mail

from deliveries.models import Delivery, PlannedRelease
from deliveries.planning import notice_delay, plan_change_notices, plan_release_notices
from deliveries.services import claim_due, dispatch, send_claimed
from workshop.models import Participant, Session
from workshop.services import publish_schedule

pytestmark = pytest.mark.django_db

LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
NAMES = {"child_a1": "Aiko", "child_a2": "Ben", "child_b1": "Chika", "child_b2": "Daigo"}


@pytest.fixture
def named(cast):
    """The cast with children's names that no other word of a message could contain."""
    for attribute, name in NAMES.items():
        Participant.objects.filter(pk=getattr(cast, attribute).pk).update(given_name=name)
    return cast


@pytest.fixture
def outbox(settings, named):
    settings.MAILERS = LOCMEM
    mail.outbox = []
    return mail.outbox


@pytest.fixture
def eager_tasks():
    from workshop.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


def release_with(cast, change):
    """Change the working copy, publish it, and plan its notices as the beat would."""
    change()
    release = publish_schedule(cast.workshop, by=cast.organizer)
    plan_change_notices(release.published_at)
    return release


def move_lantern_shoots(cast):
    Session.objects.filter(pk=cast.session_a.pk).update(
        starts_at=datetime.time(14, 0), ends_at=datetime.time(15, 0)
    )


def rename_lantern_shoots(cast):
    Session.objects.filter(pk=cast.session_a.pk).update(title="Lantern night shoots")


def send_all(now, capture):
    with capture(execute=True):
        dispatch(now=now)


def by_recipient(outbox) -> dict[str, list]:
    found = {}
    for message in outbox:
        for address in message.to:
            found.setdefault(address, []).append(message)
    return found


def html_of(message) -> str:
    [(html, _mimetype)] = message.alternatives
    return html


def test_the_first_release_publishes_and_sends_no_notice(named):
    [release] = named.workshop.releases.all()
    assert plan_change_notices(release.published_at) == 0
    assert Delivery.objects.count() == 0


def test_a_release_sends_each_affected_person_one_notice_and_nobody_else_any(
    named, outbox, eager_tasks, django_capture_on_commit_callbacks
):
    release = release_with(named, lambda: move_lantern_shoots(named))
    send_all(release.published_at + notice_delay(), django_capture_on_commit_callbacks)
    send_all(release.published_at + notice_delay() * 2, django_capture_on_commit_callbacks)
    sent = by_recipient(outbox)
    # Group A's families and its mentor; not group B's only family, its mentor, the
    # organizer, nor the other workshop's family.
    assert sorted(sent) == sorted(
        [named.parent_a.email, named.parent_two.email, named.mentor_a.email]
    )
    assert [len(messages) for messages in sent.values()] == [1, 1, 1]
    text = sent[named.parent_a.email][0].body
    assert "Lantern shoots" in text
    assert "14:00–15:00" in text
    assert "Kite shoots" not in text
    assert set(Delivery.objects.values_list("state", flat=True)) == {Delivery.State.SENT}


def test_a_guardian_without_reminders_is_still_told_of_changes(named):
    """A change to the schedule is a service message, not a reminder (as the field's help
    text says)."""
    named.parent_a.guardianships.update(receives_reminders=False)
    release_with(named, lambda: move_lantern_shoots(named))
    assert named.parent_a.deliveries.get().kind == Delivery.Kind.CHANGE_NOTICE


def test_two_releases_within_the_delay_make_one_message_listing_both(
    named, outbox, eager_tasks, django_capture_on_commit_callbacks
):
    first = release_with(named, lambda: move_lantern_shoots(named))
    second = release_with(named, lambda: rename_lantern_shoots(named))
    assert second.published_at < first.published_at + notice_delay()
    assert Delivery.objects.filter(recipient=named.parent_a).count() == 1
    send_all(first.published_at + notice_delay(), django_capture_on_commit_callbacks)
    [message] = by_recipient(outbox)[named.parent_a.email]
    for body in (message.body, html_of(message)):
        assert "14:00–15:00" in body  # the first release's move
        assert "Lantern night shoots" in body  # the second's new title
    notice = Delivery.objects.get(recipient=named.parent_a)
    assert (notice.first_release, notice.last_release) == (first.number, second.number)


def test_a_release_after_a_notice_was_claimed_gets_a_notice_of_its_own(
    named, outbox, django_capture_on_commit_callbacks
):
    first = release_with(named, lambda: move_lantern_shoots(named))
    token, ids = claim_due(now=first.published_at + notice_delay(), limit=100)
    second = release_with(named, lambda: rename_lantern_shoots(named))
    assert send_claimed(ids, claim=token) == 3
    token, ids = claim_due(now=second.published_at + notice_delay(), limit=100)
    assert send_claimed(ids, claim=token) == 3
    earlier, later = by_recipient(outbox)[named.parent_a.email]
    assert "14:00–15:00" in earlier.body and "Lantern night shoots" not in earlier.body
    assert "Lantern night shoots" in later.body and "changed" in later.body


def test_planning_a_release_twice_plans_it_once(named):
    release = release_with(named, lambda: move_lantern_shoots(named))
    rows = sorted(Delivery.objects.values_list("recipient_id", "subject", "last_release"))
    assert plan_release_notices(release) == 0
    assert plan_change_notices(release.published_at) == 0
    assert sorted(Delivery.objects.values_list("recipient_id", "subject", "last_release")) == rows
    assert PlannedRelease.objects.count() == 1


def test_a_day_change_tells_every_family_of_their_own_children_only(
    named, outbox, eager_tasks, django_capture_on_commit_callbacks
):
    def later_pickup():
        named.workshop.days.filter(number=2).update(pickup=datetime.time(18, 0))

    release = release_with(named, later_pickup)
    send_all(release.published_at + notice_delay(), django_capture_on_commit_callbacks)
    sent = by_recipient(outbox)
    bystanders = named.child_b2.guardians.get().user
    assert sorted(sent) == sorted([named.parent_a.email, named.parent_two.email, bystanders.email])
    own = {
        named.parent_a.email: {"Aiko"},
        named.parent_two.email: {"Ben", "Chika"},
        bystanders.email: {"Daigo"},
    }
    for address, [message] in sent.items():
        for body in (message.body, html_of(message)):
            assert "18:00" in body
            assert {name for name in NAMES.values() if name in body} == own[address]


def test_a_familys_notice_is_in_their_language_with_the_titles_translated(
    named, outbox, django_capture_on_commit_callbacks
):
    def translate_and_move():
        Session.objects.filter(pk=named.session_a.pk).update(
            title_translations={"fr": "Tournage de la lanterne"},
            starts_at=datetime.time(14, 0),
            ends_at=datetime.time(15, 0),
        )

    named.parent_a.language = "fr"
    named.parent_a.save()
    release = release_with(named, translate_and_move)
    token, ids = claim_due(now=release.published_at + notice_delay(), limit=100)
    send_claimed(ids, claim=token)
    sent = by_recipient(outbox)
    [french] = sent[named.parent_a.email]
    assert "Tournage de la lanterne" in french.body
    assert "Lantern shoots" not in french.body
    [mentor] = sent[named.mentor_a.email]
    assert "Lantern shoots" in mentor.body  # staff read the titles as written


def test_a_release_joins_only_the_latest_waiting_notice(named):
    """A failed notice resent by an organizer waits beside a newer one: the next release
    joins the newer only, so that it is told once."""
    first = release_with(named, lambda: move_lantern_shoots(named))
    Delivery.objects.update(state=Delivery.State.FAILED)
    second = release_with(named, lambda: rename_lantern_shoots(named))
    Delivery.objects.filter(last_release=first.number).update(state=Delivery.State.DUE)
    third = release_with(
        named,
        lambda: Session.objects.filter(pk=named.session_a.pk).update(title="Lantern dusk shoots"),
    )
    assert sorted(
        Delivery.objects.filter(recipient=named.parent_a).values_list(
            "first_release", "last_release"
        )
    ) == [(first.number, first.number), (second.number, third.number)]


def test_a_mentor_who_left_the_staff_is_told_nothing(named):
    from workshop.models import StaffMembership

    StaffMembership.objects.filter(user=named.mentor_a, workshop=named.workshop).delete()
    release_with(named, lambda: move_lantern_shoots(named))
    assert sorted(Delivery.objects.values_list("recipient__email", flat=True)) == sorted(
        [named.parent_a.email, named.parent_two.email]
    )
