"""The films: one per group, moving through the workshop's stages."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from groups.models import Group, colour_validator
from projects.storage import media_storage
from workshop import access
from workshop.models import Participant, Workshop

DEFAULT_STAGES = [
    ("script", pgettext_lazy("film-making stage", "Script")),
    ("storyboard", pgettext_lazy("film-making stage", "Storyboard")),
    ("acting", pgettext_lazy("film-making stage", "Acting")),
    ("shooting", pgettext_lazy("film-making stage", "Directing and shooting")),
    ("editing", pgettext_lazy("film-making stage", "Editing")),
    ("sound", pgettext_lazy("film-making stage", "Sound")),
    ("screening", pgettext_lazy("film-making stage", "Screening")),
]


DEFAULT_STAGE_NAMES = dict(DEFAULT_STAGES)

# Distinct, calm colours for the default stages, in the order a week goes through them.
DEFAULT_STAGE_COLOURS = {
    "script": "#f59f00",
    "storyboard": "#37b24d",
    "acting": "#f03e3e",
    "shooting": "#1c7ed6",
    "editing": "#7950f2",
    "sound": "#1098ad",
    "screening": "#e64980",
}


class StageQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(workshop__in=Workshop.objects.visible_to(user))


class Stage(models.Model):
    """A step from script to screening. Each workshop has its own, renamable and reorderable."""

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="stages"
    )
    key = models.SlugField(_("key"), max_length=30)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"))
    colour = models.CharField(
        _("colour"), max_length=7, default="#868e96", validators=[colour_validator]
    )

    objects = StageQuerySet.as_manager()

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["workshop", "position"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "key"], name="unique_stage_key"),
        ]

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        """The name in the reader's language while it is still the default English one."""
        default = DEFAULT_STAGE_NAMES.get(self.key)
        if default is not None:
            with translation.override("en"):
                english = str(default)
            if self.name == english:
                return default
        return self.name


class FilmQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff read every film of their workshop (one crew); families their children's."""
        return self.filter(group__in=Group.objects.visible_to(user))

    def read_by_staff(self, user):
        """The films the user reads as staff: every film of the workshops they staff."""
        roles = access.roles_of(user)
        if roles.is_superuser:
            return self
        return self.filter(group__workshop_id__in=roles.staffed_workshops)


