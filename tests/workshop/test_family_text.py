"""Family-facing text in each site language: what to bring, the notes for families and the
session titles families see. A family reads its language and falls back to the workshop's
own; translations are frozen with each release like the text they translate."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import RoomFactory
from tests.workshop.test_session_views import form_data
from tests.workshop.test_setup_views import day_data
from workshop import releases
from workshop.family_text import cleaned_translations, translated
from workshop.models import Session, WorkshopDay
from workshop.selectors import release_changes
from workshop.services import publish_schedule

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_day_three")]

DAY_URL = reverse("day", args=["summer", 1])


def write_day(day, **fields):
    WorkshopDay.objects.filter(pk=day.pk).update(**fields)


@pytest.fixture
def japanese_parent(cast):
    cast.parent_a.language = "ja"
    cast.parent_a.save(update_fields=["language"])
    return cast.parent_a


def test_the_readers_language_or_else_the_text_as_written():
    day = WorkshopDay(
        what_to_bring="A water bottle.",
        what_to_bring_translations={"ja": "水筒。", "fr": "  "},
    )
    assert translated(day, "what_to_bring", "ja") == "水筒。"
    assert translated(day, "what_to_bring", "ja-jp") == "水筒。"
    assert translated(day, "what_to_bring", "fr") == "A water bottle."  # blank: as written
    assert translated(day, "what_to_bring", "en") == "A water bottle."
    assert translated(day, "family_notes", "ja") == ""


def test_only_other_known_languages_with_text_are_stored():
    typed = {"ja": " 水筒。 ", "fr": "", "en": "Water", "de": "Wasser"}
    assert cleaned_translations(typed, own_language="en") == {"ja": "水筒。"}


def test_a_japanese_family_reads_japanese_and_the_workshops_text_where_none_is_given(
    client, cast, japanese_parent
):
    day = cast.workshop.days.get(number=1)
    write_day(
        day,
        what_to_bring="A water bottle.",
        what_to_bring_translations={"ja": "水筒。"},
        family_notes="Come to the main hall.",
    )
    Session.objects.filter(pk=cast.session_all.pk).update(title_translations={"ja": "朝の会"})
    publish_schedule(cast.workshop, by=cast.organizer)
    client.force_login(japanese_parent)
    html = client.get(DAY_URL).content.decode()
    assert "水筒。" in html and "A water bottle." not in html
    assert "Come to the main hall." in html  # no Japanese notes: the workshop's own
    assert "朝の会" in html and "Morning circle" not in html
    assert "Lantern shoots" in html  # no translation of this title


def test_a_japanese_familys_home_shows_todays_text_in_japanese(client, cast, japanese_parent):
    write_day(
        cast.workshop.days.get(number=3),
        what_to_bring="Clothes you can move in.",
        what_to_bring_translations={"ja": "動きやすい服装。"},
    )
    publish_schedule(cast.workshop, by=cast.organizer)
    client.force_login(japanese_parent)
    home = client.get(reverse("home")).content.decode()
    assert "動きやすい服装。" in home and "Clothes you can move in." not in home


def test_an_english_family_reads_the_workshops_own_text(client, cast):
    day = cast.workshop.days.get(number=1)
    write_day(day, what_to_bring="A water bottle.", what_to_bring_translations={"ja": "水筒。"})
    publish_schedule(cast.workshop, by=cast.organizer)
    client.force_login(cast.parent_a)
    html = client.get(DAY_URL).content.decode()
    assert "A water bottle." in html and "水筒。" not in html


def test_a_workshop_written_in_japanese_reads_in_english_where_translated(client, cast):
    cast.workshop.language = "ja"
    cast.workshop.save(update_fields=["language"])
    day = cast.workshop.days.get(number=1)
    write_day(day, what_to_bring="水筒。", what_to_bring_translations={"en": "A water bottle."})
    write_day(cast.workshop.days.get(number=2), what_to_bring="上履き。")
    publish_schedule(cast.workshop, by=cast.organizer)
    client.force_login(cast.parent_a)
    assert "A water bottle." in client.get(DAY_URL).content.decode()
    assert "上履き。" in client.get(reverse("day", args=["summer", 2])).content.decode()


def test_translations_reach_families_only_with_a_release(client, cast, japanese_parent):
    day = cast.workshop.days.get(number=1)
    write_day(day, what_to_bring="A water bottle.", what_to_bring_translations={"ja": "水筒。"})
    publish_schedule(cast.workshop, by=cast.organizer)
    write_day(day, what_to_bring_translations={"ja": "水筒と帽子。"})
    Session.objects.filter(pk=cast.session_all.pk).update(title_translations={"ja": "朝の会"})
    client.force_login(japanese_parent)
    html = client.get(DAY_URL).content.decode()
    assert "水筒。" in html and "水筒と帽子。" not in html and "朝の会" not in html
    release = publish_schedule(cast.workshop, by=cast.organizer)
    html = client.get(DAY_URL).content.decode()
    assert "水筒と帽子。" in html and "朝の会" in html
    translation.activate("en")
    day_changes = [change for change in release_changes(release) if change.kind == "day"]
    assert [change.message for change in day_changes] == ["What to bring changed."]
    session_changes = [c for c in release_changes(release) if c.kind != "day"]
    assert [(c.kind, c.session.title) for c in session_changes] == [
        (releases.ChangeKind.CHANGED, "Morning circle")
    ]


def test_a_release_with_nothing_new_in_any_language_writes_nothing(cast):
    day = cast.workshop.days.get(number=1)
    write_day(day, what_to_bring_translations={"ja": "水筒。"})
    first = publish_schedule(cast.workshop, by=cast.organizer)
    assert publish_schedule(cast.workshop, by=cast.organizer) == first


def test_organizers_write_translations_in_the_day_form(client, cast):
    day = cast.workshop.days.get(number=1)
    client.force_login(cast.organizer)
    form = client.get(reverse("setup_day", args=["summer", 1])).content.decode()
    assert 'name="day-1-what_to_bring__ja"' in form and 'name="day-1-what_to_bring__fr"' in form
    assert 'name="day-1-what_to_bring__en"' not in form  # the workshop's own language
    room = RoomFactory(workshop=cast.workshop, name="Main hall", directions="Red doors")
    data = day_data(
        day, what_to_bring="A water bottle.", what_to_bring__ja=" 水筒。 ", family_notes__fr="",
        meeting_point=room.pk,
    )  # fmt: skip
    response = client.post(reverse("setup_day", args=["summer", 1]), data)
    assert response.status_code == 302
    day.refresh_from_db()
    assert (day.what_to_bring_translations, day.family_notes_translations) == ({"ja": "水筒。"}, {})
    assert day.meeting_point == room
    form = client.get(reverse("setup_day", args=["summer", 1])).content.decode()
    assert "水筒。" in form


def test_a_refused_day_form_keeps_the_translations_unsaved(client, cast):
    day = cast.workshop.days.get(number=1)
    client.force_login(cast.organizer)
    data = day_data(day, pickup="08:00", what_to_bring__ja="水筒。")
    response = client.post(reverse("setup_day", args=["summer", 1]), data)
    assert response.status_code == 200
    assert "水筒。" in response.content.decode()
    day.refresh_from_db()
    assert day.what_to_bring_translations == {}


def test_organizers_write_a_session_title_in_japanese(client, cast, japanese_parent):
    client.force_login(cast.organizer)
    response = client.post(
        reverse("session_new", args=["summer"]),
        form_data(cast, day=cast.workshop.days.get(number=1).pk, title__ja="ランタンのリハーサル"),
    )
    assert response.status_code == 302
    session = Session.objects.get(title="Lantern rehearses")
    assert session.title_translations == {"ja": "ランタンのリハーサル"}
    publish_schedule(cast.workshop, by=cast.organizer)
    client.force_login(japanese_parent)
    assert "ランタンのリハーサル" in client.get(DAY_URL).content.decode()


def test_a_days_meeting_point_with_its_directions_as_released(client, cast):
    room = RoomFactory(workshop=cast.workshop, name="Main hall", directions="Through the red doors")
    write_day(cast.workshop.days.get(number=1), meeting_point=room)
    client.force_login(cast.parent_a)
    assert "Through the red doors" not in client.get(DAY_URL).content.decode()
    release = publish_schedule(cast.workshop, by=cast.organizer)
    html = client.get(DAY_URL).content.decode()
    assert "Meeting point" in html and "Main hall" in html and "Through the red doors" in html
    sheet = client.get(reverse("call_sheet", args=["summer", 1])).content.decode()
    assert "Meeting point" in sheet and "Through the red doors" in sheet
    messages = [c.message for c in release_changes(release) if c.kind == "day"]
    assert messages == ["The meeting point changed."]
