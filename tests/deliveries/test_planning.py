"""Planning: which messages are due when, each planned once however often the beat runs."""

import datetime

import pytest

from deliveries.models import Delivery
from deliveries.planning import plan_evening_reminders, plan_mentor_mornings
from tests.factories import (
    GroupFactory,
    GuardianFactory,
    ParticipantFactory,
    SessionFactory,
    StaffMembershipFactory,
    UserFactory,
    WorkshopFactory,
)
from workshop.services import publish_schedule

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# Day 1 of the cast's workshop is 2026-07-27 in Tokyo: its reminder is at 18:00 the evening
# before, 09:00 UTC.
REMINDER_DAY_ONE = datetime.datetime(2026, 7, 26, 9, 0, tzinfo=UTC)


def planned(workshop=None):
    rows = Delivery.objects.filter(workshop=workshop) if workshop else Delivery.objects.all()
    return sorted(rows.values_list("recipient__email", "kind", "subject", "due_at", "state"))


def test_one_reminder_per_guardian_for_all_their_children_once_its_time_has_come(cast):
    day_one = cast.workshop.days.get(number=1)
    assert plan_evening_reminders(REMINDER_DAY_ONE - datetime.timedelta(minutes=1)) == 0
    plan_evening_reminders(REMINDER_DAY_ONE)
    guardians = [cast.parent_a, cast.parent_two, cast.child_b2.guardians.get().user]
    assert planned(cast.workshop) == sorted(
        (
            user.email,
            Delivery.Kind.EVENING_REMINDER,
            f"day:{day_one.pk}",
            REMINDER_DAY_ONE,
            Delivery.State.DUE,
        )
        for user in guardians
    )


def test_planning_again_or_later_plans_nothing_more(cast):
    plan_evening_reminders(REMINDER_DAY_ONE)
    first = planned()
    plan_evening_reminders(REMINDER_DAY_ONE)
    plan_evening_reminders(REMINDER_DAY_ONE + datetime.timedelta(minutes=5))
    assert planned() == first
    assert len(first) == 4  # the three families of the workshop, one of the other


def test_guardians_who_turned_reminders_off_get_none_and_others_hear_of_their_own_day(cast):
    cast.parent_a.guardianships.update(receives_reminders=False)
    plan_evening_reminders(REMINDER_DAY_ONE)
    assert sorted(Delivery.objects.values_list("recipient", "subject")) == sorted(
        [
            (cast.parent_two.pk, f"day:{cast.workshop.days.get(number=1).pk}"),
            (cast.child_b2.guardians.get().user_id, f"day:{cast.workshop.days.get(number=1).pk}"),
            (cast.outsider_parent.pk, f"day:{cast.other_workshop.days.get(number=1).pk}"),
        ]
    )


def test_a_reminder_hours_late_is_not_planned(cast):
    assert plan_evening_reminders(REMINDER_DAY_ONE + datetime.timedelta(hours=3)) == 0
    assert Delivery.objects.count() == 0


def test_an_unreleased_workshop_reminds_nobody(db):
    workshop = WorkshopFactory(is_published=False)
    GuardianFactory(user=UserFactory(), participant=ParticipantFactory(workshop=workshop))
    assert plan_evening_reminders(REMINDER_DAY_ONE) == 0


def test_mentors_get_their_morning_at_seven_local(cast):
    day_one = cast.workshop.days.get(number=1)
    seven_in_tokyo = datetime.datetime(2026, 7, 26, 22, 0, tzinfo=UTC)
    assert plan_mentor_mornings(seven_in_tokyo - datetime.timedelta(seconds=1)) == 0
    plan_mentor_mornings(seven_in_tokyo)
    assert planned(cast.workshop) == sorted(
        (m.email, Delivery.Kind.MENTOR_MORNING, f"day:{day_one.pk}", seven_in_tokyo, "due")
        for m in (cast.mentor_a, cast.mentor_b)
    )
    assert planned(cast.other_workshop) == []


@pytest.mark.parametrize(
    ("first_day", "due_utc"),
    [
        # Sunday 25 October 2026: its evening before (Saturday 24th) is still summer time.
        (datetime.date(2026, 10, 25), datetime.datetime(2026, 10, 24, 16, 0, tzinfo=UTC)),
        # Monday 26 October: its evening before (Sunday 25th) is winter time.
        (datetime.date(2026, 10, 26), datetime.datetime(2026, 10, 25, 17, 0, tzinfo=UTC)),
    ],
)
def test_a_paris_workshop_reminds_at_six_in_the_evening_on_both_sides_of_the_change(
    db, first_day, due_utc
):
    workshop = WorkshopFactory(
        time_zone="Europe/Paris", start_date=first_day, reminder_time=datetime.time(18, 0)
    )
    organizer = UserFactory()
    parent = UserFactory()
    GuardianFactory(user=parent, participant=ParticipantFactory(workshop=workshop))
    publish_schedule(workshop, by=organizer)
    assert plan_evening_reminders(due_utc - datetime.timedelta(minutes=1)) == 0
    assert plan_evening_reminders(due_utc) == 1
    delivery = Delivery.objects.get()
    assert delivery.due_at == due_utc
    local = delivery.due_at.astimezone(workshop.tz)
    assert (local.date(), local.hour, local.minute) == (
        first_day - datetime.timedelta(days=1),
        18,
        0,
    )


