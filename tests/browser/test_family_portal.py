"""A parent of two at the school gate, on a phone (issue 16): subscribes to the family's
calendar from the portal and reads the feed a calendar app would; changes a child's photo
consent and sees it confirmed, kept in the history with their name."""

import icalendar
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, screenshot
from tests.browser.test_demo_roles import demo_week, sign_in  # noqa: F401 (a fixture)
from workshop.models import Participant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARENT2 = "parent2@kachinko.test"


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_parent_subscribes_to_the_calendar_and_reads_the_feed(
    live_server,
    demo_week,  # noqa: F811
    new_page,
    viewport,
):
    others = [
        child.given_name
        for child in Participant.objects.exclude(guardians__user__email=PARENT2)
        if len(child.given_name) > 1  # a one-character name could be part of any word
    ]
    page = new_page(viewport)
    sign_in(page, live_server, PARENT2)
    page.get_by_role("link", name="Add the week to your phone's calendar").click()
    page.wait_for_url("**/calendar/")
    page.get_by_role("button", name="Get my calendar address").click()
    expect(page.get_by_text("Your calendar address is ready.")).to_be_visible()
    subscribe = page.get_by_role("link", name="Subscribe")
    expect(subscribe).to_be_visible()
    address = page.get_by_label("The address, to paste into a calendar app").input_value()
    assert address.startswith(f"{live_server.url}/calendar/")
    assert subscribe.get_attribute("href") == "webcal://" + address.split("://", 1)[1]
    expect(page.get_by_role("heading", name="iPhone and iPad")).to_be_visible()
    screenshot(page, f"parent-calendar-{viewport['width']}")

    answer = page.request.get(address)
    assert answer.status == 200
    assert answer.headers["content-type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(answer.body())
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert len([uid for uid in calendar.walk("VEVENT") if "day-" in str(uid["uid"])]) == 7
    assert any("蓮" in summary and "結衣" in summary for summary in summaries)
    assert [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    text = answer.body().decode().replace("\r\n ", "")
    assert [name for name in others if name in text] == []
    again = page.request.get(address, headers={"If-None-Match": answer.headers["etag"]})
    assert again.status == 304
    assert page.console_errors == []


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_parent_changes_a_childs_consent_and_sees_it_confirmed(
    live_server,
    demo_week,  # noqa: F811
    new_page,
    viewport,
):
    child = Participant.objects.get(given_name="結衣")
    page = new_page(viewport)
    sign_in(page, live_server, PARENT2)
    page.get_by_role("link", name=f"Change the photo consent of {child.full_name}").click()
    page.wait_for_url(f"**/children/{child.pk}/family-consent/")
    expect(page.get_by_text("Not filmed or photographed.")).to_be_visible()
    expect(page.get_by_label("Families of the workshop")).to_be_checked()
    screenshot(page, f"parent-consent-{viewport['width']}")
    page.get_by_label("No photos or video").check()
    page.get_by_role("button", name="Save consent").click()
    page.wait_for_url(f"**/children/{child.pk}/")
    expect(
        page.get_by_text(f"{child.full_name}'s consent is now: No photos or video.")
    ).to_be_visible()
    history = page.locator(".consent-history li").first
    expect(history).to_contain_text("No photos or video")
    expect(history).to_contain_text("recorded by Daisuke Takahashi")
    screenshot(page, f"parent-consent-saved-{viewport['width']}")
    child.refresh_from_db()
    assert child.media_consent == "none"
    page.goto(f"{live_server.url}/")
    card = page.locator("article").filter(has=page.get_by_role("heading", name=child.full_name))
    expect(card).to_contain_text("Photos and video: No photos or video")
    assert page.console_errors == []


def test_a_consent_withdrawn_takes_a_photo_out_of_another_familys_gallery(
    live_server,
    demo_week,  # noqa: F811
    new_page,
):
    from projects.models import MediaAsset

    mother_child = Participant.objects.get(guardians__user__email="parent@kachinko.test")
    ren = Participant.objects.get(guardians__user__email=PARENT2, media_consent="public")
    shared = MediaAsset.objects.filter(children=mother_child).filter(children=ren).get()

    mother = new_page(PHONE)
    sign_in(mother, live_server, "parent@kachinko.test")
    mother.get_by_role("link", name=f"Photos of {mother_child.full_name}").click()
    photo = mother.locator(f"#child-photos img[src$='/media/{shared.pk}/thumbnail/']")
    expect(photo).to_have_count(1)
    before = mother.locator("#child-photos img").count()

    parent = new_page(PHONE)
    sign_in(parent, live_server, PARENT2)
    parent.get_by_role("link", name=f"Change the photo consent of {ren.full_name}").click()
    parent.get_by_label("Workshop staff only").check()
    parent.get_by_role("button", name="Save consent").click()
    expect(
        parent.get_by_text(f"{ren.full_name}'s consent is now: Workshop staff only.")
    ).to_be_visible()

    mother.reload()
    expect(mother.locator("#child-photos img")).to_have_count(before - 1)
    expect(photo).to_have_count(0)
    screenshot(mother, "parent-photos-after-consent-390")
    thumbnail = mother.request.get(f"{live_server.url}/media/{shared.pk}/thumbnail/")
    assert thumbnail.status == 404
    assert mother.console_errors == parent.console_errors == []
