"""An organizer opens the retention page from the set-up page, on a phone: what will be
erased and when; then, once the nightly job has run, what was erased."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, screenshot
from tests.browser.test_accessibility import serious_violations
from tests.browser.test_demo_roles import sign_in
from workshop.retention import erase_due_workshops

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ended_demo_week(db):
    """The demo week as it was seven weeks ago: past its 30 days."""
    start = timezone.localdate() - datetime.timedelta(days=49)
    call_command("seed_demo", "--start", start.isoformat(), stdout=StringIO())


def test_organizer_reads_what_will_be_erased_then_what_was(live_server, ended_demo_week, new_page):
    page = new_page(PHONE)
    sign_in(page, live_server, "organizer@kachinko.test")
    page.goto(f"{live_server.url}/workshops/summer-film-week/setup/")
    page.get_by_role("link", name="What is erased").click()
    expect(page.get_by_role("heading", name="Data retention", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Still to erase")).to_be_visible()
    health = page.locator("[data-kind=health_records]")
    assert int(health.inner_text()) > 0
    pickups = page.locator("[data-kind=pickup_names]")
    assert int(pickups.inner_text()) > 0
    expect(page.get_by_text("Nothing has been erased yet.")).to_be_visible()
    assert serious_violations(page) == []
    screenshot(page, "organizer-retention-plan-390")

    erase_due_workshops()
    page.reload()
    expect(health).to_have_text("0")
    expect(pickups).to_have_text("0")
    expect(page.get_by_text("nothing is left to erase")).to_be_visible()
    erased = page.locator("section[aria-labelledby=run-1]")
    expect(erased.get_by_text("Health records", exact=True)).to_be_visible()
    expect(erased.get_by_text("Names of who picked the children up")).to_be_visible()
    assert serious_violations(page) == []
    screenshot(page, "organizer-retention-erased-390")

    laptop = new_page(LAPTOP)
    sign_in(laptop, live_server, "organizer@kachinko.test")
    laptop.goto(f"{live_server.url}/workshops/summer-film-week/retention/")
    expect(laptop.get_by_role("link", name="Data retention")).to_have_attribute(
        "aria-current", "page"
    )
    assert serious_violations(laptop) == []
    screenshot(laptop, "organizer-retention-erased-1280")
    assert page.console_errors == laptop.console_errors == []
