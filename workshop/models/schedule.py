"""The schedule: a workshop edition, its days, rooms and the sessions on them."""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, FilteredRelation, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workshop import access

DEFAULT_WORKSHOP_DAYS = 7


def translations_field(verbose_name):
    """A family-facing text's translations, {language code: text}, beside the text itself,
    which is written in its workshop's language (`Workshop.language`). Read them with
    `workshop.family_text.translated`."""
    return models.JSONField(verbose_name, default=dict, blank=True)


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(zone)s” is not a known time zone."), params={"zone": value})


class WorkshopQuerySet(models.QuerySet):
    def visible_to(self, user):
        roles = access.roles_of(user)
        if roles.is_superuser:
            return self
        return self.filter(
            Q(id__in=roles.staffed_workshops) | Q(id__in=roles.family_workshops, is_published=True)
        )

    def staffed_by(self, user):
        """The workshops the user organizes or mentors in."""
        roles = access.roles_of(user)
        return self if roles.is_superuser else self.filter(id__in=roles.staffed_workshops)

    def organized_by(self, user):
        """The workshops the user organizes: the only ones whose plan they may change."""
        roles = access.roles_of(user)
        return self if roles.is_superuser else self.filter(id__in=roles.organized_workshops)

    def current_or_latest(self):
        """Workshops not over yet; when every one is over, the one that ended last."""
        latest = self.order_by("-end_date").values("pk")[:1]
        return self.filter(Q(end_date__gte=timezone.localdate()) | Q(pk__in=latest))


