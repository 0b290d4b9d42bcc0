import datetime
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from groups.models import Group
from projects.models import CrewAssignment
from projects.selectors import FILMABLE_CONSENTS
from workshop.dashboard import dashboard_of
from workshop.demo import DEMO_PASSWORD, DEMO_SLUG
from workshop.models import (
    ConsentRecord,
    HealthRecord,
    Participant,
    Session,
    StaffMembership,
    User,
    Workshop,
)

pytestmark = pytest.mark.django_db
START = "2026-07-27"


def snapshot():
    """Everything the demo holds, without database ids."""
    workshop = Workshop.objects.get(slug=DEMO_SLUG)
    return {
        "workshop": (workshop.title, workshop.start_date, workshop.end_date, workshop.time_zone),
        "users": sorted(User.objects.values_list("email", "first_name", "last_name", "language")),
        "children": sorted(
            Participant.objects.values_list(
                "family_name",
                "given_name",
                "birth_date",
                "media_consent",
                "health__allergies",
                "membership__group__name",
            )
        ),
        "consents": sorted(
            ConsentRecord.objects.values_list(
                "participant__given_name", "media_consent", "recorded_by__email", "recorded_at"
            )
        ),
        "health": sorted(
            HealthRecord.objects.values_list(
                "participant__given_name", "allergies", "medical_notes", "emergency_contact_phone"
            )
        ),
        "guardians": sorted(
            Participant.objects.values_list("given_name", "guardians__user__email")
        ),
        "sessions": sorted(
            Session.objects.values_list("day__number", "starts_at", "title", "room__name")
        ),
        "staff": sorted(StaffMembership.objects.values_list("user__email", "role", "specialty")),
        "groups": sorted(Group.objects.values_list("name", "colour", "film__title", "mentors")),
    }


def test_seeding_twice_gives_the_same_data():
    call_command("seed_demo", start=START, stdout=StringIO())
    first = snapshot()
    call_command("seed_demo", start=START, stdout=StringIO())
    assert snapshot() == first
    assert Workshop.objects.count() == 1


def test_demo_week_is_a_full_workshop():
    call_command("seed_demo", start=START, stdout=StringIO())
    workshop = Workshop.objects.get(slug=DEMO_SLUG)
    assert workshop.is_published
    assert workshop.days.count() == 7
    assert workshop.participants.count() == 30
    assert sorted(Group.objects.values_list("name", flat=True)) == [
        "Firefly", "Kite", "Lantern", "Paper Moon", "Tide",
    ]  # fmt: skip
    assert all(5 <= group.memberships.count() <= 6 for group in Group.objects.all())
    assert workshop.staff.mentors().count() == 6
    assert workshop.lead_mentor.email == "director@kachinko.test"
    assert Participant.objects.filter(media_consent=Participant.MediaConsent.NONE).count() == 4
    assert Participant.objects.filter(media_consent="").count() == 2
    assert Participant.objects.filter(health__allergies__gt="").count() == 4
    assert ConsentRecord.objects.filter(recorded_by__email="organizer@kachinko.test").count() == 28
    kinds = set(Session.objects.values_list("kind", flat=True))
    assert kinds == {"stage_work", "break", "meal", "whole_workshop", "screening"}
    screening = Session.objects.get(kind="screening")
    assert (screening.day.number, screening.title) == (7, "Screening for families")


def test_demo_week_family_text_is_in_english_and_japanese():
    call_command("seed_demo", start=START, stdout=StringIO())
    workshop = Workshop.objects.get(slug=DEMO_SLUG)
    assert workshop.language == "en"
    days = list(workshop.days.order_by("number"))
    assert all(day.what_to_bring and day.what_to_bring_translations["ja"] for day in days)
    with_notes = [day for day in days if day.family_notes]
    assert all(day.family_notes_translations["ja"] for day in with_notes)
    assert {day.meeting_point.name for day in days} == {"Main hall"}
    sessions = Session.objects.filter(day__workshop=workshop)
    assert all(session.title_translations.get("ja") for session in sessions)
    released = workshop.latest_release.days.get(day__number=3)
    assert released.what_to_bring_translations == {"ja": "動きやすい服装、水筒。"}


@pytest.mark.parametrize(
    "email",
    ["organizer@kachinko.test", "mentor@kachinko.test", "parent@kachinko.test",
     "parent2@kachinko.test"],
)  # fmt: skip
def test_demo_logins_sign_in_with_the_demo_password(email):
    call_command("seed_demo", start=START, stdout=StringIO())
    assert authenticate(username=email, password=DEMO_PASSWORD).email == email


def test_demo_roles_are_what_the_readme_says():
    call_command("seed_demo", start=START, stdout=StringIO())
    organizer = User.objects.get(email="organizer@kachinko.test")
    assert list(organizer.staff_memberships.values_list("role", flat=True)) == ["organizer"]
    mentor = User.objects.get(email="mentor@kachinko.test")
    assert list(mentor.mentored_groups.values_list("name", flat=True)) == ["Lantern"]
    parent = User.objects.get(email="parent@kachinko.test")
    assert parent.guardianships.count() == 1
    parent2 = User.objects.get(email="parent2@kachinko.test")
    groups = set(parent2.guardianships.values_list("participant__membership__group", flat=True))
    assert len(groups) == 2


def test_other_families_cannot_sign_in_with_a_password():
    call_command("seed_demo", start=START, stdout=StringIO())
    assert not User.objects.get(email="tanaka.family@kachinko.test").has_usable_password()


def test_seed_prints_the_demo_logins():
    out = StringIO()
    call_command("seed_demo", start=START, stdout=out)
    for email in ("organizer", "mentor", "parent", "parent2"):
        assert f"{email}@kachinko.test" in out.getvalue()
    assert "kachinko-demo" in out.getvalue()


