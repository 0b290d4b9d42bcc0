from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from groups.models import Group
from workshop.models import Workshop, WorkshopDay
from workshop.selectors import day_sessions, week_plan
from workshop.views.htmx import render_page


@require_safe
@login_required
def week(request, slug):
    """The week, for everyone or one group; htmx swaps only the schedule when filtering."""
    workshop = get_object_or_404(
        Workshop.objects.visible_to(request.user).select_related("lead_mentor"), slug=slug
    )
    groups = list(Group.objects.visible_to(request.user).filter(workshop=workshop))
    chosen = next((group for group in groups if str(group.pk) == request.GET.get("group")), None)
    return render_page(
        request,
        "workshop/week.html",
        {
            "workshop": workshop,
            "groups": groups,
            "chosen_group": chosen,
            "week": week_plan(workshop, request.user, group=chosen),
        },
        partial="schedule",
    )


@require_safe
@login_required
def day(request, slug, number):
    workshop_day = get_object_or_404(
        WorkshopDay.objects.visible_to(request.user).select_related("workshop", "focus_stage"),
        workshop__slug=slug,
        number=number,
    )
    return render(
        request,
        "workshop/day.html",
        {
            "workshop": workshop_day.workshop,
            "day": workshop_day,
            "sessions": day_sessions(workshop_day, request.user),
            "previous_day": workshop_day.workshop.days.filter(number=number - 1).first(),
            "next_day": workshop_day.workshop.days.filter(number=number + 1).first(),
        },
    )
