import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from groups.models import Membership
from groups.services import place_in_group
from projects.models import Stage
from tests.factories import (
    GroupFactory,
    GuardianFactory,
    ParticipantFactory,
    RoomFactory,
    StaffMembershipFactory,
    UserFactory,
    WorkshopFactory,
)
from workshop.models import Session, StaffMembership, User, Workshop, WorkshopDay
from workshop.services import create_workshop

pytestmark = pytest.mark.django_db


def test_new_workshop_has_seven_days_each_with_its_stage():
    workshop = create_workshop(
        title="Summer", slug="summer", venue="Hall", start_date=datetime.date(2026, 7, 27)
    )
    days = list(workshop.days.order_by("number").select_related("focus_stage"))
    assert workshop.end_date == datetime.date(2026, 8, 2)
    assert [day.number for day in days] == [1, 2, 3, 4, 5, 6, 7]
    assert [day.focus_stage.key for day in days] == [
        "script",
        "storyboard",
        "acting",
        "shooting",
        "editing",
        "sound",
        "screening",
    ]
    assert workshop.time_zone == "Asia/Tokyo"


def test_workshop_of_any_length_is_allowed():
    workshop = create_workshop(
        title="Short", slug="short", venue="Hall", start_date=datetime.date(2026, 7, 27),
        length_in_days=3,
    )  # fmt: skip
    assert workshop.days.count() == 3
    assert Stage.objects.filter(workshop=workshop).count() == 7


def test_workshop_of_no_days_is_refused():
    with pytest.raises(ValueError, match="at least one day"):
        create_workshop(
            title="None", slug="none", venue="Hall", start_date=datetime.date(2026, 7, 27),
            length_in_days=0,
        )  # fmt: skip
    assert Workshop.objects.count() == 0


def test_workshop_ending_before_it_starts_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        Workshop.objects.create(
            title="Backwards", slug="backwards", venue="Hall",
            start_date=datetime.date(2026, 7, 27), end_date=datetime.date(2026, 7, 20),
        )  # fmt: skip


def test_workshop_with_unknown_time_zone_is_refused_with_a_message():
    with pytest.raises(ValidationError) as error:
        create_workshop(
            title="X", slug="x", venue="Hall", start_date=datetime.date(2026, 7, 27),
            time_zone="Mars/Olympus",
        )  # fmt: skip
    assert error.value.message_dict["time_zone"] == ["“Mars/Olympus” is not a known time zone."]


def test_day_outside_its_workshop_is_explained():
    workshop = WorkshopFactory()
    day = WorkshopDay(workshop=workshop, date=datetime.date(2026, 9, 1), number=8)
    with pytest.raises(ValidationError) as error:
        day.full_clean()
    assert error.value.message_dict["date"] == [
        "This date is outside the workshop, which runs 2026-07-27 – 2026-08-02."
    ]


def test_day_with_pickup_before_doors_open_is_refused():
    day = WorkshopFactory().days.first()
    day.doors_open, day.pickup = datetime.time(17), datetime.time(9)
    with pytest.raises(ValidationError) as error:
        day.full_clean()
    assert error.value.messages == ["Pickup must come after the doors open."]


def make_session(**fields):
    workshop = fields.pop("workshop", None) or WorkshopFactory()
    day = workshop.days.get(number=1)
    return Session(day=day, title="Storyboard", **fields)


def test_session_ending_before_it_starts_is_refused_with_a_message():
    session = make_session(starts_at=datetime.time(11), ends_at=datetime.time(10))
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert error.value.message_dict["ends_at"] == ["A session must end after it starts."]


def test_session_ending_before_it_starts_is_refused_by_the_database():
    session = make_session(starts_at=datetime.time(11), ends_at=datetime.time(11))
    with pytest.raises(IntegrityError), transaction.atomic():
        session.save()
    assert Session.objects.count() == 0


def test_session_outside_its_day_is_refused_with_the_days_hours():
    session = make_session(starts_at=datetime.time(16, 30), ends_at=datetime.time(18))
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert error.value.messages == [
        "This session falls outside its day: day 1 runs from 09:00 to 17:00."
    ]


def test_session_within_its_day_is_valid():
    session = make_session(starts_at=datetime.time(9), ends_at=datetime.time(17))
    session.full_clean()
    session.save()
    assert Session.objects.get().starts_at == datetime.time(9)


def test_session_in_a_room_of_another_workshop_is_refused():
    session = make_session(
        starts_at=datetime.time(10), ends_at=datetime.time(11), room=RoomFactory()
    )
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert error.value.message_dict["room"] == ["This room belongs to another workshop."]


def test_only_mentors_have_a_specialty():
    membership = StaffMembershipFactory.build(
        user=UserFactory(),
        workshop=WorkshopFactory(),
        role=StaffMembership.Role.ORGANIZER,
        specialty="camera",
    )
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert error.value.messages == ["Only mentors have a specialty."]


def test_a_user_holds_one_role_once_per_workshop_but_may_hold_two():
    organizer = StaffMembershipFactory(role=StaffMembership.Role.ORGANIZER)
    StaffMembershipFactory(user=organizer.user, workshop=organizer.workshop, specialty="sound")
    with pytest.raises(IntegrityError):
        StaffMembershipFactory(
            user=organizer.user, workshop=organizer.workshop, role=StaffMembership.Role.ORGANIZER
        )


def test_guardian_is_linked_to_a_child_once():
    guardian = GuardianFactory()
    with pytest.raises(IntegrityError):
        GuardianFactory(user=guardian.user, participant=guardian.participant)


def test_email_is_stored_lower_case():
    user = User.objects.create_user("Hana.Sato@Example.TEST", password="x")
    assert user.email == "hana.sato@example.test"


def test_japanese_names_read_family_name_first():
    assert ParticipantFactory.build(given_name="陽菜", family_name="佐藤").full_name == "佐藤 陽菜"
    assert (
        ParticipantFactory.build(given_name="Léa", family_name="Martin").full_name == "Léa Martin"
    )


def test_age_counts_birthdays():
    child = ParticipantFactory.build(birth_date=datetime.date(2015, 7, 28))
    assert child.age_on(datetime.date(2026, 7, 27)) == 10
    assert child.age_on(datetime.date(2026, 7, 28)) == 11


def test_child_cannot_join_a_group_of_another_workshop():
    child = ParticipantFactory()
    other_group = GroupFactory()
    with pytest.raises(ValidationError) as error:
        place_in_group(child, group=other_group)
    assert error.value.messages == ["A child can only join a group of their own workshop."]
    assert Membership.objects.count() == 0


def test_placing_a_child_again_moves_them():
    workshop = WorkshopFactory()
    first, second = GroupFactory(workshop=workshop), GroupFactory(workshop=workshop)
    child = ParticipantFactory(workshop=workshop)
    place_in_group(child, group=first)
    place_in_group(child, group=second)
    assert list(Membership.objects.values_list("participant", "group")) == [(child.pk, second.pk)]


def test_every_group_has_its_film():
    group = GroupFactory(name="Kite")
    assert str(group.film) == "Untitled film of Kite"


def test_a_language_the_site_does_not_speak_is_refused():
    user = User(email="hana@example.test", language="xx")
    user.set_unusable_password()
    with pytest.raises(ValidationError) as error:
        user.full_clean()
    assert error.value.message_dict["language"] == ["Value 'xx' is not a valid choice."]
