"""Forming groups and placing children in them."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from groups.assignment import Child, assign
from groups.models import Group, Membership
from groups.selectors import families_of
from projects.services import ensure_film
from workshop.models import Participant

# Colours for groups the assignment adds, distinct from each other and from the stages'.
NEW_GROUP_COLOURS = [
    "#2b8a3e", "#1971c2", "#e8590c", "#9c36b5", "#0c8599",
    "#c2255c", "#5c940d", "#364fc7", "#d9480f", "#087f5b",
]  # fmt: skip
MAX_GROUPS = 12


@transaction.atomic
def create_group(workshop, *, name: str, colour: str, mentors=()) -> Group:
    group = Group(workshop=workshop, name=name, colour=colour)
    group.full_clean()
    group.save()
    group.mentors.set(mentors)
    ensure_film(group)
    return group


@transaction.atomic
def place_in_group(participant, *, group: Group | None, pinned: bool = False) -> None:
    """Put a child in a group of their workshop (moving them out of any other), or in none."""
    if group is None:
        Membership.objects.filter(participant=participant).delete()
        return
    if group.workshop_id != participant.workshop_id:
        raise ValidationError(_("A child can only join a group of their own workshop."))
    Membership.objects.update_or_create(
        participant=participant, defaults={"group": group, "pinned": pinned}
    )


@dataclass(frozen=True)
class AssignmentResult:
    groups_added: int
    children_placed: int
    children_pinned: int


@transaction.atomic
def assign_groups(workshop, *, group_count: int) -> AssignmentResult:
    """Place every child not pinned into the workshop's first `group_count` groups (adding
    groups when there are fewer), balanced by size and age, siblings apart unless kept
    together. Pinned children stay; the other memberships are replaced in one transaction."""
    if not 1 <= group_count <= MAX_GROUPS:
        raise ValidationError(_("Choose between 1 and %(most)s groups.") % {"most": MAX_GROUPS})
    groups = list(Group.objects.filter(workshop=workshop).select_for_update().order_by("name"))
    taken = {group.name for group in groups}
    added = 0
    number = len(groups)
    while len(groups) < group_count:
        number += 1
        name = _("Group %(number)s") % {"number": number}
        if name in taken:
            continue
        colour = NEW_GROUP_COLOURS[(number - 1) % len(NEW_GROUP_COLOURS)]
        groups.append(create_group(workshop, name=name, colour=colour))
        added += 1
    chosen = [group.pk for group in groups[:group_count]]

    families = families_of(workshop)
    pinned_in = dict(
        Membership.objects.filter(participant__workshop=workshop, pinned=True).values_list(
            "participant_id", "group_id"
        )
    )
    children = [
        Child(
            id=pk,
            birth_date=birth_date,
            family=families.get(pk),
            keep_with_siblings=keep,
            pinned_to=pinned_in.get(pk),
        )
        for pk, birth_date, keep in Participant.objects.filter(workshop=workshop).values_list(
            "pk", "birth_date", "keep_with_siblings"
        )
    ]
    placement = assign(children, chosen)
    Membership.objects.filter(participant__workshop=workshop, pinned=False).delete()
    Membership.objects.bulk_create(
        Membership(participant_id=child.id, group_id=placement[child.id])
        for child in children
        if child.pinned_to is None
    )
    return AssignmentResult(
        groups_added=added,
        children_placed=len(children) - len(pinned_in),
        children_pinned=len(pinned_in),
    )


@transaction.atomic
def keep_siblings_together(participant, *, keep: bool) -> int:
    """Set the choice for the child and every brother and sister of theirs in the workshop;
    answers how many children it concerns."""
    families = families_of(participant.workshop)
    family = families.get(participant.pk)
    family_ids = [child for child, key in families.items() if key == family] or [participant.pk]
    return Participant.objects.filter(pk__in=family_ids).update(keep_with_siblings=keep)
