"""Media from the set: what a file is (by content), its renditions (upright, no metadata),
the hostile corpus, the worker's claim, and who sees what (MediaAsset.objects.visible_to).

The hostile corpus in tests/projects/hostile/, each file a few bytes to a few kilobytes:
bomb.png declares 100,000 x 100,000 pixels (Pillow refuses it on opening);
warning-bomb.png declares 90 megapixels, just over Pillow's limit (Pillow only warns);
truncated.jpg is a real JPEG cut in half; text.jpg is a letter named .jpg; lying.png is the
PNG signature followed by nonsense; broken.mp4 and broken.wav have the first bytes of an MP4
and a WAV and nothing of either after them; gps.jpg is a real photo with a GPS position, a camera
name, an orientation, an ICC profile and a comment, all of which must be gone."""

import datetime
import io

import pytest
from PIL import Image, ImageOps

from projects.media import MediaRefused, judge, photo_renditions
from projects.models import MediaAsset
from projects.services import process_media, upload_media
from tests.projects.media_files import HOSTILE, clip, hostile, photo, upload, wav
from workshop.models import Participant
from workshop.services import record_consent

MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 40
MOV = b"\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00qt  " + b"\x00" * 40
M4A = b"\x00\x00\x00\x1cftypM4A \x00\x00\x00\x00M4A mp42isom" + b"\x00" * 40
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 40
MP3_ID3 = b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\x00" * 40
MP3_FRAME = b"\xff\xfb\x90\x64" + b"\x00" * 60


# --- Judged by content ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind", "content_type"),
    [
        (MP4, "video", "video/mp4"),
        (MOV, "video", "video/quicktime"),
        (M4A, "sound", "audio/mp4"),
        (WAV, "sound", "audio/wav"),
        (MP3_ID3, "sound", "audio/mpeg"),
        (MP3_FRAME, "sound", "audio/mpeg"),
    ],
)
def test_clips_and_sound_are_known_by_their_first_bytes(data, kind, content_type):
    judged = judge(io.BytesIO(data))
    assert (judged.kind, judged.content_type) == (kind, content_type)


@pytest.mark.parametrize(
    ("image_format", "content_type"),
    [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp")],
)
def test_photos_are_known_by_their_content_whatever_their_name(image_format, content_type):
    file = photo("holiday.mp3", image_format=image_format)
    judged = judge(file)
    assert (judged.kind, judged.content_type) == ("photo", content_type)
    assert file.tell() == 0


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("text.jpg", "This file is not a photo (JPEG, PNG, WebP), a video (MP4, MOV)"),
        ("lying.png", "This photo is damaged and cannot be read."),
        ("bomb.png", "This photo is far too large to open (too many pixels)."),
        ("warning-bomb.png", "This photo is far too large to open (too many pixels)."),
    ],
)
def test_a_hostile_file_is_refused_on_upload_with_its_reason(name, reason):
    with pytest.raises(MediaRefused) as refused:
        judge(hostile(name))
    assert str(refused.value).startswith(reason)


def test_a_gif_is_refused_though_pillow_reads_it():
    image = io.BytesIO()
    Image.new("RGB", (10, 10)).save(image, "GIF")
    with pytest.raises(MediaRefused, match=r"^This file is not a photo \(JPEG, PNG, WebP\)"):
        judge(image)


# --- Renditions ------------------------------------------------------------------------------


def test_renditions_are_upright_sized_and_carry_no_metadata():
    with Image.open(HOSTILE / "gps.jpg") as original:
        assert original.getexif().get_ifd(0x8825) != {}  # the corpus file has a GPS position

    renditions = photo_renditions(io.BytesIO((HOSTILE / "gps.jpg").read_bytes()))

    # 64 x 48 turned a quarter by its orientation: 48 wide, 64 high.
    assert (renditions.width, renditions.height) == (48, 64)
    for data in (renditions.thumbnail, renditions.display):
        image = Image.open(io.BytesIO(data))
        assert image.size == (48, 64)
        assert dict(image.getexif()) == {}
        assert sorted(set(image.info) & {"exif", "icc_profile", "xmp", "comment", "dpi"}) == []
        assert b"Kachinko test camera" not in data and b"taken at home" not in data


