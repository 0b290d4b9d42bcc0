"""A family's calendar feed: their children's sessions and each workshop day from drop-off to
pickup, as the latest release of each published workshop has them, in iCalendar.

Read through the family-only scope (`ReleasedSession.objects.for_family`): a parent who is
also on the staff gets their family's part, as any parent does, and no other child is read,
so none can be named. Times are the workshop's local times, with its VTIMEZONE. UIDs are
stable across releases (a session's `session_key`, a day's id); SEQUENCE is the number of
releases that changed the event; sessions a release removed stay in the feed cancelled, so
that calendars take them off. DTSTAMP is the release's time, not the request's: the same
schedule gives the same bytes, which the view's ETag relies on.

Read in a fixed number of queries however many children, days or sessions there are."""

import datetime
import functools
import hashlib
import itertools
from collections import defaultdict
from dataclasses import dataclass

import icalendar
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from workshop import releases
from workshop.access import roles_of
from workshop.family_text import translated
from workshop.models import CalendarFeed, Participant, ReleasedDay, ReleasedSession, User
from workshop.models.calendar import new_token
from workshop.page_cache import cached_for

PRODUCT = "-//Kachinko//Workshop calendar//EN"
# How often calendar apps that read these hints come back (Apple's and Outlook's do).
REFRESH = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class Feed:
    """A feed's bytes and the hash that names them (the ETag)."""

    body: bytes
    etag: str


def feed_for(user: User) -> Feed:
    """The user's feed in their language, built once per data version (and quarter of an
    hour) and kept in this process."""
    language = user.language or settings.LANGUAGE_CODE
    return cached_for(user, f"calendar-feed:{language}", lambda: _build(user, language))


def _build(user: User, language: str) -> Feed:
    with translation.override(language):
        body = family_calendar(user).to_ical()
    return Feed(body=body, etag=hashlib.sha256(body).hexdigest()[:32])


def family_calendar(user: User) -> icalendar.Calendar:
    """The calendar of the user's children in published workshops: four queries (the
    children with their workshops and groups; every released copy of those workshops' days;
    the family's released sessions with their rooms and stages; their groups)."""
    roles = roles_of(user)
    children = list(
        Participant.objects.filter(
            id__in=roles.children,
            workshop__is_published=True,
            workshop__latest_release__isnull=False,
        )
        .select_related("workshop__latest_release", "membership")
        .order_by("birth_date", "pk")
    )
    workshops = {child.workshop_id: child.workshop for child in children}
    children_of = defaultdict(list)
    for child in children:
        children_of[child.workshop_id].append(child)

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = _("Workshop: %(names)s") % {"names": ", ".join(child.given_name for child in children)}
    calendar.add("x-wr-calname", name if children else _("Workshop"))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH).to_ical().decode())

    if workshops:
        first = min(w.start_date for w in workshops.values()).year - 1
        last = max(w.end_date for w in workshops.values()).year + 1
        for zone in sorted({w.time_zone for w in workshops.values()}):
            calendar.add_component(_vtimezone(zone, first, last))
    for copy, sequence in _released_days(workshops):
        calendar.add_component(_day_event(copy, workshops[copy.day.workshop_id], sequence))
    sessions = (
        ReleasedSession.objects.for_family(user)
        .filter(day__workshop_id__in=workshops)
        .select_related("day", "room", "stage")
        .prefetch_related("groups")
        .order_by("day__date", "starts_at", "title")
    )
    for session in sessions:
        workshop = workshops[session.day.workshop_id]
        group_ids = {group.pk for group in session.groups.all()}
        taking_part = [
            child
            for child in children_of[workshop.pk]
            if session.for_all_groups or child.group_id in group_ids
        ]
        calendar.add_component(
            _session_event(session, workshop, taking_part, several=len(children_of[workshop.pk]))
        )
    return calendar


@functools.lru_cache(maxsize=64)
def _vtimezone(zone: str, first_year: int, last_year: int) -> icalendar.Timezone:
    """A time zone's VTIMEZONE from the year before the workshops to the year after: computed
    from the zone's rules, half of a feed's cost, and the same for every feed."""
    return icalendar.Timezone.from_tzid(
        zone,
        first_date=datetime.date(first_year, 1, 1),
        last_date=datetime.date(last_year + 1, 1, 1),
    )


