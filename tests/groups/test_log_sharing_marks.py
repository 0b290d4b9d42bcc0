import pytest
from django.urls import reverse

from projects.models import LogEntry

pytestmark = pytest.mark.django_db


def notes(cast):
    film = cast.group_a.film
    LogEntry.objects.create(
        film=film,
        author=cast.mentor_a,
        written_on="2026-07-27",
        body="Shared",
        shared_with_families=True,
    )
    LogEntry.objects.create(
        film=film, author=cast.mentor_a, written_on="2026-07-27", body="Crew only"
    )


def test_staff_see_which_notes_families_read(client, cast):
    notes(cast)
    client.force_login(cast.mentor_a)
    html = client.get(reverse("group", args=[cast.group_a.pk])).text
    assert html.count("Not shared with families") == 1
    assert html.count("Shared with families") == 1


def test_families_see_no_sharing_marks(client, cast):
    notes(cast)
    client.force_login(cast.parent_a)
    html = client.get(reverse("group", args=[cast.group_a.pk])).text
    assert "Crew only" not in html
    assert "Shared" in html
    assert "shared with families" not in html.lower()
