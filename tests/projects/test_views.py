"""A film's pages (projects/views.py): title and story, script versions and their
differences, storyboard order, shot list. The workshop's staff read them; the group's
mentors and the organizers write; another group's mentor reads but every write is 403;
families and outsiders get 404."""

import pytest
from django.urls import reverse

from projects.models import Film, ScriptVersion, Shot, StoryboardFrame
from projects.services import add_frame, save_script
from tests.factories import ShotFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_day_three")]

HTMX = {"HX-Request": "true"}
READ_PAGES = ["film_script", "film_storyboard", "film_shots"]


@pytest.mark.parametrize(
    "name, form, shown",
    [("film_script", 'id="script-form"', "SCENE 1. Lantern&#x27;s secret"),
     ("film_storyboard", 'id="frame-order"', "Lantern frame"),
     ("film_shots", 'id="shot-form"', "Lantern shot")],
)  # fmt: skip
def test_another_groups_mentor_reads_the_film_without_its_forms(client, cast, name, form, shown):
    save_script(cast.group_a.film, text="SCENE 1. Lantern's secret", by=cast.mentor_a)
    add_frame(cast.group_a.film, caption="Lantern frame")
    ShotFactory(film=cast.group_a.film, description="Lantern shot")
    client.force_login(cast.mentor_a)
    assert form in client.get(reverse(name, args=[cast.group_a.pk])).text
    client.force_login(cast.mentor_b)
    response = client.get(reverse(name, args=[cast.group_a.pk]))
    assert response.status_code == 200
    assert response.context["film"].can_write is False
    assert form not in response.text
    assert shown in response.text


def test_another_groups_mentor_gets_no_edit_form_for_the_film(client, cast):
    client.force_login(cast.mentor_b)
    assert client.get(reverse("film_edit", args=[cast.group_a.pk])).status_code == 403


@pytest.mark.parametrize("name", ["film_edit", *READ_PAGES])
def test_a_parent_of_the_group_does_not_find_the_film_pages(client, cast, name):
    client.force_login(cast.parent_a)
    assert client.get(reverse(name, args=[cast.group_a.pk])).status_code == 404


def film_state(cast):
    film = Film.objects.get(group=cast.group_a)
    return (
        (film.title, film.logline, film.synopsis),
        list(ScriptVersion.objects.filter(film=film).values_list("number", "text")),
        list(
            StoryboardFrame.objects.filter(film=film)
            .order_by("position")
            .values_list("caption", flat=True)
        ),
        list(Shot.objects.filter(film=film).values_list("scene", "number", "status")),
    )


def writes(cast):
    """Every write of the film's pages, with a body that would change something."""
    shot = ShotFactory(film=cast.group_a.film, scene=1, number=1)
    one = add_frame(cast.group_a.film, caption="One")
    two = add_frame(cast.group_a.film, caption="Two")
    g = cast.group_a.pk
    return [
        (reverse("film_edit", args=[g]), {"title": "Stolen", "logline": "", "synopsis": ""}),
        (reverse("film_script", args=[g]), {"text": "SCENE 9."}),
        (reverse("film_storyboard", args=[g]), {"caption": "Three"}),
        (reverse("film_storyboard_order", args=[g]), {"frame": [two.pk, one.pk]}),
        (reverse("film_storyboard_order", args=[g]), {"frame": two.pk, "direction": "up"}),
        (reverse("film_shots", args=[g]), {"scene": 2, "number": 1, "description": "x",
                                           "framing": "wide", "status": "planned"}),
        (reverse("film_shot", args=[g, shot.pk]), {"scene": 1, "number": 1, "description": "y",
                                                   "framing": "wide", "status": "shot"}),
        (reverse("film_shot_status", args=[g, shot.pk]), {"status": "shot"}),
        (reverse("film_shot_delete", args=[g, shot.pk]), {}),
        (reverse("film_frame_delete", args=[g, one.pk]), {}),
    ]  # fmt: skip


