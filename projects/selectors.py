"""Reads that serve the film's crew page, its end credits and the media page."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import pgettext_lazy

from projects.models import CrewAssignment, CrewRole, Film, MediaAsset
from projects.rotation import ON_CAMERA, suggest_crew, tried_counts
from workshop.models import Participant, WorkshopDay

ROLES = tuple(CrewRole.values)
ROLE_ICONS = {
    "writer": "bi-pencil",
    "director": "bi-megaphone",
    "camera": "bi-camera-video",
    "sound": "bi-mic",
    "actor": "bi-person-video3",
    "editor": "bi-scissors",
}
# The films are screened to the workshop's families: being filmed needs at least that consent.
FILMABLE_CONSENTS = frozenset({Participant.MediaConsent.FAMILIES, Participant.MediaConsent.PUBLIC})


def may_be_filmed(children) -> set[int]:
    """The children (of those given, already loaded) whose consent allows being filmed for
    their group's film. Crew rotation reads consent only through here."""
    return {child.pk for child in children if child.media_consent in FILMABLE_CONSENTS}


# Children in a stable order: by reading, then name, then id (two children of one name).
CHILD_ORDER = ("family_name_reading", "given_name_reading", "family_name", "given_name", "pk")


def crew_of(film: Film):
    """The film's children in a stable order (the suggestion's tie-break)."""
    return Participant.objects.filter(membership__group_id=film.group_id).order_by(*CHILD_ORDER)


def _suggest(everyone, assignments, *, before: set[int]) -> list[tuple[int, str]]:
    """The suggested crew for a day, from the assignments (day id, child id, role) of the
    days `before` it."""
    return suggest_crew(
        [child.pk for child in everyone],
        ROLES,
        tried=tried_counts(
            (child, role) for day_id, child, role in assignments if day_id in before
        ),
        may_be_filmed=may_be_filmed(everyone),
    )


def suggested_crew(film: Film, *, day: WorkshopDay) -> list[tuple[int, str]]:
    """The crew suggested for `day`: (child id, role) pairs."""
    assignments = CrewAssignment.objects.filter(film=film, day__number__lt=day.number)
    return _suggest(
        list(crew_of(film)),
        list(assignments.values_list("day_id", "child_id", "role")),
        before=set(assignments.values_list("day_id", flat=True)),
    )


@dataclass
class RoleCell:
    role: str
    days: int  # on the crew page's day: 1 when the child holds the role; in the rotation: days
    allowed: bool
    label: str = field(init=False)
    icon: str = field(init=False)

    def __post_init__(self):
        # Read once per cell, in the reader's language: the page shows each many times.
        self.label = str(CrewRole(self.role).label)
        self.icon = ROLE_ICONS[self.role]


@dataclass
class DayRow:
    child: Participant
    cells: list[RoleCell]


@dataclass
class WeekRow:
    child: Participant
    days: list[tuple[WorkshopDay, list[RoleCell]]]  # the roles held each day


@dataclass
class RotationRow:
    child: Participant
    counts: list[RoleCell]

    @property
    def tried(self) -> int:
        return sum(1 for cell in self.counts if cell.days and cell.allowed)

    @property
    def possible(self) -> int:
        return sum(1 for cell in self.counts if cell.allowed)

    @property
    def has_tried_everything(self) -> bool:
        return self.tried == self.possible


@dataclass
class CrewBoard:
    """The crew page: one day's roles child by child, the week's rotation, and a suggested
    crew from the days before it for that day or, once its crew is set, the next."""

    film: Film
    days: list[WorkshopDay]
    day: WorkshopDay
    day_is_set: bool
    suggestion_day: WorkshopDay  # the day itself while it has no crew, else the next one
    children: list[Participant]
    filmable: set[int]
    day_rows: list[DayRow]
    week: list[WeekRow]
    rotation: list[RotationRow]
    suggestion: list[tuple[Participant, str]]
    hidden_children: int = 0
    roles: tuple[str, ...] = field(default=ROLES)

    @property
    def role_heads(self) -> list[RoleCell]:
        return [RoleCell(role, 0, True) for role in self.roles]

    @property
    def everyone_tried_everything(self) -> int:
        return sum(1 for row in self.rotation if row.has_tried_everything)

    @property
    def suggestion_by_role(self) -> list[tuple[str, list[Participant]]]:
        by_role = defaultdict(list)
        for child, role in self.suggestion:
            by_role[role].append(child)
        return [(RoleCell(role, 0, True), by_role[role]) for role in self.roles if by_role[role]]


