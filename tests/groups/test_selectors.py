"""The group page's reads (groups/selectors.py): each group with its film and where the film
stands at every stage of its workshop."""

import pytest

from groups.models import Group
from groups.selectors import groups_with_progress
from projects.services import set_stage_progress
from tests.factories import GroupFactory, UserFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def test_group_cards_come_in_name_order_with_their_size_and_each_stages_status(cast):
    kite_film = cast.group_b.film
    script, storyboard = cast.workshop.stages.filter(key__in=["script", "storyboard"])
    set_stage_progress(kite_film, script, status="done", by=cast.mentor_b)
    set_stage_progress(kite_film, storyboard, status="in_progress", by=cast.mentor_b)
    kite, lantern = groups_with_progress(Group.objects.filter(workshop=cast.workshop))
    assert [(card.group, card.group.size) for card in (kite, lantern)] == [
        (cast.group_b, 2),
        (cast.group_a, 2),
    ]
    assert [(status.stage.key, status.get_status_display()) for status in kite.stages] == [
        ("script", "Done"),
        ("storyboard", "In progress"),
        ("acting", "Not started"),
        ("shooting", "Not started"),
        ("editing", "Not started"),
        ("sound", "Not started"),
        ("screening", "Not started"),
    ]
    assert [status.status for status in lantern.stages] == ["not_started"] * 7


def test_each_group_is_measured_against_its_own_workshops_stages(cast):
    cards = groups_with_progress(Group.objects.filter(pk__in=[cast.group_a.pk, cast.group_x.pk]))
    assert {card.group: {status.stage.workshop for status in card.stages} for card in cards} == {
        cast.group_a: {cast.workshop},
        cast.group_x: {cast.other_workshop},
    }


@pytest.mark.parametrize("size", [1, 3])
def test_group_cards_take_four_queries_however_many_groups(django_assert_num_queries, size):
    for _ in range(size):
        workshop = WorkshopFactory()
        group = GroupFactory(workshop=workshop, mentors=[UserFactory(), UserFactory()])
        stage = workshop.stages.get(key="script")
        set_stage_progress(group.film, stage, status="done", by=group.mentors.first())
    with django_assert_num_queries(4):
        cards = groups_with_progress(Group.objects.all())
        shown = [
            (
                card.group.workshop.title,
                card.group.film.title,
                len(card.group.mentors.all()),
                [status.status for status in card.stages],
            )
            for card in cards
        ]
    assert [row[2:] for row in shown] == [(2, ["done", *["not_started"] * 6])] * size
