"""A child's pickup and emergency contacts (views/people.py): listed on the child's page,
added, edited and removed by the workshop's organizers only."""

import pytest
from django.urls import reverse

from tests.factories import PickupContactFactory
from tests.pages import page
from workshop.models import PickupContact

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_day_three")]

HTMX = {"HX-Request": "true"}


def test_an_organizer_adds_a_contact_by_htmx_and_gets_the_pickup_card_back(client, cast):
    client.force_login(cast.organizer)
    url = reverse("pickup_contacts", args=[cast.child_a1.pk])
    data = {"name": "Yuki Ono", "relationship": "Aunt", "phone": "080-1", "kind": "pickup"}
    response = client.post(url, data, headers=HTMX)
    assert response.status_code == 200
    assert (response["HX-Retarget"], response["HX-Reswap"]) == ("#pickup", "outerHTML")
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="pickup"')
    assert "Yuki Ono is added." in html
    contact = PickupContact.objects.get()
    assert (contact.participant, contact.name, contact.kind) == (
        cast.child_a1,
        "Yuki Ono",
        "pickup",
    )


def test_a_contact_without_a_name_is_refused_and_nothing_is_saved(client, cast):
    client.force_login(cast.organizer)
    url = reverse("pickup_contacts", args=[cast.child_a1.pk])
    response = client.post(url, {"name": "", "kind": "pickup"}, headers=HTMX)
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert "HX-Retarget" not in response
    assert PickupContact.objects.exists() is False


def test_an_organizer_edits_and_removes_a_contact(client, cast):
    contact = PickupContactFactory(participant=cast.child_a1, name="Yuki Ono")
    client.force_login(cast.organizer)
    response = client.post(
        reverse("pickup_contact", args=[contact.pk]),
        {"name": "Yuki Ono", "relationship": "Aunt", "phone": "", "kind": "emergency"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("participant", args=[cast.child_a1.pk])
    contact.refresh_from_db()
    assert contact.kind == PickupContact.Kind.EMERGENCY
    response = client.post(reverse("pickup_contact_delete", args=[contact.pk]))
    assert response.status_code == 302
    assert PickupContact.objects.exists() is False


def test_the_childs_page_lists_contacts_with_phones_for_staff_only(client, cast):
    PickupContactFactory(participant=cast.child_a1, name="Yuki Ono", phone="080-5512-0101")
    _, html = page(client, cast.mentor_a, reverse("participant", args=[cast.child_a1.pk]))
    assert "Yuki Ono" in html
    assert "080-5512-0101" in html
    assert "Add a pickup contact" not in html
    _, html = page(client, cast.parent_a, reverse("participant", args=[cast.child_a1.pk]))
    assert "Yuki Ono" in html
    assert "080-5512-0101" not in html
    _, html = page(client, cast.organizer, reverse("participant", args=[cast.child_a1.pk]))
    assert "Add a pickup contact" in html


def test_a_mentor_may_not_edit_contacts(client, cast):
    contact = PickupContactFactory(participant=cast.child_a1, name="Yuki Ono")
    client.force_login(cast.mentor_a)
    response = client.post(
        reverse("pickup_contact", args=[contact.pk]), {"name": "Mallory", "kind": "pickup"}
    )
    assert response.status_code == 404
    contact.refresh_from_db()
    assert contact.name == "Yuki Ono"


def test_an_organizer_of_another_workshop_cannot_reach_the_contacts(client, cast):
    contact = PickupContactFactory(participant=cast.child_a1, name="Yuki Ono")
    client.force_login(cast.other_organizer)
    assert client.post(reverse("pickup_contact_delete", args=[contact.pk])).status_code == 404
    assert PickupContact.objects.filter(pk=contact.pk).exists()
