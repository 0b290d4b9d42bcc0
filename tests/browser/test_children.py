"""An organizer finds a child whose family was not asked for consent, edits the child's
health record and records the consent from the child's page."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, screenshot
from tests.browser.test_demo_roles import demo_week, sign_in  # noqa: F401 (a fixture)
from workshop.models import HealthRecordRead, Participant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_organizer_edits_a_child_and_records_consent(live_server, demo_week, new_page, viewport):  # noqa: F811
    width = viewport["width"]
    page = new_page(viewport)
    sign_in(page, live_server, "organizer@kachinko.test")
    page.goto(f"{live_server.url}/workshops/summer-film-week/children/")
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(30)
    page.get_by_label("Photo and video consent").select_option(label="Not asked yet")
    expect(rows).to_have_count(2)
    screenshot(page, f"organizer-children-not-asked-{width}")
    page.get_by_role("link", name="森 美月").click()
    assert page.get_by_text("Not asked yet").first.is_visible()

    page.get_by_role("link", name="Edit the child").click()
    page.get_by_label("Allergies").fill("Kiwi")
    page.get_by_label("Medical notes").fill("Glasses for reading.")
    screenshot(page, f"organizer-child-edit-{width}")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/children/*/")
    assert page.get_by_text("Kiwi").is_visible()
    assert page.get_by_text("Glasses for reading.").is_visible()

    card = page.locator("#consent")
    card.get_by_label("Consent given").select_option(label="Families of the workshop")
    card.get_by_label("How it was given").fill("Signed form at drop-off")
    card.get_by_role("button", name="Record consent").click()
    expect(card.get_by_text("Signed form at drop-off")).to_be_visible()
    expect(card.get_by_text("Not asked yet")).to_have_count(0)
    assert card.get_by_text("recorded by").first.is_visible()
    screenshot(page, f"organizer-child-consent-{width}")

    child = Participant.objects.get(given_name="美月")
    assert child.media_consent == "families"
    assert child.health.allergies == "Kiwi"
    assert HealthRecordRead.objects.filter(participant=child, scope="full").exists()
    page.goto(f"{live_server.url}/workshops/summer-film-week/health-reads/")
    assert page.get_by_role("cell", name="森 美月").first.is_visible()
    screenshot(page, f"organizer-health-reads-{width}")
    assert page.console_errors == []
