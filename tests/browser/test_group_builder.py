"""An organizer builds the groups: siblings put together by hand are parted by the automatic
assignment, and a child dragged to another group stays there after a reload."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, screenshot
from tests.browser.test_accessibility import serious_violations
from tests.browser.test_demo_roles import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUILDER = "/workshops/summer-film-week/groups/"
REN, YUI = "高橋 蓮", "高橋 結衣"


@pytest.fixture
def demo_week(db):
    call_command("seed_demo", stdout=StringIO())


def group(page, name):
    return page.locator(".builder-group").filter(
        has=page.get_by_role("heading", name=re.compile(rf"^{name}"))
    )


def child_card(page, name):
    return page.locator(".builder-child").filter(
        has=page.locator(".fw-semibold", has_text=re.compile(rf"^{name}$"))
    )


def group_of(page, child) -> str:
    card = child_card(page, child)
    return card.locator("xpath=ancestor::section").get_by_role("heading").inner_text()


def test_automatic_assignment_parts_siblings_and_a_dragged_child_stays(
    live_server, demo_week, new_page
):
    page = new_page(LAPTOP)
    sign_in(page, live_server, "organizer@kachinko.test")
    page.goto(f"{live_server.url}/workshops/summer-film-week/")
    page.get_by_role("link", name="Build the groups").click()
    expect(page.get_by_role("heading", name="Groups", level=1)).to_be_visible()

    # Put Yui with her brother by hand, using the form under her name.
    yui = child_card(page, YUI)
    yui.get_by_text("Move").first.click()
    yui.get_by_label("Group").select_option(label="Lantern")
    yui.get_by_label("Pin here").uncheck()
    yui.get_by_role("button", name="Move").click()
    expect(page.get_by_role("status")).to_contain_text("is in Lantern now.")
    expect(page.get_by_text("Siblings share Lantern")).to_be_visible()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Assign automatically").click()
    expect(page.get_by_role("status")).to_contain_text("30 children placed in 5 groups.")
    expect(page.get_by_text("Siblings share")).to_have_count(0)
    assert group_of(page, REN) != group_of(page, YUI)
    for name in ["Firefly", "Kite", "Lantern", "Paper Moon", "Tide"]:
        expect(group(page, name).locator(".builder-child")).to_have_count(6)

    # Drag a child to another group: pinned there, and still there after a reload.
    child = group(page, "Firefly").locator(".builder-child").first
    name, target = child.locator(".fw-semibold").inner_text(), "Kite"
    child.drag_to(group(page, target).get_by_role("heading"))
    expect(page.get_by_role("status")).to_contain_text(f"{name} is in {target} now.")
    page.reload()
    moved = group(page, target).locator(".builder-child").filter(has_text=name)
    expect(moved).to_be_visible()
    expect(moved.get_by_text("Pinned here")).to_be_attached()
    assert page.console_errors == []
    # Last: a full-page screenshot leaves empty style attributes that htmx would copy.
    screenshot(page, "organizer-groups-1280")


def test_on_a_phone_a_child_moves_with_the_form(live_server, demo_week, new_page):
    page = new_page(PHONE)
    sign_in(page, live_server, "organizer@kachinko.test")
    page.goto(f"{live_server.url}{BUILDER}")
    ren = child_card(page, REN)
    ren.get_by_text("Move").first.click()
    ren.get_by_label("Group").select_option(label="Kite")
    ren.get_by_role("button", name="Move").click()
    expect(ren.locator("xpath=ancestor::section").get_by_role("heading")).to_contain_text("Kite")
    assert page.console_errors == []
    assert serious_violations(page) == []
    screenshot(page, "organizer-groups-390")
