"""An organizer moves a session and releases it; a parent sees the old time until then."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from tests.browser.conftest import LAPTOP, PHONE, screenshot
from tests.browser.test_demo_roles import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_week(db):
    call_command("seed_demo", stdout=StringIO())


def lantern_afternoon(page):
    return page.locator(".session").filter(has_text="Rehearsing the scenes · Lantern").nth(1)


def test_a_parent_sees_a_moved_session_only_after_the_release(live_server, demo_week, new_page):
    parent = new_page(PHONE)
    sign_in(parent, live_server, "parent@kachinko.test")
    parent.goto(f"{live_server.url}/workshops/summer-film-week/days/3/")
    assert lantern_afternoon(parent).get_by_text("14:00–15:45").is_visible()

    organizer = new_page(LAPTOP)
    sign_in(organizer, live_server, "organizer@kachinko.test")
    organizer.goto(f"{live_server.url}/workshops/summer-film-week/?group=1")
    organizer.get_by_role("link", name="Edit: Rehearsing the scenes · Lantern").nth(1).click()
    organizer.get_by_label("Starts at").fill("14:15")
    organizer.get_by_role("button", name="Save").click()
    banner = organizer.get_by_role("status").filter(has_text="1 change is not released yet")
    assert banner.is_visible()
    screenshot(organizer, "organizer-unreleased-1280")

    parent.reload()
    assert lantern_afternoon(parent).get_by_text("14:00–15:45").is_visible()

    banner.get_by_role("link", name="Review and release").click()
    assert organizer.get_by_text("Was: 14:00–15:45").is_visible()
    organizer.get_by_label("Name").fill("Lantern starts later")
    screenshot(organizer, "organizer-release-1280")
    organizer.get_by_role("button", name="Release to families").click()
    organizer.wait_for_url(re.compile(r".*/releases/2/$"))
    assert organizer.get_by_role("heading", name="Release 2: Lantern starts later").is_visible()

    parent.reload()
    assert lantern_afternoon(parent).get_by_text("14:15–15:45").is_visible()
    screenshot(parent, "parent-day-after-release-390")
    assert organizer.console_errors == parent.console_errors == []


def test_a_clash_is_refused_with_both_sessions_named(live_server, demo_week, new_page):
    page = new_page(PHONE)
    sign_in(page, live_server, "organizer@kachinko.test")
    page.goto(f"{live_server.url}/workshops/summer-film-week/sessions/new/?day=3")
    page.get_by_label("Starts at").fill("10:00")
    page.get_by_label("Ends at").fill("11:00")
    page.get_by_label("Title").fill("Extra rehearsal")
    page.get_by_label("Room").select_option(label="Studio 1")
    page.get_by_label("Lantern").check()
    page.get_by_role("button", name="Save").click()
    alert = page.get_by_role("alert")
    assert alert.get_by_text("“Extra rehearsal (10:00–11:00)” cannot be in Studio 1").is_visible()
    assert alert.get_by_text("some of its groups are already in").is_visible()
    screenshot(page, "organizer-session-clash-390")
