"""Checking children in and out (services), and the reads of the attendance sheet."""

import datetime
import uuid

import pytest
from django.core import mail

from tests.conftest import DAY_THREE
from tests.factories import GuardianFactory, PickupContactFactory, UserFactory
from workshop.models import Attendance, PickupContact
from workshop.selectors import attendance_rows, attendance_sheet, groups_taking_attendance
from workshop.services import AttendanceRefused, check_in, check_out

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_day_three")]

EARLIER = DAY_THREE - datetime.timedelta(minutes=40)  # 08:50 in Tokyo


def day_three(cast):
    return cast.workshop.days.get(number=3)


def test_check_in_records_the_time_and_who(cast):
    attendance = check_in(cast.child_a1, day=day_three(cast), by=cast.mentor_a)
    assert (attendance.checked_in_at, attendance.checked_in_by) == (DAY_THREE, cast.mentor_a)
    assert attendance.is_checked_out is False


def test_check_in_sent_twice_with_one_id_records_once(cast):
    tap = uuid.uuid4()
    first = check_in(
        cast.child_a1, day=day_three(cast), by=cast.mentor_a, at=EARLIER, client_id=tap
    )
    again = check_in(cast.child_a1, day=day_three(cast), by=cast.mentor_a, client_id=tap)
    assert again == first
    assert Attendance.objects.filter(participant=cast.child_a1).count() == 1
    assert again.checked_in_at == EARLIER


def test_a_second_check_in_keeps_the_first_time(cast):
    first = check_in(cast.child_a1, day=day_three(cast), by=cast.mentor_a, at=EARLIER)
    second = check_in(cast.child_a1, day=day_three(cast), by=cast.organizer, client_id=uuid.uuid4())
    assert (second.pk, second.checked_in_at, second.checked_in_by) == (
        first.pk,
        EARLIER,
        cast.mentor_a,
    )


def test_an_id_used_for_another_child_is_refused(cast):
    tap = uuid.uuid4()
    check_in(cast.child_a1, day=day_three(cast), by=cast.mentor_a, client_id=tap)
    with pytest.raises(AttendanceRefused, match="another child"):
        check_in(cast.child_a2, day=day_three(cast), by=cast.mentor_a, client_id=tap)
    assert Attendance.objects.filter(participant=cast.child_a2).exists() is False


@pytest.mark.parametrize(
    "at",
    [
        DAY_THREE - datetime.timedelta(days=1),
        DAY_THREE + datetime.timedelta(hours=1),
    ],
    ids=["another day", "the future"],
)
def test_a_time_off_the_day_is_refused(cast, at):
    with pytest.raises(AttendanceRefused, match="on the day itself"):
        check_in(cast.child_a1, day=day_three(cast), by=cast.mentor_a, at=at)
    assert Attendance.objects.exists() is False


def test_checking_in_on_another_day_is_refused(cast):
    with pytest.raises(AttendanceRefused):
        check_in(cast.child_a1, day=cast.workshop.days.get(number=4), by=cast.mentor_a)
    assert Attendance.objects.exists() is False


def test_check_out_with_a_guardian_records_their_name(cast):
    check_in(cast.child_a1, day=day_three(cast), by=cast.mentor_a, at=EARLIER)
    guardian = cast.child_a1.guardians.get()
    attendance = check_out(cast.child_a1, day=day_three(cast), by=cast.mentor_a, pickup=guardian)
    assert (attendance.checked_out_at, attendance.picked_up_by_guardian) == (DAY_THREE, guardian)
    assert attendance.picked_up_by_name == guardian.user.display_name
    assert attendance.picked_up_unlisted is False
    assert mail.outbox == []


def test_check_out_with_an_approved_contact(cast):
    aunt = PickupContactFactory(participant=cast.child_a1, name="Yuki Ono")
    check_in(cast.child_a1, day=day_three(cast), by=cast.mentor_a, at=EARLIER)
    attendance = check_out(cast.child_a1, day=day_three(cast), by=cast.mentor_a, pickup=aunt)
    assert (attendance.picked_up_by_contact, attendance.picked_up_by_name) == (aunt, "Yuki Ono")


def test_check_out_sent_twice_with_one_id_records_once(cast):
    check_in(cast.child_a1, day=day_three(cast), by=cast.mentor_a, at=EARLIER)
    tap = uuid.uuid4()
    guardian = cast.child_a1.guardians.get()
    first = check_out(
        cast.child_a1, day=day_three(cast), by=cast.mentor_a, pickup=guardian, client_id=tap
    )
    again = check_out(
        cast.child_a1, day=day_three(cast), by=cast.mentor_a, pickup=guardian, client_id=tap
    )
    assert (again.pk, again.checked_out_at, again.check_out_id) == (first.pk, DAY_THREE, tap)