def crew_board(film: Film, *, user, day_number: int | None = None) -> CrewBoard:
    """The crew page for `user`, on day `day_number` or, by default, the first day from today
    on whose crew is not set yet. Children the user may not see are counted, not named."""
    workshop = film.group.workshop
    days = list(
        WorkshopDay.objects.filter(workshop=workshop)
        .select_related("focus_stage")
        .order_by("number")
    )
    everyone = list(crew_of(film))
    visible = set(
        Participant.objects.visible_to(user)
        .filter(pk__in=[child.pk for child in everyone])
        .values_list("pk", flat=True)
    )
    children = [child for child in everyone if child.pk in visible]
    assignments = list(
        CrewAssignment.objects.filter(film=film).values_list("day_id", "child_id", "role")
    )
    day = _chosen_day(days, assignments, workshop.local_today(), day_number)
    tried = tried_counts((child, role) for day_id, child, role in assignments)
    held = defaultdict(set)  # child → roles held on the day
    for day_id, child, role in assignments:
        if day_id == day.pk:
            held[child].add(role)
    filmable = may_be_filmed(everyone)
    by_pk = {child.pk: child for child in children}
    suggestion_day = day
    if held:
        suggestion_day = next((other for other in days if other.number > day.number), day)
    before = {other.pk for other in days if other.number < suggestion_day.number}
    suggestion = _suggest(everyone, assignments, before=before)

    def allowed(child, role):
        return role not in ON_CAMERA or child.pk in filmable

    day_rows = [
        DayRow(
            child,
            [
                RoleCell(role, int(role in held.get(child.pk, ())), allowed(child, role))
                for role in ROLES
            ],
        )
        for child in children
    ]
    by_day_child = defaultdict(set)
    for day_id, child, role in assignments:
        by_day_child[day_id, child].add(role)
    week = [
        WeekRow(
            child,
            [
                (
                    other,
                    [
                        RoleCell(role, 1, allowed(child, role))
                        for role in ROLES
                        if role in by_day_child.get((other.pk, child.pk), ())
                    ],
                )
                for other in days
            ],
        )
        for child in children
    ]
    rotation = [
        RotationRow(
            child, [RoleCell(role, tried[child.pk, role], allowed(child, role)) for role in ROLES]
        )
        for child in children
    ]
    return CrewBoard(
        film=film,
        days=days,
        day=day,
        day_is_set=bool(held),
        suggestion_day=suggestion_day,
        children=children,
        filmable=filmable,
        day_rows=day_rows,
        week=week,
        rotation=rotation,
        suggestion=[(by_pk[child], role) for child, role in suggestion if child in by_pk],
        hidden_children=len(everyone) - len(children),
    )


def _chosen_day(days, assignments, today, number):
    by_number = {day.number: day for day in days}
    if number in by_number:
        return by_number[number]
    staffed = {day_id for day_id, _, _ in assignments}
    upcoming = [day for day in days if day.date >= today] or days[-1:]
    return next((day for day in upcoming if day.pk not in staffed), upcoming[0])


@dataclass
class Credit:
    role: str
    label: str
    names: list[str]
    others: int  # credited children the reader may not see named


CREDIT_LABELS = {
    "writer": pgettext_lazy("end credits", "Written by"),
    "director": pgettext_lazy("end credits", "Directed by"),
    "camera": pgettext_lazy("end credits", "Camera"),
    "sound": pgettext_lazy("end credits", "Sound"),
    "actor": pgettext_lazy("end credits", "Cast"),
    "editor": pgettext_lazy("end credits", "Edited by"),
}


