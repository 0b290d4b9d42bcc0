"""Every model's `visible_to(user)` scope, for each role of the cast."""

import pytest

from groups.models import Group, Membership
from projects.models import Film, LogEntry, Stage, StageProgress
from projects.services import set_stage_progress
from tests.factories import GuardianFactory, SessionFactory, StaffMembershipFactory, UserFactory
from workshop.access import can_organize, can_see_health_notes, can_write_film, roles_of
from workshop.models import (
    Guardian,
    Participant,
    ReleasedSession,
    Room,
    Session,
    StaffMembership,
    Workshop,
    WorkshopDay,
)

pytestmark = pytest.mark.django_db


def sees_health(user, child) -> bool:
    return can_see_health_notes(user, child.workshop_id, child.group_id)


def names(queryset, attribute="family_name"):
    return sorted(getattr(item, attribute) for item in queryset)


def test_anonymous_sees_nothing(cast, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert Workshop.objects.visible_to(anonymous).count() == 0
    assert Participant.objects.visible_to(anonymous).count() == 0
    assert Session.objects.visible_to(anonymous).count() == 0


def test_workshops_by_role(cast):
    assert names(Workshop.objects.visible_to(cast.organizer), "slug") == ["summer"]
    assert names(Workshop.objects.visible_to(cast.mentor_a), "slug") == ["summer"]
    assert names(Workshop.objects.visible_to(cast.parent_two), "slug") == ["summer"]
    assert names(Workshop.objects.visible_to(cast.outsider_parent), "slug") == ["winter"]
    assert names(Workshop.objects.visible_to(cast.other_organizer), "slug") == ["winter"]


def test_families_do_not_see_a_draft_workshop_but_its_staff_do(cast):
    Workshop.objects.filter(pk=cast.workshop.pk).update(is_published=False)
    assert Participant.objects.visible_to(cast.parent_a).count() == 0
    assert Guardian.objects.visible_to(cast.parent_two).count() == 0
    assert Film.objects.visible_to(cast.parent_a).count() == 0
    assert Workshop.objects.visible_to(cast.parent_a).count() == 0
    assert Session.objects.visible_to(cast.parent_a).count() == 0
    assert WorkshopDay.objects.visible_to(cast.parent_a).count() == 0
    assert Group.objects.visible_to(cast.parent_a).count() == 0
    assert names(Workshop.objects.visible_to(cast.mentor_a), "slug") == ["summer"]


def test_days_rooms_and_stages_follow_the_workshop(cast):
    assert WorkshopDay.objects.visible_to(cast.parent_a).count() == 7
    assert {day.workshop_id for day in WorkshopDay.objects.visible_to(cast.parent_a)} == {
        cast.workshop.pk
    }
    assert Stage.objects.visible_to(cast.outsider_parent).count() == 7
    assert {stage.workshop_id for stage in Stage.objects.visible_to(cast.outsider_parent)} == {
        cast.other_workshop.pk
    }
    assert Room.objects.visible_to(cast.outsider_parent).count() == 0


def test_sessions_for_staff_are_the_whole_schedule(cast):
    expected = ["Kite shoots", "Lantern shoots", "Morning circle"]
    assert names(Session.objects.visible_to(cast.organizer), "title") == expected
    assert names(Session.objects.visible_to(cast.mentor_b), "title") == expected
    assert names(Session.objects.visible_to(cast.other_organizer), "title") == ["Snow shoots"]


def test_sessions_for_a_parent_are_their_childs_group_and_everyones_as_released(cast):
    assert names(ReleasedSession.objects.visible_to(cast.parent_a), "title") == [
        "Lantern shoots",
        "Morning circle",
    ]


def test_parent_of_children_in_two_groups_sees_both_groups_sessions(cast):
    assert names(ReleasedSession.objects.visible_to(cast.parent_two), "title") == [
        "Kite shoots",
        "Lantern shoots",
        "Morning circle",
    ]


def test_families_never_read_the_working_copy(cast):
    assert names(Session.objects.visible_to(cast.parent_a), "title") == []
    assert names(Session.objects.visible_to(cast.parent_two), "title") == []


def test_an_unreleased_session_stays_with_the_staff(cast):
    SessionFactory(workshop=cast.workshop, title="Lantern reshoots", groups=[cast.group_a])
    assert "Lantern reshoots" in names(Session.objects.visible_to(cast.mentor_a), "title")
    assert "Lantern reshoots" not in names(
        ReleasedSession.objects.visible_to(cast.parent_a), "title"
    )


def test_children_by_role(cast):
    assert names(Participant.objects.visible_to(cast.organizer)) == [
        "Aoyama", "Bystander", "Sibling", "Sibling",
    ]  # fmt: skip
    assert names(Participant.objects.visible_to(cast.mentor_a)) == ["Aoyama", "Sibling"]
    assert names(Participant.objects.visible_to(cast.parent_a)) == ["Aoyama"]
    assert set(Participant.objects.visible_to(cast.parent_two)) == {cast.child_a2, cast.child_b1}
    assert names(Participant.objects.visible_to(cast.outsider_parent)) == ["Faraway"]
    assert names(Participant.objects.visible_to(cast.other_organizer)) == ["Faraway"]


def test_a_group_mentor_who_left_the_staff_sees_no_child(cast):
    StaffMembership.objects.filter(user=cast.mentor_a).delete()
    mentor = type(cast.mentor_a).objects.get(pk=cast.mentor_a.pk)
    assert Participant.objects.visible_to(mentor).count() == 0
    assert not sees_health(mentor, cast.child_a1)


def test_mentor_who_is_also_a_parent_sees_their_group_and_their_own_child(cast):
    GuardianFactory(user=cast.mentor_a, participant=cast.child_b2)
    assert names(Participant.objects.visible_to(cast.mentor_a)) == [
        "Aoyama", "Bystander", "Sibling",
    ]  # fmt: skip
    assert roles_of(cast.mentor_a).is_mentor
    assert roles_of(cast.mentor_a).is_parent


def test_guardians_and_memberships_follow_the_children(cast):
    assert Guardian.objects.visible_to(cast.parent_a).count() == 1
    assert Guardian.objects.visible_to(cast.parent_two).count() == 2
    assert {g.participant for g in Guardian.objects.visible_to(cast.mentor_b)} == {
        cast.child_b1,
        cast.child_b2,
    }
    assert Membership.objects.visible_to(cast.outsider_parent).get().participant == cast.child_x
    assert Membership.objects.visible_to(cast.organizer).count() == 4
    assert Guardian.objects.visible_to(cast.organizer).count() == 4


def test_groups_staff_see_all_of_their_workshop_families_their_childrens(cast):
    assert names(Group.objects.visible_to(cast.mentor_a), "name") == ["Kite", "Lantern"]
    assert names(Group.objects.visible_to(cast.parent_a), "name") == ["Lantern"]
    assert names(Group.objects.visible_to(cast.parent_two), "name") == ["Kite", "Lantern"]
    assert names(Group.objects.visible_to(cast.outsider_parent), "name") == ["Snow"]


def test_films_and_progress_follow_the_groups(cast):
    stage = cast.workshop.stages.get(key="script")
    set_stage_progress(cast.group_b.film, stage, status="done", by=cast.mentor_b)
    assert Film.objects.visible_to(cast.parent_a).get() == cast.group_a.film
    assert Film.objects.visible_to(cast.mentor_a).count() == 2
    assert StageProgress.objects.visible_to(cast.parent_a).count() == 0
    assert StageProgress.objects.visible_to(cast.parent_two).count() == 1


def test_log_entries_unshared_ones_stay_with_the_groups_mentors_and_organizers(cast):
    film = cast.group_a.film
    LogEntry.objects.create(
        film=film, author=cast.mentor_a, written_on="2026-07-27", body="Shared",
        shared_with_families=True,
    )  # fmt: skip
    LogEntry.objects.create(
        film=film, author=cast.mentor_a, written_on="2026-07-27", body="Crew only"
    )
    assert names(LogEntry.objects.visible_to(cast.parent_a), "body") == ["Shared"]
    assert names(LogEntry.objects.visible_to(cast.mentor_a), "body") == ["Crew only", "Shared"]
    assert names(LogEntry.objects.visible_to(cast.organizer), "body") == ["Crew only", "Shared"]
    assert names(LogEntry.objects.visible_to(cast.mentor_b), "body") == ["Shared"]
    assert LogEntry.objects.visible_to(cast.outsider_parent).count() == 0
    assert LogEntry.objects.visible_to(cast.other_organizer).count() == 0


def test_staff_memberships_known_to_the_workshops_staff_and_families(cast):
    assert StaffMembership.objects.visible_to(cast.parent_a).count() == 3
    assert StaffMembership.objects.visible_to(cast.outsider_parent).count() == 1
    assert StaffMembership.objects.visible_to(UserFactory()).count() == 0


def test_medical_notes_are_for_the_childs_organizers_and_mentors(cast):
    assert sees_health(cast.organizer, cast.child_b2)
    assert sees_health(cast.mentor_b, cast.child_b2)
    assert not can_see_health_notes(
        cast.mentor_a, cast.child_b2.workshop_id, cast.child_b2.group_id
    )
    assert not can_see_health_notes(
        cast.parent_a, cast.child_a1.workshop_id, cast.child_a1.group_id
    )
    assert not can_see_health_notes(
        cast.other_organizer, cast.child_b2.workshop_id, cast.child_b2.group_id
    )


def test_only_organizers_organize(cast):
    assert can_organize(cast.organizer, cast.workshop.pk)
    assert not can_organize(cast.mentor_a, cast.workshop.pk)
    assert not can_organize(cast.other_organizer, cast.workshop.pk)
    StaffMembershipFactory(
        user=cast.mentor_a, workshop=cast.workshop, role=StaffMembership.Role.ORGANIZER
    )
    mentor = type(cast.mentor_a).objects.get(pk=cast.mentor_a.pk)
    assert can_organize(mentor, cast.workshop.pk)


def test_superuser_sees_everything(cast, admin_user):
    assert Participant.objects.visible_to(admin_user).count() == 5
    assert Session.objects.visible_to(admin_user).count() == 4


def test_a_film_is_written_by_its_groups_mentors_and_the_workshops_organizers(cast):
    def writers(group):
        people = {
            "organizer": cast.organizer,
            "other_organizer": cast.other_organizer,
            "mentor_a": cast.mentor_a,
            "mentor_b": cast.mentor_b,
            "parent_a": cast.parent_a,
        }
        return sorted(
            name
            for name, user in people.items()
            if can_write_film(user, group.workshop_id, group.pk)
        )

    assert writers(cast.group_a) == ["mentor_a", "organizer"]
    assert writers(cast.group_b) == ["mentor_b", "organizer"]
    assert writers(cast.group_x) == ["other_organizer"]
