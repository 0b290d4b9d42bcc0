"""A group's review reel (projects/reel_views.py): its clips in order, notes at a time in
each, and the retake checklist. For the group's mentors and the workshop's organizers; 404 to
everyone else, other mentors included (the clips are the group's media)."""

import datetime

import pytest
from django.urls import reverse

from projects.models import ReelClip, ReelNote
from projects.services import add_reel_clip, add_reel_note, process_media, upload_media
from tests.projects.media_files import clip, photo

pytestmark = pytest.mark.django_db


def ready_clip(group, *, by, name="take.mp4", seconds=3):
    asset = upload_media(group, file=clip(name, seconds=seconds), by=by)
    process_media(asset.pk)
    asset.refresh_from_db()
    return asset


def reel_url(cast):
    return reverse("film_reel", args=[cast.group_a.pk])


def clip_url(reel_clip):
    return reverse("film_reel_clip", args=[reel_clip.film.group_id, reel_clip.pk])


def test_a_mentor_builds_the_reel_from_the_groups_processed_clips(client, cast):
    first = ready_clip(cast.group_a, by=cast.mentor_a, name="scene1.mp4")
    second = ready_clip(cast.group_a, by=cast.mentor_a, name="scene2.mp4")
    upload_media(cast.group_a, file=photo(), by=cast.mentor_a)  # a photo is not offered
    upload_media(cast.group_a, file=clip("waiting.mp4"), by=cast.mentor_a)  # nor a queued one
    ready_clip(cast.group_b, by=cast.mentor_b, name="kite.mp4")  # nor another group's
    client.force_login(cast.mentor_a)
    page = client.get(reel_url(cast))
    assert [asset.pk for asset in page.context["clip_form"].fields["asset"].queryset] == [
        first.pk,
        second.pk,
    ]

    for asset in (second, first):
        assert client.post(reel_url(cast), {"asset": asset.pk}).status_code == 302
    clips = list(ReelClip.objects.order_by("position"))
    assert [(c.asset_id, c.position) for c in clips] == [(second.pk, 1), (first.pk, 2)]

    response = client.post(clip_url(clips[1]), {"direction": "up"})
    assert response["Location"] == f"{reel_url(cast)}#clip-{clips[1].pk}"
    assert list(ReelClip.objects.order_by("position").values_list("asset_id", flat=True)) == [
        first.pk,
        second.pk,
    ]
    html = client.get(reel_url(cast)).text
    assert html.index("scene1.mp4") < html.index("scene2.mp4")
    assert "Every processed clip of the group is in the reel." in html


@pytest.mark.parametrize(
    ("asset", "error"),
    [
        ("", "Choose a clip."),
        ("photo", "Choose one of this group&#x27;s clips that is not in the reel."),
        ("other", "Choose one of this group&#x27;s clips that is not in the reel."),
        ("twice", "Choose one of this group&#x27;s clips that is not in the reel."),
    ],
)
def test_a_clip_that_cannot_join_the_reel_is_refused_and_nothing_changes(
    client, cast, asset, error
):
    mine = ready_clip(cast.group_a, by=cast.mentor_a)
    add_reel_clip(cast.group_a.film, asset=mine)
    ready_clip(cast.group_a, by=cast.mentor_a, name="free.mp4")
    picture = upload_media(cast.group_a, file=photo(), by=cast.mentor_a)
    process_media(picture.pk)
    other = ready_clip(cast.group_b, by=cast.mentor_b)
    value = {"": "", "photo": picture.pk, "other": other.pk, "twice": mine.pk}[asset]
    client.force_login(cast.mentor_a)
    response = client.post(reel_url(cast), {"asset": value})
    assert response.status_code == 200
    assert error in response.text
    assert ReelClip.objects.count() == 1


