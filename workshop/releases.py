"""What changed between two versions of a schedule: pure functions over sessions, either the
working copy's (`Session`) or a release's (`ReleasedSession`), which share their fields, and
over what families read of each day (`WorkshopDay` or a release's `ReleasedDay`).

Publishing uses them to number each session's changes (a calendar's SEQUENCE); the release
pages to say in words what was added, moved, changed or cancelled; the release task to find
who is affected.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

PLACE_FIELDS = ("day_id", "starts_at", "ends_at", "room_id")
DETAIL_FIELDS = ("title", "title_translations", "description", "kind", "stage_id", "for_all_groups")
# What families read of a day, in the order a change summary lists them. A text's
# translations (`<field>_translations`) are frozen with it and change with it: one change.
DAY_FIELDS = (
    "doors_open",
    "pickup",
    "meeting_point_id",
    "what_to_bring",
    "what_to_bring_translations",
    "family_notes",
    "family_notes_translations",
    "focus_stage_id",
)


def _change_name(field: str) -> str:
    return field.removesuffix("_id").removesuffix("_translations")


_DAY_FIELD_ORDER = {_change_name(name): position for position, name in enumerate(DAY_FIELDS)}


class ChangeKind(StrEnum):
    ADDED = "added"
    MOVED = "moved"
    CHANGED = "changed"
    CANCELLED = "cancelled"
    DAY = "day"


@dataclass(frozen=True)
class Version:
    """One session as one version of the schedule has it; `session` is the object shown."""

    key: int
    session: object
    place: tuple
    details: tuple
    group_ids: frozenset[int]
    mentor_ids: frozenset[int]
    is_cancelled: bool = False

    def same_as(self, other: "Version") -> bool:
        return (self.place, self.details, self.group_ids, self.mentor_ids) == (
            other.place,
            other.details,
            other.group_ids,
            other.mentor_ids,
        ) and self.is_cancelled == other.is_cancelled


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    before: Version | None
    after: Version | None

    @property
    def session(self):
        """The session to show: as it is now, or as it was when it is cancelled."""
        return (self.after or self.before).session

    @property
    def day(self):
        return self.session.day

    @property
    def was(self):
        """The session as it was before a move or change."""
        return self.before.session if self.before else None

    @property
    def group_ids(self) -> frozenset[int]:
        return frozenset().union(*(v.group_ids for v in (self.before, self.after) if v))

    @property
    def mentor_ids(self) -> frozenset[int]:
        return frozenset().union(*(v.mentor_ids for v in (self.before, self.after) if v))

    @property
    def for_all_groups(self) -> bool:
        return any(v.session.for_all_groups for v in (self.before, self.after) if v)


def version_of(session, *, key: int | None = None) -> Version:
    """A session's version; its groups and mentors must be prefetched."""
    return Version(
        key=session.pk if key is None else key,
        session=session,
        place=tuple(getattr(session, name) for name in PLACE_FIELDS),
        details=tuple(_hashable(getattr(session, name)) for name in DETAIL_FIELDS),
        group_ids=frozenset(group.pk for group in session.groups.all()),
        mentor_ids=frozenset(mentor.pk for mentor in session.mentors.all()),
        is_cancelled=getattr(session, "is_cancelled", False),
    )


def _hashable(value):
    """A translations dict as a sorted tuple, so that versions compare and hash."""
    return tuple(sorted(value.items())) if isinstance(value, dict) else value


def working_copy(sessions: Iterable) -> dict[int, Version]:
    return {session.pk: version_of(session) for session in sessions}


def released(released_sessions: Iterable) -> dict[int, Version]:
    return {
        session.session_key: version_of(session, key=session.session_key)
        for session in released_sessions
    }


