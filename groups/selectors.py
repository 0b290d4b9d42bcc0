"""Reads that serve the group page, the group cards on home pages and the group builder."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from groups.assignment import sibling_families
from groups.models import Group
from projects.models import Stage, StageProgress
from workshop.models import Guardian, Participant


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


def families_of(workshop) -> dict[int, int]:
    """Each child of the workshop who has a brother or sister here → their family's key."""
    return sibling_families(
        list(
            Guardian.objects.filter(participant__workshop=workshop).values_list(
                "participant_id", "user_id"
            )
        )
    )


@dataclass
class BoardChild:
    child: Participant
    age: int
    pinned: bool
    # The names of their brothers and sisters in the workshop, and whether they stay together.
    siblings: list[str]
    keep_with_siblings: bool


@dataclass
class BoardColumn:
    group: Group | None
    children: list[BoardChild]

    @property
    def average_age(self) -> float | None:
        if not self.children:
            return None
        return round(sum(entry.age for entry in self.children) / len(self.children), 1)


@dataclass
class GroupBoard:
    columns: list[BoardColumn]
    # Brothers and sisters sharing a group although their family did not ask for it.
    siblings_together: list[tuple[Group, list[str]]]

    @property
    def without_group(self) -> BoardColumn:
        return self.columns[-1]


def group_board(workshop) -> GroupBoard:
    """The workshop's groups with their mentors and children (ages on the first day), and
    the children without a group: what an organizer builds groups from. Four queries."""
    groups = list(
        Group.objects.filter(workshop=workshop).prefetch_related("mentors").order_by("name")
    )
    children = list(
        Participant.objects.filter(workshop=workshop)
        .select_related("membership")
        .only(
            "id", "workshop_id", "given_name", "family_name", "given_name_reading",
            "family_name_reading", "birth_date", "keep_with_siblings",
            "membership__group_id", "membership__pinned",
        )
        .order_by("family_name_reading", "given_name_reading", "id")
    )  # fmt: skip
    families = families_of(workshop)
    names_in_family = defaultdict(list)
    for child in children:
        if child.pk in families:
            names_in_family[families[child.pk]].append((child.pk, child.full_name))
    columns = {group.pk: BoardColumn(group, []) for group in groups}
    columns[None] = BoardColumn(None, [])
    for child in children:
        membership = getattr(child, "membership", None)
        family = families.get(child.pk)
        columns[membership.group_id if membership else None].children.append(
            BoardChild(
                child=child,
                age=child.age_on(workshop.start_date),
                pinned=bool(membership and membership.pinned),
                siblings=[name for pk, name in names_in_family[family] if pk != child.pk],
                keep_with_siblings=child.keep_with_siblings,
            )
        )
    siblings_together = []
    for column in columns.values():
        if column.group is None:
            continue
        by_family = defaultdict(list)
        for entry in column.children:
            family = families.get(entry.child.pk)
            if family is not None and not entry.keep_with_siblings:
                by_family[family].append(entry.child.full_name)
        siblings_together += [
            (column.group, names) for names in by_family.values() if len(names) > 1
        ]
    return GroupBoard(list(columns.values()), siblings_together)
