"""Every model has an admin, and its list, search and change pages work."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from projects.models import MediaAsset
from workshop.models import (
    ConsentRecord,
    HealthRecordRead,
    Invitation,
    ReleasedDay,
    ReleasedSession,
    ScheduleRelease,
)

pytestmark = pytest.mark.django_db

OUR_APPS = ("workshop", "groups", "projects")
FROZEN = (
    ScheduleRelease,
    ReleasedSession,
    ReleasedDay,
    ConsentRecord,
    HealthRecordRead,
    Invitation,
    MediaAsset,
)


def our_models():
    return [model for name in OUR_APPS for model in apps.get_app_config(name).get_models()]


def test_every_model_is_registered():
    unregistered = [model.__name__ for model in our_models() if model not in admin.site._registry]
    assert unregistered == []


@pytest.mark.parametrize("model", our_models(), ids=lambda model: model.__name__)
def test_admin_pages_open(admin_client, cast, model):
    info = (model._meta.app_label, model._meta.model_name)
    changelist = admin_client.get(reverse("admin:{}_{}_changelist".format(*info)), {"q": "a"})
    assert changelist.status_code == 200
    instance = model.objects.first()
    if instance is not None:
        change = admin_client.get(reverse("admin:{}_{}_change".format(*info), args=[instance.pk]))
        assert change.status_code == 200
    add = admin_client.get(reverse("admin:{}_{}_add".format(*info)))
    assert add.status_code == (403 if model in FROZEN else 200)


def test_releases_are_frozen_in_the_admin(admin_client, cast):
    release = cast.workshop.releases.get()
    url = reverse("admin:workshop_schedulerelease_change", args=[release.pk])
    admin_client.post(url, {"name": "Rewritten"})
    release.refresh_from_db()
    assert release.name == ""
    delete = reverse("admin:workshop_schedulerelease_delete", args=[release.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert cast.workshop.releases.count() == 1


def test_admin_is_closed_to_organizers(client, cast):
    client.force_login(cast.organizer)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_session_outside_its_day_is_refused_in_the_admin_and_nothing_is_saved(admin_client, cast):
    from workshop.models import Session

    day = cast.workshop.days.get(number=2)
    before = Session.objects.count()
    response = admin_client.post(
        reverse("admin:workshop_session_add"),
        {
            "day": day.pk,
            "starts_at": "18:00",
            "ends_at": "19:00",
            "title": "Night shoot",
            "kind": "stage_work",
        },
    )
    assert response.status_code == 200
    assert "This session falls outside its day: day 2 runs from 09:00 to 17:00." in (
        response.content.decode()
    )
    assert Session.objects.count() == before
