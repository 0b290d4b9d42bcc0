"""The organizer plans on the time grid: drags and resizes sessions, moves them with the
keyboard, edits them in a dialog, and reads why a move was refused."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from tests.browser.conftest import LAPTOP, PHONE, screenshot
from tests.browser.test_demo_roles import sign_in
from workshop.models import Session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DAY_3 = "/workshops/summer-film-week/planner/?day=3"
LANTERN = "Rehearsing the scenes · Lantern"


@pytest.fixture
def demo_week(db):
    call_command("seed_demo", stdout=StringIO())


def lantern_morning():
    """From 09:30 to 12:00 in Studio 1: after the morning circle, which ends 09:20."""
    return Session.objects.get(day__number=3, title=LANTERN, starts_at__hour=9)


def block(page, session):
    return page.locator(f"#block-{session.pk}")


def slot_height(page) -> float:
    return page.evaluate(
        "() => { const s = document.querySelector('.planner-column .planner-slots');"
        " return s.getBoundingClientRect().height / Number(s.closest('.planner').dataset.rows); }"
    )


def drag(page, locator, *, dx=0.0, dy=0.0, handle=None):
    """Press on the block (or one of its handles), move in steps, release."""
    target = locator.locator(handle) if handle else locator.locator(".time")
    box = target.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y + dy, steps=12)
    page.mouse.up()


def wait_for_the_grid(page, text):
    page.get_by_role("status").filter(has_text=text).wait_for()


def test_drag_a_session_to_a_new_time_and_resize_it(live_server, demo_week, new_page):
    page = new_page(LAPTOP)
    sign_in(page, live_server, "organizer@kachinko.test")
    page.goto(live_server.url + DAY_3)
    session = lantern_morning()
    assert block(page, session).get_by_text("09:30–12:00").is_visible()

    drag(page, block(page, session), dy=-2 * slot_height(page))
    wait_for_the_grid(page, "09:20–11:50")
    assert block(page, session).get_by_text("09:20–11:50").is_visible()

    drag(page, block(page, session), dy=2 * slot_height(page), handle=".planner-resize")
    wait_for_the_grid(page, "09:20–12:00")
    page.reload()
    assert block(page, session).get_by_text("09:20–12:00").is_visible()
    session.refresh_from_db()
    assert (f"{session.starts_at:%H:%M}", f"{session.ends_at:%H:%M}") == ("09:20", "12:00")
    assert page.console_errors == []
    screenshot(page, "planner-day-1280")


def test_move_and_resize_with_the_keyboard(live_server, demo_week, new_page):
    page = new_page(LAPTOP)
    sign_in(page, live_server, "organizer@kachinko.test")
    page.goto(live_server.url + DAY_3)
    session = lantern_morning()
    block(page, session).focus()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Shift+ArrowDown")
    wait_for_the_grid(page, "09:20–11:55")
    assert block(page, session).evaluate("element => element === document.activeElement")
    page.reload()
    assert block(page, session).get_by_text("09:20–11:55").is_visible()


def test_a_room_taken_by_another_session_is_refused_naming_both(live_server, demo_week, new_page):
    page = new_page(LAPTOP)
    sign_in(page, live_server, "organizer@kachinko.test")
    page.goto(live_server.url + DAY_3)
    session = lantern_morning()
    kite = Session.objects.get(
        day__number=3, title="Rehearsing the scenes · Kite", starts_at__hour=9
    )
    kite_box = block(page, kite).bounding_box()
    lantern_box = block(page, session).bounding_box()
    drag(page, block(page, session), dx=kite_box["x"] - lantern_box["x"])
    status = page.get_by_role("status").filter(has_text="stays where it was")
    status.wait_for()
    assert f"it is already taken then by “{kite}”" in status.inner_text()
    assert block(page, session).get_by_text("09:30–12:00").is_visible()
    assert Session.objects.get(pk=session.pk).room_id == session.room_id
    screenshot(page, "planner-refused-1280")


def test_edit_a_session_in_the_dialog_on_a_phone(live_server, demo_week, new_page):
    page = new_page(PHONE)
    sign_in(page, live_server, "organizer@kachinko.test")
    page.goto(live_server.url + DAY_3)
    session = lantern_morning()
    block(page, session).get_by_role("link", name=LANTERN).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Title").fill("Rehearsing the last scene · Lantern")
    screenshot(page, "planner-dialog-390")
    dialog.get_by_role("button", name="Save").click()
    block(page, session).get_by_text("Rehearsing the last scene").wait_for()
    assert not dialog.is_visible()
    assert page.get_by_role("status").filter(has_text="is saved").is_visible()
    screenshot(page, "planner-day-390")


def test_a_break_for_every_group_in_one_action(live_server, demo_week, new_page):
    page = new_page(LAPTOP)
    sign_in(page, live_server, "organizer@kachinko.test")
    page.goto(live_server.url + "/workshops/summer-film-week/planner/?day=7")
    page.get_by_role("link", name="A break for every group").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Starts at").fill("11:40")
    dialog.get_by_label("Ends at").fill("11:55")
    dialog.get_by_role("button", name="Save").click()
    page.get_by_role("status").filter(has_text="is added").wait_for()
    added = Session.objects.get(day__number=7, title="Break")
    assert added.for_all_groups and added.kind == Session.Kind.BREAK
    assert block(page, added).is_visible()
    assert re.search("11:40", block(page, added).inner_text())
