"""Films and stages (projects/services.py): the default stages, one film per group, and
where a film stands at each stage."""

import datetime
import uuid

import pytest
from django.utils import translation

from projects.models import Film, LogEntry, ScriptVersion, Shot, StageProgress, StoryboardFrame
from projects.services import (
    NoteRefused,
    add_frame,
    ensure_film,
    move_frame,
    reorder_frames,
    save_script,
    set_shot_status,
    set_stage_progress,
    write_log_entry,
)
from tests.factories import ShotFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def test_stages_are_created_in_english_whatever_the_language():
    with translation.override("ja"):
        workshop = WorkshopFactory()
    assert list(workshop.stages.values_list("name", flat=True))[:2] == ["Script", "Storyboard"]


def test_ensuring_a_groups_film_again_gives_the_one_it_has(cast):
    assert ensure_film(cast.group_a) == cast.group_a.film
    assert Film.objects.filter(group=cast.group_a).count() == 1


def test_stage_progress_records_the_status_the_note_and_who_set_it(cast):
    script = cast.workshop.stages.get(key="script")
    film = cast.group_a.film
    set_stage_progress(film, script, status="in_progress", by=cast.mentor_a, note="Second draft")
    progress = StageProgress.objects.get()
    assert (progress.film, progress.stage, progress.status, progress.note) == (
        film, script, "in_progress", "Second draft",
    )  # fmt: skip
    assert progress.updated_by == cast.mentor_a


def test_setting_a_stages_progress_again_updates_the_one_row(cast):
    script = cast.workshop.stages.get(key="script")
    set_stage_progress(cast.group_a.film, script, status="in_progress", by=cast.mentor_a)
    set_stage_progress(cast.group_a.film, script, status="done", by=cast.organizer)
    assert list(StageProgress.objects.values_list("film", "stage", "status", "updated_by")) == [
        (cast.group_a.film.pk, script.pk, "done", cast.organizer.pk)
    ]


def test_progress_at_a_stage_of_another_workshop_is_refused(cast):
    winters_script = cast.other_workshop.stages.get(key="script")
    with pytest.raises(ValueError, match=r"^The stage belongs to another workshop\.$"):
        set_stage_progress(cast.group_a.film, winters_script, status="done", by=cast.organizer)
    assert StageProgress.objects.count() == 0


def test_setting_the_status_without_a_note_keeps_the_note(cast):
    script = cast.workshop.stages.get(key="script")
    film = cast.group_a.film
    set_stage_progress(film, script, status="in_progress", by=cast.mentor_a, note="Second draft")
    set_stage_progress(film, script, status="done", by=cast.mentor_a)
    assert StageProgress.objects.get().note == "Second draft"


def test_an_empty_note_clears_the_note(cast):
    script = cast.workshop.stages.get(key="script")
    film = cast.group_a.film
    set_stage_progress(film, script, status="in_progress", by=cast.mentor_a, note="Second draft")
    set_stage_progress(film, script, status="done", by=cast.mentor_a, note="")
    assert StageProgress.objects.get().note == ""


def test_an_unknown_status_is_refused_and_nothing_is_saved(cast):
    script = cast.workshop.stages.get(key="script")
    with pytest.raises(ValueError, match="Unknown status"):
        set_stage_progress(cast.group_a.film, script, status="finished", by=cast.mentor_a)
    assert StageProgress.objects.count() == 0


def test_a_log_entry_is_dated_today_in_the_workshops_time_zone(cast, clock):
    # 23:30 UTC on the 28th is already the 29th in Tokyo.
    clock(datetime.datetime(2026, 7, 28, 23, 30, tzinfo=datetime.UTC))
    entry = write_log_entry(
        cast.group_a.film, by=cast.mentor_a, body="  Wrapped!  ", shared_with_families=True
    )
    assert (entry.written_on, entry.body, entry.shared_with_families, entry.author) == (
        datetime.date(2026, 7, 29), "Wrapped!", True, cast.mentor_a,
    )  # fmt: skip


def test_an_empty_log_entry_is_refused(cast):
    with pytest.raises(ValueError):
        write_log_entry(cast.group_a.film, by=cast.mentor_a, body="  ", shared_with_families=False)
    assert LogEntry.objects.count() == 0


def test_a_log_entry_at_another_workshops_stage_is_refused(cast):
    winters_script = cast.other_workshop.stages.get(key="script")
    with pytest.raises(ValueError, match="another workshop"):
        write_log_entry(
            cast.group_a.film,
            by=cast.mentor_a,
            body="Note",
            shared_with_families=False,
            stage=winters_script,
        )
    assert LogEntry.objects.count() == 0


def test_each_script_save_keeps_a_new_version(cast):
    film = cast.group_a.film
    _, created_first = save_script(film, text="SCENE 1.", by=cast.mentor_a)
    _, created_second = save_script(film, text="SCENE 1.\nSCENE 2.", by=cast.organizer)
    assert (created_first, created_second) == (True, True)
    assert list(film.script_versions.values_list("number", "text", "author")) == [
        (2, "SCENE 1.\nSCENE 2.", cast.organizer.pk),
        (1, "SCENE 1.", cast.mentor_a.pk),
    ]


