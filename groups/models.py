"""Crews of five or six children, each with its mentors, making one film together."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from workshop import access
from workshop.models import Participant, User, Workshop

colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # and six hexadecimal digits, like #1f77b4.")
)


class GroupQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The workshop is one crew: staff see every group; families see their children's."""
        roles = access.roles_of(user)
        if roles.is_superuser:
            return self
        return self.filter(
            Q(workshop_id__in=roles.staffed_workshops)
            | Q(id__in=roles.family_groups, workshop__is_published=True)
        )


class Group(models.Model):
    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="groups"
    )
    name = models.CharField(_("name"), max_length=100)
    colour = models.CharField(
        _("colour"), max_length=7, default="#1f77b4", validators=[colour_validator]
    )
    mentors = models.ManyToManyField(
        User, verbose_name=_("mentors"), blank=True, related_name="mentored_groups"
    )

    objects = GroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["workshop", "name"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "name"], name="unique_group_name")
        ]

    def __str__(self):
        return self.name


class MembershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(participant__in=Participant.objects.visible_to(user))


class Membership(models.Model):
    """A child's place in a group; a child belongs to one group of their workshop."""

    participant = models.OneToOneField(
        Participant, verbose_name=_("child"), on_delete=models.CASCADE, related_name="membership"
    )
    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships"
    )
    pinned = models.BooleanField(
        _("pinned"),
        default=False,
        help_text=_("Automatic group assignment leaves a pinned child where they are."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["group", "participant"]

    def __str__(self):
        return f"{self.participant} · {self.group}"

    def clean(self):
        super().clean()
        if (
            self.participant_id
            and self.group_id
            and self.participant.workshop_id != self.group.workshop_id
        ):
            raise ValidationError(_("A child can only join a group of their own workshop."))
