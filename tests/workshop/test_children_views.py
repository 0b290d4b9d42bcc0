"""Organizers' pages for children (views/children.py): adding and editing a child with their
health record, recording consent, adding, changing and removing guardians, and the audit of
health record reads. Everyone else gets 404, and nothing is saved for them."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.pages import page
from workshop.models import Guardian, HealthRecordRead, Participant

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_day_three")]

NEW_CHILD = {
    "child-family_name": "Nakano",
    "child-given_name": "Rin",
    "child-family_name_reading": "なかの",
    "child-given_name_reading": "りん",
    "child-birth_date": "2015-06-01",
    "child-notes": "",
    "health-allergies": "Kiwi",
    "health-medical_notes": "",
    "health-emergency_contact_name": "Nakano family",
    "health-emergency_contact_phone": "090-1",
}


def test_an_organizer_adds_a_child_with_allergies(client, cast):
    client.force_login(cast.organizer)
    response = client.post(reverse("child_new", args=["summer"]), NEW_CHILD)
    child = Participant.objects.get(family_name="Nakano")
    assert response.status_code == 302
    assert response["Location"] == reverse("participant", args=[child.pk])
    assert (child.workshop, child.reading_romaji != "", child.media_consent) == (
        cast.workshop,
        True,
        "",
    )
    assert (child.health.allergies, child.health.emergency_contact_phone) == ("Kiwi", "090-1")


def test_a_child_without_a_birth_date_is_refused_and_nothing_is_saved(client, cast):
    client.force_login(cast.organizer)
    before = Participant.objects.count()
    response = client.post(
        reverse("child_new", args=["summer"]), NEW_CHILD | {"child-birth_date": ""}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"birth_date": ["This field is required."]}
    assert Participant.objects.count() == before


def test_an_organizer_edits_a_childs_health_record(client, cast):
    client.force_login(cast.organizer)
    url = reverse("child_edit", args=[cast.child_a1.pk])
    form = client.get(url)
    assert form.context["health_form"].initial["medical_notes"] == "EpiPen in bag"
    assert list(HealthRecordRead.objects.values_list("reader", "page", "scope")) == [
        (cast.organizer.pk, "edit", "full")
    ]
    data = NEW_CHILD | {"child-family_name": "Aoyama", "health-medical_notes": "Two EpiPens"}
    assert client.post(url, data).status_code == 302
    cast.child_a1.refresh_from_db()
    cast.child_a1.health.refresh_from_db()
    assert (cast.child_a1.given_name, cast.child_a1.health.medical_notes) == ("Rin", "Two EpiPens")


@pytest.mark.parametrize("viewer", ["mentor_a", "parent_a", "other_organizer"])
def test_only_organizers_edit_a_child(client, cast, viewer):
    client.force_login(getattr(cast, viewer))
    url = reverse("child_edit", args=[cast.child_a1.pk])
    response = client.post(url, NEW_CHILD | {"health-medical_notes": "Rewritten"})
    assert response.status_code == 404
    cast.child_a1.health.refresh_from_db()
    assert cast.child_a1.health.medical_notes == "EpiPen in bag"
    assert "EpiPen" not in client.get(url).text


def test_consent_recorded_from_the_childs_page_by_htmx_answers_the_card(client, cast):
    client.force_login(cast.organizer)
    url = reverse("child_consent", args=[cast.child_a1.pk])
    response = client.post(
        url,
        {"consent-media_consent": "none", "consent-note": "Asked at drop-off"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section class="card mt-4" id="consent"')
    assert "Asked at drop-off" in response.text
    cast.child_a1.refresh_from_db()
    assert cast.child_a1.media_consent == "none"
    assert [c.recorded_by for c in cast.child_a1.consents.all()] == [cast.organizer, None]


def test_consent_without_a_choice_is_refused_and_nothing_is_recorded(client, cast):
    client.force_login(cast.organizer)
    url = reverse("child_consent", args=[cast.child_a1.pk])
    response = client.post(url, {"consent-media_consent": "maybe"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["media_consent"]
    assert cast.child_a1.consents.count() == 1


def test_a_mentor_cannot_record_consent(client, cast):
    client.force_login(cast.mentor_a)
    url = reverse("child_consent", args=[cast.child_a1.pk])
    response = client.post(url, {"consent-media_consent": "public"})
    assert response.status_code == 404
    assert cast.child_a1.consents.count() == 1


def test_the_childs_page_tells_not_asked_from_no_photos(client, cast):
    Participant.objects.filter(pk=cast.child_a2.pk).update(media_consent="")
    cast.child_a2.consents.all().delete()
    _, html = page(client, cast.organizer, reverse("participant", args=[cast.child_a2.pk]))
    assert "Not asked yet" in html
    assert "Record consent" in html
    _, html = page(client, cast.mentor_a, reverse("participant", args=[cast.child_a2.pk]))
    assert "Not asked yet" in html
    assert "Record consent" not in html


def test_an_organizer_adds_an_existing_account_as_guardian(client, cast):
    client.force_login(cast.organizer)
    response = client.post(
        reverse("guardian_new", args=[cast.child_b2.pk]),
        {"email": cast.parent_two.email.upper(), "relationship": "father", "may_pick_up": "on"},
    )
    assert response.status_code == 302
    assert cast.child_b2.guardians.filter(user=cast.parent_two).exists()


def test_an_organizer_adds_a_new_guardian_who_cannot_sign_in_yet(client, cast):
    client.force_login(cast.organizer)
    client.post(
        reverse("guardian_new", args=[cast.child_b2.pk]),
        {"email": "aunt@example.test", "first_name": "Aya", "relationship": "other"},
    )
    guardian = cast.child_b2.guardians.get(user__email="aunt@example.test")
    assert (guardian.user.first_name, guardian.may_pick_up) == ("Aya", False)
    assert not guardian.user.has_usable_password()


def test_a_guardian_added_twice_is_refused(client, cast):
    client.force_login(cast.organizer)
    response = client.post(
        reverse("guardian_new", args=[cast.child_a1.pk]),
        {"email": cast.parent_a.email, "relationship": "mother"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": ["This person is already one of the child's guardians."]
    }
    assert cast.child_a1.guardians.count() == 1


def test_an_organizer_changes_and_removes_a_guardian(client, cast):
    guardian = cast.child_a1.guardians.get()
    client.force_login(cast.organizer)
    client.post(reverse("guardian_edit", args=[guardian.pk]), {"relationship": "grandparent"})
    guardian.refresh_from_db()
    assert (guardian.relationship, guardian.may_pick_up) == ("grandparent", False)
    response = client.post(reverse("guardian_delete", args=[guardian.pk]))
    assert response["Location"] == reverse("participant", args=[cast.child_a1.pk])
    assert not Guardian.objects.filter(pk=guardian.pk).exists()
    assert type(cast.parent_a).objects.filter(pk=cast.parent_a.pk).exists()


def test_a_family_cannot_remove_a_guardian(client, cast):
    guardian = cast.child_a2.guardians.get()
    client.force_login(cast.parent_two)
    assert client.post(reverse("guardian_delete", args=[guardian.pk])).status_code == 404
    assert Guardian.objects.filter(pk=guardian.pk).exists()


def test_the_audit_page_lists_who_read_which_record(client, cast):
    page(client, cast.mentor_a, reverse("participant", args=[cast.child_a1.pk]))
    response, html = page(client, cast.organizer, reverse("health_reads", args=["summer"]))
    reads = list(response.context["page"].object_list)
    assert [(r.reader, r.participant, r.scope) for r in reads] == [
        (cast.mentor_a, cast.child_a1, "full")
    ]
    assert cast.mentor_a.email in html
    assert "EpiPen" not in html
    assert HealthRecordRead.objects.count() == 1


def test_the_audit_page_filters_by_child_and_ignores_a_bad_filter(client, cast):
    page(client, cast.mentor_a, reverse("participant", args=[cast.child_a1.pk]))
    page(client, cast.mentor_a, reverse("participant", args=[cast.child_a2.pk]))
    url = reverse("health_reads", args=["summer"])
    response, _ = page(client, cast.organizer, f"{url}?child={cast.child_a2.pk}")
    assert [r.participant for r in response.context["page"].object_list] == [cast.child_a2]
    response, _ = page(client, cast.organizer, f"{url}?child=x")
    assert list(response.context["page"].object_list) == []


def test_another_workshops_organizer_reads_no_audit(client, cast):
    page(client, cast.organizer, reverse("participant", args=[cast.child_a1.pk]))
    response, html = page(client, cast.other_organizer, reverse("health_reads", args=["summer"]))
    assert response.status_code == 404
    assert cast.organizer.email not in html


@pytest.mark.parametrize(
    "query, found",
    [
        ({"allergies": "on"}, ["Aoyama", "Bystander"]),
        ({"consent": "none"}, ["Sibling"]),
        ({"consent": "not-asked"}, ["Newcomer"]),
        ({"consent": "not-asked", "allergies": "on"}, []),
    ],
)
def test_children_filtered_by_consent_and_allergies(client, cast, query, found):
    from tests.factories import ParticipantFactory
    from workshop.services import record_consent

    ParticipantFactory(workshop=cast.workshop, family_name="Newcomer", media_consent="")
    record_consent(cast.child_b1, media_consent="none", by=cast.organizer)
    client.force_login(cast.organizer)
    response = client.get(reverse("children", args=["summer"]), query)
    assert sorted(child.family_name for child, _ in response.context["rows"]) == found


def test_an_unknown_consent_filter_is_refused_with_a_message(client, cast):
    response, _ = page(client, cast.organizer, reverse("children", args=["summer"]) + "?consent=x")
    assert response.context["rows"] == []
    assert list(response.context["form"].errors) == ["consent"]


def test_opening_a_health_record_in_the_admin_is_written_to_the_audit(client, cast):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    url = reverse("admin:workshop_healthrecord_change", args=[cast.child_a1.health.pk])
    assert client.get(url).status_code == 200
    assert list(HealthRecordRead.objects.values_list("reader", "page", "scope")) == [
        (superuser.pk, "admin", "full")
    ]
