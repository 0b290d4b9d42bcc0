"""Forming groups and placing children in them."""

from django.db import transaction

from groups.models import Group, Membership
from projects.services import ensure_film


@transaction.atomic
def create_group(workshop, *, name: str, colour: str, mentors=()) -> Group:
    group = Group(workshop=workshop, name=name, colour=colour)
    group.full_clean()
    group.save()
    group.mentors.set(mentors)
    ensure_film(group)
    return group


def place_in_group(participant, *, group: Group, pinned: bool = False) -> Membership:
    """Put a child in a group of their workshop, moving them out of any other."""
    membership = Membership(participant=participant, group=group, pinned=pinned)
    existing = Membership.objects.filter(participant=participant).first()
    if existing:
        membership.pk = existing.pk
    membership.full_clean(validate_unique=False)
    membership.save()
    return membership
