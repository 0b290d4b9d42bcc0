from functools import cache

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from groups.models import Group
from workshop.access import can_organize, is_staff_of
from workshop.forms import CopyDayForm
from workshop.models import Workshop, WorkshopDay
from workshop.page_cache import page_context
from workshop.selectors import day_sessions, details_of, unreleased_changes, week_plan
from workshop.views.htmx import render_page


@require_safe
@login_required
def week(request, slug):
    """The week, for everyone or one group; htmx swaps only the schedule when filtering.
    The schedule is read only when its cached rendering is missing."""
    workshop = get_object_or_404(
        Workshop.objects.visible_to(request.user).select_related("lead_mentor"), slug=slug
    )
    group_filter = request.GET.get("group", "")
    group_filter = str(int(group_filter)) if group_filter.isdigit() else ""

    @cache
    def groups():
        return list(Group.objects.visible_to(request.user).filter(workshop=workshop))

    @cache
    def chosen_group():
        return next((group for group in groups() if str(group.pk) == group_filter), None)

    @cache
    def whole_week():
        return week_plan(workshop, request.user)

    def unreleased():
        # The whole week of the staff is the working copy: compare it, read once.
        plans = whole_week()
        sessions = [session for plan in plans for session in plan.sessions]
        return len(unreleased_changes(workshop, sessions=sessions, days=[p.day for p in plans]))

    context = page_context(
        request,
        groups=groups,
        chosen_group=chosen_group,
        week=lambda: (
            week_plan(workshop, request.user, group=chosen_group())
            if chosen_group()
            else whole_week()
        ),
        unreleased=unreleased,
    )
    viewer_is_staff = is_staff_of(request.user, workshop.pk)
    context |= {
        "workshop": workshop,
        "group_filter": group_filter,
        # Staff of this workshop see stage work side by side folded into one row, unless
        # they look at one group; families always see each of their sessions.
        "fold_parallel": viewer_is_staff and not group_filter,
        "viewer_is_staff": viewer_is_staff,
        "may_edit": can_organize(request.user, workshop.pk),
    }
    return render_page(request, "workshop/week.html", context, partial="schedule")


@require_safe
@login_required
def day(request, slug, number):
    """A day: its staff read it as it is being edited, families as last released."""
    workshop_day = get_object_or_404(
        WorkshopDay.objects.visible_to(request.user)
        .with_latest_release()
        .select_related("workshop", "focus_stage"),
        workshop__slug=slug,
        number=number,
    )
    days = workshop_day.workshop.days
    context = page_context(
        request,
        sessions=lambda: day_sessions(workshop_day, request.user),
        previous_day=lambda: days.filter(number=number - 1).first(),
        next_day=lambda: days.filter(number=number + 1).first(),
    )
    may_edit = can_organize(request.user, workshop_day.workshop_id)
    context |= {
        "workshop": workshop_day.workshop,
        "day": workshop_day,
        "details": details_of(workshop_day, request.user),
        "may_edit": may_edit,
        "copy_form": CopyDayForm(day=workshop_day) if may_edit else None,
    }
    return render(request, "workshop/day.html", context)
