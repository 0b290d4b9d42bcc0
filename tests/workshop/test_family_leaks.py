"""A walk through every page a parent can reach, and every e-mail they can be sent, finds
nothing about other families' children: no name, no health record, no contact. A family reads
its own child's health record (on the pages only)."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from deliveries.planning import (
    plan_call_sheets,
    plan_change_notices,
    plan_evening_reminders,
    plan_screening_invitations,
)
from deliveries.services import claim_due, send_claimed
from projects.services import set_crew_role
from tests.deliveries.test_planning import REMINDER_DAY_ONE
from tests.deliveries.test_screening_invitations import INVITATION_DUE
from tests.factories import SessionFactory
from workshop.calendar_feed import replace_feed
from workshop.invitations import deliver, invite
from workshop.models import PickupContact, Session, WorkshopDay
from workshop.services import publish_schedule, record_consent
from workshop.sign_in import deliver_sign_in_link

pytestmark = pytest.mark.django_db


def reachable_pages(cast, parent, children, groups):
    pages = [reverse("home"), reverse("week", args=["summer"])]
    pages += [reverse("day", args=["summer", number]) for number in range(1, 8)]
    pages += [reverse("call_sheet", args=["summer", number]) for number in range(1, 8)]
    pages += [reverse("participant", args=[child.pk]) for child in children]
    pages += [reverse("group", args=[group.pk]) for group in groups]
    pages += [f"{reverse('week', args=['summer'])}?group={group.pk}" for group in groups]
    # Issue 16: the calendar page, the feed itself and the consent form.
    pages += [reverse("calendar"), reverse("calendar_feed", args=[replace_feed(parent).token])]
    pages += [reverse("family_consent", args=[child.pk]) for child in children]
    # The screening's programme and invitation.
    pages += [reverse("screening", args=["summer"])]
    return pages


def text_of(response) -> str:
    """The page as a reader meets it; a calendar's long lines unfolded (RFC 5545 folds them
    at 75 octets, which could split a name)."""
    text = response.content.decode()
    if response["Content-Type"].startswith("text/calendar"):
        text = text.replace("\r\n ", "").replace("\\,", ",")
    return text


def forbidden_text(cast, own_children):
    others = {cast.child_a1, cast.child_a2, cast.child_b1, cast.child_b2, cast.child_x}
    others -= set(own_children)
    own_family_names = {child.family_name for child in own_children}
    texts = {child.family_name for child in others} - own_family_names
    for child in others:
        record = getattr(child, "health", None)
        if record is not None:
            texts |= {record.allergies, record.medical_notes, record.emergency_contact_name}
            texts |= {record.emergency_contact_phone}
    texts |= {"Shy on the first day", "080-9"}  # staff's notes; another family's phone
    return texts - {""}


@pytest.mark.parametrize("parent_name", ["parent_a", "parent_two", "outsider_parent"])
def test_a_parent_meets_no_other_familys_child_nor_their_health_or_contacts(
    client, cast, parent_name
):
    parent = getattr(cast, parent_name)
    children = [guardian.participant for guardian in parent.guardianships.all()]
    groups = [child.group for child in children]
    client.force_login(parent)
    forbidden = forbidden_text(cast, children)
    for url in reachable_pages(cast, parent, children, groups):
        response = client.get(url)
        html = text_of(response)
        found = sorted(text for text in forbidden if text in html)
        assert (url, found) == (url, [])
        for email in re.findall(r"[\w.+-]+@[\w.-]+", html):
            assert email == parent.email or email.endswith("@kachinko"), url  # a calendar's UID


@pytest.mark.parametrize("parent_name", ["parent_a", "parent_two", "outsider_parent"])
def test_the_screening_names_no_child_without_consent_for_the_public(client, cast, parent_name):
    """Every child of the cast's workshop is credited on a film; only the one whose consent
    allows the public is named, by first name, on any page a parent reaches."""
    day = cast.workshop.days.get(number=1)
    names = {
        cast.child_a1: ("Zephyrine", "families"),
        cast.child_a2: ("Quillon", "public"),
        cast.child_b1: ("Marisol", "workshop"),
        cast.child_b2: ("Ottoline", "none"),
    }
    for child, (given_name, consent) in names.items():
        child.given_name = given_name
        child.save(update_fields=["given_name"])
        record_consent(child, media_consent=consent, by=cast.organizer)
        role = "actor" if consent in ("families", "public") else "sound"
        set_crew_role(child.group.film, day=day, child=child, role=role, held=True)
    parent = getattr(cast, parent_name)
    own = {guardian.participant for guardian in parent.guardianships.all()}
    forbidden = {given for child, (given, _) in names.items() if child not in own} - {"Quillon"}
    client.force_login(parent)
    children = list(own)
    for url in reachable_pages(cast, parent, children, [child.group for child in children]):
        html = text_of(client.get(url))
        assert (url, sorted(name for name in forbidden if name in html)) == (url, [])
    screening = client.get(reverse("screening", args=["summer"]))
    html = screening.content.decode()
    expected = screening.status_code == 200 and parent_name != "outsider_parent"
    assert ("Quillon" in html) is expected
    assert cast.child_a2.family_name not in html


def test_a_guardian_without_a_name_is_not_shown_by_e_mail_to_another_guardian(client, cast):
    from tests.factories import GuardianFactory, UserFactory

    nameless = UserFactory(first_name="", last_name="", email="nameless@example.test")
    GuardianFactory(user=nameless, participant=cast.child_a1)
    client.force_login(cast.parent_a)
    html = client.get(reverse("participant", args=[cast.child_a1.pk])).content.decode()
    assert "nameless@example.test" not in html
    assert "(name not given)" in html


def test_a_parent_reads_their_own_childs_health_record(client, cast):
    client.force_login(cast.parent_a)
    html = client.get(reverse("participant", args=[cast.child_a1.pk])).content.decode()
    for text in ("Peanuts", "EpiPen in bag", "Grandma Aoyama", "090-0000-0001"):
        assert text in html
    assert "Shy on the first day" not in html


# --- The e-mails a parent receives ---------------------------------------------------------

# Given names no other word of a message could contain. Quillon's consent allows the public
# screening, whose page names him to every family; an e-mail, which cannot be taken back
# once consent is withdrawn, names no other family's child at all.
MAIL_NAMES = {
    "child_a1": ("Zephyrine", "families"),
    "child_a2": ("Quillon", "public"),
    "child_b1": ("Marisol", "workshop"),
    "child_b2": ("Ottoline", "none"),
    "child_x": ("Evander", "families"),
}


def every_mail_a_parent_receives(client, cast, parent) -> list:
    """Each e-mail a parent can be sent, made as the app makes it: a sign-in link, a password
    reset, an invitation, the evening reminder, a change notice after a release that changes
    their children's day, the family's call sheet and the screening's invitation."""
    base = "http://testserver/"
    deliver_sign_in_link(parent.email, base)
    client.post(reverse("password_reset"), {"email": parent.email})
    parent.set_unusable_password()
    parent.save(update_fields=["password"])
    own = parent.guardianships.first().participant.workshop
    by = cast.organizer if own == cast.workshop else cast.other_organizer
    [invitation] = invite(own, [parent], by=by, base_url=base)
    deliver(invitation.pk, base)

    for workshop, organizer in (
        (cast.workshop, cast.organizer),
        (cast.other_workshop, cast.other_organizer),
    ):
        SessionFactory(
            workshop=workshop,
            day=workshop.days.get(number=7),
            starts_at=datetime.time(14),
            ends_at=datetime.time(15),
            title="Screening for families",
            kind=Session.Kind.SCREENING,
            for_all_groups=True,
        )
        WorkshopDay.objects.filter(workshop=workshop, number=1).update(pickup=datetime.time(16, 30))
        release = publish_schedule(workshop, by=organizer)
        plan_change_notices(release.published_at)
        plan_call_sheets(workshop.days.get(number=1), now=REMINDER_DAY_ONE)
    plan_evening_reminders(REMINDER_DAY_ONE)
    plan_screening_invitations(INVITATION_DUE)
    token, ids = claim_due(now=datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC), limit=1000)
    send_claimed(ids, claim=token)
    return [message for message in mail.outbox if parent.email in message.to]


