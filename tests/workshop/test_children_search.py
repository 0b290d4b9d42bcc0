"""The children search (views/people.py, `Participant.objects.search`) finds a child by a
guardian's name and by the romaji of its kana reading, within what the viewer may see."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import GuardianFactory, UserFactory
from workshop.demo import DEMO_SLUG
from workshop.models import Participant, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(cast):
    """The cast with names no other person shares, so that what a search finds is exact:
    佐藤 陽菜 (さとう ひな) in the Lantern group, whose guardian is Keiko Yamada; Bea
    Bystander's child in the Kite group; Noriko, an outsider, in the other workshop."""
    User.objects.update(first_name="Alex", last_name="Doe")
    Participant.objects.update(given_name="Kid")
    hina = cast.child_a1
    hina.family_name, hina.given_name = "佐藤", "陽菜"
    hina.family_name_reading, hina.given_name_reading = "さとう", "ひな"
    hina.save()
    User.objects.filter(pk=cast.parent_a.pk).update(first_name="Keiko", last_name="Yamada")
    User.objects.filter(guardianships__participant=cast.child_b2).update(
        first_name="Bea", last_name="Bystander"
    )
    User.objects.filter(pk=cast.outsider_parent.pk).update(first_name="Noriko")
    return cast


def found(client, user, query, *, workshop="summer"):
    client.force_login(user)
    response = client.get(reverse("children", args=[workshop]), {"q": query})
    assert response.status_code == 200
    return [child for child, _ in response.context["rows"]]


@pytest.mark.parametrize(
    "query", ["hina", "HINA", "Sato", "Satō", "satou", "Sato Hina", "ヒナ", "さとう ひな"]
)
def test_a_child_is_found_by_the_romaji_or_kana_of_its_reading(client, named, query):
    assert found(client, named.organizer, query) == [named.child_a1]


@pytest.mark.parametrize("query", ["Keiko", "yamada", "Keiko Yamada", "Yamada hina"])
def test_a_child_is_found_by_a_guardians_first_or_last_name(client, named, query):
    assert found(client, named.organizer, query) == [named.child_a1]


def test_a_word_that_matches_nothing_of_a_child_finds_it_not(client, named):
    assert found(client, named.organizer, "Keiko Takahashi") == []


def test_a_child_with_two_guardians_of_the_same_name_is_found_once(client, named):
    GuardianFactory(
        user=UserFactory(first_name="Kenji", last_name="Yamada"), participant=named.child_a1
    )
    assert found(client, named.organizer, "Yamada") == [named.child_a1]


def test_a_mentor_finds_no_child_of_another_group_by_its_guardians_name(client, named):
    assert found(client, named.organizer, "Bea") == [named.child_b2]
    assert found(client, named.mentor_b, "Bea") == [named.child_b2]
    assert found(client, named.mentor_a, "Bea") == []
    assert found(client, named.mentor_a, "Bystander") == []


def test_a_guardians_name_finds_no_child_of_another_workshop(client, named):
    assert found(client, named.other_organizer, "Noriko", workshop="winter") == [named.child_x]
    assert found(client, named.organizer, "Noriko") == []


def test_the_demo_weeks_children_are_found_by_romaji_after_a_re_seed(client):
    call_command("seed_demo", start="2026-07-27", stdout=StringIO())
    call_command("seed_demo", start="2026-07-27", stdout=StringIO())
    organizer = User.objects.get(email="organizer@kachinko.test")
    names = {
        query: [child.full_name for child in found(client, organizer, query, workshop=DEMO_SLUG)]
        for query in ("hina", "Yuma", "Sota")
    }
    assert names == {"hina": ["佐藤 陽菜"], "Yuma": ["中村 悠真"], "Sota": ["山崎 奏太"]}
