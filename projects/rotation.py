"""Crew-role rotation: the workshop's aim is that every child tries every role. Pure functions
over ids and role keys, so that they can be tested on their own."""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

# Roles in which a child is filmed: only children whose consent allows it are suggested.
ON_CAMERA = frozenset({"actor"})

type Pair = tuple[int, str]


def tried_counts(assignments: Iterable[Pair]) -> Counter:
    """How many days each child held each role: {(child, role): days}."""
    return Counter(assignments)


def suggest_crew(
    children: Sequence[int],
    roles: Sequence[str],
    *,
    tried: Mapping[Pair, int],
    may_be_filmed: set[int] | frozenset[int],
) -> list[Pair]:
    """A day's crew that brings the group closer to everyone having tried everything.

    Each role goes to one child where anyone may hold it: the one who has held it least,
    then the one with fewest roles so far today, then the one who has tried fewest roles;
    roles with fewest untried candidates are filled first. A child left without a role then
    joins the one they have held least. A child who may not be filmed is never put on camera.
    The answer is the same for the same question, in the order of `roles`, then `children`."""
    order = {child: index for index, child in enumerate(children)}
    variety = {child: sum(1 for role in roles if tried.get((child, role), 0)) for child in children}
    today: Counter = Counter()
    chosen: set[Pair] = set()

    def eligible(role: str) -> list[int]:
        if role in ON_CAMERA:
            return [child for child in children if child in may_be_filmed]
        return list(children)

    def untried(role: str) -> int:
        return sum(1 for child in eligible(role) if not tried.get((child, role), 0))

    for role in sorted(roles, key=lambda role: (untried(role), roles.index(role))):
        candidates = eligible(role)
        if not candidates:
            continue
        child = min(
            candidates,
            key=lambda c: (tried.get((c, role), 0), today[c], variety[c], order[c]),
        )
        chosen.add((child, role))
        today[child] += 1

    for child in children:
        if today[child]:
            continue
        candidates = [role for role in roles if child in eligible(role)]
        if not candidates:
            continue
        role = min(candidates, key=lambda r: (tried.get((child, r), 0), roles.index(r)))
        chosen.add((child, role))
        today[child] += 1

    role_order = {role: index for index, role in enumerate(roles)}
    return sorted(chosen, key=lambda pair: (role_order[pair[1]], order[pair[0]]))


def untried_roles(children: Sequence[int], roles: Sequence[str], *, tried: Mapping[Pair, int]):
    """{child: [roles they have not held yet]}."""
    return {
        child: [role for role in roles if not tried.get((child, role), 0)] for child in children
    }
