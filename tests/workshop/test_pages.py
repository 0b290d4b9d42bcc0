"""The pages each role reaches: what they show, and that nothing else leaks into them."""

import datetime
import re
from urllib.parse import quote

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from tests.factories import GuardianFactory, StaffMembershipFactory, UserFactory, WorkshopFactory
from workshop.models import StaffMembership, Workshop

pytestmark = pytest.mark.django_db

# Day 3 of the cast's workshop, 2026-07-29, at 09:30 in Tokyo.
DAY_THREE = datetime.datetime(2026, 7, 29, 0, 30, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def on_day_three(clock):
    clock(DAY_THREE)


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    return response, response.content.decode()


def test_anonymous_visitor_gets_the_welcome_page(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "Sign in" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/workshops/summer/",
        "/workshops/summer/days/1/",
        "/workshops/summer/children/",
        "/children/1/",
        "/groups/1/",
        "/accounts/password_change/",
    ],
)
def test_pages_ask_anonymous_visitors_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_organizer_home_shows_the_week_at_a_glance(client, cast):
    response, html = page(client, cast.organizer, reverse("home"))
    assert response.status_code == 200
    overview = response.context["organizer_overviews"][0]
    assert overview.workshop == cast.workshop
    assert overview.children == 4
    assert overview.children_without_group == 0
    assert [plan.day.number for plan in overview.week] == [1, 2, 3, 4, 5, 6, 7]
    assert [s.title for s in overview.week[0].sessions] == [
        "Kite shoots", "Lantern shoots", "Morning circle",
    ]  # fmt: skip
    assert "The week at a glance" in html
    assert "Snow shoots" not in html


def test_mentor_home_shows_their_groups_and_the_days_sessions(client, cast):
    day_three = cast.workshop.days.get(number=3)
    cast.session_a.day = day_three
    cast.session_a.save()
    response, html = page(client, cast.mentor_a, reverse("home"))
    overview = response.context["mentor_overviews"][0]
    assert [card.group for card in overview.groups] == [cast.group_a]
    assert overview.day == day_three
    assert [session.title for session in overview.sessions] == ["Lantern shoots"]
    assert "Your groups" in html


def test_parent_home_shows_their_childs_day(client, cast):
    response, html = page(client, cast.parent_a, reverse("home"))
    [child_day] = response.context["family"]
    assert child_day.child == cast.child_a1
    assert child_day.day.number == 3
    assert cast.child_a1.full_name in html
    assert "09:00" in html and "17:00" in html
    for other in (cast.child_a2, cast.child_b1, cast.child_b2, cast.child_x):
        assert other.family_name not in html
    assert "Peanuts" not in html


def test_parent_of_two_sees_both_children_apart(client, cast):
    cast.session_a.day = cast.session_b.day = cast.workshop.days.get(number=3)
    cast.session_a.save()
    cast.session_b.save()
    response, _ = page(client, cast.parent_two, reverse("home"))
    family = {day.child: [s.title for s in day.sessions] for day in response.context["family"]}
    assert family == {cast.child_a2: ["Lantern shoots"], cast.child_b1: ["Kite shoots"]}


def test_user_without_a_role_is_told_so(client, db):
    response, html = page(client, UserFactory(), reverse("home"))
    assert response.status_code == 200
    assert "You have no part in a workshop yet." in html


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


def test_day_page_shows_the_family_information(client, cast):
    day = cast.workshop.days.get(number=1)
    day.what_to_bring = "Indoor shoes"
    day.save()
    response, html = page(client, cast.parent_a, reverse("day", args=["summer", 1]))
    assert response.status_code == 200
    assert "Indoor shoes" in html
    assert [s.title for s in response.context["sessions"]] == ["Lantern shoots", "Morning circle"]
    assert response.context["next_day"].number == 2
    assert not response.context["previous_day"]  # a lazy read (page_context): None inside


def test_day_of_another_workshop_is_not_found(client, cast):
    response, _ = page(client, cast.outsider_parent, reverse("day", args=["summer", 1]))
    assert response.status_code == 404


def test_mentor_sees_medical_notes_of_their_groups_child(client, cast):
    response, html = page(client, cast.mentor_a, reverse("participant", args=[cast.child_a1.pk]))
    assert response.status_code == 200
    assert "EpiPen in bag" in html


def test_parent_sees_their_child_but_not_the_medical_notes(client, cast):
    response, html = page(client, cast.parent_a, reverse("participant", args=[cast.child_a1.pk]))
    assert response.status_code == 200
    assert cast.child_a1.family_name in html
    assert "EpiPen in bag" not in html


