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
from workshop.planner import choose_view, planner_choices, planner_grid, planner_sessions
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
    with the session where it now is, or where it was and why it cannot move. The sessions
    of the day it leaves and of the day it asks for are read once: for the clashes, then
    for the columns the answer redraws."""
    found = get_object_or_404(
        Session.objects.organized_by(request.user).select_related("day__workshop"), pk=pk
    )
    workshop = found.day.workshop
    choices = _choices(workshop)
    asked = request.POST.get("day", "")
    touched = [day for day in choices["days"] if day.pk == found.day_id or str(day.pk) == asked]
    read = planner_sessions(
        touched,
        **{name: choices[name] for name in ("days", "rooms", "stages", "groups", "mentors")},
    )
    session = next(session for session in read if session.pk == found.pk)
    was = session.day, session.room, session.starts_at, session.ends_at
    form = SessionMoveForm(
        request.POST,
        session=session,
        days=choices["days"],
        rooms=choices["rooms"],
        day_sessions={
            day.pk: [other for other in read if other.day_id == day.pk] for day in touched
        },
    )
    if form.is_valid():
        moved = form.save()
        messages.success(
            request,
            _("“%(session)s” is now on day %(day)s (not released yet).")
            % {"session": moved, "day": moved.day.number},
        )
    else:
        session.day, session.room, session.starts_at, session.ends_at = was
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
    response = _planner_page(request, workshop, choices=choices, touched=(touched, read))
    return trigger_client_event(response, "warningsChanged")


def _choices(workshop):
    """The planner's choices, kept until the workshop's set-up changes: moving sessions
    leaves its days, rooms, stages, staff and groups as they were."""
    return cached_narrow(
        "setup", f"planner-choices:{workshop.pk}", lambda: planner_choices(workshop)
    )


def _planner_page(request, workshop, *, choices=None, touched=None):
    """The planner, or (`touched`: the days a move touched and their sessions) only those
    days' columns and the warnings."""
    choices = choices or _choices(workshop)
    view = choose_view(choices, request.GET)
    only_days, sessions = touched or (None, None)
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
            # Read for another view's days when the view shows one day: read again.
            sessions=sessions if view.day is None else None,
        ),
    )
    context |= {
        "workshop": workshop,
        "view": view,
        "may_edit": can_organize(request.user, workshop.pk),
        "planner_url": reverse("planner", args=[workshop.slug]),
        "oob": touched is not None,
        **choices,
    }
    if touched is not None:
        return render(request, "workshop/planner.html#moved", context)
    partial = "warnings" if request.GET.get("part") == "warnings" else "plan"
    return render_page(request, "workshop/planner.html", context, partial=partial)
