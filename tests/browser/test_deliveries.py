"""The organizer sees a reminder that could not be sent on the dashboard, and resends it."""

import datetime

import pytest
from playwright.sync_api import expect

from deliveries.models import Delivery
from tests.browser.conftest import LAPTOP, PHONE, screenshot
from tests.browser.test_demo_roles import demo_week, sign_in  # noqa: F401 (a fixture)
from workshop.models import User, Workshop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_organizer_resends_a_failed_reminder_from_the_dashboard(
    live_server,
    demo_week,  # noqa: F811
    new_page,
    viewport,
):
    workshop = Workshop.objects.get(slug="summer-film-week")
    parent = User.objects.get(email="parent@kachinko.test")
    failed = Delivery.objects.create(
        workshop=workshop,
        recipient=parent,
        kind=Delivery.Kind.EVENING_REMINDER,
        subject=f"day:{workshop.days.get(number=4).pk}",
        due_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=1),
        state=Delivery.State.FAILED,
        attempts=5,
        last_error="SMTPRecipientsRefused: mailbox unavailable",
    )
    page = new_page(viewport)
    sign_in(page, live_server, "organizer@kachinko.test")
    page.goto(f"{live_server.url}/workshops/summer-film-week/dashboard/")

    alert = page.locator(".dashboard-failed-delivery")
    expect(alert).to_have_count(1)
    expect(alert).to_contain_text(f"Not sent: Evening-before reminder to {parent.get_full_name()}.")
    expect(alert).to_contain_text("5 attempts")
    expect(alert).to_contain_text("mailbox unavailable")
    screenshot(page, f"organizer-dashboard-failed-delivery-{viewport['width']}")

    alert.get_by_role("button", name="Resend").click()
    expect(
        page.get_by_text(f"The message to {parent.get_full_name()} will be sent again.")
    ).to_be_visible()
    expect(page.locator(".dashboard-failed-delivery")).to_have_count(0)
    failed.refresh_from_db()
    assert (failed.state, failed.attempts) == (Delivery.State.DUE, 0)
    assert page.console_errors == []