def changes(before: dict[int, Version], after: dict[int, Version]) -> list[Change]:
    """What turns `before` into `after`, in the order of the day and time they concern.
    A session missing from `after` is cancelled (once: a cancelled one stays cancelled)."""
    found = []
    for key, now in after.items():
        was = before.get(key)
        if now.is_cancelled:
            if was is not None and not was.is_cancelled:
                found.append(Change(ChangeKind.CANCELLED, was, now))
        elif was is None or was.is_cancelled:
            found.append(Change(ChangeKind.ADDED, was, now))
        elif was.place != now.place:
            found.append(Change(ChangeKind.MOVED, was, now))
        elif not was.same_as(now):
            found.append(Change(ChangeKind.CHANGED, was, now))
    for key, was in before.items():
        if key not in after and not was.is_cancelled:
            found.append(Change(ChangeKind.CANCELLED, was, None))
    return sorted(found, key=_when)


def _when(change: Change):
    session = change.session
    return (session.day.date, session.starts_at, session.title)


@dataclass(frozen=True)
class DayChange:
    """A change to what families read of a day: `field` is one of `DAY_FIELDS`, or None for
    a day the earlier version did not have. `before` and `after` hold the day's details
    (a `WorkshopDay` or a `ReleasedDay`); `day` is the live day, for its number and date."""

    kind: ClassVar[ChangeKind] = ChangeKind.DAY
    day: object
    field: str | None
    before: object
    after: object

    @property
    def message(self) -> str:
        """The change in words, as a summary under the day's heading lists it."""
        before, after = self.before, self.after
        match self.field:
            case None:
                return _("The day is added to the programme.")
            case "doors_open":
                return _("Drop-off moved from %(before)s to %(after)s.") % {
                    "before": _time(before.doors_open),
                    "after": _time(after.doors_open),
                }
            case "pickup":
                return _("Pickup moved from %(before)s to %(after)s.") % {
                    "before": _time(before.pickup),
                    "after": _time(after.pickup),
                }
            case "meeting_point":
                return _("The meeting point changed.")
            case "what_to_bring":
                return _("What to bring changed.")
            case "family_notes":
                return _("The notes for families changed.")
            case "focus_stage":
                return _("The stage in focus changed from %(before)s to %(after)s.") % {
                    "before": _stage(before.focus_stage),
                    "after": _stage(after.focus_stage),
                }
        raise ValueError(f"Not a day's detail: {self.field}")

    def __str__(self):
        """The change with its day, for a line of its own ("Day 3: Pickup moved …")."""
        return _("Day %(number)s: %(change)s") % {"number": self.day.number, "change": self.message}


def _time(value: datetime.time) -> str:
    return value.strftime("%H:%M")


def _stage(stage) -> str:
    return stage.label if stage is not None else pgettext("no stage in focus on a day", "none")


@dataclass(frozen=True)
class DayVersion:
    """What one version of the schedule tells families of a day: `details` is the live day
    itself or a release's copy of it; `day` is the live day."""

    day: object
    details: object


def working_days(days: Iterable) -> dict[int, DayVersion]:
    return {day.pk: DayVersion(day, day) for day in days}


def released_days(released: Iterable) -> dict[int, DayVersion]:
    """A release's days; each one's live day must be loaded with it."""
    return {copy.day_id: DayVersion(copy.day, copy) for copy in released}


def day_changes(before: dict[int, DayVersion], after: dict[int, DayVersion]) -> list[DayChange]:
    """What families read differently of each day in `after` than in `before`. With nothing
    before (the first release) nothing changed: the release holds the days as they are."""
    if not before:
        return []
    found = []
    for key, now in after.items():
        was = before.get(key)
        if was is None:
            found.append(DayChange(now.day, None, None, now.details))
            continue
        changed = {
            _change_name(name): None
            for name in DAY_FIELDS
            if getattr(was.details, name) != getattr(now.details, name)
        }
        found.extend(DayChange(now.day, name, was.details, now.details) for name in changed)
    return found


def summary(session_changes: list[Change], day_changes: list[DayChange]) -> list:
    """Both kinds of change in the order of the days they concern, each day's own first."""

    def order(change):
        if isinstance(change, DayChange):
            return (change.day.date, 0, _DAY_FIELD_ORDER.get(change.field, -1))
        return (change.day.date, 1, *_when(change)[1:])

    return sorted([*session_changes, *day_changes], key=order)