@pytest.mark.parametrize(
    "viewer, child",
    [
        ("parent_a", "child_a2"),
        ("parent_a", "child_x"),
        ("mentor_a", "child_b2"),
        ("outsider_parent", "child_a1"),
        ("other_organizer", "child_b2"),
        ("parent_two", "child_a1"),
    ],
)
def test_a_child_outside_ones_scope_is_not_found(client, cast, viewer, child):
    url = reverse("participant", args=[getattr(cast, child).pk])
    response, html = page(client, getattr(cast, viewer), url)
    assert response.status_code == 404
    assert getattr(cast, child).family_name not in html


def test_group_page_for_a_parent_lists_only_their_own_child(client, cast):
    response, html = page(client, cast.parent_two, reverse("group", args=[cast.group_a.pk]))
    assert response.status_code == 200
    assert list(response.context["members"]) == [cast.child_a2]
    assert cast.child_a1.family_name not in html


def test_group_page_for_another_groups_mentor_lists_no_children(client, cast):
    response, html = page(client, cast.mentor_b, reverse("group", args=[cast.group_a.pk]))
    assert response.status_code == 200
    assert list(response.context["members"]) == []
    assert cast.child_a1.family_name not in html
    assert "2 children in this group." in html


def test_group_page_for_its_mentor_flags_health_notes(client, cast):
    response, html = page(client, cast.mentor_a, reverse("group", args=[cast.group_a.pk]))
    assert set(response.context["members"]) == {cast.child_a1, cast.child_a2}
    assert html.count("Health note") == 1


def test_group_of_another_family_is_not_found(client, cast):
    response, html = page(client, cast.parent_a, reverse("group", args=[cast.group_b.pk]))
    assert response.status_code == 404
    assert "Kite" not in html


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


def test_pages_carry_a_strict_content_security_policy(client, cast):
    response, html = page(client, cast.parent_a, reverse("home"))
    assert response["Content-Security-Policy"] == (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'"
    )
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    scripts = re.findall(r"<script[^>]*>", html)
    assert len(scripts) == 2
    assert all(' src="/static/' in script for script in scripts)
    assert re.findall(r"\s(style|on[a-z]+)=", html) == []


def test_children_list_for_an_organizer_holds_the_whole_workshop(client, cast):
    response, html = page(client, cast.organizer, reverse("children", args=["summer"]))
    assert response.status_code == 200
    assert {child for child, _ in response.context["rows"]} == {
        cast.child_a1, cast.child_a2, cast.child_b1, cast.child_b2,
    }  # fmt: skip
    assert [show_health for _, show_health in response.context["rows"]] == [True] * 4
    assert cast.child_x.family_name not in html


def test_children_list_for_a_mentor_holds_only_their_groups(client, cast):
    response, html = page(client, cast.mentor_a, reverse("children", args=["summer"]))
    assert {child for child, _ in response.context["rows"]} == {cast.child_a1, cast.child_a2}
    assert list(response.context["form"].fields["group"].queryset) == [cast.group_a]
    assert "Bystander" not in html


def test_children_search_matches_every_word_of_names_and_readings(client, cast):
    cast.child_b2.family_name_reading = "ばいすたんだー"
    cast.child_b2.save()
    url = reverse("children", args=["summer"])
    response, _ = page(client, cast.organizer, f"{url}?q=ばいすた")
    assert [child for child, _ in response.context["rows"]] == [cast.child_b2]
    response, _ = page(client, cast.organizer, f"{url}?q=Sibling&group={cast.group_b.pk}")
    assert [child for child, _ in response.context["rows"]] == [cast.child_b1]
    response, html = page(client, cast.organizer, f"{url}?q=nobody-by-this-name")
    assert response.context["rows"] == []
    assert "No child matches." in html