def end_credits(film: Film, *, user) -> list[Credit]:
    """The film's end credits from its crew assignments: each role once, its children in a
    stable order (`CHILD_ORDER`: by reading, then name, then id). The reader sees the names of
    the children they may see (a family: their own) and a count of the others."""
    visible = set(
        Participant.objects.visible_to(user)
        .filter(membership__group_id=film.group_id)
        .values_list("pk", flat=True)
    )
    assignments = (
        CrewAssignment.objects.filter(film=film)
        .select_related("child")
        .order_by(*(f"child__{name}" for name in CHILD_ORDER))
    )
    return credits_from(assignments, name=lambda child: child.pk in visible and child.full_name)


def credits_from(assignments, *, name) -> list[Credit]:
    """Credits from one film's crew assignments, in `CHILD_ORDER`: each role once, each child
    once per role, named `name(child)` or, where that is empty, counted among the others."""
    credited = defaultdict(dict)
    for assignment in assignments:
        credited[assignment.role].setdefault(assignment.child_id, assignment.child)
    credits = []
    for role in ROLES:
        if not credited[role]:
            continue
        names = [name(child) for child in credited[role].values()]
        credits.append(
            Credit(
                role=role,
                label=str(CREDIT_LABELS[role]),
                names=[shown for shown in names if shown],
                others=sum(1 for shown in names if not shown),
            )
        )
    return credits


@dataclass
class ProgrammeFilm:
    """A film in the screening's running order, with its crew credited by first name."""

    position: int
    film: Film
    credits: list[Credit]
    # Children credited in front of the camera whose consent keeps them from a public
    # screening: the organizers' to settle before the day (never named on the page).
    on_screen_without_consent: int = 0


# Named in the programme, and seen on screen: children whose consent allows the public.
SHOWN_AT_SCREENING = frozenset({Participant.MediaConsent.PUBLIC})


def screening_films(workshop) -> list[Film]:
    """The screening's films in their running order (the groups' order), with their groups."""
    return list(
        Film.objects.filter(group__workshop=workshop)
        .select_related("group")
        .order_by("group__name", "group__pk")
    )


def screening_programme(workshop) -> list[ProgrammeFilm]:
    """The screening's running order (`screening_films`) with each film's title, logline and
    credits from the crew-role log. A child is named, by first name only, only while their
    consent allows the public screening; the others are counted, never named. The same for
    every reader: it is what the screen shows."""
    films = screening_films(workshop)
    by_film = defaultdict(list)
    for assignment in (
        CrewAssignment.objects.filter(film__in=films)
        .select_related("child")
        .order_by("film_id", *(f"child__{name}" for name in CHILD_ORDER))
    ):
        by_film[assignment.film_id].append(assignment)
    programme = []
    for position, film in enumerate(films, start=1):
        assignments = by_film[film.pk]
        on_screen = {
            assignment.child_id
            for assignment in assignments
            if assignment.role in ON_CAMERA
            and assignment.child.media_consent not in SHOWN_AT_SCREENING
        }
        programme.append(
            ProgrammeFilm(
                position=position,
                film=film,
                credits=credits_from(assignments, name=_screen_name),
                on_screen_without_consent=len(on_screen),
            )
        )
    return programme


def _screen_name(child) -> str:
    return child.given_name if child.media_consent in SHOWN_AT_SCREENING else ""


def children_without_a_photo_today(group, children) -> list:
    """Of the group's children given, those in no photo of the group uploaded today (in the
    workshop's time zone), failed ones apart: whom the mentors still have to photograph."""
    workshop = group.workshop
    start = datetime.datetime.combine(workshop.local_today(), datetime.time(), tzinfo=workshop.tz)
    photographed = set(
        MediaAsset.children.through.objects.filter(
            mediaasset__group=group,
            mediaasset__kind=MediaAsset.Kind.PHOTO,
            mediaasset__created_at__gte=start,
            mediaasset__created_at__lt=start + datetime.timedelta(days=1),
        )
        .exclude(mediaasset__state=MediaAsset.State.FAILED)
        .values_list("participant_id", flat=True)
    )
    return [child for child in children if child.pk not in photographed]
