"""The organizer opens the dashboard from their home and sees the crew behind plan."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, screenshot
from tests.browser.test_demo_roles import demo_week, sign_in  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_organizer_sees_a_group_behind_plan(live_server, demo_week, new_page, viewport):  # noqa: F811
    page = new_page(viewport)
    sign_in(page, live_server, "organizer@kachinko.test")

    page.get_by_role("link", name="Today at a glance: the dashboard").click()
    page.wait_for_url("**/workshops/summer-film-week/dashboard/")

    expect(page.get_by_text("Today: Day 3")).to_be_visible()
    board = page.get_by_role("table", name="Each group's film at each stage")
    behind = board.locator("tbody tr", has=page.get_by_text("Behind plan"))
    expect(behind).to_have_count(1)
    expect(behind.get_by_role("rowheader")).to_contain_text("Tide")
    expect(page.get_by_text("1 group behind plan")).to_be_visible()
    expect(page.locator("#dashboard-rooms .dashboard-room")).to_have_count(7)
    expect(page.get_by_text("2 children's photo consent is not recorded yet.")).to_be_visible()
    checked_in = page.locator("#dashboard-checked-in")
    expect(checked_in).to_contain_text("of 30 children checked in on this day.")
    checked_in.get_by_role("link", name="Take attendance").click()
    expect(page).to_have_url(re.compile(r"/days/3/attendance/$"))
    page.go_back()
    screenshot(page, f"organizer-dashboard-{viewport['width']}")
    assert page.console_errors == []
