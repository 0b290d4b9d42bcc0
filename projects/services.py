"""Changes to films and stages that span several rows."""

import datetime
import logging
import secrets
import time
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from projects.media import (
    MediaRefused,
    clip_renditions,
    judge,
    photo_renditions,
    sound_renditions,
)
from projects.models import (
    DEFAULT_STAGE_COLOURS,
    DEFAULT_STAGES,
    CrewAssignment,
    CrewRole,
    Film,
    LogEntry,
    MediaAsset,
    ReelClip,
    ReelNote,
    ScriptVersion,
    Shot,
    Stage,
    StageProgress,
    StoryboardFrame,
)
from projects.rotation import ON_CAMERA
from projects.selectors import may_be_filmed, suggested_crew
from workshop.offline import CLOCK_SLACK

logger = logging.getLogger(__name__)


def add_default_stages(workshop) -> list[Stage]:
    """Give a new workshop the usual path from script to screening. The names are stored in
    English and shown in the reader's language until an organizer renames them."""
    with translation.override("en"):
        return Stage.objects.bulk_create(
            Stage(
                workshop=workshop,
                key=key,
                name=str(name),
                position=position,
                colour=DEFAULT_STAGE_COLOURS[key],
            )
            for position, (key, name) in enumerate(DEFAULT_STAGES, start=1)
        )


def ensure_film(group) -> Film:
    """Every group makes exactly one film; create it when the group is new."""
    film, _ = Film.objects.get_or_create(group=group)
    return film


@transaction.atomic
def set_stage_progress(film, stage, *, status: str, by, note: str | None = None) -> StageProgress:
    """Set where the film stands at a stage. Without a note (None) the stage keeps the note
    it has; an empty string clears it."""
    if stage.workshop_id != film.group.workshop_id:
        raise ValueError("The stage belongs to another workshop.")
    if status not in StageProgress.Status.values:
        raise ValueError(f"Unknown status {status!r}.")
    defaults = {"status": status, "updated_by": by}
    if note is not None:
        defaults["note"] = note.strip()
    progress, _ = StageProgress.objects.update_or_create(film=film, stage=stage, defaults=defaults)
    return progress


class NoteRefused(ValueError):
    """A note that cannot be recorded; the message says why, to the user."""


def write_log_entry(
    film,
    *,
    by,
    body: str,
    shared_with_families: bool,
    stage=None,
    written_on=None,
    at: datetime.datetime | None = None,
    client_id: uuid.UUID | None = None,
) -> LogEntry:
    """A note from the set, dated today in the workshop's time zone unless told otherwise: a
    note the phone kept while offline (`at`, when it was written) is dated the day it was
    written. Sent again with the same `client_id`, it records nothing more and returns the
    note recorded the first time."""
    if client_id is not None:
        sent = film.log_entries.filter(client_id=client_id).first()
        if sent is not None:
            return sent
    body = body.strip()
    if not body:
        raise ValueError("A note needs some text.")
    workshop = film.group.workshop
    if stage is not None and stage.workshop_id != workshop.pk:
        raise ValueError("The stage belongs to another workshop.")
    if at is not None:
        if at > timezone.now() + CLOCK_SLACK:
            raise NoteRefused(
                gettext("A note cannot be dated in the future: check the phone's clock.")
            )
        written_on = written_on or timezone.localdate(at, timezone=workshop.tz)
    try:
        with transaction.atomic():
            return LogEntry.objects.create(
                film=film,
                stage=stage,
                author=by,
                body=body,
                shared_with_families=shared_with_families,
                written_on=written_on or workshop.local_today(),
                client_id=client_id,
            )
    except IntegrityError:
        # The same note arrived twice at once: the other request recorded it.
        return film.log_entries.get(client_id=client_id)


@transaction.atomic
def save_script(film, *, text: str, by) -> tuple[ScriptVersion, bool]:
    """Keep the script as a new version, numbered after the last one. Text identical to the
    latest version adds nothing: (that version, False)."""
    Film.objects.select_for_update().filter(pk=film.pk).first()
    latest = film.script_versions.order_by("-number").first()
    if latest is not None and latest.text == text:
        return latest, False
    number = latest.number + 1 if latest else 1
    return ScriptVersion.objects.create(film=film, number=number, text=text, author=by), True


