"""The access matrix: every URL of the URLconf, asked by every kind of viewer, by GET and POST.

The URLs are read from the resolver, not from a hand-kept list, so a new URL fails
`test_every_url_has_an_expectation` until it has a row in EXPECTED (and each of its parameters
a value in PARAMETERS). The admin is for superusers only: its URLs are derived from
`admin.site._registry` and held to that one rule in the second half of this file.
"""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.contenttypes.models import ContentType
from django.urls import URLResolver, get_resolver, reverse
from django.utils.http import urlsafe_base64_encode

from deliveries.models import Delivery, RecordedMail
from deliveries.services import confirm_token
from projects.models import CrewAssignment, LogEntry
from projects.services import (
    add_frame,
    add_reel_clip,
    add_reel_note,
    process_media,
    set_stage_progress,
    upload_media,
)
from tests.factories import (
    RoomFactory,
    ScriptVersionFactory,
    ShotFactory,
    StoryboardFrameFactory,
    UserFactory,
)
from tests.projects.media_files import clip, photo, ready_photo
from workshop.calendar_feed import replace_feed
from workshop.models import (
    Attendance,
    Invitation,
    PickupContact,
    ScreeningReply,
    StaffMembership,
    Workshop,
)
from workshop.selectors import health_records_for

pytestmark = pytest.mark.django_db

GET, POST = "GET", "POST"


@dataclass(frozen=True)
class Route:
    namespace: str | None
    name: str | None
    route: str
    parameters: tuple[str, ...]

    @property
    def full_name(self) -> str | None:
        """The name `reverse()` takes: `admin:index`, `home`."""
        if self.name is None:
            return None
        return f"{self.namespace}:{self.name}" if self.namespace else self.name


