"""Logging a group's film on set, on a phone (issue 14): progress and a shared note reach the
family; a new script version shows what changed; the storyboard keeps the order it is given."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from groups.models import Group
from projects.models import LogEntry, Shot, StoryboardFrame
from tests.browser.conftest import PHONE, screenshot
from tests.browser.test_accessibility import serious_violations
from tests.browser.test_demo_roles import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def lantern(db):
    call_command("seed_demo", stdout=StringIO())
    return Group.objects.get(name="Lantern")


def test_mentor_sets_progress_and_shares_a_note_the_parent_then_reads(
    live_server, lantern, new_page
):
    page = new_page(PHONE)
    sign_in(page, live_server, "mentor@kachinko.test")
    page.goto(f"{live_server.url}/groups/{lantern.pk}/")
    acting = page.locator(".progress-row").filter(has_text="Acting")
    acting.get_by_label("Note on Acting").fill("Everyone knows their lines")
    acting.get_by_role("button", name="Done").click()
    expect(page.locator("#progress").get_by_role("status")).to_have_text("Acting: Done.")
    pressed = page.locator(".progress-row").filter(has_text="Acting").locator("[aria-pressed=true]")
    expect(pressed).to_have_text("Done")
    expect(page.locator("#film-steps .status-done").filter(has_text="Acting")).to_be_visible()
    page.get_by_label("A note from the set").fill("The lantern scene is in the can!")
    page.get_by_role("button", name="Share with families").click()
    expect(page.locator("#notes").get_by_role("status").filter(has_text="Note")).to_have_text(
        "Note shared with families."
    )
    expect(page.locator("#notes").get_by_text("The lantern scene is in the can!")).to_be_visible()
    assert page.console_errors == []
    screenshot(page, "group-progress-390")

    family = new_page(PHONE)
    sign_in(family, live_server, "parent@kachinko.test")
    expect(family.locator(".family-note")).to_contain_text("The lantern scene is in the can!")
    screenshot(family, "family-note-390")


def test_mentor_marks_the_current_stage_and_keeps_a_note_from_home(live_server, lantern, new_page):
    page = new_page(PHONE)
    sign_in(page, live_server, "mentor@kachinko.test")
    panel = page.locator(f"#quick-log-{lantern.pk}")
    expect(panel).to_contain_text("Now: Acting (In progress)")
    panel.get_by_role("button", name="Done Acting").click()
    expect(panel.get_by_role("status")).to_have_text("Acting: Done.")
    expect(panel).to_contain_text("Now: Directing and shooting (Not started)")
    panel.get_by_label("A note from the set").fill("Kaito forgot the lantern at home")
    panel.get_by_role("button", name="Keep with the crew").click()
    # Sent at once: the phone keeps it, says "Sending…", and the answer replaces the panel.
    expect(panel.get_by_role("status").filter(has_text="Note")).to_have_text(
        "Note kept with the crew."
    )
    expect(panel.get_by_role("status")).to_have_count(1)
    assert page.console_errors == []
    screenshot(page, "mentor-home-390")


def test_a_shared_note_written_offline_is_sent_once_when_back_online(
    live_server, lantern, new_page
):
    page = new_page(PHONE)
    sign_in(page, live_server, "mentor@kachinko.test")
    page.goto(f"{live_server.url}/groups/{lantern.pk}/")
    notes = page.locator("#notes")
    before = LogEntry.objects.filter(film__group=lantern).count()

    page.context.set_offline(True)
    page.get_by_label("A note from the set").fill("Rain stopped: we shot the rooftop")
    page.get_by_role("button", name="Share with families").click()
    waiting = notes.locator(".note-waiting")
    expect(waiting).to_contain_text("Waiting to send · For families")
    expect(waiting).to_contain_text("Rain stopped: we shot the rooftop")
    expect(notes.get_by_role("status").first).to_contain_text("No connection.")
    expect(page.get_by_label("A note from the set")).to_have_value("")
    screenshot(page, "mentor-note-offline-390")
    assert LogEntry.objects.filter(film__group=lantern).count() == before

    page.context.set_offline(False)
    expect(notes.get_by_role("status").filter(has_text="Note")).to_have_text(
        "Note shared with families.", timeout=20000
    )
    expect(notes.locator(".note-waiting")).to_have_count(0)
    page.reload()
    expect(page.locator("#notes").get_by_text("Rain stopped: we shot the rooftop")).to_have_count(1)
    assert LogEntry.objects.filter(body="Rain stopped: we shot the rooftop").count() == 1
    assert page.evaluate("localStorage.getItem('kachinko:notes-queue')") == "[]"
    # Only the try made while offline failed.
    assert page.console_errors == ["Failed to load resource: net::ERR_INTERNET_DISCONNECTED"]

    family = new_page(PHONE)
    sign_in(family, live_server, "parent@kachinko.test")
    expect(family.locator(".family-note").get_by_text("Rain stopped")).to_have_count(1)


def test_saving_a_new_script_version_shows_what_changed(live_server, lantern, new_page):
    page = new_page(PHONE)
    sign_in(page, live_server, "mentor@kachinko.test")
    page.goto(f"{live_server.url}/groups/{lantern.pk}/film/script/")
    script = page.get_by_label("Script")
    script.fill(script.input_value() + "\n\nSCENE 4. ROOFTOP. NIGHT.\nYUI: <lights the lantern>")
    page.get_by_role("button", name="Save as a new version").click()
    expect(page.get_by_role("status").first).to_have_text("Saved as version 3.")
    diff = page.locator("#diff")
    expect(diff.get_by_role("heading")).to_have_text("What changed from version 2 to version 3")
    expect(diff.locator(".diff-added")).to_have_count(3)
    expect(diff.locator(".diff-added").last).to_contain_text("YUI: <lights the lantern>")
    page.get_by_label("From version").select_option("1")
    page.get_by_role("button", name="Compare").click()
    expect(diff.get_by_role("heading")).to_have_text("What changed from version 1 to version 3")
    assert page.console_errors == []
    screenshot(page, "script-diff-390")


def frame_captions(page) -> list[str]:
    return page.locator("#frames .frame-caption").all_inner_texts()


def test_storyboard_frames_keep_the_order_they_are_dragged_or_moved_to(
    live_server, lantern, new_page
):
    page = new_page(PHONE)
    sign_in(page, live_server, "mentor@kachinko.test")
    page.goto(f"{live_server.url}/groups/{lantern.pk}/film/storyboard/")
    before = frame_captions(page)
    assert len(before) == 5
    frames = page.locator("#frames [data-frame]")
    with page.expect_response("**/storyboard/order/"):
        frames.nth(2).drag_to(frames.nth(0), target_position={"x": 20, "y": 2})
    expected = [before[2], before[0], before[1], before[3], before[4]]
    expect(page.locator("#frames .frame-caption")).to_have_text(expected)
    page.reload()
    assert frame_captions(page) == expected
    # The keyboard's way: the arrow buttons, with the same endpoint.
    page.get_by_role("button", name=f"Move “{expected[4][:29]}…” earlier").focus()
    page.keyboard.press("Enter")
    expected = [*expected[:3], expected[4], expected[3]]
    expect(page.locator("#frames .frame-caption")).to_have_text(expected)
    page.reload()
    assert frame_captions(page) == expected
    assert (
        list(StoryboardFrame.objects.filter(film__group=lantern).values_list("caption", flat=True))
        == expected
    )
    assert page.console_errors == []
    screenshot(page, "storyboard-390")


def test_a_frame_and_a_shot_are_deleted_after_a_question_in_their_place(
    live_server, lantern, new_page
):
    page = new_page(PHONE)
    sign_in(page, live_server, "mentor@kachinko.test")
    page.goto(f"{live_server.url}/groups/{lantern.pk}/film/storyboard/")
    before = frame_captions(page)
    first = page.locator("#frames [data-frame]").first
    first.get_by_role("link", name=re.compile("^Delete")).click()
    question = first.locator(".delete-confirm")
    expect(question).to_contain_text(f"Delete the frame “{before[0][:29]}")
    expect(question.get_by_role("link", name="Keep it")).to_be_focused()
    question.get_by_role("link", name="Keep it").click()
    expect(page.locator("#frames .frame-caption")).to_have_text(before)
    page.locator("#frames [data-frame]").first.get_by_role(
        "link", name=re.compile("^Delete")
    ).click()
    page.locator(".delete-confirm").get_by_role("button", name="Delete").click()
    expect(page.locator("#storyboard").get_by_role("status")).to_contain_text("is deleted.")
    expect(page.locator("#frames .frame-caption")).to_have_text(before[1:])
    assert serious_violations(page) == []

    page.goto(f"{live_server.url}/groups/{lantern.pk}/film/shots/")
    gone = Shot.objects.filter(film__group=lantern).order_by("scene", "number").first()
    row = page.locator(f"#shot-{gone.pk}")
    row.get_by_role("link", name=re.compile("^Delete")).click()
    expect(row.locator(".delete-confirm")).to_contain_text(
        f"Delete scene {gone.scene}, shot {gone.number}?"
    )
    row.get_by_role("button", name="Delete").click()
    expect(page.locator("#shots").get_by_role("status")).to_have_text(
        f"Scene {gone.scene}, shot {gone.number} is deleted."
    )
    expect(page.locator(f"#shot-{gone.pk}")).to_have_count(0)
    assert not Shot.objects.filter(pk=gone.pk).exists()
    assert page.console_errors == []
    # The questions, as they look on a phone (last: a screenshot marks the page's inputs).
    page.locator(".shot-row").first.get_by_role("link", name=re.compile("^Delete")).click()
    expect(page.locator(".delete-confirm")).to_be_visible()
    screenshot(page, "shots-delete-390")
    page.goto(f"{live_server.url}/groups/{lantern.pk}/film/storyboard/")
    page.locator("#frames [data-frame]").nth(1).get_by_role(
        "link", name=re.compile("^Delete")
    ).click()
    expect(page.locator(".delete-confirm")).to_be_visible()
    screenshot(page, "storyboard-delete-390")


def drawing(name: str, colour: str) -> dict:
    """A photo of a drawing as a phone takes it: with a GPS position in its EXIF."""
    import io

    from PIL import Image

    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (35.0, 39.0, 29.0), 3: "E", 4: (139.0, 44.0, 28.0)}
    out = io.BytesIO()
    Image.new("RGB", (2400, 1800), colour).save(out, "JPEG", exif=exif.tobytes())
    return {"name": name, "mimeType": "image/jpeg", "buffer": out.getvalue()}


def test_a_mentor_gives_frames_pictures_from_her_phone(live_server, lantern, new_page):
    from tests.browser.conftest import LAPTOP

    page = new_page(PHONE)
    sign_in(page, live_server, "mentor@kachinko.test")
    page.goto(f"{live_server.url}/groups/{lantern.pk}/film/storyboard/")
    first = page.locator("#frames [data-frame]").first
    caption = frame_captions(page)[0]
    # Chosen from the phone, sent at once (htmx): the picture shows in its frame.
    first.locator("input[type=file]").set_input_files(drawing("IMG_0042.jpg", "orange"))
    expect(page.locator("#storyboard .alert-success")).to_contain_text(
        f"The frame “{caption}” has its picture."
    )
    picture = page.locator("#frames [data-frame]").first.locator("img")
    expect(picture).to_be_visible()
    assert picture.evaluate("image => image.naturalWidth") == 1600
    # Something that is not a picture is refused with its reason, and changes nothing.
    second = page.locator("#frames [data-frame]").nth(1)
    second.locator("input[type=file]").set_input_files(
        {"name": "notes.jpg", "mimeType": "image/jpeg", "buffer": b"Dear diary"}
    )
    expect(page.locator("#storyboard .alert-danger")).to_contain_text(
        "This file is not a photo (JPEG, PNG, WebP)"
    )
    expect(page.locator("#frames [data-frame]").nth(1).locator("img")).to_have_count(0)
    # A new frame with its picture, from the form at the end.
    page.locator("#frame-caption").fill("The lantern goes out")
    page.locator("#frame-image").set_input_files(drawing("IMG_0043.jpg", "navy"))
    page.get_by_role("button", name="Add the frame").click()
    last = page.locator("#frames [data-frame]").last
    expect(last.locator(".frame-caption")).to_have_text("The lantern goes out")
    expect(last.locator("img")).to_be_visible()
    frames = StoryboardFrame.objects.filter(film__group=lantern).exclude(image="")
    assert sorted(frames.values_list("caption", flat=True)) == sorted(
        [caption, "The lantern goes out"]
    )
    assert page.console_errors == []
    screenshot(page, "storyboard-pictures-390")
    laptop = new_page(LAPTOP)
    sign_in(laptop, live_server, "mentor@kachinko.test")
    laptop.goto(f"{live_server.url}/groups/{lantern.pk}/film/storyboard/")
    expect(laptop.locator("#frames img")).to_have_count(2)
    assert serious_violations(laptop) == []
    screenshot(laptop, "storyboard-pictures-1280")