def test_a_second_check_out_is_refused_and_keeps_the_first(cast):
    check_in(cast.child_a1, day=day_three(cast), by=cast.mentor_a, at=EARLIER)
    guardian = cast.child_a1.guardians.get()
    check_out(cast.child_a1, day=day_three(cast), by=cast.mentor_a, pickup=guardian)
    with pytest.raises(AttendanceRefused, match="already left"):
        check_out(cast.child_a1, day=day_three(cast), by=cast.organizer, unlisted_name="Mallory")
    attendance = Attendance.objects.get()
    assert (attendance.picked_up_by_guardian, attendance.picked_up_unlisted) == (guardian, False)


def test_check_out_before_check_in_is_refused(cast):
    guardian = cast.child_a1.guardians.get()
    with pytest.raises(AttendanceRefused, match="not checked in"):
        check_out(cast.child_a1, day=day_three(cast), by=cast.mentor_a, pickup=guardian)
    assert Attendance.objects.exists() is False


def test_nobody_not_on_the_list_may_be_chosen_as_a_listed_pickup(cast):
    check_in(cast.child_a1, day=day_three(cast), by=cast.mentor_a, at=EARLIER)
    barred = GuardianFactory(participant=cast.child_a1, may_pick_up=False)
    other_childs = cast.child_a2.guardians.get()
    emergency = PickupContactFactory(participant=cast.child_a1, kind=PickupContact.Kind.EMERGENCY)
    for person in (barred, other_childs, emergency):
        with pytest.raises(AttendanceRefused, match="not on the child's pickup list"):
            check_out(cast.child_a1, day=day_three(cast), by=cast.mentor_a, pickup=person)
    with pytest.raises(AttendanceRefused, match="Choose who"):
        check_out(cast.child_a1, day=day_three(cast), by=cast.mentor_a, unlisted_name="  ")
    assert Attendance.objects.get().is_checked_out is False


def test_an_unlisted_pickup_is_flagged_and_mailed_to_each_organizer(
    cast, django_capture_on_commit_callbacks
):
    second_organizer = UserFactory(language="fr")
    cast.workshop.staff.create(user=second_organizer, role="organizer")
    check_in(cast.child_a1, day=day_three(cast), by=cast.mentor_a, at=EARLIER)
    with django_capture_on_commit_callbacks(execute=True):
        attendance = check_out(
            cast.child_a1, day=day_three(cast), by=cast.mentor_a, unlisted_name=" Mallory Ueda "
        )
    assert (attendance.picked_up_unlisted, attendance.picked_up_by_name) == (True, "Mallory Ueda")
    assert (attendance.picked_up_by_guardian, attendance.picked_up_by_contact) == (None, None)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [cast.organizer.email, second_organizer.email]
    )
    english = next(m for m in mail.outbox if m.to == [cast.organizer.email])
    assert english.subject == (
        f"{cast.child_a1.full_name} left with someone not on the pickup list"
    )
    assert "Mallory Ueda" in english.body
    assert "09:30" in english.body


def test_attendance_rows_list_who_may_pick_up_and_leave_emergency_contacts_out(cast):
    aunt = PickupContactFactory(participant=cast.child_a1, name="Aunt")
    emergency = PickupContactFactory(
        participant=cast.child_a1, name="Doctor", kind=PickupContact.Kind.EMERGENCY
    )
    GuardianFactory(participant=cast.child_a1, may_pick_up=False)
    attendance = check_in(cast.child_a1, day=day_three(cast), by=cast.mentor_a)
    (row,) = attendance_rows(
        day_three(cast), cast.workshop.participants.filter(pk=cast.child_a1.pk)
    )
    assert row.pickups == [cast.child_a1.guardians.get(user=cast.parent_a), aunt]
    assert emergency.participant == cast.child_a1
    assert (row.attendance, row.state) == (attendance, "present")


def test_a_mentor_takes_attendance_of_their_own_groups_only(cast):
    assert list(groups_taking_attendance(cast.workshop, cast.mentor_a)) == [cast.group_a]
    assert list(groups_taking_attendance(cast.workshop, cast.organizer)) == [
        cast.group_b,
        cast.group_a,
    ]
    sheet = attendance_sheet(day_three(cast), groups=[cast.group_a], with_ungrouped=False)
    assert [(part.group, {row.child for row in part.rows}) for part in sheet] == [
        (cast.group_a, {cast.child_a1, cast.child_a2})
    ]
