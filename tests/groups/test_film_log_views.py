"""Logging a group's film from the group page and the mentor's home (groups/views.py:
group_progress, group_note): one predicate lets the group's mentors and the workshop's
organizers write; another group's mentor reads the page but is refused every write."""

import uuid

import pytest
from django.urls import reverse

from projects.models import LogEntry, StageProgress
from projects.services import set_stage_progress

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_day_three")]

HTMX = {"HX-Request": "true"}


def stage(cast, key="acting"):
    return cast.workshop.stages.get(key=key)


def progress_rows():
    return list(
        StageProgress.objects.values_list("film__group__name", "stage__key", "status", "note")
    )


@pytest.mark.parametrize("writer", ["mentor_a", "organizer"])
def test_the_groups_mentor_and_the_organizer_set_a_stage_with_htmx(client, cast, writer):
    client.force_login(getattr(cast, writer))
    response = client.post(
        reverse("group_progress", args=[cast.group_a.pk]),
        {"stage": stage(cast).pk, "status": "done", "note": "Lines learnt"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert progress_rows() == [("Lantern", "acting", "done", "Lines learnt")]
    assert StageProgress.objects.get().updated_by == getattr(cast, writer)
    html = response.text
    assert html.count('id="progress"') == 1
    assert "Acting: Done." in html
    assert 'hx-swap-oob="true"' in html


def test_a_status_without_a_note_field_keeps_the_note(client, cast):
    set_stage_progress(
        cast.group_a.film, stage(cast), status="in_progress", by=cast.mentor_a, note="Keep me"
    )
    client.force_login(cast.mentor_a)
    client.post(
        reverse("group_progress", args=[cast.group_a.pk]),
        {"stage": stage(cast).pk, "status": "done", "panel": "quick"},
        headers=HTMX,
    )
    assert progress_rows() == [("Lantern", "acting", "done", "Keep me")]


def test_without_htmx_a_write_goes_back_to_the_group_page(client, cast):
    client.force_login(cast.mentor_a)
    response = client.post(
        reverse("group_progress", args=[cast.group_a.pk]),
        {"stage": stage(cast).pk, "status": "in_progress"},
    )
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("group", args=[cast.group_a.pk]),
    )
    assert "Acting: In progress." in client.get(response["Location"]).text


@pytest.mark.parametrize(
    "data, message",
    [
        ({"status": "finished"}, "Choose not started, in progress or done."),
        ({"status": ""}, "This field is required."),
        ({"status": "done", "stage": "other"}, "Choose one of the stages."),
    ],
)
def test_bad_progress_says_why_and_changes_nothing(client, cast, data, message):
    client.force_login(cast.mentor_a)
    data = {"stage": stage(cast).pk, **data}
    if data["stage"] == "other":
        data["stage"] = cast.other_workshop.stages.get(key="acting").pk
    response = client.post(reverse("group_progress", args=[cast.group_a.pk]), data, headers=HTMX)
    assert response.status_code == 200
    assert message in response.text
    assert StageProgress.objects.count() == 0


def test_another_groups_mentor_reads_the_group_page_without_its_forms(client, cast):
    client.force_login(cast.mentor_b)
    response = client.get(reverse("group", args=[cast.group_a.pk]))
    assert response.status_code == 200
    assert response.context["can_write_film"] is False
    assert reverse("group_progress", args=[cast.group_a.pk]) not in response.text
    assert reverse("group_note", args=[cast.group_a.pk]) not in response.text


@pytest.mark.parametrize("name", ["group_progress", "group_note"])
def test_another_groups_mentor_is_refused_every_write(client, cast, name):
    client.force_login(cast.mentor_b)
    data = {"stage": stage(cast).pk, "status": "done", "body": "Sneaky", "panel": "quick"}
    response = client.post(reverse(name, args=[cast.group_a.pk]), data, headers=HTMX)
    assert response.status_code == 403
    assert (StageProgress.objects.count(), LogEntry.objects.count()) == (0, 0)


@pytest.mark.parametrize("name", ["group_progress", "group_note"])
def test_a_parent_of_the_group_cannot_write(client, cast, name):
    client.force_login(cast.parent_a)
    data = {"stage": stage(cast).pk, "status": "done", "body": "Hello"}
    response = client.post(reverse(name, args=[cast.group_a.pk]), data, headers=HTMX)
    assert response.status_code == 404
    assert (StageProgress.objects.count(), LogEntry.objects.count()) == (0, 0)


def test_a_shared_note_reaches_the_family_home_and_a_crew_note_does_not(client, cast):
    client.force_login(cast.mentor_a)
    url = reverse("group_note", args=[cast.group_a.pk])
    client.post(url, {"body": "We wrapped scene 1!", "shared_with_families": "on"}, headers=HTMX)
    response = client.post(url, {"body": "Kaito was tired", "stage": stage(cast).pk}, headers=HTMX)
    assert "Note kept with the crew." in response.text
    assert list(
        LogEntry.objects.order_by("pk").values_list("body", "shared_with_families", "written_on")
    ) == [
        ("We wrapped scene 1!", True, cast.workshop.days.get(number=3).date),
        ("Kaito was tired", False, cast.workshop.days.get(number=3).date),
    ]
    client.force_login(cast.parent_a)
    home = client.get(reverse("home")).text
    assert "We wrapped scene 1!" in home
    assert "Kaito was tired" not in home
    assert "Kaito was tired" not in client.get(reverse("group", args=[cast.group_a.pk])).text


def test_another_familys_home_shows_no_note_of_the_group(client, cast):
    LogEntry.objects.create(
        film=cast.group_a.film,
        author=cast.mentor_a,
        written_on="2026-07-29",
        body="Lantern news",
        shared_with_families=True,
    )
    client.force_login(cast.child_b2.guardians.get().user)
    assert "Lantern news" not in client.get(reverse("home")).text


def test_an_empty_note_says_so_and_saves_nothing(client, cast):
    client.force_login(cast.mentor_a)
    response = client.post(
        reverse("group_note", args=[cast.group_a.pk]),
        {"body": "", "shared_with_families": "on", "panel": "quick"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "Write the note first." in response.text
    assert LogEntry.objects.count() == 0


def test_the_mentors_home_offers_the_first_stage_not_done(client, cast):
    for key in ("script", "storyboard"):
        set_stage_progress(cast.group_a.film, stage(cast, key), status="done", by=cast.mentor_a)
    client.force_login(cast.mentor_a)
    html = client.get(reverse("home")).text
    assert "Now: <strong>Acting</strong> (Not started)" in html
    assert f'id="quick-log-{cast.group_a.pk}"' in html
    assert f'id="quick-log-{cast.group_b.pk}"' not in html


def test_the_quick_panel_answers_with_the_next_stage(client, cast):
    client.force_login(cast.mentor_a)
    response = client.post(
        reverse("group_progress", args=[cast.group_a.pk]),
        {"stage": stage(cast, "script").pk, "status": "done", "panel": "quick"},
        headers=HTMX,
    )
    assert response.templates[0].name == "groups/_quick_log.html"
    assert "Now: <strong>Storyboard</strong> (Not started)" in response.text


def test_a_note_sent_twice_by_the_phone_is_recorded_once_and_answered_alike(client, cast):
    client.force_login(cast.mentor_a)
    url = reverse("group_note", args=[cast.group_a.pk])
    data = {
        "body": "Scene 2 is in the can",
        "shared_with_families": "on",
        "client_id": str(uuid.uuid4()),
        "at": "2026-07-29T00:20:00.000Z",
    }
    first = client.post(url, data, headers=HTMX)
    again = client.post(url, data, headers=HTMX)
    assert first.status_code == again.status_code == 200
    assert "Note shared with families." in again.text
    assert again.text.count("Scene 2 is in the can") == 1
    assert LogEntry.objects.get().client_id == uuid.UUID(data["client_id"])


@pytest.mark.parametrize(
    "sent, message",
    [
        ({"client_id": "not-a-uuid"}, "The phone sent this in a form the site cannot read."),
        ({"at": "yesterday"}, "The phone sent this in a form the site cannot read."),
        ({"at": "2026-07-29T09:20:00"}, "The phone sent this in a form the site cannot read."),
        ({"at": "2026-07-29T01:30:00Z"}, "A note cannot be dated in the future"),
    ],
)
def test_what_the_phone_sends_malformed_or_from_the_future_is_refused(client, cast, sent, message):
    client.force_login(cast.mentor_a)
    response = client.post(
        reverse("group_note", args=[cast.group_a.pk]),
        {"body": "Hello", "panel": "quick", **sent},
        headers=HTMX,
    )
    assert message in response.text
    assert "Hello" in response.text  # the note is kept in its form
    assert LogEntry.objects.count() == 0


def test_the_note_forms_are_kept_on_the_phone_while_offline(client, cast):
    client.force_login(cast.mentor_a)
    group_page = client.get(reverse("group", args=[cast.group_a.pk])).text
    assert 'data-offline="notes"' in group_page
    assert f'data-waiting-notes="{cast.group_a.pk}"' in group_page
    assert "js/notes.js" in group_page
    home = client.get(reverse("home")).text
    assert f'data-offline-target="#quick-log-{cast.group_a.pk}"' in home
    assert "js/notes.js" in home
    client.force_login(cast.mentor_b)
    assert "js/notes.js" not in client.get(reverse("group", args=[cast.group_a.pk])).text