@pytest.mark.parametrize("htmx", [False, True], ids=["form", "htmx"])
def test_another_groups_mentor_is_refused_every_write_of_the_film(client, cast, htmx):
    urls = writes(cast)
    before = film_state(cast)
    client.force_login(cast.mentor_b)
    answers = [
        client.post(url, data, headers=HTMX if htmx else {}).status_code for url, data in urls
    ]
    assert answers == [403] * len(urls)
    assert film_state(cast) == before


def test_an_organizer_of_another_workshop_finds_no_film_to_write(client, cast):
    urls = writes(cast)
    before = film_state(cast)
    client.force_login(cast.other_organizer)
    assert [client.post(url, data).status_code for url, data in urls] == [404] * len(urls)
    assert film_state(cast) == before


def test_the_groups_mentor_edits_the_title_and_story(client, cast):
    client.force_login(cast.mentor_a)
    response = client.post(
        reverse("film_edit", args=[cast.group_a.pk]),
        {"title": "The Paper Lantern", "logline": "A lantern for liars.", "synopsis": "Yui…"},
    )
    assert response["Location"] == reverse("group", args=[cast.group_a.pk])
    assert film_state(cast)[0] == ("The Paper Lantern", "A lantern for liars.", "Yui…")


def test_a_too_long_logline_says_so_and_changes_nothing(client, cast):
    client.force_login(cast.mentor_a)
    response = client.post(
        reverse("film_edit", args=[cast.group_a.pk]), {"title": "T", "logline": "x" * 301}
    )
    assert response.status_code == 200
    assert "Ensure this value has at most 300 characters" in response.text
    assert film_state(cast)[0] == ("", "", "")


def test_saving_the_script_twice_keeps_two_versions_and_shows_the_difference(client, cast):
    client.force_login(cast.organizer)
    url = reverse("film_script", args=[cast.group_a.pk])
    client.post(url, {"text": "SCENE 1.\r\nYUI: Hello."})
    response = client.post(url, {"text": "SCENE 1.\r\nYUI: <b>Hi</b>."}, follow=True)
    assert "Saved as version 2." in response.text
    assert film_state(cast)[1] == [(2, "SCENE 1.\nYUI: <b>Hi</b>."), (1, "SCENE 1.\nYUI: Hello.")]
    diff = response.context["diff"]
    assert [(line.kind, line.text) for line in diff["lines"]] == [
        ("equal", "SCENE 1."), ("removed", "YUI: Hello."), ("added", "YUI: <b>Hi</b>."),
    ]  # fmt: skip
    assert "YUI: &lt;b&gt;Hi&lt;/b&gt;." in response.text
    assert "<b>Hi</b>" not in response.text.split('id="diff"')[1]


def test_saving_an_unchanged_script_says_so(client, cast):
    save_script(cast.group_a.film, text="SCENE 1.", by=cast.mentor_a)
    client.force_login(cast.mentor_a)
    response = client.post(
        reverse("film_script", args=[cast.group_a.pk]), {"text": "SCENE 1."}, follow=True
    )
    assert "Nothing changed since version 1." in response.text
    assert ScriptVersion.objects.count() == 1


def test_an_empty_script_says_so_and_saves_nothing(client, cast):
    client.force_login(cast.mentor_a)
    response = client.post(reverse("film_script", args=[cast.group_a.pk]), {"text": "  \n"})
    assert response.status_code == 200
    assert "The script is empty: write something to save." in response.text
    assert ScriptVersion.objects.count() == 0


def test_any_two_versions_compare_with_htmx(client, cast):
    for text in ("A", "A\nB", "A\nB\nC"):
        save_script(cast.group_a.film, text=text, by=cast.mentor_a)
    client.force_login(cast.mentor_b)
    response = client.get(
        reverse("film_script", args=[cast.group_a.pk]), {"old": 1, "new": 3}, headers=HTMX
    )
    assert response.text.lstrip().startswith('<section id="diff"')
    assert [line.kind for line in response.context["diff"]["lines"]] == ["equal", "added", "added"]