def _released_days(workshops: dict) -> list[tuple[ReleasedDay, int]]:
    """Each day the workshops' latest releases hold, with its SEQUENCE: how many releases
    changed what families read of it. One query: every release's copy of the days."""
    latest_ids = {workshop.latest_release_id for workshop in workshops.values()}
    history = defaultdict(list)
    for copy in (
        ReleasedDay.objects.filter(release__workshop_id__in=workshops)
        .select_related("day", "focus_stage")
        .order_by("day__date", "release__number")
    ):
        history[copy.day_id].append(copy)
    found = []
    for copies in history.values():
        latest = copies[-1]
        if latest.release_id not in latest_ids:
            continue  # added to the working copy since: families do not see it yet
        fields = [tuple(getattr(copy, name) for name in releases.DAY_FIELDS) for copy in copies]
        sequence = sum(1 for was, now in itertools.pairwise(fields) if was != now)
        found.append((latest, sequence))
    return found


def _at(workshop, date: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(date, time, tzinfo=workshop.tz)


def _day_event(copy: ReleasedDay, workshop, sequence: int) -> icalendar.Event:
    day = copy.day
    event = icalendar.Event()
    event.add("uid", f"day-{day.pk}@kachinko")
    event.add("sequence", sequence)
    event.add("dtstamp", workshop.latest_release.published_at)
    event.add("dtstart", _at(workshop, day.date, copy.doors_open))
    event.add("dtend", _at(workshop, day.date, copy.pickup))
    summary = _("%(workshop)s, day %(number)s") % {"workshop": workshop.title, "number": day.number}
    if copy.focus_stage is not None:
        summary = f"{summary}: {copy.focus_stage.label}"
    event.add("summary", summary)
    lines = [
        _("Drop-off from %(doors_open)s, pickup at %(pickup)s.")
        % {"doors_open": f"{copy.doors_open:%H:%M}", "pickup": f"{copy.pickup:%H:%M}"}
    ]
    if copy.what_to_bring:
        things = translated(copy, "what_to_bring")
        lines.append(_("What to bring: %(things)s") % {"things": things})
    if copy.family_notes:
        lines.append(translated(copy, "family_notes"))
    event.add("description", "\n\n".join(lines))
    event.add("location", _venue(workshop))
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def _session_event(
    session: ReleasedSession, workshop, taking_part: list, *, several: int
) -> icalendar.Event:
    """A session; with several children in the workshop, the summary names (by given name)
    which of them take part."""
    event = icalendar.Event()
    event.add("uid", f"session-{session.session_key}@kachinko")
    event.add("sequence", session.sequence)
    event.add("dtstamp", workshop.latest_release.published_at)
    event.add("dtstart", _at(workshop, session.day.date, session.starts_at))
    event.add("dtend", _at(workshop, session.day.date, session.ends_at))
    summary = translated(session, "title")
    if several > 1 and taking_part:
        summary = f"{summary} ({', '.join(child.given_name for child in taking_part)})"
    event.add("summary", summary)
    lines = [session.description] if session.description else []
    if session.room is not None:
        room = session.room.name
        if session.room.directions:
            room = f"{room}: {session.room.directions}"
        lines.append(_("Room: %(room)s") % {"room": room})
    if lines:
        event.add("description", "\n\n".join(lines))
    where = [session.room.name] if session.room is not None else []
    event.add("location", ", ".join([*where, _venue(workshop)]))
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    return event


def _venue(workshop) -> str:
    address = " ".join(workshop.venue_address.split())
    return f"{workshop.venue}, {address}" if address else workshop.venue


# --- The address: made, replaced, turned off --------------------------------------------


def replace_feed(user: User) -> CalendarFeed:
    """A new address for the user's feed (their first, or one in place of the old, which then
    answers 404)."""
    feed, _created = CalendarFeed.objects.update_or_create(
        user=user, defaults={"token": new_token(), "created_at": timezone.now()}
    )
    return feed


def turn_off_feed(user: User) -> None:
    CalendarFeed.objects.filter(user=user).delete()


def last_changed(feed: CalendarFeed, served: Feed) -> datetime.datetime:
    """When the feed's content last changed (its Last-Modified): the first time it is served
    with new content, now. A conditional update: two calendars polling at once write once."""
    if feed.etag != served.etag:
        now = timezone.now()
        CalendarFeed.objects.filter(pk=feed.pk).exclude(etag=served.etag).update(
            etag=served.etag, changed_at=now
        )
        feed.etag, feed.changed_at = served.etag, now
    return feed.changed_at
