"""No page's query count grows with the data: each is pinned at the same number at two sizes."""

import datetime

import pytest
from django.urls import reverse
from django.utils.functional import empty

from projects.models import LogEntry
from projects.services import add_frame, save_script, set_crew_role, set_stage_progress
from tests.conftest import DAY_THREE
from tests.factories import (
    GroupFactory,
    GuardianFactory,
    MembershipFactory,
    ParticipantFactory,
    PickupContactFactory,
    SessionFactory,
    ShotFactory,
    StaffMembershipFactory,
    WorkshopFactory,
)
from workshop.models import Attendance, StaffMembership
from workshop.selectors import health_records_for
from workshop.services import publish_schedule

pytestmark = pytest.mark.django_db


def grow(cast, times: int) -> None:
    """Add groups, children, sessions and notes to the cast's workshop, and earlier editions
    in which the same people took part, `times` over."""
    for n in range(times):
        earlier = WorkshopFactory(start_date=datetime.date(2020 + n, 7, 27))
        StaffMembershipFactory(
            user=cast.organizer, workshop=earlier, role=StaffMembership.Role.ORGANIZER
        )
        StaffMembershipFactory(user=cast.mentor_a, workshop=earlier)
        earlier_group = GroupFactory(workshop=earlier, mentors=[cast.mentor_a])
        earlier_child = ParticipantFactory(workshop=earlier)
        MembershipFactory(participant=earlier_child, group=earlier_group)
        GuardianFactory(user=cast.parent_two, participant=earlier_child)
        group = GroupFactory(workshop=cast.workshop, mentors=[cast.mentor_a])
        for _ in range(3):
            child = ParticipantFactory(
                workshop=cast.workshop, allergies="Egg", medical_notes="Inhaler"
            )
            MembershipFactory(participant=child, group=group)
            health_records_for(cast.organizer, [child], page="children")
            PickupContactFactory(participant=child)
            Attendance.objects.create(
                participant=child,
                day=cast.workshop.days.get(number=3),
                checked_in_at=DAY_THREE,
                checked_out_at=DAY_THREE,
                picked_up_by_name="Mallory",
                picked_up_unlisted=True,
            )
        GuardianFactory(user=cast.parent_two, participant=child)
        newcomer = ParticipantFactory(workshop=cast.workshop)
        MembershipFactory(participant=newcomer, group=cast.group_a)
        for number, role in ((n + 1, "camera"), (n + 2, "actor")):
            day = cast.workshop.days.get(number=number)
            set_crew_role(cast.group_a.film, day=day, child=newcomer, role=role, held=True)
        for day in cast.workshop.days.all():
            SessionFactory(workshop=cast.workshop, day=day, groups=[group, cast.group_a])
            SessionFactory(workshop=cast.workshop, day=day, for_all_groups=True)
        LogEntry.objects.create(
            film=cast.group_a.film, author=cast.mentor_a, written_on=datetime.date(2026, 7, 27),
            body=f"Note {n}", shared_with_families=True,
        )  # fmt: skip
        film = cast.group_a.film
        set_stage_progress(
            film, cast.workshop.stages.all()[n], status="done", by=cast.mentor_a, note=f"N {n}"
        )
        save_script(film, text=f"SCENE {n}.", by=cast.mentor_a if n % 2 else cast.organizer)
        add_frame(film, caption=f"Frame {n}")
        ShotFactory(film=film, scene=n + 1)
        publish_schedule(cast.workshop, by=cast.organizer)


