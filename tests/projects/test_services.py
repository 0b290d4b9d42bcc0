"""Films and stages (projects/services.py): the default stages, one film per group, and
where a film stands at each stage."""

import pytest
from django.utils import translation

from projects.models import Film, StageProgress
from projects.services import ensure_film, set_stage_progress
from tests.factories import WorkshopFactory

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
