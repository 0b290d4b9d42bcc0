"""The media pages: a group's upload page and gallery (group_media), an asset's card that
follows its state (media_asset), its files (media_file) and a child's photos (child_media)."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from projects.models import MediaAsset
from projects.services import process_media, upload_media
from tests.projects.media_files import hostile, photo, ready_photo
from workshop.models import Participant

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def media_url(cast):
    return reverse("group_media", args=[cast.group_a.pk])


def file_url(asset, rendition):
    return reverse("media_file", args=[asset.pk, rendition])


# --- Uploading ---------------------------------------------------------------------------------


def test_a_mentor_uploads_several_files_at_once_without_the_script(client, cast):
    client.force_login(cast.mentor_a)
    response = client.post(
        media_url(cast),
        {
            "files": [photo("one.jpg"), photo("two.png", image_format="PNG"), hostile("text.jpg")],
            "children": [cast.child_a1.pk, cast.child_a2.pk],
        },
        follow=True,
    )
    assert response.redirect_chain == [(media_url(cast), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "text.jpg: This file is not a photo (JPEG, PNG, WebP), a video (MP4, MOV) or a sound "
        "(WAV, MP3, M4A).",
        "2 files are uploaded; they are being processed.",
    ]
    assets = MediaAsset.objects.order_by("pk")
    assert [(a.original_name, a.content_type, a.state) for a in assets] == [
        ("one.jpg", "image/jpeg", "queued"),
        ("two.png", "image/png", "queued"),
    ]
    assert [sorted(c.pk for c in a.children.all()) for a in assets] == [
        sorted([cast.child_a1.pk, cast.child_a2.pk])
    ] * 2


def test_one_file_sent_by_the_script_answers_its_card_which_polls_until_settled(client, cast):
    client.force_login(cast.organizer)
    response = client.post(
        media_url(cast), {"files": photo("take.jpg"), "children": [cast.child_a1.pk]}, **HTMX
    )
    assert response.status_code == 201
    asset = MediaAsset.objects.get()
    html = response.content.decode()
    assert f'id="asset-{asset.pk}"' in html
    assert f'hx-get="{reverse("media_asset", args=[asset.pk])}" hx-trigger="every 2s"' in html
    assert "Waiting" in html

    process_media(asset.pk)
    card = client.get(reverse("media_asset", args=[asset.pk]), **HTMX).content.decode()
    assert "hx-trigger" not in card
    assert "Ready" in card and file_url(asset, "thumbnail") in card


def test_a_refused_file_sent_by_the_script_answers_its_reason_and_stores_nothing(client, cast):
    client.force_login(cast.mentor_a)
    response = client.post(media_url(cast), {"files": hostile("bomb.png")}, **HTMX)
    assert response.status_code == 422
    assert response.content.decode() == (
        '<p class="text-danger mb-0">This photo is far too large to open (too many pixels).</p>'
    )
    assert MediaAsset.objects.count() == 0


def test_a_file_over_the_limit_is_refused_with_the_limit(client, cast, settings):
    settings.KACHINKO_MEDIA_MAX_MB = 0
    client.force_login(cast.mentor_a)
    response = client.post(media_url(cast), {"files": photo()}, **HTMX)
    assert response.status_code == 422
    assert "larger than 0 megabytes, the most accepted" in response.content.decode()
    assert MediaAsset.objects.count() == 0


def test_no_file_is_named_and_nothing_stored(client, cast):
    client.force_login(cast.mentor_a)
    response = client.post(media_url(cast), {"children": [cast.child_a1.pk]})
    assert response.status_code == 200
    assert "Choose at least one file to upload." in response.content.decode()
    assert MediaAsset.objects.count() == 0


def test_a_child_of_another_group_cannot_be_tagged(client, cast):
    client.force_login(cast.mentor_a)
    response = client.post(media_url(cast), {"files": photo(), "children": [cast.child_b1.pk]})
    assert response.status_code == 200
    assert "Choose children of this group." in response.content.decode()
    assert MediaAsset.objects.count() == 0


def test_the_page_offers_the_camera_the_picker_and_the_groups_children(client, cast):
    client.force_login(cast.mentor_a)
    html = client.get(media_url(cast)).content.decode()
    assert 'capture="environment"' in html
    assert 'multiple\n                 accept="image/*,video/*,audio/*"' in html
    assert f'value="{cast.child_a1.pk}"' in html and f'value="{cast.child_b1.pk}"' not in html


def test_the_page_names_the_children_in_no_photo_today(client, cast):
    ready_photo(cast.group_a, by=cast.mentor_a, children=[cast.child_a1])
    client.force_login(cast.mentor_a)
    response = client.get(media_url(cast))
    assert [child.pk for child in response.context["without_photo"]] == [cast.child_a2.pk]


# --- Serving -----------------------------------------------------------------------------------


def test_a_rendition_is_served_with_its_true_type_privately_and_without_metadata(
    client, cast, media_backend
):
    asset = upload_media(
        cast.group_a, file=hostile("gps.jpg"), by=cast.mentor_a, children=[cast.child_a1]
    )
    process_media(asset.pk)
    client.force_login(cast.parent_a)
    response = client.get(file_url(asset, "display"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, max-age=300"
    image = Image.open(io.BytesIO(response.content))
    assert dict(image.getexif()) == {} and "exif" not in image.info


def test_an_original_is_for_staff_only(client, cast, media_backend):
    asset = ready_photo(cast.group_a, by=cast.mentor_a, children=[cast.child_a1])
    client.force_login(cast.parent_a)
    assert client.get(file_url(asset, "thumbnail")).status_code == 200
    assert client.get(file_url(asset, "original")).status_code == 404

    client.force_login(cast.mentor_a)
    response = client.get(file_url(asset, "original"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == 'attachment; filename="original.jpg"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_an_unknown_rendition_or_a_missing_one_is_404(client, cast):
    asset = upload_media(cast.group_a, file=photo(), by=cast.mentor_a)
    client.force_login(cast.mentor_a)
    assert client.get(file_url(asset, "thumbnail")).status_code == 404  # not processed yet
    assert client.get(file_url(asset, "secret")).status_code == 404


def test_a_photo_with_a_child_without_consent_is_404_to_the_other_family(client, cast):
    withheld = ready_photo(cast.group_a, by=cast.mentor_a, children=[cast.child_a1, cast.child_a2])
    Participant.objects.filter(pk=cast.child_a2.pk).update(media_consent="none")
    client.force_login(cast.parent_a)
    assert client.get(file_url(withheld, "thumbnail")).status_code == 404
    assert client.get(reverse("media_asset", args=[withheld.pk])).status_code == 404
    client.force_login(cast.mentor_a)
    assert client.get(file_url(withheld, "thumbnail")).status_code == 200


def test_a_family_sees_its_childs_photos_and_not_one_withheld_by_consent(client, cast):
    shown = ready_photo(cast.group_a, by=cast.mentor_a, children=[cast.child_a1])
    withheld = ready_photo(cast.group_a, by=cast.mentor_a, children=[cast.child_a1, cast.child_a2])
    ready_photo(cast.group_a, by=cast.mentor_a, children=[cast.child_a2])
    Participant.objects.filter(pk=cast.child_a2.pk).update(media_consent="workshop")
    client.force_login(cast.parent_a)
    response = client.get(reverse("child_media", args=[cast.child_a1.pk]))
    assert [photo.pk for photo in response.context["photos"]] == [shown.pk]
    html = response.content.decode()
    assert file_url(shown, "thumbnail") in html and file_url(withheld, "thumbnail") not in html
    assert "Photos" in client.get(reverse("participant", args=[cast.child_a1.pk])).text


def test_a_familys_gallery_counts_the_other_children_in_a_photo_and_names_none(client, cast):
    ready_photo(cast.group_a, by=cast.mentor_a, children=[cast.child_a1, cast.child_a2])
    other = cast.child_a2.given_name
    assert other != cast.child_a1.given_name
    client.force_login(cast.parent_a)

    html = client.get(reverse("child_media", args=[cast.child_a1.pk])).text

    assert "with 1 other child" in html
    assert other not in html


# --- Query counts ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 3])
def test_the_media_page_asks_as_many_queries_whatever_the_size(
    client, cast, django_assert_num_queries, size
):
    for _ in range(size):
        ready_photo(cast.group_a, by=cast.mentor_a, children=[cast.child_a1, cast.child_a2])
    client.force_login(cast.mentor_a)
    with django_assert_num_queries(11):
        assert client.get(media_url(cast)).status_code == 200


@pytest.mark.parametrize("size", [1, 3])
def test_a_childs_photos_ask_as_many_queries_whatever_the_size(
    client, cast, django_assert_num_queries, size
):
    for _ in range(size):
        ready_photo(cast.group_a, by=cast.mentor_a, children=[cast.child_a1, cast.child_a2])
    client.force_login(cast.parent_a)
    with django_assert_num_queries(8):
        assert client.get(reverse("child_media", args=[cast.child_a1.pk])).status_code == 200


def test_a_waveform_is_served_as_png_and_a_clips_original_with_its_type(
    client, cast, media_backend
):
    from tests.projects.media_files import clip, wav

    sound = upload_media(cast.group_a, file=wav(), by=cast.mentor_a)
    take = upload_media(cast.group_a, file=clip("take.mov", container="mov"), by=cast.mentor_a)
    process_media(sound.pk)
    process_media(take.pk)
    client.force_login(cast.mentor_a)
    assert client.get(file_url(sound, "display"))["Content-Type"] == "image/png"
    assert client.get(file_url(take, "thumbnail"))["Content-Type"] == "image/jpeg"
    original = client.get(file_url(take, "original"))
    assert original["Content-Type"] == "video/quicktime"
    assert original["Content-Disposition"] == 'attachment; filename="original.mov"'
    b"".join(original.streaming_content)
    html = client.get(media_url(cast)).content.decode()
    assert "0:00:02" in html and "0:00:03" in html


def test_a_familys_page_shows_photos_not_clips(client, cast):
    from tests.projects.media_files import clip

    take = upload_media(cast.group_a, file=clip(), by=cast.mentor_a, children=[cast.child_a1])
    process_media(take.pk)
    shown = ready_photo(cast.group_a, by=cast.mentor_a, children=[cast.child_a1])
    client.force_login(cast.parent_a)
    response = client.get(reverse("child_media", args=[cast.child_a1.pk]))
    assert [photo.pk for photo in response.context["photos"]] == [shown.pk]


def test_a_mentor_deletes_a_photo_and_its_files(
    client, cast, django_capture_on_commit_callbacks, media_backend
):
    asset = ready_photo(cast.group_a, by=cast.mentor_a, children=[cast.child_a1])
    storage = asset.original.storage
    names = [asset.original.name, asset.thumbnail.name, asset.display.name]
    client.force_login(cast.mentor_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("media_delete", args=[asset.pk]), **HTMX)
    assert (response.status_code, response.content) == (200, b"")
    assert MediaAsset.objects.count() == 0
    assert [storage.exists(name) for name in names] == [False, False, False]


def test_a_family_who_sees_a_photo_cannot_delete_it(client, cast, media_backend):
    asset = ready_photo(cast.group_a, by=cast.mentor_a, children=[cast.child_a1])
    client.force_login(cast.parent_a)
    assert client.post(reverse("media_delete", args=[asset.pk])).status_code == 403
    assert MediaAsset.objects.count() == 1
    assert asset.original.storage.exists(asset.original.name)