class Workshop(models.Model):
    """One edition of the workshop: a week of film-making at a venue."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    venue = models.CharField(_("venue"), max_length=200)
    venue_address = models.TextField(_("venue address"), blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Tokyo", validators=[validate_time_zone]
    )
    reminder_time = models.TimeField(
        _("reminder time"),
        default=datetime.time(18, 0),
        help_text=_("Reminders go to families the evening before each day, at this local time."),
    )
    lead_mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead mentor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(
        _("language of the family text"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_(
            "What to bring, the notes and the session titles are written in this language; "
            "families who read another one see its translation where there is one."
        ),
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Families see a workshop only once it is published."),
    )
    latest_release = models.ForeignKey(
        "ScheduleRelease",
        verbose_name=_("latest release"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text=_("The schedule families read; the first release publishes the workshop."),
    )

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="workshop_ends_after_it_starts",
                violation_error_message=_("The last day cannot come before the first day."),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def local_today(self) -> datetime.date:
        return timezone.localdate(timezone=self.tz)

    @property
    def length_in_days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    def dates(self) -> list[datetime.date]:
        return [self.start_date + datetime.timedelta(days=n) for n in range(self.length_in_days)]


class WorkshopDayQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(workshop__in=Workshop.objects.visible_to(user))

    def with_latest_release(self):
        """Each day with its copy in its workshop's latest release, read in the same query:
        `day.released_copy` (None before the first release, or for a day added since)."""
        latest = Q(released__release_id=F("workshop__latest_release_id"))
        return self.annotate(
            as_released=FilteredRelation("released", condition=latest)
        ).select_related("as_released", "as_released__focus_stage", "as_released__meeting_point")


class WorkshopDay(models.Model):
    """A day of the workshop: when families drop off and pick up, and what to bring."""

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField(_("date"))
    number = models.PositiveSmallIntegerField(_("day number"))
    focus_stage = models.ForeignKey(
        "projects.Stage",
        verbose_name=_("focus stage"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="days",
    )
    doors_open = models.TimeField(_("doors open"), default=datetime.time(9, 0))
    pickup = models.TimeField(_("pickup"), default=datetime.time(17, 0))
    what_to_bring = models.TextField(_("what to bring"), blank=True)
    family_notes = models.TextField(_("notes for families"), blank=True)
    what_to_bring_translations = translations_field(_("what to bring, translated"))
    family_notes_translations = translations_field(_("notes for families, translated"))
    meeting_point = models.ForeignKey(
        "Room",
        verbose_name=_("meeting point"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Where families drop off and pick up; its directions are shown to them."),
    )

    objects = WorkshopDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("workshop day")
        verbose_name_plural = _("workshop days")
        ordering = ["workshop", "date"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "date"], name="one_day_per_date"),
            models.UniqueConstraint(fields=["workshop", "number"], name="one_day_per_number"),
            models.CheckConstraint(
                condition=Q(pickup__gt=F("doors_open")),
                name="day_pickup_after_doors_open",
                violation_error_message=_("Pickup must come after the doors open."),
            ),
        ]

    def __str__(self):
        return _("Day %(number)s") % {"number": self.number}

    def clean(self):
        super().clean()
        workshop = self.workshop if self.workshop_id else None
        if workshop and self.date and not workshop.start_date <= self.date <= workshop.end_date:
            message = _("This date is outside the workshop, which runs %(start)s – %(end)s.")
            params = {"start": workshop.start_date, "end": workshop.end_date}
            raise ValidationError({"date": ValidationError(message, params=params)})

    def is_today(self) -> bool:
        return self.date == self.workshop.local_today()

    def is_past(self) -> bool:
        return self.date < self.workshop.local_today()

    @property
    def released_copy(self) -> "ReleasedDay | None":
        """The day as the latest release froze it, when read `with_latest_release()`; None
        when that release does not hold it."""
        return getattr(self, "as_released", None)


class RoomQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(workshop__in=Workshop.objects.visible_to(user))


class Room(models.Model):
    """A place at the venue where sessions happen."""

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="rooms"
    )
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    directions = models.CharField(
        _("how to find it"), max_length=200, blank=True, help_text=_("Shown to families.")
    )

    objects = RoomQuerySet.as_manager()

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["workshop", "name"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "name"], name="unique_room_name"),
            models.CheckConstraint(
                condition=Q(capacity__gt=0),
                name="room_has_capacity",
                violation_error_message=_("A room holds at least one person."),
            ),
        ]

    def __str__(self):
        return self.name


class ScheduleQuerySet(models.QuerySet):
    """Reads shared by the working copy (sessions) and releases (released sessions)."""

    def for_group(self, group):
        """The group's sessions and everyone's, each once."""
        return self.filter(
            Q(for_all_groups=True)
            | Q(id__in=self.model.groups.through.objects.filter(group=group).values(self._own_id()))
        )

    def for_day(self, day):
        return self.filter(day=day)

    def with_details(self):
        return self.select_related("room", "stage", "day").prefetch_related("groups", "mentors")

    def _own_id(self) -> str:
        return f"{self.model._meta.model_name}_id"


class SessionQuerySet(ScheduleQuerySet):
    def visible_to(self, user):
        """The working copy is for the staff of its workshop; families read releases
        (`ReleasedSession`)."""
        roles = access.roles_of(user)
        if roles.is_superuser:
            return self
        return self.filter(day__workshop_id__in=roles.staffed_workshops)

    def organized_by(self, user):
        """The sessions an organizer may change: those of the workshops they organize."""
        roles = access.roles_of(user)
        if roles.is_superuser:
            return self
        return self.filter(day__workshop_id__in=roles.organized_workshops)


class Session(models.Model):
    """A slot on the schedule, in the workshop's local time on one of its days."""

    class Kind(models.TextChoices):
        STAGE_WORK = "stage_work", _("Stage work")
        BREAK = "break", pgettext_lazy("a pause in the schedule", "Break")
        MEAL = "meal", _("Meal")
        WHOLE_WORKSHOP = "whole_workshop", _("Whole workshop")
        SCREENING = "screening", _("Screening")

    day = models.ForeignKey(
        WorkshopDay, verbose_name=_("day"), on_delete=models.CASCADE, related_name="sessions"
    )
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    title = models.CharField(_("title"), max_length=200)
    title_translations = translations_field(_("title, translated"))
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.STAGE_WORK)
    stage = models.ForeignKey(
        "projects.Stage",
        verbose_name=_("stage"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    room = models.ForeignKey(
        Room,
        verbose_name=_("room"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    for_all_groups = models.BooleanField(
        _("for all groups"), default=False, help_text=_("Everyone in the workshop takes part.")
    )
    groups = models.ManyToManyField(
        "groups.Group", verbose_name=_("groups"), blank=True, related_name="sessions"
    )
    mentors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("mentors"), blank=True, related_name="led_sessions"
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["day__date", "starts_at", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_it_starts",
                violation_error_message=_("A session must end after it starts."),
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.starts_at:%H:%M}–{self.ends_at:%H:%M})"

    @cached_property
    def group_list(self) -> list:
        """Its groups, read once: the planner's checks ask for them many times per session,
        and each `self.groups` builds a new manager. The planner sets it from what it read."""
        return list(self.groups.all())

    @cached_property
    def mentor_list(self) -> list:
        """Its own mentors (not its groups'), read once, like `group_list`."""
        return list(self.mentors.all())

    def clean(self):
        super().clean()
        if not (self.starts_at and self.ends_at):
            return
        if self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A session must end after it starts.")})
        day = self.day if self.day_id else None
        if day and (self.starts_at < day.doors_open or self.ends_at > day.pickup):
            raise ValidationError(
                _(
                    "This session falls outside its day: day %(number)s runs from "
                    "%(doors_open)s to %(pickup)s."
                ),
                params={
                    "number": day.number,
                    "doors_open": day.doors_open.strftime("%H:%M"),
                    "pickup": day.pickup.strftime("%H:%M"),
                },
            )
        if self.room_id and day and self.room.workshop_id != day.workshop_id:
            raise ValidationError({"room": _("This room belongs to another workshop.")})


class ScheduleRelease(models.Model):
    """A named, frozen version of a workshop's schedule. Families, their calendars and their
    reminders read the latest release; staff edit the sessions, the working copy."""

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="releases"
    )
    number = models.PositiveIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    affected_guardians = models.PositiveIntegerField(_("guardians affected"), null=True, blank=True)
    affected_mentors = models.PositiveIntegerField(_("mentors affected"), null=True, blank=True)

    class Meta:
        verbose_name = _("schedule release")
        verbose_name_plural = _("schedule releases")
        ordering = ["workshop", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "number"], name="one_release_per_number")
        ]

    def __str__(self):
        if self.name:
            return _("Release %(number)s: %(name)s") % {"number": self.number, "name": self.name}
        return _("Release %(number)s") % {"number": self.number}