@pytest.mark.parametrize("orientation", [1, 2, 3, 4, 5, 6, 7, 8])
def test_every_orientation_is_made_upright_as_pillow_would(orientation):
    """A red corner, top left as stored, ends where ImageOps.exif_transpose puts it."""
    image = Image.new("RGB", (3200, 2400), "white")
    image.paste((255, 0, 0), (0, 0, 800, 600))
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    upright = ImageOps.exif_transpose(Image.open(io.BytesIO(out.getvalue())))

    renditions = photo_renditions(io.BytesIO(out.getvalue()))

    display = Image.open(io.BytesIO(renditions.display))
    assert (renditions.width, renditions.height) == upright.size
    assert display.size == (upright.width // 2, upright.height // 2)
    corners = [(0, 0), (upright.width - 1, 0), (0, upright.height - 1), upright.size]
    red = [
        upright.getpixel((min(x, upright.width - 1), min(y, upright.height - 1)))
        for x, y in corners
    ]
    ours = [
        display.getpixel((min(x // 2, display.width - 1), min(y // 2, display.height - 1)))
        for x, y in corners
    ]
    assert [pixel[1] < 50 for pixel in ours] == [pixel[1] < 50 for pixel in red]


def test_a_large_photo_gets_a_400_and_a_1600_pixel_rendition():
    renditions = photo_renditions(photo(size=(4000, 3000)))
    assert (renditions.width, renditions.height) == (4000, 3000)
    assert Image.open(io.BytesIO(renditions.display)).size == (1600, 1200)
    assert Image.open(io.BytesIO(renditions.thumbnail)).size == (400, 300)


def test_a_transparent_png_is_laid_on_white():
    image = Image.new("RGBA", (20, 10), (255, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    renditions = photo_renditions(io.BytesIO(out.getvalue()))
    assert Image.open(io.BytesIO(renditions.display)).getpixel((5, 5)) == (255, 255, 255)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("bomb.png", "This photo is far too large to open (too many pixels)."),
        ("warning-bomb.png", "This photo is far too large to open (too many pixels)."),
        ("truncated.jpg", "This photo is incomplete: the file was cut short."),
        ("text.jpg", "This file is not a photo that can be read."),
        ("lying.png", "This photo is damaged and cannot be read."),
    ],
)
def test_the_hostile_corpus_fails_with_its_reason(name, reason):
    with pytest.raises(MediaRefused) as refused:
        photo_renditions(io.BytesIO((HOSTILE / name).read_bytes()))
    assert str(refused.value) == reason


# --- Upload and processing --------------------------------------------------------------------


@pytest.fixture
def group(cast):
    return cast.group_a


def stored_files(asset) -> list[str]:
    return [f.name for f in (asset.original, asset.thumbnail, asset.display) if f]


@pytest.mark.django_db
def test_an_upload_is_stored_queued_and_named_by_its_content(cast, group, media_backend):
    asset = upload_media(
        group, file=photo("IMG_0001.mp3"), by=cast.mentor_a, children=[cast.child_a1]
    )
    asset.refresh_from_db()
    assert (asset.kind, asset.content_type, asset.state) == ("photo", "image/jpeg", "queued")
    assert asset.original.name == f"groups/{group.pk}/{asset.key}/original.jpg"
    assert asset.original_name == "IMG_0001.mp3"
    assert list(asset.children.all()) == [cast.child_a1]
    assert asset.original.storage.exists(asset.original.name)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["text.jpg", "lying.png", "bomb.png"])
def test_a_refused_upload_stores_nothing(cast, group, name):
    with pytest.raises(MediaRefused):
        upload_media(group, file=hostile(name), by=cast.mentor_a)
    assert MediaAsset.objects.count() == 0


@pytest.mark.django_db
def test_a_file_over_the_limit_is_refused_and_nothing_stored(cast, group, settings):
    settings.KACHINKO_MEDIA_MAX_MB = 1
    big = upload("big.wav", WAV + b"\x00" * (1024 * 1024))
    with pytest.raises(MediaRefused, match="larger than 1 megabyte, the most accepted"):
        upload_media(group, file=big, by=cast.mentor_a)
    assert MediaAsset.objects.count() == 0


@pytest.mark.django_db
def test_processing_makes_the_renditions_once(cast, group, media_backend):
    asset = upload_media(group, file=hostile("gps.jpg"), by=cast.mentor_a)
    process_media(asset.pk)
    asset.refresh_from_db()
    assert (asset.state, asset.failure_reason, asset.width, asset.height) == ("ready", "", 48, 64)
    first = stored_files(asset)
    assert first == [
        f"groups/{group.pk}/{asset.key}/original.jpg",
        f"groups/{group.pk}/{asset.key}/thumbnail.jpg",
        f"groups/{group.pk}/{asset.key}/display.jpg",
    ]
    with asset.display.open("rb") as display:
        image = Image.open(display)
        assert dict(image.getexif()) == {} and "exif" not in image.info

    process_media(asset.pk)
    asset.refresh_from_db()
    assert (asset.state, stored_files(asset)) == ("ready", first)
    assert sorted(asset.original.storage.listdir(f"groups/{group.pk}/{asset.key}")[1]) == [
        "display.jpg",
        "original.jpg",
        "thumbnail.jpg",
    ]


@pytest.mark.django_db
def test_an_asset_being_processed_is_not_claimed_twice(cast, group):
    asset = upload_media(group, file=photo(), by=cast.mentor_a)
    MediaAsset.objects.filter(pk=asset.pk).update(state="processing")
    process_media(asset.pk)
    asset.refresh_from_db()
    assert (asset.state, asset.thumbnail.name) == ("processing", "")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("truncated.jpg", "This photo is incomplete: the file was cut short."),
        ("warning-bomb.png", "This photo is far too large to open (too many pixels)."),
    ],
)
def test_a_hostile_file_fails_with_a_reason_a_mentor_can_read(
    cast, group, media_backend, name, reason
):
    asset = MediaAsset.objects.create(
        group=group, key="k", kind="photo", content_type="image/jpeg", original_name=name
    )
    asset.original.save(name, hostile(name))
    process_media(asset.pk)
    asset.refresh_from_db()
    assert (asset.state, asset.failure_reason) == ("failed", reason)
    assert (asset.thumbnail.name, asset.display.name) == ("", "")


@pytest.mark.django_db
def test_a_missing_original_fails_the_asset_and_does_not_raise(cast, group):
    asset = MediaAsset.objects.create(
        group=group, key="k", kind="photo", content_type="image/jpeg", original="gone.jpg"
    )
    process_media(asset.pk)
    asset.refresh_from_db()
    assert (asset.state, asset.failure_reason) == (
        "failed",
        "This file could not be processed. Try uploading it again.",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("container", "content_type"), [("mp4", "video/mp4"), ("mov", "video/quicktime")]
)
def test_a_clip_gets_its_duration_size_and_a_poster_without_metadata(
    cast, group, container, content_type, media_backend
):
    asset = upload_media(
        group, file=clip(f"take.{container}", container=container), by=cast.mentor_a
    )
    process_media(asset.pk)
    asset.refresh_from_db()
    assert (asset.kind, asset.content_type, asset.state) == ("video", content_type, "ready")
    assert (asset.width, asset.height, asset.duration) == (64, 48, datetime.timedelta(seconds=3))
    assert asset.thumbnail.name.endswith("/thumbnail.jpg")
    with asset.display.open("rb") as poster:
        image = Image.open(poster)
        assert (image.format, image.size) == ("JPEG", (64, 48))
        assert dict(image.getexif()) == {}


@pytest.mark.django_db
def test_a_sound_gets_its_duration_and_a_waveform(cast, group, media_backend):
    asset = upload_media(group, file=wav(seconds=2), by=cast.mentor_a)
    process_media(asset.pk)
    asset.refresh_from_db()
    assert (asset.kind, asset.content_type, asset.state) == ("sound", "audio/wav", "ready")
    assert asset.duration == datetime.timedelta(seconds=2)
    with asset.display.open("rb") as waveform:
        image = Image.open(waveform)
        assert (image.format, image.size) == ("PNG", (1600, 400))
        assert image.getpixel((1590, 200)) == (28, 126, 214)  # loud at the end
        assert image.getpixel((1590, 5)) == (255, 255, 255)
    with asset.thumbnail.open("rb") as waveform:
        assert Image.open(waveform).size == (400, 100)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("broken.mp4", "This clip has no picture."),
        ("broken.wav", "This sound is damaged or not a sound that can be read."),
    ],
)
def test_a_broken_clip_or_sound_fails_with_its_reason(cast, group, media_backend, name, reason):
    asset = upload_media(group, file=hostile(name), by=cast.mentor_a)
    process_media(asset.pk)
    asset.refresh_from_db()
    assert (asset.state, asset.failure_reason, asset.display.name) == ("failed", reason, "")


