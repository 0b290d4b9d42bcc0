"""Each demo role signs in with the README's logins and meets its own home page."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_week(db):
    call_command("seed_demo", stdout=StringIO())


def sign_in(page, live_server, email):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill("kachinko-demo")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def test_organizer_sees_the_week_at_a_glance(live_server, demo_week, new_page):
    page = new_page(LAPTOP)
    sign_in(page, live_server, "organizer@kachinko.test")
    assert page.get_by_role("heading", name="Summer Film Week").is_visible()
    assert page.get_by_role("heading", name="The week at a glance").is_visible()
    assert page.locator(".week-day").count() == 7
    assert page.locator(".week-day.is-today").get_by_text("Today", exact=True).is_visible()
    screenshot(page, "organizer-home-1280")
    assert page.console_errors == []


def test_organizer_on_a_phone_sees_today_then_opens_the_week(live_server, demo_week, new_page):
    page = new_page(PHONE)
    sign_in(page, live_server, "organizer@kachinko.test")
    assert page.get_by_role("heading", name="Today", exact=True).is_visible()
    assert not page.get_by_role("heading", name="The week at a glance").is_visible()
    # One rendering of the week: on a phone only today's card shows, with its day and stage.
    visible_days = page.locator(".week-day").filter(visible=True)
    assert visible_days.count() == 1
    assert visible_days.get_by_role("heading", name=re.compile(r"^Day 3 Today$")).is_visible()
    assert visible_days.get_by_text("Acting", exact=True).is_visible()
    screenshot(page, "organizer-home-390")
    page.get_by_role("link", name="The whole week").click()
    page.get_by_role("link", name="Kite", exact=True).click()
    page.wait_for_url("**/?group=*")
    assert page.get_by_role("link", name="Kite", exact=True).get_attribute("aria-current") == "true"
    assert page.get_by_text("Rehearsing the scenes · Kite").first.is_visible()
    assert page.get_by_text("Rehearsing the scenes · Lantern").count() == 0
    screenshot(page, "organizer-week-kite-390")
    assert page.console_errors == []


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_mentor_sees_their_group_and_todays_sessions(live_server, demo_week, new_page, viewport):
    page = new_page(viewport)
    sign_in(page, live_server, "mentor@kachinko.test")
    assert page.get_by_role("heading", name="Your groups").is_visible()
    assert page.get_by_role("link", name="Lantern").is_visible()
    assert page.get_by_text("Rehearsing the scenes · Lantern").first.is_visible()
    screenshot(page, f"mentor-home-{viewport['width']}")
    page.get_by_role("link", name="Lantern").click()
    assert page.get_by_role("heading", name="The Paper Lantern").is_visible()
    assert page.get_by_text("Carries an EpiPen").count() == 0
    # Lantern: 蓮 (peanuts, and a medical note) and 葵 (egg); the notes stay on their pages.
    assert page.get_by_text("Allergies:").count() == 2
    assert page.get_by_text("Health note").count() == 1
    assert page.console_errors == []


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_parent_sees_their_childs_day(live_server, demo_week, new_page, viewport):
    page = new_page(viewport)
    sign_in(page, live_server, "parent@kachinko.test")
    card = page.locator("article").filter(has_text="佐藤 陽菜")
    assert card.is_visible()
    assert card.get_by_text("Drop-off from").is_visible()
    assert card.get_by_text("09:00", exact=True).is_visible()
    assert card.get_by_text("16:30", exact=True).is_visible()
    assert page.locator("article").count() == 1
    screenshot(page, f"parent-home-{viewport['width']}")
    assert page.console_errors == []


def test_parent_chooses_japanese_and_finds_it_again_on_another_device(
    live_server, demo_week, new_page
):
    page = new_page(PHONE)
    sign_in(page, live_server, "parent@kachinko.test")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="English").click()
    page.get_by_role("button", name="日本語").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.get_by_text("受付開始").is_visible()
    other_device = new_page(LAPTOP)
    sign_in(other_device, live_server, "parent@kachinko.test")
    assert other_device.locator("html").get_attribute("lang") == "ja"
    screenshot(other_device, "parent-home-ja-1280")
    assert page.console_errors == other_device.console_errors == []


def test_parent_of_two_sees_both_children_and_switches_language(live_server, demo_week, new_page):
    page = new_page(PHONE)
    sign_in(page, live_server, "parent2@kachinko.test")
    cards = page.locator("article")
    assert cards.count() == 2
    assert cards.nth(0).get_by_role("link", name="Lantern group").is_visible()
    assert cards.nth(1).get_by_role("link", name="Firefly group").is_visible()
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="English").click()
    page.get_by_role("button", name="Français").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    screenshot(page, "parent2-home-fr-390")
    assert page.console_errors == []


def test_organizer_finds_a_child_by_reading_and_sees_the_health_notes(
    live_server, demo_week, new_page
):
    page = new_page(LAPTOP)
    sign_in(page, live_server, "organizer@kachinko.test")
    page.get_by_role("link", name="Children").click()
    rows = page.locator("#results tbody tr")
    assert rows.count() == 30
    page.get_by_label("Name, reading or guardian's name").fill("たかはし")
    expect(rows).to_have_count(2)
    screenshot(page, "organizer-children-search-1280")
    page.get_by_role("link", name="高橋 蓮").click()
    assert page.get_by_text("Peanuts").is_visible()
    assert page.get_by_text("Carries an EpiPen in his bag.").is_visible()
    assert page.console_errors == []


def test_parent_resets_a_forgotten_password_and_signs_in(live_server, demo_week, new_page):
    from django.core import mail

    page = new_page(PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Forgotten your password?").click()
    page.get_by_label("E-mail address").fill("parent2@kachinko.test")
    page.get_by_role("button", name="Send the link").click()
    assert page.get_by_role("heading", name="Check your e-mail").is_visible()
    [message] = mail.outbox
    link = next(word for word in message.body.split() if "/accounts/reset/" in word)
    page.goto(link)
    page.locator("#id_new_password1").fill("a-new-film-every-summer")
    page.locator("#id_new_password2").fill("a-new-film-every-summer")
    page.get_by_role("button", name="Save the new password").click()
    assert page.get_by_role("heading", name="Password saved").is_visible()
    page.get_by_role("link", name="Sign in").last.click()
    page.get_by_label("E-mail address").fill("parent2@kachinko.test")
    page.get_by_label("Password").fill("a-new-film-every-summer")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("article").count() == 2
    assert page.console_errors == []


def test_parent_opens_the_week_and_a_day_of_their_children(live_server, demo_week, new_page):
    page = new_page(PHONE)
    sign_in(page, live_server, "parent2@kachinko.test")
    page.get_by_role("link", name="The whole week").first.click()
    filters = page.get_by_role("navigation", name="Show the schedule of")
    names = [name.strip() for name in filters.get_by_role("link").all_inner_texts()]
    assert names == ["All groups", "Firefly", "Lantern"]
    assert page.get_by_text("Kite").count() == 0
    page.get_by_role("link", name="Day 3", exact=True).click()
    assert page.get_by_role("heading", name="Day 3 · Acting").is_visible()
    assert page.get_by_text("Clothes you can move in; a water bottle.").is_visible()
    assert page.get_by_text("Rehearsing the scenes · Firefly").first.is_visible()
    assert page.get_by_text("Rehearsing the scenes · Tide").count() == 0
    screenshot(page, "parent2-day-390")
    assert page.console_errors == []
