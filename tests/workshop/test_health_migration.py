"""The health data migration (workshop/migrations/0010_health_records): children's health
fields move to health records; a consent other than "none" becomes a consent record, "none"
(the old default) becomes "not asked yet"."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from workshop.models import ConsentRecord, HealthRecord, Participant

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("workshop", "0009_invitations")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.fixture
def old_apps():
    yield migrate([BEFORE])
    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())


def test_health_fields_and_consent_are_carried_over(old_apps):
    Workshop = old_apps.get_model("workshop", "Workshop")
    OldParticipant = old_apps.get_model("workshop", "Participant")
    workshop = Workshop.objects.create(
        title="Old", slug="old", venue="Hall", start_date=datetime.date(2025, 7, 1),
        end_date=datetime.date(2025, 7, 7),
    )  # fmt: skip
    born = datetime.date(2015, 1, 1)
    OldParticipant.objects.create(
        workshop=workshop, given_name="Ami", family_name="A", birth_date=born,
        allergies="Egg", medical_notes="Inhaler", emergency_contact_name="Aunt",
        emergency_contact_phone="090", media_consent="public",
    )  # fmt: skip
    OldParticipant.objects.create(
        workshop=workshop, given_name="Ben", family_name="B", birth_date=born,
        media_consent="none",
    )  # fmt: skip
    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())

    ami, ben = Participant.objects.order_by("given_name")
    assert list(
        HealthRecord.objects.values_list(
            "participant", "allergies", "medical_notes", "emergency_contact_name",
            "emergency_contact_phone",
        )
    ) == [(ami.pk, "Egg", "Inhaler", "Aunt", "090")]  # fmt: skip
    assert (ami.media_consent, ben.media_consent) == ("public", "")
    assert list(
        ConsentRecord.objects.values_list("participant", "media_consent", "recorded_by")
    ) == [(ami.pk, "public", None)]