# --- Who sees what ----------------------------------------------------------------------------


def ready_photo(group, *, by, children):
    asset = upload_media(group, file=photo(), by=by, children=children)
    process_media(asset.pk)
    return asset


def visible_ids(user) -> set[int]:
    return set(MediaAsset.objects.visible_to(user).values_list("pk", flat=True))


@pytest.mark.django_db
def test_staff_see_their_groups_media_and_families_their_childrens_with_consent(cast):
    a1 = ready_photo(cast.group_a, by=cast.mentor_a, children=[cast.child_a1])
    a1_a2 = ready_photo(cast.group_a, by=cast.mentor_a, children=[cast.child_a1, cast.child_a2])
    untagged = ready_photo(cast.group_a, by=cast.mentor_a, children=[])
    b2 = ready_photo(cast.group_b, by=cast.mentor_b, children=[cast.child_b2])
    x = ready_photo(cast.group_x, by=cast.other_organizer, children=[cast.child_x])

    assert visible_ids(cast.organizer) == {a1.pk, a1_a2.pk, untagged.pk, b2.pk}
    assert visible_ids(cast.mentor_a) == {a1.pk, a1_a2.pk, untagged.pk}
    assert visible_ids(cast.mentor_b) == {b2.pk}
    assert visible_ids(cast.other_organizer) == {x.pk}
    assert visible_ids(cast.parent_a) == {a1.pk, a1_a2.pk}
    assert visible_ids(cast.parent_two) == {a1_a2.pk}
    assert visible_ids(cast.outsider_parent) == {x.pk}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "consent",
    [
        Participant.MediaConsent.NOT_ASKED,
        Participant.MediaConsent.NONE,
        Participant.MediaConsent.WORKSHOP,
    ],
)
def test_a_child_without_family_consent_is_never_in_another_familys_view(cast, consent):
    both = ready_photo(cast.group_a, by=cast.mentor_a, children=[cast.child_a1, cast.child_a2])
    alone = ready_photo(cast.group_a, by=cast.mentor_a, children=[cast.child_a1])
    assert visible_ids(cast.parent_a) == {both.pk, alone.pk}

    Participant.objects.filter(pk=cast.child_a2.pk).update(media_consent=consent)

    assert visible_ids(cast.parent_a) == {alone.pk}
    assert visible_ids(cast.parent_two) == set()
    assert visible_ids(cast.mentor_a) == {both.pk, alone.pk}


