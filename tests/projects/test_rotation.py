"""The crew suggestion, as a pure function: every role filled where it can be, children who
have not tried a role first, nobody on camera without consent to be filmed."""

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from projects.rotation import ON_CAMERA, suggest_crew, tried_counts, untried_roles

ROLES = ("writer", "director", "camera", "sound", "actor", "editor")


@st.composite
def crews(draw):
    """A group of up to 9 children, who may be filmed or not, with some days behind them."""
    children = draw(st.lists(st.integers(1, 500), max_size=9, unique=True))
    filmable = {child for child in children if draw(st.booleans())}
    history = draw(
        st.lists(st.tuples(st.sampled_from(children), st.sampled_from(ROLES)), max_size=40)
        if children
        else st.just([])
    )
    history = [
        (child, role) for child, role in history if role not in ON_CAMERA or child in filmable
    ]
    return children, filmable, tried_counts(history)


def suggest(children, filmable, tried):
    return suggest_crew(children, ROLES, tried=tried, may_be_filmed=filmable)


@given(crews())
def test_nobody_is_suggested_on_camera_without_consent(crew):
    children, filmable, tried = crew
    for child, role in suggest(children, filmable, tried):
        if role in ON_CAMERA:
            assert child in filmable


@given(crews())
def test_every_role_is_filled_when_someone_may_hold_it(crew):
    children, filmable, tried = crew
    filled = {role for _, role in suggest(children, filmable, tried)}
    expected = {role for role in ROLES if children and (role not in ON_CAMERA or filmable)}
    assert filled == expected


@given(crews())
def test_every_child_gets_a_role_and_only_the_groups_children_do(crew):
    children, filmable, tried = crew
    suggestion = suggest(children, filmable, tried)
    assert {child for child, _ in suggestion} == set(children)
    assert len(suggestion) == len(set(suggestion))


@given(crews())
def test_a_role_goes_to_a_child_who_has_not_tried_it_when_there_is_one(crew):
    children, filmable, tried = crew
    suggestion = suggest(children, filmable, tried)
    for role in ROLES:
        eligible = [c for c in children if role not in ON_CAMERA or c in filmable]
        if any(not tried.get((child, role)) for child in eligible):
            holders = [child for child, held in suggestion if held == role]
            assert any(not tried.get((child, role)) for child in holders), role


@given(crews())
def test_the_suggestion_brings_the_group_closer_to_everyone_trying_everything(crew):
    children, filmable, tried = crew
    before = untried_roles(children, ROLES, tried=tried)
    missing = sum(
        1 for child, roles in before.items() for role in roles
        if role not in ON_CAMERA or child in filmable
    )  # fmt: skip
    after_tried = tried + Counter(suggest(children, filmable, tried))
    after = untried_roles(children, ROLES, tried=after_tried)
    still_missing = sum(
        1 for child, roles in after.items() for role in roles
        if role not in ON_CAMERA or child in filmable
    )  # fmt: skip
    if missing:
        assert still_missing < missing
    else:
        assert still_missing == 0


@given(crews())
def test_the_same_question_gets_the_same_answer(crew):
    children, filmable, tried = crew
    assert suggest(children, filmable, tried) == suggest(list(children), set(filmable), tried)


def test_a_first_day_spreads_the_roles_over_six_children():
    suggestion = suggest([1, 2, 3, 4, 5, 6], {1, 2, 3, 4, 5, 6}, Counter())
    assert sorted(Counter(child for child, _ in suggestion).values()) == [1] * 6


def test_the_second_day_gives_each_child_a_role_they_have_not_held():
    first = suggest([1, 2, 3, 4, 5, 6], {1, 2, 3, 4, 5, 6}, Counter())
    second = suggest([1, 2, 3, 4, 5, 6], {1, 2, 3, 4, 5, 6}, tried_counts(first))
    assert set(first) & set(second) == set()


def test_a_child_who_may_not_be_filmed_is_never_the_actor_even_alone():
    assert suggest([7], set(), Counter()) == [(7, "writer"), (7, "director"), (7, "camera"),
                                              (7, "sound"), (7, "editor")]  # fmt: skip
