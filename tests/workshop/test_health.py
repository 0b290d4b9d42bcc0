"""Health records, their audit and consent (workshop/selectors.py `health_records_for`,
workshop/services.py): who reads what, that every read is written down once, and consent
with its history."""

import pytest
from django.core.exceptions import PermissionDenied

from tests.factories import ParticipantFactory, UserFactory
from workshop.access import roles_of
from workshop.models import HealthRecord, HealthRecordRead, Participant
from workshop.selectors import health_records_for
from workshop.services import add_guardian, record_consent, save_child

pytestmark = pytest.mark.django_db


def loaded(*children):
    return list(
        Participant.objects.filter(pk__in=[c.pk for c in children])
        .select_related("membership")
        .order_by("pk")
    )


def test_the_childs_mentor_reads_the_whole_record_and_the_read_is_written_down(cast):
    found = health_records_for(cast.mentor_a, loaded(cast.child_a1), page="participant")
    assert found[cast.child_a1.pk].medical_notes == "EpiPen in bag"
    assert found[cast.child_a1.pk].emergency_contact_phone == "090-0000-0001"
    assert list(
        HealthRecordRead.objects.values_list("reader", "participant", "scope", "page", "workshop")
    ) == [(cast.mentor_a.pk, cast.child_a1.pk, "full", "participant", cast.workshop.pk)]


def test_a_mentor_of_another_group_reads_allergies_but_not_medical_notes(cast):
    found = health_records_for(cast.mentor_b, loaded(cast.child_a1), page="group")
    view = found[cast.child_a1.pk]
    assert (view.allergies, view.full, view.has_medical_notes) == ("Peanuts", False, False)
    assert (view.medical_notes, view.emergency_contact_name, view.emergency_contact_phone) == (
        "",
        "",
        "",
    )
    assert list(HealthRecordRead.objects.values_list("reader", "scope")) == [
        (cast.mentor_b.pk, "allergies")
    ]


def test_a_family_reads_its_own_childs_record_and_nothing_of_another_child(cast):
    found = health_records_for(
        cast.parent_a, loaded(cast.child_a1, cast.child_b2), page="participant"
    )
    assert list(found) == [cast.child_a1.pk]
    assert found[cast.child_a1.pk].medical_notes == "EpiPen in bag"
    assert list(HealthRecordRead.objects.values_list("participant", flat=True)) == [
        cast.child_a1.pk
    ]


@pytest.mark.parametrize("reader", ["other_organizer", "outsider_parent"])
def test_outsiders_read_nothing_and_leave_no_read(cast, reader):
    found = health_records_for(getattr(cast, reader), loaded(cast.child_a1), page="participant")
    assert found == {}
    assert HealthRecordRead.objects.count() == 0


def test_a_list_reads_allergies_and_whether_there_are_notes_never_the_notes(cast):
    children = loaded(cast.child_a1, cast.child_a2, cast.child_b2)
    found = health_records_for(cast.organizer, children, page="children", full=False)
    assert {pk: (v.allergies, v.has_medical_notes, v.medical_notes) for pk, v in found.items()} == {
        cast.child_a1.pk: ("Peanuts", True, ""),
        cast.child_a2.pk: ("", False, ""),
        cast.child_b2.pk: ("Sesame", True, ""),
    }
    # A2's blank cell discloses nothing: the reads are A1's and B2's.
    assert sorted(HealthRecordRead.objects.values_list("participant", "scope")) == [
        (cast.child_a1.pk, "allergies"),
        (cast.child_b2.pk, "allergies"),
    ]


def test_a_childs_whole_record_is_a_read_even_when_it_holds_nothing(cast):
    found = health_records_for(cast.organizer, loaded(cast.child_a2), page="participant")
    assert (found[cast.child_a2.pk].full, found[cast.child_a2.pk].allergies) == (True, "")
    assert list(HealthRecordRead.objects.values_list("participant", "scope")) == [
        (cast.child_a2.pk, "full")
    ]