def walk(patterns, prefix="", namespace=None, parameters=()) -> Iterator[Route]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        found = parameters + tuple(pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
            yield from walk(pattern.url_patterns, route, inner, found)
        else:
            yield Route(namespace, pattern.name, route, found)


def routes() -> list[Route]:
    """Every URL pattern of the project's URLconf, in resolving order."""
    return list(walk(get_resolver().url_patterns))


def site_routes() -> dict[str, Route]:
    """The named patterns outside the admin. Django's auth URLs repeat a few names that
    workshop/urls.py overrides on the same route; the first pattern is the one that answers."""
    found = {}
    for route in routes():
        if route.namespace != "admin" and route.name is not None:
            found.setdefault(route.full_name, route)
    return found


def failed_delivery(cast):
    """Child A1's guardian's reminder of day 1, failed after every attempt."""
    day = cast.workshop.days.get(number=1)
    return Delivery.objects.create(
        workshop=cast.workshop,
        recipient=cast.parent_a,
        kind=Delivery.Kind.EVENING_REMINDER,
        subject=f"day:{day.pk}",
        due_at=datetime.datetime(2026, 7, 26, 9, 0, tzinfo=datetime.UTC),
        state=Delivery.State.FAILED,
        attempts=5,
    )


def call_sheet_delivery(cast):
    """Child A1's guardian's call sheet of day 1, sent."""
    day = cast.workshop.days.get(number=1)
    return Delivery.objects.create(
        workshop=cast.workshop,
        recipient=cast.parent_a,
        kind=Delivery.Kind.CALL_SHEET,
        subject=f"call-sheet:{day.pk}",
        due_at=datetime.datetime(2026, 7, 26, 9, 0, tzinfo=datetime.UTC),
        state=Delivery.State.SENT,
    )


# --- The viewers -------------------------------------------------------------------------


def former_mentor(cast):
    """Still listed among group A's mentors, but no longer on the workshop's staff."""
    StaffMembership.objects.filter(user=cast.mentor_a, workshop=cast.workshop).delete()
    return cast.mentor_a


def draft_guardian(cast):
    """Child A1's guardian, once the workshop is back to a draft."""
    Workshop.objects.filter(pk=cast.workshop.pk).update(is_published=False)
    return cast.parent_a


VIEWERS: dict[str, Callable] = {
    "anonymous": lambda cast: None,
    "outsider": lambda cast: UserFactory(),
    "organizer": lambda cast: cast.organizer,
    "other_organizer": lambda cast: cast.other_organizer,
    "mentor": lambda cast: cast.mentor_a,
    "other_mentor": lambda cast: cast.mentor_b,
    "former_mentor": former_mentor,
    "guardian": lambda cast: cast.parent_a,
    "other_guardian": lambda cast: cast.child_b2.guardians.get().user,
    "draft_guardian": draft_guardian,
}


# --- The answers -------------------------------------------------------------------------


@dataclass(frozen=True)
class Redirect:
    """A 302 to the named URL; `back` adds ?next=<the requested path>, as a sign-in does."""

    to: str
    back: bool = False

    def location(self, path: str) -> str:
        url = reverse(self.to)
        return f"{url}?next={quote(path, safe='/')}" if self.back else url


type Answer = int | Redirect

LOGIN = Redirect("login", back=True)
HOME = Redirect("home")

# What each URL answers each viewer: a single answer is everyone's; a row of ten is in the
# order of VIEWERS: anonymous, outsider (signed in, no role), organizer of the workshop,
# organizer of another workshop, mentor of group A, mentor of group B, group A's mentor who
# left the staff, guardian of child A1, guardian of child B2, guardian of child A1 once the
# workshop is a draft again. Parameters come from the cast: the workshop, day 1, group A,
# child A1. Read-only pages are `require_safe`: a POST answers 405 before anything else.
# fmt: off
EXPECTED: dict[str, dict[str, Answer | tuple[Answer, ...]]] = {
    #               anon   outsdr orgnzr org2   mentor mntr2  left   guard  guard2 draft
    "home": {
        GET:        200,
        POST:       405,
    },
    "week": {
        GET:       (LOGIN, 404,   200,   404,   200,   200,   404,   200,   200,   404),
        POST:       405,
    },
    "day": {
        GET:       (LOGIN, 404,   200,   404,   200,   200,   404,   200,   200,   404),
        POST:       405,
    },
    # Staff read the staff's call sheet, families their own (published workshops only).
    "call_sheet": {
        GET:       (LOGIN, 404,   200,   404,   200,   200,   404,   200,   200,   404),
        POST:       405,
    },
    "call_sheet_pdf": {
        GET:       (LOGIN, 404,   200,   404,   200,   200,   404,   200,   200,   404),
        POST:       405,
    },
    "children": {
        GET:       (LOGIN, 404,   200,   404,   200,   200,   404,   404,   404,   404),
        POST:       405,
    },
    "participant": {
        GET:       (LOGIN, 404,   200,   404,   200,   404,   404,   200,   404,   404),
        POST:       405,
    },
    "group": {
        GET:       (LOGIN, 404,   200,   404,   200,   200,   404,   200,   404,   404),
        POST:       405,
    },
    # Editing the working copy: organizers only (a POST without a valid form changes nothing
    # and shows the form again); the workshop's mentors read the schedule, and every editing
    # URL answers them 404, as it does anyone else.
    "session_new": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
    },
    "day_copy": {
        GET:        405,
        POST:      (LOGIN, 404,   302,   404,   404,   404,   404,   404,   404,   404),
    },
    "session_edit": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
    },
    "session_duplicate": {
        GET:        405,
        POST:      (LOGIN, 404,   302,   404,   404,   404,   404,   404,   404,   404),
    },
    "session_delete": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   302,   404,   404,   404,   404,   404,   404,   404),
    },
    # The planner: the working copy for the workshop's staff; moving a session is for its
    # organizers (an invalid move changes nothing and answers the planner again).
    "planner": {
        GET:       (LOGIN, 404,   200,   404,   200,   200,   404,   404,   404,   404),
        POST:       405,
    },
    "session_move": {
        GET:        405,
        POST:      (LOGIN, 404,   302,   404,   404,   404,   404,   404,   404,   404),
    },
    # Setting up the workshop, its days, rooms and stages: organizers only, like the editing
    # URLs above.
    "setup": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:       405,
    },
    "setup_workshop": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
    },
    "setup_days": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:       405,
    },
    "setup_day": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
    },
    "setup_rooms": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
    },
    "setup_room": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
    },
    "setup_room_delete": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   302,   404,   404,   404,   404,   404,   404,   404),
    },
    "setup_stages": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:       405,
    },
    "setup_stage": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
    },
    "setup_new_edition": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
    },
    "setup_stage_move": {
        GET:        405,
        POST:      (LOGIN, 404,   302,   404,   404,   404,   404,   404,   404,   404),
    },
    # The group builder: organizers only. An empty POST names what is missing (400) and
    # changes nothing.
    "group_builder": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:       405,
    },
    "group_new": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
    },
    "group_edit": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
    },
    "group_assign": {
        GET:        405,
        POST:      (LOGIN, 404,   400,   404,   404,   404,   404,   404,   404,   404),
    },
    "group_place": {
        GET:        405,
        POST:      (LOGIN, 404,   400,   404,   404,   404,   404,   404,   404,   404),
    },
    "group_siblings": {
        GET:        405,
        POST:      (LOGIN, 404,   400,   404,   404,   404,   404,   404,   404,   404),
    },
    # Invitations: organizers only (an empty POST names what is missing). The link in the
    # e-mail answers anyone; a forged one says so and shows no account.
    "invitations": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
    },
    "invitation_accept": {
        GET:        200,
        POST:       200,
    },
    # Adding and changing children, their health records, consent and guardians, and the
    # audit of who read health records: the workshop's organizers only; the child's mentors
    # and family read the child's page and get 404 here. An empty POST shows the form again.
    "child_new": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
    },
    "child_edit": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
    },
    "child_consent": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
    },
    # A parent changes their own child's consent (issue 16): the child's guardians only; the
    # organizers record consent on their own page. An empty POST names what is missing.
    "family_consent": {
        GET:       (LOGIN, 404,   404,   404,   404,   404,   404,   200,   404,   404),
        POST:      (LOGIN, 404,   404,   404,   404,   404,   404,   200,   404,   404),
    },
    "guardian_new": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
    },
    "guardian_edit": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
    },
    "guardian_delete": {
        GET:        405,
        POST:      (LOGIN, 404,   302,   404,   404,   404,   404,   404,   404,   404),
    },
    "health_reads": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:       405,
    },
    # What the retention job will erase, and erased (issue 17): organizers only.
    "retention": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:       405,
    },
    # The organizer's dashboard (issue 13): its mentors and families get 404.
    "dashboard": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:       405,
    },
    # The screening: its programme for the workshop's staff and families; the invitation's
    # reply is the families' (staff who read the page get 403 on a POST; an empty reply names
    # what is missing with a 400 and changes nothing).
    "screening": {
        GET:       (LOGIN, 404,   200,   404,   200,   200,   404,   200,   200,   404),
        POST:      (LOGIN, 404,   403,   404,   403,   403,   404,   400,   400,   404),
    },
    # Resending a failed delivery (issue 17), from the dashboard: its organizers only.
    "delivery_resend": {
        GET:        405,
        POST:      (LOGIN, 404,   302,   404,   404,   404,   404,   404,   404,   404),
    },
    # A day's call sheet by e-mail (issue 17): who has it and who confirmed, and sending it,
    # for its organizers only. The confirm link in the message answers whoever holds it,
    # signed in or not (a changed link: 404, tested in tests/deliveries/test_call_sheets.py).
    "call_sheet_deliveries": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:       405,
    },
    "call_sheet_send": {
        GET:        405,
        POST:      (LOGIN, 404,   302,   404,   404,   404,   404,   404,   404,   404),
    },
    "delivery_confirm": {
        GET:        200,
        POST:       200,
    },
    "releases": {
        GET:       (LOGIN, 404,   200,   404,   200,   200,   404,   404,   404,   404),
        POST:       405,
    },
    "release_new": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
    },
    "release": {
        GET:       (LOGIN, 404,   200,   404,   200,   200,   404,   404,   404,   404),
        POST:       405,
    },
    # Logging a group's film on set (issue 14): the workshop's staff read the film's pages
    # (one crew); the group's own mentors and the workshop's organizers write, other mentors
    # get 403 on every write (and on the film's edit form), families and everyone else 404.
    # An empty POST changes nothing: the form again (200) or, without htmx, back to the page
    # with a message (302).
    "group_progress": {
        GET:        405,
        POST:      (LOGIN, 404,   302,   404,   302,   403,   404,   404,   404,   404),
    },
    "group_note": {
        GET:        405,
        POST:      (LOGIN, 404,   302,   404,   302,   403,   404,   404,   404,   404),
    },
    "film_edit": {
        GET:       (LOGIN, 404,   200,   404,   200,   403,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   302,   404,   302,   403,   404,   404,   404,   404),
    },
    "film_script": {
        GET:       (LOGIN, 404,   200,   404,   200,   200,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   200,   403,   404,   404,   404,   404),
    },
    "film_storyboard": {
        GET:       (LOGIN, 404,   200,   404,   200,   200,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   200,   403,   404,   404,   404,   404),
    },
    "film_storyboard_order": {
        GET:        405,
        POST:      (LOGIN, 404,   302,   404,   302,   403,   404,   404,   404,   404),
    },
    "film_shots": {
        GET:       (LOGIN, 404,   200,   404,   200,   200,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   200,   403,   404,   404,   404,   404),
    },
    "film_shot": {
        GET:       (LOGIN, 404,   200,   404,   200,   200,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   200,   403,   404,   404,   404,   404),
    },
    "film_shot_status": {
        GET:        405,
        POST:      (LOGIN, 404,   302,   404,   302,   403,   404,   404,   404,   404),
    },
    # Deleting asks first (GET), for those who write the film only.
    "film_shot_delete": {
        GET:       (LOGIN, 404,   200,   404,   200,   403,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   302,   404,   302,   403,   404,   404,   404,   404),
    },
    # Photos, clips and sound: the group's mentors and the workshop's organizers upload and
    # see them all (an empty POST names the missing file); a family sees a photo of its own
    # child whose tagged children's consent allows families; everyone else gets 404.
    "group_media": {
        GET:       (LOGIN, 404,   200,   404,   200,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   200,   404,   404,   404,   404,   404),
    },
    "media_asset": {
        GET:       (LOGIN, 404,   200,   404,   200,   404,   404,   200,   404,   404),
        POST:       405,
    },
    "media_delete": {
        GET:        405,
        POST:      (LOGIN, 404,   302,   404,   302,   404,   404,   403,   404,   404),
    },
    "media_file": {
        GET:       (LOGIN, 404,   200,   404,   200,   404,   404,   200,   404,   404),
        POST:       405,
    },
    "child_media": {
        GET:       (LOGIN, 404,   200,   404,   200,   404,   404,   200,   404,   404),
        POST:       405,
    },
    # A frame's picture: read by the workshop's staff, as the storyboard; a new one (an empty
    # POST is refused with a message, back to the storyboard) by those who write the film.
    "film_frame_image": {
        GET:       (LOGIN, 404,   200,   404,   200,   200,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   302,   404,   302,   403,   404,   404,   404,   404),
    },
    # The review reel: its clips are the group's media, so it is for those who see them
    # (the group's mentors and the organizers) and 404 to everyone else, other mentors too.
    # An empty POST answers the page with the form's error.
    "film_reel": {
        GET:       (LOGIN, 404,   200,   404,   200,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   200,   404,   404,   404,   404,   404),
    },
    "film_reel_clip": {
        GET:        405,
        POST:      (LOGIN, 404,   200,   404,   200,   404,   404,   404,   404,   404),
    },
    "film_reel_retake": {
        GET:        405,
        POST:      (LOGIN, 404,   302,   404,   302,   404,   404,   404,   404,   404),
    },
    "film_frame_delete": {
        GET:       (LOGIN, 404,   200,   404,   200,   403,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   302,   404,   302,   403,   404,   404,   404,   404),
    },
    # Attendance: a day's sheet for the workshop's organizers (every group) and mentors (their
    # own groups). Checking a child in or out is for those who take the child's attendance:
    # the child's guardian sees the child and is refused (403); anyone else gets 404. The
    # cast's week is over, so the POST is refused with a message (302 back to the sheet).
    "attendance": {
        GET:       (LOGIN, 404,   200,   404,   200,   200,   404,   404,   404,   404),
        POST:       405,
    },
    "attendance_check_in": {
        GET:        405,
        POST:      (LOGIN, 404,   302,   404,   302,   404,   404,   403,   404,   404),
    },
    "attendance_check_out": {
        GET:        405,
        POST:      (LOGIN, 404,   302,   404,   302,   404,   404,   403,   404,   404),
    },
    "attendance_undo": {
        GET:        405,
        POST:      (LOGIN, 404,   302,   404,   302,   404,   404,   403,   404,   404),
    },
    # A child's pickup contacts are edited by the workshop's organizers only.
    "pickup_contacts": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
    },
    "pickup_contact": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
    },
    "pickup_contact_delete": {
        GET:        405,
        POST:      (LOGIN, 404,   302,   404,   404,   404,   404,   404,   404,   404),
    },
    # The crew page is the film's like the others; its end credits are the family's too.
    "film_crew": {
        GET:       (LOGIN, 404,   200,   404,   200,   200,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   302,   404,   302,   403,   404,   404,   404,   404),
    },
    "film_crew_suggestion": {
        GET:        405,
        POST:      (LOGIN, 404,   302,   404,   302,   403,   404,   404,   404,   404),
    },
    "film_credits": {
        GET:       (LOGIN, 404,   200,   404,   200,   200,   404,   200,   404,   404),
        POST:       405,
    },
    # Children from a spreadsheet: organizers only (an empty POST names the missing file and
    # changes nothing); the export is the staff's, each seeing what they may.
    "children_import": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:      (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
    },
    "children_example": {
        GET:       (LOGIN, 404,   200,   404,   404,   404,   404,   404,   404,   404),
        POST:       405,
    },
    "children_export": {
        GET:       (LOGIN, 404,   200,   404,   200,   200,   404,   404,   404,   404),
        POST:       405,
    },
    # A family's calendar (issue 16): the page and its address for guardians only; the feed
    # answers whoever holds the address, signed in or not (an unknown token: 404, tested in
    # tests/workshop/test_calendar_feed.py). A draft workshop's family gets an empty calendar.
    "calendar": {
        GET:       (LOGIN, 404,   404,   404,   404,   404,   404,   200,   200,   200),
        POST:       405,
    },
    "calendar_new": {
        GET:        405,
        POST:      (LOGIN, 404,   404,   404,   404,   404,   404,   302,   302,   302),
    },
    "calendar_revoke": {
        GET:        405,
        POST:      (LOGIN, 404,   404,   404,   404,   404,   404,   302,   302,   302),
    },
    "calendar_feed": {
        GET:        200,
        POST:       405,
    },
    "login": {
        GET:       (200,   HOME,  HOME,  HOME,  HOME,  HOME,  HOME,  HOME,  HOME,  HOME),
        POST:      (200,   HOME,  HOME,  HOME,  HOME,  HOME,  HOME,  HOME,  HOME,  HOME),
    },
    "ping": {
        GET:       (LOGIN, 204,   204,   204,   204,   204,   204,   204,   204,   204),
        POST:       405,
    },
    "logout": {
        GET:        200,
        POST:       HOME,
    },
    "password_change": {
        GET:       (LOGIN, 200,   200,   200,   200,   200,   200,   200,   200,   200),
        POST:      (LOGIN, 200,   200,   200,   200,   200,   200,   200,   200,   200),
    },
    "password_change_done": {
        GET:       (LOGIN, 200,   200,   200,   200,   200,   200,   200,   200,   200),
        POST:      (LOGIN, 405,   405,   405,   405,   405,   405,   405,   405,   405),
    },
    "password_reset": {
        GET:        200,
        POST:       200,
    },
    "password_reset_done": {
        GET:        200,
        POST:       405,
    },
    "password_reset_confirm": {
        GET:        200,
        POST:       200,
    },
    "password_reset_complete": {
        GET:        200,
        POST:       405,
    },
    # Sign-in links: anyone may ask (an empty POST names what is missing); a forged link
    # says it no longer works, to anyone, and signs nobody in.
    "sign_in_link": {
        GET:        200,
        POST:       200,
    },
    "sign_in_link_sent": {
        GET:        200,
        POST:       405,
    },
    "sign_in_link_open": {
        GET:        200,
        POST:       200,
    },
    "set_language": {
        GET:        HOME,
        POST:       HOME,
    },
}
# fmt: on