def test_notes_at_a_time_and_the_retake_checklist(client, cast):
    reel_clip = add_reel_clip(cast.group_a.film, asset=ready_clip(cast.group_a, by=cast.mentor_a))
    prefix = f"clip-{reel_clip.pk}"
    client.force_login(cast.organizer)
    client.post(clip_url(reel_clip), {f"{prefix}-at": "0:02", f"{prefix}-text": "Boom in shot",
                                      f"{prefix}-is_retake": "on"})  # fmt: skip
    client.post(clip_url(reel_clip), {f"{prefix}-at": "0:01", f"{prefix}-text": "Lovely light"})
    notes = list(ReelNote.objects.order_by("at"))
    assert [(n.time_code, n.text, n.is_retake, n.author) for n in notes] == [
        ("0:01", "Lovely light", False, cast.organizer),
        ("0:02", "Boom in shot", True, cast.organizer),
    ]
    page = client.get(reel_url(cast))
    assert [(c.pk, n.text) for c, n in page.context["retakes"]] == [(reel_clip.pk, "Boom in shot")]
    assert page.context["retakes_left"] == 1

    retake_url = reverse("film_reel_retake", args=[cast.group_a.pk, notes[1].pk])
    response = client.post(retake_url, {"retaken": "1"})
    assert response["Location"] == f"{reel_url(cast)}#retakes"
    notes[1].refresh_from_db()
    assert notes[1].retaken is True
    assert client.get(reel_url(cast)).context["retakes_left"] == 0
    not_a_retake = reverse("film_reel_retake", args=[cast.group_a.pk, notes[0].pk])
    assert client.post(not_a_retake, {"retaken": "1"}).status_code == 404


@pytest.mark.parametrize(
    ("at", "text", "error"),
    [
        ("", "Boom", "Say when in the clip, as m:ss."),
        ("12s", "Boom", "Write the time as minutes and seconds, such as 0:42."),
        ("0:75", "Boom", "Write the time as minutes and seconds, such as 0:42."),
        ("0:04", "Boom", "This clip lasts only 0:03."),
        ("0:01", "", "Write the note."),
    ],
)
def test_a_note_that_is_not_right_says_why_and_is_not_kept(client, cast, at, text, error):
    reel_clip = add_reel_clip(cast.group_a.film, asset=ready_clip(cast.group_a, by=cast.mentor_a))
    prefix = f"clip-{reel_clip.pk}"
    client.force_login(cast.mentor_a)
    response = client.post(clip_url(reel_clip), {f"{prefix}-at": at, f"{prefix}-text": text})
    assert response.status_code == 200
    assert error in response.text
    assert ReelNote.objects.count() == 0


def test_taking_a_clip_out_keeps_the_clip_in_the_media(client, cast):
    asset = ready_clip(cast.group_a, by=cast.mentor_a)
    reel_clip = add_reel_clip(cast.group_a.film, asset=asset)
    add_reel_note(reel_clip, at=datetime.timedelta(seconds=1), text="x", is_retake=True, by=None)
    client.force_login(cast.mentor_a)
    client.post(clip_url(reel_clip), {"remove": "1"})
    assert (ReelClip.objects.count(), ReelNote.objects.count()) == (0, 0)
    asset.refresh_from_db()
    assert asset.state == "ready"


def test_another_mentor_a_family_and_another_workshop_get_404(client, cast):
    reel_clip = add_reel_clip(cast.group_a.film, asset=ready_clip(cast.group_a, by=cast.mentor_a))
    for user in (cast.mentor_b, cast.parent_a, cast.other_organizer):
        client.force_login(user)
        assert client.get(reel_url(cast)).status_code == 404
        assert client.post(clip_url(reel_clip), {"direction": "up"}).status_code == 404
    another = add_reel_clip(cast.group_b.film, asset=ready_clip(cast.group_b, by=cast.mentor_b))
    client.force_login(cast.mentor_a)
    through_a = reverse("film_reel_clip", args=[cast.group_a.pk, another.pk])
    assert client.post(through_a, {"remove": "1"}).status_code == 404
    assert ReelClip.objects.count() == 2


@pytest.mark.parametrize("size", [1, 3])
def test_the_reel_asks_as_many_queries_whatever_the_size(
    client, cast, django_assert_num_queries, size
):
    for n in range(size):
        reel_clip = add_reel_clip(
            cast.group_a.film, asset=ready_clip(cast.group_a, by=cast.mentor_a, name=f"{n}.mp4")
        )
        for second in range(2):
            add_reel_note(reel_clip, at=datetime.timedelta(seconds=second), text=f"note {second}",
                          is_retake=bool(second), by=cast.mentor_a)  # fmt: skip
    client.force_login(cast.mentor_a)
    with django_assert_num_queries(QUERIES):
        response = client.get(reel_url(cast))
    assert len(response.context["clips"]) == size
    assert len(response.context["retakes"]) == size


QUERIES = 11
