"""Automatic group assignment (groups/assignment.py): even sizes, mixed ages, siblings apart
unless kept together, pinned children where they are, on any cast Hypothesis can think of."""

import datetime
from collections import Counter, defaultdict
from statistics import mean

from hypothesis import given
from hypothesis import strategies as st

from groups.assignment import Child, assign, sibling_families

BORN = datetime.date(2014, 1, 1)


def born(days: int) -> datetime.date:
    return BORN + datetime.timedelta(days=days)


def test_siblings_are_found_through_any_shared_guardian():
    # 1 and 2 share a mother; 2 and 3 share a father; 4 is an only child.
    links = [(1, 100), (2, 100), (2, 200), (3, 200), (4, 300)]
    assert sibling_families(links) == {1: 1, 2: 1, 3: 1}


def test_thirty_children_of_mixed_ages_make_five_groups_of_six_with_similar_ages():
    children = [Child(id=n, birth_date=born(n * 40)) for n in range(30)]
    placement = assign(children, [1, 2, 3, 4, 5])
    assert sorted(Counter(placement.values()).values()) == [6] * 5
    ages = defaultdict(list)
    for child in children:
        ages[placement[child.id]].append(child.birth_date.toordinal())
    means = [mean(values) for values in ages.values()]
    # Every group spans the age range: their mean birth dates lie within 2 months.
    assert max(means) - min(means) < 61


def test_siblings_go_to_different_groups_unless_kept_together():
    apart = [Child(id=n, birth_date=born(n), family=1 if n < 3 else None) for n in range(9)]
    placement = assign(apart, [10, 20, 30])
    assert len({placement[0], placement[1], placement[2]}) == 3

    together = [
        Child(id=n, birth_date=born(n), family=1 if n < 3 else None, keep_with_siblings=n == 0)
        for n in range(9)
    ]
    placement = assign(together, [10, 20, 30])
    assert placement[0] == placement[1] == placement[2]


def test_pinned_children_stay_and_the_others_fill_around_them():
    children = [Child(id=n, birth_date=born(n), pinned_to=10 if n < 3 else None) for n in range(9)]
    placement = assign(children, [10, 20, 30])
    assert [placement[n] for n in range(3)] == [10, 10, 10]
    assert sorted(Counter(placement.values()).values()) == [3, 3, 3]


def test_a_family_kept_together_joins_its_pinned_member():
    children = [
        Child(id=1, birth_date=born(0), family=1, keep_with_siblings=True, pinned_to=30),
        Child(id=2, birth_date=born(500), family=1, keep_with_siblings=True),
        Child(id=3, birth_date=born(9)),
    ]
    assert assign(children, [10, 20, 30])[2] == 30


@st.composite
def casts(draw):
    group_count = draw(st.integers(1, 6))
    size = draw(st.integers(0, 40))
    children = []
    for n in range(size):
        family = draw(st.one_of(st.none(), st.integers(0, 5)))
        children.append(
            Child(
                id=n,
                birth_date=born(draw(st.integers(0, 2000))),
                family=family,
                keep_with_siblings=family is not None and family % 2 == 0 and draw(st.booleans()),
                pinned_to=draw(st.one_of(st.none(), st.just(0), st.integers(1, group_count)))
                or None,
            )
        )
    return children, list(range(1, group_count + 1))


@given(casts())
def test_every_child_gets_one_of_the_groups_and_the_rules_hold(cast):
    children, groups = cast
    placement = assign(children, groups)
    assert set(placement) == {child.id for child in children}
    assert set(placement.values()) <= set(groups)
    for child in children:
        if child.pinned_to is not None:
            assert placement[child.id] == child.pinned_to
    families = defaultdict(list)
    for child in children:
        if child.family is not None:
            families[child.family].append(child)
    for members in families.values():
        kept = any(child.keep_with_siblings for child in members)
        free = [child for child in members if child.pinned_to is None]
        if not kept and len(members) <= len(groups) and all(c.pinned_to is None for c in members):
            assert len({placement[child.id] for child in members}) == len(members)
        if kept and free and not any(c.pinned_to for c in members):
            assert len({placement[child.id] for child in members}) == 1


@given(st.lists(st.integers(0, 2000), max_size=60), st.integers(1, 8))
def test_without_families_or_pins_sizes_differ_by_at_most_one(birth_days, group_count):
    children = [Child(id=n, birth_date=born(days)) for n, days in enumerate(birth_days)]
    placement = assign(children, list(range(group_count)))
    sizes = Counter(placement.values())
    counts = [sizes.get(group, 0) for group in range(group_count)]
    assert max(counts) - min(counts) <= 1
