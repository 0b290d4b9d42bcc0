"""The planner: the working copy of the schedule as a time grid, for the workshop's staff.
Organizers drag sessions to another time, day or room, or resize them; the keyboard and
the session form do the same. The server judges every move and the grid re-renders from
what was saved."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import trigger_client_event

from workshop.access import can_organize
from workshop.forms import SessionMoveForm
from workshop.models import Session, Workshop
from workshop.page_cache import cached_narrow, page_context
from workshop.planner import choose_view, planner_choices, planner_grid
from workshop.views.htmx import render_page


@require_safe
@login_required
def planner(request, slug):
    workshop = get_object_or_404(Workshop.objects.staffed_by(request.user), slug=slug)
    return _planner_page(request, workshop)


@require_POST
@login_required
def session_move(request, pk):
    """Move or resize a session; answers the planner (its view kept from the query string)
    with the session where it now is, or where it was and why it cannot move."""
    session = get_object_or_404(
        Session.objects.organized_by(request.user)
        .select_related("day__workshop")
        .prefetch_related("groups"),
        pk=pk,
    )
    workshop = session.day.workshop
    was_on = session.day_id
    choices = _choices(workshop)
    form = SessionMoveForm(
        request.POST, session=session, days=choices["days"], rooms=choices["rooms"]
    )
    if form.is_valid():
        moved = form.save()
        messages.success(
            request,
            _("“%(session)s” is now on day %(day)s (not released yet).")
            % {"session": moved, "day": moved.day.number},
        )
    else:
        session.refresh_from_db()
        problems = [error for errors in form.errors.values() for error in errors]
        messages.error(
            request,
            _("“%(session)s” stays where it was: %(problems)s")
            % {"session": session, "problems": " ".join(problems)},
        )
    if not request.htmx:
        query = request.GET.urlencode()
        return redirect(f"{reverse('planner', args=[workshop.slug])}?{query}#block-{session.pk}")
    # Only what the move touched: the day it left and the day it reached (the preview may
    # have shown it elsewhere), the rest of the grid stays; the warnings follow.
    touched = {was_on, session.day_id}
    if form.cleaned_data.get("day") is not None:
        touched.add(form.cleaned_data["day"].pk)
    response = _planner_page(request, workshop, choices=choices, touched_days=touched)
    return trigger_client_event(response, "warningsChanged")


def _choices(workshop):
    """The planner's choices, kept until the workshop's set-up changes: moving sessions
    leaves its days, rooms, stages, staff and groups as they were."""
    return cached_narrow(
        "setup", f"planner-choices:{workshop.pk}", lambda: planner_choices(workshop)
    )


def _planner_page(request, workshop, *, choices=None, touched_days=None):
    choices = choices or _choices(workshop)
    view = choose_view(choices, request.GET)
    only_days = None
    if touched_days is not None:
        only_days = [day for day in choices["days"] if day.pk in touched_days]
    context = page_context(
        request,
        grid=lambda: planner_grid(
            workshop,
            view,
            days=choices["days"],
            rooms=choices["rooms"],
            groups=choices["groups"],
            stages=choices["stages"],
            mentors=choices["mentors"],
            children_counts=choices["children_counts"],
            only_days=only_days,
        ),
    )
    context |= {
        "workshop": workshop,
        "view": view,
        "may_edit": can_organize(request.user, workshop.pk),
        "planner_url": reverse("planner", args=[workshop.slug]),
        "oob": touched_days is not None,
        **choices,
    }
    if touched_days is not None:
        return render(request, "workshop/planner.html#moved", context)
    partial = "warnings" if request.GET.get("part") == "warnings" else "plan"
    return render_page(request, "workshop/planner.html", context, partial=partial)