class Film(models.Model):
    group = models.OneToOneField(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="film"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    logline = models.CharField(
        _("logline"), max_length=300, blank=True, help_text=_("The story in one sentence.")
    )
    synopsis = models.TextField(_("synopsis"), blank=True)

    objects = FilmQuerySet.as_manager()

    class Meta:
        verbose_name = _("film")
        verbose_name_plural = _("films")
        ordering = ["group"]

    def __str__(self):
        return self.title or _("Untitled film of %(group)s") % {"group": self.group}


class StageProgressQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(film__in=Film.objects.visible_to(user))


class StageProgress(models.Model):
    """Where a film stands at one stage, and who said so when."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", pgettext_lazy("stage status", "Done")

    film = models.ForeignKey(
        Film, verbose_name=_("film"), on_delete=models.CASCADE, related_name="progress"
    )
    stage = models.ForeignKey(
        Stage, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="progress"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.NOT_STARTED
    )
    note = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = StageProgressQuerySet.as_manager()

    class Meta:
        verbose_name = _("stage progress")
        verbose_name_plural = _("stage progress")
        ordering = ["film", "stage__position"]
        constraints = [
            models.UniqueConstraint(fields=["film", "stage"], name="one_progress_per_stage")
        ]

    def __str__(self):
        return f"{self.film} · {self.stage}: {self.get_status_display()}"


class LogEntryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Organizers and the group's own mentors read every entry; the rest of the staff and
        the group's families only what was shared with families."""
        roles = access.roles_of(user)
        if roles.is_superuser:
            return self
        return self.filter(
            Q(film__group__workshop_id__in=roles.organized_workshops)
            | Q(film__group_id__in=roles.mentored_groups)
            | Q(film__group__workshop_id__in=roles.staffed_workshops, shared_with_families=True)
            | Q(
                film__group_id__in=roles.family_groups,
                film__group__workshop__is_published=True,
                shared_with_families=True,
            )
        )


class LogEntry(models.Model):
    """A mentor's dated note on a group's film: for its mentors and organizers, or shared.
    A note written on a phone carries the id the phone made for it (`client_id`): sent twice,
    after a lost connection, it is recorded once."""

    film = models.ForeignKey(
        Film, verbose_name=_("film"), on_delete=models.CASCADE, related_name="log_entries"
    )
    stage = models.ForeignKey(
        Stage,
        verbose_name=_("stage"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="log_entries",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="log_entries",
    )
    written_on = models.DateField(_("date"))
    body = models.TextField(_("note"))
    shared_with_families = models.BooleanField(_("shared with families"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    client_id = models.UUIDField(_("id made on the phone"), null=True, blank=True, editable=False)

    objects = LogEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")
        ordering = ["-written_on", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "client_id"], name="one_log_entry_per_client_id"
            )
        ]

    def __str__(self):
        return f"{self.film} · {self.written_on}"


class ScriptVersion(models.Model):
    """One saved state of a film's script. Saving never overwrites: each save is a version."""

    film = models.ForeignKey(
        Film, verbose_name=_("film"), on_delete=models.CASCADE, related_name="script_versions"
    )
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("script"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("script version")
        verbose_name_plural = _("script versions")
        ordering = ["film", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["film", "number"], name="unique_script_version")
        ]

    def __str__(self):
        return f"{self.film} · v{self.number}"


def frame_image_path(frame, filename):
    """A frame's picture is named by its film and a random key, never by the uploaded name."""
    return f"storyboard/{frame.film_id}/{secrets.token_hex(8)}/{filename}"


class StoryboardFrame(models.Model):
    """A drawn frame of the storyboard, in the order the crew gives them."""

    film = models.ForeignKey(
        Film, verbose_name=_("film"), on_delete=models.CASCADE, related_name="frames"
    )
    position = models.PositiveIntegerField(_("position"))
    caption = models.CharField(_("caption"), max_length=300)
    # A drawing or a photo from the phone, as the photo pipeline left it (upright, no
    # metadata): private, served by `film_frame_image` to those who read the film.
    image = models.ImageField(
        _("image"), storage=media_storage, upload_to=frame_image_path, blank=True, max_length=255
    )

    class Meta:
        verbose_name = _("storyboard frame")
        verbose_name_plural = _("storyboard frames")
        ordering = ["film", "position", "pk"]

    def __str__(self):
        return f"{self.film} · {self.position}. {self.caption}"


class Shot(models.Model):
    """A line of the shot list: what to film, how it is framed, and whether it is in the can."""

    class Framing(models.TextChoices):
        WIDE = "wide", pgettext_lazy("shot framing", "Wide")
        MEDIUM = "medium", pgettext_lazy("shot framing", "Medium")
        CLOSE_UP = "close_up", pgettext_lazy("shot framing", "Close-up")
        EXTREME_CLOSE_UP = "extreme_close_up", pgettext_lazy("shot framing", "Extreme close-up")
        OVER_THE_SHOULDER = "over_the_shoulder", pgettext_lazy("shot framing", "Over the shoulder")
        POINT_OF_VIEW = "point_of_view", pgettext_lazy("shot framing", "Point of view")
        INSERT = "insert", pgettext_lazy("shot framing", "Insert (a detail)")

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("shot status", "Planned")
        SHOT = "shot", pgettext_lazy("shot status", "Shot")
        NEEDS_RETAKE = "needs_retake", pgettext_lazy("shot status", "Needs a retake")

    film = models.ForeignKey(
        Film, verbose_name=_("film"), on_delete=models.CASCADE, related_name="shots"
    )
    scene = models.PositiveSmallIntegerField(_("scene"))
    number = models.PositiveSmallIntegerField(_("shot number"))
    description = models.CharField(_("description"), max_length=300)
    framing = models.CharField(_("framing"), max_length=20, choices=Framing, default=Framing.MEDIUM)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PLANNED)

    class Meta:
        verbose_name = _("shot")
        verbose_name_plural = _("shots")
        ordering = ["film", "scene", "number"]
        constraints = [
            models.UniqueConstraint(fields=["film", "scene", "number"], name="unique_shot_number")
        ]

    def __str__(self):
        return f"{self.film} · {self.scene}-{self.number}"


class CrewRole(models.TextChoices):
    """The jobs on a film crew, in the order the end credits name them."""

    WRITER = "writer", pgettext_lazy("crew role", "Writer")
    DIRECTOR = "director", pgettext_lazy("crew role", "Director")
    CAMERA = "camera", pgettext_lazy("crew role", "Camera")
    SOUND = "sound", pgettext_lazy("crew role", "Sound")
    ACTOR = "actor", pgettext_lazy("crew role", "Actor")
    EDITOR = "editor", pgettext_lazy("crew role", "Editor")


class CrewAssignmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(film__in=Film.objects.visible_to(user))


class CrewAssignment(models.Model):
    """A child's job on their group's film for one day; a child may hold several a day."""

    film = models.ForeignKey(
        Film, verbose_name=_("film"), on_delete=models.CASCADE, related_name="crew"
    )
    day = models.ForeignKey(
        "workshop.WorkshopDay",
        verbose_name=_("day"),
        on_delete=models.CASCADE,
        related_name="crew_assignments",
    )
    child = models.ForeignKey(
        "workshop.Participant",
        verbose_name=_("child"),
        on_delete=models.CASCADE,
        related_name="crew_assignments",
    )
    role = models.CharField(_("role"), max_length=20, choices=CrewRole)

    objects = CrewAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("crew assignment")
        verbose_name_plural = _("crew assignments")
        ordering = ["film", "day", "child", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "day", "child", "role"], name="one_crew_role_per_child_day"
            ),
            models.CheckConstraint(
                condition=Q(role__in=CrewRole.values), name="crew_role_is_known"
            ),
        ]

    def __str__(self):
        return f"{self.film} · {self.day} · {self.child}: {self.get_role_display()}"

    def clean(self):
        """The child is one of the film's crew and the day one of its workshop's."""
        super().clean()
        if self.film_id and self.day_id and self.day.workshop_id != self.film.group.workshop_id:
            raise ValidationError(_("Choose a day of this film's workshop."))
        if self.film_id and self.child_id:
            membership = getattr(self.child, "membership", None)
            if membership is None or membership.group_id != self.film.group_id:
                raise ValidationError(_("Choose a child of this film's group."))


