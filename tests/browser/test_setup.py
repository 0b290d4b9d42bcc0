"""An organizer brings day 2's pickup forward and sees the sessions that no longer fit."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, screenshot
from tests.browser.test_accessibility import serious_violations
from tests.browser.test_demo_roles import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_week(db):
    call_command("seed_demo", stdout=StringIO())


def test_an_earlier_pickup_lists_the_sessions_that_no_longer_fit(live_server, demo_week, new_page):
    page = new_page(LAPTOP)
    sign_in(page, live_server, "organizer@kachinko.test")
    page.goto(f"{live_server.url}/workshops/summer-film-week/")
    page.get_by_role("link", name="Set up the workshop").click()
    expect(page.get_by_role("heading", name="Set up the workshop", level=1)).to_be_visible()
    page.get_by_role("link", name="Edit the days").click()

    day = page.locator("#day-2")
    day.get_by_role("link", name=re.compile("^Edit")).click()
    expect(day.get_by_label("Pickup")).to_have_value("16:30")
    day.get_by_label("Pickup").fill("15:30")
    day.get_by_role("button", name="Save").click()

    status = day.get_by_role("status")
    expect(status).to_contain_text("Day 2 is saved.")
    expect(status).to_contain_text("no longer fit its hours")
    late = day.get_by_role("link", name="Rushes: today's best moments")
    expect(late).to_be_visible()
    expect(day.get_by_role("link", name="Snack break")).to_be_visible()
    expect(day.get_by_role("link", name="Morning circle")).to_have_count(0)
    screenshot(page, "organizer-setup-days-1280")

    phone = new_page(PHONE)
    sign_in(phone, live_server, "organizer@kachinko.test")
    phone.goto(f"{live_server.url}/workshops/summer-film-week/setup/days/#day-2")
    expect(phone.locator("#day-2").get_by_text("15:30")).to_be_visible()
    screenshot(phone, "organizer-setup-days-390")
    phone.goto(f"{live_server.url}/workshops/summer-film-week/setup/")
    expect(phone.get_by_text("No longer within the day's hours:")).to_be_visible()
    screenshot(phone, "organizer-setup-390")

    late.click()
    expect(page.get_by_role("heading", name="Edit a session")).to_be_visible()
    assert page.console_errors == phone.console_errors == []


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_setup_pages_are_accessible(live_server, demo_week, new_page, viewport):
    page = new_page(viewport)
    sign_in(page, live_server, "organizer@kachinko.test")
    base = f"{live_server.url}/workshops/summer-film-week/setup"
    problems = []
    for path in ("", "workshop/", "days/", "days/2/", "rooms/", "stages/"):
        page.goto(f"{base}/{path}")
        problems += serious_violations(page)
    assert problems == []
