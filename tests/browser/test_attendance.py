"""A mentor takes attendance on a phone: checks children in and out, records a pickup by
someone not on the list (and the organizer sees the flag), and checks a child in while the
phone is offline, to find exactly one record once it is back online."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, screenshot
from tests.browser.test_accessibility import serious_violations
from tests.browser.test_demo_roles import sign_in
from workshop.models import Attendance, Participant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_week(db):
    call_command("seed_demo", stdout=StringIO())


def open_attendance(page, live_server, email):
    sign_in(page, live_server, email)
    page.get_by_role("link", name=re.compile(r"^Attendance, day \d")).first.click()
    expect(page.get_by_role("heading", name=re.compile("^Attendance"), level=1)).to_be_visible()


def test_a_mentor_checks_a_child_in_and_out_and_flags_an_unlisted_pickup(
    live_server, demo_week, new_page
):
    minato = Participant.objects.get(given_name="湊")
    hina = Participant.objects.get(given_name="陽菜")
    page = new_page(PHONE)
    open_attendance(page, live_server, "mentor@kachinko.test")
    assert serious_violations(page) == []

    card = page.locator(f"#child-{minato.pk}")
    expect(card).to_contain_text("Not checked in")
    card.get_by_role("button", name=re.compile("^Check in.*田中 湊")).click()
    expect(card).to_contain_text(re.compile(r"Here since \d\d:\d\d"))
    card.get_by_text("Check out").click()
    guardian = minato.guardians.get().user.display_name
    card.get_by_role("button", name=re.compile(guardian)).click()
    expect(card).to_contain_text(f"left with {guardian}")
    expect(page.locator("section").filter(has=card).locator("h2")).to_contain_text(
        "5 here · 1 left · 6 in all"
    )
    screenshot(page, "mentor-attendance-390")

    card = page.locator(f"#child-{hina.pk}")
    card.get_by_text("Check out").click()
    card.get_by_label("Their name").fill("Mallory Ueda")
    card.get_by_role("button", name="Record this pickup").click()
    expect(card.get_by_role("alert")).to_have_text(
        "Confirm that Mallory Ueda, who is not on the pickup list, takes the child."
    )
    assert Attendance.objects.get(participant=hina, day__number=3).is_checked_out is False
    card.get_by_label("Their name").fill("Mallory Ueda")
    card.get_by_label(re.compile("I confirm that this person")).check()
    screenshot(page, "mentor-attendance-unlisted-390")
    card.get_by_role("button", name="Record this pickup").click()
    expect(card).to_contain_text("left with Mallory Ueda")
    expect(card).to_contain_text("Not on the pickup list")
    record = Attendance.objects.get(participant=hina, day__number=3)
    assert (record.picked_up_unlisted, record.picked_up_by_name) == (True, "Mallory Ueda")

    organizer = new_page(PHONE)
    sign_in(organizer, live_server, "organizer@kachinko.test")
    flag = organizer.get_by_role("alert").filter(has_text="not on their pickup list")
    expect(flag).to_contain_text("1 child left with someone not on their pickup list")
    expect(flag).to_contain_text("with Mallory Ueda")
    screenshot(organizer, "organizer-home-unlisted-pickup-390")
    # The refusal answers 400 (the browser logs it); nothing else went wrong.
    assert page.console_errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
    assert organizer.console_errors == []


def test_a_check_in_made_offline_is_sent_once_when_back_online(live_server, demo_week, new_page):
    minato = Participant.objects.get(given_name="湊")
    page = new_page(PHONE)
    open_attendance(page, live_server, "mentor@kachinko.test")
    card = page.locator(f"#child-{minato.pk}")

    page.context.set_offline(True)
    card.get_by_role("button", name=re.compile("^Check in.*田中 湊")).click()
    expect(card).to_contain_text("Waiting to send: Check in: 田中 湊")
    expect(page.locator("#attendance-queue")).to_contain_text("No connection.")
    # What comes next is already there, offline too.
    expect(card.get_by_text("Check out")).to_be_visible()
    screenshot(page, "mentor-attendance-offline-390")
    assert Attendance.objects.filter(participant=minato, day__number=3).count() == 0

    page.context.set_offline(False)
    expect(card).to_contain_text(re.compile(r"Here since \d\d:\d\d"), timeout=20000)
    expect(page.locator("#attendance-queue")).to_be_hidden()
    page.reload()
    expect(page.locator(f"#child-{minato.pk}")).to_contain_text("Here since")
    assert Attendance.objects.filter(participant=minato, day__number=3).count() == 1
    assert page.evaluate("localStorage.getItem('kachinko:attendance-queue')") == "[]"


def test_a_mistaken_check_in_and_check_out_are_undone(live_server, demo_week, new_page):
    minato = Participant.objects.get(given_name="湊")
    page = new_page(PHONE)
    open_attendance(page, live_server, "mentor@kachinko.test")
    card = page.locator(f"#child-{minato.pk}")
    card.get_by_role("button", name=re.compile("^Check in.*田中 湊")).click()
    expect(card).to_contain_text(re.compile(r"Here since \d\d:\d\d"))
    card.get_by_text("Check out").click()
    guardian = minato.guardians.get().user.display_name
    card.get_by_role("button", name=re.compile(guardian)).click()
    expect(card).to_contain_text(f"left with {guardian}")
    screenshot(page, "mentor-attendance-undo-390")

    card.get_by_role("button", name=re.compile("^Undo the check-out")).click()
    expect(card).to_contain_text(re.compile(r"Here since \d\d:\d\d"))
    assert Attendance.objects.get(participant=minato, day__number=3).is_checked_out is False
    card.get_by_role("button", name=re.compile("^Undo the check-in")).click()
    expect(card).to_contain_text("Not checked in")
    expect(card.get_by_role("button", name=re.compile("^Check in"))).to_be_visible()
    assert not Attendance.objects.filter(participant=minato, day__number=3).exists()
    assert page.console_errors == []


def test_the_attendance_sheet_is_accessible_on_a_laptop(live_server, demo_week, new_page):
    page = new_page(LAPTOP)
    open_attendance(page, live_server, "organizer@kachinko.test")
    assert serious_violations(page) == []
    screenshot(page, "organizer-attendance-1280")


def test_an_organizer_adds_a_pickup_contact_on_the_childs_page(live_server, demo_week, new_page):
    hina = Participant.objects.get(given_name="陽菜")
    page = new_page(PHONE)
    sign_in(page, live_server, "organizer@kachinko.test")
    page.goto(f"{live_server.url}/children/{hina.pk}/")
    pickup = page.locator("#pickup")
    pickup.get_by_role("link", name="Add a pickup contact").click()
    pickup.get_by_role("button", name="Save").click()
    expect(pickup.get_by_text("This field is required.")).to_be_visible()
    pickup.get_by_label("Name").fill("Haruki Sato")
    pickup.get_by_label("Relationship").fill("Uncle")
    pickup.get_by_label("May pick the child up").check()
    pickup.get_by_role("button", name="Save").click()
    expect(pickup.get_by_role("status")).to_have_text("Haruki Sato is added.")
    expect(pickup.get_by_role("listitem").filter(has_text="Haruki Sato")).to_contain_text(
        "May pick up"
    )
    screenshot(page, "organizer-pickup-contacts-390")
    assert serious_violations(page) == []
    assert hina.pickup_contacts.filter(name="Haruki Sato", relationship="Uncle").exists()
    assert page.console_errors == []
