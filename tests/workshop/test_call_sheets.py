"""Call sheets: the staff's with health records as each reader may read them (every read in
the audit), the family's with only the reader's own children; the page and its PDF."""

import io
import time

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import GuardianFactory
from workshop.call_sheets import FAMILY, STAFF, call_sheet, versions_for
from workshop.models import HealthRecordRead, ReleasedDay, Workshop, WorkshopDay
from workshop.selectors import HEALTH_READ_WINDOW

pytestmark = pytest.mark.django_db

PAGE = HealthRecordRead.Page.CALL_SHEET
FULL, ALLERGIES = HealthRecordRead.Scope.FULL, HealthRecordRead.Scope.ALLERGIES


def url(name="call_sheet", number=1, slug="summer"):
    return reverse(name, args=[slug, number])


def page_text(client, **query) -> str:
    response = client.get(url(), query)
    assert response.status_code == 200
    return response.content.decode()


def pdf_text(client, **query) -> str:
    response = client.get(url("call_sheet_pdf"), query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def reads(reader) -> dict[int, str]:
    """The reader's call-sheet reads, child id → scope."""
    return dict(
        HealthRecordRead.objects.filter(reader=reader, page=PAGE).values_list(
            "participant_id", "scope"
        )
    )


def read_day(number=1) -> WorkshopDay:
    return WorkshopDay.objects.select_related("workshop", "focus_stage").get(
        workshop__slug="summer", number=number
    )


def test_the_organizer_reads_every_group_with_every_childs_whole_record(client, cast):
    client.force_login(cast.organizer)

    html = page_text(client)

    for text in ("Lantern", "Kite", "Aoyama", "Bystander", "Morning circle", "Kite shoots"):
        assert text in html
    for text in ("Peanuts", "EpiPen in bag", "Grandma Aoyama", "090-0000-0001", "Sesame"):
        assert text in html
    for text in ("Asthma", "Uncle Bystander", "090-0000-0004"):
        assert text in html
    assert "Snow shoots" not in html and "Faraway" not in html
    assert "?version=family" not in html
    assert reads(cast.organizer) == {
        child.pk: FULL for child in (cast.child_a1, cast.child_a2, cast.child_b1, cast.child_b2)
    }


def test_another_groups_mentor_reads_its_allergies_not_its_notes_nor_contacts(client, cast):
    client.force_login(cast.mentor_b)

    html = page_text(client)

    assert "Aoyama" in html and "Peanuts" in html  # meals are shared
    for text in ("EpiPen in bag", "Grandma Aoyama", "090-0000-0001", "090-0000-0002"):
        assert text not in html
    for text in ("Asthma", "Uncle Bystander", "090-0000-0004", "090-0000-0003"):
        assert text in html  # their own group's
    # Child A2 has no allergy: nothing of their record is shown, so no read is written.
    assert reads(cast.mentor_b) == {
        cast.child_a1.pk: ALLERGIES,
        cast.child_b1.pk: FULL,
        cast.child_b2.pk: FULL,
    }


def test_a_sheet_read_again_within_a_minute_is_audited_once_then_again(client, cast, monkeypatch):
    client.force_login(cast.mentor_b)
    page_text(client)
    first = HealthRecordRead.objects.filter(reader=cast.mentor_b, page=PAGE).count()

    page_text(client)  # a reload, served from the cache
    pdf_text(client)
    assert HealthRecordRead.objects.filter(reader=cast.mentor_b, page=PAGE).count() == first

    later = time.time() + HEALTH_READ_WINDOW + 1
    monkeypatch.setattr(time, "time", lambda: later)
    page_text(client)

    assert HealthRecordRead.objects.filter(reader=cast.mentor_b, page=PAGE).count() == 2 * first


def test_the_family_sheet_names_only_the_readers_own_children(client, cast):
    client.force_login(cast.parent_a)

    for text in (page_text(client), pdf_text(client)):
        assert "Aoyama" in text
        assert "Lantern" in text and cast.mentor_a.display_name in text
        assert "Morning circle" in text and "Lantern shoots" in text
        for other in ("Sibling", "Bystander", "Faraway", "Kite shoots", "Peanuts", "EpiPen"):
            assert other not in text
    assert not HealthRecordRead.objects.filter(reader=cast.parent_a).exists()


def test_a_family_with_children_in_two_groups_reads_both_and_no_one_else(client, cast):
    client.force_login(cast.parent_two)

    html = page_text(client)

    assert "Lantern shoots" in html and "Kite shoots" in html
    assert html.count("Sibling") == 2
    assert "Aoyama" not in html and "Bystander" not in html


def test_japanese_names_are_in_the_pdf_text(client, cast):
    cast.child_a1.family_name, cast.child_a1.given_name = "青山", "陽菜"
    cast.child_a1.save()

    client.force_login(cast.organizer)
    assert "青山 陽菜" in pdf_text(client)
    client.force_login(cast.parent_a)
    assert "青山 陽菜" in pdf_text(client)
    client.force_login(cast.parent_two)
    assert "青山" not in pdf_text(client)


def test_the_pdf_is_a_download_never_kept_by_a_cache(client, cast):
    client.force_login(cast.parent_a)

    response = client.get(url("call_sheet_pdf"))

    assert response["Content-Disposition"] == (
        'attachment; filename="call-sheet-summer-day-1-family.pdf"'
    )
    assert "no-store" in response["Cache-Control"]


def test_families_read_the_latest_release_and_staff_the_working_copy(client, cast):
    cast.session_a.title = "Lantern shoots at dawn"
    cast.session_a.save()
    day = cast.workshop.days.get(number=1)
    day.what_to_bring = "A torch"
    day.save()

    client.force_login(cast.parent_a)
    html = page_text(client)
    assert "Lantern shoots" in html and "at dawn" not in html and "A torch" not in html

    client.force_login(cast.organizer)
    html = page_text(client)
    assert "Lantern shoots at dawn" in html and "A torch" in html


def test_a_guardian_on_the_staff_reads_the_staff_sheet_and_may_ask_for_theirs(client, cast):
    GuardianFactory(user=cast.mentor_a, participant=cast.child_b2)
    client.force_login(cast.mentor_a)

    staff = page_text(client)
    family = page_text(client, version="family")

    assert "Aoyama" in staff and "Call sheet for the staff" in staff
    assert "?version=family" in staff
    assert "Call sheet for your family" in family and "Bystander" in family
    assert "Aoyama" not in family and "Sesame" not in family
    assert "Kite shoots" in family and "Lantern shoots" not in family


def test_a_family_asking_for_the_staff_version_gets_its_own(client, cast):
    client.force_login(cast.parent_two)

    html = page_text(client, version="staff")

    assert "Call sheet for your family" in html
    assert "Aoyama" not in html and "Bystander" not in html


@pytest.mark.parametrize("name", ["call_sheet", "call_sheet_pdf"])
def test_another_workshops_organizer_and_family_get_404(client, cast, name):
    for user in (cast.other_organizer, cast.outsider_parent):
        client.force_login(user)
        assert client.get(url(name)).status_code == 404


@pytest.mark.parametrize("name", ["call_sheet", "call_sheet_pdf"])
def test_an_unpublished_workshop_has_no_family_sheet_but_its_staff_sheet(client, cast, name):
    Workshop.objects.filter(pk=cast.workshop.pk).update(is_published=False)

    client.force_login(cast.parent_a)
    assert client.get(url(name)).status_code == 404
    client.force_login(cast.organizer)
    assert client.get(url(name)).status_code == 200


def test_a_day_outside_the_workshop_is_404(client, cast):
    client.force_login(cast.organizer)
    assert client.get(url(number=9)).status_code == 404


def test_a_day_the_latest_release_does_not_hold_has_no_family_sheet(client, cast):
    ReleasedDay.objects.filter(day=read_day()).delete()  # as for a day added since

    assert versions_for(cast.parent_a, read_day()) == []
    assert versions_for(cast.organizer, read_day()) == [STAFF]
    client.force_login(cast.parent_a)
    assert client.get(url()).status_code == 404


def test_the_selector_gives_a_family_their_childs_group_without_its_other_children(cast):
    sheet = call_sheet(read_day(), cast.parent_a, version=FAMILY)

    assert [part.group for part in sheet.groups] == [cast.group_a]
    assert [line.child for line in sheet.groups[0].children] == [cast.child_a1]
    assert [line.health for line in sheet.groups[0].children] == [None]
    assert list(sheet.groups[0].mentors) == [cast.mentor_a]
    assert sheet.reads == {}


def test_the_staff_sheet_lists_children_without_a_group_last(cast):
    cast.child_b1.membership.delete()

    sheet = call_sheet(read_day(), cast.organizer, version=STAFF)

    assert [part.group for part in sheet.groups] == [cast.group_b, cast.group_a, None]
    assert [line.child for line in sheet.groups[-1].children] == [cast.child_b1]
    assert [session.title for session in sheet.groups[-1].sessions] == ["Morning circle"]
    assert [(line.child, group) for line, group in sheet.allergies] == [
        (cast.child_b2, cast.group_b),
        (cast.child_a1, cast.group_a),
    ]


def test_the_day_page_and_the_dashboard_link_the_sheet_and_its_pdf(client, cast, on_day_three):
    client.force_login(cast.organizer)
    for page in (reverse("day", args=["summer", 3]), reverse("dashboard", args=["summer"])):
        html = client.get(page).content.decode()
        assert f'href="{url(number=3)}"' in html
        assert f'href="{url("call_sheet_pdf", number=3)}" download' in html
