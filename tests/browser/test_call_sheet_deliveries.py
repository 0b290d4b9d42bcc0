"""The organizer sends today's call sheet by e-mail; a parent confirms it from the link in
the message without signing in; the organizer sees who confirmed."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from deliveries.models import Delivery
from deliveries.services import claim_due, send_claimed
from tests.browser.conftest import LAPTOP, PHONE, screenshot
from tests.browser.test_accessibility import serious_violations
from tests.browser.test_demo_roles import demo_week, sign_in  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_organizer_sends_the_call_sheet_and_sees_a_parent_confirm_it(
    live_server,
    demo_week,  # noqa: F811
    new_page,
    viewport,
    settings,
):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    settings.SITE_URL = live_server.url
    mail.outbox = []
    width = viewport["width"]
    page = new_page(viewport)
    sign_in(page, live_server, "organizer@kachinko.test")
    page.goto(f"{live_server.url}/workshops/summer-film-week/days/3/call-sheet/")
    page.get_by_role("link", name="Send by e-mail · who confirmed").click()
    expect(page.get_by_text("The call sheet of this day has not been sent yet.")).to_be_visible()
    page.get_by_role("button", name="Send the call sheet").click()
    expect(page.get_by_text("The call sheet is on its way to")).to_be_visible()

    token, ids = claim_due(now=Delivery.objects.latest("due_at").due_at, limit=1000)
    assert send_claimed(ids, claim=token) == len(ids) > 0
    [message] = [m for m in mail.outbox if m.to == ["parent@kachinko.test"]]
    [link] = re.findall(r"(http://\S+/deliveries/confirm/\S+/)", message.body)

    parent = new_page(viewport)  # not signed in: the link is the credential
    parent.goto(link)
    screenshot(parent, f"call-sheet-confirm-ask-{width}")
    assert serious_violations(parent) == []
    parent.get_by_role("button", name="I have read it").click()
    expect(parent.get_by_role("heading", name="Thank you")).to_be_visible()
    screenshot(parent, f"call-sheet-confirm-thanks-{width}")
    assert serious_violations(parent) == []

    page.reload()
    expect(page.locator(".call-sheet-deliveries-summary")).to_contain_text(
        f"Sent to {len(ids)} of {len(ids)}; 1 confirmed."
    )
    expect(page.get_by_role("row").filter(has_text="parent@kachinko.test")).to_contain_text(
        "Family"
    )
    screenshot(page, f"call-sheet-deliveries-{width}")
    assert serious_violations(page) == []
    assert page.console_errors == [] and parent.console_errors == []
