from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from groups.models import Group
from projects.models import LogEntry
from workshop.access import roles_of
from workshop.models import Participant
from workshop.selectors import groups_with_progress


@login_required
def group_detail(request, pk):
    """A group's crew, film and progress. Children are listed only to those who may see them."""
    group = get_object_or_404(Group.objects.visible_to(request.user), pk=pk)
    roles = roles_of(request.user)
    return render(
        request,
        "groups/group_detail.html",
        {
            "card": groups_with_progress(Group.objects.filter(pk=group.pk))[0],
            "members": Participant.objects.visible_to(request.user).filter(membership__group=group),
            "show_health": roles.is_superuser
            or group.id in roles.mentored_groups
            or group.workshop_id in roles.organized_workshops,
            "show_roster": roles.is_superuser or group.workshop_id in roles.staffed_workshops,
            "log_entries": LogEntry.objects.visible_to(request.user)
            .filter(film__group=group)
            .select_related("author", "stage"),
        },
    )