def reel_clip(cast):
    """Group A's review reel with one clip in it."""
    asset = upload_media(cast.group_a, file=clip(), by=cast.mentor_a)
    process_media(asset.pk)
    asset.refresh_from_db()
    return add_reel_clip(cast.group_a.film, asset=asset)


# A route's parameters, by (URL name, parameter name), from the cast.
PARAMETERS: dict[tuple[str, str], Callable] = {
    ("week", "slug"): lambda cast: cast.workshop.slug,
    ("day", "slug"): lambda cast: cast.workshop.slug,
    ("day", "number"): lambda cast: 1,
    ("call_sheet", "slug"): lambda cast: cast.workshop.slug,
    ("call_sheet", "number"): lambda cast: 1,
    ("call_sheet_pdf", "slug"): lambda cast: cast.workshop.slug,
    ("call_sheet_pdf", "number"): lambda cast: 1,
    ("children", "slug"): lambda cast: cast.workshop.slug,
    ("session_new", "slug"): lambda cast: cast.workshop.slug,
    ("day_copy", "slug"): lambda cast: cast.workshop.slug,
    ("day_copy", "number"): lambda cast: 1,
    ("session_edit", "pk"): lambda cast: cast.session_a.pk,
    ("session_duplicate", "pk"): lambda cast: cast.session_a.pk,
    ("session_delete", "pk"): lambda cast: cast.session_a.pk,
    ("planner", "slug"): lambda cast: cast.workshop.slug,
    ("session_move", "pk"): lambda cast: cast.session_a.pk,
    ("releases", "slug"): lambda cast: cast.workshop.slug,
    ("release_new", "slug"): lambda cast: cast.workshop.slug,
    ("release", "slug"): lambda cast: cast.workshop.slug,
    ("release", "number"): lambda cast: 1,
    ("setup", "slug"): lambda cast: cast.workshop.slug,
    ("setup_workshop", "slug"): lambda cast: cast.workshop.slug,
    ("setup_days", "slug"): lambda cast: cast.workshop.slug,
    ("setup_day", "slug"): lambda cast: cast.workshop.slug,
    ("setup_day", "number"): lambda cast: 1,
    ("setup_rooms", "slug"): lambda cast: cast.workshop.slug,
    ("setup_room", "slug"): lambda cast: cast.workshop.slug,
    ("setup_room", "pk"): lambda cast: RoomFactory(workshop=cast.workshop).pk,
    ("setup_room_delete", "slug"): lambda cast: cast.workshop.slug,
    ("setup_room_delete", "pk"): lambda cast: RoomFactory(workshop=cast.workshop).pk,
    ("setup_stages", "slug"): lambda cast: cast.workshop.slug,
    ("setup_stage", "slug"): lambda cast: cast.workshop.slug,
    ("setup_stage", "pk"): lambda cast: cast.workshop.stages.get(key="script").pk,
    ("setup_stage_move", "slug"): lambda cast: cast.workshop.slug,
    ("setup_new_edition", "slug"): lambda cast: cast.workshop.slug,
    ("setup_stage_move", "pk"): lambda cast: cast.workshop.stages.get(key="script").pk,
    ("attendance", "slug"): lambda cast: cast.workshop.slug,
    ("attendance", "number"): lambda cast: 1,
    ("attendance_check_in", "pk"): lambda cast: cast.child_a1.pk,
    ("attendance_check_in", "number"): lambda cast: 1,
    ("attendance_check_out", "pk"): lambda cast: cast.child_a1.pk,
    ("attendance_check_out", "number"): lambda cast: 1,
    ("attendance_undo", "pk"): lambda cast: cast.child_a1.pk,
    ("attendance_undo", "number"): lambda cast: 1,
    ("pickup_contacts", "pk"): lambda cast: cast.child_a1.pk,
    ("pickup_contact", "pk"): lambda cast: (
        PickupContact.objects.create(participant=cast.child_a1, name="Aunt Aoyama").pk
    ),
    ("pickup_contact_delete", "pk"): lambda cast: (
        PickupContact.objects.create(participant=cast.child_a1, name="Aunt Aoyama").pk
    ),
    ("participant", "pk"): lambda cast: cast.child_a1.pk,
    ("children_import", "slug"): lambda cast: cast.workshop.slug,
    ("children_example", "slug"): lambda cast: cast.workshop.slug,
    ("children_export", "slug"): lambda cast: cast.workshop.slug,
    ("child_new", "slug"): lambda cast: cast.workshop.slug,
    ("child_edit", "pk"): lambda cast: cast.child_a1.pk,
    ("child_consent", "pk"): lambda cast: cast.child_a1.pk,
    ("family_consent", "pk"): lambda cast: cast.child_a1.pk,
    ("calendar_feed", "token"): lambda cast: replace_feed(cast.parent_a).token,
    ("guardian_new", "pk"): lambda cast: cast.child_a1.pk,
    ("guardian_edit", "pk"): lambda cast: cast.child_a1.guardians.get().pk,
    ("guardian_delete", "pk"): lambda cast: cast.child_a1.guardians.get().pk,
    ("health_reads", "slug"): lambda cast: cast.workshop.slug,
    ("retention", "slug"): lambda cast: cast.workshop.slug,
    ("dashboard", "slug"): lambda cast: cast.workshop.slug,
    ("screening", "slug"): lambda cast: cast.workshop.slug,
    ("delivery_resend", "pk"): lambda cast: failed_delivery(cast).pk,
    ("call_sheet_deliveries", "slug"): lambda cast: cast.workshop.slug,
    ("call_sheet_deliveries", "number"): lambda cast: 1,
    ("call_sheet_send", "slug"): lambda cast: cast.workshop.slug,
    ("call_sheet_send", "number"): lambda cast: 1,
    ("delivery_confirm", "token"): lambda cast: confirm_token(call_sheet_delivery(cast).pk),
    ("group", "pk"): lambda cast: cast.group_a.pk,
    ("group_edit", "pk"): lambda cast: cast.group_a.pk,
    ("invitations", "slug"): lambda cast: cast.workshop.slug,
    # A real account's invitation with a forged signature.
    ("invitation_accept", "token"): lambda cast: "eyJ1c2VyIjoxfQ:1tXyZa:forged-signature",
    ("group_builder", "slug"): lambda cast: cast.workshop.slug,
    ("group_new", "slug"): lambda cast: cast.workshop.slug,
    ("group_assign", "slug"): lambda cast: cast.workshop.slug,
    ("group_place", "slug"): lambda cast: cast.workshop.slug,
    ("group_siblings", "slug"): lambda cast: cast.workshop.slug,
    ("group_progress", "pk"): lambda cast: cast.group_a.pk,
    ("group_note", "pk"): lambda cast: cast.group_a.pk,
    ("film_edit", "pk"): lambda cast: cast.group_a.pk,
    ("film_script", "pk"): lambda cast: cast.group_a.pk,
    ("film_storyboard", "pk"): lambda cast: cast.group_a.pk,
    ("film_storyboard_order", "pk"): lambda cast: cast.group_a.pk,
    ("film_shots", "pk"): lambda cast: cast.group_a.pk,
    ("film_shot", "pk"): lambda cast: cast.group_a.pk,
    ("film_shot", "shot_pk"): lambda cast: ShotFactory(film=cast.group_a.film).pk,
    ("film_shot_status", "pk"): lambda cast: cast.group_a.pk,
    ("film_shot_status", "shot_pk"): lambda cast: ShotFactory(film=cast.group_a.film).pk,
    ("film_shot_delete", "pk"): lambda cast: cast.group_a.pk,
    ("film_shot_delete", "shot_pk"): lambda cast: ShotFactory(film=cast.group_a.film).pk,
    ("film_frame_delete", "pk"): lambda cast: cast.group_a.pk,
    ("film_frame_delete", "frame_pk"): lambda cast: (
        StoryboardFrameFactory(film=cast.group_a.film).pk
    ),
    ("film_frame_image", "pk"): lambda cast: cast.group_a.pk,
    ("film_frame_image", "frame_pk"): lambda cast: (
        add_frame(cast.group_a.film, caption="Lantern", image=photo()).pk
    ),
    ("film_reel", "pk"): lambda cast: cast.group_a.pk,
    ("film_reel_clip", "pk"): lambda cast: cast.group_a.pk,
    ("film_reel_clip", "clip_pk"): lambda cast: reel_clip(cast).pk,
    ("film_reel_retake", "pk"): lambda cast: cast.group_a.pk,
    ("film_reel_retake", "note_pk"): lambda cast: (
        add_reel_note(
            reel_clip(cast), at=datetime.timedelta(0), text="Boom", is_retake=True, by=None
        ).pk
    ),
    ("group_media", "pk"): lambda cast: cast.group_a.pk,
    ("media_asset", "pk"): lambda cast: (
        ready_photo(cast.group_a, by=cast.mentor_a, children=[cast.child_a1]).pk
    ),
    ("media_delete", "pk"): lambda cast: (
        ready_photo(cast.group_a, by=cast.mentor_a, children=[cast.child_a1]).pk
    ),
    ("media_file", "pk"): lambda cast: (
        ready_photo(cast.group_a, by=cast.mentor_a, children=[cast.child_a1]).pk
    ),
    ("media_file", "rendition"): lambda cast: "thumbnail",
    ("child_media", "pk"): lambda cast: cast.child_a1.pk,
    ("film_crew", "pk"): lambda cast: cast.group_a.pk,
    ("film_crew_suggestion", "pk"): lambda cast: cast.group_a.pk,
    ("film_credits", "pk"): lambda cast: cast.group_a.pk,
    # A real account with a forged token: the page says the link is invalid, to anyone.
    ("password_reset_confirm", "uidb64"): lambda cast: urlsafe_base64_encode(
        str(cast.parent_a.pk).encode()
    ),
    ("password_reset_confirm", "token"): lambda cast: "cxyz-0123456789abcdef",
    ("sign_in_link_open", "uidb64"): lambda cast: urlsafe_base64_encode(
        str(cast.parent_a.pk).encode()
    ),
    ("sign_in_link_open", "token"): lambda cast: "cxyz-0123456789abcdef",
}