def test_saving_the_same_script_again_adds_no_version(cast):
    film = cast.group_a.film
    first, _ = save_script(film, text="SCENE 1.", by=cast.mentor_a)
    again, created = save_script(film, text="SCENE 1.", by=cast.mentor_a)
    assert (again, created) == (first, False)
    assert ScriptVersion.objects.count() == 1


def test_script_versions_are_numbered_per_film(cast):
    save_script(cast.group_a.film, text="A", by=cast.mentor_a)
    version, _ = save_script(cast.group_b.film, text="B", by=cast.mentor_b)
    assert version.number == 1


def captions(film) -> list[str]:
    return list(film.frames.values_list("caption", flat=True))


def test_frames_are_added_at_the_end(cast):
    film = cast.group_a.film
    for caption in ("One", "Two", "Three"):
        add_frame(film, caption=caption)
    assert list(film.frames.values_list("position", "caption")) == [
        (1, "One"), (2, "Two"), (3, "Three"),
    ]  # fmt: skip


def test_reordering_frames_keeps_the_given_order(cast):
    film = cast.group_a.film
    one, two, three = (add_frame(film, caption=c) for c in ("One", "Two", "Three"))
    reorder_frames(film, order=[three.pk, one.pk, two.pk])
    assert captions(film) == ["Three", "One", "Two"]


@pytest.mark.parametrize("order", ["missing", "repeated", "foreign"])
def test_an_order_that_does_not_name_each_frame_once_changes_nothing(cast, order):
    film = cast.group_a.film
    add_frame(film, caption="One")
    two = add_frame(film, caption="Two")
    foreign = add_frame(cast.group_b.film, caption="Kite")
    ids = {"missing": [two.pk], "repeated": [two.pk, two.pk], "foreign": [two.pk, foreign.pk]}
    with pytest.raises(ValueError):
        reorder_frames(film, order=ids[order])
    assert captions(film) == ["One", "Two"]


def test_moving_a_frame_swaps_it_with_its_neighbour(cast):
    film = cast.group_a.film
    one, _, three = (add_frame(film, caption=c) for c in ("One", "Two", "Three"))
    assert move_frame(three, up=True) is True
    assert captions(film) == ["One", "Three", "Two"]
    assert move_frame(one, up=False) is True
    assert captions(film) == ["Three", "One", "Two"]


def test_the_first_frame_does_not_move_up(cast):
    film = cast.group_a.film
    one, two = add_frame(film, caption="One"), add_frame(film, caption="Two")
    assert move_frame(one, up=True) is False
    assert move_frame(two, up=False) is False
    assert captions(film) == ["One", "Two"]
    assert StoryboardFrame.objects.count() == 2


def test_a_shots_status_changes(cast):
    shot = ShotFactory(film=cast.group_a.film)
    set_shot_status(shot, status="needs_retake")
    assert Shot.objects.get().status == "needs_retake"


def test_an_unknown_shot_status_is_refused(cast):
    shot = ShotFactory(film=cast.group_a.film)
    with pytest.raises(ValueError):
        set_shot_status(shot, status="wrapped")
    assert Shot.objects.get().status == "planned"


def test_a_note_sent_twice_with_its_phones_id_is_recorded_once(cast, clock):
    clock(datetime.datetime(2026, 7, 29, 3, 0, tzinfo=datetime.UTC))
    sent = uuid.uuid4()
    first = write_log_entry(
        cast.group_a.film, by=cast.mentor_a, body="Take 3!", shared_with_families=True,
        client_id=sent,
    )  # fmt: skip
    again = write_log_entry(
        cast.group_a.film, by=cast.mentor_a, body="Take 3!", shared_with_families=True,
        client_id=sent,
    )  # fmt: skip
    assert again == first
    assert LogEntry.objects.get().client_id == sent


def test_the_same_phone_id_on_another_film_is_another_note(cast):
    sent = uuid.uuid4()
    for film in (cast.group_a.film, cast.group_b.film):
        write_log_entry(
            film, by=cast.organizer, body="Hi", shared_with_families=False, client_id=sent
        )
    assert LogEntry.objects.filter(client_id=sent).count() == 2


def test_a_note_kept_offline_is_dated_the_day_it_was_written(cast, clock):
    clock(datetime.datetime(2026, 7, 29, 1, 0, tzinfo=datetime.UTC))  # day 3, 10:00 in Tokyo
    written = datetime.datetime(2026, 7, 28, 14, 55, tzinfo=datetime.UTC)  # day 2, 23:55
    entry = write_log_entry(
        cast.group_a.film, by=cast.mentor_a, body="Late", shared_with_families=False, at=written
    )
    assert entry.written_on == datetime.date(2026, 7, 28)


def test_a_note_from_the_future_is_refused(cast, clock):
    clock(datetime.datetime(2026, 7, 29, 1, 0, tzinfo=datetime.UTC))
    with pytest.raises(NoteRefused, match="future"):
        write_log_entry(
            cast.group_a.film, by=cast.mentor_a, body="Soon", shared_with_families=False,
            at=datetime.datetime(2026, 7, 29, 1, 6, tzinfo=datetime.UTC),
        )  # fmt: skip
    assert LogEntry.objects.count() == 0