def add_frame(film, *, caption: str, image=None) -> StoryboardFrame:
    """A new frame at the end of the storyboard, with a picture if one is given (as
    `set_frame_image`: a picture refused raises MediaRefused and adds no frame)."""
    picture = _frame_picture(image) if image else None
    with transaction.atomic():
        Film.objects.select_for_update().filter(pk=film.pk).first()
        last = film.frames.order_by("-position").values_list("position", flat=True).first()
        frame = StoryboardFrame(film=film, caption=caption.strip(), position=(last or 0) + 1)
        if picture:
            frame.image.save("frame.jpg", picture, save=False)
        frame.save()
        return frame


def set_frame_image(frame: StoryboardFrame, *, image) -> None:
    """Give a frame a picture from the phone (a drawing photographed, or a photo), judged by
    its content and made by the same pipeline as the media's display rendition: upright,
    at most 1600 px, with no metadata. The picture it replaces is deleted once this is
    committed. A file that is not a photo, or too large, raises MediaRefused with the
    reason, and the frame keeps its picture."""
    picture = _frame_picture(image)
    replaced = frame.image.name
    storage = frame.image.storage
    with transaction.atomic():
        frame.image.save("frame.jpg", picture, save=False)
        StoryboardFrame.objects.filter(pk=frame.pk).update(image=frame.image.name)
        if replaced:
            transaction.on_commit(lambda: storage.delete(replaced))


def _frame_picture(file) -> ContentFile:
    _refuse_too_large(file)
    if judge(file).kind != MediaAsset.Kind.PHOTO:
        raise MediaRefused(gettext("A frame takes a picture: a JPEG, PNG or WebP photo."))
    return ContentFile(photo_renditions(file).display)


def _refuse_too_large(file) -> None:
    limit_mb = settings.KACHINKO_MEDIA_MAX_MB
    if file.size > limit_mb * 1024 * 1024:
        raise MediaRefused(
            ngettext(
                "This file is larger than %(limit)d megabyte, the most accepted.",
                "This file is larger than %(limit)d megabytes, the most accepted.",
                limit_mb,
            )
            % {"limit": limit_mb}
        )


@transaction.atomic
def reorder_frames(film, *, order: list[int]) -> None:
    """Put the film's frames in the given order of ids, which must name each frame once."""
    frames = {frame.pk: frame for frame in film.frames.select_for_update()}
    if len(order) != len(frames) or set(order) != set(frames):
        raise ValueError("The order must name every frame of the film once.")
    for position, pk in enumerate(order, start=1):
        frames[pk].position = position
    StoryboardFrame.objects.bulk_update(frames.values(), ["position"])


@transaction.atomic
def delete_frame(frame: StoryboardFrame) -> None:
    """Take a frame out of the storyboard; the frames after it move up one place, and its
    picture goes once this is committed."""
    film = frame.film
    Film.objects.select_for_update().filter(pk=film.pk).first()
    picture, storage = frame.image.name, frame.image.storage
    frame.delete()
    if picture:
        transaction.on_commit(lambda: storage.delete(picture))
    frames = list(film.frames.order_by("position", "pk"))
    for position, kept in enumerate(frames, start=1):
        kept.position = position
    StoryboardFrame.objects.bulk_update(frames, ["position"])