# The body of a POST, where an empty one would not reach the part of the view worth asking.
POST_DATA = {"set_language": {"language": "en"}, "setup_stage_move": {"direction": "down"}}


def answer_for(row, viewer: str) -> Answer:
    if isinstance(row, tuple):
        return row[list(VIEWERS).index(viewer)]
    return row


def describe(answer: Answer, path: str) -> str:
    return f"302 to {answer.location(path)}" if isinstance(answer, Redirect) else str(answer)


def describe_response(response) -> str:
    if response.status_code in (301, 302, 303, 307, 308):
        return f"{response.status_code} to {response['Location']}"
    return str(response.status_code)


def fill(route: Route, values: dict, cast) -> dict:
    missing = [p for p in route.parameters if (route.full_name, p) not in values]
    if missing:
        pytest.fail(
            f"URL {route.full_name!r} ({route.route}) has parameters with no value: "
            + ", ".join(f"add ({route.full_name!r}, {p!r}) to PARAMETERS" for p in missing)
        )
    return {p: values[route.full_name, p](cast) for p in route.parameters}


class Visit:
    """A test client signed in as one viewer, signed in again after a page signs them out."""

    def __init__(self, client, user):
        self.client, self.user = client, user
        if user is not None:
            client.force_login(user)

    def ask(self, method: str, path: str, data=None):
        response = self.client.get(path) if method == GET else self.client.post(path, data or {})
        if self.user is not None and not response.wsgi_request.user.is_authenticated:
            self.client.force_login(self.user)
        return response


