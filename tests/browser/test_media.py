"""A mentor on the set uploads three photos from her phone, tagging a child; each shows its
progress, then its state, until the real worker has made it ready. The child's mother then
sees them on her phone, and the original is not hers to open."""

import io
from io import StringIO

import pytest
from django.core.management import call_command
from PIL import Image
from playwright.sync_api import expect

from groups.models import Group
from projects.models import MediaAsset
from tests.browser.conftest import LAPTOP, PHONE, screenshot
from tests.browser.test_demo_roles import sign_in
from workshop.models import Participant

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_week(db):
    """The demo week with its galleries empty: these journeys start before the first photo."""
    call_command("seed_demo", stdout=StringIO())
    MediaAsset.objects.all().delete()


def jpeg(name: str, colour: str) -> dict:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (35.0, 39.0, 29.0), 3: "E", 4: (139.0, 44.0, 28.0)}
    out = io.BytesIO()
    Image.new("RGB", (2400, 1800), colour).save(out, "JPEG", exif=exif.tobytes())
    return {"name": name, "mimeType": "image/jpeg", "buffer": out.getvalue()}


def test_a_mentor_uploads_three_photos_from_her_phone_and_a_mother_sees_them(
    live_server, demo_week, celery_worker, new_page
):
    group = Group.objects.get(mentors__email="mentor@kachinko.test")
    child = Participant.objects.get(guardians__user__email="parent@kachinko.test")
    assert child.group == group

    phone = new_page(PHONE)
    sign_in(phone, live_server, "mentor@kachinko.test")
    phone.goto(f"{live_server.url}/groups/{group.pk}/")
    phone.get_by_role("link", name="Photos and clips").click()
    expect(phone.get_by_role("heading", name="Photos and clips")).to_be_visible()
    phone.locator(f"#tag-{child.pk}").check()
    phone.locator("#media-files").set_input_files(
        [jpeg("scene-1.jpg", "teal"), jpeg("scene-2.jpg", "orange"), jpeg("scene-3.jpg", "navy")]
    )
    expect(phone.locator("#media-chosen")).to_have_text("scene-1.jpg, scene-2.jpg, scene-3.jpg")
    phone.get_by_role("button", name="Upload").click()

    rows = phone.locator("#upload-progress .upload-row")
    expect(rows).to_have_count(3)
    expect(phone.locator("#upload-progress .upload-row.is-done")).to_have_count(3)
    for n in range(3):
        expect(rows.nth(n).locator("progress")).to_have_attribute("value", "100")
    expect(phone.locator("#media-list .media-card")).to_have_count(3)
    expect(phone.locator("#media-list [data-state=ready]")).to_have_count(3, timeout=30_000)
    expect(phone.locator("#media-list img.media-thumb")).to_have_count(3)

    # A letter named .jpg is refused on its row, with the reason, and nothing is stored.
    phone.locator("#media-files").set_input_files(
        [{"name": "letter.jpg", "mimeType": "image/jpeg", "buffer": b"Dear families, ..."}]
    )
    phone.get_by_role("button", name="Upload").click()
    refused = phone.locator("#upload-progress .upload-row.is-refused")
    expect(refused).to_have_count(1)
    expect(refused.locator(".upload-status")).to_have_text(
        "This file is not a photo (JPEG, PNG, WebP), a video (MP4, MOV) or a sound (WAV, MP3, M4A)."
    )
    expect(phone.locator("#media-list .media-card")).to_have_count(3)
    screenshot(phone, "mentor-media-390")
    assert list(MediaAsset.objects.values_list("state", flat=True)) == ["ready"] * 3

    laptop = new_page(LAPTOP)
    sign_in(laptop, live_server, "mentor@kachinko.test")
    laptop.goto(f"{live_server.url}/groups/{group.pk}/media/")
    expect(laptop.locator("#media-list [data-state=ready]")).to_have_count(3)
    screenshot(laptop, "mentor-media-1280")

    mother = new_page(PHONE)
    sign_in(mother, live_server, "parent@kachinko.test")
    mother.goto(f"{live_server.url}/children/{child.pk}/")
    mother.get_by_role("link", name="Photos").click()
    expect(mother.locator("#child-photos img")).to_have_count(3)
    screenshot(mother, "parent-photos-390")
    asset = MediaAsset.objects.first()
    original = mother.request.get(f"{live_server.url}/media/{asset.pk}/original/")
    assert original.status == 404
    display = mother.request.get(f"{live_server.url}/media/{asset.pk}/display/")
    assert display.status == 200
    image = Image.open(io.BytesIO(display.body()))
    assert dict(image.getexif()) == {} and "exif" not in image.info

    # A photo taken by mistake is deleted from its card, after a confirmation.
    laptop.once("dialog", lambda dialog: dialog.accept())
    laptop.locator(f"#asset-{asset.pk}").get_by_role("button", name="Delete").click()
    expect(laptop.locator("#media-list .media-card")).to_have_count(2)
    assert MediaAsset.objects.filter(pk=asset.pk).exists() is False

    # The refused letter's answer (422) is the only error the browser logs.
    assert phone.console_errors == [
        "Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)"
    ]
    assert laptop.console_errors == mother.console_errors == []


def test_without_the_script_the_form_uploads_every_file_at_once(live_server, demo_week, chromium):
    group = Group.objects.get(mentors__email="mentor@kachinko.test")
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        sign_in(page, live_server, "mentor@kachinko.test")
        page.goto(f"{live_server.url}/groups/{group.pk}/media/")
        page.locator("#media-files").set_input_files(
            [jpeg("one.jpg", "teal"), jpeg("two.jpg", "orange")]
        )
        page.get_by_role("button", name="Upload").click()
        expect(page.get_by_text("2 files are uploaded; they are being processed.")).to_be_visible()
        expect(page.locator("#media-list .media-card")).to_have_count(2)
    finally:
        context.close()
    assert MediaAsset.objects.count() == 2