@transaction.atomic
def move_frame(frame: StoryboardFrame, *, up: bool) -> bool:
    """Swap a frame with the one before (or after) it. False when it is first (or last)."""
    order = list(frame.film.frames.select_for_update().values_list("pk", flat=True))
    index = order.index(frame.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(order):
        return False
    order[index], order[other] = order[other], order[index]
    reorder_frames(frame.film, order=order)
    return True


def set_shot_status(shot: Shot, *, status: str) -> Shot:
    if status not in Shot.Status.values:
        raise ValueError(f"Unknown status {status!r}.")
    shot.status = status
    shot.save(update_fields=["status"])
    return shot


@transaction.atomic
def move_stage(stage: Stage, *, up: bool) -> bool:
    """Swap a stage with the one before it (or after it) in its workshop's order. False when
    it is first (or last) already: nothing moves."""
    siblings = Stage.objects.select_for_update().filter(workshop_id=stage.workshop_id)
    if up:
        neighbour = siblings.filter(position__lt=stage.position).order_by("-position").first()
    else:
        neighbour = siblings.filter(position__gt=stage.position).order_by("position").first()
    if neighbour is None:
        return False
    stage.position, neighbour.position = neighbour.position, stage.position
    Stage.objects.bulk_update([stage, neighbour], ["position"])
    return True


def set_crew_role(film, *, day, child, role: str, held: bool) -> bool:
    """Give a child a role on the film for a day, or take it back. True when something
    changed. The child must be in the film's group, the day in its workshop, and a child
    whose consent does not allow being filmed is not put on camera."""
    assignment = CrewAssignment(film=film, day=day, child=child, role=role)
    if role not in CrewRole.values:
        raise ValidationError(gettext("Choose one of the crew's roles."))
    assignment.clean()
    if not held:
        deleted, _kinds = CrewAssignment.objects.filter(
            film=film, day=day, child=child, role=role
        ).delete()
        return bool(deleted)
    if role in ON_CAMERA and child.pk not in may_be_filmed([child]):
        raise ValidationError(
            gettext("%(child)s may not be filmed: their consent does not allow it.")
            % {"child": child.full_name}
        )
    _kept, created = CrewAssignment.objects.get_or_create(
        film=film, day=day, child=child, role=role
    )
    return created


@transaction.atomic
def apply_crew_suggestion(film, *, day) -> list[CrewAssignment]:
    """Replace the day's crew with the one suggested from the days before it."""
    if day.workshop_id != film.group.workshop_id:
        raise ValidationError(gettext("Choose a day of this film's workshop."))
    Film.objects.select_for_update().filter(pk=film.pk).first()
    suggestion = suggested_crew(film, day=day)
    CrewAssignment.objects.filter(film=film, day=day).delete()
    return CrewAssignment.objects.bulk_create(
        CrewAssignment(film=film, day=day, child_id=child, role=role) for child, role in suggestion
    )


def upload_media(group, *, file, by, children: Iterable = ()) -> MediaAsset:
    """Keep an uploaded photo, clip or sound of a group, tagged with the children in it, and
    have the worker process it once the upload is committed. A file over the size limit, or
    that is not what it must be (judged by content), raises MediaRefused and nothing is
    stored. The children are the caller's to check: the group's own."""
    _refuse_too_large(file)
    judged = judge(file)
    from projects.tasks import process_media

    with transaction.atomic():
        asset = MediaAsset(
            group=group,
            uploaded_by=by,
            key=secrets.token_hex(16),
            kind=judged.kind,
            content_type=judged.content_type,
            original_name=(file.name or "")[-255:],
        )
        asset.original.save(f"original{judged.extension}", file, save=False)
        asset.save()
        asset.children.set(children)
        process_media.delay_on_commit(asset.pk)
    return asset


def process_media(asset_id: int) -> None:
    """Make a queued asset's renditions. The asset is claimed first (queued → processing):
    run again, on an asset already processing or processed, this does nothing, unless its
    processing began longer ago than a task may run (its worker died: the broker delivers
    the task again). A file that cannot be processed leaves the asset failed with the
    reason, stored in English and shown in the reader's language; this never raises."""
    now = timezone.now()
    claimable = MediaAsset.objects.filter(
        Q(state=MediaAsset.State.QUEUED)
        | Q(
            state=MediaAsset.State.PROCESSING,
            processing_since__lt=now - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT),
        ),
        pk=asset_id,
    )
    asset = claimable.first()
    if (
        asset is None
        or claimable.update(state=MediaAsset.State.PROCESSING, processing_since=now) != 1
    ):
        return
    # From the claim until the outcome is written, nothing reads or writes the database.
    with translation.override("en"):
        _process(asset)


def _process(asset: MediaAsset) -> None:
    asset_id = asset.pk
    try:
        _make_renditions(asset)
    except MediaRefused as refusal:
        _fail(asset, str(refusal))
    except Exception:
        logger.exception("Media asset %s could not be processed", asset_id)
        _fail(asset, gettext("This file could not be processed. Try uploading it again."))
    else:
        _settle(
            asset_id,
            state=MediaAsset.State.READY,
            thumbnail=asset.thumbnail.name or "",
            display=asset.display.name or "",
            width=asset.width,
            height=asset.height,
            duration=asset.duration,
        )