def mismatch(name, viewer, method, path, expected: Answer, response) -> str | None:
    """None when the response is the expected answer, else a line saying how it differs."""
    if isinstance(expected, Redirect):
        matches = response.status_code == 302 and response["Location"] == expected.location(path)
    else:
        matches = response.status_code == expected
    if matches:
        return None
    return (
        f"{name} {viewer} {method}: expected {describe(expected, path)}, "
        f"got {describe_response(response)}"
    )


# --- The site ----------------------------------------------------------------------------


def test_every_url_has_an_expectation():
    names = set(site_routes())
    missing, stale = sorted(names - EXPECTED.keys()), sorted(EXPECTED.keys() - names)
    assert names == set(EXPECTED), (
        f"URLs with no row in EXPECTED of tests/test_access_matrix.py: {missing}; "
        f"rows for no URL: {stale}"
    )


def test_every_url_is_named():
    unnamed = [r.route for r in routes() if r.namespace != "admin" and r.name is None]
    assert unnamed == [], "name these URL patterns and give each a row in EXPECTED"


def test_every_url_parameter_has_a_value():
    missing = [
        (name, parameter)
        for name, route in site_routes().items()
        for parameter in route.parameters
        if (name, parameter) not in PARAMETERS
    ]
    assert missing == [], "add these (URL name, parameter) pairs to PARAMETERS"