@pytest.mark.django_db
def test_consent_withdrawn_through_the_record_hides_the_photo(cast):
    shown = ready_photo(cast.group_a, by=cast.mentor_a, children=[cast.child_a1])
    assert visible_ids(cast.parent_a) == {shown.pk}
    record_consent(cast.child_a1, media_consent="none", by=cast.organizer)
    assert visible_ids(cast.parent_a) == set()


@pytest.mark.django_db
def test_families_see_only_processed_photos_of_a_published_workshop(cast):
    queued = upload_media(cast.group_a, file=photo(), by=cast.mentor_a, children=[cast.child_a1])
    failed = MediaAsset.objects.create(
        group=cast.group_a,
        key="f",
        kind="photo",
        content_type="image/jpeg",
        state="failed",
        failure_reason="broken",
    )
    failed.children.set([cast.child_a1])
    clip = upload_media(
        cast.group_a, file=upload("take.mp4", MP4), by=cast.mentor_a, children=[cast.child_a1]
    )
    process_media(clip.pk)
    shown = ready_photo(cast.group_a, by=cast.mentor_a, children=[cast.child_a1])
    assert visible_ids(cast.mentor_a) == {queued.pk, failed.pk, clip.pk, shown.pk}
    assert visible_ids(cast.parent_a) == {shown.pk}

    cast.workshop.is_published = False
    cast.workshop.save()
    assert visible_ids(cast.parent_a) == set()


