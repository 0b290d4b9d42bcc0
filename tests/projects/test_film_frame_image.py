"""A storyboard frame's picture (film_frame_image, and the new-frame form of film_storyboard):
from the phone, judged by its content, made by the photo pipeline (upright, no metadata),
kept in the private media storage and served only to those who read the film."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from projects.models import StoryboardFrame
from projects.services import add_frame, set_frame_image
from tests.projects.media_files import hostile, photo

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def storyboard_url(cast):
    return reverse("film_storyboard", args=[cast.group_a.pk])


def image_url(frame):
    return reverse("film_frame_image", args=[frame.film.group_id, frame.pk])


def test_a_frame_added_with_a_phone_photo_shows_it_upright_and_without_metadata(
    client, cast, media_backend
):
    client.force_login(cast.mentor_a)
    response = client.post(
        storyboard_url(cast), {"caption": "The lantern lights up", "image": hostile("gps.jpg")}
    )
    assert response.status_code == 302
    frame = StoryboardFrame.objects.get()
    assert frame.image.name.startswith(f"storyboard/{cast.group_a.film.pk}/")
    assert frame.image.name.endswith("/frame.jpg")
    assert frame.image.storage.exists(frame.image.name)
    with pytest.raises(ValueError, match="Private media has no public URL"):
        frame.image.url  # noqa: B018

    html = client.get(storyboard_url(cast)).text
    assert f'<img src="{image_url(frame)}"' in html
    assert "/media/" not in html

    client.force_login(cast.mentor_b)  # another group's mentor reads the storyboard
    served = client.get(image_url(frame))
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Cache-Control"] == "private, max-age=300"
    picture = Image.open(io.BytesIO(served.content))
    assert picture.size == (48, 64)  # turned upright by its orientation
    assert dict(picture.getexif()) == {} and "exif" not in picture.info
    assert b"Kachinko test camera" not in served.content


def test_a_family_and_another_workshop_never_get_the_picture(client, cast):
    frame = add_frame(cast.group_a.film, caption="Lantern", image=photo())
    for user in (cast.parent_a, cast.other_organizer):
        client.force_login(user)
        assert client.get(image_url(frame)).status_code == 404


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("text.jpg", "This file is not a photo (JPEG, PNG, WebP), a video (MP4, MOV)"),
        ("bomb.png", "This photo is far too large to open (too many pixels)."),
        ("truncated.jpg", "This photo is incomplete: the file was cut short."),
        ("broken.wav", "A frame takes a picture: a JPEG, PNG or WebP photo."),
    ],
)
def test_a_new_frame_with_a_refused_picture_is_not_added_and_says_why(client, cast, name, reason):
    client.force_login(cast.mentor_a)
    response = client.post(
        storyboard_url(cast), {"caption": "The kite", "image": hostile(name)}, **HTMX
    )
    assert response.status_code == 200
    assert response.context["form"].errors["image"][0].startswith(reason)
    assert 'id="frame-image-error"' in response.text
    assert StoryboardFrame.objects.count() == 0


def test_a_frame_takes_a_picture_later_and_a_new_one_replaces_it(
    client, cast, django_capture_on_commit_callbacks
):
    frame = add_frame(cast.group_a.film, caption="The kite")
    client.force_login(cast.organizer)
    response = client.post(
        image_url(frame), {"image": photo("kite.png", image_format="PNG")}, **HTMX
    )
    assert response.status_code == 200
    assert "The frame “The kite” has its picture." in response.text
    frame.refresh_from_db()
    first = frame.image.name
    with frame.image.open("rb") as picture:
        assert Image.open(picture).format == "JPEG"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(image_url(frame), {"image": photo(colour="red")})
    assert response["Location"] == storyboard_url(cast)
    frame.refresh_from_db()
    assert frame.image.name != first
    assert [frame.image.storage.exists(name) for name in (first, frame.image.name)] == [
        False,
        True,
    ]


def test_a_refused_picture_leaves_the_frame_as_it_was(client, cast):
    frame = add_frame(cast.group_a.film, caption="The kite", image=photo())
    kept = frame.image.name
    client.force_login(cast.mentor_a)
    response = client.post(image_url(frame), {"image": hostile("lying.png")}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "This photo is damaged and cannot be read."
    ]
    response = client.post(image_url(frame), {}, **HTMX)
    assert "Choose a picture for the frame." in response.text
    frame.refresh_from_db()
    assert frame.image.name == kept and frame.image.storage.exists(kept)


def test_a_picture_over_the_limit_is_refused(cast, settings):
    from projects.media import MediaRefused

    settings.KACHINKO_MEDIA_MAX_MB = 0
    frame = add_frame(cast.group_a.film, caption="The kite")
    with pytest.raises(MediaRefused, match="larger than 0 megabytes"):
        set_frame_image(frame, image=photo())
    frame.refresh_from_db()
    assert frame.image.name == ""


def test_another_mentor_cannot_change_the_picture(client, cast):
    frame = add_frame(cast.group_a.film, caption="The kite", image=photo())
    kept = frame.image.name
    client.force_login(cast.mentor_b)
    assert client.post(image_url(frame), {"image": photo(colour="red")}).status_code == 403
    frame.refresh_from_db()
    assert frame.image.name == kept


def test_a_frame_without_a_picture_or_of_another_film_is_404(client, cast):
    bare = add_frame(cast.group_a.film, caption="No picture yet")
    foreign = add_frame(cast.group_b.film, caption="Kite", image=photo())
    client.force_login(cast.organizer)
    assert client.get(image_url(bare)).status_code == 404
    through_a = reverse("film_frame_image", args=[cast.group_a.pk, foreign.pk])
    assert client.get(through_a).status_code == 404
    assert client.post(through_a, {"image": photo()}).status_code == 404


def test_deleting_a_frame_deletes_its_picture(client, cast, django_capture_on_commit_callbacks):
    frame = add_frame(cast.group_a.film, caption="The kite", image=photo())
    name, storage = frame.image.name, frame.image.storage
    client.force_login(cast.mentor_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("film_frame_delete", args=[cast.group_a.pk, frame.pk]))
    assert StoryboardFrame.objects.count() == 0
    assert storage.exists(name) is False


@pytest.mark.parametrize("size", [1, 3])
def test_the_storyboard_with_pictures_asks_as_many_queries_whatever_the_size(
    client, cast, django_assert_num_queries, size
):
    for n in range(size):
        add_frame(cast.group_a.film, caption=f"Frame {n}", image=photo())
    client.force_login(cast.mentor_a)
    with django_assert_num_queries(QUERIES):
        response = client.get(storyboard_url(cast))
    assert response.text.count('class="frame-picture"') == size


QUERIES = 8


def test_the_migration_moves_public_pictures_into_the_private_storage(cast, settings, tmp_path):
    import importlib

    from django.apps import apps

    from tests.projects.media_files import HOSTILE

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    (tmp_path / "storyboard").mkdir()
    (tmp_path / "storyboard" / "drawn.jpg").write_bytes((HOSTILE / "gps.jpg").read_bytes())
    (tmp_path / "storyboard" / "broken.jpg").write_bytes(b"not a picture")
    film = cast.group_a.film
    drawn, broken, bare = (
        StoryboardFrame.objects.create(film=film, position=n, caption=name, image=image)
        for n, name, image in [
            (1, "drawn", "storyboard/drawn.jpg"),
            (2, "broken", "storyboard/broken.jpg"),
            (3, "bare", ""),
        ]
    )
    migration = importlib.import_module("projects.migrations.0009_frame_pictures_and_review_reel")

    migration.move_pictures_to_private_media(apps, None)

    for frame in (drawn, broken, bare):
        frame.refresh_from_db()
    assert drawn.image.name.startswith(f"storyboard/{film.pk}/")
    with drawn.image.open("rb") as picture:
        image = Image.open(picture)
        assert (image.size, dict(image.getexif())) == ((48, 64), {})
    assert (broken.image.name, bare.image.name) == ("", "")
    assert sorted(path.name for path in (tmp_path / "storyboard").iterdir()) == []


def test_the_admin_links_a_frames_picture_and_offers_no_file_input(admin_client, cast):
    frame = add_frame(cast.group_a.film, caption="The kite", image=photo())
    response = admin_client.get(reverse("admin:projects_storyboardframe_change", args=[frame.pk]))
    assert response.status_code == 200
    assert f'<a href="{image_url(frame)}">{frame.image.name}</a>' in response.text
    assert 'type="file"' not in response.text
    assert admin_client.get(image_url(frame)).status_code == 200
