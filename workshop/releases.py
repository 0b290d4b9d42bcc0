"""What changed between two versions of a schedule: pure functions over sessions, either the
working copy's (`Session`) or a release's (`ReleasedSession`), which share their fields.

Publishing uses them to number each session's changes (a calendar's SEQUENCE); the release
pages to say in words what was added, moved, changed or cancelled; the release task to find
who is affected.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

PLACE_FIELDS = ("day_id", "starts_at", "ends_at", "room_id")
DETAIL_FIELDS = ("title", "description", "kind", "stage_id", "for_all_groups")


class ChangeKind(StrEnum):
    ADDED = "added"
    MOVED = "moved"
    CHANGED = "changed"
    CANCELLED = "cancelled"


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
        details=tuple(getattr(session, name) for name in DETAIL_FIELDS),
        group_ids=frozenset(group.pk for group in session.groups.all()),
        mentor_ids=frozenset(mentor.pk for mentor in session.mentors.all()),
        is_cancelled=getattr(session, "is_cancelled", False),
    )


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