def test_a_version_of_another_film_is_not_compared(client, cast):
    save_script(cast.group_a.film, text="A", by=cast.mentor_a)
    save_script(cast.group_a.film, text="B", by=cast.mentor_a)
    save_script(cast.group_b.film, text="Kite secret", by=cast.mentor_b)
    save_script(cast.group_b.film, text="Kite secret 2", by=cast.mentor_b)
    client.force_login(cast.mentor_a)
    response = client.get(reverse("film_script", args=[cast.group_a.pk]), {"old": 1, "new": 9})
    assert response.context["diff"] is None
    assert "Choose two versions of this script." in response.text
    assert "Kite secret" not in response.text


def test_frames_are_added_and_reordered_by_drag_and_drop(client, cast):
    client.force_login(cast.mentor_a)
    url = reverse("film_storyboard", args=[cast.group_a.pk])
    for caption in ("One", "Two", "Three"):
        client.post(url, {"caption": caption}, headers=HTMX)
    one, two, three = StoryboardFrame.objects.order_by("position")
    response = client.post(
        reverse("film_storyboard_order", args=[cast.group_a.pk]),
        {"frame": [three.pk, one.pk, two.pk]},
        headers=HTMX,
    )
    assert [frame.caption for frame in response.context["frames"]] == ["Three", "One", "Two"]
    assert film_state(cast)[2] == ["Three", "One", "Two"]


def test_a_frame_moves_one_place_with_its_button(client, cast):
    _, two = (add_frame(cast.group_a.film, caption=c) for c in ("One", "Two"))
    client.force_login(cast.mentor_a)
    response = client.post(
        reverse("film_storyboard_order", args=[cast.group_a.pk]),
        {"frame": two.pk, "direction": "up"},
    )
    assert response["Location"] == reverse("film_storyboard", args=[cast.group_a.pk])
    assert film_state(cast)[2] == ["Two", "One"]


def test_a_stale_order_says_so_and_changes_nothing(client, cast):
    one, _ = (add_frame(cast.group_a.film, caption=c) for c in ("One", "Two"))
    foreign = add_frame(cast.group_b.film, caption="Kite")
    client.force_login(cast.mentor_a)
    response = client.post(
        reverse("film_storyboard_order", args=[cast.group_a.pk]),
        {"frame": [foreign.pk, one.pk]},
        headers=HTMX,
    )
    assert "The storyboard changed meanwhile: here is its order now." in response.text
    assert film_state(cast)[2] == ["One", "Two"]
    assert list(cast.group_b.film.frames.values_list("position", flat=True)) == [1]


def test_another_films_frame_cannot_be_moved_through_this_film(client, cast):
    foreign = add_frame(cast.group_b.film, caption="Kite")
    add_frame(cast.group_b.film, caption="Kite 2")
    client.force_login(cast.mentor_a)
    response = client.post(
        reverse("film_storyboard_order", args=[cast.group_a.pk]),
        {"frame": foreign.pk, "direction": "down"},
        headers=HTMX,
    )
    assert "That frame is no longer in this storyboard." in response.text
    assert list(cast.group_b.film.frames.values_list("caption", flat=True)) == ["Kite", "Kite 2"]


def test_an_empty_caption_says_so_and_adds_nothing(client, cast):
    client.force_login(cast.mentor_a)
    response = client.post(
        reverse("film_storyboard", args=[cast.group_a.pk]), {"caption": ""}, headers=HTMX
    )
    assert "Describe the frame in a few words." in response.text
    assert StoryboardFrame.objects.count() == 0