def test_every_row_has_an_answer_for_each_viewer():
    short = [
        (name, method)
        for name, row in EXPECTED.items()
        for method, answers in row.items()
        if isinstance(answers, tuple) and len(answers) != len(VIEWERS)
    ]
    assert short == []
    assert [sorted(row) for row in EXPECTED.values()] == [[GET, POST]] * len(EXPECTED)


@pytest.mark.parametrize("viewer", VIEWERS)
def test_every_url_answers_each_viewer_as_the_matrix_says(client, cast, viewer):
    visit = Visit(client, VIEWERS[viewer](cast))
    mismatches = []
    for name, route in site_routes().items():
        if name not in EXPECTED:
            continue
        path = reverse(name, kwargs=fill(route, PARAMETERS, cast))
        for method in (GET, POST):
            response = visit.ask(method, path, POST_DATA.get(name) if method == POST else None)
            found = mismatch(
                name, viewer, method, path, answer_for(EXPECTED[name][method], viewer), response
            )
            if found:
                mismatches.append(found)
    assert mismatches == []


def test_a_forged_password_reset_link_says_it_is_invalid(client, cast):
    route = site_routes()["password_reset_confirm"]
    response = client.get(reverse(route.full_name, kwargs=fill(route, PARAMETERS, cast)))
    assert response.status_code == 200
    assert response.context["validlink"] is False


