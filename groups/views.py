from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from groups.models import Group
from groups.selectors import groups_with_progress
from projects.models import LogEntry
from workshop.access import is_staff_of
from workshop.models import Participant
from workshop.selectors import health_records_for

NOTES_PER_PAGE = 20


@require_safe
@login_required
def group_detail(request, pk):
    """A group's crew, film and progress. Children are listed only to those who may see them."""
    group = get_object_or_404(Group.objects.visible_to(request.user), pk=pk)
    members = list(
        Participant.objects.visible_to(request.user)
        .filter(membership__group=group)
        .select_related("membership")
    )
    health = health_records_for(request.user, members, page="group", full=False)
    return render(
        request,
        "groups/group_detail.html",
        {
            "card": groups_with_progress(Group.objects.filter(pk=group.pk))[0],
            "members": [(child, health.get(child.pk)) for child in members],
            "viewer_is_staff": is_staff_of(request.user, group.workshop_id),
            "log_entries": Paginator(
                LogEntry.objects.visible_to(request.user)
                .filter(film__group=group)
                .select_related("author", "stage"),
                NOTES_PER_PAGE,
            ).get_page(request.GET.get("page")),
        },
    )
