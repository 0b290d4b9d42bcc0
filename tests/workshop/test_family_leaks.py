"""A walk through every page a parent can reach finds nothing about other families' children:
no name, no health record, no contact. A family reads its own child's health record."""

import re

import pytest
from django.urls import reverse

from workshop.calendar_feed import replace_feed

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
    from projects.services import set_crew_role
    from workshop.services import record_consent

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