def tampered(token: str) -> str:
    return token[:-1] + ("A" if token[-1] != "A" else "B")


def another_id(token: str) -> str:
    """The same signature on the next delivery's id."""
    value, _sep, signature = token.partition(":")
    return f"{int(value) + 1}:{signature}"


# Confirm links that confirm nothing: a changed signature, a signature moved onto another
# delivery's id, and a well-signed link to a delivery that is no call sheet.
BAD_CONFIRM_LINKS: dict[str, Callable] = {
    "tampered": lambda cast: tampered(confirm_token(call_sheet_delivery(cast).pk)),
    "another_id": lambda cast: another_id(confirm_token(call_sheet_delivery(cast).pk)),
    "not_a_call_sheet": lambda cast: confirm_token(failed_delivery(cast).pk),
}


@pytest.mark.parametrize("link", BAD_CONFIRM_LINKS)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_a_bad_confirm_link_is_404_to_anyone_and_confirms_nothing(client, cast, viewer, link):
    visit = Visit(client, VIEWERS[viewer](cast))
    token = BAD_CONFIRM_LINKS[link](cast)
    path = reverse("delivery_confirm", args=[token])
    answers = [visit.ask(method, path).status_code for method in (GET, POST)]
    assert answers == [404, 404]
    assert set(Delivery.objects.values_list("confirmed_at", flat=True)) == {None}


@pytest.mark.parametrize("viewer", ["anonymous", "other_guardian", "other_organizer"])
def test_someone_elses_confirm_link_names_nobody(client, cast, viewer):
    """The link is the credential, whoever holds it (a forwarded e-mail): it confirms that
    one delivery and shows the workshop and the day, never whose it is."""
    delivery = call_sheet_delivery(cast)
    visit = Visit(client, VIEWERS[viewer](cast))
    response = visit.ask(POST, reverse("delivery_confirm", args=[confirm_token(delivery.pk)]))
    assert response.status_code == 200
    page = response.content.decode()
    for private in (cast.parent_a.email, cast.parent_a.first_name, cast.parent_a.last_name):
        assert private not in page
    delivery.refresh_from_db()
    assert delivery.confirmed_at is not None


# --- The admin: superusers only ----------------------------------------------------------

ADMIN_LOGIN = Redirect("admin:login", back=True)
ADMIN_INDEX = Redirect("admin:index")

# The admin's own pages; every model's pages answer ADMIN_MODEL_PAGE. Anyone but a superuser
# gets the first answer, by GET and by POST; a superuser's GET gets the second. Superusers'
# POSTs are left to the admin's tests: here they would save or delete rows.
# fmt: off
ADMIN_SITE: dict[str, tuple[Answer, Answer]] = {
    #                              not a superuser  superuser
    "admin:index":                (ADMIN_LOGIN,     200),
    "admin:app_list":             (ADMIN_LOGIN,     200),
    "admin:login":                (200,             ADMIN_INDEX),
    "admin:logout":               (ADMIN_INDEX,     405),
    "admin:password_change":      (ADMIN_LOGIN,     200),
    "admin:password_change_done": (ADMIN_LOGIN,     200),
    "admin:autocomplete":         (ADMIN_LOGIN,     200),
    "admin:jsi18n":               (ADMIN_LOGIN,     200),
    "admin:view_on_site":         (ADMIN_LOGIN,     404),
}
# Model pages that answer otherwise: releases (and invitations) are frozen, so their admin
# shows them and adds or deletes nothing (their change page shows the release read-only).
ADMIN_FROZEN_MODEL_PAGES: dict[str, tuple[Answer, Answer]] = {
    "admin:workshop_schedulerelease_add":      (ADMIN_LOGIN,     403),
    "admin:workshop_schedulerelease_delete":   (ADMIN_LOGIN,     403),
    "admin:workshop_releasedsession_add":      (ADMIN_LOGIN,     403),
    "admin:workshop_releasedsession_delete":   (ADMIN_LOGIN,     403),
    "admin:workshop_releasedday_add":          (ADMIN_LOGIN,     403),
    "admin:workshop_releasedday_delete":       (ADMIN_LOGIN,     403),
    # Invitations are a record of what was sent.
    "admin:workshop_invitation_add":           (ADMIN_LOGIN,     403),
    "admin:workshop_invitation_delete":        (ADMIN_LOGIN,     403),
    "admin:workshop_consentrecord_add":        (ADMIN_LOGIN,     403),
    "admin:workshop_consentrecord_delete":     (ADMIN_LOGIN,     403),
    "admin:workshop_healthrecordread_add":     (ADMIN_LOGIN,     403),
    "admin:workshop_healthrecordread_delete":  (ADMIN_LOGIN,     403),
    # Media arrive through the upload page and the worker.
    "admin:projects_mediaasset_add":           (ADMIN_LOGIN,     403),
}
ADMIN_MODEL_PAGE: tuple[Answer, Answer] = (ADMIN_LOGIN, 200)
# fmt: on

