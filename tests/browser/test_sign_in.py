"""A parent at the school gate asks for a sign-in link on her phone, opens it from the
e-mail and lands on today's card; the same link, opened again, is refused."""

import re
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, screenshot
from workshop.sign_in import deliver_sign_in_link
from workshop.tasks import send_sign_in_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_week(db):
    call_command("seed_demo", stdout=StringIO())


@pytest.fixture
def worker():
    """What the worker does once the request has committed, done at once in the server."""
    with mock.patch.object(send_sign_in_link, "delay", side_effect=deliver_sign_in_link):
        yield


def test_a_parent_signs_in_from_the_emailed_link_once(live_server, demo_week, worker, new_page):
    page = new_page(PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    screenshot(page, "sign-in-390")
    page.get_by_label("E-mail for the link").fill("parent@kachinko.test")
    page.get_by_role("button", name="E-mail me a sign-in link").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    screenshot(page, "sign-in-link-sent-390")

    [message] = mail.outbox
    assert message.to == ["parent@kachinko.test"]
    link = re.search(r"(http://\S+/accounts/link/\S+/\S+/)", message.body).group(1)
    page.goto(link)
    expect(page.get_by_role("heading", name="Welcome back")).to_be_visible()
    screenshot(page, "sign-in-link-open-390")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator(".today-card").first).to_be_visible()
    expect(page.get_by_text("Today").first).to_be_visible()
    screenshot(page, "sign-in-link-home-390")

    again = new_page(PHONE)
    again.goto(link)
    expect(again.get_by_role("heading", name="This sign-in link no longer works")).to_be_visible()
    expect(again.get_by_role("button", name="E-mail me a sign-in link")).to_be_visible()
    screenshot(again, "sign-in-link-used-390")
    again.goto(f"{live_server.url}/")
    expect(again.get_by_role("heading", name="A week of making films by hand")).to_be_visible()
    assert page.console_errors == again.console_errors == []


def test_an_unknown_address_gets_the_same_page_and_no_mail(
    live_server, demo_week, worker, new_page
):
    page = new_page(LAPTOP)
    page.goto(f"{live_server.url}/accounts/link/")
    screenshot(page, "sign-in-link-1280")
    page.get_by_label("E-mail address").fill("stranger@example.test")
    page.get_by_role("button", name="E-mail me a sign-in link").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    screenshot(page, "sign-in-link-sent-1280")
    assert mail.outbox == []
