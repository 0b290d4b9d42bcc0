"""What each delivery says: the evening-before reminder to a family, the morning message to a
mentor, a change notice after releases, a day's call sheet, the screening's invitation. They
read the workshop's releases, as families' pages do, in the recipient's language, as plain
text with an HTML alternative."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail.utils import DNS_NAME
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from deliveries.mail import DeliveryMessage
from deliveries.models import Delivery
from deliveries.services import confirm_token
from groups.models import Group
from projects.models import Film
from projects.selectors import screening_films
from workshop import releases
from workshop.models import (
    Guardian,
    Participant,
    ReleasedDay,
    ReleasedSession,
    ScheduleRelease,
    StaffMembership,
    WorkshopDay,
)
from workshop.screening import screening_of
from workshop.selectors import release_audience


class NotReleased(Exception):
    """The day the delivery is about is not in its workshop's latest release."""


@dataclass
class ChildReminder:
    child: Participant
    group: Group | None
    sessions: list[ReleasedSession] = field(default_factory=list)


def language_for(delivery: Delivery) -> str:
    """The recipient's language, else the workshop's own."""
    return (
        delivery.recipient.language
        or getattr(delivery.workshop, "language", "")
        or settings.LANGUAGE_CODE
    )


def _shared(shared: dict, key: tuple, read):
    """A read that every message of one chunk about the same day shares, read once."""
    if key not in shared:
        shared[key] = read()
    return shared[key]


def _released_day(delivery: Delivery, shared: dict) -> ReleasedDay:
    released = _shared(
        shared,
        ("day", delivery.workshop.latest_release_id, delivery.day_id),
        lambda: (
            ReleasedDay.objects.filter(
                release_id=delivery.workshop.latest_release_id, day_id=delivery.day_id
            )
            .select_related("day", "focus_stage")
            .first()
        ),
    )
    if released is None:
        raise NotReleased(f"Day {delivery.day_id} is not in the latest release.")
    return released


def _sessions(released: ReleasedDay, shared: dict) -> list[ReleasedSession]:
    return _shared(
        shared,
        ("sessions", released.pk),
        lambda: list(
            ReleasedSession.objects.filter(release_id=released.release_id, day_id=released.day_id)
            .current()
            .with_details()
            .order_by("starts_at", "title")
        ),
    )


def prepare(deliveries: list[Delivery], shared: dict) -> None:
    """Read the children of every family a chunk of reminders goes to at once, rather than
    one family at a time."""
    families = defaultdict(set)
    for delivery in deliveries:
        if delivery.kind == Delivery.Kind.EVENING_REMINDER:
            families[delivery.workshop_id].add(delivery.recipient_id)
    for workshop_id, users in families.items():
        children = defaultdict(list)
        for guardian in (
            Guardian.objects.filter(
                participant__workshop_id=workshop_id, user_id__in=users, receives_reminders=True
            )
            .select_related("participant__membership__group")
            .order_by("participant__birth_date", "participant__pk")
        ):
            children[guardian.user_id].append(guardian.participant)
        for user_id in users:
            shared[("children", workshop_id, user_id)] = children[user_id]


def evening_reminder_context(delivery: Delivery, shared: dict) -> dict:
    """The guardian's children in the workshop (those they get reminders for), each with
    their group's sessions of the day; no other child is named."""
    released = _released_day(delivery, shared)
    children = _shared(
        shared,
        ("children", delivery.workshop_id, delivery.recipient_id),
        lambda: list(
            Participant.objects.filter(
                workshop_id=delivery.workshop_id,
                guardians__user_id=delivery.recipient_id,
                guardians__receives_reminders=True,
            )
            .select_related("membership__group")
            .order_by("birth_date", "pk")
        ),
    )
    sessions = _sessions(released, shared)
    reminders = []
    for child in children:
        group = child.group
        reminders.append(
            ChildReminder(
                child,
                group,
                [
                    session
                    for session in sessions
                    if session.for_all_groups
                    or (group and any(g.pk == group.pk for g in session.groups.all()))
                ],
            )
        )
    return {"workshop": delivery.workshop, "day": released, "children": reminders}


def mentor_morning_context(delivery: Delivery, shared: dict) -> dict:
    """The mentor's sessions of the day: theirs by name, their groups', and everyone's."""
    released = _released_day(delivery, shared)
    mentored = set(
        Group.objects.filter(
            workshop_id=delivery.workshop_id, mentors=delivery.recipient_id
        ).values_list("pk", flat=True)
    )
    sessions = [
        session
        for session in _sessions(released, shared)
        if session.for_all_groups
        or any(mentor.pk == delivery.recipient_id for mentor in session.mentors.all())
        or any(group.pk in mentored for group in session.groups.all())
    ]
    return {
        "workshop": delivery.workshop,
        "day": released,
        "sessions": sessions,
        "groups": list(Group.objects.filter(pk__in=mentored).order_by("name")),
    }


def site_url(path: str) -> str:
    """A link for a message, on the site's address as recipients reach it."""
    return settings.SITE_URL.rstrip("/") + path


@dataclass
class ReleaseNotice:
    release: ScheduleRelease
    changes: list[releases.Change | releases.DayChange]