SEVEN_IN_TOKYO_DAY_ONE = datetime.datetime(2026, 7, 26, 22, 0, tzinfo=UTC)
SEVEN_IN_TOKYO_DAY_TWO = SEVEN_IN_TOKYO_DAY_ONE + datetime.timedelta(days=1)


def mornings(workshop) -> list[tuple[str, int]]:
    """(recipient's e-mail, day number) of the workshop's planned morning messages."""
    days = dict(workshop.days.values_list("pk", "number"))
    return sorted(
        (email, days[int(subject.removeprefix("day:"))])
        for email, subject in Delivery.objects.filter(
            workshop=workshop, kind=Delivery.Kind.MENTOR_MORNING
        ).values_list("recipient__email", "subject")
    )


def test_only_mentors_with_a_session_of_their_own_that_day_get_their_morning(cast):
    """Day 1 has the morning circle (for all groups), a session for group A and one for
    group B; day 2 has lunch for all groups and a session of a third group, cancelled."""
    idle = UserFactory()
    StaffMembershipFactory(user=idle, workshop=cast.workshop)
    named = UserFactory()
    StaffMembershipFactory(user=named, workshop=cast.workshop)
    cast.session_all.mentors.set([named])
    third = UserFactory()
    StaffMembershipFactory(user=third, workshop=cast.workshop)
    group_c = GroupFactory(workshop=cast.workshop, name="Comet", mentors=[third])
    day_two = cast.workshop.days.get(number=2)
    SessionFactory(workshop=cast.workshop, day=day_two, title="Lunch", for_all_groups=True)
    comet = SessionFactory(workshop=cast.workshop, day=day_two, groups=[group_c])
    publish_schedule(cast.workshop, by=cast.organizer)
    comet.delete()  # released, then cancelled by the next release
    publish_schedule(cast.workshop, by=cast.organizer)

    plan_mentor_mornings(SEVEN_IN_TOKYO_DAY_ONE)
    plan_mentor_mornings(SEVEN_IN_TOKYO_DAY_TWO)

    assert mornings(cast.workshop) == sorted(
        [(cast.mentor_a.email, 1), (cast.mentor_b.email, 1), (named.email, 1)]
    )
    # The organizer and the other workshop's staff are no mentors of this one.
    assert cast.organizer.deliveries.count() == 0


def test_a_mentor_named_on_a_session_of_another_group_gets_their_morning(cast):
    named = UserFactory()
    StaffMembershipFactory(user=named, workshop=cast.workshop)
    cast.session_b.mentors.set([named, cast.mentor_a])
    publish_schedule(cast.workshop, by=cast.organizer)
    plan_mentor_mornings(SEVEN_IN_TOKYO_DAY_ONE)
    assert mornings(cast.workshop) == sorted(
        [(cast.mentor_a.email, 1), (cast.mentor_b.email, 1), (named.email, 1)]
    )


def test_planning_mornings_again_plans_nothing_more(cast):
    assert plan_mentor_mornings(SEVEN_IN_TOKYO_DAY_ONE) == 2
    first = planned()
    plan_mentor_mornings(SEVEN_IN_TOKYO_DAY_ONE)
    plan_mentor_mornings(SEVEN_IN_TOKYO_DAY_ONE + datetime.timedelta(minutes=5))
    assert planned() == first
    assert mornings(cast.workshop) == sorted([(cast.mentor_a.email, 1), (cast.mentor_b.email, 1)])


@pytest.mark.parametrize("size", [1, 3])
def test_planning_mornings_asks_as_many_queries_however_many_mentors(
    cast, django_assert_num_queries, size
):
    """The released days near, one query for each due day's mentors, one insert."""
    for _ in range(size):
        group_mentor, named = UserFactory(), UserFactory()
        for user in (group_mentor, named):
            StaffMembershipFactory(user=user, workshop=cast.workshop)
        group = GroupFactory(workshop=cast.workshop, mentors=[group_mentor])
        SessionFactory(workshop=cast.workshop, groups=[group]).mentors.set([named])
    publish_schedule(cast.workshop, by=cast.organizer)
    with django_assert_num_queries(4):
        assert plan_mentor_mornings(SEVEN_IN_TOKYO_DAY_ONE) == 2 + 2 * size