# Families see a photo only if every child in it may be seen by the workshop's families.
SHOWN_TO_FAMILIES = frozenset({Participant.MediaConsent.FAMILIES, Participant.MediaConsent.PUBLIC})


class MediaAssetQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The workshop's organizers and the group's own mentors see all of its media. A family
        sees a processed photo (its renditions) in which one of its own children is tagged,
        and only while every child tagged in it has consent that allows families."""
        roles = access.roles_of(user)
        if roles.is_superuser:
            return self
        staff = Q(group__workshop_id__in=roles.organized_workshops) | Q(
            group_id__in=roles.mentored_groups
        )
        if not roles.children:
            return self.filter(staff)
        tags = MediaAsset.children.through.objects.filter(mediaasset_id=OuterRef("pk"))
        family = (
            Q(
                state=MediaAsset.State.READY,
                group__workshop_id__in=roles.family_workshops,
                group__workshop__is_published=True,
            )
            & ~Q(display="")
            & Exists(tags.filter(participant_id__in=roles.children))
            & ~Exists(tags.exclude(participant__media_consent__in=SHOWN_TO_FAMILIES))
        )
        return self.filter(staff | family)

    def managed_by(self, user):
        """The media a user may upload to, and whose originals they may read: the workshop's
        organizers and the group's own mentors (`access.can_manage_media`)."""
        roles = access.roles_of(user)
        if roles.is_superuser:
            return self
        return self.filter(
            Q(group__workshop_id__in=roles.organized_workshops)
            | Q(group_id__in=roles.mentored_groups)
        )


def media_path(asset, filename):
    """Files are named by the group and a random key, never by the uploaded name: the
    service passes `original.jpg` and the like, with the extension the content was judged
    to have."""
    return f"groups/{asset.group_id}/{asset.key}/{filename}"


