"""Organizers set up what a workshop is made of: the workshop itself, its days, rooms and
stages. Sessions that new hours leave outside their day are listed, never moved or deleted.
Every page is for the workshop's organizers; anyone else, its mentors included, gets 404."""

import copy
from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from projects.services import move_stage
from workshop.conflicts import sessions_outside_their_day
from workshop.forms import (
    DayForm,
    NewEditionForm,
    RoomForm,
    StageForm,
    WorkshopForm,
    day_label,
)
from workshop.models import ReleasedSession, Session
from workshop.retention import erasure_date
from workshop.services import new_edition, save_workshop
from workshop.views.htmx import render_page
from workshop.views.sessions import _organized_workshop


def _outside_by_day(workshop) -> dict[int, list[Session]]:
    """The workshop's sessions that no longer fit their day's hours, by day id."""
    sessions = (
        Session.objects.filter(day__workshop=workshop)
        .select_related("day")
        .order_by("day__date", "starts_at", "title")
    )
    found = defaultdict(list)
    for session in sessions_outside_their_day(sessions):
        found[session.day_id].append(session)
    return found


@require_safe
@login_required
def setup(request, slug):
    """What the workshop is made of at a glance, and the sessions that no longer fit."""
    workshop = _organized_workshop(request, slug)
    outside = _outside_by_day(workshop)
    return render(
        request,
        "workshop/setup/setup.html",
        {
            "workshop": workshop,
            "day_count": workshop.days.count(),
            "room_count": workshop.rooms.count(),
            "stages": workshop.stages.order_by("position"),
            "outside": [session for sessions in outside.values() for session in sessions],
            "erasure_date": erasure_date(workshop),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def setup_workshop(request, slug):
    workshop = _organized_workshop(request, slug)
    form = WorkshopForm(
        request.POST if request.method == "POST" else None, instance=copy.copy(workshop)
    )
    if form.is_valid():
        try:
            fitted = save_workshop(
                form.instance, remove_days_left_out=form.cleaned_data["remove_days"]
            )
        except ValueError:
            form.add_error(
                None,
                _("Meanwhile sessions were planned on the days the new dates leave out."),
            )
        else:
            messages.success(request, _("The workshop is saved."))
            if fitted.added:
                messages.info(request, _days_message(fitted.added, added=True))
            if fitted.removed:
                messages.info(request, _days_message(fitted.removed, added=False))
            if fitted.renumbered:
                messages.info(request, _("The days are numbered again from the first day."))
            return redirect("setup", workshop.slug)
    context = {"workshop": workshop, "form": form}
    return render(request, "workshop/setup/workshop_form.html", context)


def _days_message(days, *, added: bool) -> str:
    params = {"count": len(days), "days": ", ".join(day_label(day) for day in days)}
    if added:
        return (
            ngettext(
                "%(count)s day added for the new dates: %(days)s.",
                "%(count)s days added for the new dates: %(days)s.",
                len(days),
            )
            % params
        )
    return (
        ngettext("%(count)s day removed: %(days)s.", "%(count)s days removed: %(days)s.", len(days))
        % params
    )


@require_safe
@login_required
def setup_days(request, slug):
    workshop = _organized_workshop(request, slug)
    outside = _outside_by_day(workshop)
    days = workshop.days.select_related("focus_stage", "meeting_point").order_by("number")
    return render(
        request,
        "workshop/setup/days.html",
        {"workshop": workshop, "days": [(day, outside.get(day.pk, [])) for day in days]},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def setup_day(request, slug, number):
    """A day's hours and notes; htmx edits it in place in the list of days. Once saved, the
    day's sessions that no longer fit its hours are listed with links to change them."""
    workshop = _organized_workshop(request, slug)
    day = get_object_or_404(
        workshop.days.select_related("focus_stage", "meeting_point"), number=number
    )
    day.workshop = workshop
    form = DayForm(request.POST if request.method == "POST" else None, instance=day)
    if form.is_valid():
        form.save()
        outside = sessions_outside_their_day(
            day.sessions.select_related("day").order_by("starts_at", "title")
        )
        if outside:
            saved = ngettext(
                "Day %(number)s is saved. %(count)s session no longer fits its hours: change it "
                "or remove it.",
                "Day %(number)s is saved. %(count)s sessions no longer fit its hours: change "
                "them or remove them.",
                len(outside),
            ) % {"number": day.number, "count": len(outside)}
        else:
            saved = _("Day %(number)s is saved.") % {"number": day.number}
        if request.htmx:
            return render(
                request,
                "workshop/setup/days.html#day",
                {"workshop": workshop, "day": day, "outside": outside, "saved": saved},
            )
        (messages.warning if outside else messages.success)(request, saved)
        return redirect(f"{reverse('setup_days', args=[workshop.slug])}#day-{day.number}")
    return render_page(
        request,
        "workshop/setup/day_form.html",
        {"workshop": workshop, "day": day, "form": form},
        partial="form",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def setup_rooms(request, slug):
    """The workshop's rooms, and a form to add one."""
    workshop = _organized_workshop(request, slug)
    form = RoomForm(request.POST if request.method == "POST" else None, workshop=workshop)
    if form.is_valid():
        room = form.save()
        messages.success(request, _("%(room)s is added.") % {"room": room.name})
        return redirect("setup_rooms", workshop.slug)
    rooms = workshop.rooms.annotate(session_count=Count("sessions")).order_by("name")
    return render(
        request, "workshop/setup/rooms.html", {"workshop": workshop, "rooms": rooms, "form": form}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def setup_room(request, slug, pk):
    workshop = _organized_workshop(request, slug)
    room = get_object_or_404(workshop.rooms, pk=pk)
    form = RoomForm(
        request.POST if request.method == "POST" else None,
        instance=copy.copy(room),
        workshop=workshop,
    )
    if form.is_valid():
        form.save()
        messages.success(request, _("%(room)s is saved.") % {"room": form.instance.name})
        return redirect("setup_rooms", workshop.slug)
    return render(
        request, "workshop/setup/room_form.html", {"workshop": workshop, "room": room, "form": form}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def setup_room_delete(request, slug, pk):
    """Asks first, saying how many sessions lose their room: they stay, with no room."""
    workshop = _organized_workshop(request, slug)
    room = get_object_or_404(workshop.rooms, pk=pk)
    session_count = room.sessions.count()
    if request.method == "POST":
        room.delete()
        messages.success(
            request,
            ngettext(
                "%(room)s is removed; %(count)s session has no room now.",
                "%(room)s is removed; %(count)s sessions have no room now.",
                session_count,
            )
            % {"room": room.name, "count": session_count},
        )
        return redirect("setup_rooms", workshop.slug)
    released_count = ReleasedSession.objects.filter(
        room=room, release_id=workshop.latest_release_id
    ).count()
    return render(
        request,
        "workshop/setup/room_delete.html",
        {
            "workshop": workshop,
            "room": room,
            "session_count": session_count,
            "released_count": released_count,
        },
    )


@require_safe
@login_required
def setup_stages(request, slug):
    workshop = _organized_workshop(request, slug)
    return _stages_page(request, workshop)


def _stages_page(request, workshop):
    stages = list(workshop.stages.order_by("position"))
    return render_page(
        request,
        "workshop/setup/stages.html",
        {"workshop": workshop, "stages": stages},
        partial="stages",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def setup_stage(request, slug, pk):
    workshop = _organized_workshop(request, slug)
    stage = get_object_or_404(workshop.stages, pk=pk)
    form = StageForm(request.POST if request.method == "POST" else None, instance=copy.copy(stage))
    if form.is_valid():
        saved = form.save()
        messages.success(request, _("%(stage)s is saved.") % {"stage": saved.label})
        return redirect("setup_stages", workshop.slug)
    return render(
        request,
        "workshop/setup/stage_form.html",
        {"workshop": workshop, "stage": stage, "form": form},
    )


@require_POST
@login_required
def setup_stage_move(request, slug, pk):
    """One place up or down in the order; htmx swaps the list in place."""
    workshop = _organized_workshop(request, slug)
    stage = get_object_or_404(workshop.stages, pk=pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponseBadRequest(_("Move a stage up or down."))
    move_stage(stage, up=direction == "up")
    if request.htmx:
        return _stages_page(request, workshop)
    return redirect("setup_stages", workshop.slug)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def setup_new_edition(request, slug):
    """Start next year's workshop from this one: days, stages, rooms, groups and the session
    plan come along; children and releases do not."""
    previous = _organized_workshop(request, slug)
    form = NewEditionForm(request.POST or None, previous=previous)
    if request.method == "POST" and form.is_valid():
        workshop = new_edition(previous, by=request.user, **form.cleaned_data)
        messages.success(
            request,
            _(
                "%(workshop)s is ready, with the days, rooms, groups and sessions of "
                "%(previous)s. Add its children, then release its schedule to families."
            )
            % {"workshop": workshop.title, "previous": previous.title},
        )
        return redirect("setup", workshop.slug)
    return render(request, "workshop/setup/new_edition.html", {"workshop": previous, "form": form})
