"""The screening's invitation by e-mail: to every guardian of the workshop, three days before
the screening at the reminder time in its own time zone, once; the screening as its page
shows it to families, their own children's films, and the link where they reply."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from deliveries.content import NotReleased, compose
from deliveries.models import Delivery
from deliveries.planning import LATE_LIMIT, plan_screening_invitations, screening_subject
from deliveries.services import dispatch
from projects.services import set_crew_role
from tests.factories import (
    GuardianFactory,
    ParticipantFactory,
    RoomFactory,
    SessionFactory,
    UserFactory,
    WorkshopFactory,
)
from workshop.models import Participant, ReleasedSession, Session, User, Workshop
from workshop.services import publish_schedule, record_consent

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# The cast's screening is on day 7, 2026-08-02 in Tokyo: its invitation is three days
# before at 18:00, 2026-07-30 09:00 UTC.
INVITATION_DUE = datetime.datetime(2026, 7, 30, 9, 0, tzinfo=UTC)
NAMES = {"child_a1": "Aiko", "child_a2": "Ben", "child_b1": "Chika", "child_b2": "Daigo"}


def add_screening(workshop, *, by, day_number=7, meeting_point=False):
    """A screening at 14:00 on the day, in the main hall, released."""
    room = RoomFactory(workshop=workshop, name="Main hall", directions="Through the red doors")
    day = workshop.days.get(number=day_number)
    if meeting_point:
        day.meeting_point = RoomFactory(
            workshop=workshop, name="Front gate", directions="By the cherry tree"
        )
        day.save()
    session = SessionFactory(
        workshop=workshop,
        day=day,
        starts_at=datetime.time(14),
        ends_at=datetime.time(15, 30),
        title="Screening for families",
        kind=Session.Kind.SCREENING,
        room=room,
        for_all_groups=True,
    )
    publish_schedule(workshop, by=by)
    return session


@pytest.fixture
def screening(cast):
    for attribute, name in NAMES.items():
        Participant.objects.filter(pk=getattr(cast, attribute).pk).update(given_name=name)
    for attribute in NAMES:
        getattr(cast, attribute).refresh_from_db()
    return add_screening(cast.workshop, by=cast.organizer, meeting_point=True)


@pytest.fixture
def credited(cast, screening):
    """Each child of the cast's workshop credited on their group's film (in front of the
    camera where their consent allows it); only Ben's consent allows the public screening."""
    cast.group_a.film.title = "The Paper Lantern"
    cast.group_a.film.logline = "A lantern that only lights for liars."
    cast.group_a.film.save()
    cast.group_b.film.title = "The Runaway Kite"
    cast.group_b.film.save()
    day = cast.workshop.days.get(number=1)
    consents = {"child_a1": "families", "child_a2": "public", "child_b1": "workshop"}
    consents |= {"child_b2": "none"}
    for attribute, consent in consents.items():
        child = getattr(cast, attribute)
        record_consent(child, media_consent=consent, by=cast.organizer)
        role = "actor" if consent in ("families", "public") else "sound"
        set_crew_role(child.group.film, day=day, child=child, role=role, held=True)
    return cast


def planned():
    return sorted(
        Delivery.objects.filter(kind=Delivery.Kind.SCREENING_INVITATION).values_list(
            "recipient__email", "subject", "due_at", "state"
        )
    )


def invitation_for(cast, user) -> Delivery:
    return Delivery.objects.create(
        workshop=cast.workshop,
        recipient=user,
        kind=Delivery.Kind.SCREENING_INVITATION,
        subject=screening_subject(cast.workshop.pk),
        due_at=INVITATION_DUE,
    )


def bodies(message) -> tuple[str, str]:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return message.body, html


def families(cast) -> list[User]:
    return [cast.parent_a, cast.parent_two, cast.child_b2.guardians.get().user]


# --- Planning ------------------------------------------------------------------------------


def test_every_guardian_is_invited_three_days_before_at_the_reminder_time_once(cast, screening):
    assert plan_screening_invitations(INVITATION_DUE - datetime.timedelta(minutes=1)) == 0
    assert plan_screening_invitations(INVITATION_DUE) == 3
    expected = sorted(
        (user.email, f"screening:{cast.workshop.pk}", INVITATION_DUE, Delivery.State.DUE)
        for user in families(cast)
    )
    assert planned() == expected
    plan_screening_invitations(INVITATION_DUE)
    plan_screening_invitations(INVITATION_DUE + datetime.timedelta(minutes=5))
    assert planned() == expected  # the other workshop has no screening: nobody there


