"""A parent at the school gate, on a phone (issue 16): switches to Japanese and reads the demo
week's family text in Japanese (what to bring, the notes, the session titles, where to meet);
opens the screening's programme and replies to its invitation with the number of guests; the
organizer sees the total."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, screenshot
from tests.browser.test_demo_roles import demo_week, sign_in  # noqa: F401 (a fixture)
from workshop.models import ScreeningReply

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARENT = "parent@kachinko.test"


def test_parent_reads_the_week_in_japanese_and_replies_to_the_screening(
    live_server,
    demo_week,  # noqa: F811
    new_page,
):
    page = new_page(PHONE)
    sign_in(page, live_server, PARENT)
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="English").click()
    page.get_by_role("button", name="日本語").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ja"
    card = page.locator("article").first
    expect(card.locator(".what-to-bring")).to_contain_text("動きやすい服装、水筒。")
    expect(card.locator(".family-notes")).to_contain_text("晴れていれば屋上でリハーサルをします。")
    expect(card.locator(".meeting-point")).to_contain_text(
        "Ground floor, through the big red doors"
    )
    expect(card).not_to_contain_text("Clothes you can move in")
    card.locator("summary").click()
    expect(card.get_by_text("朝の会")).to_be_visible()
    expect(card.get_by_text("場面のリハーサル · Lantern").first).to_be_visible()
    screenshot(page, "parent-home-family-text-ja-390")

    page.goto(f"{live_server.url}/workshops/summer-film-week/days/7/")
    expect(page.locator(".what-to-bring")).to_contain_text("ゲスト2名分の招待状、水筒。")
    expect(page.get_by_text("ご家族向け上映会")).to_be_visible()
    expect(page.get_by_text("Screening for families")).to_have_count(0)
    screenshot(page, "parent-day-7-ja-390")

    page.goto(f"{live_server.url}/")
    page.locator(".screening-link").first.click()
    page.wait_for_url("**/workshops/summer-film-week/screening/")
    expect(page.locator("#invitation")).to_contain_text("ご家族向け上映会")
    expect(page.locator(".programme-film")).to_have_count(5)
    expect(page.locator(".programme")).to_contain_text("The Paper Lantern")
    guests = page.locator("#id_guests")
    guests.fill("11")
    page.locator("#reply-form button[type=submit]").click()
    expect(page.locator("#reply-form .invalid-feedback, #reply-form .text-danger")).to_be_visible()
    assert not ScreeningReply.objects.exists()
    page.locator("#id_guests").fill("2")
    page.locator("#reply-form button[type=submit]").click()
    expect(page.locator("#reply-status")).to_be_visible()
    assert list(ScreeningReply.objects.values_list("user__email", "guests")) == [(PARENT, 2)]
    screenshot(page, "parent-screening-ja-390")
    # The refused reply answered 400, which the browser logs; nothing else.
    assert [error for error in page.console_errors if "status of 400" not in error] == []


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_organizer_reads_the_programme_and_the_replies(
    live_server,
    demo_week,  # noqa: F811
    new_page,
    viewport,
):
    from workshop.models import User, Workshop

    workshop = Workshop.objects.get(slug="summer-film-week")
    for email, guests in (("parent@kachinko.test", 2), ("parent2@kachinko.test", 4)):
        ScreeningReply.objects.create(
            workshop=workshop, user=User.objects.get(email=email), guests=guests
        )
    page = new_page(viewport)
    sign_in(page, live_server, "organizer@kachinko.test")
    page.get_by_role("link", name="The screening: programme and replies").click()
    page.wait_for_url("**/workshops/summer-film-week/screening/")
    expect(page.locator("#reply-totals")).to_contain_text("2 families replied, bringing 6 guests.")
    expect(page.locator(".programme-film")).to_have_count(5)
    screenshot(page, f"organizer-screening-{viewport['width']}")
    # The day's form: the Japanese text folded under each text, unfolded where it is written.
    page.goto(f"{live_server.url}/workshops/summer-film-week/setup/days/3/")
    bring = page.get_by_role("group", name="What to bring: translations for families")
    expect(bring.get_by_label("日本語")).to_have_value("動きやすい服装、水筒。")
    notes = page.get_by_role("group", name="Notes for families: translations for families")
    expect(notes.get_by_label("Français")).to_have_value("")
    expect(page.get_by_label("Meeting point")).to_have_value(
        str(workshop.days.get(number=3).meeting_point_id)
    )
    screenshot(page, f"organizer-day-form-{viewport['width']}")
    assert page.console_errors == []
