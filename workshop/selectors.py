"""Reads that serve one page each, built on the `visible_to(user)` querysets.

Each returns plain objects for a template, in a fixed number of queries however many
days, sessions, groups or children there are.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import caches
from django.db import connections, models, router
from django.db.models import BooleanField, Case, Count, F, Prefetch, Q, Value, When
from django.utils import timezone

from groups.models import Group
from groups.selectors import GroupCard, groups_with_progress
from projects.models import LogEntry, Stage
from workshop import releases
from workshop.access import (
    can_organize,
    can_see_allergies,
    can_see_health_notes,
    is_staff_of,
    roles_of,
)
from workshop.conflicts import children_counts, schedule_warnings
from workshop.models import (
    Attendance,
    Guardian,
    HealthRecord,
    HealthRecordRead,
    Participant,
    PickupContact,
    ReleasedDay,
    ReleasedSession,
    ScheduleRelease,
    Session,
    StaffMembership,
    Workshop,
    WorkshopDay,
)
from workshop.page_cache import cached_for


@dataclass
class ParallelSessions:
    """Several groups at the same stage at the same time, each in its own room."""

    starts_at: datetime.time
    ends_at: datetime.time
    stage: Stage | None
    sessions: list[Session]


@dataclass
class DayPlan:
    day: WorkshopDay | ReleasedDay
    sessions: list[Session] = field(default_factory=list)

    def slots(self) -> list[Session | ParallelSessions]:
        """The day at a glance: stage work that runs side by side in several rooms is one row."""
        rows: dict[tuple, list[Session]] = {}
        for session in self.sessions:
            if (
                session.kind == Session.Kind.STAGE_WORK
                and session.stage_id is not None
                and not session.for_all_groups
            ):
                key = (session.starts_at, session.ends_at, session.stage_id)
            else:
                key = (session.pk,)
            rows.setdefault(key, []).append(session)
        return [
            ParallelSessions(group[0].starts_at, group[0].ends_at, group[0].stage, group)
            if len(group) > 1
            else group[0]
            for group in rows.values()
        ]


def schedule_of(workshop_id: int, user):
    """The sessions of a workshop this user reads: its staff the working copy, families
    their children's part of the latest release (without what it cancelled)."""
    if is_staff_of(user, workshop_id):
        return Session.objects.filter(day__workshop_id=workshop_id)
    return ReleasedSession.objects.visible_to(user).current().filter(day__workshop_id=workshop_id)


def days_of(workshop: Workshop, user) -> dict[int, WorkshopDay | ReleasedDay]:
    """The workshop's days in date order, by id, as this user reads them: its staff the live
    days (each with its `released_copy`), families the latest release's copies (no day before
    the first release)."""
    days = workshop.days.with_latest_release().select_related("focus_stage").order_by("date")
    if is_staff_of(user, workshop.pk):
        return {day.pk: day for day in days}
    return {day.pk: day.released_copy for day in days if day.released_copy}


def details_of(day: WorkshopDay, user) -> WorkshopDay | ReleasedDay | None:
    """What this user reads of a day read `with_latest_release()`: the day itself for its
    workshop's staff, the latest release's copy for families (None if it holds none)."""
    return day if is_staff_of(user, day.workshop_id) else day.released_copy


def week_plan(workshop: Workshop, user, *, group: Group | None = None) -> list[DayPlan]:
    """Every day of the workshop with the sessions this user may see, in time order;
    with a group, only that group's sessions and everyone's."""
    plans = {pk: DayPlan(day) for pk, day in days_of(workshop, user).items()}
    sessions = schedule_of(workshop.pk, user).with_details()
    if group is not None:
        sessions = sessions.for_group(group)
    for session in sessions.order_by("starts_at", "title"):
        plans[session.day_id].sessions.append(session)
    return list(plans.values())


def day_sessions(day: WorkshopDay, user) -> list[Session | ReleasedSession]:
    return list(
        schedule_of(day.workshop_id, user)
        .for_day(day)
        .with_details()
        .order_by("starts_at", "title")
    )


def groups_to_filter_children_by(workshop: Workshop, user):
    """The groups whose children the user may list: all for organizers, else their own."""
    groups = Group.objects.visible_to(user).filter(workshop=workshop)
    if can_organize(user, workshop.pk):
        return groups
    roles = roles_of(user)
    return groups.filter(Q(id__in=roles.mentored_groups) | Q(id__in=roles.family_groups))


