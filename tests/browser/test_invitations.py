"""An organizer invites the families without an account; a mother follows the link in her
e-mail on her phone, chooses a password and lands on her child's page, signed in."""

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, screenshot
from tests.browser.test_demo_roles import sign_in
from workshop.invitations import deliver
from workshop.models import Invitation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_week(db):
    call_command("seed_demo", stdout=StringIO())


def test_an_invited_parent_sets_up_her_account_from_the_link(live_server, demo_week, new_page):
    page = new_page(LAPTOP)
    sign_in(page, live_server, "organizer@kachinko.test")
    page.goto(f"{live_server.url}/workshops/summer-film-week/")
    page.get_by_role("link", name="Invitations").click()
    expect(page.get_by_role("heading", name="Invitations")).to_be_visible()
    page.get_by_role("button", name="Invite everyone not invited yet").click()
    expect(page.get_by_text(re.compile(r"\d+ invitations are on their way\."))).to_be_visible()
    screenshot(page, "organizer-invitations-1280")

    # What the worker does once the request has committed.
    invitation = Invitation.objects.filter(user__guardianships__isnull=False).first()
    deliver(invitation.pk, live_server.url)
    [message] = mail.outbox
    link = re.search(r"(http://\S+/accounts/invitation/\S+/)", message.body).group(1)

    phone = new_page(PHONE)
    phone.goto(link)
    expect(phone.get_by_role("heading", name="Set up your account")).to_be_visible()
    phone.get_by_label("New password", exact=False).first.fill("lanterns-at-dusk-42")
    phone.get_by_label("New password confirmation", exact=False).fill("lanterns-at-dusk-42")
    phone.get_by_role("button", name="Set up my account").click()
    expect(phone.get_by_text("Your account is ready. Welcome to Kachinko!")).to_be_visible()
    child = invitation.user.guardianships.first().participant
    expect(phone.get_by_text(child.given_name).first).to_be_visible()
    screenshot(phone, "parent-after-invitation-390")

    # The link works once.
    again = new_page(PHONE)
    again.goto(link)
    expect(again.get_by_role("heading", name="This link no longer works")).to_be_visible()
    assert page.console_errors == phone.console_errors == again.console_errors == []
