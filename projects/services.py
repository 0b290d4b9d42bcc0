"""Changes to films and stages that span several rows."""

from django.db import transaction
from django.utils import translation

from projects.models import DEFAULT_STAGE_COLOURS, DEFAULT_STAGES, Film, Stage, StageProgress


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
def set_stage_progress(film, stage, *, status: str, by, note: str = "") -> StageProgress:
    if stage.workshop_id != film.group.workshop_id:
        raise ValueError("The stage belongs to another workshop.")
    progress, _ = StageProgress.objects.update_or_create(
        film=film, stage=stage, defaults={"status": status, "updated_by": by, "note": note}
    )
    return progress


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
