"""Reads that serve the group page and the group cards on home pages."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from groups.models import Group
from projects.models import Stage, StageProgress


@dataclass
class GroupCard:
    group: Group
    stages: list["StageStatus"]

    @property
    def current_stage(self) -> "StageStatus | None":
        """The first stage not done yet: what the mentor's home offers to mark."""
        return next((step for step in self.stages if step.status != "done"), None)


@dataclass
class StageStatus:
    stage: Stage
    progress: StageProgress | None

    @property
    def status(self) -> str:
        return self.progress.status if self.progress else StageProgress.Status.NOT_STARTED

    def get_status_display(self) -> str:
        if self.progress:
            return self.progress.get_status_display()
        return StageProgress.Status.NOT_STARTED.label


def stage_statuses(stages: list[Stage], progress: list[StageProgress]) -> list[StageStatus]:
    by_stage = {entry.stage_id: entry for entry in progress}
    return [StageStatus(stage, by_stage.get(stage.id)) for stage in stages]


def groups_with_progress(groups) -> list[GroupCard]:
    """Groups with their film and each stage's status, for cards and boards."""
    groups = list(
        groups.select_related("film", "workshop")
        .annotate(size=Count("memberships", distinct=True))
        .order_by("name")
        .prefetch_related("mentors", "film__progress")
    )
    stages_by_workshop = defaultdict(list)
    for stage in Stage.objects.filter(workshop__in={group.workshop_id for group in groups}):
        stages_by_workshop[stage.workshop_id].append(stage)
    return [
        GroupCard(
            group,
            stage_statuses(stages_by_workshop[group.workshop_id], list(group.film.progress.all())),
        )
        for group in groups
    ]