def test_children_search_by_htmx_returns_only_the_results(client, cast):
    client.force_login(cast.organizer)
    url = reverse("children", args=["summer"])
    response = client.get(f"{url}?q=Aoyama", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "Aoyama" in html
    assert "Sibling" not in html


def test_children_of_another_workshop_are_not_found(client, cast):
    response, _ = page(client, cast.other_organizer, reverse("children", args=["summer"]))
    assert response.status_code == 404


def test_mentor_who_is_also_a_parent_sees_both_parts_of_home(client, cast):
    GuardianFactory(user=cast.mentor_a, participant=cast.child_b2)
    response, html = page(client, cast.mentor_a, reverse("home"))
    assert [card.group for card in response.context["mentor_overviews"][0].groups] == [cast.group_a]
    assert [child_day.child for child_day in response.context["family"]] == [cast.child_b2]
    assert "Your groups" in html
    assert "Your child" in html


def test_just_after_midnight_in_tokyo_home_shows_the_new_day(client, cast, clock):
    clock(datetime.datetime(2026, 7, 28, 15, 30, tzinfo=datetime.UTC))  # 00:30 on the 29th
    response, _ = page(client, cast.parent_a, reverse("home"))
    assert response.context["family"][0].day.number == 3


def test_after_the_week_home_shows_the_last_day_as_such(client, cast, clock):
    clock(datetime.datetime(2026, 8, 10, 1, 0, tzinfo=datetime.UTC))
    response, html = page(client, cast.parent_a, reverse("home"))
    assert response.context["family"][0].day.number == 7
    assert "Last day" in html


def test_a_finished_workshop_gives_way_to_the_current_one_at_home(client, cast, clock):
    autumn = WorkshopFactory(title="Autumn", slug="autumn", start_date=datetime.date(2026, 10, 5))
    StaffMembershipFactory(
        user=cast.organizer, workshop=autumn, role=StaffMembership.Role.ORGANIZER
    )
    clock(datetime.datetime(2026, 10, 6, 1, 0, tzinfo=datetime.UTC))
    response, _ = page(client, cast.organizer, reverse("home"))
    assert [o.workshop for o in response.context["organizer_overviews"]] == [autumn]


def test_children_filtered_by_a_group_one_may_not_list_is_refused_with_a_message(client, cast):
    url = reverse("children", args=["summer"])
    response, html = page(client, cast.mentor_a, f"{url}?group={cast.group_b.pk}")
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert response.context["form"].errors["group"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert "Bystander" not in html


def test_children_search_with_a_null_character_is_refused_with_a_message(client, cast):
    url = reverse("children", args=["summer"])
    response, _ = page(client, cast.organizer, f"{url}?q=Aoy%00ama")
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert response.context["form"].errors["q"] == ["Null characters are not allowed."]


def test_htmx_answers_vary_by_the_htmx_header(client, cast):
    response, _ = page(client, cast.organizer, reverse("week", args=["summer"]))
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client, cast):
    client.force_login(cast.organizer)
    response = client.get(
        reverse("week", args=["summer"]),
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in response.content.decode()


def test_staff_who_may_see_health_notes_also_see_the_guardians_contacts(client, cast):
    guardian = cast.child_a1.guardians.get().user
    guardian.phone = "080-1111-2222"
    guardian.save()
    url = reverse("participant", args=[cast.child_a1.pk])
    _, html = page(client, cast.mentor_a, url)
    assert "080-1111-2222" in html
    _, html = page(client, cast.parent_a, url)
    assert "080-1111-2222" not in html


def test_the_error_page_speaks_the_visitors_language():
    with translation.override("ja"):
        html = render_to_string("500.html")
    assert '<html lang="ja">' in html
    assert '<h1 class="page-title">問題が発生しました</h1>' in html


def test_the_children_list_is_for_staff_only(client, cast):
    response, html = page(client, cast.parent_two, reverse("children", args=["summer"]))
    assert response.status_code == 404
    assert cast.child_a2.family_name not in html


def test_a_parent_of_a_draft_workshop_finds_none_of_its_pages(client, cast):
    Workshop.objects.filter(pk=cast.workshop.pk).update(is_published=False)
    client.force_login(cast.parent_a)
    urls = [
        reverse("week", args=["summer"]),
        reverse("day", args=["summer", 1]),
        reverse("participant", args=[cast.child_a1.pk]),
        reverse("group", args=[cast.group_a.pk]),
    ]
    assert [client.get(url).status_code for url in urls] == [404, 404, 404, 404]


@pytest.mark.parametrize("viewer", ["other_organizer", "outsider_parent"])
def test_another_workshops_people_find_none_of_this_workshops_pages(client, cast, viewer):
    client.force_login(getattr(cast, viewer))
    urls = [
        reverse("week", args=["summer"]),
        f"{reverse('week', args=['summer'])}?group={cast.group_a.pk}",
        reverse("day", args=["summer", 3]),
        reverse("children", args=["summer"]),
        reverse("participant", args=[cast.child_a1.pk]),
        reverse("group", args=[cast.group_a.pk]),
    ]
    assert [client.get(url).status_code for url in urls] == [404] * 6


def test_an_htmx_request_after_the_session_expired_loads_the_sign_in_page_whole(client, cast):
    url = f"{reverse('children', args=['summer'])}?q=Aoyama"
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"/accounts/login/?next={quote(url)}"
    assert response.content == b""


def test_the_children_link_shows_only_where_one_is_staff(client, cast):
    _, html = page(client, cast.mentor_a, reverse("home"))
    assert html.count('href="/workshops/summer/children/"') == 1
    _, html = page(client, cast.parent_two, reverse("home"))
    assert html.count('/children/"') == 0


def test_the_navigation_names_each_current_workshop_by_its_title(client, cast):
    cast.other_workshop.staff.create(user=cast.organizer, role=StaffMembership.Role.ORGANIZER)
    client.force_login(cast.organizer)
    html = client.get(reverse("home")).text
    nav = html.split('id="main-nav"')[1].split("</ul>")[0]
    assert "Summer" in nav
    assert "Winter" in nav
    assert "The week" not in nav