def test_a_guardian_of_two_children_is_invited_once(cast, screening):
    plan_screening_invitations(INVITATION_DUE)
    assert Delivery.objects.filter(recipient=cast.parent_two).count() == 1


def test_inactive_guardians_and_guardians_without_an_address_are_not_invited(cast, screening):
    User.objects.filter(pk=cast.parent_a.pk).update(is_active=False)
    User.objects.filter(pk=cast.parent_two.pk).update(email="")
    plan_screening_invitations(INVITATION_DUE)
    assert [email for email, *_ in planned()] == [cast.child_b2.guardians.get().user.email]


def test_an_unpublished_workshop_invites_nobody(cast, screening):
    Workshop.objects.filter(pk=cast.workshop.pk).update(is_published=False)
    assert plan_screening_invitations(INVITATION_DUE) == 0
    assert planned() == []


def test_no_invitation_before_a_screening_is_released(cast):
    SessionFactory(
        workshop=cast.workshop,
        day=cast.workshop.days.get(number=7),
        title="Screening (draft)",
        kind=Session.Kind.SCREENING,
        for_all_groups=True,
    )
    assert plan_screening_invitations(INVITATION_DUE) == 0


def test_a_cancelled_screening_invites_nobody(cast, screening):
    ReleasedSession.objects.filter(kind=Session.Kind.SCREENING).update(is_cancelled=True)
    assert plan_screening_invitations(INVITATION_DUE) == 0


def test_an_invitation_hours_late_is_not_planned(cast, screening):
    assert plan_screening_invitations(INVITATION_DUE + LATE_LIMIT) == 0
    assert plan_screening_invitations(INVITATION_DUE + datetime.timedelta(days=2)) == 0
    assert planned() == []


def test_a_short_workshop_whose_invitation_time_came_before_it_began_is_invited_on_time(db):
    """A two-day workshop: the screening's invitation is due before its first day, as any
    other; planning then sends it, and planning later does not."""
    workshop = WorkshopFactory(start_date=datetime.date(2026, 7, 27), length_in_days=2)
    parent = UserFactory()
    GuardianFactory(user=parent, participant=ParticipantFactory(workshop=workshop))
    add_screening(workshop, by=UserFactory(), day_number=2)
    due = datetime.datetime(2026, 7, 25, 9, 0, tzinfo=UTC)  # 18:00 in Tokyo, 3 days before
    assert plan_screening_invitations(due + LATE_LIMIT) == 0
    assert plan_screening_invitations(due) == 1
    assert Delivery.objects.get().due_at == due


@pytest.mark.parametrize(
    ("screening_day", "due_utc"),
    [
        # Tuesday 27 October 2026: three days before (Saturday 24th) is still summer time.
        (datetime.date(2026, 10, 27), datetime.datetime(2026, 10, 24, 16, 0, tzinfo=UTC)),
        # Wednesday 28 October: three days before (Sunday 25th) is winter time.
        (datetime.date(2026, 10, 28), datetime.datetime(2026, 10, 25, 17, 0, tzinfo=UTC)),
    ],
)
def test_a_paris_workshop_invites_at_six_in_the_evening_on_both_sides_of_the_change(
    db, screening_day, due_utc
):
    workshop = WorkshopFactory(
        time_zone="Europe/Paris",
        start_date=datetime.date(2026, 10, 22),
        reminder_time=datetime.time(18, 0),
    )
    parent = UserFactory()
    GuardianFactory(user=parent, participant=ParticipantFactory(workshop=workshop))
    number = (screening_day - workshop.start_date).days + 1
    add_screening(workshop, by=UserFactory(), day_number=number)
    assert plan_screening_invitations(due_utc - datetime.timedelta(minutes=1)) == 0
    assert plan_screening_invitations(due_utc) == 1
    local = Delivery.objects.get().due_at.astimezone(workshop.tz)
    assert (local.date(), local.hour, local.minute) == (
        screening_day - datetime.timedelta(days=3),
        18,
        0,
    )


# --- Content -------------------------------------------------------------------------------


def test_the_invitation_says_when_and_where_and_links_the_page_to_reply(cast, screening):
    message = compose(invitation_for(cast, cast.parent_a))
    assert message.to == [cast.parent_a.email]
    assert message.subject == "You are invited to the screening of Summer: Aug. 2, 2026"
    link = "http://localhost:8000" + reverse("screening", args=["summer"])
    for body in bodies(message):
        assert "Screening for families" in body
        assert "Aug. 2, 2026, 14:00–15:30" in body
        assert "Community hall" in body
        assert "Main hall (Through the red doors)" in body
        assert "Front gate (By the cherry tree)" in body
        assert link in body