def test_default_start_makes_today_the_third_day():
    call_command("seed_demo", stdout=StringIO())
    workshop = Workshop.objects.get(slug=DEMO_SLUG)
    assert workshop.local_today() - workshop.start_date == datetime.timedelta(days=2)


def test_a_malformed_start_date_is_refused():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("seed_demo", start="next monday", stdout=StringIO())
    assert Workshop.objects.count() == 0


def test_no_demo_account_exists_without_the_seed():
    assert not User.objects.filter(email__endswith="@kachinko.test").exists()


def ids():
    return {
        "groups": sorted(Group.objects.values_list("name", "pk")),
        "children": sorted(Participant.objects.values_list("given_name", "birth_date", "pk")),
        "days": sorted(Workshop.objects.get(slug=DEMO_SLUG).days.values_list("number", "pk")),
        "users": sorted(User.objects.values_list("email", "pk")),
    }


def test_seeding_again_keeps_every_id_so_bookmarked_links_keep_working():
    call_command("seed_demo", start=START, stdout=StringIO())
    before = ids()
    call_command("seed_demo", start="2026-08-10", stdout=StringIO())
    assert ids() == before
    assert Workshop.objects.get(slug=DEMO_SLUG).start_date == datetime.date(2026, 8, 10)


def test_seeding_again_keeps_a_demo_users_password_hash_and_so_their_sign_in():
    call_command("seed_demo", start=START, stdout=StringIO())
    before = User.objects.get(email="parent@kachinko.test").password
    call_command("seed_demo", start=START, stdout=StringIO())
    assert User.objects.get(email="parent@kachinko.test").password == before


@pytest.mark.slow
def test_large_size_is_the_demo_week_grown_with_five_earlier_editions():
    call_command("seed_demo", start=START, stdout=StringIO())
    demo_ids = ids()
    call_command("seed_demo", start=START, size="large", stdout=StringIO())
    week = Workshop.objects.get(slug=DEMO_SLUG)
    assert (week.participants.count(), week.groups.count()) == (120, 20)
    assert Session.objects.filter(day__workshop=week).count() == 197
    assert sorted(Workshop.objects.exclude(pk=week.pk).values_list("slug", flat=True)) == [
        f"{DEMO_SLUG}-{year}" for year in range(2021, 2026)
    ]
    assert all(week.start_date > past.end_date for past in Workshop.objects.exclude(pk=week.pk))
    for email in ("organizer", "mentor", "parent", "parent2"):
        user = authenticate(username=f"{email}@kachinko.test", password=DEMO_PASSWORD)
        assert user is not None
    call_command("seed_demo", start=START, stdout=StringIO())
    assert ids() == demo_ids
    assert Workshop.objects.count() == 1


def test_an_unknown_size_is_refused():
    with pytest.raises(CommandError, match="size"):
        call_command("seed_demo", start=START, size="huge", stdout=StringIO())
    assert Workshop.objects.count() == 0


def test_the_lantern_crew_has_its_first_two_days_of_roles_and_nobody_acts_without_consent():
    call_command("seed_demo", start=START, stdout=StringIO())
    crew = CrewAssignment.objects.filter(film__group__name="Lantern")
    assert sorted(set(crew.values_list("day__number", flat=True))) == [1, 2]
    assert set(CrewAssignment.objects.values_list("film__group__name", flat=True)) == {"Lantern"}
    for number in (1, 2):
        assert sorted(set(crew.filter(day__number=number).values_list("role", flat=True))) == [
            "actor", "camera", "director", "editor", "sound", "writer",
        ]  # fmt: skip
    actors = crew.filter(role="actor").values_list("child__media_consent", flat=True)
    assert set(actors) <= FILMABLE_CONSENTS
    first, second = (
        set(crew.filter(day__number=n).values_list("child_id", "role")) for n in (1, 2)
    )
    assert first & second == set()


def test_on_the_demos_today_one_crew_is_behind_plan_on_the_dashboard():
    call_command("seed_demo", stdout=StringIO())
    workshop = Workshop.objects.get(slug=DEMO_SLUG)

    dashboard = dashboard_of(workshop)

    assert dashboard.day.number == 3
    behind = {row.group.name: [stage.key for stage in row.behind] for row in dashboard.board}
    assert behind == {
        "Firefly": [], "Kite": [], "Lantern": [], "Paper Moon": [], "Tide": ["storyboard"],
    }  # fmt: skip


def test_every_crew_has_stills_ready_and_each_demo_family_sees_its_childs_alone():
    from projects.models import MediaAsset

    call_command("seed_demo", stdout=StringIO())
    stills = MediaAsset.objects.filter(group__workshop__slug=DEMO_SLUG)
    assert set(stills.values_list("state", flat=True)) == {MediaAsset.State.READY}
    assert (
        stills.values("group").distinct().count()
        == Group.objects.filter(workshop__slug=DEMO_SLUG).count()
    )
    for email in ("parent@kachinko.test", "parent2@kachinko.test"):
        parent = User.objects.get(email=email)
        children = set(Participant.objects.filter(guardians__user=parent))
        seen = MediaAsset.objects.visible_to(parent)
        assert seen.exists()
        for still in seen:
            tagged = set(still.children.all())
            assert tagged & children
            assert all(child.media_consent in ("families", "public") for child in tagged)
    # One still of a crew tags a child photographed for the staff only: no family sees it.
    withheld = stills.filter(children__media_consent="workshop")
    assert withheld.exists()
    assert (
        not MediaAsset.objects.filter(pk__in=withheld)
        .visible_to(User.objects.get(email="parent2@kachinko.test"))
        .exists()
    )