def _settle(asset_id: int, **fields) -> None:
    """Write the outcome of a claimed asset. Its claim cannot be taken again, so a database
    that is briefly busy is waited for (a few tries) rather than leaving it processing."""
    for pause in (0.1, 0.5, 1, 2, None):
        try:
            MediaAsset.objects.filter(pk=asset_id, state=MediaAsset.State.PROCESSING).update(
                **fields
            )
            return
        except OperationalError:
            if pause is None:
                raise
            time.sleep(pause)


RENDERERS = {
    MediaAsset.Kind.PHOTO: photo_renditions,
    MediaAsset.Kind.VIDEO: clip_renditions,
    MediaAsset.Kind.SOUND: sound_renditions,
}


def _make_renditions(asset: MediaAsset) -> None:
    """Photos get theirs, clips a poster frame, sound a waveform; with what was learnt of
    the original (size, duration) on the asset, not yet saved."""
    with asset.original.open("rb") as original:
        renditions = RENDERERS[asset.kind](original)
    asset.width, asset.height = renditions.width, renditions.height
    asset.duration = renditions.duration
    asset.thumbnail.save(
        f"thumbnail{renditions.extension}", ContentFile(renditions.thumbnail), save=False
    )
    asset.display.save(
        f"display{renditions.extension}", ContentFile(renditions.display), save=False
    )


def _fail(asset: MediaAsset, reason: str) -> None:
    for rendition in (asset.thumbnail, asset.display):
        if rendition.name:
            rendition.delete(save=False)
    _settle(asset.pk, state=MediaAsset.State.FAILED, failure_reason=reason[:300])


def delete_media(asset: MediaAsset) -> None:
    """Remove an asset and, once that is committed, its files: a photo taken by mistake
    leaves nothing behind."""
    names = [f.name for f in (asset.original, asset.thumbnail, asset.display) if f.name]
    storage = asset.original.storage
    with transaction.atomic():
        asset.delete()
        transaction.on_commit(lambda: [storage.delete(name) for name in names])


def add_reel_clip(film: Film, *, asset: MediaAsset) -> ReelClip:
    """Put one of the group's clips at the end of its review reel. The caller offers only
    the group's processed clips that are not in the reel yet (ReelClipForm)."""
    with transaction.atomic():
        Film.objects.select_for_update().filter(pk=film.pk).first()
        last = film.reel_clips.order_by("-position").values_list("position", flat=True).first()
        return ReelClip.objects.create(film=film, asset=asset, position=(last or 0) + 1)


@transaction.atomic
def move_reel_clip(clip: ReelClip, *, up: bool) -> bool:
    """Swap a clip with the one before (or after) it. False when it is first (or last)."""
    Film.objects.select_for_update().filter(pk=clip.film_id).first()
    clips = list(ReelClip.objects.filter(film_id=clip.film_id).order_by("position", "pk"))
    index = next(n for n, kept in enumerate(clips) if kept.pk == clip.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(clips):
        return False
    clips[index], clips[other] = clips[other], clips[index]
    for position, kept in enumerate(clips, start=1):
        kept.position = position
    ReelClip.objects.bulk_update(clips, ["position"])
    return True


def remove_reel_clip(clip: ReelClip) -> None:
    """Take a clip out of the reel, with its notes; the clip itself stays in the media."""
    with transaction.atomic():
        Film.objects.select_for_update().filter(pk=clip.film_id).first()
        clip.delete()
        clips = list(ReelClip.objects.filter(film_id=clip.film_id).order_by("position", "pk"))
        for position, kept in enumerate(clips, start=1):
            kept.position = position
        ReelClip.objects.bulk_update(clips, ["position"])


def add_reel_note(
    clip: ReelClip, *, at: datetime.timedelta, text: str, is_retake: bool, by
) -> ReelNote:
    """A note at a time in a clip; one that asks for a retake goes on the checklist."""
    return ReelNote.objects.create(
        clip=clip, at=at, text=text.strip(), is_retake=is_retake, author=by
    )


def set_retaken(note: ReelNote, *, retaken: bool) -> None:
    """Tick a retake off the checklist (or back on). A note that asks for no retake has no
    box to tick: ValueError."""
    if not note.is_retake:
        raise ValueError("Only a retake is ticked off.")
    ReelNote.objects.filter(pk=note.pk).update(retaken=retaken)
