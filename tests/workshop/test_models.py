import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import (
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


def test_a_language_the_site_does_not_speak_is_refused():
    user = User(email="hana@example.test", language="xx")
    user.set_unusable_password()
    with pytest.raises(ValidationError) as error:
        user.full_clean()
    assert error.value.message_dict["language"] == ["Value 'xx' is not a valid choice."]