class MediaAsset(models.Model):
    """A photo, clip or sound recording from the set. The original is kept as uploaded (for
    staff only); the worker makes the renditions families see, without any metadata."""

    class Kind(models.TextChoices):
        PHOTO = "photo", pgettext_lazy("media kind", "Photo")
        VIDEO = "video", pgettext_lazy("media kind", "Video")
        SOUND = "sound", pgettext_lazy("media kind", "Sound")

    class State(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("media state", "Waiting")
        PROCESSING = "processing", pgettext_lazy("media state", "Processing")
        READY = "ready", pgettext_lazy("media state", "Ready")
        FAILED = "failed", pgettext_lazy("media state", "Failed")

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="media"
    )
    frame = models.ForeignKey(
        StoryboardFrame,
        verbose_name=_("storyboard frame"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="media",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    key = models.CharField(_("storage key"), max_length=32, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    content_type = models.CharField(_("content type"), max_length=100)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    original = models.FileField(
        _("original"), storage=media_storage, upload_to=media_path, max_length=255
    )
    thumbnail = models.FileField(
        _("thumbnail"),
        storage=media_storage,
        upload_to=media_path,
        max_length=255,
        blank=True,
        editable=False,
    )
    display = models.FileField(
        _("display image"),
        storage=media_storage,
        upload_to=media_path,
        max_length=255,
        blank=True,
        editable=False,
    )
    state = models.CharField(_("state"), max_length=12, choices=State, default=State.QUEUED)
    processing_since = models.DateTimeField(
        _("processing since"), null=True, blank=True, editable=False
    )
    failure_reason = models.CharField(_("why it failed"), max_length=300, blank=True)
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)
    duration = models.DurationField(_("duration"), null=True, blank=True)
    children = models.ManyToManyField(
        Participant, verbose_name=_("children in it"), blank=True, related_name="media_assets"
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = MediaAssetQuerySet.as_manager()

    class Meta:
        verbose_name = _("media asset")
        verbose_name_plural = _("media assets")
        ordering = ["group", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="failed") | Q(failure_reason=""),
                name="media_failure_reason_only_when_failed",
            ),
        ]

    def __str__(self):
        return f"{self.group} · {self.get_kind_display()} {self.original_name or self.pk}"

    @property
    def failure_reason_text(self) -> str:
        """The reason, stored in English by the worker, in the reader's language."""
        return gettext(self.failure_reason) if self.failure_reason else ""

    @property
    def is_settled(self) -> bool:
        """Ready or failed: the page stops asking for news of it."""
        return self.state in (self.State.READY, self.State.FAILED)


class ReelClip(models.Model):
    """A clip in the group's review reel, the rough cut watched before the screening, in
    the order the crew gives them."""

    film = models.ForeignKey(
        Film, verbose_name=_("film"), on_delete=models.CASCADE, related_name="reel_clips"
    )
    asset = models.ForeignKey(
        MediaAsset, verbose_name=_("clip"), on_delete=models.CASCADE, related_name="reel_clips"
    )
    position = models.PositiveIntegerField(_("position"))

    class Meta:
        verbose_name = _("reel clip")
        verbose_name_plural = _("reel clips")
        ordering = ["film", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["film", "asset"], name="unique_reel_clip"),
        ]

    def __str__(self):
        return f"{self.film} · {self.position}. {self.asset.original_name}"


class ReelNote(models.Model):
    """A note on a reel clip at a time in it; one that asks for a retake is on the reel's
    retake checklist until it is ticked off."""

    clip = models.ForeignKey(
        ReelClip, verbose_name=_("clip"), on_delete=models.CASCADE, related_name="notes"
    )
    at = models.DurationField(_("at"))
    text = models.CharField(_("note"), max_length=300)
    is_retake = models.BooleanField(_("needs a retake"), default=False)
    retaken = models.BooleanField(_("retaken"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reel note")
        verbose_name_plural = _("reel notes")
        ordering = ["clip", "at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_retake=True) | Q(retaken=False),
                name="reel_note_retaken_only_for_a_retake",
            ),
        ]

    def __str__(self):
        return f"{self.clip} @ {self.time_code}: {self.text}"

    @property
    def time_code(self) -> str:
        return time_code(self.at)


def time_code(duration) -> str:
    """m:ss, as a mentor reads it off the player."""
    seconds = int(duration.total_seconds())
    return f"{seconds // 60}:{seconds % 60:02d}"
