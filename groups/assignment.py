"""Automatic group assignment, as a pure function over plain values so that it can be tested
on any cast (Hypothesis does) and explained in a sentence: groups of even size and a similar
mix of ages, siblings apart unless their family asked to keep them together, pinned children
left where they are.

Children are placed oldest first, each (or each family kept together) into the group with
the fewest children so far, ties going to the group whose children are youngest so far: a
"snake draft" that spreads every age band across the groups. A group holding a sibling is
skipped while another group is free of them.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class Child:
    id: int
    birth_date: datetime.date
    # Children sharing a guardian share a family; None for a child without siblings here.
    family: int | None = None
    keep_with_siblings: bool = False
    # The group a pinned child stays in.
    pinned_to: int | None = None


def sibling_families(guardian_links: list[tuple[int, int]]) -> dict[int, int]:
    """Each child with a sibling → a family key (the smallest child id of the family), from
    (child id, guardian user id) pairs; brothers and sisters through any shared guardian."""
    parent = {}

    def find(child):
        parent.setdefault(child, child)
        while parent[child] != child:
            parent[child] = parent[parent[child]]
            child = parent[child]
        return child

    children_of = defaultdict(list)
    for child, guardian in guardian_links:
        children_of[guardian].append(child)
    for children in children_of.values():
        for other in children[1:]:
            first, second = find(children[0]), find(other)
            if first != second:
                parent[max(first, second)] = min(first, second)
    members = defaultdict(set)
    for child in list(parent):
        members[find(child)].add(child)
    return {
        child: min(family) for family in members.values() if len(family) > 1 for child in family
    }


def assign(children: list[Child], group_ids: list[int]) -> dict[int, int]:
    """A group for every child: pinned children where they are pinned, the others placed."""
    if not group_ids:
        raise ValueError("Automatic assignment needs at least one group.")
    placed: dict[int, int] = {}
    size = dict.fromkeys(group_ids, 0)
    # Ages as days since birth: the later the birth date, the younger.
    age_sum = dict.fromkeys(group_ids, 0)
    families_in = defaultdict(set)
    today = max((child.birth_date for child in children), default=datetime.date.today())

    def put(child: Child, group_id: int) -> None:
        placed[child.id] = group_id
        if group_id in size:
            size[group_id] += 1
            age_sum[group_id] += (today - child.birth_date).days
        if child.family is not None:
            families_in[group_id].add(child.family)

    for child in children:
        if child.pinned_to is not None:
            put(child, child.pinned_to)

    kept_families = {
        child.family for child in children if child.family is not None and child.keep_with_siblings
    }
    units: dict[object, list[Child]] = defaultdict(list)
    for child in children:
        if child.id in placed:
            continue
        together = child.family in kept_families
        units[("family", child.family) if together else ("child", child.id)].append(child)

    def oldest_first(unit: list[Child]):
        return (min(child.birth_date for child in unit), min(child.id for child in unit))

    for unit in sorted(units.values(), key=oldest_first):
        family = unit[0].family
        pinned_sibling_group = next(
            (
                group_id
                for group_id, families in families_in.items()
                if family in families and family in kept_families
            ),
            None,
        )
        if pinned_sibling_group is not None:
            target = pinned_sibling_group
        else:
            free = [
                group_id
                for group_id in group_ids
                if family is None or family not in families_in[group_id]
            ]
            target = min(
                free or group_ids,
                key=lambda group_id: (size[group_id], age_sum[group_id], group_ids.index(group_id)),
            )
        for child in unit:
            put(child, target)
    return placed
