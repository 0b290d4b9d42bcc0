"""What every page shares: signing in, the security headers, the navigation, the error
pages, and 404 for whoever is outside the workshop."""

import re
from urllib.parse import quote

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from tests.pages import page
from workshop.models import StaffMembership, Workshop

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_day_three")]


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


def test_an_htmx_request_after_the_session_expired_loads_the_sign_in_page_whole(client, cast):
    url = f"{reverse('children', args=['summer'])}?q=Aoyama"
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"/accounts/login/?next={quote(url)}"
    assert response.content == b""


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


def test_the_error_page_speaks_the_visitors_language():
    with translation.override("ja"):
        html = render_to_string("500.html")
    assert '<html lang="ja">' in html
    assert '<h1 class="page-title">問題が発生しました</h1>' in html


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