def test_shots_are_added_and_the_next_number_is_offered(client, cast):
    client.force_login(cast.mentor_a)
    url = reverse("film_shots", args=[cast.group_a.pk])
    data = {"scene": 2, "number": 3, "description": "Kaito runs", "framing": "wide"}
    response = client.post(url, {**data, "status": "planned"}, headers=HTMX)
    assert response.status_code == 200
    assert list(Shot.objects.values_list("scene", "number", "description", "framing")) == [
        (2, 3, "Kaito runs", "wide")
    ]
    assert response.context["form"].initial == {"scene": 2, "number": 4}
    page = client.get(url)
    assert page.context["form"].initial == {"scene": 2, "number": 4}
    assert 'name="number" value="4"' in page.text


def test_a_shot_number_taken_in_its_scene_says_so_and_adds_nothing(client, cast):
    ShotFactory(film=cast.group_a.film, scene=1, number=1)
    ShotFactory(film=cast.group_b.film, scene=1, number=2)
    client.force_login(cast.mentor_a)
    url = reverse("film_shots", args=[cast.group_a.pk])
    data = {"scene": 1, "description": "Again", "framing": "wide", "status": "planned"}
    response = client.post(url, {**data, "number": 1}, headers=HTMX)
    assert "Scene 1 already has a shot 1." in response.text
    assert Shot.objects.filter(film=cast.group_a.film).count() == 1
    # The same number in another film's scene is no clash.
    client.post(url, {**data, "number": 2}, headers=HTMX)
    assert Shot.objects.filter(film=cast.group_a.film).count() == 2


def test_a_shot_is_edited(client, cast):
    shot = ShotFactory(film=cast.group_a.film, scene=1, number=1)
    client.force_login(cast.mentor_a)
    response = client.post(
        reverse("film_shot", args=[cast.group_a.pk, shot.pk]),
        {"scene": 1, "number": 1, "description": "Closer", "framing": "close_up", "status": "shot"},
    )
    assert response["Location"] == reverse("film_shots", args=[cast.group_a.pk])
    assert list(Shot.objects.values_list("description", "framing", "status")) == [
        ("Closer", "close_up", "shot")
    ]


def test_another_films_shot_is_not_found_through_this_film(client, cast):
    foreign = ShotFactory(film=cast.group_b.film)
    client.force_login(cast.mentor_a)
    url = reverse("film_shot_status", args=[cast.group_a.pk, foreign.pk])
    assert client.post(url, {"status": "shot"}).status_code == 404
    assert client.get(reverse("film_shot", args=[cast.group_a.pk, foreign.pk])).status_code == 404
    assert Shot.objects.get().status == "planned"


def test_a_shot_is_marked_for_a_retake_in_one_tap(client, cast):
    shot = ShotFactory(film=cast.group_a.film)
    client.force_login(cast.mentor_a)
    response = client.post(
        reverse("film_shot_status", args=[cast.group_a.pk, shot.pk]),
        {"status": "needs_retake"},
        headers=HTMX,
    )
    assert response.text.lstrip().startswith('<section id="shots"')
    assert "Needs a retake" in response.text
    assert Shot.objects.get().status == "needs_retake"


def test_an_unknown_shot_status_says_so_and_changes_nothing(client, cast):
    shot = ShotFactory(film=cast.group_a.film)
    client.force_login(cast.mentor_a)
    response = client.post(
        reverse("film_shot_status", args=[cast.group_a.pk, shot.pk]),
        {"status": "wrapped"},
        headers=HTMX,
    )
    assert "Choose planned, shot or needs a retake." in response.text
    assert Shot.objects.get().status == "planned"


# --- Deleting a shot or a frame --------------------------------------------------------------


