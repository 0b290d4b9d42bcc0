"""The people of a workshop: accounts, children, their guardians and the staff."""

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from workshop import access
from workshop.models.schedule import Workshop
from workshop.romaji import romaji_key, romaji_keys


def is_cjk(text: str) -> bool:
    """True when the text is written in Chinese characters or kana."""
    return any("\u3040" <= char <= "\u30ff" or "\u3400" <= char <= "\u9fff" for char in text)


class UserManager(BaseUserManager):
    """Users sign in by e-mail address, stored lower-case so that case never locks anyone out."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """Anyone who signs in: organizers, mentors and guardians alike."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Pages and e-mails use this language. Empty: the browser's choice."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = self.email.lower()

    @property
    def display_name(self) -> str:
        """The name others see. Never the e-mail address, which is for the user and staff."""
        return self.get_full_name() or str(_("(name not given)"))


class ParticipantQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Organizers see their workshops' children, mentors their groups', guardians their own."""
        roles = access.roles_of(user)
        if roles.is_superuser:
            return self
        return self.filter(
            Q(workshop_id__in=roles.organized_workshops)
            | Q(membership__group_id__in=roles.mentored_groups)
            | Q(id__in=roles.children, workshop__is_published=True)
        )

    def organized_by(self, user):
        """The children an organizer may change: those of the workshops they organize."""
        return self.filter(workshop__in=Workshop.objects.organized_by(user))

    def search(self, text: str):
        """Children of whom every word of the text is part of a name, of a reading (in kana or
        romaji) or of a guardian's name. It narrows this queryset and never widens it: search
        within what the user may see."""
        for word in text.split():
            guardian_named = Guardian.objects.filter(
                Q(user__first_name__icontains=word) | Q(user__last_name__icontains=word),
                participant=OuterRef("pk"),
            )
            matches = (
                Q(given_name__icontains=word)
                | Q(family_name__icontains=word)
                | Q(given_name_reading__icontains=word)
                | Q(family_name_reading__icontains=word)
                | Exists(guardian_named)
            )
            if key := romaji_key(word):
                matches |= Q(reading_romaji__contains=key)
            self = self.filter(matches)
        return self


class Participant(models.Model):
    """A child taking part in one workshop edition. Their health record and consent history
    are models of their own (workshop/models/health.py)."""

    class MediaConsent(models.TextChoices):
        NOT_ASKED = "", _("Not asked yet")
        NONE = "none", _("No photos or video")
        WORKSHOP = "workshop", _("Workshop staff only")
        FAMILIES = "families", _("Families of the workshop")
        PUBLIC = "public", _("Public")

    workshop = models.ForeignKey(
        Workshop,
        verbose_name=_("workshop"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    given_name_reading = models.CharField(
        _("given name (reading)"), max_length=100, blank=True, help_text=_("Kana reading.")
    )
    family_name_reading = models.CharField(
        _("family name (reading)"), max_length=100, blank=True, help_text=_("Kana reading.")
    )
    reading_romaji = models.TextField(_("reading in romaji"), blank=True, editable=False)
    birth_date = models.DateField(_("birth date"))
    media_consent = models.CharField(
        _("photo and video consent"),
        max_length=10,
        choices=MediaConsent,
        blank=True,
        default=MediaConsent.NOT_ASKED,
        editable=False,
        help_text=_("The latest consent record's; kept by recording consent."),
    )
    notes = models.TextField(_("notes"), blank=True)
    keep_with_siblings = models.BooleanField(
        _("keep with siblings"),
        default=False,
        help_text=_(
            "Automatic group assignment puts siblings in different groups unless this is set."
        ),
    )

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["family_name_reading", "given_name_reading", "family_name", "given_name"]
        indexes = [models.Index(fields=["workshop", "family_name"])]

    def __str__(self):
        return self.full_name

    def save(self, **kwargs):
        """Keep the romaji of the readings, which the children search matches, in step."""
        self.reading_romaji = romaji_keys(self.family_name_reading, self.given_name_reading)
        fields = kwargs.get("update_fields")
        if fields is not None and {"family_name_reading", "given_name_reading"} & set(fields):
            kwargs["update_fields"] = {*fields, "reading_romaji"}
        super().save(**kwargs)

    @property
    def full_name(self) -> str:
        """Japanese names read family name first; others given name first."""
        if is_cjk(self.family_name):
            return f"{self.family_name} {self.given_name}"
        return f"{self.given_name} {self.family_name}"

    @property
    def reading(self) -> str:
        return " ".join(
            part for part in (self.family_name_reading, self.given_name_reading) if part
        )

    def age_on(self, date: datetime.date) -> int:
        born = self.birth_date
        return date.year - born.year - ((date.month, date.day) < (born.month, born.day))

    @property
    def group_id(self) -> int | None:
        membership = getattr(self, "membership", None)
        return membership.group_id if membership else None

    @property
    def group(self):
        membership = getattr(self, "membership", None)
        return membership.group if membership else None


class GuardianQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(participant__in=Participant.objects.visible_to(user))

    def organized_by(self, user):
        return self.filter(participant__in=Participant.objects.organized_by(user))


class Guardian(models.Model):
    """A user account's link to a child: who they are to the child, and what they may do."""

    class Relationship(models.TextChoices):
        MOTHER = "mother", _("Mother")
        FATHER = "father", _("Father")
        PARENT = "parent", _("Parent")
        GRANDPARENT = "grandparent", _("Grandparent")
        OTHER = "other", _("Other guardian")

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="guardianships"
    )
    participant = models.ForeignKey(
        Participant, verbose_name=_("child"), on_delete=models.CASCADE, related_name="guardians"
    )
    relationship = models.CharField(
        _("relationship"), max_length=20, choices=Relationship, default=Relationship.PARENT
    )
    may_pick_up = models.BooleanField(_("may pick the child up"), default=True)
    receives_reminders = models.BooleanField(
        _("receives reminders"),
        default=True,
        help_text=_(
            "The e-mail the evening before each workshop day. Notices of changes to the "
            "schedule, the day's call sheet and the screening's invitation are not "
            "reminders: they go to every guardian."
        ),
    )

    objects = GuardianQuerySet.as_manager()

    class Meta:
        verbose_name = _("guardian")
        verbose_name_plural = _("guardians")
        ordering = ["participant", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "participant"], name="one_link_per_guardian")
        ]

    def __str__(self):
        return f"{self.user} → {self.participant}"


class StaffMembershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The crew of a workshop is known to its staff and to its families."""
        roles = access.roles_of(user)
        if roles.is_superuser:
            return self
        return self.filter(
            Q(workshop_id__in=roles.staffed_workshops)
            | Q(workshop_id__in=roles.family_workshops, workshop__is_published=True)
        )

    def mentors(self):
        return self.filter(role=StaffMembership.Role.MENTOR)


class StaffMembership(models.Model):
    """A user's role in one workshop. One user may be organizer and mentor at once."""

    class Role(models.TextChoices):
        ORGANIZER = access.ORGANIZER, _("Organizer")
        MENTOR = access.MENTOR, _("Mentor")

    class Specialty(models.TextChoices):
        DIRECTION = "direction", _("Direction")
        SCRIPT = "script", _("Script")
        CAMERA = "camera", _("Camera")
        ACTING = "acting", _("Acting")
        EDITING = "editing", _("Editing")
        SOUND = "sound", _("Sound")
        ART = "art", _("Art and storyboard")

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="staff_memberships"
    )
    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="staff"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role)
    specialty = models.CharField(_("specialty"), max_length=20, choices=Specialty, blank=True)

    objects = StaffMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")
        ordering = ["workshop", "role", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "workshop", "role"], name="one_role_per_user"),
            models.CheckConstraint(
                condition=Q(role=access.MENTOR) | Q(specialty=""),
                name="only_mentors_have_a_specialty",
                violation_error_message=_("Only mentors have a specialty."),
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()}"


class PickupContactQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(participant__in=Participant.objects.visible_to(user))

    def organized_by(self, user):
        """The contacts the user may change: those of the children of workshops they organize."""
        roles = access.roles_of(user)
        if roles.is_superuser:
            return self
        return self.filter(participant__workshop_id__in=roles.organized_workshops)

    def may_pick_up(self):
        return self.filter(kind=PickupContact.Kind.PICKUP)


class PickupContact(models.Model):
    """Someone without an account whom a child's family names: approved to pick the child up,
    or to be called in an emergency only. Guardians who may pick up are not repeated here:
    `Guardian.may_pick_up` says it."""

    class Kind(models.TextChoices):
        PICKUP = "pickup", _("May pick the child up")
        EMERGENCY = "emergency", _("Emergency contact only")

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("child"),
        on_delete=models.CASCADE,
        related_name="pickup_contacts",
    )
    name = models.CharField(_("name"), max_length=200)
    relationship = models.CharField(
        _("relationship"), max_length=100, blank=True, help_text=_("Aunt, neighbour, sitter…")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.PICKUP)

    objects = PickupContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("pickup contact")
        verbose_name_plural = _("pickup contacts")
        ordering = ["participant", "-kind", "name"]  # who may pick up first

    def __str__(self):
        return f"{self.name} → {self.participant}"