@pytest.mark.parametrize("size", [1, 10])
def test_reading_many_records_is_one_select_and_one_insert(cast, django_assert_num_queries, size):
    children = [ParticipantFactory(workshop=cast.workshop, allergies="Egg") for _ in range(size)]
    children = loaded(*children)
    roles_of(cast.organizer)  # computed once per request, before any page's reads
    with django_assert_num_queries(2):
        found = health_records_for(cast.organizer, children, page="children")
    assert len(found) == size
    assert HealthRecordRead.objects.count() == size


def test_a_read_is_never_changed_nor_deleted(cast):
    health_records_for(cast.organizer, loaded(cast.child_a1), page="participant")
    read = HealthRecordRead.objects.get()
    read.page = "elsewhere"
    with pytest.raises(PermissionDenied):
        read.save()
    with pytest.raises(PermissionDenied):
        read.delete()
    with pytest.raises(PermissionDenied):
        HealthRecordRead.objects.update(page="elsewhere")
    with pytest.raises(PermissionDenied):
        HealthRecordRead.objects.all().delete()
    assert HealthRecordRead.objects.get().page == "participant"


def test_the_reads_of_a_child_go_with_the_child(cast):
    health_records_for(cast.organizer, loaded(cast.child_a1), page="participant")
    cast.child_a1.delete()
    assert HealthRecordRead.objects.count() == 0


def test_the_audit_is_for_the_workshops_organizers(cast):
    health_records_for(cast.mentor_a, loaded(cast.child_a1), page="participant")
    assert HealthRecordRead.objects.visible_to(cast.organizer).count() == 1
    for reader in (cast.mentor_a, cast.other_organizer, cast.parent_a):
        assert HealthRecordRead.objects.visible_to(reader).count() == 0


def test_consent_not_asked_yet_is_not_none(cast):
    child = ParticipantFactory(workshop=cast.workshop, media_consent="")
    assert (child.media_consent, child.consents.count()) == ("", 0)
    assert child.get_media_consent_display() == "Not asked yet"
    record_consent(child, media_consent="none", by=cast.organizer)
    child.refresh_from_db()
    assert child.get_media_consent_display() == "No photos or video"


def test_recording_consent_keeps_the_history_and_the_latest_is_current(cast):
    child = ParticipantFactory(workshop=cast.workshop, media_consent="")
    record_consent(child, media_consent="families", by=cast.organizer, note="The form")
    record_consent(child, media_consent="workshop", by=cast.organizer, note="By phone")
    child.refresh_from_db()
    assert child.media_consent == "workshop"
    assert list(child.consents.values_list("media_consent", "note", "recorded_by")) == [
        ("workshop", "By phone", cast.organizer.pk),
        ("families", "The form", cast.organizer.pk),
    ]


def test_a_child_with_nothing_to_note_has_no_health_record_until_one_is_written(cast):
    empty = {"allergies": "", "medical_notes": "", "emergency_contact_name": ""}
    empty["emergency_contact_phone"] = ""
    child = save_child(
        Participant(
            workshop=cast.workshop, given_name="A", family_name="B", birth_date="2015-01-01"
        ),
        health=empty,
    )
    assert not HealthRecord.objects.filter(participant=child).exists()
    save_child(child, health=empty | {"allergies": "Kiwi"})
    save_child(child, health=empty)
    assert list(HealthRecord.objects.filter(participant=child).values_list("allergies")) == [("",)]


def test_a_guardian_with_an_account_is_linked_as_they_are(cast):
    known = UserFactory(email="known@example.test", first_name="Kazu", phone="")
    guardian = add_guardian(
        cast.child_b2, email=" Known@Example.test ", first_name="Other", phone="000"
    )
    known.refresh_from_db()
    assert (guardian.user, known.first_name, known.phone) == (known, "Kazu", "")
    assert known.has_usable_password()


def test_a_new_guardian_gets_an_account_without_a_usable_password(cast):
    guardian = add_guardian(
        cast.child_b2,
        email="new@example.test",
        first_name="Nao",
        last_name="Bystander",
        phone="080-1",
        relationship="grandparent",
        may_pick_up=False,
    )
    user = guardian.user
    assert (user.email, user.first_name, user.phone) == ("new@example.test", "Nao", "080-1")
    assert not user.has_usable_password()
    assert (guardian.relationship, guardian.may_pick_up) == ("grandparent", False)