PAGES = [
    # viewer, url name, arguments, queries
    # Organizers' pages compare the working copy with the latest release (3 queries more);
    # the week reads the working copy once for its schedule and for that comparison. The
    # organizer's home lists what to look at in the plan (2 more: groups with their sizes and
    # mentors; the children without a group are counted once for the page), and the children
    # who left with someone not on their pickup list (1 more).
    ("organizer", "home", lambda cast: [], 20),
    ("mentor_a", "home", lambda cast: [], 17),
    # The family home shows each group's latest note shared from the set (1 query).
    ("parent_two", "home", lambda cast: [], 12),
    ("parent_two", "week", lambda cast: ["summer"], 11),
    ("organizer", "week", lambda cast: ["summer"], 15),
    ("mentor_a", "day", lambda cast: ["summer", 1], 12),
    ("parent_two", "day", lambda cast: ["summer", 1], 11),
    # The film's pages (issue 14), for its mentor and for another group's mentor who reads;
    # the film, its group and workshop in one query.
    ("mentor_a", "film_script", lambda cast: [cast.group_a.pk], 8),
    ("mentor_b", "film_script", lambda cast: [cast.group_a.pk], 8),
    ("mentor_a", "film_storyboard", lambda cast: [cast.group_a.pk], 8),
    ("mentor_a", "film_shots", lambda cast: [cast.group_a.pk], 9),
    ("mentor_a", "film_edit", lambda cast: [cast.group_a.pk], 7),
    ("mentor_b", "group", lambda cast: [cast.group_a.pk], 14),
    # A group's notes are paged: one query counts them. Pages that show health records read
    # them in one query and write the audit in one insert (2 more).
    ("mentor_a", "group", lambda cast: [cast.group_a.pk], 16),
    # parent_two's child in group A has nothing to show: no read to write.
    ("parent_two", "group", lambda cast: [cast.group_a.pk], 14),
    # A child's page: health record, audit, latest consents (3 more); pickup contacts and
    # attendance (2 more).
    ("mentor_a", "participant", lambda cast: [cast.child_a1.pk], 13),
    ("organizer", "participant", lambda cast: [cast.child_a1.pk], 13),
    # A family is shown no guardian's contacts, so no child's group is read for them.
    ("parent_a", "participant", lambda cast: [cast.child_a1.pk], 12),
    ("mentor_a", "film_crew", lambda cast: [cast.group_a.pk], 11),
    ("mentor_b", "film_crew", lambda cast: [cast.group_a.pk], 11),
    ("organizer", "film_credits", lambda cast: [cast.group_a.pk], 9),
    ("parent_two", "film_credits", lambda cast: [cast.group_a.pk], 8),
    # The children list is paged: one query counts the children found.
    ("organizer", "children", lambda cast: ["summer"], 14),
    ("mentor_a", "children", lambda cast: ["summer"], 14),
    ("organizer", "health_reads", lambda cast: ["summer"], 9),
    # The dashboard (issue 13), rendered: the days (for the times its cached page depends
    # on, then for the page), the day's sessions with their groups and mentors (3), the
    # rooms, the groups with their mentors, films' progress and the stages (4), the children
    # counted once (for the plan's warnings, consent and emergency contacts), the day's
    # attendance counted, the failed deliveries (issue 17).
    ("organizer", "dashboard", lambda cast: ["summer"], 20),
    ("organizer", "child_edit", lambda cast: [cast.child_a1.pk], 9),
    # The call sheet (issue 13): the day, its sessions with their groups and mentors (3), the
    # groups with their mentors (2), the children, their health records and the audit's
    # insert (3), the organizers. A family's: whether the release holds the day and its copy
    # (2), their children with their groups' mentors and their groups' released sessions,
    # the organizers; no health record.
    ("organizer", "call_sheet", lambda cast: ["summer", 1], 16),
    ("mentor_b", "call_sheet", lambda cast: ["summer", 1], 16),
    ("parent_two", "call_sheet", lambda cast: ["summer", 1], 14),
    # Attendance: the children of the viewer's groups with who may pick them up, their
    # contacts and the day's attendance, one query each.
    ("organizer", "attendance", lambda cast: ["summer", 3], 13),
    ("mentor_a", "attendance", lambda cast: ["summer", 3], 13),
    # Issue 16: the family's calendar page (their feed's address) and their child's consent.
    ("parent_two", "calendar", lambda cast: [], 6),
    ("parent_two", "family_consent", lambda cast: [cast.child_a2.pk], 6),
    # The screening: the released screening session, the films with their groups, their
    # crews with the children (one query each); a family's own reply; organizers' totals and
    # the invitations sent by e-mail.
    ("organizer", "screening", lambda cast: ["summer"], 12),
    ("mentor_a", "screening", lambda cast: ["summer"], 10),
    ("parent_two", "screening", lambda cast: ["summer"], 10),
]


@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize(
    "viewer, name, arguments, queries", PAGES, ids=[f"{v}-{n}" for v, n, _, _ in PAGES]
)
def test_page_query_count_does_not_grow(
    client, cast, django_assert_num_queries, size, viewer, name, arguments, queries
):
    grow(cast, size)
    client.force_login(getattr(cast, viewer))
    url = reverse(name, args=arguments(cast))
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 3])
def test_children_search_by_reading_romaji_and_guardian_asks_as_many_queries_as_the_list(
    client, cast, django_assert_num_queries, size
):
    cast.child_a1.given_name_reading = "ひな"
    cast.child_a1.save()
    grow(cast, size)
    client.force_login(cast.organizer)
    url = reverse("children", args=["summer"])
    query = {"q": f"Aoyama hina {cast.parent_a.last_name}"}
    with django_assert_num_queries(14):
        response = client.get(url, query)
    assert [child for child, _ in response.context["rows"]] == [cast.child_a1]


@pytest.mark.parametrize("size", [1, 3])
def test_crew_page_served_again_from_the_cache_reads_only_the_reader_and_the_film(
    client, cast, django_assert_num_queries, size
):
    grow(cast, size)
    client.force_login(cast.mentor_a)
    url = reverse("film_crew", args=[cast.group_a.pk])
    first = client.get(url)

    # The session, the user, and the film with its group and workshop.
    with django_assert_num_queries(3):
        again = client.get(url)
    assert again.context["board"]._wrapped is empty  # the board was not read
    crew = first.text[first.text.index('<div id="crew">') :]
    assert crew[: crew.index("</main>")] in again.text


@pytest.mark.parametrize("size", [1, 3])
def test_dashboard_served_again_from_the_cache_reads_only_the_reader_and_the_workshop(
    client, cast, django_assert_num_queries, size
):
    """The session, the reader and the workshop (its failed deliveries are kept under their
    own version)."""
    grow(cast, size)
    client.force_login(cast.organizer)
    url = reverse("dashboard", args=["summer"])
    client.get(url)

    with django_assert_num_queries(3):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 3])
def test_call_sheet_served_again_from_the_cache_only_writes_the_audit(
    client, cast, django_assert_num_queries, size, monkeypatch
):
    monkeypatch.setattr("workshop.selectors.HEALTH_READ_WINDOW", 0)  # every read is written
    grow(cast, size)
    client.force_login(cast.organizer)
    url = reverse("call_sheet", args=["summer", 1])
    client.get(url)

    # The session, the reader and the audit's insert.
    with django_assert_num_queries(3):
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["content"]