def test_deleting_a_shot_asks_first_in_its_place_then_answers_the_list(client, cast):
    kept = ShotFactory(film=cast.group_a.film, scene=1, number=1, description="Kept")
    gone = ShotFactory(film=cast.group_a.film, scene=1, number=2, description="Gone")
    client.force_login(cast.mentor_a)
    url = reverse("film_shot_delete", args=[cast.group_a.pk, gone.pk])
    assert url in client.get(reverse("film_shots", args=[cast.group_a.pk])).text
    asked = client.get(url, headers=HTMX)
    assert asked.text.lstrip().startswith('<form method="post"')
    assert "Delete scene 1, shot 2?" in asked.text
    assert Shot.objects.count() == 2
    response = client.post(url, headers=HTMX)
    assert response.text.lstrip().startswith('<section id="shots"')
    assert "Scene 1, shot 2 is deleted." in response.text
    assert list(Shot.objects.all()) == [kept]


def test_deleting_a_shot_without_htmx_asks_on_a_page_and_goes_back_to_the_list(client, cast):
    shot = ShotFactory(film=cast.group_a.film, scene=3, number=1)
    client.force_login(cast.organizer)
    url = reverse("film_shot_delete", args=[cast.group_a.pk, shot.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "<h1" in page.text
    assert "Delete scene 3, shot 1?" in page.text
    response = client.post(url, follow=True)
    assert response.redirect_chain == [(reverse("film_shots", args=[cast.group_a.pk]), 302)]
    assert "Scene 3, shot 1 is deleted." in response.text
    assert Shot.objects.exists() is False


def test_deleting_a_frame_closes_the_gap_in_the_order(client, cast):
    add_frame(cast.group_a.film, caption="One")
    two = add_frame(cast.group_a.film, caption="Two")
    add_frame(cast.group_a.film, caption="Three")
    client.force_login(cast.mentor_a)
    url = reverse("film_frame_delete", args=[cast.group_a.pk, two.pk])
    assert "Delete the frame “Two”?" in client.get(url, headers=HTMX).text
    response = client.post(url, headers=HTMX)
    assert response.text.lstrip().startswith('<section id="storyboard"')
    assert "The frame “Two” is deleted." in response.text
    frames = StoryboardFrame.objects.order_by("position").values_list("caption", "position")
    assert list(frames) == [("One", 1), ("Three", 2)]


def test_another_groups_mentor_is_refused_the_delete_question_too(client, cast):
    shot = ShotFactory(film=cast.group_a.film)
    frame = add_frame(cast.group_a.film, caption="One")
    client.force_login(cast.mentor_b)
    for url in (
        reverse("film_shot_delete", args=[cast.group_a.pk, shot.pk]),
        reverse("film_frame_delete", args=[cast.group_a.pk, frame.pk]),
    ):
        assert client.get(url, headers=HTMX).status_code == 403
        assert url not in client.get(reverse("film_shots", args=[cast.group_a.pk])).text
    assert (Shot.objects.count(), StoryboardFrame.objects.count()) == (1, 1)


def test_another_films_shot_or_frame_is_not_deleted_through_this_film(client, cast):
    shot = ShotFactory(film=cast.group_b.film)
    frame = add_frame(cast.group_b.film, caption="Kite frame")
    client.force_login(cast.mentor_a)
    assert (
        client.post(reverse("film_shot_delete", args=[cast.group_a.pk, shot.pk])).status_code == 404
    )
    assert (
        client.post(reverse("film_frame_delete", args=[cast.group_a.pk, frame.pk])).status_code
        == 404
    )
    assert (Shot.objects.count(), StoryboardFrame.objects.count()) == (1, 1)


@pytest.mark.parametrize("viewer", ["parent_a", "other_organizer"])
def test_families_and_other_workshops_find_nothing_to_delete(client, cast, viewer):
    shot = ShotFactory(film=cast.group_a.film)
    frame = add_frame(cast.group_a.film, caption="One")
    client.force_login(getattr(cast, viewer))
    assert (
        client.post(reverse("film_shot_delete", args=[cast.group_a.pk, shot.pk])).status_code == 404
    )
    assert (
        client.post(reverse("film_frame_delete", args=[cast.group_a.pk, frame.pk])).status_code
        == 404
    )
    assert (Shot.objects.count(), StoryboardFrame.objects.count()) == (1, 1)