class ReleasedSessionQuerySet(ScheduleQuerySet):
    def visible_to(self, user):
        """Families read their children's groups' part of each workshop's latest release;
        staff read what their workshops released. Cancelled sessions stay in a release (a
        calendar shows them cancelled); pages leave them out with `.current()`."""
        roles = access.roles_of(user)
        released = self.latest()
        if roles.is_superuser:
            return released
        return released.filter(Q(day__workshop_id__in=roles.staffed_workshops) | _family(roles))

    def for_family(self, user):
        """The user's family's part of each workshop's latest release, and nothing more
        whatever else they are (a parent on the staff, a superuser): their children's groups'
        sessions and everyone's, in published workshops, cancelled ones included. What a
        family's calendar feed holds."""
        return self.latest().filter(_family(access.roles_of(user)))

    def latest(self):
        latest = Workshop.objects.exclude(latest_release=None).values("latest_release")
        return self.filter(release__in=latest)

    def current(self):
        return self.filter(is_cancelled=False)


def _family(roles: access.Roles) -> Q:
    family_ids = ReleasedSession.groups.through.objects.filter(
        group_id__in=roles.family_groups
    ).values("releasedsession_id")
    return Q(day__workshop_id__in=roles.family_workshops, day__workshop__is_published=True) & (
        Q(for_all_groups=True) | Q(id__in=family_ids)
    )


class ReleasedSession(models.Model):
    """A session as a release froze it. `session_key` is the working copy's id, kept as the
    stable identity across releases (a calendar's UID); `sequence` rises each time a release
    changes the session, as a calendar's SEQUENCE must."""

    release = models.ForeignKey(
        ScheduleRelease,
        verbose_name=_("release"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    session_key = models.PositiveBigIntegerField(_("session"))
    sequence = models.PositiveIntegerField(_("sequence"), default=0)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    # A day with released sessions goes only with its workshop: deleting it alone would rewrite
    # what families were told.
    day = models.ForeignKey(
        WorkshopDay, verbose_name=_("day"), on_delete=models.RESTRICT, related_name="+"
    )
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    title = models.CharField(_("title"), max_length=200)
    title_translations = translations_field(_("title, translated"))
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Session.Kind)
    stage = models.ForeignKey(
        "projects.Stage",
        verbose_name=_("stage"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    room = models.ForeignKey(
        Room, verbose_name=_("room"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    for_all_groups = models.BooleanField(_("for all groups"), default=False)
    groups = models.ManyToManyField("groups.Group", verbose_name=_("groups"), related_name="+")
    mentors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("mentors"), related_name="+"
    )

    objects = ReleasedSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("released session")
        verbose_name_plural = _("released sessions")
        ordering = ["day__date", "starts_at", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "session_key"], name="one_session_per_release"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.starts_at:%H:%M}–{self.ends_at:%H:%M})"


class ReleasedDay(models.Model):
    """What families read of a day (drop-off, pickup, what to bring, notes, the stage in focus)
    as a release froze it. Its number and date stay the live day's: they are its identity."""

    release = models.ForeignKey(
        ScheduleRelease,
        verbose_name=_("release"),
        on_delete=models.CASCADE,
        related_name="days",
    )
    # As for released sessions: a released day goes only with its workshop.
    day = models.ForeignKey(
        WorkshopDay, verbose_name=_("day"), on_delete=models.RESTRICT, related_name="released"
    )
    focus_stage = models.ForeignKey(
        "projects.Stage",
        verbose_name=_("focus stage"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    doors_open = models.TimeField(_("doors open"))
    pickup = models.TimeField(_("pickup"))
    what_to_bring = models.TextField(_("what to bring"), blank=True)
    family_notes = models.TextField(_("notes for families"), blank=True)
    what_to_bring_translations = translations_field(_("what to bring, translated"))
    family_notes_translations = translations_field(_("notes for families, translated"))
    meeting_point = models.ForeignKey(
        Room,
        verbose_name=_("meeting point"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("released day")
        verbose_name_plural = _("released days")
        ordering = ["release", "day__date"]
        constraints = [
            models.UniqueConstraint(fields=["release", "day"], name="one_day_per_release")
        ]

    def __str__(self):
        return str(self.day)

    @property
    def number(self) -> int:
        return self.day.number

    @property
    def date(self) -> datetime.date:
        return self.day.date

    @property
    def workshop(self) -> Workshop:
        return self.day.workshop

    def is_today(self) -> bool:
        return self.day.is_today()

    def is_past(self) -> bool:
        return self.day.is_past()