def test_a_truncated_photo_fails_even_where_another_library_lets_pillow_load_them(monkeypatch):
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # as WeasyPrint does
    with pytest.raises(MediaRefused, match="This photo is incomplete"):
        photo_renditions(io.BytesIO((HOSTILE / "truncated.jpg").read_bytes()))
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True


# --- A real worker -----------------------------------------------------------------------------


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_makes_the_renditions_and_keeps_serving_after_hostile_files(
    celery_worker, media_backend
):
    from projects.tasks import process_media as process_media_task
    from tests.conftest import make_cast
    from tests.workshop.test_tasks import wait_for

    cast = make_cast()
    group, mentor = cast.group_a, cast.mentor_a
    # Truncated: passes the upload's check (its header is a JPEG's), fails in the worker.
    truncated = upload_media(group, file=hostile("truncated.jpg"), by=mentor)
    # Too many pixels, put in storage behind the upload's back.
    bomb = MediaAsset.objects.create(group=group, key="b", kind="photo", content_type="image/png")
    bomb.original.save("original.png", hostile("warning-bomb.png"))
    process_media_task.delay(bomb.pk)
    photos = [
        upload_media(group, file=photo(f"{n}.jpg", size=(2000, 1500)), by=mentor) for n in range(3)
    ]
    assets = [truncated, bomb, *photos]

    def settled():
        states = MediaAsset.objects.filter(pk__in=[a.pk for a in assets]).values_list(
            "state", flat=True
        )
        return all(state in ("ready", "failed") for state in states)

    assert wait_for(settled, timeout=60)
    found = {a.pk: a for a in MediaAsset.objects.filter(pk__in=[a.pk for a in assets])}
    assert [(found[a.pk].state, found[a.pk].failure_reason) for a in assets] == [
        ("failed", "This photo is incomplete: the file was cut short."),
        ("failed", "This photo is far too large to open (too many pixels)."),
        ("ready", ""),
        ("ready", ""),
        ("ready", ""),
    ]
    for asset in photos:
        with found[asset.pk].display.open("rb") as display:
            image = Image.open(display)
            assert image.size == (1600, 1200)
            assert dict(image.getexif()) == {} and "exif" not in image.info


@pytest.mark.django_db
def test_an_asset_whose_worker_died_is_claimed_again_after_the_time_limit(cast, group, settings):
    from django.utils import timezone

    asset = upload_media(group, file=photo(), by=cast.mentor_a)
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 1)
    MediaAsset.objects.filter(pk=asset.pk).update(state="processing", processing_since=long_ago)
    process_media(asset.pk)
    asset.refresh_from_db()
    assert (asset.state, asset.width) == ("ready", 800)


@pytest.mark.django_db
def test_the_reason_is_stored_in_english_whoever_runs_the_task(cast, group):
    from django.utils import translation

    asset = upload_media(group, file=hostile("broken.wav"), by=cast.mentor_a)
    with translation.override("fr"):
        process_media(asset.pk)
    asset.refresh_from_db()
    assert asset.failure_reason == "This sound is damaged or not a sound that can be read."