def current_or_next_day(days: list[WorkshopDay], today: datetime.date) -> WorkshopDay | None:
    """Today's workshop day, else the next one, else the last one (the week is over)."""
    upcoming = [day for day in days if day.date >= today]
    if upcoming:
        return min(upcoming, key=lambda day: day.date)
    return max(days, key=lambda day: day.date, default=None)


@dataclass
class WorkshopOverview:
    workshop: Workshop
    week: list[DayPlan]
    today: WorkshopDay | None
    children: int
    children_without_group: int
    groups: list[Group]
    mentors: int
    unreleased: int
    warnings: list
    unlisted_pickups: list[Attendance] = field(default_factory=list)

    @property
    def today_plan(self) -> DayPlan | None:
        return next((plan for plan in self.week if plan.day == self.today), None)


def organizer_overview(workshop: Workshop, user) -> WorkshopOverview:
    week = week_plan(workshop, user)
    sessions = [session for plan in week for session in plan.sessions]
    counts = children_counts(workshop)
    groups = list(workshop.groups.annotate(size=Count("memberships")).order_by("name"))
    return WorkshopOverview(
        workshop=workshop,
        week=week,
        today=current_or_next_day([plan.day for plan in week], workshop.local_today()),
        children=counts["children"],
        children_without_group=counts["without_group"],
        groups=groups,
        mentors=workshop.staff.mentors().count(),
        unreleased=len(
            unreleased_changes(workshop, sessions=sessions, days=[plan.day for plan in week])
        ),
        warnings=schedule_warnings(
            workshop, days=[plan.day for plan in week], sessions=sessions, counts=counts
        ),
        unlisted_pickups=list(
            Attendance.objects.unlisted_pickups()
            .filter(day__workshop=workshop)
            .select_related("participant", "day")
            .order_by("-checked_out_at")
        ),
    )


@dataclass
class MentorOverview:
    workshop: Workshop
    groups: list[GroupCard]
    day: WorkshopDay | None
    sessions: list[Session]


def mentor_overviews(user) -> list[MentorOverview]:
    """For each workshop the user mentors in: their groups, and today's (or the next) day."""
    roles = roles_of(user)
    workshop_ids = roles.staffed_workshops - roles.organized_workshops
    workshop_ids |= set(
        Group.objects.filter(id__in=roles.mentored_groups).values_list("workshop_id", flat=True)
    )
    overviews = []
    workshops = Workshop.objects.filter(id__in=workshop_ids).current_or_latest()
    for workshop in workshops.prefetch_related("days"):
        days = list(workshop.days.all())
        day = current_or_next_day(days, workshop.local_today())
        mine = Group.objects.filter(workshop=workshop, id__in=roles.mentored_groups)
        sessions = day_sessions(day, user) if day else []
        sessions = [
            session
            for session in sessions
            if session.for_all_groups
            or any(group.id in roles.mentored_groups for group in session.groups.all())
            or any(mentor.id == user.id for mentor in session.mentors.all())
        ]
        overviews.append(MentorOverview(workshop, groups_with_progress(mine), day, sessions))
    return overviews


@dataclass
class ChildDay:
    child: Participant
    day: ReleasedDay | None
    sessions: list[Session]
    latest_note: LogEntry | None = None


def family_overview(user) -> list[ChildDay]:
    """Each of the user's children with today's (or the next) workshop day and its sessions."""
    roles = roles_of(user)
    children = list(
        Participant.objects.filter(
            id__in=roles.children,
            workshop__in=Workshop.objects.filter(
                id__in=roles.family_workshops, is_published=True
            ).current_or_latest(),
        )
        .select_related("workshop", "membership__group__film")
        .prefetch_related("membership__group__mentors")
        .order_by("birth_date")
    )
    workshops = {child.workshop_id: child.workshop for child in children}
    days_by_workshop = defaultdict(list)
    for day in (
        WorkshopDay.objects.filter(workshop_id__in=workshops)
        .with_latest_release()
        .select_related("workshop")
    ):
        if day.released_copy:
            days_by_workshop[day.workshop_id].append(day.released_copy)
    chosen = {
        workshop_id: current_or_next_day(days_by_workshop[workshop_id], workshop.local_today())
        for workshop_id, workshop in workshops.items()
    }
    sessions_by_day = defaultdict(list)
    for session in (
        ReleasedSession.objects.visible_to(user)
        .current()
        .filter(day__in=[day.day_id for day in chosen.values() if day])
        .with_details()
        .order_by("starts_at", "title")
    ):
        sessions_by_day[session.day_id].append(session)
    latest_notes = {}
    for entry in (
        LogEntry.objects.visible_to(user)
        .filter(
            shared_with_families=True,
            film__group_id__in={child.group_id for child in children} - {None},
        )
        .annotate(group_id=F("film__group_id"))
        .select_related("author", "stage")
        .order_by("-written_on", "-created_at")
    ):
        latest_notes.setdefault(entry.group_id, entry)
    result = []
    for child in children:
        day = chosen[child.workshop_id]
        sessions = [
            session
            for session in (sessions_by_day[day.day_id] if day else [])
            if session.for_all_groups
            or child.group_id in {group.id for group in session.groups.all()}
        ]
        result.append(ChildDay(child, day, sessions, latest_notes.get(child.group_id)))
    return result


