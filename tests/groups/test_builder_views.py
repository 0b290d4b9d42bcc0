"""The group builder (groups/views.py): organizers assign children automatically, then move
them by hand; every choice comes from their own workshop, and bad input changes nothing."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from groups.models import Group, Membership
from tests.factories import ParticipantFactory, StaffMembershipFactory, UserFactory
from tests.workshop.test_query_counts import grow

pytestmark = pytest.mark.django_db


def url(name, cast):
    return reverse(name, args=[cast.workshop.slug])


def memberships(cast):
    return dict(
        Membership.objects.filter(participant__workshop=cast.workshop).values_list(
            "participant_id", "group_id"
        )
    )


def test_the_board_shows_each_group_its_children_and_their_siblings(client, cast):
    ParticipantFactory(workshop=cast.workshop, given_name="Newcomer", family_name="Late")
    client.force_login(cast.organizer)
    page = client.get(url("group_builder", cast)).text
    assert "Lantern" in page and "Kite" in page and "Without a group" in page
    assert "Newcomer Late" in page or "Late Newcomer" in page
    assert f"sibling of {cast.child_b1.full_name}" in page
    assert "Snow" not in page and cast.child_x.full_name not in page
    assert "Siblings share" not in page


def test_automatic_assignment_places_everyone_and_parts_siblings(client, cast):
    Membership.objects.filter(participant=cast.child_b1).update(group=cast.group_a)
    newcomer = ParticipantFactory(workshop=cast.workshop)
    client.force_login(cast.organizer)
    response = client.post(url("group_assign", cast), {"group_count": 2}, follow=True)
    assert "5 children placed in 2 groups." in response.text
    placed = memberships(cast)
    assert newcomer.pk in placed
    assert placed[cast.child_a2.pk] != placed[cast.child_b1.pk]
    assert sorted(list(placed.values()).count(g) for g in set(placed.values())) == [2, 3]
    # The other workshop's children are left alone.
    assert Membership.objects.get(participant=cast.child_x).group == cast.group_x


def test_assignment_adds_groups_when_asked_for_more_and_keeps_pinned_children(client, cast):
    Membership.objects.filter(participant=cast.child_b2).update(pinned=True)
    client.force_login(cast.organizer)
    response = client.post(url("group_assign", cast), {"group_count": 3}, follow=True)
    assert "1 pinned child stayed where they were." in response.text
    assert Group.objects.filter(workshop=cast.workshop).count() == 3
    new_group = Group.objects.get(workshop=cast.workshop, name="Group 3")
    assert new_group.film is not None
    assert Membership.objects.get(participant=cast.child_b2).group == cast.group_b


@pytest.mark.parametrize("count", ["0", "13", "", "many"])
def test_a_bad_number_of_groups_is_refused_and_changes_nothing(client, cast, count):
    before = memberships(cast)
    client.force_login(cast.organizer)
    response = client.post(url("group_assign", cast), {"group_count": count})
    assert response.status_code == 400
    assert "alert-danger" not in response.text or "<html" in response.text
    assert memberships(cast) == before
    assert Group.objects.filter(workshop=cast.workshop).count() == 2


def test_moving_a_child_by_hand_pins_them_and_answers_the_board(client, cast):
    client.force_login(cast.organizer)
    response = client.post(
        url("group_place", cast),
        {"child": cast.child_a1.pk, "group": cast.group_b.pk, "pinned": "on"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "<html" not in response.text and 'id="board"' in response.text
    assert "is in Kite now." in response.text
    membership = Membership.objects.get(participant=cast.child_a1)
    assert (membership.group, membership.pinned) == (cast.group_b, True)


def test_a_child_can_be_taken_out_of_every_group(client, cast):
    client.force_login(cast.organizer)
    client.post(url("group_place", cast), {"child": cast.child_a1.pk, "group": ""})
    assert not Membership.objects.filter(participant=cast.child_a1).exists()


@pytest.mark.parametrize(
    "which, message",
    [
        ("foreign_group", "That group is not in this workshop."),
        ("foreign_child", "That child is not in this workshop."),
    ],
)
def test_a_move_across_workshops_is_refused_with_a_message(client, cast, which, message):
    data = {"child": cast.child_a1.pk, "group": cast.group_b.pk}
    if which == "foreign_group":
        data["group"] = cast.group_x.pk
    else:
        data["child"] = cast.child_x.pk
    before = memberships(cast)
    client.force_login(cast.organizer)
    response = client.post(url("group_place", cast), data, headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert message in response.text
    assert memberships(cast) == before
    assert Membership.objects.get(participant=cast.child_x).group == cast.group_x


def test_siblings_kept_together_are_placed_together(client, cast):
    client.force_login(cast.organizer)
    client.post(url("group_siblings", cast), {"child": cast.child_a2.pk, "keep": "on"})
    cast.child_b1.refresh_from_db()
    assert cast.child_b1.keep_with_siblings
    client.post(url("group_assign", cast), {"group_count": 2})
    placed = memberships(cast)
    assert placed[cast.child_a2.pk] == placed[cast.child_b1.pk]
    page = client.get(url("group_builder", cast)).text
    assert "Siblings share" not in page
    client.post(url("group_siblings", cast), {"child": cast.child_b1.pk})
    cast.child_a2.refresh_from_db()
    assert not cast.child_a2.keep_with_siblings
    assert "Siblings share" in client.get(url("group_builder", cast)).text


def test_a_new_group_takes_mentors_from_the_workshops_staff_only(client, cast):
    stranger = UserFactory()
    StaffMembershipFactory(user=stranger, workshop=cast.other_workshop)
    client.force_login(cast.organizer)
    refused = client.post(
        url("group_new", cast), {"name": "Comet", "colour": "#112233", "mentors": [stranger.pk]}
    )
    assert refused.status_code == 200
    assert "Select a valid choice." in refused.text
    duplicate = client.post(url("group_new", cast), {"name": "kite", "colour": "#112233"})
    assert "There is already a group called “kite”." in duplicate.text
    assert not Group.objects.filter(name__in=["Comet", "kite"]).exists()
    client.post(
        url("group_new", cast),
        {"name": "Comet", "colour": "#112233", "mentors": [cast.mentor_a.pk]},
    )
    comet = Group.objects.get(workshop=cast.workshop, name="Comet")
    assert list(comet.mentors.all()) == [cast.mentor_a]
    assert comet.film is not None


def test_editing_a_group_changes_its_mentors(client, cast):
    client.force_login(cast.organizer)
    response = client.post(
        reverse("group_edit", args=[cast.group_a.pk]),
        {"name": "Lantern", "colour": "#ff0000", "mentors": [cast.mentor_b.pk]},
    )
    assert response.status_code == 302
    cast.group_a.refresh_from_db()
    assert cast.group_a.colour == "#ff0000"
    assert list(cast.group_a.mentors.all()) == [cast.mentor_b]


@pytest.mark.parametrize("size", [1, 3])
def test_the_board_asks_as_many_queries_whatever_the_size(
    client, cast, django_assert_num_queries, size
):
    grow(cast, size)
    client.force_login(cast.organizer)
    with django_assert_num_queries(11):
        assert client.get(url("group_builder", cast)).status_code == 200
    # Served again from the cache: the session, the user and the workshop.
    with django_assert_num_queries(3):
        assert client.get(url("group_builder", cast)).status_code == 200


def test_the_cached_board_shows_a_move_at_once_and_each_browser_its_own_token(cast):
    for _ in range(2):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(cast.organizer)
        page = browser.get(url("group_builder", cast)).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        answer = browser.post(
            url("group_place", cast),
            {"csrfmiddlewaretoken": token, "child": cast.child_a1.pk, "group": cast.group_b.pk},
        )
        assert answer.status_code == 302
        board = browser.get(url("group_builder", cast)).text
        kite = board.split(f'id="builder-{cast.group_b.pk}"')[1].split("</section>")[0]
        assert f'id="child-{cast.child_a1.pk}"' in kite
        Membership.objects.filter(participant=cast.child_a1).update(group=cast.group_a)
