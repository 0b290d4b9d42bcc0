"""A mentor watches the rough cut on her phone: puts two clips in the reel in order, writes
a time-coded note asking for a retake, and ticks it off once it is filmed again."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from groups.models import Group
from projects.models import ReelClip, ReelNote
from projects.services import process_media, upload_media
from tests.browser.conftest import LAPTOP, PHONE, screenshot
from tests.browser.test_accessibility import serious_violations
from tests.browser.test_demo_roles import sign_in
from tests.projects.media_files import clip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def lantern_clips(db):
    call_command("seed_demo", stdout=StringIO())
    lantern = Group.objects.get(name="Lantern")
    mentor = lantern.mentors.get(email="mentor@kachinko.test")
    for name, seconds in (("corridor.mp4", 3), ("gate.mp4", 2)):
        asset = upload_media(lantern, file=clip(name, seconds=seconds), by=mentor)
        process_media(asset.pk)
    return lantern


def test_a_mentor_builds_the_reel_notes_a_retake_and_ticks_it_off(
    live_server, lantern_clips, new_page
):
    page = new_page(PHONE)
    sign_in(page, live_server, "mentor@kachinko.test")
    page.goto(f"{live_server.url}/groups/{lantern_clips.pk}/film/storyboard/")
    page.get_by_role("link", name="Review reel").click()
    expect(page.get_by_role("heading", name="Review reel")).to_be_visible()
    for name in ("gate.mp4", "corridor.mp4"):
        page.get_by_label("A clip for the reel").select_option(
            label=f"{name} (0:0{2 if name == 'gate.mp4' else 3})"
        )
        page.get_by_role("button", name="Add to the reel").click()
    clips = page.locator(".reel-clip h2")
    expect(clips).to_have_text(["1. gate.mp4", "2. corridor.mp4"])
    page.get_by_role("button", name="Move “corridor.mp4” earlier").click()
    expect(clips).to_have_text(["1. corridor.mp4", "2. gate.mp4"])
    expect(page.locator(".reel-clip img").first).to_be_visible()

    corridor = page.locator(".reel-clip").first
    corridor.get_by_label("At (m:ss)").fill("0:09")
    corridor.get_by_label("Note").fill("The boom is in shot")
    corridor.get_by_role("button", name="Add the note").click()
    corridor = page.locator(".reel-clip").first
    expect(corridor.locator(".invalid-feedback")).to_have_text("This clip lasts only 0:03.")
    assert ReelNote.objects.count() == 0
    corridor.get_by_label("At (m:ss)").fill("0:02")
    corridor.get_by_label("Needs a retake").check()
    corridor.get_by_role("button", name="Add the note").click()
    expect(page.locator(".reel-clip").first.locator(".reel-note")).to_contain_text(
        "0:02 The boom is in shot"
    )
    retakes = page.locator("#retakes")
    expect(retakes.locator("h2 .badge")).to_have_text("1 to film")
    expect(retakes.locator(".reel-retake")).to_contain_text("corridor.mp4 0:02")
    screenshot(page, "reel-390")

    retakes.get_by_role("button", name="To film again: The boom is in shot").click()
    expect(page.locator("#retakes h2 .badge")).to_have_text("0 to film")
    expect(page.locator("#retakes .reel-retake")).to_have_class(
        "list-group-item reel-retake is-retaken"
    )
    assert list(ReelNote.objects.values_list("retaken", flat=True)) == [True]
    assert list(
        ReelClip.objects.order_by("position").values_list("asset__original_name", flat=True)
    ) == ["corridor.mp4", "gate.mp4"]
    assert page.console_errors == []

    laptop = new_page(LAPTOP)
    sign_in(laptop, live_server, "organizer@kachinko.test")
    laptop.goto(f"{live_server.url}/groups/{lantern_clips.pk}/film/reel/")
    expect(laptop.locator(".reel-clip")).to_have_count(2)
    assert serious_violations(laptop) == []
    screenshot(laptop, "reel-1280")