def release_changes(release: ScheduleRelease) -> list[releases.Change | releases.DayChange]:
    """What this release changed since the one before it: its sessions, then what families
    read of each day, in the order of the days."""
    previous = ScheduleRelease.objects.filter(
        workshop_id=release.workshop_id, number=release.number - 1
    ).first()
    before = releases.released(previous.sessions.with_details()) if previous else {}
    days = defaultdict(list)
    for copy in ReleasedDay.objects.filter(
        release__in=[release.pk, previous.pk] if previous else [release.pk]
    ).select_related("day", "focus_stage"):
        days[copy.release_id].append(copy)
    return releases.summary(
        releases.changes(before, releases.released(release.sessions.with_details())),
        releases.day_changes(
            releases.released_days(days[previous.pk] if previous else []),
            releases.released_days(days[release.pk]),
        ),
    )


def unreleased_changes(
    workshop: Workshop, *, sessions=None, days=None
) -> list[releases.Change | releases.DayChange]:
    """What the working copy changes since the latest release (everything, before the first),
    sessions and days. `sessions`: the workshop's whole working copy with details, and
    `days`: its days read `with_latest_release()`, when the caller has them."""
    before = releases.released(
        ReleasedSession.objects.filter(release_id=workshop.latest_release_id).with_details()
    )
    if sessions is None:
        sessions = Session.objects.filter(day__workshop=workshop).with_details()
    if days is None:
        days = workshop.days.with_latest_release().select_related("focus_stage")
    days = list(days)
    return releases.summary(
        releases.changes(before, releases.working_copy(sessions)),
        releases.day_changes(
            releases.released_days(day.released_copy for day in days if day.released_copy),
            releases.working_days(days),
        ),
    )


def release_audience(
    release: ScheduleRelease,
) -> dict[int, list[releases.Change | releases.DayChange]]:
    """Each guardian's and mentor's own changes in a release, by user id: a guardian's are
    those of their children's groups, everyone's and every change to a day's details (pickup,
    what to bring…); a mentor's those of the sessions they lead, of their groups' sessions
    and everyone's."""
    found = release_changes(release)
    if not found:
        return {}
    workshop_id = release.workshop_id
    guardians_by_group = defaultdict(set)
    all_guardians = set()
    for user_id, group_id in Guardian.objects.filter(
        participant__workshop_id=workshop_id
    ).values_list("user_id", "participant__membership__group_id"):
        all_guardians.add(user_id)
        if group_id is not None:
            guardians_by_group[group_id].add(user_id)
    mentors_by_group = defaultdict(set)
    for group_id, user_id in Group.mentors.through.objects.filter(
        group__workshop_id=workshop_id
    ).values_list("group_id", "user_id"):
        mentors_by_group[group_id].add(user_id)
    all_mentors = set(
        StaffMembership.objects.filter(
            workshop_id=workshop_id, role=StaffMembership.Role.MENTOR
        ).values_list("user_id", flat=True)
    )
    audience = defaultdict(list)
    for change in found:
        if change.kind == releases.ChangeKind.DAY:
            people = all_guardians  # every family drops off and picks up
        elif change.for_all_groups:
            people = all_guardians | all_mentors
        else:
            people = set(change.mentor_ids)
            for group_id in change.group_ids:
                people |= guardians_by_group[group_id] | mentors_by_group[group_id]
        for user_id in people:
            audience[user_id].append(change)
    return dict(audience)


