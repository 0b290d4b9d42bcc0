"""Factories for the domain. Workshops and groups are made by the same services the app uses,
so every workshop has its days and stages and every group its film."""

import datetime

import factory

from groups.models import Membership
from groups.services import create_group
from workshop.models import (
    ConsentRecord,
    Guardian,
    HealthRecord,
    Participant,
    PickupContact,
    Room,
    Session,
    StaffMembership,
    User,
    Workshop,
)
from workshop.services import create_workshop


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("secret-pass-123")


class WorkshopFactory(factory.Factory):
    class Meta:
        model = Workshop

    title = factory.Sequence(lambda n: f"Workshop {n}")
    slug = factory.Sequence(lambda n: f"workshop-{n}")
    venue = "Community hall"
    start_date = datetime.date(2026, 7, 27)
    is_published = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return create_workshop(**kwargs)


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    workshop = factory.SubFactory(WorkshopFactory)
    name = factory.Sequence(lambda n: f"Room {n}")
    capacity = 12


class GroupFactory(factory.Factory):
    class Meta:
        model = dict

    workshop = factory.SubFactory(WorkshopFactory)
    name = factory.Sequence(lambda n: f"Group {n}")
    colour = "#1f77b4"

    @classmethod
    def _create(cls, model_class, *, workshop, **kwargs):
        return create_group(workshop, **kwargs)


HEALTH_FIELDS = ("allergies", "medical_notes", "emergency_contact_name", "emergency_contact_phone")


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    workshop = factory.SubFactory(WorkshopFactory)
    given_name = factory.Faker("first_name")
    family_name = factory.Sequence(lambda n: f"Family{n}")
    birth_date = datetime.date(2015, 5, 1)
    media_consent = Participant.MediaConsent.FAMILIES

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Health fields (allergies=…) go to the child's health record, made only if one is
        given; a consent other than "not asked" is the child's first consent record."""
        health = {name: kwargs.pop(name) for name in HEALTH_FIELDS if name in kwargs}
        participant = super()._create(model_class, *args, **kwargs)
        if any(health.values()):
            HealthRecord.objects.create(participant=participant, **health)
        if participant.media_consent:
            ConsentRecord.objects.create(
                participant=participant, media_consent=participant.media_consent
            )
        return participant


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    participant = factory.SubFactory(ParticipantFactory)
    group = factory.SubFactory(GroupFactory)


class GuardianFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guardian

    user = factory.SubFactory(UserFactory)
    participant = factory.SubFactory(ParticipantFactory)


class StaffMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMembership

    user = factory.SubFactory(UserFactory)
    workshop = factory.SubFactory(WorkshopFactory)
    role = StaffMembership.Role.MENTOR


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    day = factory.LazyAttribute(lambda o: o.workshop.days.order_by("number").first())
    starts_at = datetime.time(10, 0)
    ends_at = datetime.time(11, 0)
    title = factory.Sequence(lambda n: f"Session {n}")

    class Params:
        workshop = factory.SubFactory(WorkshopFactory)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(extracted)


class ScriptVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.ScriptVersion"

    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"SCENE 1. A ROOM.\nLine {n}.")


class StoryboardFrameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.StoryboardFrame"

    position = factory.Sequence(lambda n: n + 1)
    caption = factory.Sequence(lambda n: f"Frame {n}")


class ShotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.Shot"

    scene = 1
    number = factory.Sequence(lambda n: n + 1)
    description = factory.Sequence(lambda n: f"Shot {n}")


class PickupContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PickupContact

    participant = factory.SubFactory(ParticipantFactory)
    name = factory.Faker("name")
    relationship = "Aunt"
    phone = "080-1111-2222"
    kind = PickupContact.Kind.PICKUP
