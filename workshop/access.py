"""Who may see what.

One place answers "which workshops, groups and children does this user have a part in?",
once per data version (workshop/page_cache.py), kept for the request; every
`visible_to(user)` queryset and `can_*()` predicate is built from that answer. The module is
a leaf: it reaches the models through the app registry so that models may import it.
"""

from dataclasses import dataclass, field

from django.apps import apps

from workshop import page_cache

ORGANIZER = "organizer"
MENTOR = "mentor"


@dataclass(frozen=True)
class Roles:
    """The ids of what a user takes part in, by role. Empty for anonymous users."""

    is_superuser: bool = False
    organized_workshops: frozenset[int] = field(default_factory=frozenset)
    staffed_workshops: frozenset[int] = field(default_factory=frozenset)
    mentored_groups: frozenset[int] = field(default_factory=frozenset)
    children: frozenset[int] = field(default_factory=frozenset)
    family_workshops: frozenset[int] = field(default_factory=frozenset)
    family_groups: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_mentor(self) -> bool:
        return bool(self.mentored_groups) or bool(self.staffed_workshops - self.organized_workshops)

    @property
    def is_parent(self) -> bool:
        return bool(self.children)


def roles_of(user) -> Roles:
    """The user's roles, computed with three queries once per version of the tables they are
    read from (`page_cache.ROLE_MODELS`), and kept on the
    user object for the request. A group's mentor counts as one only while they are on the
    workshop's staff."""
    if user is None or not user.is_authenticated:
        return Roles()
    cached = getattr(user, "_kachinko_roles", None)
    if cached is not None:
        return cached
    roles = page_cache.cached_roles(user, lambda: _compute_roles(user))
    user._kachinko_roles = roles
    return roles


def _compute_roles(user) -> Roles:
    StaffMembership = apps.get_model("workshop", "StaffMembership")
    Guardian = apps.get_model("workshop", "Guardian")
    Group = apps.get_model("groups", "Group")

    organized, staffed = set(), set()
    for workshop_id, role in StaffMembership.objects.filter(user=user).values_list(
        "workshop_id", "role"
    ):
        staffed.add(workshop_id)
        if role == ORGANIZER:
            organized.add(workshop_id)
    mentored = set(
        Group.objects.filter(mentors=user, workshop_id__in=staffed).values_list("id", flat=True)
    )
    children, family_workshops, family_groups = set(), set(), set()
    for child_id, workshop_id, group_id in Guardian.objects.filter(user=user).values_list(
        "participant_id", "participant__workshop_id", "participant__membership__group_id"
    ):
        children.add(child_id)
        family_workshops.add(workshop_id)
        if group_id is not None:
            family_groups.add(group_id)
    return Roles(
        is_superuser=user.is_superuser,
        organized_workshops=frozenset(organized),
        staffed_workshops=frozenset(staffed),
        mentored_groups=frozenset(mentored),
        children=frozenset(children),
        family_workshops=frozenset(family_workshops),
        family_groups=frozenset(family_groups),
    )


def can_organize(user, workshop_id: int) -> bool:
    roles = roles_of(user)
    return roles.is_superuser or workshop_id in roles.organized_workshops


def is_staff_of(user, workshop_id: int) -> bool:
    roles = roles_of(user)
    return roles.is_superuser or workshop_id in roles.staffed_workshops


def can_see_allergies(user, workshop_id: int, child_id: int | None = None) -> bool:
    """Allergies are for the whole staff of the workshop (meals are shared) and for the
    child's own family."""
    roles = roles_of(user)
    return (
        roles.is_superuser or workshop_id in roles.staffed_workshops or child_id in roles.children
    )


def can_see_health_notes(
    user, workshop_id: int, group_id: int | None, child_id: int | None = None
) -> bool:
    """Medical notes and emergency contacts of a group's children are for the workshop's
    organizers, the group's own mentors (a child without a group: organizers only) and the
    child's own family."""
    return can_see_family_contacts(user, workshop_id, group_id) or (
        child_id is not None and child_id in roles_of(user).children
    )


def can_see_family_contacts(user, workshop_id: int, group_id: int | None) -> bool:
    """Guardians' e-mail addresses and phones are for the workshop's organizers and the
    child's group's own mentors."""
    roles = roles_of(user)
    if roles.is_superuser or workshop_id in roles.organized_workshops:
        return True
    return group_id in roles.mentored_groups


def can_write_film(user, workshop_id: int, group_id: int) -> bool:
    """A group's film (progress, notes, script, storyboard, shots) is written by the group's
    own mentors and the workshop's organizers; the rest of the staff only read it."""
    roles = roles_of(user)
    if roles.is_superuser or workshop_id in roles.organized_workshops:
        return True
    return group_id in roles.mentored_groups


def can_take_attendance(user, workshop_id: int, group_id: int | None) -> bool:
    """Checking a child in and out is for the workshop's organizers and the child's group's
    own mentors: the people who may also read the child's emergency contacts."""
    return can_see_health_notes(user, workshop_id, group_id)


def can_change_consent(user, child_id: int) -> bool:
    """A child's photo and video consent is their own guardians' to change; organizers record
    what a family told them (`workshop.views.children.child_consent`)."""
    return child_id in roles_of(user).children


def can_manage_media(user, workshop_id: int, group_id: int) -> bool:
    """A group's photos, clips and sound are uploaded, and their originals read, by the
    group's own mentors and the workshop's organizers: the people who write its film."""
    return can_write_film(user, workshop_id, group_id)
