"""What the reminders say: the latest release, the family's own children only, their
language, plain text and HTML."""

import datetime

import pytest

from deliveries.content import compose
from deliveries.models import Delivery
from deliveries.planning import day_subject
from tests.factories import RoomFactory, SessionFactory
from workshop.services import publish_schedule

pytestmark = pytest.mark.django_db


def delivery_for(cast, user, kind=Delivery.Kind.EVENING_REMINDER):
    day = cast.workshop.days.get(number=1)
    return Delivery.objects.create(
        workshop=cast.workshop,
        recipient=user,
        kind=kind,
        subject=day_subject(day.pk),
        due_at=datetime.datetime(2026, 7, 26, 9, 0, tzinfo=datetime.UTC),
    )


def bodies(message) -> tuple[str, str]:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return message.body, html


def test_a_family_of_two_gets_both_children_with_their_own_groups_sessions(cast):
    day = cast.workshop.days.get(number=1)
    day.what_to_bring = "A packed lunch"
    day.save()
    publish_schedule(cast.workshop, by=cast.organizer)
    message = compose(delivery_for(cast, cast.parent_two))
    text, html = bodies(message)
    assert message.to == [cast.parent_two.email]
    for body in (text, html):
        assert cast.child_a2.given_name in body
        assert cast.child_b1.given_name in body
        assert "Morning circle" in body
        assert "Lantern shoots" in body
        assert "Kite shoots" in body
        assert "A packed lunch" in body
        assert "09:00" in body  # drop-off
        assert "17:00" in body  # pickup
    assert text.index("Lantern shoots") < text.index(cast.child_b1.given_name)


def test_a_family_reads_the_latest_release_not_the_working_copy(cast):
    cast.session_a.title = "Lantern reshoots (not released)"
    cast.session_a.save()
    text, html = bodies(compose(delivery_for(cast, cast.parent_a)))
    assert "Lantern shoots" in text
    assert "not released" not in text + html
    assert "Kite shoots" not in text + html  # another group's


def test_no_other_childs_name_is_in_a_familys_message(cast):
    text, html = bodies(compose(delivery_for(cast, cast.parent_a)))
    assert cast.child_a1.given_name in text
    for other in (cast.child_a2, cast.child_b1, cast.child_b2, cast.child_x):
        assert other.given_name not in text + html
        assert other.family_name not in text + html


def test_a_message_is_in_the_recipients_language_else_the_sites(cast):
    cast.parent_a.language = "fr"
    cast.parent_a.save()
    french = compose(delivery_for(cast, cast.parent_a))
    english = compose(delivery_for(cast, cast.parent_two))
    assert french.body.startswith("Bonjour")
    assert english.subject.startswith("Tomorrow at Summer")
    assert english.body.startswith("Hello")


def test_the_family_text_is_in_the_recipients_language_else_as_written(cast):
    day = cast.workshop.days.get(number=1)
    day.what_to_bring = "A packed lunch"
    day.what_to_bring_translations = {"fr": "Un pique-nique"}
    day.save()
    cast.session_a.title_translations = {"fr": "Tournage de la lanterne"}
    cast.session_a.save()
    publish_schedule(cast.workshop, by=cast.organizer)
    cast.parent_a.language = "fr"
    cast.parent_a.save()

    french, french_html = bodies(compose(delivery_for(cast, cast.parent_a)))
    english, _ = bodies(compose(delivery_for(cast, cast.parent_two)))

    for body in (french, french_html):
        assert "Un pique-nique" in body and "Tournage de la lanterne" in body
        assert "A packed lunch" not in body
    assert "A packed lunch" in english and "Lantern shoots" in english


def test_each_delivery_has_a_message_id_of_its_own_that_a_resend_repeats(cast):
    delivery = delivery_for(cast, cast.parent_a)
    first = compose(delivery).extra_headers["Message-ID"]
    assert first == compose(delivery).extra_headers["Message-ID"]
    assert first != compose(delivery_for(cast, cast.parent_two)).extra_headers["Message-ID"]


def test_a_mentor_gets_their_sessions_with_rooms_and_groups(cast):
    room = RoomFactory(workshop=cast.workshop, name="Studio", directions="Upstairs")
    SessionFactory(workshop=cast.workshop, title="Lantern edits", groups=[cast.group_a], room=room)
    publish_schedule(cast.workshop, by=cast.organizer)
    text, html = bodies(compose(delivery_for(cast, cast.mentor_a, Delivery.Kind.MENTOR_MORNING)))
    for body in (text, html):
        assert "Lantern edits" in body
        assert "Studio" in body
        assert "Upstairs" in body
        assert "Lantern" in body
        assert "Morning circle" in body
        assert "Kite shoots" not in body