@pytest.mark.parametrize("parent_name", ["parent_a", "parent_two", "outsider_parent"])
def test_no_email_a_parent_receives_tells_of_another_family_nor_of_health_or_contacts(
    client, cast, settings, parent_name
):
    """Every e-mail of the walk, subject, text and HTML: no other family's child (not even
    one the public programme names), no health record nor contact of anyone (their own child's
    included: they stay behind the sign-in), no one else's address."""
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    mail.outbox = []
    children = [cast.child_a1, cast.child_a2, cast.child_b1, cast.child_b2, cast.child_x]
    for child, (given_name, consent) in zip(children, MAIL_NAMES.values(), strict=True):
        child.given_name = given_name
        child.save(update_fields=["given_name"])
        record_consent(child, media_consent=consent, by=cast.organizer)
        role = "actor" if consent in ("families", "public") else "sound"
        day = child.workshop.days.get(number=1)
        set_crew_role(child.group.film, day=day, child=child, role=role, held=True)
        PickupContact.objects.create(
            participant=child,
            name=f"Hester Pickwell-{given_name}",
            phone=f"070-1111-{child.pk:04}",
            kind=PickupContact.Kind.PICKUP,
        )
        PickupContact.objects.create(
            participant=child,
            name=f"Bart Nearby-{given_name}",
            phone=f"070-2222-{child.pk:04}",
            kind=PickupContact.Kind.EMERGENCY,
        )
    parent = getattr(cast, parent_name)
    own = [guardian.participant for guardian in parent.guardianships.all()]

    messages = every_mail_a_parent_receives(client, cast, parent)

    title = own[0].workshop.title
    assert sorted(message.subject for message in messages) == [
        f"Call sheet for day 1 of {title}",
        "Choose a new Kachinko password",
        f"The schedule of {title} changed",
        f"Tomorrow at {title}: July 27, 2026",
        f"You are invited to the screening of {title}: Aug. 2, 2026",
        f"Your Kachinko account for {title}",
        "Your link to sign in to Kachinko",
    ]
    forbidden = forbidden_text(cast, own)
    forbidden |= {name for name, _consent in MAIL_NAMES.values()}
    forbidden -= {child.given_name for child in own}
    forbidden |= {"Peanuts", "EpiPen in bag", "Grandma Aoyama", "Sesame", "Asthma", "Diabetes"}
    forbidden |= {"090-0000", "Uncle Bystander", "Pickwell", "Nearby", "070-1111", "070-2222"}
    for message in messages:
        [(html, _mimetype)] = message.alternatives or [("", "text/html")]
        text = "\n".join([message.subject, message.body, html])
        found = sorted(word for word in forbidden if word in text)
        assert (message.subject, found) == (message.subject, [])
        addresses = set(re.findall(r"[\w.+-]+@[\w.-]+", text))
        assert addresses <= {parent.email}, message.subject
    together = "\n".join(message.body for message in messages)
    for child in own:  # the walk did reach the family's own children
        assert child.given_name in together
