"""Forming groups and placing children in them (groups/services.py)."""

import pytest
from django.core.exceptions import ValidationError

from groups.models import Group, Membership
from groups.services import create_group, place_in_group
from projects.models import Film
from tests.factories import GroupFactory, ParticipantFactory, UserFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def test_every_group_has_its_film():
    group = GroupFactory(name="Kite")
    assert str(group.film) == "Untitled film of Kite"


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


def test_a_new_group_has_its_mentors_and_one_film():
    mentor = UserFactory()
    group = create_group(WorkshopFactory(), name="Kite", colour="#ff7f0e", mentors=[mentor])
    assert list(group.mentors.all()) == [mentor]
    assert list(Film.objects.values_list("group", flat=True)) == [group.pk]


def test_a_group_name_taken_in_the_workshop_is_refused_but_free_in_another():
    summer, winter = WorkshopFactory(), WorkshopFactory()
    create_group(summer, name="Kite", colour="#1f77b4")
    with pytest.raises(ValidationError) as error:
        create_group(summer, name="Kite", colour="#ff7f0e")
    assert error.value.messages == ["Group with this Workshop and Name already exists."]
    create_group(winter, name="Kite", colour="#ff7f0e")
    assert sorted(Film.objects.values_list("group__workshop", flat=True)) == [summer.pk, winter.pk]


def test_a_group_colour_that_is_not_hexadecimal_is_refused_with_an_example():
    with pytest.raises(ValidationError) as error:
        create_group(WorkshopFactory(), name="Kite", colour="blue")
    assert error.value.message_dict["colour"] == [
        "Enter a colour as # and six hexadecimal digits, like #1f77b4."
    ]
    assert Group.objects.count() == 0


def test_a_child_placed_in_another_workshops_group_stays_in_their_own(cast):
    with pytest.raises(ValidationError) as error:
        place_in_group(cast.child_a1, group=cast.group_x)
    assert error.value.messages == ["A child can only join a group of their own workshop."]
    assert Membership.objects.get(participant=cast.child_a1).group == cast.group_a


def test_a_child_moved_and_pinned_keeps_their_one_membership(cast):
    membership = Membership.objects.get(participant=cast.child_a1)
    place_in_group(cast.child_a1, group=cast.group_b, pinned=True)
    assert list(
        Membership.objects.filter(participant=cast.child_a1).values_list("pk", "group", "pinned")
    ) == [(membership.pk, cast.group_b.pk, True)]