ADMIN_PARAMETERS: dict[tuple[str, str], Callable] = {
    ("admin:view_on_site", "content_type_id"): lambda cast: (
        ContentType.objects.get_for_model(cast.child_a1).pk
    ),
    # No model has a page of its own on the site yet, so the admin finds none to show.
    ("admin:view_on_site", "object_id"): lambda cast: cast.child_a1.pk,
}
ADMIN_QUERIES = {"admin:autocomplete": "?app_label=workshop&model_name=guardian&field_name=user"}
ADMIN_VIEWERS: dict[str, Callable] = {
    **VIEWERS,
    "superuser": lambda cast: UserFactory(is_staff=True, is_superuser=True),
}


def model_admin_urls() -> dict[str, type]:
    """Each registered model's admin URL names, with the model."""
    return {
        f"{admin.site.name}:{pattern.name}": model
        for model, model_admin in admin.site._registry.items()
        for pattern in model_admin.get_urls()
        if pattern.name
    }


def admin_rows(cast) -> None:
    """A row of each registered model the cast has none of, to open its change page."""
    RoomFactory(workshop=cast.workshop)
    AuthGroup.objects.create(name="Volunteers")
    LogEntry.objects.create(
        film=cast.group_a.film, author=cast.mentor_a, written_on=datetime.date(2026, 7, 27)
    )
    script = cast.workshop.stages.get(key="script")
    set_stage_progress(cast.group_a.film, script, status="done", by=cast.mentor_a)
    film = cast.group_a.film
    ScriptVersionFactory(film=film)
    StoryboardFrameFactory(film=film)
    ShotFactory(film=film)
    CrewAssignment.objects.create(
        film=film, day=cast.workshop.days.get(number=1), child=cast.child_a1, role="camera"
    )
    Invitation.objects.create(user=cast.parent_a, workshop=cast.workshop, invited_by=None)
    health_records_for(cast.organizer, [cast.child_a1], page="participant")
    PickupContact.objects.create(participant=cast.child_a1, name="Aunt Aoyama")
    replace_feed(cast.parent_a)
    Attendance.objects.create(
        participant=cast.child_a1,
        day=cast.workshop.days.get(number=1),
        checked_in_at=datetime.datetime(2026, 7, 27, 0, 5, tzinfo=datetime.UTC),
    )
    ready_photo(cast.group_a, by=cast.mentor_a, children=[cast.child_a1])
    add_reel_note(reel_clip(cast), at=datetime.timedelta(0), text="Boom", is_retake=True, by=None)
    ScreeningReply.objects.create(workshop=cast.workshop, user=cast.parent_a, guests=2)
    failed_delivery(cast)
    RecordedMail.objects.create(to=cast.parent_a.email, subject="Tomorrow", text="Hello")


def admin_urls(cast) -> Iterator[tuple[str, str]]:
    """(name, path) of every admin URL that can be reversed: the site's own pages, each
    app's index, and each registered model's pages with one row of that model."""
    models = model_admin_urls()
    for route in routes():
        if route.namespace != admin.site.name or route.name is None:
            continue  # Django's unnamed catch-all and old-style change URLs: not reversible.
        name = route.full_name
        if name == "admin:app_list":
            labels = sorted({model._meta.app_label for model in admin.site._registry})
            for label in labels:
                yield name, reverse(name, kwargs={"app_label": label})
            continue
        if name in models:
            row = models[name]._default_manager.order_by("pk").first()
            if route.parameters and row is None:
                pytest.fail(f"no {models[name].__name__} to open {name}: add one in admin_rows()")
            kwargs = {parameter: row.pk for parameter in route.parameters}
        else:
            kwargs = fill(route, ADMIN_PARAMETERS, cast)
        yield name, reverse(name, kwargs=kwargs) + ADMIN_QUERIES.get(name, "")


def test_every_admin_url_is_a_models_page_or_has_a_row_in_admin_site():
    names = {r.full_name for r in routes() if r.namespace == admin.site.name and r.name}
    assert names - model_admin_urls().keys() == set(ADMIN_SITE)


@pytest.mark.parametrize("viewer", ADMIN_VIEWERS)
def test_the_admin_is_for_superusers_only(client, cast, viewer):
    admin_rows(cast)
    visit = Visit(client, ADMIN_VIEWERS[viewer](cast))
    methods = (GET,) if viewer == "superuser" else (GET, POST)
    mismatches = []
    for name, path in admin_urls(cast):
        expected = ADMIN_SITE.get(name) or ADMIN_FROZEN_MODEL_PAGES.get(name, ADMIN_MODEL_PAGE)
        expected = expected[viewer == "superuser"]
        for method in methods:
            found = mismatch(name, viewer, method, path, expected, visit.ask(method, path))
            if found:
                mismatches.append(found)
    assert mismatches == []