def test_the_family_reads_their_own_childrens_films_and_no_other_child(cast, credited):
    text, html = bodies(compose(invitation_for(cast, cast.parent_two)))
    for body in (text, html):
        assert "Chika (group Kite)" in body  # their own child, whatever the consent
        assert "The Runaway Kite" in body
        assert "The Paper Lantern" in body
        assert "A lantern that only lights for liars." in body
        assert "Aiko" not in body and "Daigo" not in body  # other families', not public
    assert "- Ben (group Lantern): The Paper Lantern" in text
    assert "- Chika (group Kite): The Runaway Kite" in text


def test_the_programme_names_no_other_familys_child_even_with_public_consent(cast, credited):
    """The screening page credits Ben, whose consent allows the public; an e-mail cannot be
    taken back when a consent is withdrawn, so it gives the films, not their crews."""
    cast.parent_a.first_name = "Ada"  # a made-up name could hold "Ben" (Benjamin)
    cast.parent_a.save(update_fields=["first_name"])
    text, html = bodies(compose(invitation_for(cast, cast.parent_a)))
    for body in (text, html):
        assert "Aiko (group Lantern)" in body  # their own child
        assert "The Runaway Kite" in body
        for name in ("Ben", "Chika", "Daigo", "Cast", "not named"):
            assert name not in body
        for child in (cast.child_a1, cast.child_a2, cast.child_b1, cast.child_b2):
            assert child.family_name not in body


def test_the_invitation_holds_no_health_note_nor_any_address_but_the_site(cast, credited):
    text, html = bodies(compose(invitation_for(cast, cast.parent_a)))
    for body in (text, html):
        for secret in ("Peanuts", "EpiPen", "Sesame", "Asthma", "090-0000", "Grandma", "Shy"):
            assert secret not in body
        assert re.findall(r"[\w.+-]+@[\w.-]+", body) == []


@pytest.mark.parametrize(
    ("language", "hello", "running_order"),
    [
        ("ja", "さん", "上映順"),
        ("fr", "Bonjour", "Ordre de passage"),
        ("en", "Hello", "Running order"),
    ],
)
def test_the_invitation_is_in_the_recipients_language(
    cast, credited, language, hello, running_order
):
    User.objects.filter(pk=cast.parent_a.pk).update(language=language)
    User.objects.filter(pk=cast.parent_two.pk).update(language="ja" if language != "ja" else "en")
    shared = {}
    others = compose(invitation_for(cast, User.objects.get(pk=cast.parent_two.pk)), shared=shared)
    message = compose(invitation_for(cast, User.objects.get(pk=cast.parent_a.pk)), shared=shared)
    text, html = bodies(message)
    assert f'<html lang="{language}">' in html
    assert hello in text.splitlines()[0]
    for body in (text, html):
        assert hello in body
        assert running_order in body
    assert others.body != message.body


def test_a_workshop_without_a_released_screening_has_nothing_to_say(cast):
    with pytest.raises(NotReleased):
        compose(invitation_for(cast, cast.parent_a))


# --- Sending -------------------------------------------------------------------------------


def test_the_beat_sends_each_family_one_invitation_and_organizers_see_how_many(
    client, cast, screening, settings, django_capture_on_commit_callbacks
):
    from workshop.celery import app

    settings.MAILERS = LOCMEM
    mail.outbox = []
    saved, app.conf.task_always_eager = app.conf.task_always_eager, True
    try:
        for minutes in (0, 1, 2):
            with django_capture_on_commit_callbacks(execute=True):
                dispatch(now=INVITATION_DUE + datetime.timedelta(minutes=minutes))
    finally:
        app.conf.task_always_eager = saved
    subject = "You are invited to the screening of Summer: Aug. 2, 2026"
    invited = [message for message in mail.outbox if message.subject == subject]
    recipients = sorted(address for message in invited for address in message.to)
    assert recipients == sorted(user.email for user in families(cast))  # the evening's
    # reminders for day 5 are due at the same time, and went too
    invitations = Delivery.objects.filter(kind=Delivery.Kind.SCREENING_INVITATION)
    assert set(invitations.values_list("state", flat=True)) == {Delivery.State.SENT}
    url = reverse("screening", args=["summer"])
    client.force_login(cast.organizer)
    assert "3 invitations sent by e-mail." in client.get(url).content.decode()
    for user in (cast.parent_a, cast.mentor_a):
        client.force_login(user)
        assert 'id="invitations-sent"' not in client.get(url).content.decode()