def change_notice_context(delivery: Delivery, shared: dict) -> dict:
    """The recipient's own changes in each release the notice tells of, read now (a release
    that joined the notice after it was planned is in it). A family's notice names their
    own children only and reads the titles in their language; a mentor's lists the groups."""
    workshop_id = delivery.workshop_id
    told = _shared(
        shared,
        ("releases", workshop_id, delivery.first_release, delivery.last_release),
        lambda: list(
            ScheduleRelease.objects.filter(
                workshop_id=workshop_id,
                number__range=(delivery.first_release, delivery.last_release),
            ).order_by("number")
        ),
    )
    notices = []
    for release in told:
        audience = _shared(
            shared, ("audience", release.pk), lambda release=release: release_audience(release)
        )
        if changes := audience.get(delivery.recipient_id):
            notices.append(ReleaseNotice(release, changes))
    is_staff = StaffMembership.objects.filter(
        workshop_id=workshop_id, user_id=delivery.recipient_id
    ).exists()
    children = (
        []
        if is_staff
        else list(
            Participant.objects.filter(
                workshop_id=workshop_id, guardians__user_id=delivery.recipient_id
            )
            .order_by("birth_date", "pk")
            .values_list("given_name", flat=True)
        )
    )
    return {
        "workshop": delivery.workshop,
        "notices": notices,
        "family": not is_staff,
        "children": children,
        "link": site_url(reverse("week", args=[delivery.workshop.slug])),
    }


def call_sheet_context(delivery: Delivery, shared: dict) -> dict:
    """Links to the day's call sheet (the page and its PDF, in the version the recipient
    reads: the staff's for the workshop's staff) and to confirm they read it. The sheet is
    not in the message: the staff's holds health notes, which stay behind the sign-in."""
    day = _shared(
        shared,
        ("call-sheet-day", delivery.day_id),
        lambda: WorkshopDay.objects.filter(pk=delivery.day_id).first(),
    )
    if day is None:
        raise NotReleased(f"Day {delivery.day_id} no longer exists.")
    is_staff = StaffMembership.objects.filter(
        workshop_id=delivery.workshop_id, user_id=delivery.recipient_id
    ).exists()
    version = "staff" if is_staff else "family"
    args = [delivery.workshop.slug, day.number]
    return {
        "workshop": delivery.workshop,
        "day": day,
        "staff": is_staff,
        "page": site_url(f"{reverse('call_sheet', args=args)}?version={version}"),
        "pdf": site_url(f"{reverse('call_sheet_pdf', args=args)}?version={version}"),
        "confirm": site_url(reverse("delivery_confirm", args=[confirm_token(delivery.pk)])),
    }


@dataclass
class ChildAtScreening:
    child: Participant
    group: Group | None
    film: Film | None


def _child_at_screening(child: Participant) -> ChildAtScreening:
    return ChildAtScreening(child, child.group, getattr(child.group, "film", None))


def screening_invitation_context(delivery: Delivery, shared: dict) -> dict:
    """The screening as its page shows it to families: when and where (the day's meeting
    point too), the films in their running order (the page's own selector, without the
    crews), the family's own children with their groups' films, and the link to the page
    where they reply."""
    workshop = delivery.workshop
    screening = _shared(shared, ("screening", workshop.pk), lambda: screening_of(workshop))
    if screening is None:
        raise NotReleased(f"Workshop {workshop.pk} has no screening released.")
    released_day = _shared(
        shared,
        ("screening-day", workshop.latest_release_id, screening.day_id),
        lambda: (
            ReleasedDay.objects.filter(
                release_id=workshop.latest_release_id, day_id=screening.day_id
            )
            .select_related("meeting_point")
            .first()
        ),
    )
    # The films in their running order, without their crews: the page credits children
    # whose consent allows it, but an e-mail cannot be taken back when a consent is withdrawn.
    films = _shared(shared, ("screening-films", workshop.pk), lambda: screening_films(workshop))
    children = list(
        Participant.objects.filter(workshop=workshop, guardians__user_id=delivery.recipient_id)
        .select_related("membership__group__film")
        .order_by("birth_date", "pk")
    )
    return {
        "workshop": workshop,
        "screening": screening,
        "meeting_point": released_day.meeting_point if released_day else None,
        "films": films,
        "children": [_child_at_screening(child) for child in children],
        "link": site_url(reverse("screening", args=[workshop.slug])),
    }


CONTEXTS = {
    Delivery.Kind.EVENING_REMINDER: evening_reminder_context,
    Delivery.Kind.MENTOR_MORNING: mentor_morning_context,
    Delivery.Kind.CHANGE_NOTICE: change_notice_context,
    Delivery.Kind.CALL_SHEET: call_sheet_context,
    Delivery.Kind.SCREENING_INVITATION: screening_invitation_context,
}


def compose(delivery: Delivery, *, shared: dict | None = None) -> DeliveryMessage:
    """The delivery's e-mail, rendered in the recipient's language and the workshop's time
    zone, with a Message-ID of its own that a second send would repeat. Messages composed
    with one `shared` dict read each day and its sessions once."""
    shared = {} if shared is None else shared
    context = CONTEXTS[delivery.kind](delivery, shared) | {"recipient": delivery.recipient}
    name = f"deliveries/email/{delivery.kind}"
    with translation.override(language_for(delivery)), timezone.override(delivery.workshop.tz):
        subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
        text = render_to_string(f"{name}.txt", context)
        html = render_to_string(f"{name}.html", context)
    message = DeliveryMessage(
        subject,
        text,
        to=[delivery.recipient.email],
        headers={"Message-ID": f"<kachinko.delivery.{delivery.pk}@{DNS_NAME}>"},
    )
    message.attach_alternative(html, "text/html")
    return message
