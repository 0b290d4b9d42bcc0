"""The group page (groups/views.py): its crew, film and progress; the children only for
those who may see them."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from projects.models import LogEntry
from tests.pages import page
from workshop.models import HealthRecordRead

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_day_three")]


def test_group_page_for_a_parent_lists_only_their_own_child(client, cast):
    response, html = page(client, cast.parent_two, reverse("group", args=[cast.group_a.pk]))
    assert response.status_code == 200
    assert [child for child, _ in response.context["members"]] == [cast.child_a2]
    assert cast.child_a1.family_name not in html


def test_group_page_for_another_groups_mentor_lists_no_children(client, cast):
    response, html = page(client, cast.mentor_b, reverse("group", args=[cast.group_a.pk]))
    assert response.status_code == 200
    assert response.context["members"] == []
    assert cast.child_a1.family_name not in html
    assert "2 children in this group." in html


def test_group_page_for_its_mentor_flags_allergies_and_health_notes(client, cast):
    response, html = page(client, cast.mentor_a, reverse("group", args=[cast.group_a.pk]))
    assert {child for child, _ in response.context["members"]} == {cast.child_a1, cast.child_a2}
    assert html.count("Health note") == 1
    assert html.count("Allergies: Peanuts") == 1
    assert "EpiPen" not in html


def test_group_of_another_family_is_not_found(client, cast):
    response, html = page(client, cast.parent_a, reverse("group", args=[cast.group_b.pk]))
    assert response.status_code == 404
    assert "Kite" not in html


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


def test_a_groups_notes_are_paged_newest_first(client, cast):
    from groups.views import NOTES_PER_PAGE

    for day in range(1, NOTES_PER_PAGE + 3):
        LogEntry.objects.create(
            film=cast.group_a.film, author=cast.mentor_a, body=f"Note of July {day}",
            written_on=f"2026-07-{day:02d}", shared_with_families=True,
        )  # fmt: skip
    client.force_login(cast.mentor_a)
    url = reverse("group", args=[cast.group_a.pk])
    first = client.get(url)
    assert "Note of July 22" in first.text
    assert "Note of July 2<" not in first.text
    assert "Older notes" in first.text
    second = client.get(url, {"page": 2})
    assert [entry.body for entry in second.context["log_entries"]] == [
        "Note of July 2",
        "Note of July 1",
    ]


def test_the_group_page_served_again_from_the_cache_writes_its_reads_again(
    client, cast, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr("workshop.selectors.HEALTH_READ_WINDOW", 0)  # every read is written
    client.force_login(cast.mentor_a)
    url = reverse("group", args=[cast.group_a.pk])
    first = client.get(url)
    reads = HealthRecordRead.objects.filter(page="group").count()
    assert reads == 1  # child A1's allergies
    # The session, the user, the group, the audit insert.
    with django_assert_num_queries(4):
        again = client.get(url)
    assert again.text.split("<main")[1] == first.text.split("<main")[1]
    assert HealthRecordRead.objects.filter(page="group").count() == 2 * reads


def test_a_cached_group_page_shows_a_change_at_once(client, cast):
    client.force_login(cast.mentor_a)
    url = reverse("group", args=[cast.group_a.pk])
    assert "Lantern reshoots at dawn" not in client.get(url).text
    LogEntry.objects.create(
        film=cast.group_a.film, author=cast.mentor_a, written_on=datetime.date(2026, 7, 28),
        body="Lantern reshoots at dawn",
    )  # fmt: skip
    assert "Lantern reshoots at dawn" in client.get(url).text


def test_each_sign_in_gets_forms_with_its_own_valid_token(cast):
    url = reverse("group", args=[cast.group_a.pk])
    for _ in range(2):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(cast.mentor_a)
        page = browser.get(url).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        stage = cast.workshop.stages.get(key="script")
        answer = browser.post(
            reverse("group_progress", args=[cast.group_a.pk]),
            {"csrfmiddlewaretoken": token, "stage": stage.pk, "status": "in_progress"},
        )
        assert answer.status_code == 302
