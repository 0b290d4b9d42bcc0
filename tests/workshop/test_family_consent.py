"""A parent changes their own child's photo and video consent from the portal (issue 16)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import GuardianFactory
from workshop.models import ConsentRecord, Participant

pytestmark = pytest.mark.django_db


def history(child) -> list[tuple[str, object]]:
    return [(record.media_consent, record.recorded_by) for record in child.consents.all()]


def test_a_parent_changes_their_childs_consent_and_it_is_kept_in_the_history(client, cast):
    client.force_login(cast.parent_a)
    url = reverse("family_consent", args=[cast.child_a1.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Not filmed or photographed." in page.text
    assert "Shown at the public screening" in page.text
    response = client.post(url, {"media_consent": "none"}, follow=True)
    assert response.redirect_chain == [(reverse("participant", args=[cast.child_a1.pk]), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        f"{cast.child_a1.full_name}'s consent is now: No photos or video."
    ]
    cast.child_a1.refresh_from_db()
    assert cast.child_a1.media_consent == "none"
    assert history(cast.child_a1) == [("none", cast.parent_a), ("families", None)]
    record = cast.child_a1.consents.first()
    assert record.recorded_at is not None
    assert f"recorded by {cast.parent_a.display_name}" in response.text


def test_choosing_the_same_level_records_nothing(client, cast):
    client.force_login(cast.parent_a)
    url = reverse("family_consent", args=[cast.child_a1.pk])
    response = client.post(url, {"media_consent": "families"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        f"Nothing changed: {cast.child_a1.full_name}'s consent stays the same."
    ]
    assert history(cast.child_a1) == [("families", None)]


@pytest.mark.parametrize("level", ["", "everyone", "NONE", "not-asked"])
def test_an_unknown_level_is_refused_with_a_message_and_nothing_changes(client, cast, level):
    client.force_login(cast.parent_a)
    url = reverse("family_consent", args=[cast.child_a1.pk])
    response = client.post(url, {"media_consent": level})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["media_consent"]
    assert 'id="consent-errors"' in response.text
    cast.child_a1.refresh_from_db()
    assert cast.child_a1.media_consent == "families"
    assert history(cast.child_a1) == [("families", None)]


@pytest.mark.parametrize("viewer", ["parent_two", "organizer", "mentor_a", "outsider_parent"])
def test_only_the_childs_own_guardians_change_consent(client, cast, viewer):
    client.force_login(getattr(cast, viewer))
    url = reverse("family_consent", args=[cast.child_a1.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"media_consent": "none"}).status_code == 404
    assert ConsentRecord.objects.filter(participant=cast.child_a1).count() == 1
    assert Participant.objects.get(pk=cast.child_a1.pk).media_consent == "families"


def test_a_second_guardian_changes_consent_too(client, cast):
    GuardianFactory(user=cast.parent_two, participant=cast.child_a1)
    client.force_login(cast.parent_two)
    url = reverse("family_consent", args=[cast.child_a1.pk])
    assert client.post(url, {"media_consent": "public"}).status_code == 302
    assert history(cast.child_a1)[0] == ("public", cast.parent_two)


def test_the_change_shows_at_once_on_cached_pages(client, cast):
    """The organizer's children list and the parent's home are cached per data version: the
    consent change must show on both at once."""
    organizer = Client()
    organizer.force_login(cast.organizer)
    children = reverse("children", args=["summer"])

    def without_photos():
        response = organizer.get(children, {"consent": "none"})
        return sorted(child.family_name for child, _ in response.context["rows"])

    assert without_photos() == []
    client.force_login(cast.parent_a)
    home_before = client.get(reverse("home")).text
    assert "Families of the workshop" in home_before
    client.post(reverse("family_consent", args=[cast.child_a1.pk]), {"media_consent": "none"})
    assert without_photos() == ["Aoyama"]
    home_after = client.get(reverse("home")).text
    assert "No photos or video" in home_after
    assert "Families of the workshop" not in home_after


def test_the_childs_page_offers_the_change_to_the_family_only(client, cast):
    client.force_login(cast.parent_a)
    page = client.get(reverse("participant", args=[cast.child_a1.pk]))
    assert page.context["may_change_consent"] is True
    assert 'id="change-consent"' in page.text
    client.force_login(cast.organizer)
    page = client.get(reverse("participant", args=[cast.child_a1.pk]))
    assert page.context["may_change_consent"] is False
    assert 'id="change-consent"' not in page.text
