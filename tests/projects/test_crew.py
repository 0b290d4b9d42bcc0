"""Crew roles and rotation (issue 14): the services that set a day's crew, the crew page
(projects.views.film_crew, film_crew_suggestion) and the end credits (film_credits). The
group's mentors and the organizers write; another group's mentor reads and is refused every
write (403); families find the credits of their own child's film only, with only their own
child named; outsiders get 404."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects.models import CrewAssignment
from projects.selectors import crew_board, end_credits, suggested_crew
from projects.services import apply_crew_suggestion, set_crew_role
from tests.factories import MembershipFactory, ParticipantFactory
from workshop.models import Participant

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_day_three")]

HTMX = {"HX-Request": "true"}


def day(cast, number, workshop=None):
    return (workshop or cast.workshop).days.get(number=number)


def crew(film):
    return sorted(
        CrewAssignment.objects.filter(film=film).values_list(
            "day__number", "child__family_name", "role"
        )
    )


# --- Services ------------------------------------------------------------------------------


def test_a_child_holds_several_roles_a_day_and_gives_one_back(cast):
    film = cast.group_a.film
    assert set_crew_role(film, day=day(cast, 1), child=cast.child_a1, role="camera", held=True)
    assert set_crew_role(film, day=day(cast, 1), child=cast.child_a1, role="sound", held=True)
    assert not set_crew_role(film, day=day(cast, 1), child=cast.child_a1, role="sound", held=True)
    assert crew(film) == [(1, "Aoyama", "camera"), (1, "Aoyama", "sound")]
    assert set_crew_role(film, day=day(cast, 1), child=cast.child_a1, role="camera", held=False)
    assert crew(film) == [(1, "Aoyama", "sound")]


@pytest.mark.parametrize(
    "change, refusal",
    [
        (lambda cast: {"child": cast.child_b1}, "Choose a child of this film's group."),
        (
            lambda cast: {"day": day(cast, 1, cast.other_workshop)},
            "Choose a day of this film's workshop.",
        ),
        (lambda cast: {"role": "catering"}, "Choose one of the crew's roles."),
    ],
)
def test_a_role_outside_the_group_the_workshop_or_the_roles_is_refused(cast, change, refusal):
    arguments = {"day": day(cast, 1), "child": cast.child_a1, "role": "camera", **change(cast)}
    with pytest.raises(ValidationError) as refused:
        set_crew_role(cast.group_a.film, held=True, **arguments)
    assert refused.value.messages == [refusal]
    assert crew(cast.group_a.film) == []


@pytest.mark.parametrize(
    "consent, acts",
    [("none", False), ("workshop", False), ("families", True), ("public", True)],
)
def test_only_a_child_whose_consent_allows_being_filmed_acts(cast, consent, acts):
    Participant.objects.filter(pk=cast.child_a1.pk).update(media_consent=consent)
    cast.child_a1.refresh_from_db()
    film = cast.group_a.film
    if acts:
        set_crew_role(film, day=day(cast, 1), child=cast.child_a1, role="actor", held=True)
        assert crew(film) == [(1, "Aoyama", "actor")]
    else:
        with pytest.raises(ValidationError):
            set_crew_role(film, day=day(cast, 1), child=cast.child_a1, role="actor", held=True)
        set_crew_role(film, day=day(cast, 1), child=cast.child_a1, role="sound", held=True)
        assert crew(film) == [(1, "Aoyama", "sound")]


def test_applying_the_suggestion_replaces_the_days_crew_from_the_days_before(cast):
    film = cast.group_a.film
    Participant.objects.filter(pk=cast.child_a2.pk).update(media_consent="none")
    set_crew_role(film, day=day(cast, 1), child=cast.child_a1, role="actor", held=True)
    set_crew_role(film, day=day(cast, 3), child=cast.child_a1, role="actor", held=True)
    apply_crew_suggestion(film, day=day(cast, 3))
    day_three = [(role, name) for number, name, role in crew(film) if number == 3]
    # Sibling may not be filmed: Aoyama acts again; the other roles are shared out.
    assert sorted(day_three) == sorted(
        [("actor", "Aoyama"), ("writer", "Sibling"), ("director", "Sibling"),
         ("camera", "Aoyama"), ("sound", "Sibling"), ("editor", "Aoyama")]
    )  # fmt: skip
    assert [(n, name, role) for n, name, role in crew(film) if n == 1] == [(1, "Aoyama", "actor")]


def test_the_suggestion_prefers_the_roles_a_child_has_not_tried(cast):
    film = cast.group_a.film
    for role in ("writer", "director", "camera"):
        set_crew_role(film, day=day(cast, 1), child=cast.child_a1, role=role, held=True)
    for role in ("sound", "actor", "editor"):
        set_crew_role(film, day=day(cast, 1), child=cast.child_a2, role=role, held=True)
    suggestion = suggested_crew(film, day=day(cast, 2))
    assert sorted(suggestion) == sorted(
        [(cast.child_a2.pk, "writer"), (cast.child_a2.pk, "director"), (cast.child_a2.pk, "camera"),
         (cast.child_a1.pk, "sound"), (cast.child_a1.pk, "actor"), (cast.child_a1.pk, "editor")]
    )  # fmt: skip


def test_the_rotation_counts_the_days_each_child_held_each_role(cast):
    film = cast.group_a.film
    for number in (1, 2):
        set_crew_role(film, day=day(cast, number), child=cast.child_a1, role="camera", held=True)
    board = crew_board(film, user=cast.mentor_a, day_number=None)
    rows = {row.child.family_name: {c.role: c.days for c in row.counts} for row in board.rotation}
    assert rows["Aoyama"] == {
        "writer": 0, "director": 0, "camera": 2, "sound": 0, "actor": 0, "editor": 0,
    }  # fmt: skip
    assert board.day.number == 3


# --- End credits ---------------------------------------------------------------------------


def assign_lantern(cast):
    """Sibling writes first (day 1), Aoyama joins on day 2: neither the day nor the order of
    the assignments decides the order of names, the names do."""
    film = cast.group_a.film
    set_crew_role(film, day=day(cast, 1), child=cast.child_a2, role="writer", held=True)
    set_crew_role(film, day=day(cast, 2), child=cast.child_a1, role="writer", held=True)
    set_crew_role(film, day=day(cast, 2), child=cast.child_a2, role="camera", held=True)
    return film


def test_the_credits_name_every_child_to_the_groups_mentor_in_the_order_of_names(cast):
    film = assign_lantern(cast)
    credits = [(c.label, c.names, c.others) for c in end_credits(film, user=cast.mentor_a)]
    assert credits == [
        ("Written by", [cast.child_a1.full_name, cast.child_a2.full_name], 0),
        ("Camera", [cast.child_a2.full_name], 0),
    ]


def test_the_credits_order_names_by_reading_then_name_then_id(cast):
    film = cast.group_a.film
    children = [
        ParticipantFactory(workshop=cast.workshop, family_name=family, given_name=given,
                           family_name_reading=reading)
        for family, given, reading in [
            ("渡辺", "蓮", "わたなべ"), ("Ando", "Mia", ""), ("安藤", "陽", "あんどう"),
            ("Ando", "Mia", ""), ("Ando", "Kai", ""),
        ]
    ]  # fmt: skip
    for child in reversed(children):
        MembershipFactory(participant=child, group=cast.group_a)
        set_crew_role(film, day=day(cast, 1), child=child, role="editor", held=True)
    (credit,) = end_credits(film, user=cast.organizer)
    # Without a reading first, by name (the two Mia Andos by id), then あんどう before わたなべ.
    assert credit.names == ["Kai Ando", "Mia Ando", "Mia Ando", "安藤 陽", "渡辺 蓮"]


def test_a_family_sees_its_own_child_named_in_the_credits_and_the_others_counted(cast):
    film = assign_lantern(cast)
    credits = [(c.label, c.names, c.others) for c in end_credits(film, user=cast.parent_a)]
    assert credits == [("Written by", [cast.child_a1.full_name], 1), ("Camera", [], 1)]


def test_the_credits_page_keeps_other_childrens_names_from_a_family(client, cast):
    assign_lantern(cast)
    client.force_login(cast.parent_a)
    response = client.get(reverse("film_credits", args=[cast.group_a.pk]))
    assert response.status_code == 200
    assert cast.child_a1.full_name in response.text
    assert cast.child_a2.family_name not in response.text
    assert "and 1 more of the crew" in response.text


@pytest.mark.parametrize("viewer", ["outsider_parent", "other_organizer"])
def test_outsiders_do_not_find_the_credits(client, cast, viewer):
    assign_lantern(cast)
    client.force_login(getattr(cast, viewer))
    assert client.get(reverse("film_credits", args=[cast.group_a.pk])).status_code == 404


def test_a_parent_of_another_group_does_not_find_the_credits(client, cast):
    assign_lantern(cast)
    client.force_login(cast.child_b2.guardians.get().user)
    assert client.get(reverse("film_credits", args=[cast.group_a.pk])).status_code == 404


# --- The crew page -------------------------------------------------------------------------


def test_the_mentor_gives_a_role_with_one_tap_and_gets_the_crew_part_back(client, cast):
    client.force_login(cast.mentor_a)
    url = reverse("film_crew", args=[cast.group_a.pk])
    data = {"day": 3, "child": cast.child_a1.pk, "role": "director", "held": "on"}
    response = client.post(url, data, headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="crew">')
    assert f"{cast.child_a1.full_name}: Director on day 3." in response.text
    assert crew(cast.group_a.film) == [(3, "Aoyama", "director")]
    response = client.post(url, {**data, "held": ""}, headers=HTMX)
    assert f"{cast.child_a1.full_name}: no longer Director on day 3." in response.text
    assert crew(cast.group_a.film) == []


def test_without_htmx_a_role_comes_back_to_the_page_on_its_day(client, cast):
    client.force_login(cast.organizer)
    url = reverse("film_crew", args=[cast.group_a.pk])
    response = client.post(
        url, {"day": 2, "child": cast.child_a2.pk, "role": "sound", "held": "on"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{url}?day=2"
    assert crew(cast.group_a.film) == [(2, "Sibling", "sound")]


@pytest.mark.parametrize(
    "data, error",
    [
        (lambda cast: {"day": 3, "child": cast.child_b1.pk}, "Choose a child of this group."),
        (lambda cast: {"day": 9, "child": cast.child_a1.pk}, "Choose a day of the workshop."),
        (lambda cast: {"day": 3, "child": cast.child_a1.pk, "role": "catering"}, "Choose one of"),
        (lambda cast: {"day": 3, "child": cast.child_x.pk}, "Choose a child of this group."),
    ],
)
def test_a_role_for_someone_elses_child_or_an_unknown_day_or_role_is_refused(
    client, cast, data, error
):
    client.force_login(cast.mentor_a)
    response = client.post(
        reverse("film_crew", args=[cast.group_a.pk]),
        {"role": "camera", **data(cast), "held": "on"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert error in response.text
    assert CrewAssignment.objects.count() == 0


def test_a_child_without_consent_to_be_filmed_cannot_be_made_actor(client, cast):
    Participant.objects.filter(pk=cast.child_a2.pk).update(media_consent="none")
    client.force_login(cast.mentor_a)
    response = client.post(
        reverse("film_crew", args=[cast.group_a.pk]),
        {"day": 3, "child": cast.child_a2.pk, "role": "actor", "held": "on"},
        headers=HTMX,
    )
    assert "may not be filmed" in response.text
    assert CrewAssignment.objects.count() == 0


def test_the_mentor_applies_the_suggestion_in_one_tap(client, cast):
    client.force_login(cast.mentor_a)
    response = client.post(
        reverse("film_crew_suggestion", args=[cast.group_a.pk]), {"day": 4}, headers=HTMX
    )
    assert response.status_code == 200
    assert "Day 4&#x27;s crew is the suggested one." in response.text
    assert {role for number, _, role in crew(cast.group_a.film)} == {
        "writer", "director", "camera", "sound", "actor", "editor"
    }  # fmt: skip
    assert {number for number, _, _ in crew(cast.group_a.film)} == {4}


def test_applying_the_suggestion_to_a_day_of_another_workshop_is_refused(client, cast):
    client.force_login(cast.organizer)
    response = client.post(
        reverse("film_crew_suggestion", args=[cast.group_a.pk]), {"day": 12}, headers=HTMX
    )
    assert "Choose a day of the workshop." in response.text
    assert CrewAssignment.objects.count() == 0


@pytest.mark.parametrize("name", ["film_crew", "film_crew_suggestion"])
def test_another_groups_mentor_is_refused_every_crew_write(client, cast, name):
    client.force_login(cast.mentor_b)
    data = {"day": 3, "child": cast.child_a1.pk, "role": "camera", "held": "on"}
    response = client.post(reverse(name, args=[cast.group_a.pk]), data, headers=HTMX)
    assert response.status_code == 403
    assert CrewAssignment.objects.count() == 0


def test_another_groups_mentor_reads_the_crew_page_without_the_childrens_names(client, cast):
    set_crew_role(
        cast.group_a.film, day=day(cast, 3), child=cast.child_a1, role="camera", held=True
    )
    client.force_login(cast.mentor_b)
    response = client.get(reverse("film_crew", args=[cast.group_a.pk]))
    assert response.status_code == 200
    assert cast.child_a1.family_name not in response.text
    assert "2 children of this group are named only to its own mentors" in response.text
    assert 'name="held"' not in response.text


@pytest.mark.parametrize("viewer", ["parent_a", "outsider_parent", "other_organizer"])
def test_families_and_outsiders_do_not_find_the_crew_page(client, cast, viewer):
    client.force_login(getattr(cast, viewer))
    assert client.get(reverse("film_crew", args=[cast.group_a.pk])).status_code == 404


def test_the_crew_page_shows_the_day_the_rotation_and_the_suggestion(client, cast):
    Participant.objects.filter(pk=cast.child_a2.pk).update(media_consent="workshop")
    set_crew_role(
        cast.group_a.film, day=day(cast, 1), child=cast.child_a1, role="camera", held=True
    )
    client.force_login(cast.mentor_a)
    response = client.get(reverse("film_crew", args=[cast.group_a.pk]), {"day": 2})
    board = response.context["board"]
    assert board.day.number == 2
    assert [(child.family_name, role) for child, role in board.suggestion] == [
        ("Sibling", "writer"), ("Aoyama", "director"), ("Sibling", "camera"),
        ("Sibling", "sound"), ("Aoyama", "actor"), ("Aoyama", "editor"),
    ]  # fmt: skip
    assert "Suggested crew for day 2" in response.text
    assert "Not to be filmed" in response.text
    assert "0 of 2 children have tried every role." in response.text


def test_once_the_days_crew_is_set_the_suggestion_is_for_the_next_day(client, cast):
    film = cast.group_a.film
    set_crew_role(film, day=day(cast, 3), child=cast.child_a1, role="camera", held=True)
    client.force_login(cast.mentor_a)
    response = client.get(reverse("film_crew", args=[cast.group_a.pk]), {"day": 3})
    board = response.context["board"]
    assert (board.day.number, board.suggestion_day.number) == (3, 4)
    assert (cast.child_a1, "camera") not in board.suggestion
    assert 'name="day" value="4"' in response.text
    assert "Use it for day 4" in response.text


def test_while_the_days_crew_is_empty_the_suggestion_comes_before_the_children(client, cast):
    client.force_login(cast.mentor_a)
    text = client.get(reverse("film_crew", args=[cast.group_a.pk]), {"day": 3}).text
    assert text.index('id="crew-suggestion"') < text.index(f'id="crew-child-{cast.child_a1.pk}"')
    set_crew_role(
        cast.group_a.film, day=day(cast, 3), child=cast.child_a1, role="camera", held=True
    )
    text = client.get(reverse("film_crew", args=[cast.group_a.pk]), {"day": 3}).text
    assert text.index('id="crew-suggestion"') > text.index(f'id="crew-child-{cast.child_a1.pk}"')


def test_the_week_shows_each_childs_roles_day_by_day(client, cast):
    film = cast.group_a.film
    set_crew_role(film, day=day(cast, 1), child=cast.child_a1, role="camera", held=True)
    set_crew_role(film, day=day(cast, 2), child=cast.child_a1, role="sound", held=True)
    set_crew_role(film, day=day(cast, 2), child=cast.child_a1, role="writer", held=True)
    client.force_login(cast.organizer)
    board = client.get(reverse("film_crew", args=[cast.group_a.pk])).context["board"]
    rows = {
        row.child.family_name: [[cell.role for cell in cells] for _, cells in row.days]
        for row in board.week
    }
    assert rows["Aoyama"] == [["camera"], ["writer", "sound"], [], [], [], [], []]
    assert rows["Sibling"] == [[]] * 7
