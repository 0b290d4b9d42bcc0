"""Crew roles on a phone (issue 14): the Lantern mentor takes the suggested crew for today,
changes a role with one tap, and sees the rotation move; the family reads the end credits
with their own child named."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from groups.models import Group
from projects.models import CrewAssignment
from tests.browser.conftest import LAPTOP, PHONE, screenshot
from tests.browser.test_demo_roles import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def lantern(db):
    call_command("seed_demo", stdout=StringIO())
    return Group.objects.get(name="Lantern")


def test_mentor_assigns_crew_roles_and_sees_the_rotation_and_the_suggestion(
    live_server, lantern, new_page
):
    page = new_page(PHONE)
    sign_in(page, live_server, "mentor@kachinko.test")
    page.goto(f"{live_server.url}/groups/{lantern.pk}/")
    page.get_by_role("link", name="Crew").click()
    expect(page.get_by_role("heading", name="Crew", exact=True)).to_be_visible()
    expect(page.locator(".crew-days [aria-current=page]")).to_have_text("Day 3")
    rotation = page.locator("#rotation")
    expect(rotation).to_contain_text("0 of 6 children have tried every role.")
    suggestion = page.locator("#crew-suggestion")
    expect(suggestion.get_by_role("heading")).to_have_text("Suggested crew for day 3")
    # 伊藤 さくら's consent does not allow filming: no Actor for her, by hand or suggested.
    sakura = page.locator(".crew-child").filter(has_text="伊藤 さくら")
    expect(sakura.get_by_role("button", name="Actor — 伊藤 さくら")).to_be_disabled()
    expect(suggestion.locator("dd").nth(4)).not_to_contain_text("伊藤 さくら")
    screenshot(page, "crew-390")

    suggestion.get_by_role("button", name="Use it for day 3").click()
    expect(page.locator("#crew").get_by_role("status")).to_have_text(
        "Day 3's crew is the suggested one."
    )
    assert CrewAssignment.objects.filter(film__group=lantern, day__number=3).count() >= 6
    # With today's crew set, the suggestion looks at tomorrow.
    expect(page.locator("#crew-suggestion").get_by_role("heading")).to_have_text(
        "Suggested crew for day 4"
    )

    minato = page.locator(".crew-child").filter(has_text="田中 湊")
    sound = minato.get_by_role("button", name="Sound — 田中 湊")
    held = sound.get_attribute("aria-pressed") == "true"
    before = CrewAssignment.objects.filter(child__given_name="湊", role="sound").count()
    sound.click()
    expected = "田中 湊: no longer Sound on day 3." if held else "田中 湊: Sound on day 3."
    expect(page.locator("#crew").get_by_role("status")).to_have_text(expected)
    expect(
        page.locator(".crew-child")
        .filter(has_text="田中 湊")
        .get_by_role("button", name="Sound — 田中 湊")
    ).to_have_attribute("aria-pressed", "false" if held else "true")
    after = before - 1 if held else before + 1
    row = page.locator("#rotation tr").filter(has_text="田中 湊")
    sound_cell = row.locator("td").nth(3)
    expect(sound_cell).to_contain_text(str(after) if after else "not yet")
    assert page.console_errors == []
    screenshot(page, "crew-applied-390")

    page.set_viewport_size(LAPTOP)
    screenshot(page, "crew-laptop")

    family = new_page(PHONE)
    sign_in(family, live_server, "parent@kachinko.test")
    family.goto(f"{live_server.url}/groups/{lantern.pk}/film/credits/")
    credits = family.locator(".end-credits")
    expect(credits).to_contain_text("Written by")
    expect(credits).to_contain_text("佐藤 陽菜")
    expect(credits).not_to_contain_text("田中 湊")
    assert family.console_errors == []
    screenshot(family, "credits-family-390")
