"""An organizer imports children from a spreadsheet: the first file's problems are listed row
by row and nothing is written; the fixed file is previewed, confirmed and imported."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, screenshot
from tests.browser.test_demo_roles import sign_in
from workshop.models import Participant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = (
    "family_name,given_name,birth_date,group,"
    "guardian_email,guardian_family_name,guardian_given_name\n"
)
WITH_PROBLEMS = HEADER + (
    "星,明,2015-05-01,Lantern,hoshi@example.com,星,由紀\n"
    ",蓮,2016-13-40,Comets,hoshi@example.com,星,由紀\n"
)
FIXED = HEADER + (
    "星,明,2015-05-01,Lantern,hoshi@example.com,星,由紀\n"
    "星,蓮,2016-02-14,Kite,hoshi@example.com,星,由紀\n"
)


@pytest.fixture
def demo_week(db):
    call_command("seed_demo", stdout=StringIO())


def choose(page, tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    page.get_by_label("A CSV file").set_input_files(str(path))
    page.get_by_role("button", name="Check the file").click()


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_a_file_with_problems_then_fixed_is_imported(
    live_server, demo_week, new_page, tmp_path, viewport
):
    page = new_page(viewport)
    sign_in(page, live_server, "organizer@kachinko.test")
    page.goto(f"{live_server.url}/workshops/summer-film-week/children/")
    page.get_by_role("link", name="Import from a spreadsheet").click()

    choose(page, tmp_path, "first.csv", WITH_PROBLEMS)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Nothing was imported")
    expect(alert).to_contain_text("Line 3")
    expect(alert).to_contain_text("The family name is missing.")
    expect(alert).to_contain_text("“2016-13-40” is not a birth date like 2015-04-12.")
    expect(alert).to_contain_text("There is no group called “Comets” in this workshop.")
    assert not Participant.objects.filter(given_name="明").exists()

    choose(page, tmp_path, "fixed.csv", FIXED)
    expect(page.get_by_text("2 children are ready to import")).to_be_visible()
    page.get_by_role("button", name="Import 2 children").click()
    expect(page.get_by_text("2 children imported.")).to_be_visible()
    expect(page.get_by_text("星 蓮").first).to_be_visible()
    assert Participant.objects.filter(family_name="星").count() == 2
    screenshot(page, f"organizer-children-import-{viewport['width']}")
    assert page.console_errors == []
