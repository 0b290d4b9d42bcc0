"""The day's call sheet: the organizer and a parent open it from the day, and download its
PDF, whose text (Japanese included) is theirs: the parent's names no other child."""

from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import LAPTOP, PHONE, screenshot
from tests.browser.test_demo_roles import demo_week, sign_in  # noqa: F401 (a fixture)
from workshop.models import Participant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_call_sheet(page, live_server):
    page.goto(f"{live_server.url}/workshops/summer-film-week/days/3/")
    page.get_by_role("link", name="Call sheet to print").click()
    page.wait_for_url("**/workshops/summer-film-week/days/3/call-sheet/")


def download_pdf(page, tmp_path) -> str:
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the PDF").click()
    download = download_info.value
    path = Path(tmp_path) / download.suggested_filename
    download.save_as(path)
    return "\n".join(pdf_page.extract_text() for pdf_page in PdfReader(path).pages)


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_organizer_prints_the_staff_sheet_and_downloads_it(
    live_server,
    demo_week,  # noqa: F811
    new_page,
    tmp_path,
    viewport,
):
    page = new_page(viewport)
    sign_in(page, live_server, "organizer@kachinko.test")
    open_call_sheet(page, live_server)

    expect(page.get_by_role("heading", name="Day 3 · Acting")).to_be_visible()
    expect(page.get_by_text("Call sheet for the staff")).to_be_visible()
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    lantern = page.locator(".cs-group").filter(has=page.get_by_role("heading", name="Lantern"))
    expect(lantern.get_by_text("高橋 蓮")).to_be_visible()
    expect(lantern.get_by_text("Carries an EpiPen in his bag.")).to_be_visible()
    screenshot(page, f"organizer-call-sheet-{viewport['width']}")

    text = download_pdf(page, tmp_path)
    assert "Call sheet for the staff".upper() in text
    assert "高橋 蓮" in text and "Peanuts" in text and "Carries an EpiPen" in text
    assert page.console_errors == []


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_parent_downloads_a_family_sheet_that_names_only_their_child(
    live_server,
    demo_week,  # noqa: F811
    new_page,
    tmp_path,
    viewport,
):
    others = [
        child.full_name
        for child in Participant.objects.exclude(guardians__user__email="parent@kachinko.test")
    ]
    page = new_page(viewport)
    sign_in(page, live_server, "parent@kachinko.test")
    open_call_sheet(page, live_server)

    expect(page.get_by_text("Call sheet for your family")).to_be_visible()
    expect(page.get_by_text("Your child: 佐藤 陽菜")).to_be_visible()
    html = page.content()
    assert [name for name in others if name in html] == []
    screenshot(page, f"parent-call-sheet-{viewport['width']}")

    text = download_pdf(page, tmp_path)
    assert "佐藤 陽菜" in text and "Lantern" in text
    assert [name for name in others if name in text] == []
    assert "Peanuts" not in text and "EpiPen" not in text
    assert page.console_errors == []
