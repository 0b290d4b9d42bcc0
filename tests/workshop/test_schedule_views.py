"""The week and day pages (views/schedule.py): each viewer sees the sessions in their scope,
and the week filters by group, swapping only the schedule for htmx."""

import pytest
from django.urls import reverse

from tests.pages import page
from workshop.services import publish_schedule

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_day_three")]


def test_week_for_a_parent_holds_only_their_childs_sessions(client, cast):
    response, html = page(client, cast.parent_a, reverse("week", args=["summer"]))
    assert response.status_code == 200
    assert "Lantern shoots" in html
    assert "Morning circle" in html
    assert "Kite shoots" not in html


def test_week_of_another_workshop_is_not_found(client, cast):
    for user in (cast.parent_a, cast.mentor_a, cast.organizer):
        response, _ = page(client, user, reverse("week", args=["winter"]))
        assert response.status_code == 404


def test_week_for_one_group_holds_its_sessions_and_everyones(client, cast):
    url = reverse("week", args=["summer"])
    response, _ = page(client, cast.mentor_a, f"{url}?group={cast.group_b.pk}")
    titles = [s.title for plan in response.context["week"] for s in plan.sessions]
    assert titles == ["Kite shoots", "Morning circle"]
    assert response.context["chosen_group"] == cast.group_b


def test_htmx_filtering_swaps_only_the_schedule(client, cast):
    client.force_login(cast.organizer)
    url = reverse("week", args=["summer"])
    response = client.get(f"{url}?group={cast.group_a.pk}", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="schedule">')
    assert "<html" not in html
    assert "Lantern shoots" in html
    assert "Kite shoots" not in html


def test_a_parent_cannot_filter_the_week_by_a_group_not_theirs(client, cast):
    url = reverse("week", args=["summer"])
    response, html = page(client, cast.parent_a, f"{url}?group={cast.group_b.pk}")
    assert not response.context["chosen_group"]  # a lazy read (page_context): None inside
    assert [group.name for group in response.context["groups"]] == ["Lantern"]
    assert "Kite" not in html


def test_day_page_shows_the_family_information(client, cast):
    day = cast.workshop.days.get(number=1)
    day.what_to_bring = "Indoor shoes"
    day.save()
    publish_schedule(cast.workshop, by=cast.organizer)
    response, html = page(client, cast.parent_a, reverse("day", args=["summer", 1]))
    assert response.status_code == 200
    assert "Indoor shoes" in html
    assert [s.title for s in response.context["sessions"]] == ["Lantern shoots", "Morning circle"]
    assert response.context["next_day"].number == 2
    assert not response.context["previous_day"]  # a lazy read (page_context): None inside


def test_day_of_another_workshop_is_not_found(client, cast):
    response, _ = page(client, cast.outsider_parent, reverse("day", args=["summer", 1]))
    assert response.status_code == 404


def test_organizers_are_told_what_is_not_released_and_families_see_the_release(client, cast):
    cast.session_a.title = "Lantern reshoots"
    cast.session_a.save()
    banner = "1 change is not released yet: families do not see it."
    url = reverse("week", args=["summer"])
    _, organizer_html = page(client, cast.organizer, url)
    _, mentor_html = page(client, cast.mentor_a, url)
    _, parent_html = page(client, cast.parent_a, url)
    assert banner in organizer_html
    assert reverse("release_new", args=["summer"]) in organizer_html
    assert banner not in mentor_html
    assert "Lantern reshoots" in mentor_html
    assert banner not in parent_html
    assert "Lantern reshoots" not in parent_html
    assert "Lantern shoots" in parent_html