@dataclass(frozen=True)
class HealthView:
    """What one reader may read of one child's health record. `full` is False when only the
    allergies are theirs to read: the other fields are then empty, never loaded."""

    allergies: str = ""
    full: bool = False
    has_medical_notes: bool = False
    medical_notes: str = ""
    emergency_contact_name: str = ""
    emergency_contact_phone: str = ""

    @property
    def shows_something(self) -> bool:
        """Whether a page showing this view discloses part of the record, and so is a read
        the audit keeps: a whole record always (even "none known"); in a list, the allergies
        or the flag of a medical note, not a blank cell."""
        return self.full or bool(self.allergies) or self.has_medical_notes


def health_records_for(
    user, children, *, page: HealthRecordRead.Page | str, full: bool = True
) -> dict[int, HealthView]:
    """The health records of these children that this user may read, by child id, and one
    audit row per child read, written in one insert. Allergies are for the workshop's staff
    and the child's family; the rest for the workshop's organizers, the child's group's
    mentors and the child's family. With `full=False` (lists), only allergies and whether
    there are medical notes are read. A read is written for each child of whom the page
    shows something (`HealthView.shows_something`). `children` must come with their
    membership loaded; `page` names the page in the audit. The only way to read a health
    record."""
    may_read, notes_for = {}, []
    for child in children:
        if can_see_health_notes(user, child.workshop_id, child.group_id, child.pk):
            notes_for.append(child.pk)
            scope = HealthRecordRead.Scope.FULL if full else HealthRecordRead.Scope.ALLERGIES
        elif can_see_allergies(user, child.workshop_id, child.pk):
            scope = HealthRecordRead.Scope.ALLERGIES
        else:
            continue
        may_read[child.pk] = (child.workshop_id, scope)
    if not may_read:
        return {}
    columns = {
        "has_medical_notes": Case(
            When(Q(participant_id__in=notes_for) & ~Q(medical_notes=""), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    }
    full_for = [pk for pk, (_, scope) in may_read.items() if scope == HealthRecordRead.Scope.FULL]
    if full_for:
        columns |= {
            f"shown_{name}": Case(
                When(participant_id__in=full_for, then=F(name)),
                default=Value(""),
                output_field=models.TextField(),
            )
            for name in ("medical_notes", "emergency_contact_name", "emergency_contact_phone")
        }
    found = {
        row.pop("participant_id"): {
            name.removeprefix("shown_"): value for name, value in row.items()
        }
        for row in HealthRecord.objects.filter(participant_id__in=may_read).values(
            "participant_id", "allergies", **columns
        )
    }
    views = {
        pk: HealthView(full=scope == HealthRecordRead.Scope.FULL, **found.get(pk, {}))
        for pk, (_, scope) in may_read.items()
    }
    record_health_reads(
        user, {pk: may_read[pk] for pk, view in views.items() if view.shows_something}, page=page
    )
    return views


def record_health_reads(user, reads: dict[int, tuple[int, str]], *, page: str) -> None:
    """Write to the audit that the user read these children's health records (child id →
    workshop id and scope), in one insert. `health_records_for` calls it; a page served
    from the cache calls it again with what the cached page shows. The same read again
    within `HEALTH_READ_WINDOW` seconds is already there, and is not written twice.

    The rows go straight to the database in one statement: a page such as a call sheet
    shows a hundred records, and building a model instance and its SQL for each
    (`bulk_create`) cost more than the rest of the cached page. On PostgreSQL the columns
    that vary are sent as three arrays (`unnest`), since binding seven values per row took
    longer than the insert itself; elsewhere, as rows of values. The columns are the
    model's, read from its fields."""
    if not reads or _read_again_soon(user, reads, page):
        return
    meta = HealthRecordRead._meta
    names = ("workshop", "participant", "reader", "reader_email", "scope", "page", "read_at")
    fields = [meta.get_field(name) for name in names]
    connection = connections[router.db_for_write(HealthRecordRead)]
    quote = connection.ops.quote_name
    insert = "INSERT INTO {} ({})".format(
        quote(meta.db_table), ", ".join(quote(field.column) for field in fields)
    )
    read_at = fields[-1].get_db_prep_save(timezone.now(), connection)
    reader, email, page = user.pk, user.email, str(page)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"{insert} SELECT w, p, %s, %s, s, %s, %s "
                "FROM unnest(%s::bigint[], %s::bigint[], %s::text[]) AS r(w, p, s)",
                [
                    reader,
                    email,
                    page,
                    read_at,
                    [workshop_id for workshop_id, _ in reads.values()],
                    list(reads),
                    [str(scope) for _, scope in reads.values()],
                ],
            )
            return
        rows = [
            (workshop_id, pk, reader, email, str(scope), page, read_at)
            for pk, (workshop_id, scope) in reads.items()
        ]
        batch = connection.ops.bulk_batch_size(fields, rows)
        values = "({})".format(", ".join(["%s"] * len(fields)))
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            cursor.execute(
                f"{insert} VALUES {', '.join([values] * len(chunk))}",
                [value for row in chunk for value in row],
            )


# A reader who sees the same records on the same page again within this many seconds (a
# reload, a phone coming back to the tab) leaves one line, not one per view.
HEALTH_READ_WINDOW = 60


def _read_again_soon(user, reads, page) -> bool:
    """Whether this reader's read of these records on this page is already in the audit from
    the last `HEALTH_READ_WINDOW` seconds (kept in this process's memory: each process records
    its first read). Exports always leave their line: each is a copy that leaves the site."""
    if page == HealthRecordRead.Page.EXPORT:
        return False
    key = f"kachinko:health-read:{user.pk}:{page}:{hash(frozenset(reads.items()))}"
    return not caches["template_fragments"].add(key, True, timeout=HEALTH_READ_WINDOW)


def cached_with_health_reads(user, name: str, compute, *, page: str):
    """A page part rendered once per reader and data version (`page_cache.cached_for`) that
    shows health data: `compute` returns the part and the health reads it shows (child id →
    workshop id and scope, as `record_health_reads` takes them). Rendered, the reads were
    audited by `health_records_for`; served again from the cache, they are audited again, so
    every time a reader sees a child's allergies leaves its line (one a minute at most)."""
    rendered = []

    def render():
        rendered.append(True)
        return compute()

    part, reads = cached_for(user, name, render)
    if not rendered:
        record_health_reads(user, reads, page=page)
    return part


# --- Attendance ---------------------------------------------------------------------------


@dataclass
class AttendanceRow:
    """A child on a day: their attendance (None before they arrive) and who may pick them up
    (guardians first, then approved contacts). Emergency-only contacts are health data: they
    stay on the child's page."""

    child: Participant
    attendance: Attendance | None
    pickups: list[Guardian | PickupContact]

    @property
    def state(self) -> str:
        if self.attendance is None:
            return "expected"
        return "left" if self.attendance.is_checked_out else "present"


@dataclass
class AttendanceGroup:
    group: Group | None
    rows: list[AttendanceRow]

    @property
    def present(self) -> int:
        return sum(row.state == "present" for row in self.rows)

    @property
    def left(self) -> int:
        return sum(row.state == "left" for row in self.rows)


def groups_taking_attendance(workshop: Workshop, user):
    """The groups whose attendance the user takes: every group for organizers, else their own."""
    groups = Group.objects.filter(workshop=workshop).order_by("name")
    if can_organize(user, workshop.pk):
        return groups
    return groups.filter(id__in=roles_of(user).mentored_groups)


def attendance_rows(day: WorkshopDay, children) -> list[AttendanceRow]:
    """The rows of these children (a queryset) on the day, in four queries however many."""
    children = children.select_related("membership__group").prefetch_related(
        Prefetch(
            "guardians",
            queryset=Guardian.objects.filter(may_pick_up=True).select_related("user"),
            to_attr="pickup_guardians",
        ),
        Prefetch(
            "pickup_contacts", queryset=PickupContact.objects.may_pick_up(), to_attr="contacts"
        ),
        Prefetch("attendance", queryset=Attendance.objects.filter(day=day), to_attr="on_day"),
    )
    return [
        AttendanceRow(
            child=child,
            attendance=child.on_day[0] if child.on_day else None,
            pickups=[
                *sorted(child.pickup_guardians, key=lambda g: g.user.display_name),
                *child.contacts,
            ],
        )
        for child in children
    ]


def attendance_sheet(day: WorkshopDay, *, groups, with_ungrouped: bool) -> list[AttendanceGroup]:
    """The day's attendance of these groups' children, by group; `with_ungrouped` (for
    organizers) adds the children without a group, last."""
    groups = list(groups)
    matches = Q(membership__group__in=groups)
    if with_ungrouped:
        matches |= Q(membership__isnull=True)
    by_group = defaultdict(list)
    children = Participant.objects.filter(matches, workshop_id=day.workshop_id)
    for row in attendance_rows(day, children):
        by_group[row.child.group_id].append(row)
    sheet = [AttendanceGroup(group, by_group[group.pk]) for group in groups]
    if by_group.get(None):
        sheet.append(AttendanceGroup(None, by_group[None]))
    return sheet
